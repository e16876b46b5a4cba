"""Exports of the work points: the assessment table (.xlsx, .docx) and the yearly report to the county leaders (.docx)."""

from __future__ import annotations

from django.utils import timezone
from openpyxl.styles import Alignment, Font

from zwgk.core.exports import Book, set_text, word_document

from . import selectors
from .models import Indicator, Period, Plan


def _cell(score) -> float | str:  # noqa: ANN001
    """A score as the exports show it: its points, 无此项 (nothing to assess), 未评 (to score by hand)."""
    if score is None:
        return "—"
    if score.not_applicable:
        return "无此项"
    return score.points if score.points is not None else "未评"


def scores_xlsx(period: Period) -> bytes:
    active = list(Indicator.objects.filter(is_active=True))
    rows = selectors.ranking(period)
    book = Book()
    ws = book.sheet("考核得分")
    ws.append([f"{period.name}政务公开工作考核得分（{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}）"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["排名", "单位"] + [f"{i.name}（{i.weight:g}分）" for i in active] + ["折算得分", "实得分", "应得分", "未评指标"])
    for row in rows:
        ws.append([row["rank"] if row["rank"] is not None else "—", row["organization"].name]
                  + [_cell(c) for c in row["cells"]]
                  + [row["total"] if row["total"] is not None else "无应考核事项", row["earned"], row["possible"], row["missing"]])
    ws.append([selectors.RANKING_RULE])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions["B"].width = 36
    detail = book.sheet("评分依据")
    detail.append(["单位", "指标", "得分", "计算/理由", "依据"])
    for row in rows:
        for ind, c in zip(active, row["cells"], strict=True):
            if c is None:
                continue
            basis = "；".join(f"{'✓' if e.get('ok') else '✗'} {e.get('label', '')}（{e.get('note', '')}）" for e in c.evidence)
            detail.append([row["organization"].name, ind.name, _cell(c),
                           c.reason or c.explanation, basis[:30000]])
    return book.bytes()


def scores_docx(period: Period) -> bytes:
    active = list(Indicator.objects.filter(is_active=True))
    rows = selectors.ranking(period)
    doc = word_document(12)
    doc.add_heading(f"{period.name}政务公开工作考核结果", level=1)
    doc.add_paragraph(f"考核期：{period.start:%Y年%m月%d日}至{period.end:%Y年%m月%d日}。指标 {len(active)} 项，满分 "
                      f"{sum(i.weight for i in active):g} 分。")
    table = doc.add_table(rows=1, cols=len(active) + 3)
    for cell, text in zip(table.rows[0].cells, ["排名", "单位", *(f"{ind.name}（{ind.weight:g}）" for ind in active), "折算得分"], strict=True):
        set_text(cell, text)
    for row in rows:
        doc.add_row(table, [row["rank"] if row["rank"] is not None else "—", row["organization"].short_name or row["organization"].name,
                            *(str(_cell(c)) if isinstance(_cell(c), str) else f"{_cell(c):g}" for c in row["cells"]),
                            f"{row['total']:g}" if row["total"] is not None else "无应考核事项"])
    doc.add_paragraph(f"排名方法：{selectors.RANKING_RULE}")
    doc.add_heading("指标与评分规则", level=2)
    for ind in active:
        doc.add_paragraph(f"{ind.group}｜{ind.name}（{ind.weight:g} 分）：{ind.rule}。依据：{ind.basis or '—'}")
    return doc.bytes()


def leaders_report(plan: Plan) -> bytes:
    """The yearly summary for the county government's leaders (work point 十二: at least once a year)."""
    today = timezone.localdate()
    progress = selectors.plan_progress(plan, today)
    doc = word_document(16)
    doc.add_paragraph(f"关于{plan.year}年全县政务公开工作推进情况的汇报", align=1, bold=True)
    doc.add_paragraph(f"（截至{today:%Y年%m月%d日}）").alignment = 1
    counts = progress["counts"]
    doc.add_heading("一、总体进展", level=2)
    doc.add_paragraph(
        f"《{plan.title}》共分解任务 {progress['total']} 项，已办结 {progress['closed']} 项（{progress['percent']}%），"
        f"其中按期办结 {counts.get('closed', 0)} 项、逾期办结 {counts.get('closed_late', 0)} 项；推进中 "
        f"{progress['total'] - progress['closed']} 项，其中已逾期 {counts.get('overdue', 0)} 项、"
        f"超过期限未报送进展 {counts.get('silent', 0)} 项。"
    )
    doc.add_heading("二、各项任务落实情况", level=2)
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["序号", "任务", "牵头单位", "完成时限", "状态"], strict=True):
        set_text(cell, text)
    for row in progress["rows"]:
        t = row["task"]
        doc.add_row(table, [t.path_number, t.title, t.lead.short_name if t.lead else "待确认", f"{t.due_on:%Y-%m-%d}", row["status"].label])
    doc.add_heading("三、需要关注的单位", level=2)
    if progress["behind"]:
        for org, tasks in progress["behind"][:15]:
            doc.add_paragraph(f"{org.name}：{len(tasks)} 项任务逾期、久未报送或督办未反馈（" + "；".join(str(t)[:24] for t in tasks[:5]) + "）。")
    else:
        doc.add_paragraph("各单位任务均按计划推进。")
    doc.add_heading("四、考核情况", level=2)
    periods = list(plan.periods.order_by("-end"))
    if periods:
        all_rows = selectors.ranking(periods[0])
        ranking = selectors.ranked(all_rows)
        if ranking:
            top = "、".join(f"{r['organization'].short_name}（{r['total']:g} 分）" for r in ranking[:5])
            bottom = "、".join(f"{r['organization'].short_name}（{r['total']:g} 分）" for r in ranking[-3:]) if len(ranking) > 5 else ""
            none = len(all_rows) - len(ranking)
            doc.add_paragraph(f"{periods[0].name}共考核 {len(ranking)} 个单位（按折算得分排名）。得分靠前的是：{top}。" +
                              (f"得分靠后的是：{bottom}。" if bottom else "") +
                              (f"另有 {none} 个单位考核期内无应考核事项，未参加排名。" if none else ""))
        else:
            doc.add_paragraph(f"{periods[0].name}尚未计算得分。")
    else:
        doc.add_paragraph("本年度尚未设立考核期。")
    cases = [c for c in plan.cases.all()]
    doc.add_heading("五、优秀案例", level=2)
    if cases:
        for c in cases:
            doc.add_paragraph(f"{c.organization.short_name or c.organization.name}：{c.title}（{c.get_state_display()}）")
    else:
        doc.add_paragraph("本年度尚未征集到优秀案例。")
    doc.add_heading("六、下一步工作", level=2)
    doc.add_paragraph("对逾期和久未报送进展的任务逐项督办，督促责任单位限期反馈；对按期高质量完成任务的单位予以通报表扬，"
                      "并推荐优秀案例参加省、市评选。")
    return doc.bytes()
