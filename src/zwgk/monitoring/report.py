"""Inspection reports: per run (verdict, score, findings with the inspectors' columns) as .docx and
.xlsx; the trend of a site over its runs; the county overview."""

from __future__ import annotations

from .models import Account, AccountStatus, Finding, Run, RunState, Site

COLUMNS = [("message", "问题描述"), ("text", "问题内容"), ("suggestion", "修改建议"), ("kind_label", "问题类型"), ("severity_label", "严重程度"),
           ("context", "上下文"), ("url", "页面地址"), ("page_title", "页面标题"), ("published_on", "发布时间"), ("parent", "父页面"),
           ("state_label", "整改状态"), ("due_on", "整改期限")]


def kind_label(kind: str) -> str:
    from . import indicators

    rule = indicators.RULES.get(kind)
    return rule.label if rule else {"column_blank": "空白栏目", "column_stale": "栏目更新不及时", "columns_stale": "栏目不更新",
                                       "home_unfetched": "本次检查首页未能打开"}.get(kind, kind)


def rows(run: Run) -> list[dict]:
    out = []
    for f in Finding.objects.filter(run=run):
        out.append({"message": f.message, "text": f.text, "suggestion": f.suggestion, "kind_label": kind_label(f.kind),
                    "severity_label": f.get_severity_display(), "context": f.context, "url": f.url, "page_title": f.page_title,
                    "published_on": f.published_on.isoformat() if f.published_on else "", "parent": f.parent,
                    "state_label": f.get_state_display() if run.site_id else "", "due_on": f.due_on.isoformat() if f.due_on else "",
                    "finding": f})
    return out


def heading(run: Run) -> str:
    site = run.site.name if run.site else run.start_url
    code = f"（网站标识码 {run.site.site_code}）" if run.site and run.site.site_code else ""
    return f"{site}{code} {run.checked_on:%Y-%m-%d} 检查报告"


def to_xlsx(run: Run) -> bytes:
    from zwgk.core.exports import Book

    book = Book()
    ws = book.sheet("检查结果")
    ws.append([heading(run)])
    ws.append([f"结论：{run.verdict}", f"得分：{run.score}", f"抓取页面：{run.summary.get('pages', 0)}"])
    ws.append([label for _, label in COLUMNS])
    for row in rows(run):
        ws.append([str(row[key]) for key, _ in COLUMNS])
    return book.bytes()


def to_docx(run: Run) -> bytes:
    from zwgk.core.exports import set_text, word_document

    doc = word_document(10)
    doc.add_heading(heading(run), level=1)
    doc.add_paragraph(f"结论：{run.verdict}；得分：{run.score}；"
                      f"抓取页面 {run.summary.get('pages', 0)} 个；问题 {run.summary.get('findings', 0)} 个。")
    wanted = ("message", "text", "suggestion", "kind_label", "severity_label", "url", "page_title", "published_on", "parent")
    shown = [c for c in COLUMNS if c[0] in wanted]
    table = doc.add_table(rows=1, cols=len(shown))
    for i, (_, label) in enumerate(shown):
        set_text(table.rows[0].cells[i], label)
    for row in rows(run):
        doc.add_row(table, [row[key] for key, _ in shown])
    return doc.bytes()


def trend_chart(site: Site):  # noqa: ANN201 (a core.charts.Chart)
    """Scores of the site's last 30 finished inspections in time order, 不合格 in red and said so, the pass mark
    (60) as a reference line."""
    from zwgk.core import charts

    done = Run.objects.filter(site=site, state=RunState.DONE).order_by("-checked_on", "-pk")
    runs = list(done.values_list("checked_on", "score", "verdict")[:30])[::-1]
    points = [charts.Point(f"{day:%Y-%m-%d}", score or 0, verdict, "bad" if verdict == "不合格" else "")
              for day, score, verdict in runs]
    return charts.line("chart-site-trend", f"{site.name}历次检查得分", points, category_title="检查日期", value_title="得分（分）",
                       unit="分", maximum=100, marks=(("合格线", 60),), empty="还没有完成的检查。")


def overview() -> dict:
    """Every monitored site by its latest finished run (worst first) and every account's standing."""
    import datetime as dt

    from django.utils import timezone

    from . import indicators

    sites = []
    for site in Site.objects.select_related("organization"):
        last = Run.objects.filter(site=site, state=RunState.DONE).order_by("-pk").first()
        open_tasks = Finding.objects.to_rectify().filter(site=site).count()
        sites.append({"site": site, "run": last, "open": open_tasks})
    sites.sort(key=lambda s: (s["run"] is None, s["run"] and s["run"].verdict == "合格", s["run"].score if s["run"] else 0))
    today = timezone.localdate()
    accounts = []
    for account in Account.objects.select_related("organization"):
        problems = []
        if account.status != AccountStatus.CLOSED:
            if account.latest_post_on is None or (today - account.latest_post_on) > dt.timedelta(days=indicators.ACCOUNT_STALE_DAYS):
                problems.append(f"{indicators.ACCOUNT_STALE_DAYS} 天内没有发布信息（单项否决）")
            if not account.has_interaction:
                problems.append("没有可用的互动功能（单项否决）")
        accounts.append({"account": account, "problems": problems})
    accounts.sort(key=lambda a: -len(a["problems"]))
    return {"sites": sites, "accounts": accounts}
