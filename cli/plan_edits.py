"""``itaplan review PLAN --budget … --signer …``: a measure's budget and who signs the documents set from the command
line, as the web app's edit and sign-off forms set them (``app.amend``: the same reading, the same messages).

Every value is read before anything is written: one bad value (an amount that is no number, a role that is not
one of the sign-off's, a measure not in the plan) is an error naming it, exit status 2, and the plan file is left
as it was."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from itaplan.app import amend
from itaplan.base.errors import InputError, Problem, UsageError
from itaplan.cli.common import _echo
from itaplan.cli.review import review_index, shown_number
from itaplan.content.catalogue import Catalogue
from itaplan.drafting.model import Signatory
from itaplan.drafting.plan import is_plan_file, load_plan, measure_numbers

BUDGET_PLACE = "itaplan review --budget"
SIGNER_PLACE = "itaplan review --signer"


def signoff_role(typed: str, catalogue: Catalogue) -> str | None:
    """The sign-off role ``typed`` names: the plan file's word (prepared, proposed, approved, reporter,
    acknowledged) or the documents' Thai one (``signoff_<role>`` of the catalogue's texts: ผู้จัดทำ …)."""
    word = " ".join(typed.split()).casefold()
    for role in amend.SIGNOFF_ROLES:
        if word in (role, catalogue.text(f"signoff_{role}").strip().casefold()):
            return role
    return None


def set_budgets_and_signers(source: str, budgets: tuple[str, ...], signers: tuple[str, ...],
                            catalogue: Catalogue) -> None:
    """``--budget`` and ``--signer``: every value read first, then written (a bad one: nothing written)."""
    chosen = read_budgets(source, budgets) if budgets else []
    form = read_signers(source, signers, catalogue) if signers else None
    if chosen:
        write_budgets(source, chosen)
    if form is not None:
        plan = amend.set_signatories(Path(source), form)
        _print_signers(plan.get("agency", {}).get("signatories") or {}, catalogue)


def read_budgets(source: str, given: tuple[str, ...]) -> list[tuple[str, str]]:
    """``--budget N|TITLE|ID=BAHT`` (repeatable): the measures' ids and the amounts as typed, each read as the web's
    edit form reads it (``amend.budget_amount``: baht, 0 or more, Thai digits and thousands commas; =BAHT left empty
    removes it); every bad one named at once."""
    if not is_plan_file(source):
        raise UsageError(Problem(BUDGET_PLACE, f"sets a budget in a plan file (from draft -o plan.yaml); '{source}' "
                                               "is not one"))
    plan = load_plan(source)
    chosen: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for typed in given:
        measure, sep, amount = typed.rpartition("=")  # a title may hold '=', an amount never does
        if not sep or not measure.strip():
            raise UsageError(Problem(BUDGET_PLACE, f"'{typed[:40]}' is not MEASURE=BAHT: give the measure's number, "
                                                   "title or id, '=' and the amount, e.g. 1=30000 (1= removes it); "
                                                   "nothing was saved"))
        index = review_index(plan, measure, BUDGET_PLACE)
        try:
            amend.budget_amount(amount)
        except InputError as exc:
            problems += [Problem(BUDGET_PLACE, f"measure {measure.strip()}: {p.message}") for p in exc.problems]
            continue
        chosen.append((plan["measures"][index]["id"], amount))
    if problems:
        raise InputError(problems + [Problem(BUDGET_PLACE, "nothing was saved")])
    return chosen


def write_budgets(source: str, chosen: list[tuple[str, str]]) -> None:
    """The budgets read (``read_budgets``) set in the plan file, each measure's said with its number and title."""
    for mid, amount in chosen:
        amend.set_budget(Path(source), mid, amount)
    plan = load_plan(source)
    numbers = measure_numbers(plan)
    for mid, _ in chosen:
        measure_now = next(m for m in plan["measures"] if m["id"] == mid)
        number, title, baht = shown_number(numbers, measure_now), measure_now["title"], amend.budget_text(plan, mid)
        if baht == "0":
            _echo(f"measure {number} ({title}): needs no budget; its project card and the action-plan table say it uses "
                  "none")
        elif baht:
            _echo(f"measure {number} ({title}): budget {baht} baht, printed on its project card and in the "
                  "action-plan table")
        else:
            _echo(f"measure {number} ({title}): budget removed; the project card prints it as not set")


def signer_form(source: str, given: tuple[str, ...], catalogue: Catalogue) -> dict[str, str]:
    """The sign-off form's fields (``amend.signatory_form``) with each ``ROLE=NAME[;POSITION]`` typed over the
    plan's: a position left out keeps the one recorded; ``ROLE=`` removes the role."""
    form = amend.signatory_form(load_plan(source))
    roles = ", ".join(f"{role} ({catalogue.text(f'signoff_{role}')})" for role in amend.SIGNOFF_ROLES)
    for typed in given:
        word, sep, person = typed.partition("=")
        role = signoff_role(word, catalogue)
        if not sep or role is None:
            raise UsageError(Problem(SIGNER_PLACE, f"'{typed[:40]}' is not ROLE=NAME;POSITION with a role of the "
                                                   f"sign-off: {roles}; nothing was saved"))
        name, _, position = (part.strip() for part in person.partition(";"))
        if not name and position:
            raise UsageError(Problem(SIGNER_PLACE, f"'{typed[:40]}' gives a position with no name: give the name "
                                                   "first (ROLE=NAME;POSITION); nothing was saved"))
        form[f"{role}-name"] = name
        if not name:  # the role removed: the documents print blank lines (or the usual position) again
            form[f"{role}-position"] = form[f"{role}-date"] = ""
        elif position:
            form[f"{role}-position"] = position
    return form


def read_signers(source: str, given: tuple[str, ...], catalogue: Catalogue) -> dict[str, str]:
    """``--signer ROLE=NAME[;POSITION]`` (repeatable): the sign-off form as it will be set, read as the web's
    sign-off form is read (``amend.read_signatory_form``); every problem named at once."""
    if not is_plan_file(source):
        raise UsageError(Problem(SIGNER_PLACE, f"sets who signs in a plan file (from draft -o plan.yaml); '{source}' "
                                               "is not one"))
    form = signer_form(source, given, catalogue)
    _, problems = amend.read_signatory_form(form)
    if problems:
        raise InputError([Problem(SIGNER_PLACE, p.message) for p in problems]
                         + [Problem(SIGNER_PLACE, "nothing was saved")])
    return form


def _print_signers(signatories: Mapping[str, Signatory], catalogue: Catalogue) -> None:
    """Who signs now, role by role, as the plan file holds it."""
    for role in amend.SIGNOFF_ROLES:
        person: Signatory = signatories.get(role) or {}
        word = catalogue.text(f"signoff_{role}")
        name = person.get("name")
        if name:
            position = f", {person['position']}" if person.get("position") else ""
            _echo(f"sign-off {role} ({word}): {name}{position}")
        else:
            _echo(f"sign-off {role} ({word}): no name set (the documents leave a line to write the name on)")

