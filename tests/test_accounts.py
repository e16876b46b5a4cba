"""Staff accounts: login and its throttle, password storage, security headers, the admin."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from zwgk.core.codes import make_uscc
from zwgk.core.models import AuditEntry, Organization, Role, User
from zwgk.core.services import accounts

LOGIN = "/staff/login/"
PASSWORD = "Correct-horse-42"


@pytest.fixture(autouse=True)
def _fresh_axes_cache(settings):
    from django.core.cache import cache

    cache.clear()


@pytest.mark.django_db
class TestLogin:
    def test_success_records_login(self, client, people):
        response = client.post(LOGIN, {"username": "gkb", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 302 and response["Location"] == "/staff/"
        entry = AuditEntry.objects.get(action="core.account.login")
        assert entry.actor == people["gkb"] and entry.client_ip == "203.0.113.5"
        assert User.objects.get(pk=people["gkb"].pk).last_login is not None

    def test_failure_is_a_chinese_message_and_logged(self, client, people):
        response = client.post(LOGIN, {"username": "gkb", "password": "wrong"})
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
        assert AuditEntry.objects.filter(action="core.account.login_failure", summary__contains="gkb").exists()

    def test_throttled_after_repeated_failures(self, client, people):
        limit = settings.AXES_FAILURE_LIMIT
        for _ in range(limit):
            client.post(LOGIN, {"username": "gkb", "password": "wrong"})
        response = client.post(LOGIN, {"username": "gkb", "password": PASSWORD})
        assert response.status_code == 429
        assert "登录已暂时锁定" in response.content.decode()
        assert "_auth_user_id" not in client.session
        # another account from the same address is not locked out by gkb's failures
        assert client.post(LOGIN, {"username": "admin", "password": PASSWORD}).status_code == 302

    def test_logout_is_post_only_and_logged(self, client, people):
        client.force_login(people["gkb"])
        assert client.get("/staff/logout/").status_code == 405
        client.post("/staff/logout/")
        assert AuditEntry.objects.filter(action="core.account.logout", actor=people["gkb"]).exists()

    def test_passwords_are_hashed_with_argon2(self, people):
        user = accounts.create_user(
            people["admin"], username="newbie", password="Quite-long-pass-1", organization=people["gkb"].organization
        )
        assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
        assert User.objects.get(pk=user.pk).password.startswith("argon2$")

    def test_old_hashes_are_upgraded_through_the_service(self, client, people):
        from django.contrib.auth.hashers import make_password

        from zwgk.core import audit

        user = people["jiaoti_editor"]
        with audit.allow_direct_writes():
            User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
        assert client.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 302
        assert User.objects.get(pk=user.pk).password.startswith("argon2$")
        assert AuditEntry.objects.filter(action="core.account.upgrade_hash").exists()


@pytest.mark.django_db
class TestAccountRules:
    def test_weak_password_refused(self, people, county):
        with pytest.raises(ValidationError) as exc:
            accounts.create_user(people["admin"], username="x1", password="12345678", organization=county["town"])
        assert any("密码" in m for m in exc.value.messages)
        assert not User.objects.filter(username="x1").exists()

    def test_duplicate_username_refused_case_insensitively(self, people, county):
        with pytest.raises(ValidationError, match="已被使用"):
            accounts.create_user(people["admin"], username="GKB", password=None, organization=county["town"])

    def test_staff_other_than_admin_need_an_organization(self, people):
        with pytest.raises(ValidationError, match="必须属于一个机构"):
            accounts.create_user(people["admin"], username="loose", password=None, roles=[Role.EDITOR])

    def test_admin_cannot_remove_own_admin_role(self, people):
        with pytest.raises(ValidationError, match="不能撤销自己的系统管理员角色"):
            accounts.update_user(people["admin"], people["admin"], roles=[Role.EDITOR])

    def test_county_office_cannot_manage_accounts(self, people, county):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            accounts.create_user(people["gkb"], username="x2", password=None, organization=county["town"])

    def test_role_change_is_logged_with_labels(self, people):
        accounts.update_user(people["admin"], people["jiaoti_editor"], roles=[Role.EDITOR, Role.REVIEWER])
        entry = AuditEntry.objects.get(action="core.account.update")
        assert entry.changes["roles"] == [["信息员"], ["信息员", "审核人"]]
        assert User.objects.get(pk=people["jiaoti_editor"].pk).role_set == {"editor", "reviewer"}


@pytest.mark.django_db
class TestSecurityHeaders:
    def test_headers_on_public_and_staff_pages(self, client, county):
        for path in ("/", LOGIN):
            response = client.get(path)
            assert response.status_code == 200
            csp = response["Content-Security-Policy"]
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp
            assert response["X-Frame-Options"] == "DENY"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Referrer-Policy"] == "same-origin"
            assert "camera=()" in response["Permissions-Policy"]
        assert "no-store" in client.get(LOGIN)["Cache-Control"]

    def test_cookies_are_http_only_and_secure_by_default(self, client, people):
        client.post(LOGIN, {"username": "gkb", "password": PASSWORD})
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert settings.SESSION_COOKIE_SECURE is True  # ZWGK_HTTPS defaults on outside debug mode
        assert cookie["secure"]


@pytest.mark.django_db
class TestAdmin:
    def test_only_administrators_enter(self, client, people):
        response = client.get("/admin/", follow=True)
        assert response.redirect_chain[-1][0].startswith(LOGIN + "?next=/admin/")
        client.force_login(people["gkb"])
        response = client.get("/admin/", follow=True)
        assert response.status_code == 403
        client.force_login(people["admin"])
        page = client.get("/admin/").content.decode()
        assert "政务公开平台 · 系统管理" in page and "机构" in page and "节假日与补班" in page

    def test_add_organization_through_admin_is_logged(self, client, people, county):
        client.force_login(people["admin"])
        code = make_uscc("1", "1", "360222", "MB777777")
        data = {
            "parent": county["gov"].pk, "name": "浮梁县审计局", "short_name": "县审计局", "kind": "department",
            "doc_prefix": "浮审", "code": code, "sort_order": 500, "is_active": "on",
            "address": "", "phone": "", "email": "", "office_hours": "",
        }
        response = client.post("/admin/core/organization/add/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        org = Organization.objects.get(name="浮梁县审计局")
        entry = AuditEntry.objects.get(action="core.org.create")
        assert entry.actor == people["admin"] and entry.object_id == str(org.pk)

    def test_bad_code_in_admin_is_a_chinese_error(self, client, people, county):
        client.force_login(people["admin"])
        data = {"name": "浮梁县统计局", "short_name": "县统计局", "kind": "department", "code": "11360222MB7777770A", "sort_order": 1}
        response = client.post("/admin/core/organization/add/", data)
        assert response.status_code == 200
        assert "校验码错误" in response.content.decode()
        assert not Organization.objects.filter(name="浮梁县统计局").exists()

    def test_create_account_with_roles_through_admin(self, client, people, county):
        client.force_login(people["admin"])
        data = {
            "username": "town_editor", "full_name": "镇信息员", "organization": county["town"].pk, "phone": "",
            "email": "", "is_active": "on", "roles": ["editor", "reviewer"],
            "new_password1": "Town-editor-pass-1", "new_password2": "Town-editor-pass-1",
        }
        response = client.post("/admin/core/user/add/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        user = User.objects.get(username="town_editor")
        assert user.role_set == {"editor", "reviewer"} and user.check_password("Town-editor-pass-1")
        assert AuditEntry.objects.filter(action="core.account.create", object_id=str(user.pk)).exists()

    def test_mismatched_passwords_in_admin(self, client, people, county):
        client.force_login(people["admin"])
        data = {"username": "t2", "organization": county["town"].pk, "is_active": "on", "roles": ["editor"],
                "new_password1": "Town-editor-pass-1", "new_password2": "Town-editor-pass-2"}
        response = client.post("/admin/core/user/add/", data)
        assert response.status_code == 200 and "两次输入的密码不一致" in response.content.decode()
        assert not User.objects.filter(username="t2").exists()


@pytest.mark.django_db
class TestOwnPassword:
    def test_change_own_password_is_logged_and_keeps_session(self, client, people):
        client.force_login(people["jiaoti_editor"])
        data = {"old_password": PASSWORD, "new_password1": "Fresh-secret-2026", "new_password2": "Fresh-secret-2026"}
        response = client.post("/staff/password/", data)
        assert response.status_code == 302
        assert User.objects.get(pk=people["jiaoti_editor"].pk).check_password("Fresh-secret-2026")
        entry = AuditEntry.objects.get(action="core.account.set_password")
        assert entry.actor == people["jiaoti_editor"] and entry.summary == "本人修改密码"
        assert client.get("/staff/").status_code == 200

    def test_wrong_old_password_changes_nothing(self, client, people):
        client.force_login(people["jiaoti_editor"])
        data = {"old_password": "nope", "new_password1": "Fresh-secret-2026", "new_password2": "Fresh-secret-2026"}
        response = client.post("/staff/password/", data)
        assert response.status_code == 200 and "旧密码不正确" in response.content.decode()
        assert User.objects.get(pk=people["jiaoti_editor"].pk).check_password(PASSWORD)

    def test_admin_password_link_goes_to_the_audited_page(self, client, people):
        client.force_login(people["admin"])
        response = client.get("/admin/password_change/")
        assert response.status_code == 302 and response["Location"] == "/staff/password/"
