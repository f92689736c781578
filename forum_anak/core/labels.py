"""How a person is named in timelines, audit logs and back-office lists."""

from django.utils.translation import gettext as _

from forum_anak.models import member_label


def actor_label(actor) -> str:
    """A member prints as the opaque "Anggota #123" (no name or nickname reaches a log);
    staff as their full name or username; no actor (a scheduled job) as "Sistem"."""
    if actor is None:
        return _("Sistem")
    if hasattr(actor, "member_profile"):
        return member_label(actor.pk)
    return actor.get_full_name() or actor.get_username()
