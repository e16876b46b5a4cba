"""Background tasks of the core module (Django's task API, run by ``zwgk db_worker``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task


@task(queue_name="default")
def send_email(to: list[str], subject: str, body: str) -> int:
    """Send one plain-text email through the configured mail backend; returns the number sent.

    Enqueue it from a service with ``transaction.on_commit`` so that nothing is sent for a change
    that was rolled back.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients)
    return message.send()
