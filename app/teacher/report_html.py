"""The progress report as one self-contained HTML page for a support meeting: no scripts,
no files beside it, a print style sheet, in the teacher's language.

Every word comes from the ``teacher.report.*`` keys; names and level titles are escaped.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from app.teacher.progress_data import HELP_NAMES, ChildReport

Translate = Callable[..., str]

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.5em; border-bottom: 2px solid #333; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5em; font-size: 0.9em; }
td.day { white-space: nowrap; }
th, td { border: 1px solid #555; padding: 0.3em 0.5em; text-align: left; }
th { background: #e8e8e8; }
td.n { text-align: right; }
.meta { color: #333; }
svg { border: 1px solid #999; }
@media print {
  body { margin: 1cm; font-size: 11pt; }
  h2 { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
  th { background: #e8e8e8 !important; -webkit-print-color-adjust: exact; }
}
@page { size: A4; margin: 1.5cm; }
"""


def _cells(values: Sequence[object], tag: str = "td") -> str:
    out = []
    for value in values:
        number = isinstance(value, (int, float)) and tag == "td"
        day = tag == "td" and isinstance(value, str) and len(value) == 10 and value[4] == "-"
        klass = ' class="n"' if number else ' class="day"' if day else ""
        out.append(f"<{tag}{klass}>{html.escape(str(value))}</{tag}>")
    return "<tr>" + "".join(out) + "</tr>"


def _table(head: Sequence[str], rows: Sequence[Sequence[object]], empty: str) -> str:
    if not rows:
        return f"<p>{html.escape(empty)}</p>"
    body = "\n".join(_cells(row) for row in rows)
    return f"<table>\n<thead>{_cells(head, 'th')}</thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def chart_svg(scores: Sequence[float], label: str, width: int = 480, height: int = 120) -> str:
    """Independence per session as a line over 0..1 (0: every step shown, 1: alone)."""
    if not scores:
        return ""
    xs = [i * width / (len(scores) - 1) for i in range(len(scores))] if len(scores) > 1 \
        else [width / 2]  # one session: a dot in the middle
    ys = [height - min(1.0, max(0.0, s)) * height for s in scores]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>' for x, y in zip(xs, ys))
    return (f'<svg role="img" aria-label="{html.escape(label)}" width="{width + 20}" '
            f'height="{height + 20}" viewBox="-10 -10 {width + 20} {height + 20}">'
            f'<polyline fill="none" stroke="#1565C0" stroke-width="3" points="{points}"/>'
            f'<g fill="#1565C0">{dots}</g></svg>')


def render_report(report: ChildReport, t: Translate, locale: str,
                  skill_name: Callable[[str], str]) -> str:
    """The page; ``skill_name`` gives a concept's words (``levels.concept.<id>``)."""
    helps = [t(f"teacher.help.{name}") for name in HELP_NAMES]
    skills = _table(
        [t("teacher.report.skill"), t("teacher.report.levels_open"),
         t("teacher.report.levels_solved"), t("teacher.report.stars"),
         t("teacher.report.attempts"), *helps],
        [(skill_name(line.skill), line.levels_open, line.levels_solved, line.stars,
          line.attempts, *line.help) for line in report.skills],
        t("teacher.report.nothing_yet"))
    sessions = _table(
        [t("teacher.report.day"), t("teacher.report.skill"), t("teacher.report.levels_played"),
         t("teacher.report.attempts"), t("teacher.report.solved"), *helps],
        [(line.day, skill_name(line.skill), len(line.levels), line.attempts, line.solved,
          *line.help) for line in report.sessions],
        t("teacher.report.nothing_yet"))
    chart_label = t("teacher.report.independence")
    chart = chart_svg(report.independence, chart_label) or \
        f"<p>{html.escape(t('teacher.report.no_guided'))}</p>"
    title = t("teacher.report.title", name=report.name)
    return f"""<!DOCTYPE html>
<html lang="{html.escape(locale)}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p class="meta">{html.escape(t("teacher.report.made", date=report.made))}</p>
<p class="meta">{html.escape(t("teacher.report.help_explained"))}</p>
<h2>{html.escape(t("teacher.report.by_skill"))}</h2>
{skills}
<h2>{html.escape(t("teacher.report.by_session"))}</h2>
{sessions}
<h2>{html.escape(chart_label)}</h2>
<p class="meta">{html.escape(t("teacher.report.independence_explained"))}</p>
{chart}
</body>
</html>
"""
