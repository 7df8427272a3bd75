"""The overview matrix as HTML, built in Python: 30 groups × 300 activities is 9,000 rows, which the
template engine would render too slowly. Every value is escaped; every light is a symbol plus its
name, never colour alone."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samverka.steering.statusreports.models import LIGHT_SYMBOLS, Light
from samverka.steering.statusreports.selectors import Overview, Trend


def light_names() -> dict[str, str]:
    return {**{value: str(label) for value, label in Light.choices}, "": _("Not assessed")}


def trend_text(trend: Trend, names: dict[str, str]) -> str:
    """ "Was yellow, now green", or "" when there is nothing to compare."""
    if not trend.before or not trend.now:
        return ""
    if trend.before == trend.now:
        return _("Unchanged since the previous round")
    return _("Was %(before)s, now %(now)s") % {
        "before": names[trend.before].lower(),
        "now": names[trend.now].lower(),
    }


def pdf_matrix_html(data: Overview) -> SafeString:
    """The matrix for the PDF: the same content with as few boxes as possible (WeasyPrint lays out
    every inline box), the light's symbol and name in a coloured cell."""
    names = light_names()
    arrows = {"better": "↑", "worse": "↓", "same": "→", "": ""}

    def light(value: str, trend: Trend) -> str:
        text = trend_text(trend, names)
        extra = f"<br>{arrows[trend.direction]} {escape(text)}" if text else ""
        return f'<td class="l-{value or "none"}">{LIGHT_SYMBOLS[value]} {escape(names[value])}{extra}</td>'

    out = [
        '<table><colgroup><col class="c-activity"><col class="c-goals"><col class="c-light">'
        '<col class="c-result"><col class="c-light"><col class="c-comments"></colgroup><thead><tr>'
        + "".join(
            f"<th>{escape(h)}</th>"
            for h in (
                _("Activity"),
                _("Result goals"),
                _("Activity light"),
                _("Expected result"),
                _("Result light"),
                _("Comments"),
            )
        )
        + "</tr></thead>"
    ]
    for group in data.groups:
        body = group.report.work_plan.body
        out.append(
            f'<tbody><tr class="group-row"><th colspan="6">{escape(body.name)} '
            f"({escape(group.report.get_state_display())})</th></tr>"
        )
        for row in group.rows:
            comments = "<br>".join(escape(t) for t in (row.comment_activity, row.comment_result) if t)
            out.append(
                f"<tr><td>{escape(row.title)}</td><td>{escape(', '.join(row.goal_codes))}</td>"
                f"{light(row.light_activity, row.trend_activity)}<td>{escape(row.expected_result)}</td>"
                f"{light(row.light_result, row.trend_result)}<td>{comments}</td></tr>"
            )
        out.append("</tbody>")
    out.append("</table>")
    return mark_safe("".join(out))  # noqa: S308  (every value above is escaped)


def matrix_html(data: Overview) -> SafeString:
    names = light_names()
    cells = {
        value: f'<span class="light light-{value or "none"}"><span aria-hidden="true">{LIGHT_SYMBOLS[value]}</span> '
        f"{escape(names[value])}</span>"
        for value in names
    }
    arrows = {"better": "↑", "worse": "↓", "same": "→", "": ""}
    header = (
        "<thead><tr>"
        f'<th scope="col">{escape(_("Activity"))}</th>'
        f'<th scope="col">{escape(_("Result goals"))}</th>'
        f'<th scope="col">{escape(_("Activity light"))}</th>'
        f'<th scope="col">{escape(_("Expected result"))}</th>'
        f'<th scope="col">{escape(_("Result light"))}</th>'
        f'<th scope="col">{escape(_("Comments"))}</th>'
        "</tr></thead>"
    )
    caption = escape(_("Lights per group and activity"))
    out = [
        f'<table class="status-matrix"><caption>{caption}</caption>'
        '<colgroup><col class="c-activity"><col class="c-goals"><col class="c-light"><col class="c-result">'
        f'<col class="c-light"><col class="c-comments"></colgroup>{header}'
    ]
    no_rows = escape(_("No activities."))
    for group in data.groups:
        body = group.report.work_plan.body
        out.append(
            f'<tbody id="group-{body.pk}"><tr class="group-row"><th scope="rowgroup" colspan="6">'
            f'{escape(body.name)} <span class="report-state">({escape(group.report.get_state_display())})</span>'
            "</th></tr>"
        )
        if not group.rows:
            out.append(f'<tr><td colspan="6">{no_rows}</td></tr>')
        for row in group.rows:
            trend_a = trend_text(row.trend_activity, names)
            trend_r = trend_text(row.trend_result, names)
            comments = " ".join(f"<p>{escape(text)}</p>" for text in (row.comment_activity, row.comment_result) if text)
            out.append(
                "<tr>"
                f'<th scope="row">{escape(row.title)}</th>'
                f"<td>{escape(', '.join(row.goal_codes))}</td>"
                f"<td>{cells[row.light_activity]}"
                + (
                    f'<span class="trend trend-{row.trend_activity.direction}"><span aria-hidden="true">'
                    f"{arrows[row.trend_activity.direction]}</span> {escape(trend_a)}</span>"
                    if trend_a
                    else ""
                )
                + f"</td><td>{escape(row.expected_result)}</td>"
                f"<td>{cells[row.light_result]}"
                + (
                    f'<span class="trend trend-{row.trend_result.direction}"><span aria-hidden="true">'
                    f"{arrows[row.trend_result.direction]}</span> {escape(trend_r)}</span>"
                    if trend_r
                    else ""
                )
                + f"</td><td>{comments}</td></tr>"
            )
        out.append("</tbody>")
    out.append("</table>")
    return mark_safe("".join(out))  # noqa: S308  (every value above is escaped)
