"""itaplan: a Thai agency's ITA results in, its improvement documents out.

The front door of the library. A program needs only these names::

    import itaplan

    session = itaplan.Session()                          # the workspace's layers (itaplan.yaml), else built-in
    card = session.scorecard("results.yaml")             # load_results + score, by the NACC's method
    plan = session.plan(card)                            # the rules, then the plan (analysis, measures, why)
    data = session.render(plan, "docx")                  # any of itaplan.FORMATS
    problems = itaplan.check_plan(plan, session.catalogue)

The stages, lowest first, are the folders of this package (each imports only from those before it):
``base`` (YAML with line numbers, errors, Thai digits and dates, the interface's language) → ``ita``
(frameworks, results and their readers, scoring, what-if) → ``content`` (the recommendation catalogue and the
documents' wording) → ``ruling`` (rule files, facts, the two evaluators, explain) → ``drafting`` (the plan:
analysis, stakes, measures, decisions, the plan file) → ``followup`` (progress, the report, import of hand-made
tables) → ``render`` (the output formats) → ``checking`` (check of a plan or of a hand-made document) → ``app``
(the session, the workspace, batch, rules diff); then the interfaces ``itaplan.web`` and ``itaplan.cli``.

The names below are imported when first used, so ``import itaplan`` itself costs nothing.
"""

from __future__ import annotations

from itaplan.base.version import __version__

_EXPORTS = {
    "Session": "itaplan.app.session",
    "load_results": "itaplan.ita.loader",
    "INPUT_FORMATS": "itaplan.ita.loader",
    "score": "itaplan.ita.scoring",
    "Scorecard": "itaplan.ita.scoring",
    "whatif": "itaplan.ita.whatif",
    "render": "itaplan.render.dispatch",
    "render_report": "itaplan.render.dispatch",
    "FORMATS": "itaplan.render",
    "build_report": "itaplan.followup.report",
    "load_plan": "itaplan.drafting.plan",
    "check_plan": "itaplan.checking.check",
    "check_document": "itaplan.checking.check_document",
    "ItaplanError": "itaplan.base.errors",
    "InputError": "itaplan.base.errors",
    "RuleError": "itaplan.base.errors",
    "UsageError": "itaplan.base.errors",
    "Problem": "itaplan.base.errors",
    "ExitStatus": "itaplan.base.errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        from importlib import import_module

        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'itaplan' has no attribute {name!r}")
