"""Patterns that read the documents' own sentences back, built from the catalogue's templates in force (the
workspace's wording included), so that a reworded sentence is still read and checked, not passed over.

A template such as ``{agency} … ได้คะแนนรวม {total} คะแนน อยู่ในระดับ {level}`` becomes a regular expression
whose literal parts are the template's own text and whose fields are named groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itaplan.content.catalogue import Catalogue
from itaplan.content.texts import ANY, template_pattern


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
