"""A provincial auditor's fifth trial (his office's workspace over examples/province_wide-2569.csv).

1. ``render --card office-asset-register`` failed once that measure was merged into the row
   ``office-asset-register+asset-private-use-control`` ("ไม่มีมาตรการ office-asset-register ในแผน"), though
   ``rules explain`` placed it in that row: a member's id now names the row holding it wherever a measure's id
   is typed (--card, progress --measure, review --measure, review --add's refusal).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from itaplan.app.batch import _results, collect_jobs
from itaplan.app.session import Session
from itaplan.base.errors import UsageError
from itaplan.drafting.plan import load_plan, save_plan

ROOT = Path(__file__).resolve().parent.parent
WIDE = str(ROOT / "examples" / "province_wide-2569.csv")


def _plan(agency: str, session: Session) -> dict:
    job = next(j for j in collect_jobs([WIDE]) if agency in j.name)
    return session.plan(session.scorecard_of(_results(job, session)))


@pytest.fixture(scope="module")
def setup() -> Session:
    return Session(use_workspace=False)


@pytest.fixture(scope="module")
def nongbua(setup: Session) -> dict:
    return _plan("หนองบัว", setup)


def _merged(plan: dict) -> dict:
    return next(m for m in plan["measures"] if len(m.get("merged") or []) > 1)


def test_a_member_id_names_the_row_holding_it(setup: Session, nongbua: dict, tmp_path: Path) -> None:
    from click.testing import CliRunner
    from itaplan.app.amend import add_from_catalogue
    from itaplan.cli import main
    from itaplan.followup.progress import find_measure
    from itaplan.render.cards import choose
    from itaplan.cli.review import review_index

    row = _merged(nongbua)
    member = row["merged"][1]
    assert choose(nongbua["measures"], [member]) == [row]
    assert find_measure(nongbua, member)["id"] == row["id"]
    assert nongbua["measures"][review_index(nongbua, member)]["id"] == row["id"]
    path = tmp_path / "plan.yaml"
    save_plan(nongbua, path)
    with pytest.raises(UsageError) as refused:
        add_from_catalogue(path, member, setup.catalogue)
    said = str(refused.value.problems[0].message)
    assert row["id"] in said and "row" in said, said
    result = CliRunner().invoke(main, ["--lang", "th", "render", str(path), "-o", str(tmp_path / "c.docx"),
                                       "--card", member])
    assert result.exit_code == 0, result.output
    assert load_plan(path)["measures"][0]["id"] == nongbua["measures"][0]["id"]
