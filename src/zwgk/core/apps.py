from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "zwgk.core"
    label = "core"
    verbose_name = "基础：机构、人员、日历与审计"

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals
        from django.contrib.auth.models import update_last_login
        from django.tasks.signals import task_finished, task_started

        from . import audit, heartbeat, signals, text

        # Every model of every zwgk app may be written only inside a service (strict mode), except machine
        # observations (a crawler's pages and links, availability probes) marked ``zwgk_observation``.
        zwgk_models = [m for m in apps.get_models() if m.__module__.startswith("zwgk.") and not getattr(m, "zwgk_observation", False)]
        audit.install_write_guard(zwgk_models)
        # No path stores text with control characters, CR line endings or in a non-NFC form (zwgk.core.text).
        text.install_text_guard([m for m in apps.get_models() if m.__module__.startswith("zwgk.")])

        # Logins are recorded by a service (last_login and the audit log), not by Django's receiver.
        auth_signals.user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        auth_signals.user_logged_in.connect(signals.on_login, dispatch_uid="zwgk_login")
        auth_signals.user_logged_out.connect(signals.on_logout, dispatch_uid="zwgk_logout")
        auth_signals.user_login_failed.connect(signals.on_login_failed, dispatch_uid="zwgk_login_failed")
        # A running background task shows it is alive (zwgk.core.heartbeat).
        task_started.connect(heartbeat.on_task_started, dispatch_uid="zwgk_task_heartbeat_start")
        task_finished.connect(heartbeat.on_task_finished, dispatch_uid="zwgk_task_heartbeat_stop")
        post_migrate.connect(signals.seed_calendar, sender=self, dispatch_uid="zwgk_seed_calendar")
        post_migrate.connect(signals.create_cache_table, sender=self, dispatch_uid="zwgk_cache_table")
        _register_menu()


def _register_menu() -> None:
    from .navigation import NavItem, register

    register(NavItem("dashboard", "工作台", "core:dashboard", 0))
    register(NavItem("org", "本机构信息", "core:org_detail", 80, needs=lambda u: bool(u.organization_id),
                     args=lambda u: (u.organization_id,)))
    register(NavItem("calendar", "工作日历", "core:calendar", 84, any_of=("calendar.manage",)))
    register(NavItem("audit", "审计日志", "core:audit_log", 85, any_of=("audit.view",)))
    register(NavItem("admin", "系统管理", "admin:index", 90, needs=lambda u: u.is_staff))
    register(NavItem("password", "修改密码", "core:password_change", 95))
