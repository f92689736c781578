"""Notification rows: written in the same transaction as the change they tell about; their
e-mail goes after commit (channels.py, through the task queue)."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum_anak.models import (
    Notification,
    Proposal,
)
from forum_anak.notifications.tasks import send_notification_email


def notification_create(
    *, proposal: Proposal, kind: str, body: str, recipient=None
) -> Notification | None:
    """Write the proposer's notification now (same transaction) and send the e-mail after
    commit. Paper proposals notify the facilitator who entered them; `recipient` names
    someone else (a co-proposer being invited). The subject stays neutral: phones are
    shared."""
    recipient = recipient or proposal.proposer or proposal.entered_by
    if recipient is None:
        return None
    has_email = EmailAddress.objects.filter(user=recipient, verified=True).exists()
    notification = Notification.objects.create(
        recipient=recipient,
        proposal=proposal,
        kind=kind,
        subject=_("Ada kabar baru di Portal Forum Anak"),
        body=body,
        email_status=(
            Notification.EmailStatus.PENDING if has_email else Notification.EmailStatus.NOT_NEEDED
        ),
    )
    if has_email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


@transaction.atomic
def notifications_mark_read(*, user, notification_ids: list[int] | None = None) -> int:
    """Mark the user's own messages read (all unread ones when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
