"""Work for the 工作台's tests: returned drafts, reviews waiting, open applications, 督办, tasks due, findings.
Written directly (fixtures), except where a test walks the services itself."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zwgk.applications.models import Application
from zwgk.core import audit
from zwgk.core.models import Role
from zwgk.monitoring.models import Finding, Run, Site
from zwgk.publishing.models import Document, ReviewDecision, Revision, RevisionState
from zwgk.workplan.models import Plan, Supervision, Task

CHAIN = [str(Role.REVIEWER), str(Role.SECRECY_REVIEWER)]


def returned_draft(org, editor, reviewer, title="关于调整校车线路的通知", opinion="请补充线路图。"):
    with audit.allow_direct_writes():
        doc = Document.objects.create(organization=org, created_by=editor, title="")
        rev = Revision.objects.create(document=doc, number=1, created_by=editor, title=title, state=RevisionState.REJECTED,
                                      chain=CHAIN, submitted_at=timezone.now() - dt.timedelta(days=2))
        ReviewDecision.objects.create(revision=rev, step=0, role=CHAIN[0], reviewer=reviewer, decision="reject", opinion=opinion)
    return rev


def in_review(org, editor, title="关于公布学生资助名单的通知", days=1, decided_by=None):
    """A revision waiting at its first step (or, with ``decided_by``, at the second after that person's approval)."""
    with audit.allow_direct_writes():
        doc = Document.objects.create(organization=org, created_by=editor, title="")
        rev = Revision.objects.create(document=doc, number=1, created_by=editor, title=title, state=RevisionState.IN_REVIEW,
                                      chain=CHAIN, submitted_at=timezone.now() - dt.timedelta(days=days))
        if decided_by is not None:
            ReviewDecision.objects.create(revision=rev, step=0, role=CHAIN[0], reviewer=decided_by, decision="approve", opinion="同意")
    return rev


def application(org, received: dt.date, n: int = 0, **over):
    data = {
        "tracking_code": f"FLT{org.pk:03d}{n:06d}", "organization": org, "applicant_type": "natural", "name": "张三",
        "id_type": "other", "id_number": "X1", "phone": "13907981234", "description": "城区公办小学划片范围的依据文件",
        "channel": "in_person", "received_on": received,
    }
    data.update(over)
    with audit.allow_direct_writes():
        return Application.objects.create(**data)


def plan(year: int | None = None):
    with audit.allow_direct_writes():
        return Plan.objects.create(year=year or timezone.localdate().year, title="政务公开工作要点")


def task(plan, lead, due: dt.date, n: int = 0, title="推进义务教育信息公开"):
    with audit.allow_direct_writes():
        return Task.objects.create(plan=plan, number=str(n + 1), position=n + 1, title=f"{title}{n}", lead=lead, due_on=due)


def supervision(task, org, by, answer_by: dt.date):
    with audit.allow_direct_writes():
        return Supervision.objects.create(task=task, organization=org, notice="请加快推进并反馈落实情况。", issued_at=timezone.now(),
                                          issued_by=by, answer_by=answer_by)


def site(org, n: int = 0):
    with audit.allow_direct_writes():
        s = Site.objects.create(name=f"{org.short_name}网站{n}", url=f"http://127.0.0.1/site-{org.pk}-{n}/", organization=org)
        run = Run.objects.create(site=s, start_url=s.url, state="done", finished_at=timezone.now())
    return s, run


def finding(site_run, due: dt.date | None, n: int = 0):
    s, run = site_run
    with audit.allow_direct_writes():
        return Finding.objects.create(run=run, site=s, kind="broken_link", severity="deduct", message=f"错误链接{n}",
                                      url=f"{s.url}page{n}.html", fingerprint=f"fp{n}", due_on=due)
