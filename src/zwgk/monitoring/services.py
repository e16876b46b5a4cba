"""Every change people or the worker make in monitoring: the registry, inspection runs and their
findings, rectification (整改) and its verification, the scoring table."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from zwgk.core import audit, heartbeat, permissions
from zwgk.core.models import Organization, User

from . import indicators, workflow
from .models import Account, AccountStatus, Column, Finding, PageState, Run, RunState, ScoreRule, Site, TaskState

RECTIFY_DAYS = 15  # practice: the owning unit has 15 days to fix a finding (a setting)
MAX_PAGES = 100_000  # pages one inspection may fetch: a whole county site, and a bound on a run's time and storage
DEFAULT_PAGES = 2000


def _valid_url(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"url": "请填写以 http:// 或 https:// 开头的完整网址。"}) from None
    return url


@audit.service("monitoring.site.save", "登记网站")
def save_site(actor: User | None, *, name: str, url: str, organization: Organization, site_code: str = "", is_self: bool = False,
              allowed_domains: str = "gov.cn") -> Site:
    permissions.require(actor, "monitoring.manage")
    url = _valid_url(url)
    if not (name or "").strip():
        raise ValidationError({"name": "请填写网站名称。"})
    site, created = Site.objects.update_or_create(url=url, defaults={
        "name": name.strip(), "organization": organization, "site_code": site_code.strip(), "is_self": is_self,
        "allowed_domains": allowed_domains})
    audit.record(actor, site, summary=f"{'登记' if created else '修改'}网站 {site.name}（{site.url}）")
    return site


@audit.service("monitoring.site.register_self", "登记本平台门户")
def register_self() -> Site | None:
    """The platform's own portal is monitored by default (ZWGK_PUBLIC_URL, under the top organization)."""
    top = Organization.objects.filter(parent=None).order_by("pk").first()
    if top is None or Site.objects.filter(is_self=True).exists():
        audit.nothing_changed()
        return None
    url = getattr(settings, "ZWGK_PUBLIC_URL", "http://127.0.0.1:8000/")
    site, _ = Site.objects.update_or_create(url=url, defaults={"name": f"{top.name}门户网站", "organization": top, "is_self": True,
                                                              "site_code": getattr(settings, "ZWGK_SITE", {}).get("site_id_code", "")})
    audit.record(None, site, summary=f"本平台门户 {url} 纳入监测")
    return site


@audit.service("monitoring.columns.save", "确认栏目")
def save_columns(actor: User | None, site: Site, columns: list[dict[str, Any]]) -> list[Column]:
    """Replace the site's columns with the confirmed list (name, url, kind, level, update_days)."""
    permissions.require(actor, "monitoring.manage")
    kinds = {c for c, _, _ in indicators.COLUMN_KINDS}
    rows = []
    for c in columns:
        kind = c.get("kind") if c.get("kind") in kinds else indicators.column_kind(c.get("name", ""))
        rows.append({"name": c["name"][:100], "url": _valid_url(c["url"]), "kind": kind, "level": _level(c.get("level") or 1),
                     "update_days": _update_days(c["name"], kind, c.get("update_days")), "confirmed": bool(c.get("confirmed", actor is not None))})
    Column.objects.filter(site=site).delete()
    saved = [Column.objects.create(site=site, **row) for row in rows]
    audit.record(actor, site, summary=f"栏目 {len(saved)} 个")
    return saved


MAX_COLUMN_LEVEL = 9  # a site's column tree is a few levels deep; the model's field is a small integer


def _level(value: Any) -> int:
    level = _whole(value, "级别")
    if not 1 <= level <= MAX_COLUMN_LEVEL:
        raise ValidationError(f"栏目级别应为 1 到 {MAX_COLUMN_LEVEL} 之间的整数。")
    return level


def _whole(value: Any, label: str) -> int:
    text = str(value).strip()
    if len(text) > 6:  # no period or level has more digits: a database integer must not overflow
        raise ValidationError(f"{label}的数字过大。")
    try:
        return int(text)
    except ValueError:
        raise ValidationError(f"{label}应为整数。") from None


def _update_days(name: str, kind: str, value: Any) -> int:
    """A column's update period: its type's default when not given; never 0 (which would exempt it) unless the type is
    not judged by updates (互动, 办事), and never longer than the official limit for its type (indicators.MAX_UPDATE_DAYS)."""
    if value in (None, ""):
        return indicators.UPDATE_DAYS[kind]
    days = _whole(value, f"栏目“{name}”的应更新周期")
    label = indicators.KIND_LABELS[kind]
    if kind in indicators.NOT_UPDATE_BOUND:
        if days != 0:
            raise ValidationError(f"栏目“{name}”为{label}类，不按更新周期检查，应更新周期请填 0。")
        return 0
    limit = indicators.MAX_UPDATE_DAYS[kind]
    if days <= 0:
        raise ValidationError(f"栏目“{name}”为{label}类，应更新周期不能为 0 或负数（不能借此免检），最长 {limit} 天。")
    if days > limit:
        raise ValidationError(f"栏目“{name}”为{label}类，应更新周期不能超过国家检查指标的 {limit} 天（可以更短，不能更长）。")
    return days


@audit.service("monitoring.site.interaction", "登记互动回应情况")
def save_interaction(actor: User, site: Site, *, has_channel: bool, unanswered: int, checked_on: dt.date) -> Site:
    """The office's check of the site's message channel (互动回应差), used by the next inspections."""
    permissions.require(actor, "monitoring.manage")
    if not isinstance(unanswered, int) or unanswered < 0:
        raise ValidationError({"unanswered": "请填写未答复留言的条数（不小于 0 的整数）。"})
    if not isinstance(checked_on, dt.date) or checked_on > timezone.localdate():
        raise ValidationError({"checked_on": "请填写不晚于今天的核查日期。"})
    site.has_message_channel, site.unanswered_messages, site.interaction_checked_on = has_channel, unanswered, checked_on
    site.save(update_fields=["has_message_channel", "unanswered_messages", "interaction_checked_on"])
    audit.record(actor, site, summary=f"{checked_on:%Y-%m-%d} 核查：{'有' if has_channel else '没有'}咨询渠道，超期未答复留言 {unanswered} 条")
    return site


@audit.service("monitoring.account.posts", "读取政务新媒体最近发布日期")
def refresh_account_posts(accounts: list[Account] | None = None) -> int:
    """Read each account's configured feed (RSS 2.0 or Atom) for its latest post date."""
    import httpx


    n = 0
    targets = accounts if accounts is not None else list(Account.objects.exclude(feed_url="").exclude(status=AccountStatus.CLOSED))
    with httpx.Client(timeout=indicators.PROBE_TIMEOUT_SECONDS, follow_redirects=True, trust_env=False) as client:
        for account in targets:
            try:
                r = client.get(account.feed_url)
                r.raise_for_status()
            except httpx.HTTPError:
                continue
            latest = _latest_feed_date(r.content)
            if latest and latest != account.latest_post_on:
                account.latest_post_on = latest
                account.save(update_fields=["latest_post_on"])
                audit.record(None, account, summary=f"最近发布 {latest:%Y-%m-%d}（订阅源）")
                n += 1
    if not n:
        audit.nothing_changed()
    return n


def _latest_feed_date(data: bytes) -> dt.date | None:
    from email.utils import parsedate_to_datetime

    import lxml.etree

    try:
        root = lxml.etree.fromstring(data, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    except lxml.etree.XMLSyntaxError:
        return None
    days = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        text = (el.text or "").strip()
        try:
            if tag == "pubDate" and text:
                days.append(_local_day(parsedate_to_datetime(text)))
            elif tag in ("updated", "published") and text:
                try:
                    days.append(_local_day(dt.datetime.fromisoformat(text)))
                except ValueError:
                    days.append(dt.date.fromisoformat(text[:10]))
        except (TypeError, ValueError):
            continue
    return max(days) if days else None


def _local_day(moment: dt.datetime) -> dt.date:
    """The local (Asia/Shanghai) day of a feed's time: 2025-12-31T20:00Z is 2026-01-01 here. No zone given: as written."""
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


@audit.service("monitoring.account.save", "政务新媒体备案")
def save_account(actor: User | None, *, platform: str, name: str, account_id: str, organization: Organization, person_in_charge: str,
                 purpose: str = "", status: str = AccountStatus.OPEN, closing_notice: str = "", latest_post_on: dt.date | None = None,
                 feed_url: str = "", has_interaction: bool = True) -> Account:
    permissions.require(actor, "monitoring.manage")
    errors = {}
    for field, value, label in (("platform", platform, "平台"), ("name", name, "账号名称"), ("account_id", account_id, "账号 ID"),
                                ("person_in_charge", person_in_charge, "负责人")):
        if not (value or "").strip():
            errors[field] = f"请填写{label}。"
    if status not in AccountStatus.values:
        errors["status"] = "状态只能是开设、变更或注销。"
    if status == AccountStatus.CLOSED and not (closing_notice or "").strip():
        errors["closing_notice"] = "注销须有注销公告（发布地址或内容）。"
    if errors:
        raise ValidationError(errors)
    account, created = Account.objects.update_or_create(platform=platform.strip(), account_id=account_id.strip(), defaults={
        "name": name.strip(), "organization": organization, "person_in_charge": person_in_charge.strip(), "purpose": purpose,
        "status": status, "closing_notice": closing_notice, "latest_post_on": latest_post_on, "feed_url": feed_url,
        "has_interaction": has_interaction})
    audit.record(actor, account, summary=f"{'备案' if created else '变更'}：{account} {account.get_status_display()}")
    return account


@audit.service("monitoring.run.start", "发起检查")
def start_run(actor: User | None, *, site: Site | None = None, url: str = "", max_pages: int = DEFAULT_PAGES, max_depth: int = 4,
              background: bool = False, checked_on: dt.date | None = None) -> Run:
    """A new run; with ``background`` its crawl is queued for a worker (the task is committed with the run).
    ``checked_on``: the day the inspection stands for (today; an earlier day for an inspection recorded afterwards,
    such as the demo's year of monthly runs): the checks judge freshness and set rectification deadlines from it."""
    permissions.require(actor, "monitoring.manage")
    today = timezone.localdate()
    if checked_on is not None and (not isinstance(checked_on, dt.date) or checked_on > today):
        raise ValidationError({"checked_on": "检查日期不能晚于今天。"})
    if site is None:
        url = _valid_url(url)
        site = Site.objects.filter(url=url).first()
    if not 1 <= int(max_pages) <= MAX_PAGES or not 0 <= int(max_depth) <= 10:
        raise ValidationError(f"页面数应在 1 到 {MAX_PAGES} 之间，深度 0 到 10。")
    run = Run.objects.create(site=site, start_url=site.url if site else url, max_pages=max_pages, max_depth=max_depth,
                             checked_on=checked_on or today)
    if background:
        from .tasks import run_inspection

        run.task_id = run_inspection.enqueue(run.pk).id
        run.save(update_fields=["task_id"])
    audit.record(actor, run, summary=f"检查 {run.start_url}（最多 {max_pages} 页，深度 {max_depth}）" + ("，后台执行" if background else "")
                 + (f"，检查日期 {checked_on:%Y-%m-%d}" if checked_on is not None and checked_on != today else ""))
    return run


@audit.service("monitoring.run.crawl", "抓取检查页面")
def begin_crawl(run: Run) -> Run:
    """The crawl of a run starts, or goes on after an interruption (a killed worker, ``inspect --resume``): from here
    the run is RUNNING. The pages themselves are machine observations written by the crawler."""
    run = Run.objects.select_for_update().get(pk=run.pk)
    if run.state == RunState.DONE:
        raise ValidationError("该检查已经完成。")
    resumed = run.started_at is not None
    run.state, run.started_at = RunState.RUNNING, run.started_at or timezone.now()
    if run.task_id is None:  # crawled by this process (``zwgk inspect``): named, so that recovery can tell it still runs
        run.summary = {**run.summary, "crawler": heartbeat.process_identity()}
    run.save(update_fields=["state", "started_at", "summary"])
    if resumed:
        done, queued = run.pages.exclude(state=PageState.QUEUED).count(), run.pages.filter(state=PageState.QUEUED).count()
        audit.record(None, run, summary=f"继续抓取 {run.start_url}：已抓取 {done} 页，待抓取 {queued} 页")
    else:
        audit.record(None, run, summary=f"开始抓取 {run.start_url}")
    return run


@audit.service("monitoring.run.resume_orphans", "继续中断的检查")
def resume_orphan_runs(now: dt.datetime | None = None) -> list[int]:
    """Queue again the crawl of every RUNNING run that no background task carries and whose crawling process is gone:
    runs that were RUNNING when the platform was upgraded to background tasks, and ``zwgk inspect`` runs whose
    command was killed. The process is known when it crawled on this host (``begin_crawl`` names it): gone, the run
    is queued at once; alive, it is left alone. Otherwise (another host, or a run from before the upgrade) the run is
    queued once it started more than ``ZWGK_RUN_ORPHAN_SECONDS`` ago. The crawl resumes from its stored frontier."""
    from .tasks import run_inspection

    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=settings.ZWGK_RUN_ORPHAN_SECONDS)
    resumed = []
    for run in Run.objects.select_for_update(skip_locked=True).filter(state=RunState.RUNNING, task_id=None):
        alive = heartbeat.process_alive((run.summary or {}).get("crawler", ""))
        if alive or (alive is None and run.started_at is not None and run.started_at >= limit):
            continue
        run.task_id = run_inspection.enqueue(run.pk).id
        run.save(update_fields=["task_id"])
        since = f"自 {timezone.localtime(run.started_at):%Y-%m-%d %H:%M} 起" if run.started_at else ""
        audit.record(None, run, summary=f"检查 {run.start_url} {since}进行中，但执行它的进程已停止，且没有后台任务：已重新排队，"
                                         "将从中断处继续抓取")
        resumed.append(run.pk)
    if not resumed:
        audit.nothing_changed()
    return resumed


@audit.service("monitoring.run.finish", "完成检查")
def finish_run(run: Run) -> Run:
    """Evaluate a crawled run: findings with their rectification tasks, score and verdict; and verify
    the open and fixed findings of the site's earlier runs against this one."""
    from .checks import evaluate

    run = Run.objects.select_for_update().get(pk=run.pk)
    if run.state == RunState.DONE:
        raise ValidationError("该检查已经完成。")
    found, points, verdict = evaluate(run)
    due = (run.checked_on or timezone.localdate()) + dt.timedelta(days=getattr(settings, "ZWGK_RECTIFY_DAYS", RECTIFY_DAYS))
    Finding.objects.bulk_create([
        Finding(run=run, site=run.site, kind=f.check, severity=f.severity, url=f.url[:1000], parent=f.parent[:1000],
                page_title=f.page_title[:300], published_on=f.published_on, text=f.text[:500], message=f.message[:500],
                suggestion=f.suggestion[:300], context=f.context[:500], fingerprint=f.fingerprint(),
                due_on=due if run.site_id and f.severity != "warn" else None)
        for f in found
    ])
    run.state, run.finished_at, run.score, run.verdict = RunState.DONE, timezone.now(), points, verdict
    counts: dict[str, int] = {}
    for f in found:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    run.summary = {"findings": len(found), "by_severity": counts, "pages": run.pages.count()}
    run.save()
    verified = _verify(run, {f.fingerprint() for f in found}) if run.site_id else (0, 0)
    audit.record(None, run, summary=f"{run.start_url}：{verdict}，{points} 分，问题 {len(found)} 个；复核销号 {verified[0]} 个，"
                                     f"复核未通过 {verified[1]} 个")
    if run.site_id:
        _tell_unit(run, sum(1 for f in found if f.severity != "warn"), verified[1], due)
    return run


def _tell_unit(run: Run, assigned: int, reopened: int, due: dt.date) -> None:
    """整改任务: the staff of the site's unit are told what this inspection gave them to rectify."""
    from django.urls import reverse

    from zwgk.notifications import selectors as recipients
    from zwgk.notifications.services import notify

    if not assigned and not reopened:
        return
    if run.checked_on < timezone.localdate():  # an inspection recorded afterwards (the demo's year): history, no task now
        return
    site = Site.objects.select_related("organization").get(pk=run.site_id)
    parts = [f"新发现 {assigned} 个问题须在 {due:%Y-%m-%d} 前整改"] if assigned else []
    if reopened:
        parts.append(f"{reopened} 个已整改的问题复核未通过")
    notify(recipients.unit_staff("monitoring.rectify", [site.organization_id]), "monitoring.finding",
           f"整改任务：{site.name}", f"{run.checked_on:%Y-%m-%d} 的检查" + "，".join(parts) + "。",
           url=reverse("monitoring:tasks"), dedup=f"run:{run.pk}:findings")


def _verify(run: Run, present: set[str]) -> tuple[int, int]:
    earlier = Finding.objects.unresolved().filter(site=run.site, run__lt=run)
    closed = reopened = 0
    for finding in earlier:
        if finding.fingerprint not in present:
            workflow.FINDING.check("verify_closed", finding, None)
            finding.state, finding.verified_run = TaskState.CLOSED, run
            closed += 1
        elif finding.state == TaskState.FIXED:
            workflow.FINDING.check("verify_reopened", finding, None)
            finding.state, finding.verified_run = TaskState.REOPENED, run
            reopened += 1
        else:
            continue
        finding.save(update_fields=["state", "verified_run"])
    return closed, reopened


@audit.service("monitoring.finding.fixed", "整改完成")
def mark_fixed(actor: User, finding: Finding, note: str) -> Finding:
    """The owning organization says it fixed the problem; the next run verifies it."""
    finding = Finding.objects.select_for_update(of=("self",)).select_related("site__organization").get(pk=finding.pk)
    workflow.FINDING.check("fix", finding, actor)
    if not (note or "").strip():
        raise ValidationError({"note": "请写明整改情况。"})
    finding.state, finding.fixed_note = TaskState.FIXED, note.strip()[:500]
    finding.save(update_fields=["state", "fixed_note"])
    audit.record(actor, finding, summary=f"{finding.message[:80]}：已整改，待下次检查复核")
    return finding


@audit.service("monitoring.score.save", "调整评分规则")
def save_score_rule(actor: User, check: str, points: float, cap: float) -> ScoreRule:
    permissions.require(actor, "monitoring.manage")
    base = indicators.RULES.get(check)
    if base is None:
        raise ValidationError({"check": "没有这一检查项。"})
    if not (math.isfinite(points) and math.isfinite(cap)):  # float("nan"), float("inf") parse but are no score
        raise ValidationError("分值应为数字。")
    if points < 0 or cap < 0:
        raise ValidationError("分值不能为负数。")
    rule, _ = ScoreRule.objects.update_or_create(item=check, defaults={"label": base.label, "kind": base.kind, "points": points, "cap": cap})
    audit.record(actor, rule, summary=f"{rule.label}：每项 {points} 分，最多 {cap} 分")
    return rule
