"""The wording of the documents: the catalogue's ``texts`` (settings.yaml, with the workspace's layers applied),
filled with values, in Thai or Arabic digits. Every renderer and the report take their sentences from here."""

from __future__ import annotations

from itaplan.base.thai import fmt_change, fmt_score, to_thai
from itaplan.content.catalogue import Catalogue


class Texts:
    """Document wording from the catalogue's ``texts`` (settings.yaml), with Thai digits when asked."""

    def __init__(self, catalogue: Catalogue, thai_digits: bool = False):
        self.catalogue = catalogue
        self.thai_digits = thai_digits

    def __call__(self, key: str, **values: object) -> str:
        return self.digits(self.catalogue.text(key).format(**values))

    def digits(self, text: str) -> str:
        return to_thai(text) if self.thai_digits else text

    def score(self, value: float | None) -> str:
        return self.catalogue.text("no_data") if value is None else fmt_score(value, self.thai_digits)

    def change(self, value: float | None) -> str:
        return self.catalogue.text("no_data") if value is None else fmt_change(value, self.thai_digits)


def codes_text(measure: dict, t: Texts) -> str:
    parts = measure.get("parts") or {}
    out = []
    for code in measure.get("codes", []):
        p = parts.get(code)
        out.append(f"{code} ({t('eit_part', parts=', '.join(map(str, p)))})" if p else code)
    return t.digits(", ".join(out))
