"""Patterns that read the documents' own sentences back, built from the catalogue's templates in force (the
workspace's wording included), so that a reworded sentence is still read and checked, not passed over.

A template such as ``{agency} … ได้คะแนนรวม {total} คะแนน อยู่ในระดับ {level}`` becomes a regular expression
whose literal parts are the template's own text and whose fields are named groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Formatter

from itaplan.content.catalogue import Catalogue

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


@dataclass(frozen=True)
class Patterns:
    """The sentences check reads, in the wording of the catalogue it is given."""

    total: re.Pattern[str]  # the overall result: groups total, level and (when printed) label
    passed: re.Pattern[str]  # the clause saying the total meets the target
    failed: re.Pattern[str]  # the clause saying it does not

    @classmethod
    def of(cls, catalogue: Catalogue) -> Patterns:
        overall = template_pattern(catalogue.text("overall"), {"agency": ANY})
        label = template_pattern(catalogue.text("overall_label"))
        return cls(re.compile(f"{overall}(?:{label})?"), re.compile(template_pattern(catalogue.text("overall_passed"))),
                   re.compile(template_pattern(catalogue.text("overall_failed"))))
