"""The interface in Thai or English: what the command line prints, translated on the way out.

The program's messages are written once, in English, in the code; a gettext catalogue
(``engine/locale/th/LC_MESSAGES/itaplan.po``) gives the Thai of each. A msgid may hold ``{name}`` fields
that stand for the varying parts of a message (a file name, a code, a score): the line printed is matched
against the msgids, its fields are translated in turn, and put into the msgstr. Thai is chosen by
``--lang th``, ``ITAPLAN_LANG=th``, or a Thai locale (``LANG=th_TH.UTF-8``); English otherwise.
Documents are Thai whatever the language: this is only the interface.

The catalogue's msgids are extracted from the source by Babel (``babel.cfg``, :mod:`engine.i18n_extract`) and
compiled to ``itaplan.mo`` when the package is built (``setup.py``); a source checkout, which has no compiled
catalogue, reads the ``.po`` itself.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from itaplan.base.errors import Problem

LOCALE_DIR = Path(__file__).parent / "locale"
_FIELD = re.compile(r"\{([a-z][a-z0-9_]*)\}")
NUMBER_FIELDS = {"line", "column"}


def verbatim(field: str) -> bool:
    """A field that holds what someone typed or a file holds (``{typed…}``, ``{on_file}``): shown as it is, never
    translated (an officer's own 'started' is not the catalogue's word 'started')."""
    return field.startswith("typed") or field == "on_file"


def language() -> str:
    chosen = os.environ.get("ITAPLAN_LANG", "").strip().lower()
    if chosen in ("th", "en"):
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"


def _unquote(text: str) -> str:
    inner = text.strip()[1:-1]
    return inner.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (single and continued lines; fuzzy and empty entries left out)."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    target = ""
    fuzzy = False

    def flush() -> None:
        if msgid and msgstr and not fuzzy:
            entries[msgid] = msgstr

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            flush()
            msgid, msgstr, target = _unquote(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, target = _unquote(line[7:]), "str"
        elif line.startswith('"') and target == "id":
            msgid = (msgid or "") + _unquote(line)
        elif line.startswith('"') and target == "str":
            msgstr = (msgstr or "") + _unquote(line)
        elif not line:
            flush()
            msgid = msgstr = None
            target, fuzzy = "", False
    flush()
    return entries


def messages(lang: str) -> dict[str, str]:
    """msgid -> msgstr: from the compiled catalogue of an installed package, else from the .po (source tree)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "itaplan.po"
    mo = po.with_suffix(".mo")
    if mo.exists():
        import gettext

        with mo.open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        catalog: dict = compiled._catalog  # type: ignore[attr-defined]  # noqa: SLF001
        return {k: v for k, v in catalog.items() if isinstance(k, str) and k and v}
    return read_po(po) if po.exists() else {}


_QUOTED_FIELD = re.compile(r"""(['"`])\{([a-z][a-z0-9_]*)\}\1""")


@lru_cache(maxsize=None)
def catalogue(lang: str) -> tuple[dict[str, str], list[tuple[re.Pattern, str, list[str], frozenset[str]]]]:
    """Exact messages, and patterns (msgids with fields) from the longest to the shortest; with each pattern, its
    quoted fields (``'{name}'``): what the user wrote (a key, a code, an id), never translated ('question' is a
    key of the rule file, not the catalogue's word for a question)."""
    exact: dict[str, str] = {}
    patterns = []
    for msgid, msgstr in messages(lang).items():
        msgid, msgstr = msgid.strip(), msgstr.strip()  # a printed line is matched without its indent
        fields = _FIELD.findall(msgid)
        quoted = frozenset(name for _, name in _QUOTED_FIELD.findall(msgid))
        if not fields:
            exact[msgid] = msgstr
            continue
        regex = "".join((r"(?P<%s>\d+)" % m if m in NUMBER_FIELDS else f"(?P<{m}>.+?)") if i % 2 else re.escape(m)
                        for i, m in enumerate(_FIELD.split(msgid)))
        literal = len(_FIELD.sub("", msgid))
        patterns.append((literal, re.compile(regex + r"\Z", re.S), msgstr, fields, quoted))
    patterns.sort(key=lambda p: -p[0])  # the most specific message first: the most words of its own
    return exact, [(regex, msgstr, fields, quoted) for _, regex, msgstr, fields, quoted in patterns]


def problem_text(problem: object, lang: str | None = None) -> str:
    """A located problem in the interface language: its message translated on its own, then its location, so
    that a message that happens to end like another one is never matched across the location."""

    lang = lang or language()
    if lang == "en" or not isinstance(problem, Problem):
        return str(problem)
    shown = replace(problem, message=translate(problem.message, lang))
    return translate(str(shown), lang)


def translate_block(text: str | None, lang: str | None = None) -> str | None:
    """A help text or other block: the whole of it when the catalogue has it, else line by line."""
    lang = lang or language()
    if lang == "en" or not text:
        return text
    import inspect

    exact, _ = catalogue(lang)
    return exact.get(inspect.cleandoc(text), None) or translate(text, lang)


def translate(text: str, lang: str | None = None, depth: int = 0) -> str:
    """``text`` in the interface language, line by line; a line no entry matches is left as it is."""
    lang = lang or language()
    if lang == "en" or not text:
        return text
    if "\n" in text:
        return "\n".join(translate(line, lang, depth) for line in text.split("\n"))
    exact, patterns = catalogue(lang)
    stripped = text.strip()
    if stripped in exact:
        return text.replace(stripped, exact[stripped])
    if depth > 4:
        return text
    for regex, template, fields, quoted in patterns:
        found = regex.match(stripped)
        if found:
            values = {f: found.group(f) if verbatim(f) or f in quoted else translate(found.group(f), lang, depth + 1)
                      for f in fields}
            out = template
            for name, value in values.items():
                out = out.replace("{" + name + "}", value)
            return text.replace(stripped, out)
    keyed = _KEY_PATH.match(stripped)  # "rules[0].when: <message>": the path to a key as written, then a message
    if keyed:
        rest = translate(keyed.group(2), lang, depth + 1)
        if rest != keyed.group(2):
            return text.replace(stripped, keyed.group(1) + rest)
    return text


# (an item of a list with an id is named by it: "rules[1] (office.claims).when: <message>")
_KEY_PATH = re.compile(r"([A-Za-z_](?:[\w.\[\]-]| \([^()\s]+\))*: )(.+)\Z", re.S)


@lru_cache(maxsize=None)
def ui_entries(lang: str) -> dict[str, str]:
    """msgid -> msgstr of the web app's words (``web.po``)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "web.po"
    return read_po(path) if path.exists() else {}


def ui_text(msgid: str, lang: str, **values: object) -> str:
    """One of the web app's words in ``lang``, its ``{fields}`` filled in after translation."""
    text = msgid if lang == "en" else ui_entries(lang).get(msgid, msgid)
    return text.format(**values) if values else text
