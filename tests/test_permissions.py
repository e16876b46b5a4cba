"""Permissions are per organization: a department's staff cannot see or act for another's."""

import pytest
from django.core.exceptions import PermissionDenied

from zwgk.core import permissions
from zwgk.core.models import AuditEntry, Organization
from zwgk.core.services import orgs


@pytest.mark.django_db
class TestScope:
    def test_department_scope_is_own_unit_and_units_below(self, people, county):
        visible = set(permissions.visible_organizations(people["jiaoti_editor"]))
        assert visible == {county["jiaoti"], county["school"]}

    def test_county_office_sees_all(self, people, county):
        assert set(permissions.visible_organizations(people["gkb"])) == set(Organization.objects.all())

    def test_anonymous_has_nothing(self, county):
        from django.contrib.auth.models import AnonymousUser

        assert not permissions.has(AnonymousUser(), "org.view", county["jiaoti"])

    def test_inactive_account_has_nothing(self, people, county):
        user = people["jiaoti_reviewer"]
        user.is_active = False
        assert not permissions.has(user, "org.edit_profile", county["jiaoti"])


@pytest.mark.django_db
class TestServiceRefusesOtherOrganizations:
    def test_reviewer_updates_own_profile(self, people, county):
        orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], phone="0798-2620000")
        assert Organization.objects.get(pk=county["jiaoti"].pk).phone == "0798-2620000"

    def test_reviewer_cannot_update_another_department(self, people, county):
        with pytest.raises(PermissionDenied) as exc:
            orgs.update_organization(people["jiaoti_reviewer"], county["weijian"], phone="110")
        assert str(exc.value) == "您没有在“县卫健委”维护本机构信息的权限。"
        assert Organization.objects.get(pk=county["weijian"].pk).phone == ""
        assert not AuditEntry.objects.filter(action="core.org.update").exists()

    def test_editor_cannot_update_even_own_profile(self, people, county):
        with pytest.raises(PermissionDenied):
            orgs.update_organization(people["jiaoti_editor"], county["jiaoti"], phone="110")

    def test_reviewer_cannot_change_identity_fields(self, people, county):
        with pytest.raises(PermissionDenied, match="管理机构"):
            orgs.update_organization(people["jiaoti_reviewer"], county["jiaoti"], name="改名")

    def test_county_office_updates_any_department(self, people, county):
        orgs.update_organization(people["gkb"], county["weijian"], office_hours="工作日 8:30-17:30")
        assert Organization.objects.get(pk=county["weijian"].pk).office_hours == "工作日 8:30-17:30"


@pytest.mark.django_db
class TestViews:
    def test_staff_pages_need_login(self, client, county):
        response = client.get(f"/staff/org/{county['jiaoti'].pk}/")
        assert response.status_code == 302 and response["Location"].startswith("/staff/login/")

    def test_other_department_is_not_found(self, client, people, county):
        client.force_login(people["jiaoti_editor"])
        assert client.get(f"/staff/org/{county['jiaoti'].pk}/").status_code == 200
        assert client.get(f"/staff/org/{county['weijian'].pk}/").status_code == 404
        assert client.get(f"/staff/org/{county['weijian'].pk}/edit/").status_code == 404
        response = client.post(f"/staff/org/{county['weijian'].pk}/edit/", {"phone": "110"})
        assert response.status_code == 404
        assert Organization.objects.get(pk=county["weijian"].pk).phone == ""

    def test_dashboard_lists_only_own_units(self, client, people):
        client.force_login(people["jiaoti_editor"])
        page = client.get("/staff/").content.decode()
        assert "浮梁县教育体育局" in page and "浮梁县第一中学" in page
        assert "浮梁县卫生健康委员会" not in page

    def test_editor_sees_but_cannot_edit(self, client, people, county):
        client.force_login(people["jiaoti_editor"])
        assert client.get(f"/staff/org/{county['jiaoti'].pk}/edit/").status_code == 403

    def test_reviewer_edits_through_the_form(self, client, people, county):
        client.force_login(people["jiaoti_reviewer"])
        data = {"address": "浮梁镇朝阳路1号", "phone": "0798-2620000", "email": "", "office_hours": "工作日"}
        response = client.post(f"/staff/org/{county['jiaoti'].pk}/edit/", data)
        assert response.status_code == 302
        assert Organization.objects.get(pk=county["jiaoti"].pk).address == "浮梁镇朝阳路1号"
        entry = AuditEntry.objects.get(action="core.org.update")
        assert entry.client_ip == "127.0.0.1" and entry.actor == people["jiaoti_reviewer"]

    def test_bad_email_is_a_chinese_error_and_changes_nothing(self, client, people, county):
        client.force_login(people["jiaoti_reviewer"])
        data = {"address": "x", "phone": "", "email": "不是邮箱", "office_hours": ""}
        response = client.post(f"/staff/org/{county['jiaoti'].pk}/edit/", data)
        assert response.status_code == 200
        assert "输入一个有效的 Email 地址" in response.content.decode()
        assert Organization.objects.get(pk=county["jiaoti"].pk).address == ""
