"""The wording of the documents: the catalogue's ``texts`` (settings.yaml, with the workspace's layers applied),
filled with values, in Thai or Arabic digits. Every renderer and the report take their sentences from here; and
the same templates as patterns, to read a sentence back (check, the upgrade of older plans)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from string import Formatter
from typing import Any

from itaplan.base.thai import fmt_change, fmt_score, outside_links, spaced, to_thai, typed_to_thai
from itaplan.content.catalogue import Catalogue


class Texts:
    """Document wording from the catalogue's ``texts`` (settings.yaml), with Thai digits when asked."""

    def __init__(self, catalogue: Catalogue, thai_digits: bool = False, variant: str = ""):
        self.catalogue = catalogue
        self.thai_digits = thai_digits
        self.variant = variant  # a kind of document whose sentences differ: ``key_<variant>`` before ``key``

    def __call__(self, key: str, **values: object) -> str:
        if self.variant and f"{key}_{self.variant}" in self.catalogue.texts:
            key = f"{key}_{self.variant}"
        return self.digits(spaced(self.catalogue.text(key).format(**values)))

    def of(self, variant: str) -> Texts:
        """The same wording for a kind of document whose sentences differ where the catalogue has a ``key_<variant>``
        (the report on an action plan, ``action_plan``, counts projects and activities, not measures)."""
        return Texts(self.catalogue, self.thai_digits, variant)

    def digits(self, text: str) -> str:
        """Thai digits when asked, web addresses left as they are."""
        return outside_links(text, to_thai) if self.thai_digits else text

    def typed(self, text: str) -> str:
        """An officer's text (what was done, outcome, evidence, suggestion, reason, note) as ``digits`` puts the
        document's own, its web and e-mail addresses, codes and ids left as typed."""
        return typed_to_thai(text) if self.thai_digits else text

    def with_typed(self, key: str, name: str, value: str, **values: object) -> str:
        """A sentence of ``key`` with the officer's ``value`` as its ``{name}``: the sentence in the document's
        digits, the value as ``typed`` gives it."""
        marker = "\x00"
        return self(key, **{name: marker}, **values).replace(marker, self.typed(value))

    def score(self, value: float | None) -> str:
        return self.catalogue.text("no_data") if value is None else fmt_score(value, self.thai_digits)

    def change(self, value: float | None) -> str:
        return self.catalogue.text("no_data") if value is None else fmt_change(value, self.thai_digits)


def codes_text(measure: Mapping[str, Any], t: Texts) -> str:
    parts = measure.get("parts") or {}
    out = []
    for code in measure.get("codes", []):
        p = parts.get(code)
        out.append(f"{code} ({t('eit_part', parts=', '.join(map(str, p)))})" if p else code)
    return t.digits(", ".join(out))


NUMBER = r"-?\d+(?:\.\d+)?"
WORD = r"\S+"
ANY = r".+?"
FIELDS = {"total": NUMBER, "target": NUMBER, "gap": NUMBER, "score": NUMBER, "previous": NUMBER, "change": NUMBER,
          "percent": NUMBER, "fiscal_year": r"\d{4}", "year": r"\d{4}", "level": WORD, "label": WORD}


def template_pattern(template: str, fields: dict[str, str] | None = None) -> str:
    """The regular expression (as text) of one template: literal text escaped (runs of spaces match any run of
    spaces), each ``{field}`` a named group of its kind (a number, a word, or any text); a field used twice
    matches the same text twice."""
    kinds = {**FIELDS, **(fields or {})}
    out, seen = [], set()
    for literal, name, _spec, _conv in Formatter().parse(template):
        out.append(r"\s+".join(re.escape(part) for part in literal.split(" ")) if literal else "")
        if name is None:
            continue
        key = re.sub(r"\W", "_", name)
        if key in seen:
            out.append(f"(?P={key})")
        else:
            seen.add(key)
            out.append(f"(?P<{key}>{kinds.get(name, ANY)})")
    return "".join(out)


def around(template: str, field: str) -> tuple[str, str]:
    """The literal text just before and just after ``{field}`` in a template (up to the neighbouring fields), so
    that a sentence can be found by the words the catalogue in force puts around one of its values."""
    parts = list(Formatter().parse(template))
    for index, (literal, name, _spec, _conv) in enumerate(parts):
        if name == field:
            after = parts[index + 1][0] if index + 1 < len(parts) else ""
            return literal, after
    return "", ""


def after_field(template: str, field: str) -> str:
    """The template from just after ``{field}`` to its end (the rest of a sentence that names, say, a code)."""
    marker = "{" + field + "}"
    return template.split(marker, 1)[1] if marker in template else ""
