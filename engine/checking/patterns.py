"""Patterns that read the documents' own sentences back, built from the catalogue's templates in force (the
workspace's wording included), so that a reworded sentence is still read and checked, not passed over.

A template such as ``{agency} … ได้คะแนนรวม {total} คะแนน อยู่ในระดับ {level}`` becomes a regular expression
whose literal parts are the template's own text and whose fields are named groups.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from itaplan.content.catalogue import Catalogue
from itaplan.content.texts import ANY, NUMBER, after_field, around, template_pattern
from itaplan.ruling.provenance import tool_label


@dataclass(frozen=True)
class StakeReaders:
    """The what-if sentences as the catalogue in force words them (a ranked fix, a goal line, a measure row's
    points at stake), as patterns with named groups."""

    improve: re.Pattern[str]  # after a question's code: target, to_target, to_max
    improve_max: re.Pattern[str]  # after a question's code: to_max (at 100)
    publish: re.Pattern[str]  # after an item's code: to_max (when met)
    goal: re.Pattern[str]  # a goal line: goal, rest
    already: str  # the rest of a goal line for a goal already reached
    path: re.Pattern[str]  # the rest of a goal line reached by fixes: actions, codes, total, level, label
    short: re.Pattern[str]  # the same, not reached by them
    code: re.Pattern[str]  # a code of that list: group 1, its EIT part group 2
    more: re.Pattern[str]  # "and N more": count
    publish_count: re.Pattern[str]  # count
    improve_count: re.Pattern[str]  # count
    row: re.Pattern[str]  # a measure's row: to_target, target, to_max
    row_max: re.Pattern[str]  # to_max (at 100)
    row_oit: re.Pattern[str]  # to_max (when met)
    label_prefix: str  # what stands before the label in the goal line's label clause

    @classmethod
    def of(cls, catalogue: Catalogue) -> StakeReaders:
        text = catalogue.text
        fields = {"target": NUMBER, "to_target": NUMBER, "to_max": NUMBER, "score": NUMBER, "title": ANY,
                  "part": ".*?", "actions": ANY, "codes": ANY, "total": NUMBER, "level": r"\S+",
                  # the label clause whole (" ผลการประเมินผ่าน" in the built-in wording), or nothing
                  "label": "(?:" + r"\s*".join(map(re.escape, around(text("whatif_label"), "label"))) .replace(
                      r"\s*", r"[^ ]+", 1) + ")?",
                  "count": r"\d+"}
        before, after = around(text("whatif_goal_already"), "goal")
        separator = after[: after.index(":") + 1] if ":" in after else ""

        def tail(key: str, field: str) -> str:
            return template_pattern(after_field(text(key), field), fields)

        def rest(key: str) -> str:
            return template_pattern(after_field(text(key), "goal").removeprefix(separator).lstrip(), fields)

        return cls(
            improve=re.compile(tail("whatif_improve", "code")),
            improve_max=re.compile(tail("whatif_improve_max", "code")),
            publish=re.compile(tail("whatif_publish", "code")),
            goal=re.compile(r"^(?:- )?" + re.escape(before) + r"(?P<goal>.+?)" + re.escape(separator) +
                            r"\s*(?P<rest>.*)$"),
            already=after.removeprefix(separator).strip(),
            path=re.compile("^" + rest("whatif_goal_path") + "$"),
            short=re.compile("^" + rest("whatif_goal_short") + "$"),
            code=re.compile(r"([ieoIEO]\d+)(?:" + template_pattern(text("point_part"), {"part": r"\d"}) + ")?"),
            more=re.compile(template_pattern(text("whatif_more").strip(), fields)),
            publish_count=re.compile(template_pattern(text("whatif_publish_count"), fields)),
            improve_count=re.compile(template_pattern(text("whatif_improve_count"), fields)),
            row=re.compile(template_pattern(text("row_stake"),
                                            {**fields, "oit": f"(?:{re.escape(text('row_stake_oit_too'))})?"})),
            row_max=re.compile(template_pattern(text("row_stake_max"), fields)),
            row_oit=re.compile(template_pattern(text("row_stake_oit"), fields)),
            label_prefix=around(text("whatif_label"), "label")[0])


@dataclass(frozen=True)
class Patterns:
    """The sentences check reads, in the wording of the catalogue it is given."""

    total: re.Pattern[str]  # the overall result: groups total, level and (when printed) label
    passed: re.Pattern[str]  # the clause saying the total meets the target
    failed: re.Pattern[str]  # the clause saying it does not
    total_change: re.Pattern[str]  # the total against last year's: previous_total, direction, change, percent
    # the same, said of last year's total as published (when it does not follow from that year's indicators)
    total_change_published: re.Pattern[str]
    tools: re.Pattern[str]  # the tools' scores line: its list in group ``tools``
    tool_score: re.Pattern[str]  # one tool in that list: tool, score (a number or the no-data word)
    tool_gap: re.Pattern[str]  # a tool below the target: tool, gap
    rose: re.Pattern[str]  # an indicator's rise: change, previous, previous_year
    fell: re.Pattern[str]  # an indicator's fall: change, previous, previous_year
    gap: re.Pattern[str]  # an indicator below the target: gap
    code_at: re.Pattern[str]  # where a question or item is named: group 1 its code
    indicator_at: re.Pattern[str]  # where an indicator is named: group 1 its number
    indicator_word: str  # the word that names an indicator ("ตัวชี้วัดที่" in the built-in wording)
    score: re.Pattern[str]  # a score said of what is named: group 1
    limit: re.Pattern[str]  # the limit a fact was found below: group 1
    part: re.Pattern[str]  # an EIT part named after a question: group 1
    failed_item: str  # what follows an OIT item's title when it is not met
    no_successor: re.Pattern[str]  # an old item whose place in the plan year's framework is not known
    row_stake: str  # how a measure's row starts its points at stake
    cited_year: re.Pattern[str]  # an item cited with its year: group 1 the year, 2 and 3 the old code and its year
    gain: str  # what a ranked fix says it adds to the total
    goal: str  # how a goal's line starts
    threshold_codes: re.Pattern[str]  # a watched line's questions at the target, below an office's: target, threshold, codes
    # after a question's score, its other EIT part said in the same sentence ("… คะแนน และ (EIT ส่วนที่ 2) ได้ 88.20"):
    # group 1 the part, group 2 the score
    more_part: re.Pattern[str]
    over_target: tuple[re.Pattern[str], ...]  # after a question's score: at the target, below an office's threshold
    tool_keys: dict[str, str]  # a tool's name as the documents print it -> its key (IIT, EIT, EIT1, EIT2, OIT)
    stakes: StakeReaders
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
        code_before, _ = around(text("point_question"), "code")
        indicator_before, _ = around(text("line_indicator"), "number")
        score_before, score_after = around(text("line_indicator"), "score")
        limit_before, _ = around(text("limit_lt"), "value")
        part_before, part_after = around(text("point_part"), "part")
        # an item not met, as every sentence that says so words it (the analysis, the ranked fixes, the table)
        failed = os.path.commonprefix([around(text("point_item"), "title")[1].strip(),
                                       around(text("whatif_publish"), "title")[1].strip(),
                                       around(text("row_point_failed"), "code")[1].strip(), text("item_failed")])
        stake_before, _ = around(text("row_stake_max"), "to_max")
        code, words = r"([ieoIEO]\d+)\b", lambda literal: r"\s+".join(map(re.escape, literal.split()))
        year_before, year_after = around(text("serves_item"), "year")
        old_before, _ = around(text("serves_item"), "old_year")
        known_before, _ = around(text("note_report_item"), "known_year")
        whole_before, _ = around(text("whole_year"), "year")
        cited = "|".join(words(w) for w in (year_before, known_before.split()[-1] if known_before.split() else "",
                                              whole_before.split()[-1] if whole_before.split() else "") if w.strip())
        gain_before, _ = around(text("whatif_improve_max"), "to_max")
        goal_before, _ = around(text("whatif_goal_already"), "goal")
        # a list of codes as the analysis joins them ("i1, e9 (EIT ส่วนที่ 1) และ e10")
        joiner = "(?:, |" + re.escape(text("list_and")) + ")"
        # a code below in both EIT parts names them together: "e4 (EIT ส่วนที่ 1 และ 2)" (point_parts)
        parts_before, parts_after = around(text("point_parts"), "parts")
        one = (r"[ieoIEO]\d+(?:" + re.escape(part_before) + r"\d" + re.escape(part_after) + "|" +
               re.escape(parts_before) + rf"\d(?:{joiner}\d)+" + re.escape(parts_after) + ")?")
        # who set the threshold, as the sentences print it (threshold_set_by: one wording for all three)
        # — or an office's own wording (texts: threshold_set_by), which a check run outside its workspace does not
        # have: any words without a figure, as who set a threshold is not a number the check derives
        set_by = "(?:" + r"\s+".join(map(re.escape, str(text("threshold_set_by")).split())) + r"|[^\d\n]*?)"
        over = [template_pattern(after_field(text(key), "score"), {"threshold": NUMBER, "set_by": set_by})
                for key in ("point_question_threshold", "row_point_threshold")]
        # a question below an office's threshold in both EIT parts, said once for its parts: "ข้อ e4 (EIT ส่วนที่ 1) ได้
        # 86.02 คะแนน และ (EIT ส่วนที่ 2) ได้ 88.20 คะแนน ถึงค่าเป้าหมาย…" (row_point_threshold_parts)
        part_score = text("row_point_part_score")
        over += [template_pattern(after_field(part_score, "score") + after_field(text(key), "scores"),
                                  {"threshold": NUMBER, "set_by": set_by})
                 for key in ("point_question_threshold_parts", "row_point_threshold_parts")]
        between_before = around(part_score, "part")[0]
        more_part = (r"\s*" + words(after_field(part_score, "score")) + r"\s*" + words(text("and_also")) + r"\s*" +
                     words(between_before) + r"\s*" + words(part_before.strip()) + r"\s*(\d)\s*" +
                     words(part_after.strip()) + r"\s*" + words(around(part_score, "score")[0]) + rf"\s*({NUMBER})")
        return cls(
            threshold_codes=re.compile(template_pattern(text("line_threshold_codes"), {
                "threshold": NUMBER, "codes": f"{one}(?:{joiner}{one})*", "set_by": set_by})),
            more_part=re.compile(more_part),
            over_target=tuple(re.compile(r"^\s*" + o) for o in dict.fromkeys(over) if o.strip()),
            code_at=re.compile(words(code_before) + r"\s*" + code),
            indicator_at=re.compile(words(indicator_before) + r"\s*(\d+)\b"),
            indicator_word=indicator_before.strip(),
            score=re.compile(words(score_before) + rf"\s*({NUMBER})\s*" + words(score_after)),
            limit=re.compile(r"\(" + words(limit_before) + rf"\s*({NUMBER})\)"),
            part=re.compile(words(part_before) + r"\s*(\d)\s*" + words(part_after)),
            failed_item=failed.strip(),
            no_successor=re.compile(template_pattern(text("serves_unknown"))),
            row_stake=stake_before.strip(),
            cited_year=re.compile(rf"(?:{cited})\s*(\d{{4}})(?:{words(year_after)}\s*([ieoIEO]\d+)\s*"
                                  rf"{words(old_before)}\s*(\d{{4}}))?"),
            gain=gain_before.split()[-1] if gain_before.split() else gain_before,
            goal=goal_before.strip(),
            total=re.compile(f"{overall}(?:{label})?"),
            passed=re.compile(template_pattern(text("overall_passed"))),
            failed=re.compile(template_pattern(text("overall_failed"))),
            total_change=re.compile(template_pattern(text("change_total"), {"direction": direction})),
            total_change_published=re.compile(template_pattern(text("change_total_published"),
                                                               {"direction": direction})),
            tools=re.compile(template_pattern(text("tools"), {"tools": ".+"})),
            tool_score=re.compile(f"(?P<tool>{tool}) (?P<score>{NUMBER}|{re.escape(text('no_data'))})"),
            tool_gap=re.compile(template_pattern(text("tool_below"), {"tool": tool})),
            rose=re.compile(template_pattern(text("line_change_up"))),
            fell=re.compile(template_pattern(text("line_change_down"))),
            gap=re.compile(template_pattern(text("line_gap"))),
            tool_keys=names, up=up, down=down, no_data=text("no_data"), stakes=StakeReaders.of(catalogue))
