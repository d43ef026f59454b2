"""What the built-in measures say the ITA results show (their ประเด็น and the sentence of their project card's
หลักการและเหตุผล that cites the results) claims no more than a low score on the questions that propose them says:
FY2568's i4 asks whether the agency spends its budget as intended, not whether staff know the budget plan or take
part in it (a newcomer's trial: the card said "บุคลากรบางส่วนยังไม่รับรู้หรือไม่มีส่วนร่วมในเรื่องนี้")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import agency_plan
from itaplan.app.session import Session
from itaplan.content.catalogue import load_catalogue
from itaplan.content.texts import Texts
from itaplan.ita.framework import load_framework
from itaplan.render.cards import card_fields

ROOT = Path(__file__).resolve().parent.parent
# claims about what staff or users do not know, do not see, or take no part in
CLAIMS = ("ไม่รับรู้", "ไม่มีส่วนร่วม", "ไม่ทราบ", "ไม่รู้", "ไม่เห็นบทบาท")
# what a question must ask about for such a claim to be what a low score on it says
ASKS = ("รู้", "ทราบ", "ส่วนร่วม")


def _proposing() -> dict[str, dict[int, list[str]]]:
    """Each built-in measure: per framework year, the titles of the questions whose built-in rules propose it."""
    out: dict[str, dict[int, list[str]]] = {}
    for path in sorted((ROOT / "rules").glob("fy*.yaml")):
        rules = yaml.safe_load(path.read_text(encoding="utf-8"))
        for year in rules.get("frameworks", []):
            fw = load_framework(year)
            for rule in rules["rules"]:
                codes = (rule.get("when") or {}).get("question") or []
                for rec in rule.get("propose", []):
                    titles = out.setdefault(rec, {}).setdefault(year, [])
                    titles += [fw.questions[fw.lookup(code)].title for code in codes]
    return out


def _results_claims(text: str) -> str:
    """The part of a rationale that says what the results show (from "ผลการประเมิน" to the agency's decision)."""
    found = re.search(r"ผลการประเมิน.*?(?=\{agency\}|$)", text)
    return found.group(0) if found else ""


def test_no_built_in_measure_claims_what_its_questions_do_not_ask() -> None:
    catalogue = load_catalogue()
    wrong = []
    for rec_id, years in _proposing().items():
        data = catalogue.recommendations[rec_id].data
        said = {"issue": str(data.get("issue", "")),
                "rationale": _results_claims(str((data.get("project") or {}).get("rationale", "")))}
        for year, titles in years.items():
            if not titles or any(word in title for title in titles for word in ASKS):
                continue  # no question, or one that asks what staff know or take part in: such a claim may be said
            wrong += [(rec_id, year, field, claim, titles) for field, text in said.items() for claim in CLAIMS
                      if claim in text]
    assert not wrong, wrong


def test_no_question_s_issue_claims_what_the_question_does_not_ask() -> None:
    """The ประเด็น of each question (issues.yaml) likewise: "ยังไม่ทราบขั้นตอน" under a question whether the service
    follows its steps, "ยังไม่รับรู้ว่า…" under one whether the agency does a thing, claim more than its score says."""
    texts = yaml.safe_load((ROOT / "recommendations" / "issues.yaml").read_text(encoding="utf-8"))
    wrong = []
    for block in texts["issues"]:
        for year in block["frameworks"]:
            fw = load_framework(year)
            for code, text in block["texts"].items():
                title = fw.questions[fw.lookup(code)].title
                if not any(word in title for word in ASKS):
                    wrong += [(year, code, claim, title) for claim in CLAIMS if claim in text]
    assert not wrong, wrong


@pytest.mark.parametrize("agency", ["หนองบัว"])
def test_the_card_answering_i4_says_what_a_low_i4_says(agency: str) -> None:
    """หนองบัว's FY2569 i4 is 76.81: its budget-participation card says staff see the budget as not spent as intended
    or not open enough, never that they do not know it or take no part in it."""
    session = Session(use_workspace=False)
    plan = agency_plan(str(ROOT / "examples" / "province_wide-2569.csv"), agency, session)
    measure = next(m for m in plan["measures"] if "budget-participation" in (m.get("merged") or [m["id"]]))
    card = card_fields(measure, plan, Texts(session.catalogue))
    rationale = " ".join(card["rationale"].split())
    assert "ใช้จ่ายงบประมาณไม่เป็นไปตามวัตถุประสงค์" in rationale, rationale
    assert not any(claim in rationale for claim in CLAIMS), rationale
    assert "ไม่รับรู้" not in measure["issue"] and "ไม่มีส่วนร่วม" not in measure["issue"], measure["issue"]
