"""The musrenbang back office inside the Wagtail admin: /admin/musrenbang/ (namespace
"musrenbang_admin", URL names in musrenbang_hooks).

The cycle's calendar of sessions and each session's page (forwarded bundles, ranks,
outcomes, paperwork), the bundle list with bulk forwarding and merging, each bundle's page
with one view per step, and the admin home panel. Views stay thin: each change is one
service call in forum_anak.musrenbang.services, which checks the role and the state again;
a refusal is an error message and changes nothing. Only koordinator musrenbang (and
superusers) get in; everyone else gets a 403. Children appear only by proposal code,
approved nickname or forum name.
"""

from datetime import timedelta
from functools import cached_property

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from forum_anak.core.access import is_admin, is_coordinator, is_moderator
from forum_anak.core.errors import ActionError
from forum_anak.core.views import (
    SUBMENU_HOOK,
    ActionView,
    AdminMixin,
    CoordinatorMixin,
    RoleMenuItem,
    forbidden,
    object_id,
)
from forum_anak.models import (
    Bundle,
    Forwarding,
    MusrenbangCycle,
    MusrenbangSession,
    Proposal,
)
from forum_anak.moderation.views import proposer_label
from forum_anak.musrenbang.export_views import ExportView, RecapView, SessionExportView
from forum_anak.musrenbang.forms import (
    BundleBulkForm,
    BundleFilterForm,
    BundleForm,
    ForwardForm,
    FundForm,
    ImplementForm,
    OutcomeForm,
    ReferencesForm,
    forward_sessions,
)
from forum_anak.musrenbang.selectors import (
    bundle_proposals,
    bundle_state_counts,
    bundles_by_ids,
    bundles_for_list,
    bundles_listed_by_ids,
    cycle_by_id,
    cycle_sessions,
    cycles_newest_first,
    export_logs,
    session_forwardings,
    sessions_awaiting_outcomes,
    sessions_coming,
)
from forum_anak.musrenbang.services import (
    bundle_forward,
    bundle_fund,
    bundle_implement,
    bundle_set_references,
    bundle_split,
    bundle_update,
    bundles_forward,
    bundles_merge,
    forwarding_record_outcome,
    session_close,
    session_mark_held,
)
from forum_anak.proposals.selectors import bundle_path, bundle_proposal_count
from forum_anak.public.views import PHOTO_TYPES

URL_NAMESPACE = "musrenbang_admin"
State = Proposal.State
# A held session whose outcomes are still not recorded after this many days is flagged.
OUTCOME_LATE_DAYS = 14
_PAGE_SIZE = 50
_MAX_MERGE = 50


def url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _cycle_from(request) -> MusrenbangCycle | None:
    value = request.GET.get("siklus", "")
    if value.isdigit() and len(value) < 19:
        cycle = cycle_by_id(cycle_id=int(value))
        if cycle is not None:
            return cycle
    return MusrenbangCycle.current()


# --- Sessions ---------------------------------------------------------------------------------


class CalendarView(CoordinatorMixin, WagtailAdminTemplateMixin, TemplateView):
    """The cycle's sessions in date order, grouped by month, with what each still needs."""

    template_name = "forum_anak/admin/musrenbang/calendar.html"
    page_title = gettext_lazy("Kalender musrenbang")
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        cycle = _cycle_from(self.request)
        months: list[dict] = []
        for session in cycle_sessions(cycle=cycle):
            key = (session.date.year, session.date.month)
            if not months or months[-1]["key"] != key:
                months.append({"key": key, "date": session.date, "sessions": []})
            months[-1]["sessions"].append(session)
        today = timezone.localdate()
        return super().get_context_data(
            cycle=cycle,
            cycles=cycles_newest_first(),
            months=months,
            today=today,
            late_before=today - timedelta(days=OUTCOME_LATE_DAYS),
            add_url=reverse("wagtailsnippets_forum_anak_musrenbangsession:add"),
            **kwargs,
        )


class SessionMixin:
    @cached_property
    def session(self) -> MusrenbangSession:
        return get_object_or_404(
            MusrenbangSession.objects.select_related("area", "cycle"),
            pk=object_id(self.kwargs["pk"]),
        )

    def dispatch(self, request, *args, **kwargs):
        self.session  # noqa: B018  404 before 405
        return super().dispatch(request, *args, **kwargs)


class SessionView(CoordinatorMixin, SessionMixin, WagtailAdminTemplateMixin, TemplateView):
    """One session: what was forwarded to it, in rank order, each outcome or a link to
    record it; mark held, close; the export and the recap."""

    template_name = "forum_anak/admin/musrenbang/session.html"
    header_icon = "date"

    def get_page_title(self):
        return self.session.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("sessions"), "label": _("Kalender musrenbang")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        session = self.session
        forwardings = session_forwardings(session=session)
        today = timezone.localdate()
        return super().get_context_data(
            session=session,
            forwardings=forwardings,
            pending=sum(1 for f in forwardings if not f.outcome),
            can_mark_held=session.status == MusrenbangSession.Status.PLANNED
            and session.date <= today,
            can_close=session.status == MusrenbangSession.Status.HELD,
            can_record=session.status != MusrenbangSession.Status.CLOSED and session.date <= today,
            edit_url=reverse("wagtailsnippets_forum_anak_musrenbangsession:edit", args=[session.pk])
            if session.status != MusrenbangSession.Status.CLOSED
            else "",
            **kwargs,
        )


class SessionStatusView(CoordinatorMixin, SessionMixin, View):
    """POST: the session was held / is closed."""

    service = None
    success_message = ""

    def post(self, request, pk):
        try:
            type(self).service(actor=request.user, session=self.session)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, str(self.success_message))
        return redirect(url("session", self.session.pk))


class SessionHeldView(SessionStatusView):
    service = session_mark_held
    success_message = gettext_lazy("Sesi ditandai sudah berlangsung. Catat hasilnya.")


class SessionCloseView(SessionStatusView):
    service = session_close
    success_message = gettext_lazy("Sesi ditutup.")


# --- Bundles ----------------------------------------------------------------------------------


class BundlesView(CoordinatorMixin, WagtailAdminTemplateMixin, TemplateView):
    """The cycle's bundles, filtered; tick several to forward them to a session or merge
    them."""

    template_name = "forum_anak/admin/musrenbang/bundles.html"
    page_title = gettext_lazy("Gabungan usulan")
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        form = BundleFilterForm(self.request.GET or None)
        filters = form.filters()
        cycle = filters["siklus"]
        page = Paginator(bundles_for_list(cycle=cycle, filters=filters), _PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        export_query = query.copy()
        if cycle is not None:
            export_query["siklus"] = cycle.pk
        return super().get_context_data(
            filter_form=form,
            cycle=cycle,
            page=page,
            query=query.urlencode(),
            export_query=export_query.urlencode(),
            bulk_form=BundleBulkForm(sessions=forward_sessions(cycle=cycle)),
            **kwargs,
        )


def _safe_back(request, default: str) -> str:
    query = request.POST.get("query", "")
    if query and url_has_allowed_host_and_scheme(f"?{query}", allowed_hosts=None):
        return f"{default}?{query}"
    return default


class BulkView(CoordinatorMixin, View):
    """Forward every ticked bundle to one session (each in its own transaction, then one
    summary), or go to the merge page with them."""

    def post(self, request):
        form = BundleBulkForm(request.POST)
        back = _safe_back(request, url("bundles"))
        if not form.is_valid():
            problems = [str(e) for errors in form.errors.values() for e in errors]
            messages.error(request, " ".join(problems))
            return redirect(back)
        ids = sorted(set(form.cleaned_data["ids"]))
        if form.cleaned_data["action"] == "merge":
            return redirect(f"{url('merge')}?ids={','.join(map(str, ids))}")
        bundles = bundles_by_ids(ids=ids)
        if len(bundles) != len(ids):
            raise Http404
        session = form.cleaned_data["session"]
        try:
            result = bundles_forward(actor=request.user, bundles=bundles, session=session)
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect(back)
        summary = _("%(done)d diteruskan ke %(session)s.") % {
            "done": len(result.done),
            "session": session.title,
        }
        if result.refused:
            reasons = "; ".join(
                f"\u201c{bundle.public_title}\u201d: {reason}" for bundle, reason in result.refused
            )
            messages.warning(
                request,
                summary
                + " "
                + _("%(n)d tidak bisa: %(reasons)s")
                % {"n": len(result.refused), "reasons": reasons},
            )
        else:
            messages.success(request, summary)
        return redirect(back)


class MergeView(CoordinatorMixin, WagtailAdminTemplateMixin, FormView):
    """Merge the chosen approved bundles into one, with its own public version (prefilled
    from the first)."""

    template_name = "forum_anak/admin/musrenbang/merge.html"
    page_title = gettext_lazy("Gabungkan usulan")
    header_icon = "list-ul"
    form_class = BundleForm

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("bundles"), "label": _("Gabungan usulan")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def bundles(self) -> list[Bundle]:
        raw = self.request.POST.get("ids") or self.request.GET.get("ids", "")
        parts = [part for part in raw.split(",") if part.strip()]
        if not parts or len(parts) > _MAX_MERGE or not all(p.strip().isdigit() for p in parts):
            raise Http404
        ids = sorted({object_id(part.strip()) for part in parts})
        bundles = bundles_listed_by_ids(ids=ids)
        if len(bundles) != len(ids):
            raise Http404
        return bundles

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            return forbidden(request)
        self.bundles  # noqa: B018
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return BundleForm.initial_for(self.bundles[0])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bundles=self.bundles,
            ids=",".join(str(b.pk) for b in self.bundles),
            not_approved=[b for b in self.bundles if b.state != State.APPROVED],
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            merged = bundles_merge(actor=self.request.user, bundles=self.bundles, **data)
        except ActionError as exc:
            messages.error(self.request, str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            self.request,
            _("%(n)d usulan digabung menjadi \u201c%(title)s\u201d. Anak-anak diberi tahu.")
            % {"n": bundle_proposal_count(bundle_id=merged.pk), "title": merged.public_title},
        )
        return redirect(url("bundle", merged.pk))

    def form_invalid(self, form):
        messages.error(self.request, _("Belum tersimpan. Periksa isian di bawah."))
        return super().form_invalid(form)


class BundleMixin:
    @cached_property
    def bundle(self) -> Bundle:
        return get_object_or_404(
            Bundle.objects.select_related("cycle", "urusan", "opd"), pk=object_id(self.kwargs["pk"])
        )

    def dispatch(self, request, *args, **kwargs):
        self.bundle  # noqa: B018  404 before 405
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": url("bundles"), "label": _("Gabungan usulan")},
            {"url": url("bundle", self.bundle.pk), "label": self.bundle.public_title},
        ]
        if self.get_page_title() != self.bundle.public_title:
            items.append({"url": "", "label": self.get_page_title()})
        return items


def _actions_for(bundle: Bundle) -> dict:
    """Which steps the bundle's state allows (the services check again)."""
    state = bundle.state
    after_adoption = state in (State.ADOPTED, State.PARTLY_ADOPTED, State.FUNDED, State.IMPLEMENTED)
    return {
        "forward": state in (State.APPROVED, State.PRIORITISED),
        "references": after_adoption,
        "fund": state in (State.ADOPTED, State.PARTLY_ADOPTED),
        "implement": state == State.FUNDED,
        "split": state == State.APPROVED,
    }


class BundleView(CoordinatorMixin, BundleMixin, WagtailAdminTemplateMixin, TemplateView):
    """One bundle: its public version and planning layer, its proposals, its path through
    the sessions, and the steps its state allows."""

    template_name = "forum_anak/admin/musrenbang/bundle.html"
    header_icon = "list-ul"

    def get_page_title(self):
        return self.bundle.public_title

    def get_context_data(self, **kwargs):
        bundle = self.bundle
        proposals = bundle_proposals(bundle=bundle)
        actions = _actions_for(bundle)
        return super().get_context_data(
            bundle=bundle,
            proposals=[{"proposal": p, "who": proposer_label(p)} for p in proposals],
            path=list(bundle_path(bundle)),
            actions=actions,
            forward_form=ForwardForm(sessions=forward_sessions(bundle))
            if actions["forward"]
            else None,
            show_moderation_links=is_moderator(self.request.user),
            **kwargs,
        )


class BundleActionView(CoordinatorMixin, BundleMixin, ActionView):
    """One step on one bundle. A refusal is an error message on the same form, and changes
    nothing."""

    template_name = "forum_anak/admin/musrenbang/action.html"
    header_icon = "list-ul"
    multipart = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(bundle=self.bundle, multipart=self.multipart, **kwargs)

    def get_success_url(self) -> str:
        return url("bundle", self.bundle.pk)

    def refused(self, form, error: ActionError):
        messages.error(self.request, str(error))
        return self.render_to_response(self.get_context_data(form=form))

    def form_invalid(self, form):
        messages.error(self.request, _("Belum tersimpan. Periksa isian di bawah."))
        return super(ActionView, self).form_invalid(form)


class BundleEditView(BundleActionView):
    page_title = gettext_lazy("Ubah versi publik dan data perencanaan")
    form_class = BundleForm
    intro = gettext_lazy("Anak-anak tidak diberi tahu perubahan ini. Papan usulan ikut berubah.")

    def get_initial(self):
        return BundleForm.initial_for(self.bundle)

    def perform(self, form):
        bundle_update(actor=self.request.user, bundle=self.bundle, **form.cleaned_data)


class BundleForwardView(BundleActionView):
    page_title = gettext_lazy("Teruskan ke sesi musrenbang")
    form_class = ForwardForm
    submit_label = gettext_lazy("Teruskan")
    intro = gettext_lazy(
        "Setiap anak di usulan ini diberi tahu ke rapat mana usulannya dibawa. Pilih sesi di "
        "tingkat yang lebih tinggi dari sesi sebelumnya."
    )
    success_message = gettext_lazy("Usulan diteruskan. Anak-anak diberi tahu.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sessions": forward_sessions(self.bundle)}

    def perform(self, form):
        bundle_forward(actor=self.request.user, bundle=self.bundle, **form.cleaned_data)


class ReferencesView(BundleActionView):
    page_title = gettext_lazy("Rujukan rencana (RKPD/SIPD)")
    form_class = ReferencesForm

    def get_initial(self):
        return {
            "rkpd_reference": self.bundle.rkpd_reference,
            "sipd_reference": self.bundle.sipd_reference,
        }

    def perform(self, form):
        bundle_set_references(actor=self.request.user, bundle=self.bundle, **form.cleaned_data)


class FundView(BundleActionView):
    page_title = gettext_lazy("Catat pendanaan APBD")
    form_class = FundForm
    success_message = gettext_lazy("Pendanaan tercatat. Anak-anak diberi tahu.")

    def get_initial(self):
        return {"apbd_year": self.bundle.cycle.rkpd_year}

    def perform(self, form):
        bundle_fund(actor=self.request.user, bundle=self.bundle, **form.cleaned_data)


class ImplementView(BundleActionView):
    page_title = gettext_lazy("Catat pelaksanaan")
    form_class = ImplementForm
    multipart = True
    intro = gettext_lazy(
        "Catatan dan foto tampil di papan usulan. Jangan unggah foto yang memperlihatkan wajah "
        "anak."
    )
    success_message = gettext_lazy("Pelaksanaan tercatat. Anak-anak diberi tahu.")

    def perform(self, form):
        data = form.cleaned_data
        bundle_implement(
            actor=self.request.user,
            bundle=self.bundle,
            implemented_on=data["implemented_on"],
            note=data["note"],
            photo=data["photo"],
            internal_note=data["internal_note"],
        )


class SplitView(CoordinatorMixin, BundleMixin, View):
    """POST: take one proposal out of an approved bundle of several."""

    def post(self, request, pk, proposal_pk):
        proposal = get_object_or_404(Proposal, pk=object_id(proposal_pk), bundle=self.bundle)
        try:
            single = bundle_split(actor=request.user, bundle=self.bundle, proposal=proposal)
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect(url("bundle", self.bundle.pk))
        messages.success(request, _("%s dipisahkan dan dibawa sendiri.") % (proposal.code or ""))
        return redirect(url("bundle", single.pk))


@method_decorator(never_cache, name="dispatch")
class BundlePhotoView(CoordinatorMixin, BundleMixin, View):
    """The implementation photo, from private storage."""

    def get(self, request, pk):
        photo = self.bundle.implementation_photo
        if not photo:
            raise Http404
        try:
            handle = photo.open("rb")
        except OSError:
            raise Http404 from None
        extension = photo.name.rsplit(".", 1)[-1].lower()
        response = FileResponse(handle, content_type=PHOTO_TYPES.get(extension, "image/jpeg"))
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class OutcomeView(BundleActionView):
    """Record what a session decided for one forwarded bundle."""

    page_title = gettext_lazy("Catat hasil musrenbang")
    form_class = OutcomeForm
    submit_label = gettext_lazy("Catat hasil")
    intro = gettext_lazy(
        "Setiap anak di usulan ini diberi tahu hasilnya. Hasil hanya bisa dicatat sekali."
    )
    success_message = gettext_lazy("Hasil tercatat. Anak-anak diberi tahu.")

    @cached_property
    def forwarding(self) -> Forwarding:
        return get_object_or_404(
            Forwarding.objects.select_related("session__area", "bundle"),
            pk=object_id(self.kwargs["pk"]),
        )

    @cached_property
    def bundle(self) -> Bundle:
        return self.forwarding.bundle

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            forwarding=self.forwarding,
            session=self.forwarding.session,
            **kwargs,
        )

    def get_success_url(self) -> str:
        return url("session", self.forwarding.session_id)

    def perform(self, form):
        data = form.cleaned_data
        forwarding_record_outcome(actor=self.request.user, forwarding=self.forwarding, **data)


# --- Export log -------------------------------------------------------------------------------


class ExportLogView(AdminMixin, WagtailAdminTemplateMixin, TemplateView):
    """Who read which export or recap, when, with which filter (superusers only: it is the
    check on the koordinator's own reads)."""

    template_name = "forum_anak/admin/musrenbang/export_log.html"
    page_title = gettext_lazy("Catatan ekspor")
    header_icon = "history"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        page = Paginator(export_logs(), _PAGE_SIZE).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, **kwargs)


# --- Admin home panel -------------------------------------------------------------------------


class MusrenbangPanel(Component):
    """On a koordinator's admin home: the cycle's bundles per state, the sessions coming up,
    and held sessions whose outcomes are still to be recorded (flagged after 14 days)."""

    name = "musrenbang"
    template_name = "forum_anak/admin/musrenbang/home_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        cycle = MusrenbangCycle.current()
        today = timezone.localdate()
        counts = bundle_state_counts(cycle=cycle)
        states = [
            {"state": state, "label": state.label, "count": counts.get(state.value, 0)}
            for state in Proposal.BUNDLE_STATES
        ]
        coming = sessions_coming(cycle=cycle, today=today)
        waiting = sessions_awaiting_outcomes(today=today)
        late_before = today - timedelta(days=OUTCOME_LATE_DAYS)
        for session in waiting:
            session.late = session.date < late_before
        return {
            "cycle": cycle,
            "states": states,
            "coming": coming,
            "waiting": waiting,
            "late_days": OUTCOME_LATE_DAYS,
            "calendar_url": url("sessions"),
            "bundles_url": url("bundles"),
        }


def musrenbang_home_panels(request, panels) -> None:
    if is_coordinator(request.user):
        panels.append(MusrenbangPanel())


# --- Registration -----------------------------------------------------------------------------


def export_log_menu_item():
    return RoleMenuItem(
        _("Catatan ekspor"),
        url("export_log"),
        name="catatan-ekspor",
        icon_name="history",
        order=90,
        allowed=is_admin,
    )


def bundles_menu_item():
    return RoleMenuItem(
        _("Gabungan usulan"),
        url("bundles"),
        name="gabungan-usulan",
        icon_name="list-ul",
        order=5,
        allowed=is_coordinator,
    )


class MusrenbangViewSet(ViewSet):
    """/admin/musrenbang/: the calendar first (the menu item's URL), then the rest."""

    name = URL_NAMESPACE
    url_prefix = "musrenbang"
    icon = "date"
    menu_label = gettext_lazy("Kalender musrenbang")
    menu_name = "kalender-musrenbang"
    menu_order = 4
    menu_hook = SUBMENU_HOOK
    menu_item_class = RoleMenuItem.for_role(is_coordinator)

    def get_urlpatterns(self):
        session = "sesi/<int:pk>/"
        bundle = "gabungan/<int:pk>/"
        return [
            path("", CalendarView.as_view(), name="sessions"),
            path(session, SessionView.as_view(), name="session"),
            path(f"{session}berlangsung/", SessionHeldView.as_view(), name="session_held"),
            path(f"{session}tutup/", SessionCloseView.as_view(), name="session_close"),
            path(f"{session}berita-acara/", RecapView.as_view(), name="recap"),
            path(f"{session}ekspor/", SessionExportView.as_view(), name="session_export"),
            path("gabungan/", BundlesView.as_view(), name="bundles"),
            path("gabungan/aksi/", BulkView.as_view(), name="bulk"),
            path("gabungan/gabung/", MergeView.as_view(), name="merge"),
            path(bundle, BundleView.as_view(), name="bundle"),
            path(f"{bundle}ubah/", BundleEditView.as_view(), name="bundle_edit"),
            path(f"{bundle}pisah/<int:proposal_pk>/", SplitView.as_view(), name="bundle_split"),
            path(f"{bundle}teruskan/", BundleForwardView.as_view(), name="bundle_forward"),
            path(f"{bundle}rujukan/", ReferencesView.as_view(), name="references"),
            path(f"{bundle}dana/", FundView.as_view(), name="fund"),
            path(f"{bundle}pelaksanaan/", ImplementView.as_view(), name="implement"),
            path(f"{bundle}foto/", BundlePhotoView.as_view(), name="bundle_photo"),
            path("penerusan/<int:pk>/hasil/", OutcomeView.as_view(), name="outcome"),
            path("ekspor/", ExportView.as_view(), name="export"),
            path("catatan-ekspor/", ExportLogView.as_view(), name="export_log"),
        ]
