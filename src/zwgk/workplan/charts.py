"""Charts as inline SVG, drawn on the server (no script, no CDN); each has a text alternative."""

from __future__ import annotations

import html


def progress_bars(rows: list[tuple[str, int, int, str]], width: int = 640) -> str:
    """One bar per point: (label, done 0-100, _, status code); done share in green, the rest grey, behind in red."""
    bar_h, gap, label_w = 18, 8, 150
    height = len(rows) * (bar_h + gap) + gap
    parts = []
    colours = {"overdue": "#b3261e", "silent": "#b3261e", "closed_late": "#8a5a00"}
    tracks = {"overdue": "#f4d3d0", "silent": "#f4d3d0"}  # behind: the whole bar is tinted, not only the done part
    for i, (label, done, _, code) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = (width - label_w - 60) * done / 100
        parts.append(f'<text x="0" y="{y + 13}" font-size="13">{html.escape(label[:12])}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{width - label_w - 60}" height="{bar_h}" fill="{tracks.get(code, "#e6e9ef")}"/>'
                     f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colours.get(code, "#2e7d32")}"/>'
                     f'<text x="{width - 52}" y="{y + 13}" font-size="13">{done}%</text>')
    summary = "；".join(f"{label} {done}%" for label, done, _, _ in rows)
    return (f'<svg role="img" aria-label="{html.escape("各项任务完成情况：" + summary)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" class="chart" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


def score_bars(rows: list[tuple[str, float]], maximum: float, width: int = 640) -> str:
    """Units' total scores, highest first."""
    bar_h, gap, label_w = 16, 6, 150
    height = len(rows) * (bar_h + gap) + gap
    parts = []
    for i, (label, total) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = (width - label_w - 60) * (total / maximum if maximum else 0)
        parts.append(f'<text x="0" y="{y + 12}" font-size="12">{html.escape(label[:12])}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#1f4e8c"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" font-size="12">{total:g}</text>')
    summary = "；".join(f"{label} {total:g} 分" for label, total in rows)
    return (f'<svg role="img" aria-label="{html.escape("各单位得分：" + summary)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" class="chart" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


def trend_line(points: list[tuple[str, float]], maximum: float = 100, width: int = 640, height: int = 180) -> str:
    """Totals over the periods (one point each)."""
    if not points:
        return ""
    pad = 60
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    xy = [(pad + i * step, height - pad - (height - 2 * pad) * (v / maximum if maximum else 0)) for i, (_, v) in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1f4e8c"/>'
                   f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle">{html.escape(label[:10])}</text>'
                   f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="11" text-anchor="middle">{v:g}</text>'
                   for (x, y), (label, v) in zip(xy, points, strict=True))
    summary = "；".join(f"{label} {v:g} 分" for label, v in points)
    return (f'<svg role="img" aria-label="{html.escape("得分走势：" + summary)}" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" class="chart" xmlns="http://www.w3.org/2000/svg"><polyline points="{line}" fill="none" '
            f'stroke="#1f4e8c" stroke-width="2"/>{dots}</svg>')
