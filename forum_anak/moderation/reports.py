""" "Laporkan" on the public board: anyone may flag a public proposal for the moderators."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum_anak.core.access import is_moderator
from forum_anak.core.errors import ActionError
from forum_anak.models import Proposal, ProposalReport
from forum_anak.proposals.selectors import proposal_on_board


@transaction.atomic
def proposal_report_create(*, proposal: Proposal, reason: str, note: str = "") -> ProposalReport:
    """A public report about a proposal that is on the board now."""
    if not proposal_on_board(proposal=proposal):
        raise ActionError(_("Usulan ini tidak ada di papan usulan."))
    if reason not in ProposalReport.Reason.values:
        raise ActionError(_("Pilih alasan laporan."))
    return ProposalReport.objects.create(proposal=proposal, reason=reason, note=note.strip()[:1000])


@transaction.atomic
def proposal_report_handle(*, actor, report_id: int, note: str = "") -> ProposalReport:
    """A moderator marks a report as dealt with (hiding or a concern are separate actions)."""
    if not is_moderator(actor):
        raise ActionError(_("Kamu tidak boleh melakukan ini pada usulan ini."))
    updated = ProposalReport.objects.filter(pk=report_id, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=actor, handled_note=note.strip()
    )
    if not updated:
        raise ActionError(_("Laporan ini sudah ditangani."))
    return ProposalReport.objects.get(pk=report_id)
