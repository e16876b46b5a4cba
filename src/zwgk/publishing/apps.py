from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "zwgk.publishing"
    label = "publishing"
    verbose_name = "信息发布与审核"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import perms, tasks  # noqa: F401  (register permissions and periodic jobs)

        post_migrate.connect(_seed_columns, sender=self, dispatch_uid="zwgk_publishing_columns")

        from zwgk.core import references
        from zwgk.core.navigation import NavItem, register

        references.register("document", "portal:document")  # evidence points at the public page
        references.register("draft", "publishing:detail")  # the staff page of a document (notifications)
        references.register("review", "publishing:review")  # a revision's review page

        from zwgk.notifications import kinds

        kinds.register("publishing.returned", "稿件退回", help="您起草的稿件被审核人退回修改")
        kinds.register("publishing.review", "待我审核", help="有稿件到了您可以审核的环节")
        kinds.register("publishing.published", "已发布", default_digest=True, help="您起草的稿件已发布")

        from . import todos
        from .perms import REVIEW_PERMISSIONS

        todos.register()
        register(NavItem("publishing", "稿件", "publishing:list", 10, any_of=("publishing.view",), count=todos.returned_count))
        register(NavItem("publishing-queue", "待我审核", "publishing:queue", 11, any_of=REVIEW_PERMISSIONS, count=todos.review_count))
        register(NavItem("normative", "规范性文件库", "publishing:normative", 12, any_of=("publishing.view",)))
        register(NavItem("catalog", "公开目录", "publishing:catalog", 13, any_of=("publishing.view",)))

        from zwgk.search import index

        from .models import Kind
        from .search_items import all_items

        index.register(Kind.DOCUMENT, "政府信息", lambda: (i for i in all_items() if i.kind == Kind.DOCUMENT))
        index.register(Kind.INTERPRETATION, "政策解读", lambda: (i for i in all_items() if i.kind == Kind.INTERPRETATION))


def _seed_columns(sender, **kwargs) -> None:  # noqa: ANN001, ANN003
    from .services import seed_columns

    seed_columns(None)
