"""Background tasks. Arguments are ids only: never a name, an address or a text."""

from django_tasks import task

from forum_anak.notifications.channels import notification_send_email


@task()
def send_notification_email(notification_id: int) -> str:
    """Send one notification's e-mail; a failure is recorded on the row and retried by
    `send_pending_notifications`, never raised into the transition that wrote it."""
    return notification_send_email(notification_id=notification_id)
