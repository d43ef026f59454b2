"""The indicator chart (scores against the target line, last year beside them) as inline SVG.

matplotlib 3.11 shapes Thai correctly (libraqm); the Thai font comes from the fontpkg-sarabun package
(Google Sarabun, OFL), so any machine that installed itaplan can draw it. Glyphs are written as paths,
so the SVG needs no font to display. Without matplotlib (Python 3.10) the HTML uses plain CSS bars.
"""

from __future__ import annotations

import io
from contextlib import AbstractContextManager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from itaplan.base.thai import fmt_score, to_thai
from itaplan.drafting.model import Plan

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from itaplan.content.texts import Texts


@lru_cache(maxsize=1)
def _font_family() -> list[str]:
    from matplotlib import font_manager

    families = []
    try:
        import fontpkg_sarabun  # type: ignore[import-not-found]

        folder = Path(fontpkg_sarabun.__file__).parent / "files"
        for name in ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"):
            if (folder / name).exists():
                font_manager.fontManager.addfont(str(folder / name))
        families.append("Sarabun")
    except ImportError:
        pass
    installed = {f.name for f in font_manager.fontManager.ttflist}
    # only families that exist: naming a missing one makes matplotlib log a findfont warning for every glyph
    return families + [f for f in ("TH Sarabun New", "Laksaman", "Loma") if f in installed] + ["DejaVu Sans"]


def chart_available() -> bool:
    try:
        import matplotlib

        major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
        return (major, minor) >= (3, 11)
    except Exception:  # noqa: BLE001 - not installed, or an old one without Thai shaping
        return False


def chart_labels(plan: Plan, t: Texts) -> dict[str, str]:
    """The chart's title and legend in the documents' wording."""
    prev_year = (plan["scores"].get("previous") or {}).get("fiscal_year")
    return {"title": t("chart_title"), "this_year": t("chart_this_year", year=plan["fiscal_year"]),
            "last_year": t("chart_this_year", year=prev_year) if prev_year else "",
            "target": t("chart_target", target=f"{plan['scores']['target']:g}")}


def chart_style() -> AbstractContextManager:
    """The chart's fonts (Thai, written as paths in the SVG) and size: the figure is drawn and saved inside it."""
    import matplotlib.pyplot as plt

    return plt.rc_context({"font.family": _font_family(), "svg.fonttype": "path", "font.size": 11})


TARGET_CLEARANCE = 0.8  # score points kept between a value label and the dashed target line


def indicator_chart_svg(plan: Plan, labels: dict[str, str], thai_digits: bool = False, narrow: bool = False) -> str:
    """The indicators' scores against the target (and last year's) as bars; ``narrow``: drawn for a phone's width
    (about 400 px), its words at a size read there, each score upright above its bar and the legend one per line."""
    import matplotlib.pyplot as plt

    with chart_style():
        fig, _ = indicator_figure(plan, labels, thai_digits, narrow)
        buffer = io.StringIO()
        # no "Matplotlib v…" creator or time stamp in the page: the chart is the agency's, like the rest of it
        fig.savefig(buffer, format="svg", metadata={"Creator": None, "Date": None, "Format": None, "Type": None})
        plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def indicator_figure(plan: Plan, labels: dict[str, str], thai_digits: bool = False, narrow: bool = False
                     ) -> tuple[Figure, list[Text]]:
    """The chart's figure, laid out, and its value labels (one per indicator, in order). A label that would sit on
    the dashed target line (81.52 under a target of 85: its digits crossed by the line) is moved just above the
    line, clear of it by ``TARGET_CLEARANCE``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def digits(text: str) -> str:
        return to_thai(text) if thai_digits else text

    indicators = plan["analysis"]["indicators"]
    target = plan["scores"]["target"]
    fig, ax = plt.subplots(figsize=(4.2, 4.8) if narrow else (9, 4.2), dpi=100)
    xs = list(range(len(indicators)))
    this = [i["score"] or 0 for i in indicators]
    prev = [i["previous"] for i in indicators]
    has_prev = any(p is not None for p in prev)
    width = 0.38 if has_prev else 0.6
    colours = ["#2e7d32" if (i["score"] or 0) >= target else "#c62828" for i in indicators]
    ax.bar([x + (width / 2 if has_prev else 0) for x in xs], this, width, color=colours,
           label=labels["this_year"])
    if has_prev:
        ax.bar([x - width / 2 for x in xs], [p or 0 for p in prev], width, color="#9e9e9e",
               label=labels["last_year"])
    ax.axhline(target, color="#1565c0", linestyle="--", linewidth=1.2, label=labels["target"])
    texts = [ax.text(x + (width / 2 if has_prev else 0), value + 1, digits(fmt_score(value)), ha="center",  # halves up
                     va="bottom", fontsize=8, rotation=90 if narrow else 0) for x, value in zip(xs, this)]
    ax.set_xticks(xs)
    ax.set_xticklabels([digits(str(i["number"])) for i in indicators])
    ax.set_ylim(0, 125 if narrow else 110)  # room for the upright scores
    ax.set_yticks(range(0, 101, 20))  # a score is at most 100: no tick above it
    ax.set_title(labels["title"], fontsize=10 if narrow else None, wrap=narrow)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=1 if narrow else 3, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    to_data = ax.transData.inverted()
    for label in texts:
        (_, bottom), (_, top) = to_data.transform(label.get_window_extent(renderer).get_points())
        if bottom - TARGET_CLEARANCE < target < top + TARGET_CLEARANCE:
            x, _ = label.get_position()
            label.set_position((x, target + TARGET_CLEARANCE))
    return fig, texts
