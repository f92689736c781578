"""Reads of the proposal lifecycle shared by the member pages, the back office and the
public board."""

from django.db.models import QuerySet

from forum_anak.models import Bundle, Forwarding


def bundle_path(bundle: Bundle) -> QuerySet[Forwarding]:
    """The sessions a bundle went to, in order, with each outcome."""
    return bundle.forwardings.select_related("session__area").order_by("session__level", "pk")
