"""Shared by the tests: loading golden cases into Results."""

from __future__ import annotations

from pathlib import Path

import yaml
from itaplan.ita.loader import from_mapping, load_results
from itaplan.ita.results import Results

CASES = Path(__file__).resolve().parent / "cases"


def case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.yaml"))


def load_case(name: str) -> dict:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def case_results(case: dict, name: str) -> Results:
    if "results_file" in case:
        return load_results(CASES / case["results_file"])
    return from_mapping(case["results"], f"{name}.yaml")
