"""The staff menu comes from the navigation registry: each person sees the entries their roles open."""

from __future__ import annotations

import pytest

from zwgk.core.navigation import NAV, menu_for


def _labels(user, path="/staff/"):
    return [e["label"] for e in menu_for(user, path)]


@pytest.mark.django_db
def test_each_app_registers_its_entries():
    assert {"dashboard", "publishing", "publishing-queue", "applications", "monitoring", "workplan", "audit"} <= set(NAV)


@pytest.mark.django_db
def test_menu_follows_roles(staff):
    editor = _labels(staff["jiaoti_editor"])
    assert "稿件" in editor and "依申请公开" in editor and "工作要点" in editor
    assert "待我审核" not in editor and "审计日志" not in editor and "系统管理" not in editor
    reviewer = _labels(staff["jiaoti_reviewer"])
    assert "待我审核" in reviewer
    secrecy = _labels(staff["jiaoti_secrecy"])
    assert "待我审核" in secrecy and "依申请公开" not in secrecy and "网站监测" not in secrecy
    office = _labels(staff["gkb"])
    assert "审计日志" in office and "网站监测" in office


@pytest.mark.django_db
def test_current_section_is_the_longest_prefix(staff):
    menu = menu_for(staff["jiaoti_reviewer"], "/staff/docs/review/12/")
    assert [e["label"] for e in menu if e["current"]] == ["待我审核"]


@pytest.mark.django_db
def test_staff_page_renders_the_menu(client, staff):
    client.force_login(staff["jiaoti_secrecy"])
    html = client.get("/staff/").content.decode()
    assert "待我审核" in html and 'aria-current="page"' in html
    assert "依申请公开</a>" not in html
