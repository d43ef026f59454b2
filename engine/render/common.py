"""What every renderer shares: the texts, digits, and the rows of the tables."""

from __future__ import annotations

from ..catalogue import Catalogue, load_catalogue
from ..plan import active_measures
from ..thai import fmt_change, fmt_score, to_thai


class Texts:
    """Document wording from the catalogue's ``texts`` (settings.yaml), with Thai digits when asked."""

    def __init__(self, catalogue: Catalogue | None = None, thai_digits: bool = False):
        self.catalogue = catalogue or load_catalogue()
        self.thai_digits = thai_digits

    def __call__(self, key: str, **values: object) -> str:
        return self.digits(self.catalogue.text(key).format(**values))

    def digits(self, text: str) -> str:
        return to_thai(text) if self.thai_digits else text

    def score(self, value: float | None) -> str:
        return fmt_score(value, self.thai_digits)

    def change(self, value: float | None) -> str:
        return fmt_change(value, self.thai_digits)


def codes_text(measure: dict, t: Texts) -> str:
    parts = measure.get("parts") or {}
    out = []
    for code in measure.get("codes", []):
        p = parts.get(code)
        out.append(f"{code} ({t('eit_part', parts=', '.join(map(str, p)))})" if p else code)
    return t.digits(", ".join(out))


def title_lines(plan: dict, t: Texts) -> list[str]:
    agency = plan["agency"]
    place = " ".join(x for x in (agency.get("district"), agency.get("province")) if x)
    lines = [t("h_measures", year=plan["plan_year"]), agency.get("name", "")]
    if place:
        lines.append(t.digits(place))
    if plan.get("answers_item"):
        lines.append(t("answers_item", item=plan["answers_item"], plan_year=plan["plan_year"]))
    return [line for line in lines if line]


def indicator_rows(plan: dict, t: Texts) -> list[list[str]]:
    rows = []
    for ind in plan["analysis"]["indicators"]:
        change = "–" if ind.get("change") is None else f"{t.change(ind['change'])} ({ind.get('direction_text')})"
        result = "–" if ind.get("passed") is None else t("passed_mark") if ind["passed"] else t("failed_mark")
        rows.append([t.digits(str(ind["number"])), ind["name"], t.score(ind.get("score")), t.score(ind.get("previous")),
                     change, result])
    return rows


def measure_rows(plan: dict, t: Texts) -> list[dict]:
    rows = []
    for number, m in enumerate(active_measures(plan), start=1):
        rows.append({"no": t.digits(str(number)), "title": m["title"], "codes": codes_text(m, t),
                     "method": [t.digits(f"{i}. {step}") for i, step in enumerate(m["method"], start=1)],
                     "timeline": t.digits(m["timeline"]), "evidence": [t.digits(e) for e in m["evidence"]],
                     "owner": m["owner"], "note": m.get("note") or "", "measure": m})
    return rows
