"""The member's proposal pages under /forum/: write, edit, send, follow and withdraw an
usulan; answer a friend's invitation; read in-site messages; ask for a protection officer.

A member reaches only their own proposals (and confirmed co-proposals not under a concern):
anything else is a 404, never a 403, so a guessed number tells nothing. While a safeguarding
concern hides a proposal, its writer sees only the neutral status and the help lines.
Changes go through services; every response is private and not stored (shared phones).
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum_anak.core.errors import ActionError
from forum_anak.membership.selectors import member_public_name
from forum_anak.membership.services import member_can_submit
from forum_anak.membership.views import account_required, member_context, member_required
from forum_anak.models import Forwarding, Notification, Proposal
from forum_anak.notifications.services import notifications_mark_read
from forum_anak.proposals.forms import HelpRequestForm, InviteForm, ProposalForm
from forum_anak.proposals.selectors import (
    bundle_proposal_count,
    co_proposer_candidates,
    co_proposers_confirmed,
    co_proposers_waiting,
    member_bundle_path,
    member_groups,
    member_inbox,
    member_may_open,
    member_proposals,
    member_timeline,
    member_visible_proposals,
    open_invitation_count,
    open_invitations,
    proposal_on_board,
    proposal_under_concern,
)
from forum_anak.proposals.services import proposal_resubmit, proposal_submit, proposal_withdraw
from forum_anak.proposals.writing import (
    EDITABLE_STATES,
    co_proposer_respond,
    co_proposers_invite,
    proposal_draft_delete,
    proposal_draft_update,
    proposal_draft_write,
)
from forum_anak.safeguarding.selectors import hotlines_for_children
from forum_anak.safeguarding.services import concern_request_help

State = Proposal.State

# A proposal's state in a child's words, and what happens next.
STATE_FOR_CHILDREN = {
    State.DRAFT: gettext_lazy("Draf, belum dikirim"),
    State.SUBMITTED: gettext_lazy("Terkirim, menunggu diperiksa"),
    State.IN_REVIEW: gettext_lazy("Sedang diperiksa petugas"),
    State.REVISION_REQUESTED: gettext_lazy("Perlu kamu perbaiki"),
    State.APPROVED: gettext_lazy("Disetujui"),
    State.REJECTED: gettext_lazy("Belum bisa diteruskan"),
    State.WITHDRAWN: gettext_lazy("Sudah ditarik"),
    State.FORWARDED: gettext_lazy("Dibawa ke musrenbang"),
    State.PRIORITISED: gettext_lazy("Terpilih sebagai prioritas"),
    State.ADOPTED: gettext_lazy("Diterima di musrenbang"),
    State.PARTLY_ADOPTED: gettext_lazy("Diterima sebagian di musrenbang"),
    State.NOT_ADOPTED: gettext_lazy("Belum diterima di musrenbang"),
    State.FUNDED: gettext_lazy("Sudah dapat dana"),
    State.IMPLEMENTED: gettext_lazy("Sudah dikerjakan"),
}
UNDER_CONCERN = gettext_lazy("Sedang ditinjau petugas")
NEXT_FOR_CHILDREN = {
    State.DRAFT: gettext_lazy(
        "Usulanmu masih draf. Hanya kamu yang bisa melihatnya. Kalau sudah siap, kirim ke petugas."
    ),
    State.SUBMITTED: gettext_lazy(
        "Petugas akan memeriksa usulanmu. Kamu akan dapat kabar di halaman Kabar."
    ),
    State.IN_REVIEW: gettext_lazy("Petugas sedang membaca usulanmu. Tunggu kabar darinya, ya."),
    State.REVISION_REQUESTED: gettext_lazy(
        "Baca pesan petugas di bawah. Perbaiki usulanmu, lalu kirim perbaikannya."
    ),
    State.APPROVED: gettext_lazy(
        "Usulanmu tampil di papan usulan dengan versi yang sudah dirapikan petugas, tanpa "
        "namamu yang asli. Nanti usulan ini dibawa ke musrenbang."
    ),
    State.REJECTED: gettext_lazy(
        "Baca alasannya di bawah. Kamu boleh menulis usulan baru kapan saja."
    ),
    State.WITHDRAWN: gettext_lazy("Usulan ini tidak diproses lagi."),
    State.FORWARDED: gettext_lazy(
        "Usulanmu dibahas di rapat musrenbang. Tunggu hasilnya, ya. Kabarnya muncul di sini."
    ),
    State.PRIORITISED: gettext_lazy(
        "Usulanmu terpilih! Nanti usulanmu dibawa ke rapat musrenbang yang lebih tinggi."
    ),
    State.ADOPTED: gettext_lazy(
        "Usulanmu masuk rencana kerja pemerintah kota. Berikutnya pemerintah mencari dananya."
    ),
    State.PARTLY_ADOPTED: gettext_lazy(
        "Sebagian usulanmu masuk rencana kerja pemerintah kota. Berikutnya pemerintah "
        "mencari dananya."
    ),
    State.NOT_ADOPTED: gettext_lazy(
        "Usulanmu belum diterima kali ini. Baca alasannya di bawah. Kamu boleh mengusulkan "
        "lagi tahun depan."
    ),
    State.FUNDED: gettext_lazy(
        "Usulanmu sudah dapat dana dari anggaran kota. Berikutnya usulanmu dikerjakan."
    ),
    State.IMPLEMENTED: gettext_lazy(
        "Usulanmu sudah dikerjakan. Terima kasih sudah ikut membangun kotamu!"
    ),
}
# Timeline steps in plain words (hide/unhide are staff matters: shown only with a message).
EVENT_FOR_CHILDREN = {
    "submit": gettext_lazy("Usulan dikirim"),
    "resubmit": gettext_lazy("Perbaikan dikirim"),
    "start_review": gettext_lazy("Petugas mulai memeriksa"),
    "request_revision": gettext_lazy("Petugas minta perbaikan"),
    "approve": gettext_lazy("Usulan disetujui"),
    "reject": gettext_lazy("Usulan belum bisa diteruskan"),
    "withdraw": gettext_lazy("Usulan ditarik"),
    "merge": gettext_lazy("Digabung dengan usulan yang mirip"),
    "split": gettext_lazy("Dibawa sendiri lagi"),
    "forward": gettext_lazy("Dibawa ke rapat musrenbang"),
    "outcome_prioritised": gettext_lazy("Terpilih sebagai prioritas"),
    "outcome_adopted": gettext_lazy("Diterima di musrenbang"),
    "outcome_partly_adopted": gettext_lazy("Diterima sebagian di musrenbang"),
    "outcome_not_adopted": gettext_lazy("Belum diterima di musrenbang"),
    "references": gettext_lazy("Dicatat di rencana pemerintah kota"),
    "fund": gettext_lazy("Dapat dana dari anggaran kota"),
    "implement": gettext_lazy("Sudah dikerjakan"),
}
# What happened at a musrenbang session, for the path box on the child's page.
OUTCOME_FOR_CHILDREN = {
    Forwarding.Outcome.PENDING: gettext_lazy("Hasilnya belum ada. Tunggu, ya."),
    Forwarding.Outcome.PRIORITISED: gettext_lazy("Usulanmu terpilih, nomor %(rank)s."),
    Forwarding.Outcome.ADOPTED: gettext_lazy("Usulanmu diterima."),
    Forwarding.Outcome.PARTLY_ADOPTED: gettext_lazy("Sebagian usulanmu diterima."),
    Forwarding.Outcome.NOT_ADOPTED: gettext_lazy("Usulanmu belum diterima."),
}


def member_path(proposal: Proposal) -> dict | None:
    """The path box of "Jejak Usulan": which rapat, what happened there (in a child's words,
    never the internal note), how many others go with it. Two queries; None before the
    proposal has a bundle."""
    if proposal.bundle_id is None:
        return None
    steps = []
    for forwarding in member_bundle_path(bundle=proposal.bundle):
        text = OUTCOME_FOR_CHILDREN[forwarding.outcome] % {"rank": forwarding.rank or ""}
        steps.append(
            {
                "session": forwarding.session.title,
                "date": forwarding.session.date,
                "outcome": forwarding.outcome,
                "text": text,
                "reason": forwarding.reason
                if forwarding.outcome == Forwarding.Outcome.NOT_ADOPTED
                else "",
            }
        )
    others = bundle_proposal_count(bundle_id=proposal.bundle_id, excluding=proposal)
    return {"steps": steps, "others": others}


def member_proposal_list(*, user) -> list[Proposal]:
    """ "Usulanku" on /forum/ (`member_proposals`), each with `child_state` (the neutral
    status while under a concern)."""
    proposals = member_proposals(user=user)
    for proposal in proposals:
        proposal.child_state = (
            UNDER_CONCERN if proposal.under_concern else STATE_FOR_CHILDREN[proposal.state]
        )
        proposal.is_own = proposal.proposer_id == user.pk
    return proposals


def _visible(request, pk: int, *, owner_only: bool = False) -> tuple[Proposal, bool]:
    """The proposal if this member may open it (404 otherwise) and whether a concern hides
    it (then only the neutral status may be shown)."""
    queryset = (
        Proposal.objects.filter(proposer=request.user)
        if owner_only
        else member_visible_proposals(user=request.user)
    )
    proposal = get_object_or_404(
        queryset.select_related("kelurahan__parent", "group", "cycle"), pk=pk
    )
    return proposal, proposal_under_concern(proposal=proposal)


def _concern_page(request, profile):
    return render(
        request,
        "forum_anak/proposals/concern.html",
        member_context(
            profile, "home", neutral_status=UNDER_CONCERN, hotlines=hotlines_for_children()
        ),
    )


def _form_page(request, profile, form, *, proposal=None):
    return render(
        request,
        "forum_anak/proposals/form.html",
        member_context(
            profile,
            "home",
            form=form,
            proposal=proposal,
            can_submit=member_can_submit(user=request.user),
        ),
    )


# Room for the text fields beside the photo in one form post.
FORM_TEXT_ALLOWANCE = 256 * 1024


def upload_size_guard(view):
    """Refuse a form post far larger than a photo may be before its body is read: the
    CSRF check (done inside, by csrf_protect) would otherwise stream the whole upload to a
    temporary file first. The child is sent back to the form with a message."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.PROPOSAL_PHOTO_MAX_BYTES + FORM_TEXT_ALLOWANCE:
                messages.error(
                    request,
                    _("Fotonya terlalu besar. Paling besar %(max)s. Pilih foto lain, ya.")
                    % {"max": filesizeformat(settings.PROPOSAL_PHOTO_MAX_BYTES)},
                )
                return redirect(request.path)
        return csrf_protect(view)(request, *args, **kwargs)

    return wrapper


def _send(request, proposal: Proposal) -> None:
    """Submit a draft or resubmit a corrected proposal; a refusal becomes a message."""
    try:
        if proposal.state == State.REVISION_REQUESTED:
            proposal_resubmit(actor=request.user, proposal=proposal)
            messages.success(request, _("Perbaikanmu sudah terkirim. Terima kasih!"))
        else:
            proposal_submit(actor=request.user, proposal=proposal)
            messages.success(request, _("Usulanmu sudah terkirim. Terima kasih!"))
    except ActionError as error:
        messages.error(request, str(error))


@upload_size_guard
@member_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def proposal_create(request, profile):
    groups = list(member_groups(user=request.user))
    form = ProposalForm(request.POST or None, request.FILES or None, profile=profile, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_draft_write(actor=request.user, **form.service_kwargs())
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            if request.POST.get("action") == "submit":
                _send(request, proposal)
            else:
                messages.success(request, _("Drafmu sudah disimpan."))
            return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    return _form_page(request, profile, form)


@member_required
@require_http_methods(["GET", "POST"])
def proposal_detail(request, profile, pk: int):
    proposal, concerned = _visible(request, pk)  # first: others get 404 whatever the method
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if concerned:
        return _concern_page(request, profile)
    is_owner = proposal.proposer_id == request.user.pk
    events = [
        event
        for event in member_timeline(proposal=proposal)
        if event.action in EVENT_FOR_CHILDREN or event.message_to_proposer
    ]
    for event in events:
        event.child_label = EVENT_FOR_CHILDREN.get(event.action, _("Pesan dari petugas"))
    co_proposers = list(co_proposers_confirmed(proposal=proposal))
    waiting = co_proposers_waiting(proposal=proposal) if is_owner else 0
    return render(
        request,
        "forum_anak/proposals/detail.html",
        member_context(
            profile,
            "home",
            proposal=proposal,
            is_owner=is_owner,
            child_state=STATE_FOR_CHILDREN[proposal.state],
            next_step=NEXT_FOR_CHILDREN[proposal.state],
            path=member_path(proposal) if proposal.state in Proposal.BUNDLE_STATES else None,
            on_board=proposal_on_board(proposal=proposal),
            events=events,
            co_proposers=co_proposers,
            waiting_invitations=waiting,
            has_photo=is_owner and hasattr(proposal, "photo"),
            can_edit=is_owner and proposal.state in EDITABLE_STATES,
            can_send=is_owner and proposal.state in (State.DRAFT, State.REVISION_REQUESTED),
            can_withdraw=is_owner
            and proposal.state in (State.DRAFT, State.SUBMITTED, State.REVISION_REQUESTED),
            can_delete=is_owner and proposal.state == State.DRAFT and not proposal.code,
            can_invite=is_owner
            and proposal.group_id is not None
            and proposal.state in (State.DRAFT, State.SUBMITTED, State.REVISION_REQUESTED),
            member_may_submit=member_can_submit(user=request.user),
        ),
    )


@upload_size_guard
@member_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def proposal_edit(request, profile, pk: int):
    proposal, concerned = _visible(request, pk, owner_only=True)
    if concerned:
        return _concern_page(request, profile)
    if proposal.state not in EDITABLE_STATES:
        messages.error(request, _("Usulan ini tidak bisa diubah lagi."))
        return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    groups = list(member_groups(user=request.user))
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        profile=profile,
        groups=groups,
        proposal=proposal,
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_draft_update(
                actor=request.user,
                proposal=proposal,
                remove_photo=form.cleaned_data.get("remove_photo", False),
                **form.service_kwargs(),
            )
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            if request.POST.get("action") == "submit":
                _send(request, proposal)
            else:
                messages.success(request, _("Perubahanmu sudah disimpan."))
            return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    return _form_page(request, profile, form, proposal=proposal)


@member_required
@require_http_methods(["GET", "POST"])
def proposal_delete(request, profile, pk: int):
    proposal, concerned = _visible(request, pk, owner_only=True)
    if concerned:
        return _concern_page(request, profile)
    if request.method == "POST":
        try:
            proposal_draft_delete(actor=request.user, proposal=proposal)
        except ActionError as error:
            messages.error(request, str(error))
            return redirect("forum_anak:proposal_detail", pk=proposal.pk)
        messages.success(request, _("Drafmu sudah dihapus."))
        return redirect("forum_anak:home")
    return render(
        request,
        "forum_anak/proposals/delete.html",
        member_context(profile, "home", proposal=proposal),
    )


@member_required
@require_http_methods(["GET", "POST"])
def proposal_send(request, profile, pk: int):
    """GET: "Apa yang terjadi sesudah ini?" and the button; POST: submit or resubmit."""
    proposal, concerned = _visible(request, pk, owner_only=True)
    if concerned:
        return _concern_page(request, profile)
    if request.method == "POST":
        _send(request, proposal)
        return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    if proposal.state not in (State.DRAFT, State.REVISION_REQUESTED):
        return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "forum_anak/proposals/send.html",
        member_context(
            profile,
            "home",
            proposal=proposal,
            member_may_submit=member_can_submit(user=request.user),
        ),
    )


@member_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw_view(request, profile, pk: int):
    proposal, concerned = _visible(request, pk, owner_only=True)
    if concerned:
        return _concern_page(request, profile)
    if request.method == "POST":
        try:
            proposal_withdraw(actor=request.user, proposal=proposal)
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Usulanmu sudah ditarik."))
        return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "forum_anak/proposals/withdraw.html",
        member_context(profile, "home", proposal=proposal),
    )


@member_required
@require_http_methods(["GET", "POST"])
def proposal_photo(request, profile, pk: int):
    """The owner's own photo, streamed after the ownership check (never a public URL)."""
    proposal, concerned = _visible(request, pk, owner_only=True)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    photo = getattr(proposal, "photo", None)
    if concerned or photo is None:
        raise Http404
    content_types = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
    extension = photo.file.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        photo.file.open("rb"), content_type=content_types.get(extension, "image/jpeg")
    )
    response["Content-Disposition"] = "inline"
    return response


@member_required
@require_http_methods(["GET", "POST"])
def proposal_invite(request, profile, pk: int):
    """The writer of a group proposal asks friends from the same forum to join it."""
    proposal, concerned = _visible(request, pk, owner_only=True)
    if concerned:
        return _concern_page(request, profile)
    if proposal.group_id is None:
        messages.info(request, _("Teman hanya bisa diajak untuk usulan forum."))
        return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    candidates = list(co_proposer_candidates(proposal=proposal, actor=request.user))
    form = InviteForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            count = co_proposers_invite(
                actor=request.user, proposal=proposal, member_ids=form.cleaned_data["members"]
            )
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%s teman sudah diajak. Tunggu jawaban mereka.") % count)
            return redirect("forum_anak:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "forum_anak/proposals/invite.html",
        member_context(profile, "home", proposal=proposal, form=form, candidates=candidates),
    )


@member_required
@require_GET
def invitations(request, profile):
    """Friends' invitations to join a group proposal: the text, to decide."""
    return render(
        request,
        "forum_anak/proposals/invitations.html",
        member_context(
            profile, "invitations", invitations=list(open_invitations(user=request.user))
        ),
    )


@member_required
@require_http_methods(["GET", "POST"])
def invitation_respond(request, profile, pk: int):
    invitation = get_object_or_404(open_invitations(user=request.user), proposal_id=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    accept = request.POST.get("answer") == "yes"
    try:
        co_proposer_respond(actor=request.user, proposal=invitation.proposal, accept=accept)
    except ActionError as error:
        messages.error(request, str(error))
        return redirect("forum_anak:invitations")
    if accept:
        messages.success(request, _("Kamu sekarang ikut mengusulkan. Terima kasih!"))
        return redirect("forum_anak:proposal_detail", pk=pk)
    messages.info(request, _("Ajakan sudah kamu tolak. Tidak apa-apa."))
    return redirect("forum_anak:invitations")


# --- In-site inbox --------------------------------------------------------------------------

INBOX_PAGE_SIZE = 20


@account_required
@require_GET
def inbox(request, profile):
    """The account's messages, newest first. Reading the list changes nothing."""
    page = Paginator(member_inbox(user=request.user), INBOX_PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "forum_anak/proposals/inbox.html",
        member_context(profile, "inbox", notifications=page),
    )


@account_required
@require_http_methods(["GET", "POST"])
def inbox_message(request, profile, pk: int):
    """One message; opening it marks it read (harmless: only the reader's own flag)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if notification.read_at is None:
        notifications_mark_read(user=request.user, notification_ids=[notification.pk])
    proposal_url = ""
    if notification.proposal_id:
        if notification.kind == "co_proposer_invite":
            proposal_url = reverse("forum_anak:invitations")
        elif member_may_open(user=request.user, proposal_id=notification.proposal_id):
            proposal_url = reverse("forum_anak:proposal_detail", args=[notification.proposal_id])
    return render(
        request,
        "forum_anak/proposals/message.html",
        member_context(profile, "inbox", notification=notification, proposal_url=proposal_url),
    )


@account_required
@require_POST
def inbox_mark_all_read(request, profile):
    notifications_mark_read(user=request.user)
    messages.success(request, _("Semua kabar sudah ditandai dibaca."))
    return redirect("forum_anak:inbox")


# --- "Aku perlu bicara dengan petugas" ------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def help_request(request, profile):
    """The child's private request for a protection officer: a concern, nothing else (no
    notification row, no e-mail to anyone)."""
    form = HelpRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            concern_request_help(actor=request.user, message=form.cleaned_data["message"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            return redirect("forum_anak:help_sent")
    return render(
        request,
        "forum_anak/proposals/help.html",
        member_context(profile, "help", form=form, hotlines=hotlines_for_children()),
    )


@member_required
@require_GET
def help_sent(request, profile):
    return render(
        request,
        "forum_anak/proposals/help_sent.html",
        member_context(profile, "help", hotlines=hotlines_for_children()),
    )


@member_required
@require_GET
def home(request, profile):
    return render(
        request,
        "forum_anak/home.html",
        member_context(
            profile,
            "home",
            public_name=member_public_name(profile=profile),
            can_submit=member_can_submit(user=request.user),
            alumni_age=settings.MEMBER_MAX_AGE + 1,
            my_proposals=member_proposal_list(user=request.user),
            open_invitations=open_invitation_count(user=request.user),
        ),
    )
