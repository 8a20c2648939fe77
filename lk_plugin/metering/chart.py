"""A small server-rendered SVG bar chart of monthly consumption (no JavaScript, no CDN)."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

COLORS = ["#0b4f8a", "#e08a00", "#2e8b57"]
WIDTH, HEIGHT = 640, 220
LEFT, BOTTOM, TOP = 48, 28, 12


def _num(value) -> str:
    return f"{value:.0f}"


def consumption_svg(months: list[dict], tariff_names: list, meter_label: str) -> str:
    """Grouped bars per month and tariff with <title>/<desc> and a text legend; '' without data."""
    if not months:
        return ""
    peak = max((v for m in months for v in m["values"]), default=Decimal(0))
    peak = peak if peak > 0 else Decimal(1)
    plot_h = HEIGHT - BOTTOM - TOP
    group_w = (WIDTH - LEFT) / len(months)
    bar_w = max(min(group_w * 0.8 / len(tariff_names), 28), 3)
    title = _("Расход по месяцам, кВт·ч — %(meter)s") % {"meter": meter_label}
    desc = "; ".join(
        f"{m['month']:%m.%Y}: "
        + ", ".join(f"{name} {_num(v)}" for name, v in zip(tariff_names, m["values"], strict=False))
        for m in months
    )
    parts = [
        f'<svg class="lk-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="lk-chart-title lk-chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="lk-chart-title">{escape(title)}</title>',
        f'<desc id="lk-chart-desc">{escape(desc)} {escape(_("кВт·ч"))}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH}" y2="{TOP + plot_h}" stroke="#b9c4d0"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 10}" text-anchor="end" font-size="11" fill="#5d6b7a">{_num(peak)}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end" font-size="11" fill="#5d6b7a">0</text>',
    ]
    for i, month in enumerate(months):
        x0 = LEFT + i * group_w + (group_w - bar_w * len(tariff_names)) / 2
        for j, value in enumerate(month["values"]):
            h = float(value / peak) * plot_h if value > 0 else 0
            parts.append(
                f'<rect x="{x0 + j * bar_w:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w - 1:.1f}" '
                f'height="{h:.1f}" fill="{COLORS[j % 3]}"><title>{escape(tariff_names[j])}, '
                f"{month['month']:%m.%Y}: {_num(value)} {escape(_('кВт·ч'))}</title></rect>"
            )
        parts.append(
            f'<text x="{LEFT + i * group_w + group_w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" '
            f'font-size="11" fill="#5d6b7a">{month["month"]:%m.%y}</text>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="lk-chart__swatch lk-chart__swatch--{j % 3}"></span>{escape(name)}</li>'
        for j, name in enumerate(tariff_names)
    )
    return mark_safe(  # noqa: S308  (every interpolated text is escaped above)
        f'<figure class="lk-chart-figure">{"".join(parts)}<ul class="lk-chart__legend">{legend}</ul></figure>'
    )
