"""A provincial auditor's trial (aud23) of the rule commands, and of check on a plan drafted with an office's
layers: what the software itself says in Thai names measures and questions as the documents do."""

from __future__ import annotations

from pathlib import Path

from helpers import office_with
from helpers import run_in as run

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "example.yaml")


def test_a_budget_for_a_switched_off_measure_is_noted_by_its_thai_title(tmp_path: Path) -> None:
    """The example sets a budget for e-service; an office whose layer switched e-service off drafted a plan whose
    own note said "งบประมาณที่ระบุไว้ของมาตรการ e-service …", which check then flagged as an English word."""
    office = office_with(tmp_path, recommendations="version: 1\ndisable: [e-service]\n")
    plan = tmp_path / "plan.yaml"
    done = run("draft", EXAMPLE, "--recommendations", str(office / "recommendations"), "-o", str(plan), lang="th")
    assert done.exit_code == 0, done.output
    said = plan.read_text(encoding="utf-8")
    assert ("งบประมาณที่ระบุไว้ของมาตรการพัฒนาการให้บริการออนไลน์ (E-Service) ไม่ได้พิมพ์ในเอกสาร "
            "เพราะแผนไม่มีมาตรการดังกล่าว") in said
    assert "มาตรการ e-service" not in said
    checked = run("check", str(plan), lang="th")
    assert "อังกฤษ" not in checked.output and "e-service" not in checked.output, checked.output
