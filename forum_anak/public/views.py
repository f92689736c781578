"""The public proposal board at /usulan/: the list with its filters, one proposal, its photo
and the "Laporkan" form.

Only `Proposal.objects.public()` is ever read (through forum_anak.public.selectors), and only
its public version. Views stay thin: reads through selectors, the report through its service.
"""

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forum_anak.core.errors import ActionError
from forum_anak.models import Proposal
from forum_anak.moderation.reports import proposal_report_create
from forum_anak.public.forms import BoardFilterForm, ProposalReportForm
from forum_anak.public.selectors import (
    STAGE_TEXT,
    PublicAreas,
    board_counts,
    board_filter,
    board_options,
    board_proposal,
    board_proposals,
    bundle_public_codes,
    public_areas,
    public_implementation_photo,
    public_notes,
    public_path,
    public_photo,
)

BOARD_PAGE_SIZE = 20

# "Laporkan" is open to anyone: a light limit keeps one address (and everyone together)
# from flooding the moderators' queue. Counts live in the shared cache, per fixed window.
REPORTS_PER_ADDRESS = 5
REPORTS_PER_ADDRESS_WINDOW = 10 * 60
REPORTS_IN_TOTAL = 200
REPORTS_IN_TOTAL_WINDOW = 60 * 60

PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def label_proposals(proposals, *, areas: PublicAreas) -> list[Proposal]:
    """Attach what each row shows: the public area, the proposer's public name, the stage in
    plain words, the bundle's path and the codes of the other public proposals merged with
    it (one query for the codes, whatever the number of rows)."""
    proposals = list(proposals)
    codes = bundle_public_codes(proposals)
    for proposal in proposals:
        proposal.public_area = areas.area(proposal.kelurahan)
        proposal.public_proposer = areas.proposer_name(proposal)
        proposal.stage = STAGE_TEXT[proposal.state]
        proposal.path = public_path(proposal, areas=areas)
        proposal.last_step = proposal.path[-1] if proposal.path else None
        proposal.merged = getattr(proposal, "bundle_size", 0) > 1
        proposal.other_codes = [
            code for code in codes.get(proposal.bundle_id, []) if code != proposal.code
        ]
    return proposals


@require_GET
def board(request):
    areas = public_areas()
    form = BoardFilterForm(request.GET, options=board_options(areas=areas))
    filters = form.valid_filters()
    proposals = board_filter(board_proposals(), filters=filters)
    page = Paginator(proposals, BOARD_PAGE_SIZE).get_page(request.GET.get("halaman"))
    page.object_list = label_proposals(page.object_list, areas=areas)
    return render(
        request,
        "usulan/board.html",
        {
            "form": form,
            "filtered": bool(filters),
            "counts": board_counts(filters=filters),
            "status": filters.get("status", ""),
            "proposals": page,
            "meta_title": _("Usulan anak"),
            "meta_description": _(
                "Usulan anak-anak Forum Anak Kota Bima untuk perencanaan kota, "
                "setelah diperiksa petugas."
            ),
        },
    )


def _public_or_404(code: str) -> Proposal:
    proposal = board_proposal(code=code)
    if proposal is None:
        raise Http404(_("Usulan ini tidak ada di papan usulan."))
    return proposal


@require_GET
def detail(request, code: str):
    proposal = _public_or_404(code)
    label_proposals([proposal], areas=public_areas())
    return render(
        request,
        "usulan/detail.html",
        {
            "proposal": proposal,
            "notes": public_notes(proposal=proposal),
            "photo": public_photo(code=proposal.code) if proposal.photo_public else None,
            "meta_title": proposal.public_title,
            "meta_description": proposal.public_problem[:160],
        },
    )


@require_GET
def implementation_photo(request, code: str):
    """The photo of the finished work, streamed from private storage only while the
    proposal is public (sanitised and checked by staff when it was uploaded)."""
    found = public_implementation_photo(code=code)
    if found is None:
        raise Http404
    try:
        handle = found.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    extension = found.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(handle, content_type=PHOTO_TYPES.get(extension, "image/jpeg"))
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def photo(request, code: str):
    """The photo of a public proposal, streamed from private storage only when a moderator
    marked it safe and no concern is open about it."""
    found = public_photo(code=code)
    if found is None:
        raise Http404
    extension = found.file.name.rsplit(".", 1)[-1].lower()
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=PHOTO_TYPES.get(extension, "image/jpeg"))
    # Revalidated at every view: a photo taken down must not linger in shared caches.
    response["Cache-Control"] = "no-cache"
    return response


def _client_key(request) -> str:
    try:
        address = get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        address = "unknown"
    # The cache holds a digest, not the address.
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def _within(key: str, *, limit: int, window: int) -> bool:
    """Count one more in this fixed window; False once over `limit`."""
    bucket = f"usulan-report:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, timeout=window)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window)
        count = 1
    return count <= limit


def report_allowed(request) -> bool:
    return _within(
        _client_key(request), limit=REPORTS_PER_ADDRESS, window=REPORTS_PER_ADDRESS_WINDOW
    ) and _within("all", limit=REPORTS_IN_TOTAL, window=REPORTS_IN_TOTAL_WINDOW)


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, code: str):
    proposal = _public_or_404(code)
    status = 200
    if request.method == "POST":
        form = ProposalReportForm(request.POST)
        if form.is_valid():
            if not report_allowed(request):
                form.add_error(
                    None,
                    _(
                        "Terlalu banyak laporan dari perangkat ini. "
                        "Coba lagi beberapa menit lagi, ya."
                    ),
                )
                status = 429
            else:
                try:
                    proposal_report_create(
                        proposal=proposal,
                        reason=form.cleaned_data["reason"],
                        note=form.cleaned_data["note"],
                    )
                except ActionError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("Terima kasih. Laporanmu sudah kami terima dan akan diperiksa petugas."),
                    )
                    return redirect("usulan:detail", code=proposal.code)
    else:
        form = ProposalReportForm()
    return render(
        request,
        "usulan/report.html",
        {
            "proposal": proposal,
            "form": form,
            "meta_title": _("Laporkan usulan %s") % proposal.code,
        },
        status=status,
    )
