"""``itaplan check``: drafted plans agree with themselves on random results; altered text is caught; the CLI."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itaplan.app.session import Session
from itaplan.checking.check import check_plan
from itaplan.cli import main
from itaplan.content.catalogue import load_catalogue
from itaplan.ita.framework import load_framework
from itaplan.ita.loader import from_mapping
from itaplan.ita.scoring import score
from itaplan.ruling.evaluate import durable_available

CATALOGUE = load_catalogue()
SETUPS = {name: Session(engine=name) for name in ["pure"] + (["durable"] if durable_available() else [])}
EXAMPLE_2568 = Path(__file__).parent / "data" / "example-2568.yaml"  # FY2568 results, whose figures these tests name
scores = st.one_of(st.sampled_from([0.0, 50.0, 79.99, 84.99, 85.0, 85.01, 90.0, 100.0]),  # published to two decimals
                   st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2)))


@st.composite
def results(draw: st.DrawFn) -> dict:
    """Full, flagged-only, indicator-only and mixed inputs, in every framework year, with or without last year."""
    year = draw(st.sampled_from([2564, 2565, 2566, 2567, 2568, 2569]))
    fw = load_framework(year)
    shape = draw(st.sampled_from(["full", "flagged", "indicators", "mixed"]))
    keep = {"full": 20, "flagged": 1, "indicators": 0, "mixed": 2}[shape]
    questions = []
    for code, q in fw.questions.items():
        if draw(st.integers(0, 19)) >= keep:
            continue
        if q.tool == "OIT":
            questions.append({"code": code, "score": draw(st.sampled_from([0, 100]))})
        elif q.tool == "EIT" and fw.two_parts:
            for part in draw(st.sampled_from([(1, 2), (1,), (2,)])) if shape != "full" else (1, 2):
                questions.append({"code": code, "part": part, "score": draw(scores)})
        else:
            questions.append({"code": code, "score": draw(scores)})
    data: dict = {"fiscal_year": year, "agency": {"name": "องค์การบริหารส่วนตำบลทดสอบ"}, "questions": questions}
    if shape in ("indicators", "mixed") or not questions:
        data["indicators"] = {n: draw(scores) for n in range(1, 11) if shape != "mixed" or draw(st.booleans())} or {1: 90}
    if shape == "mixed" and draw(st.booleans()):
        data["total"] = draw(scores)
    if draw(st.booleans()):
        data["previous"] = {"fiscal_year": year - 1, "indicators": {n: draw(scores) for n in range(1, 11)}}
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=results(), engine=st.sampled_from(sorted(SETUPS)), thai=st.booleans())
def test_random_plans_pass_their_check(data: dict, engine: str, thai: bool) -> None:
    setup = SETUPS[engine]
    plan = setup.plan(score(from_mapping(data, "random.yaml")))
    # results that leave nothing to propose (a question or two given) make an empty table, which the check says
    empty = ["measures: the measures table is empty (no measure is kept); keep a measure or add one"]
    assert check_plan(plan, setup.catalogue, ("json", "md"), thai_digits=thai) == ([] if plan["measures"] else empty)


def _example_plan() -> dict:
    setup = SETUPS["pure"]
    return setup.plan(setup.scorecard(str(Path(__file__).parent / "data" / "example-2568.yaml")))


@pytest.mark.parametrize("change, found", [
    (lambda p: p["analysis"]["summary"].__setitem__(0, p["analysis"]["summary"][0].replace("87.50", "88.50")),
     "the total is said to be 88.50"),
    (lambda p: p["analysis"]["summary"].__setitem__(0, p["analysis"]["summary"][0].replace("ระดับ A", "ระดับ AA")),
     "level AA does not follow"),
    (lambda p: p["analysis"]["categories"][0]["lines"].__setitem__(
        0, p["analysis"]["categories"][0]["lines"][0].replace("เพิ่มขึ้น", "ลดลง")), "is said to have fallen"),
    (lambda p: p["measures"][0]["facts"][0].__setitem__("text", p["measures"][0]["facts"][0]["text"].replace(
        "81.35", "86.35")), "i4 is said to score 86.35"),
    (lambda p: p["analysis"]["maintain"].append({"indicator": 10, "statement": "ควรรักษา"}),
     "maintain statement for indicator 10"),
    (lambda p: p["analysis"]["categories"][0]["lines"].append("ตัวชี้วัดที่ 10 การป้องกันการทุจริต ได้ 75.00 คะแนน"),
     "indicator 10 is listed as strong"),
    (lambda p: p["analysis"]["summary"].append("คะแนนของ o99 ยังต่ำ ข้อ o99 ได้ 10.00 คะแนน"),
     "o99 is not a question of fiscal year 2568"),
    (lambda p: p["analysis"]["summary"].append("the indicator fell"), "English word 'the'"),
    (lambda p: p["scores"]["indicators"][9].__setitem__("score", 80.0), "indicator 10 is recorded as 80.0"),
    # what the fixes are worth: a measure's stake, a ranked gain, a goal's total, each scored again
    (lambda p: p["measures"][0]["points_at_stake"].__setitem__("to_max", 0.9),
     "'budget-participation' records to_max 0.9, but the results give 0.37"),
    (lambda p: p["whatif"]["ranked"][0].__setitem__("text", p["whatif"]["ranked"][0]["text"].replace("2.50", "3.50")),
     "o24 is said to add 3.50 to the total at met, but it adds 2.50"),
    (lambda p: p["whatif"]["ranked"][4].__setitem__("gain_to_target", 0.5), "e9 records gain_to_target 0.5"),
    (lambda p: p["whatif"]["goals"][2].__setitem__("text", p["whatif"]["goals"][2]["text"].replace("95.05", "96.05")),
     "goal 95: the total after these fixes is said to be 96.05, but it is 95.05"),
    (lambda p: p["whatif"]["ranked"].pop(0), "o24 adds 2.50 to the total and is left out of the ranked list"),
])
def test_an_altered_plan_is_caught(change, found: str) -> None:
    plan = copy.deepcopy(_example_plan())
    assert check_plan(plan, CATALOGUE, ("json", "md")) == []
    change(plan)
    problems = check_plan(plan, CATALOGUE, ("json", "md"))
    assert any(found in p for p in problems), problems


def test_check_command(tmp_path) -> None:
    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    assert runner.invoke(main, ["draft", str(EXAMPLE_2568), "-o", str(plan)]).exit_code == 0
    result = runner.invoke(main, ["check", str(plan)])
    assert result.exit_code == 0, result.output
    text = plan.read_text(encoding="utf-8").replace("ได้คะแนนรวม 87.50", "ได้คะแนนรวม 97.50")
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["check", str(plan), "--format", "md"])
    assert result.exit_code == 1 and "the total is said to be 97.50" in result.output


def test_check_command_catches_a_tampered_stake(tmp_path) -> None:
    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    assert runner.invoke(main, ["draft", str(EXAMPLE_2568), "-o", str(plan)]).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    assert "to_max: 0.37" in text  # budget-participation: i4 81.35 to 100 adds 0.3 × 18.65 / 15
    plan.write_text(text.replace("to_max: 0.37", "to_max: 1.37", 1), encoding="utf-8")
    result = runner.invoke(main, ["check", str(plan), "--format", "md"])
    assert result.exit_code == 1
    assert "'budget-participation' records to_max 1.37, but the results give 0.37" in result.output


def test_every_code_of_every_year_reaches_its_own_issue_sentence() -> None:
    from itaplan.content.catalogue import issue_coverage

    assert issue_coverage(CATALOGUE) == []
    broken = copy.deepcopy(CATALOGUE)
    del broken.issues[2568]["e9"]
    problems = [str(p) for p in issue_coverage(broken, [2568])]
    assert any("fiscal year 2568" in p and "e9" in p for p in problems), problems
    # the same code means different things in different years: e9 is online services in 2568, clear answers in 2566
    assert CATALOGUE.issue_for(2568, "e9", "", "EIT") != CATALOGUE.issue_for(2566, "e9", "", "EIT")
    # OIT items are the assessors' reasons, never respondents' opinions
    for year in (2564, 2566, 2568, 2569):
        fw = load_framework(year)
        for code, q in fw.questions.items():
            if q.tool == "OIT":
                text = CATALOGUE.issue_for(year, code, q.title, q.tool) or ""
                assert "ผู้ตอบ" not in text and "ผู้รับบริการบางส่วน" not in text and "บุคลากรบางส่วน" not in text, (year, code)


def test_explain_says_why_in_thai_with_the_facts_that_fired() -> None:
    result = CliRunner().invoke(main, ["rules", "explain", "i12", "--results", str(
        Path(__file__).parent / "data" / "example-2568.yaml")])
    assert result.exit_code == 0, result.output
    assert "ข้อ i12" in result.output and "79.35 คะแนน (ต่ำกว่า 85)" in result.output
    assert "i11" not in result.output.split("fy2568.asset-private-use-control")[1].split("\n")[1]  # i11 scored 100


def _shaped(year: int, shape: str) -> dict:
    """One agency's results in one of the shapes officers hold: every question, the indicators only, only the
    flagged questions, or the ITAS summary plus the flagged questions."""
    fw = load_framework(year)
    low = {}
    for ind in fw.indicators:  # the second question of every indicator is weak, or not met for OIT
        code = ind.codes[1]
        low[code] = 0 if ind.tool == "OIT" else 71.25
    questions = []
    for code, q in fw.questions.items():
        value = low.get(code, 100 if q.tool == "OIT" else 92.5)
        if shape in ("flagged", "mixed") and code not in low:
            continue
        if q.tool == "EIT" and fw.two_parts:
            questions += [{"code": code, "part": 1, "score": value}, {"code": code, "part": 2, "score": min(100, value + 6)}]
        else:
            questions.append({"code": code, "score": value})
    data: dict = {"fiscal_year": year, "agency": {"name": "เทศบาลตำบลทดสอบ", "district": "เมือง", "province": "ทดสอบ"}}
    if shape != "indicators":
        data["questions"] = questions
    if shape in ("indicators", "mixed"):
        data["indicators"] = {n: v for n, v in zip(range(1, 11), (91.3, 84.2, 88.8, 79.5, 95.0, 86.1, 83.3, 90.4, 92.2, 81.7))}
        data["previous"] = {"fiscal_year": year - 1, "indicators": {n: 88.0 for n in range(1, 11)}}
    return data


@pytest.mark.parametrize("engine", sorted(SETUPS))
@pytest.mark.parametrize("shape", ["full", "indicators", "flagged", "mixed"])
@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_every_year_and_shape_passes_its_check(year: int, shape: str, engine: str) -> None:
    setup = SETUPS[engine]
    plan = setup.plan(score(from_mapping(_shaped(year, shape), f"{year}-{shape}.yaml")))
    assert check_plan(plan, setup.catalogue) == []
    s = plan["scores"]
    if shape == "flagged":  # never the mean of the flagged items
        assert s["total"] is None and all(i["score"] is None for i in s["indicators"])
        assert all(m["facts"] for m in plan["measures"])
    if shape in ("indicators", "mixed"):  # the given scores stand
        assert [i["source"] for i in s["indicators"]] == ["given"] * 10
    if shape == "indicators":  # say what to review; assert no misconduct the data did not show
        texts = [p["issue"] for i in plan["analysis"]["issues"] for p in i["points"]] + \
            [m["issue"] for m in plan["measures"]]
        assert texts and all("ควรทบทวน" in t or "คะแนนรวม" in t for t in texts if t), texts
    if not load_framework(year).labels:
        assert s["label"] is None and "ผลการประเมินผ่าน" not in plan["analysis"]["summary"][0]


def test_a_markdown_finding_names_its_line_in_the_file(tmp_path) -> None:
    """A wrong word in the plan's analysis is found in the Markdown rendering at the line the rendered file has
    (table cells and <br> pieces share their row's line), with the scores as the document prints them."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(root / "tests" / "data" / "example-2568.yaml"), "-o", str(plan)]).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    wrong = "ต่ำกว่าเป้าหมาย 4.96 คะแนน เพิ่มขึ้น 4.26"
    plan.write_text(text.replace("ต่ำกว่าเป้าหมาย 4.96 คะแนน ลดลง 4.26", wrong), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), "--format", "md"])
    assert result.exit_code == 1
    rendered = CliRunner().invoke(main, ["render", "--arabic-digits", str(plan), "--format", "md"]).stdout.split("\n")
    line = next(i for i, row in enumerate(rendered, start=1) if wrong in row)
    assert f"md: line {line}: indicator 8 is said to have risen by 4.26 from 84.30, but it went from 84.30 to 80.04" \
        in result.output


def test_dropped_measures_leave_weak_points_unanswered_render_warns_refuses_and_check_reports(tmp_path: Path) -> None:
    """Issue 28: after the measure answering i10 and i12 was dropped, the analysis still listed them as weak points
    with no measure, and `check` said everything agreed; with every measure dropped, `render` wrote an empty measures
    table asking the executive to approve "the measures above", exit 0. Now render warns (located, in the
    interface's language) and refuses an empty table; check reports both."""
    import yaml

    runner = CliRunner()
    plan = tmp_path / "plan.yaml"
    example = str(Path(__file__).parent.parent / "examples" / "example.yaml")
    assert runner.invoke(main, ["-q", "draft", example, "-o", str(plan)]).exit_code == 0
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    assert runner.invoke(main, ["check", str(plan), "--format", "md"]).exit_code == 0
    answering = next(m for m in data["measures"] if m["codes"] == ["i10", "i12"])
    answering.update(status="dropped", note="รวมกับมาตรการอื่น")
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    shown = runner.invoke(main, ["render", str(plan), "-o", str(tmp_path / "plan.md")])
    assert shown.exit_code == 0
    assert (f"warning: {plan}: weak points i10, i12 are listed in the analysis with no measure kept to answer them: "
            "keep (itaplan review PLAN --edit) or add a measure that does (itaplan review PLAN --add ID, or [a]dd in "
            "--edit)") in shown.stderr
    thai = runner.invoke(main, ["--lang", "th", "render", str(plan), "-o", str(tmp_path / "th.md")],
                         env={"ITAPLAN_LANG": "en"})
    assert f"{plan}: บทวิเคราะห์แสดงจุดอ่อน i10, i12 โดยไม่มีมาตรการที่คงไว้ตอบสนอง" in thai.stderr
    checked = runner.invoke(main, ["check", str(plan), "--format", "md"])
    assert checked.exit_code == 1
    assert [line for line in checked.stdout.splitlines() if "no measure kept" in line] == [
        f"analysis: weak point {code} is listed with no measure kept to answer it; keep or add a measure that does"
        for code in ("i10", "i12")]

    for m in data["measures"]:
        m.update(status="dropped", note="ไม่ดำเนินการ")
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refused = runner.invoke(main, ["render", str(plan), "-o", str(tmp_path / "empty.md")])
    assert refused.exit_code == 2 and not (tmp_path / "empty.md").exists()
    assert (f"{plan}: no measure is kept (every one was dropped): the measures table would be empty; keep a measure "
            "(itaplan review PLAN --edit) or add one, then render again") in refused.stderr
    assert "Traceback" not in refused.output
    assert runner.invoke(main, ["render", str(plan), "--format", "json"]).exit_code == 0  # the plan's data: no table
    empty = runner.invoke(main, ["check", str(plan), "--format", "md"])
    assert empty.exit_code == 1
    assert "measures: the measures table is empty (no measure is kept); keep a measure or add one" in empty.stdout


def test_a_plan_files_findings_are_located_in_it_once_with_rounded_figures(tmp_path: Path) -> None:
    """`check plan.yaml` said "json: line 5: … does not follow from 87.5 and 87.02068446115288" four times, once per
    document made from the plan, at lines of documents the officer never saw (a fresh newcomer's trial, issue 28)."""
    from click.testing import CliRunner
    from itaplan.cli import main

    plan = tmp_path / "plan.yaml"
    example = str(Path(__file__).parent.parent / "examples" / "example.yaml")
    assert CliRunner().invoke(main, ["-q", "draft", example, "-o", str(plan)]).exit_code == 0
    lines = plan.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "คะแนนรวมลดลง 0.48" in line)
    lines[at] = lines[at].replace("คะแนนรวมลดลง", "คะแนนรวมเพิ่มขึ้น")
    fact = next(i for i, line in enumerate(lines) if "(EIT ส่วนที่ 1) ได้ 71.30 คะแนน" in line)
    lines[fact] = lines[fact].replace("ได้ 71.30 คะแนน", "ได้ 75.30 คะแนน")
    plan.write_text("\n".join(lines), encoding="utf-8")
    english = CliRunner().invoke(main, ["check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert english.exit_code == 1
    assert english.stdout.splitlines() == [
        f"{plan}:{at + 1}: the change of the total (เพิ่มขึ้น 0.48, 0.55 %) does not follow from 87.50 and 87.02 (in the "
        "documents made from the plan: json, md, html, docx)",
        f"{plan}:{fact + 1}: e9 (EIT part 1) is said to score 75.30, but its score is 71.30 (in the documents made "
        "from the plan: json, md, html, docx)"]
    thai = CliRunner().invoke(main, ["--lang", "th", "check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert thai.stdout.splitlines()[1] == (
        f"{plan}:{fact + 1}: ระบุว่า e9 (EIT ส่วนที่ 1) ได้คะแนน 75.30 แต่คะแนนจริงคือ 71.30 (ในเอกสารที่จัดทำจากแผน: "
        "json, md, html, docx)")


def test_a_sentence_opening_with_the_agencys_name_is_located_at_its_own_line(tmp_path: Path) -> None:
    """The total's sentence opens with the agency's name, which the plan file has near its top: the finding was put
    at line 20 (agency: name:) instead of the summary's line (a fresh newcomer's trial, issue 28)."""
    plan = tmp_path / "plan.yaml"
    example = str(Path(__file__).parent.parent / "examples" / "example.yaml")
    assert CliRunner().invoke(main, ["-q", "draft", example, "-o", str(plan)]).exit_code == 0
    lines = plan.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "ได้คะแนนรวม 87.02 คะแนน" in line)
    lines[at] = lines[at].replace("ได้คะแนนรวม 87.02", "ได้คะแนนรวม 88.02")
    plan.write_text("\n".join(lines), encoding="utf-8")
    found = CliRunner().invoke(main, ["check", str(plan)], env={"ITAPLAN_LANG": "en"}).stdout.splitlines()
    line = int(found[0].split(":")[1])
    assert at - 1 <= line - 1 <= at and "the total is said to be 88.02, but it is 87.02" in found[0]
    assert "ได้คะแนนรวม 88.02" in lines[line - 1]  # the line holding the figure


def test_render_warns_when_a_hand_edited_plan_disagrees_with_its_figures(tmp_path: Path) -> None:
    """A plan whose summary was edited to 89.26 rendered without a word, the document saying 89.26 in its text and
    88.26 in its table (a fresh newcomer's trial, issue 28)."""
    plan = tmp_path / "plan.yaml"
    example = str(Path(__file__).parent.parent / "examples" / "example.yaml")
    assert CliRunner().invoke(main, ["-q", "draft", example, "-o", str(plan)]).exit_code == 0
    clean = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path / "a.md")], env={"ITAPLAN_LANG": "en"})
    assert clean.exit_code == 0 and "disagree" not in clean.output
    plan.write_text(plan.read_text(encoding="utf-8").replace("ได้คะแนนรวม 87.02", "ได้คะแนนรวม 88.02"), encoding="utf-8")
    edited = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path / "b.md")], env={"ITAPLAN_LANG": "en"})
    assert edited.exit_code == 0 and (tmp_path / "b.md").exists()
    assert f"warning: {plan}: one of its texts disagrees with its figures" in edited.stderr


def test_check_plan_judges_timelines_as_check_document_does_at_the_plan_files_lines(tmp_path: Path) -> None:
    """`check plan.yaml` passed timelines that cannot be met (ending before they start, before or after the plan's
    fiscal year) that `check plan.md` reported of the same plan rendered (a newcomer's trial). Both say the same
    findings now, the plan's at its timeline lines; a dropped measure's timeline is not printed, so not judged."""
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(Path(__file__).parent.parent / "examples" / "example.yaml"),
                                     "-o", str(plan)]).exit_code == 0
    lines = plan.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("  timeline:")]
    spans = ["ต.ค. 2567 – ก.ย. 2568", "มี.ค. 2570 – ต.ค. 2569", "ต.ค. 2570 – ก.ย. 2571"]
    for i, span in zip(at, spans):
        lines[i] = f"  timeline: {span}"
    plan.write_text("\n".join(lines), encoding="utf-8")
    messages = [f"the timeline '{spans[0]}' lies in fiscal year 2568, before the plan's year 2570",
                f"the timeline '{spans[1]}' ends before it starts",
                f"the timeline '{spans[2]}' lies in fiscal year 2571, after the plan's year 2570"]
    found = CliRunner().invoke(main, ["check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert found.exit_code == 1
    assert found.stdout.splitlines() == [f"{plan}:{i + 1}: {message}" for i, message in zip(at, messages)]
    rendered = tmp_path / "plan.md"
    assert CliRunner().invoke(main, ["render", "--arabic-digits", str(plan), "-o", str(rendered)]).exit_code == 0
    document = CliRunner().invoke(main, ["check", str(rendered)], env={"ITAPLAN_LANG": "en"}).stdout.splitlines()
    assert [line.split(": ", 1)[1] for line in document] == messages
    thai = CliRunner().invoke(main, ["--lang", "th", "check", str(plan)], env={"ITAPLAN_LANG": "en"}).stdout
    assert "สิ้นสุดก่อนวันเริ่มต้น" in thai and "หลังปีของแผน (2570)" in thai
    dropped = plan.read_text(encoding="utf-8").split("\n")
    measure = max(i for i, line in enumerate(dropped[:at[1]]) if line.startswith("- id:"))
    status = next(i for i in range(at[1], len(dropped)) if dropped[i].startswith("  status:"))
    assert measure < at[1] < status and not any(line.startswith("- id:") for line in dropped[at[1]:status])
    dropped[status] = "  status: dropped"
    dropped.insert(status + 1, "  dropped_reason: ทดสอบ")
    plan.write_text("\n".join(dropped), encoding="utf-8")
    assert "ends before it starts" not in CliRunner().invoke(main, ["check", str(plan)],
                                                            env={"ITAPLAN_LANG": "en"}).stdout


def test_check_plan_flags_last_years_figures_of_a_year_not_before_the_results(tmp_path: Path) -> None:
    """A plan whose last-year figures were of the results' own year (a newcomer's trial: the document said
    "เปลี่ยนจากปี ๒๕๖๙" of FY2569 results, and check passed) is flagged at the plan file's line."""
    plan = tmp_path / "plan.yaml"
    assert CliRunner().invoke(main, ["-q", "draft", str(Path(__file__).parent.parent / "examples" / "example.yaml"),
                                     "-o", str(plan)]).exit_code == 0
    lines = plan.read_text(encoding="utf-8").split("\n")
    start = lines.index("  previous:")
    at = next(i for i in range(start, len(lines)) if lines[i].strip() == "fiscal_year: 2568")
    lines[at] = lines[at].replace("2568", "2569")
    plan.write_text("\n".join(lines), encoding="utf-8")
    found = CliRunner().invoke(main, ["check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert found.exit_code == 1
    assert f"{plan}:{at + 1}: last year's figures are said to be of fiscal year 2569, not before the results' year " \
           "2569" in found.stdout
    thai = CliRunner().invoke(main, ["--lang", "th", "check", str(plan)], env={"ITAPLAN_LANG": "en"}).stdout
    assert "ไม่ได้อยู่ก่อนปีของผลการประเมิน (2569)" in thai


def test_check_and_render_say_in_thai_what_the_auditor_read_in_english(tmp_path: Path) -> None:
    """A provincial auditor's Thai trial: `check` named an English word of a plan in English ("English word
    'agency' in a Thai document", its place translated, its words not), and `render --cards` to Markdown refused in
    English (a message opening with an option was never extracted for translation)."""
    plan = tmp_path / "plan.yaml"
    example = str(Path(__file__).parent.parent / "examples" / "example.yaml")
    assert CliRunner().invoke(main, ["-q", "draft", example, "-o", str(plan)]).exit_code == 0
    lines = plan.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  title: "))
    lines[at] = lines[at].replace("  title: ", "  title: มาตรการของ agency ")
    plan.write_text("\n".join(lines), encoding="utf-8")
    thai = CliRunner().invoke(main, ["--lang", "th", "check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert thai.exit_code == 1
    said = [line for line in thai.stdout.splitlines() if "agency" in line]
    assert len(said) == 1 and said[0].startswith(f"{plan}:")
    where = said[0].removeprefix(f"{plan}:").split(":")[0]
    assert "agency" in lines[int(where) - 1]  # the line of the plan file that holds the word
    assert said[0] == (f"{plan}:{where}: พบคำภาษาอังกฤษ 'agency' ในเอกสารภาษาไทย (ในเอกสารที่จัดทำจากแผน: json, md, "
                       "html, docx)")
    english = CliRunner().invoke(main, ["check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert f"{plan}:{where}: English word 'agency' in a Thai document (in the documents made from the plan: json, " \
           "md, html, docx)" in english.stdout.splitlines()
    cards = CliRunner().invoke(main, ["--lang", "th", "render", str(plan), "-o", str(tmp_path / "cards.md"), "--cards"],
                               env={"ITAPLAN_LANG": "en"})
    assert cards.exit_code == 2
    assert cards.output.strip().splitlines()[-1] == ("ข้อผิดพลาด: itaplan: แบบฟอร์มโครงการใส่ได้เฉพาะไฟล์ Word หรือ PDF: --cards และ "
                                                        "--card ต้องใช้กับ --format docx หรือ pdf ไม่ใช่ md")
    binary = CliRunner().invoke(main, ["--lang", "th", "render", str(plan), "--format", "docx"],
                                env={"ITAPLAN_LANG": "en"})
    assert binary.output.strip().splitlines()[-1] == "ข้อผิดพลาด: itaplan: รูปแบบ docx ต้องระบุ -o FILE (ไม่ใช่ข้อความ)"


def test_a_tampered_gain_of_an_eit_part_names_the_part_in_the_interface_language(tmp_path) -> None:
    """A finding names e9 of EIT part 1 as the documents do, "(EIT ส่วนที่ 1)" in Thai, never "e9 part 1"."""
    plan = tmp_path / "plan.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["draft", str(Path(__file__).parent.parent / "examples" / "example.yaml"), "-o",
                                str(plan)]).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    old = "คะแนนรวมจะเพิ่มขึ้น 0.23 คะแนน และเมื่อถึง 100 คะแนน จะเพิ่มขึ้น 0.48"
    assert old in text
    plan.write_text(text.replace(old, old.replace("0.23", "0.33")), encoding="utf-8")
    english = runner.invoke(main, ["check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert english.exit_code == 1 and "e9 (EIT part 1) is said to add 0.33 to the total at 85, but it adds 0.23" \
        in english.output, english.output
    thai = runner.invoke(main, ["--lang", "th", "check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert "e9 (EIT ส่วนที่ 1) ทำให้คะแนนรวมเพิ่มขึ้น 0.33" in thai.output and "part 1" not in thai.output, thai.output


def test_a_total_outside_its_tools_scores_is_caught_in_the_plan_and_in_its_document(tmp_path) -> None:
    """A given total of 88.51 beside IIT 97.74, EIT 93.77, OIT 100.00 (seed 000 typed in): check passed itaplan's own
    plan and PDF while it flagged the same fault in the seed (newcomer's trial). A weighted mean lies among them."""
    results = tmp_path / "r.yaml"
    data = yaml.safe_load((Path(__file__).parent.parent / "examples" / "example.yaml").read_text(encoding="utf-8"))
    data["total"] = 60.0
    results.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    plan, document = tmp_path / "p.yaml", tmp_path / "p.md"
    drafted = runner.invoke(main, ["draft", str(results), "-o", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert drafted.exit_code == 0 and "the given total 60.00 is impossible" in " ".join(drafted.output.split())
    # the total as given stands (only ITAS tells whether it or the scores are wrong): check flags the plan and its
    # documents until the officer corrects one
    assert runner.invoke(main, ["render", str(plan), "-o", str(document)]).exit_code == 0
    result = runner.invoke(main, ["check", str(plan)], env={"ITAPLAN_LANG": "en"})
    assert result.exit_code == 1 and "the total 60.00 is below every" in result.output, result.output
    assert runner.invoke(main, ["check", str(document)], env={"ITAPLAN_LANG": "en"}).exit_code == 1


def test_english_the_agency_wrote_itself_is_its_own_not_a_leak() -> None:
    """A newcomer's trial: check failed on 'Google' 'Form' in measures imported from his agency's own document.
    Words the agency wrote (an imported, added or edited measure's texts) are its own; the software's words in a
    drafted text are still caught."""
    plan = copy.deepcopy(_example_plan())
    own = plan["measures"][0]
    own["method"] = [*own["method"], "สำรวจความพึงพอใจด้วย Google Form และแจ้งผลทางเพจ Facebook ของหน่วยงาน"]
    own["status"] = "changed"
    own["evidence"] = [*own["evidence"], "แบบสำรวจผ่านระบบ SurveyHub"]  # a tool's name the agency chose
    assert check_plan(plan, CATALOGUE, ("json", "md")) == []
    drafted = plan["measures"][1]
    drafted["method"] = [*drafted["method"], "ติดตามผลผ่าน Tracker"]  # a drafted measure: not the agency's words
    problems = check_plan(plan, CATALOGUE, ("json", "md"))
    assert problems and all("English word 'Tracker'" in p for p in problems), problems


def test_check_warns_of_a_total_computed_under_unconfirmed_weights_and_how_to_give_itass(tmp_path: Path) -> None:
    """A plan whose total itaplan computed on weights the frameworks mark unconfirmed (FY2569's) passed `check` with
    no word to the officer, though the documents print that total as the agency's. `check` warns (on stderr, the
    exit status kept; nothing in the documents) and says how to give ITAS's total; with the total given, no warning."""
    example = Path(__file__).parent.parent / "examples" / "example.yaml"
    results = tmp_path / "results.yaml"
    results.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    run = CliRunner(env={"ITAPLAN_LANG": "en"})
    assert run.invoke(main, ["-q", "draft", str(results), "-o", str(plan)]).exit_code == 0
    assert yaml.safe_load(plan.read_text(encoding="utf-8"))["scores"]["total_source"] == "computed"
    checked = run.invoke(main, ["check", str(plan)])
    assert checked.exit_code == 0, checked.output
    assert "warning: the total 87.02 the documents print is computed from the tool scores with weights not " \
           "confirmed for FY2569" in checked.output
    assert f"itaplan draft {results} --update {plan}" in checked.output
    # render says it too (round 16's newcomer: the signer reads only the documents, which print the total as given)
    rendered = run.invoke(main, ["render", str(plan), "-o", str(tmp_path / "plan.md")])
    assert rendered.exit_code == 0 and "weights not confirmed for FY2569" in rendered.output, rendered.output
    assert "weights not confirmed" not in (tmp_path / "plan.md").read_text(encoding="utf-8")
    thai = run.invoke(main, ["--lang", "th", "check", str(plan)])
    assert "คำเตือน: คะแนนรวม 87.02 ที่เอกสารพิมพ์คำนวณจากคะแนนรายเครื่องมือด้วยน้ำหนักที่ยังไม่มีประกาศยืนยัน" in thai.output
    results.write_text(results.read_text(encoding="utf-8").replace("fiscal_year: 2569", "fiscal_year: 2569\ntotal: 87.11"),
                       encoding="utf-8")
    assert run.invoke(main, ["-q", "draft", str(results), "--update", str(plan)]).exit_code == 0
    given = run.invoke(main, ["check", str(plan)])
    assert given.exit_code == 0 and "weights not confirmed" not in given.output, given.output
    rendered = run.invoke(main, ["render", str(plan), "-o", str(tmp_path / "plan.md"), "--force"])
    assert rendered.exit_code == 0 and "weights not confirmed" not in rendered.output
    fy2568 = tmp_path / "plan-2568.yaml"  # FY2568's weights are confirmed: nothing to say
    assert run.invoke(main, ["-q", "draft", str(EXAMPLE_2568), "-o", str(fy2568)]).exit_code == 0
    assert "weights not confirmed" not in run.invoke(main, ["check", str(fy2568)]).output


def test_a_score_far_below_its_parts_others_is_named_with_its_part_and_passes_check() -> None:
    """The note of an EIT score far below the other questions of its part printed "ข้อ e1 (EIT 2) ได้ 0.00 คะแนน", which
    check read as e1's whole score (unknown) and refused (the random plans' check found it in CI): it names the part as
    the documents do, "ข้อ e1 (EIT ส่วนที่ 2)"."""
    from itaplan.app.session import Session
    from itaplan.ita.loader import from_mapping
    from itaplan.ita.scoring import score as score_results

    questions = [{"code": f"i{n}", "score": 90.0} for n in range(1, 16)]
    questions += [{"code": f"e{n}", "part": part, "score": 0.0 if (n, part) == (1, 2) else 90.0}
                  for n in range(1, 10) for part in (1, 2)]
    questions += [{"code": f"O{n}", "score": 100} for n in range(1, 27)]
    setup = Session(use_workspace=False)
    plan = setup.plan(score_results(from_mapping({"fiscal_year": 2569, "agency": {"name": "อบต.ทดสอบ"},
                                                  "questions": questions}, "far.yaml")))
    assert any(w.startswith("ข้อ e1 (EIT ส่วนที่ 2) ได้ 0.00 คะแนน ต่ำกว่าค่ามัธยฐานของข้อคำถามอื่นใน EIT ส่วนที่ 2")
               for w in plan.get("warnings") or []), plan.get("warnings")
    assert check_plan(plan, setup.catalogue, ("json", "md")) == []
