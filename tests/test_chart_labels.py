"""The chart's value labels stay clear of the dashed target line (provincial auditor's trial: indicator 8 at 81.52
had its label drawn on the line at 85, the digits crossed by it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from itaplan.content.catalogue import load_catalogue
from itaplan.content.texts import Texts
from itaplan.drafting.plan import load_plan
from itaplan.render.chart import TARGET_CLEARANCE, chart_available, chart_labels, chart_style, indicator_figure

from helpers import run_in

pytestmark = pytest.mark.skipif(not chart_available(), reason="matplotlib 3.11 draws the chart")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example.yaml"


@pytest.mark.parametrize("narrow", [False, True])
def test_no_value_label_sits_on_the_target_line(tmp_path: Path, narrow: bool) -> None:
    import matplotlib.pyplot as plt

    path = tmp_path / "plan.yaml"
    assert run_in("draft", str(EXAMPLE), "-o", str(path)).exit_code == 0
    plan = load_plan(path)
    target = plan["scores"]["target"]
    scores = [i["score"] for i in plan["analysis"]["indicators"]]
    assert 81.52 in scores and target == 85  # the trial's indicator: its label at 82.52 reached over 85
    with chart_style():
        fig, labels = indicator_figure(plan, chart_labels(plan, Texts(load_catalogue())), narrow=narrow)
    try:
        renderer = fig.canvas.get_renderer()
        to_data = fig.axes[0].transData.inverted()
        for score, label in zip(scores, labels):
            (_, bottom), (_, top) = to_data.transform(label.get_window_extent(renderer).get_points())
            assert not bottom - TARGET_CLEARANCE / 2 < target < top + TARGET_CLEARANCE / 2, (score, bottom, top)
            assert bottom >= score, (score, bottom)  # still above its own bar
    finally:
        plt.close(fig)
