"""Demo: the platform's own portal registered for inspection, and the county's new-media filings."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zwgk.core.models import Organization

from . import services
from .models import Account


def seed() -> list[str]:
    services.register_self()
    if Account.objects.exists():
        return []
    today = timezone.localdate()
    office = Organization.objects.get(short_name="县政府办公室")
    for platform, name, account_id, org, days, interaction in (
        ("微信公众号", "浮梁发布", "fuliangfabu", office, 1, True),
        ("微博", "浮梁发布", "fuliang_weibo", office, 3, True),
        ("抖音", "浮梁教育", "fljiaoyu", Organization.objects.get(short_name="县教体局"), 25, True),
        ("微信公众号", "浮梁卫健", "flwjw", Organization.objects.get(short_name="县卫健委"), 6, False),
    ):
        services.save_account(None, platform=platform, name=name, account_id=account_id, organization=org, person_in_charge="王某",
                              purpose="发布本单位政务信息", latest_post_on=today - dt.timedelta(days=days), has_interaction=interaction)
    return []
