"""Notification channels: the e-mail of a notification, sent after commit by a task and retried
by `send_pending_notifications`."""

import logging

from allauth.account.models import EmailAddress
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from forum_anak.models import Notification

logger = logging.getLogger(__name__)


def notification_send_email(*, notification_id: int) -> str:
    """Send the e-mail of one pending or failed notification to the recipient's verified
    address. Marks the row sent or failed; returns the new status. Never raises for a
    mail-server failure."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .filter(
                pk=notification_id,
                email_status__in=[
                    Notification.EmailStatus.PENDING,
                    Notification.EmailStatus.FAILED,
                ],
            )
            .first()
        )
        if notification is None:
            return "skipped"
        address = (
            EmailAddress.objects.filter(user_id=notification.recipient_id, verified=True)
            .order_by("-primary")
            .values_list("email", flat=True)
            .first()
        )
        notification.email_attempts += 1
        if address is None:
            notification.email_status = Notification.EmailStatus.NOT_NEEDED
        else:
            try:
                send_mail(notification.subject, notification.body, None, [address])
            except Exception:  # any mail-server failure: keep the row for the retry
                logger.warning("Notification e-mail failed: #%s", notification.pk)
                notification.email_status = Notification.EmailStatus.FAILED
            else:
                notification.email_status = Notification.EmailStatus.SENT
                notification.email_sent_at = timezone.now()
        notification.save(update_fields=["email_status", "email_attempts", "email_sent_at"])
        return notification.email_status


def notifications_send_pending() -> dict[str, int]:
    """Retry every notification whose e-mail is pending or failed (send_pending_notifications)."""
    counts: dict[str, int] = {}
    ids = Notification.objects.filter(
        email_status__in=[Notification.EmailStatus.PENDING, Notification.EmailStatus.FAILED]
    ).values_list("pk", flat=True)
    for pk in list(ids):
        status = notification_send_email(notification_id=pk)
        counts[status] = counts.get(status, 0) + 1
    return counts
