"""Test data. Fixtures write directly (inside allow_direct_writes); production code uses the services."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from zwgk.core import audit
from zwgk.core.codes import make_uscc
from zwgk.core.models import Organization, OrgKind, User, UserRole


class DirectFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN206
        with audit.allow_direct_writes():
            return super()._create(model_class, *args, **kwargs)


class OrganizationFactory(DirectFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试机构{n}")
    short_name = factory.LazyAttribute(lambda o: o.name[:10])
    kind = OrgKind.DEPARTMENT
    doc_prefix = factory.Sequence(lambda n: f"浮测{n}")
    code = factory.Sequence(lambda n: make_uscc("1", "1", "360222", f"TC{n:06d}"))


class UserFactory(DirectFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试员{n}")
    password = factory.django.Password("Correct-horse-42")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):  # noqa: ANN001, ANN003, ANN201
        if create and extracted:
            with audit.allow_direct_writes():
                for role in extracted:
                    UserRole.objects.create(user=self, role=role)
            self._role_cache = None


def queued_mail(to: str, subject: str = "提醒", body: str = "正文"):
    """A notification mail queued for the task worker, as ``notifications.services.notify`` queues one; returns the
    task's result (the background-work tests run real tasks through it)."""
    from zwgk.notifications.models import Mail
    from zwgk.notifications.tasks import deliver

    user = UserFactory(email=to)
    with audit.allow_direct_writes():
        mail = Mail.objects.create(recipient=user, to=to, subject=subject, body=body)
    return deliver.enqueue(mail.pk)
