"""Patterns that read the documents' own sentences back, built from the catalogue's templates in force (the
workspace's wording included), so that a reworded sentence is still read and checked, not passed over.

A template such as ``{agency} … ได้คะแนนรวม {total} คะแนน อยู่ในระดับ {level}`` becomes a regular expression
whose literal parts are the template's own text and whose fields are named groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itaplan.content.catalogue import Catalogue
from itaplan.content.texts import ANY, NUMBER, template_pattern
from itaplan.ruling.provenance import tool_label


@dataclass(frozen=True)
class Patterns:
    """The sentences check reads, in the wording of the catalogue it is given."""

    total: re.Pattern[str]  # the overall result: groups total, level and (when printed) label
    passed: re.Pattern[str]  # the clause saying the total meets the target
    failed: re.Pattern[str]  # the clause saying it does not
    total_change: re.Pattern[str]  # the total against last year's: previous_total, direction, change, percent
    tools: re.Pattern[str]  # the tools' scores line: its list in group ``tools``
    tool_score: re.Pattern[str]  # one tool in that list: tool, score (a number or the no-data word)
    tool_gap: re.Pattern[str]  # a tool below the target: tool, gap
    rose: re.Pattern[str]  # an indicator's rise: change, previous, previous_year
    fell: re.Pattern[str]  # an indicator's fall: change, previous, previous_year
    gap: re.Pattern[str]  # an indicator below the target: gap
    tool_keys: dict[str, str]  # a tool's name as the documents print it -> its key (IIT, EIT, EIT1, EIT2, OIT)
    up: str
    down: str
    no_data: str

    @classmethod
    def of(cls, catalogue: Catalogue) -> Patterns:
        text = catalogue.text
        overall = template_pattern(text("overall"), {"agency": ANY})
        label = template_pattern(text("overall_label"))
        up, down = text("up"), text("down")
        names = {tool_label(key, catalogue): key for key in ("IIT", "EIT", "EIT1", "EIT2", "OIT")}
        tool = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        direction = f"{re.escape(up)}|{re.escape(down)}"
        return cls(
            total=re.compile(f"{overall}(?:{label})?"),
            passed=re.compile(template_pattern(text("overall_passed"))),
            failed=re.compile(template_pattern(text("overall_failed"))),
            total_change=re.compile(template_pattern(text("change_total"), {"direction": direction})),
            tools=re.compile(template_pattern(text("tools"), {"tools": ".+"})),
            tool_score=re.compile(f"(?P<tool>{tool}) (?P<score>{NUMBER}|{re.escape(text('no_data'))})"),
            tool_gap=re.compile(template_pattern(text("tool_below"), {"tool": tool})),
            rose=re.compile(template_pattern(text("line_change_up"))),
            fell=re.compile(template_pattern(text("line_change_down"))),
            gap=re.compile(template_pattern(text("line_gap"))),
            tool_keys=names, up=up, down=down, no_data=text("no_data"))
