"""Charts as SVG drawn on the server with matplotlib, accessible by construction.

Text stays text in the SVG (``svg.fonttype = none``), so screen readers,
search and PDF copy-and-paste read the labels. Series are told apart by colour
from the Okabe–Ito palette (safe for colour-blind readers) *and* by hatching
(bars) or marker and line style (lines); bars carry their values as direct
labels when there are few of them. Every chart gets ``role="img"`` and is
labelled by its caption and a generated summary sentence; its data table is
always shown beside it.
"""

import io
import re
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from django.utils.html import escape  # noqa: E402
from django.utils.safestring import SafeString, mark_safe  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402 (the backend must be chosen first)
from matplotlib.figure import Figure  # noqa: E402

from samverka.insight.analyses.tables import categories, decimals_of, format_number, series_names, series_values  # noqa: E402

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "oo", "--", "++")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":", "-", "--", "-.", ":")
#: Bars get their value written on them up to this many bars.
DIRECT_LABEL_LIMIT = 24

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "samverka",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "hatch.linewidth": 0.8,
    "text.parse_math": False,
}


@dataclass
class RenderedChart:
    svg: SafeString
    summary: str
    caption_id: str
    summary_id: str


def summary_sentence(table: Any) -> str:
    """One sentence that says what the chart shows: the highest and lowest category of the first series."""
    names, values = categories(table), series_values(table)
    if not names or not values:
        return _("The chart has no data.")
    decimals = decimals_of(table)
    unit = f" {table.unit}" if table.unit else ""
    first = [(value, name) for name, value in zip(names, values[0], strict=False) if value is not None]
    if not first:
        return _("The chart has no values.")
    high, low = max(first), min(first)
    parts = {
        "title": table.title,
        "n": len(names),
        "series": len(values),
        "high_name": high[1],
        "high": format_number(high[0], decimals) + unit,
        "low_name": low[1],
        "low": format_number(low[0], decimals) + unit,
        "first": table.columns[1] if len(table.columns) > 1 else "",
    }
    if len(values) > 1:
        return (
            _(
                "%(title)s: %(n)s categories in %(series)s series. In %(first)s the highest is %(high_name)s "
                "(%(high)s) and the lowest %(low_name)s (%(low)s)."
            )
            % parts
        )
    return (
        _("%(title)s: %(n)s categories. The highest is %(high_name)s (%(high)s), the lowest %(low_name)s (%(low)s).")
        % parts
    )


def _prefix_ids(svg: str, prefix: str) -> str:
    """Make matplotlib's element ids unique on a page that shows several charts."""
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    return re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}-{m.group(1)}"', svg)


def figure_to_svg(figure: Figure, *, dom_id: str, title: str, summary: str) -> str:
    """The figure as an inline ``<svg>`` element labelled by the caption and summary beside it."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = _prefix_ids(svg, dom_id)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    labelled = f'<svg class="chart" role="img" aria-labelledby="{dom_id}-caption {dom_id}-summary" focusable="false"'
    svg = svg.replace("<svg", labelled, 1)
    head_end = svg.index(">") + 1
    return f"{svg[:head_end]}<title>{escape(title)}</title><desc>{escape(summary)}</desc>{svg[head_end:]}"


def _value_axis_label(table: Any) -> str:
    return table.unit or _("Value")


def render_chart(table: Any, *, kind: str, dom_id: str) -> RenderedChart:
    """A bar, horizontal bar or line chart of ``table`` as accessible SVG."""
    names, values, labels = categories(table), series_values(table), series_names(table)
    decimals = decimals_of(table)
    summary = summary_sentence(table)
    x_label = str(table.columns[0]) if table.columns else ""
    with plt.rc_context(STYLE):  # type: ignore[arg-type]
        height = 4.2 if kind != "barh" else max(3.0, 0.32 * len(names) * max(1, len(values)) + 1.2)
        figure, axes = plt.subplots(figsize=(8, min(height, 14)))
        figure.subplots_adjust(left=0.12, right=0.98)
        positions = list(range(len(names)))
        count = max(1, len(values))
        width = 0.8 / count
        for index, (label, numbers) in enumerate(zip(labels, values, strict=False)):
            clean = [value if value is not None else 0.0 for value in numbers]
            colour = PALETTE[index % len(PALETTE)]
            if kind == "line":
                axes.plot(
                    positions,
                    [value if value is not None else float("nan") for value in numbers],
                    label=label,
                    color=colour,
                    marker=MARKERS[index % len(MARKERS)],
                    linestyle=LINESTYLES[index % len(LINESTYLES)],
                    linewidth=2,
                )
                if len(values) > 1 and numbers and numbers[-1] is not None:
                    axes.annotate(  # direct label at the end of the line
                        label, (positions[-1], numbers[-1]), xytext=(4, 0), textcoords="offset points", va="center"
                    )
                continue
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            draw = axes.barh if kind == "barh" else axes.bar
            bars = draw(
                offsets,
                clean,
                width,
                label=label,
                color=colour,
                edgecolor="#1b1f24",
                linewidth=0.6,
                hatch=HATCHES[index % len(HATCHES)],
            )
            if len(names) * count <= DIRECT_LABEL_LIMIT:
                axes.bar_label(
                    bars,
                    labels=[format_number(value, decimals) if value is not None else "–" for value in numbers],
                    padding=2,
                    fontsize=8,
                )
        if kind == "barh":
            axes.set_yticks(positions, names)
            axes.invert_yaxis()
            axes.set_ylabel(x_label)
            axes.set_xlabel(_value_axis_label(table))
        else:
            axes.set_xticks(
                positions, names, rotation=45 if len(names) > 6 else 0, ha="right" if len(names) > 6 else "center"
            )
            axes.set_xlabel(x_label)
            axes.set_ylabel(_value_axis_label(table))
        value_axis = axes.xaxis if kind == "barh" else axes.yaxis
        value_axis.set_major_formatter(lambda value, _pos: format_number(value, 0 if abs(value) >= 10 else decimals))
        axes.set_title(table.title, loc="left")
        if len(values) > 1:
            axes.legend(frameon=False, loc="best", fontsize=8)
        svg = figure_to_svg(figure, dom_id=dom_id, title=table.title, summary=summary)
    return RenderedChart(
        svg=mark_safe(svg),  # noqa: S308 (matplotlib's SVG; every text from data is escaped by matplotlib)
        summary=summary,
        caption_id=f"{dom_id}-caption",
        summary_id=f"{dom_id}-summary",
    )
