"""The facilitator back office inside the Wagtail admin: /admin/anggota/.

The verification queue, every member in the facilitator's kecamatan, one member's page, and
one view per action. Views stay thin: each change is exactly one service call, which checks
the actor's scope again on the server. A member outside the facilitator's kecamatan is a 404
here; a PermissionDenied becomes a 403 page (Wagtail's admin would turn it into a redirect to
the dashboard); a ActionError becomes a form error and an error message.
"""

from datetime import date
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.ui.tables import (
    BooleanColumn,
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    TitleColumn,
)
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views import snippets as snippet_views

from forum_anak.core.access import is_facilitator
from forum_anak.core.errors import ActionError
from forum_anak.core.views import (
    MAX_ID,
    ActionView,
    FacilitatorMixin,
    RoleMenuItem,
    forbidden,
    object_id,
)
from forum_anak.membership.admin_forms import (
    AllMembersFilterSet,
    ConfirmForm,
    ConsentForm,
    MembershipForm,
    NicknameForm,
    QueueFilterSet,
    ReasonForm,
    VerifyForm,
)
from forum_anak.membership.selectors import (
    account_has_verified_email,
    member_activity,
    member_consent_records,
    member_forum_memberships,
    members_chosen,
    members_for_facilitator,
    verification_queue,
)
from forum_anak.membership.services import (
    member_nickname_approve,
    member_reinstate,
    member_reject,
    member_reset_link_issue,
    member_suspend,
    member_verify,
    member_verify_bulk,
    membership_remove,
    membership_set,
)
from forum_anak.models import ForumGroup, MemberProfile

URL_NAMESPACE = "anggota"
# Folders above membership add their per-member back-office pages through this hook: a
# function taking the "<int:user_id>/" prefix and returning URL patterns.
MEMBER_URLS_HOOK = "register_forum_anak_member_urls"


def url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class MemberMixin:
    """The member named in the URL, looked up only among the facilitator's own members.

    Looked up before the HTTP method is, so that any request about someone else's member
    is a 404 (never a 405 that would tell the member exists)."""

    def dispatch(self, request, *args, **kwargs):
        self.profile  # noqa: B018 - a 404 for members outside the user's scope
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def profile(self) -> MemberProfile:
        return get_object_or_404(
            members_for_facilitator(user=self.request.user),
            user_id=object_id(self.kwargs["user_id"]),
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("queue"), "label": _("Anggota Forum Anak")},
            {"url": url("detail", self.profile.user_id), "label": self.profile.label},
            {"url": "", "label": self.get_page_title()},
        ]


# --- Listings ---------------------------------------------------------------------------------


def _age(profile: MemberProfile) -> int:
    return profile.age_on(timezone.localdate())


class MemberListingView(FacilitatorMixin, BaseListingView):
    """Wagtail's generic listing over the facilitator's members (filters, sorting, paging)."""

    template_name = "forum_anak/admin/member_index.html"
    results_template_name = "wagtailadmin/generic/index_results.html"
    header_icon = "group"
    paginate_by = 50
    is_searchable = True
    search_backend_name = None  # the profile is not search-indexed: plain ORM lookups
    search_fields = ["nickname"]
    verbose_name = gettext_lazy("anggota")
    verbose_name_plural = gettext_lazy("anggota")
    show_bulk_actions = False

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("queue"), "label": _("Anggota Forum Anak")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_search_form(self):
        placeholder = _("Cari nama panggilan…")
        if self.search_kwarg in self.request.GET:
            return SearchForm(self.request.GET, placeholder=placeholder)
        return SearchForm(placeholder=placeholder)

    def order_queryset(self, queryset):
        # A stable order: members who changed at the same moment still page predictably.
        ordering = self.ordering if isinstance(self.ordering, str) else None
        return queryset.order_by(ordering, "pk") if ordering else queryset

    def label_column(self):
        return TitleColumn(
            "label",
            label=_("Anggota"),
            sort_key="user_id",
            classname="w-whitespace-nowrap",
            get_url=lambda profile: url("detail", profile.user_id),
            get_title_id=lambda profile: f"member_{profile.pk}_title",
        )


class QueueView(MemberListingView):
    """Members waiting for verification, oldest first; select several to verify at once."""

    page_title = gettext_lazy("Antrean verifikasi")
    index_url_name = f"{URL_NAMESPACE}:queue"
    index_results_url_name = f"{URL_NAMESPACE}:queue_results"
    filterset_class = QueueFilterSet
    default_ordering = "status_changed_at"
    show_bulk_actions = True

    def get_base_queryset(self):
        return verification_queue(user=self.request.user)

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="member"),
            self.label_column(),
            Column("nickname", label=_("Nama panggilan"), sort_key="nickname"),
            Column("kelurahan", label=_("Kelurahan"), accessor="kelurahan.name"),
            Column("age", label=_("Umur (tahun)"), accessor=_age),
            DateColumn(
                "status_changed_at", label=_("Menunggu sejak"), sort_key="status_changed_at"
            ),
        ]

    def get_header_buttons(self):
        return [HeaderButton(_("Semua anggota"), url=url("index"), icon_name="list-ul")]

    @cached_property
    def no_results_message(self):
        if self.is_filtering or self.is_searching:
            return _("Tidak ada anggota yang cocok dengan saringan ini.")
        return _("Tidak ada anggota yang menunggu verifikasi.")


class AllMembersView(MemberListingView):
    """Every member of the facilitator's kecamatan, whatever their status."""

    page_title = gettext_lazy("Semua anggota")
    index_url_name = f"{URL_NAMESPACE}:index"
    index_results_url_name = f"{URL_NAMESPACE}:index_results"
    filterset_class = AllMembersFilterSet
    default_ordering = "-status_changed_at"

    def get_base_queryset(self):
        return members_for_facilitator(user=self.request.user)

    @cached_property
    def columns(self):
        return [
            self.label_column(),
            Column("nickname", label=_("Nama panggilan"), sort_key="nickname"),
            BooleanColumn("nickname_approved", label=_("Nama disetujui")),
            Column("kelurahan", label=_("Kelurahan"), accessor="kelurahan.name"),
            Column("age", label=_("Umur (tahun)"), accessor=_age),
            Column("status", label=_("Status"), accessor=lambda p: p.get_status_display()),
            DateColumn("status_changed_at", label=_("Status sejak"), sort_key="status_changed_at"),
        ]

    def get_header_buttons(self):
        return [HeaderButton(_("Antrean verifikasi"), url=url("queue"), icon_name="list-ul")]

    @cached_property
    def no_results_message(self):
        return _("Tidak ada anggota yang cocok.")


# --- One member -------------------------------------------------------------------------------


class MemberDetailView(FacilitatorMixin, MemberMixin, WagtailAdminTemplateMixin, TemplateView):
    """What a facilitator needs to verify and look after one member, and every action."""

    template_name = "forum_anak/admin/member_detail.html"
    header_icon = "user"

    def get_page_title(self):
        return self.profile.label

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("queue"), "label": _("Anggota Forum Anak")},
            {"url": "", "label": self.profile.label},
        ]

    def get_context_data(self, **kwargs):
        profile = self.profile
        user = profile.user
        memberships = member_forum_memberships(user=user)
        return super().get_context_data(
            profile=profile,
            age=_age(profile),
            birth=date(profile.birth_year, profile.birth_month, 1),
            is_alumni=profile.is_alumni(),
            consents=member_consent_records(user=user),
            memberships=[(m, m.group.area_id != profile.kelurahan_id) for m in memberships],
            events=member_activity(user=user)[:100],
            has_verified_email=account_has_verified_email(user=user),
            verify_form=VerifyForm(
                auto_id="verify_%s", initial={"seen_updated_at": profile.updated_at.isoformat()}
            ),
            reject_form=ReasonForm(auto_id="reject_%s"),
            suspend_form=ReasonForm(auto_id="suspend_%s"),
            membership_form=MembershipForm(profile=profile, auto_id="membership_%s"),
            Status=MemberProfile.Status,
            **kwargs,
        )


class MemberActionView(FacilitatorMixin, MemberMixin, ActionView):
    """One action on one member: the member's page has the same forms inline."""

    header_icon = "user"
    form_class = ConfirmForm

    def get_success_url(self) -> str:
        return url("detail", self.profile.user_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)


class VerifyView(MemberActionView):
    page_title = gettext_lazy("Verifikasi dan catat persetujuan orang tua/wali")
    form_class = VerifyForm
    submit_label = gettext_lazy("Verifikasi")

    def perform(self, form):
        member_verify(actor=self.request.user, profile=self.profile, **form.cleaned_data)

    def get_success_message(self):
        return _("%s sudah diverifikasi.") % self.profile.label


class NicknameApproveView(MemberActionView):
    page_title = gettext_lazy("Setujui nama panggilan")
    submit_label = gettext_lazy("Setujui nama panggilan")
    intro = gettext_lazy(
        "Nama panggilan yang disetujui boleh tampil di halaman publik (misalnya di papan "
        "usulan). Setujui hanya jika bukan nama asli lengkap dan tidak menyinggung."
    )

    form_class = NicknameForm

    def get_initial(self):
        return {"nickname_seen": self.profile.nickname}

    def perform(self, form):
        member_nickname_approve(
            actor=self.request.user,
            profile=self.profile,
            nickname_seen=form.cleaned_data["nickname_seen"] or None,
        )

    def get_success_message(self):
        return _("Nama panggilan %s disetujui.") % self.profile.label


class RejectView(MemberActionView):
    page_title = gettext_lazy("Tolak pendaftaran")
    form_class = ReasonForm
    submit_label = gettext_lazy("Tolak pendaftaran")
    submit_classname = "serious"
    intro = gettext_lazy(
        "Anak bisa memperbaiki profilnya setelah membaca alasan ini, lalu masuk antrean lagi."
    )

    def perform(self, form):
        member_reject(
            actor=self.request.user, profile=self.profile, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self):
        return _("Pendaftaran %s ditolak.") % self.profile.label


class SuspendView(MemberActionView):
    page_title = gettext_lazy("Tangguhkan akun")
    form_class = ReasonForm
    submit_label = gettext_lazy("Tangguhkan")
    submit_classname = "serious"
    intro = gettext_lazy(
        "Anggota yang ditangguhkan tetap bisa masuk, membaca, dan melihat datanya, tetapi "
        "tidak bisa mengirim usulan."
    )

    def perform(self, form):
        member_suspend(
            actor=self.request.user, profile=self.profile, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self):
        return _("%s ditangguhkan.") % self.profile.label


class ReinstateView(MemberActionView):
    page_title = gettext_lazy("Pulihkan akun")
    submit_label = gettext_lazy("Pulihkan")
    intro = gettext_lazy(
        "Akun kembali terverifikasi jika persetujuan orang tua/wali masih berlaku; jika "
        "tidak, anggota masuk antrean verifikasi lagi."
    )

    def perform(self, form):
        member_reinstate(actor=self.request.user, profile=self.profile)

    def get_success_message(self):
        return _("%s dipulihkan.") % self.profile.label


class MembershipSetView(MemberActionView):
    page_title = gettext_lazy("Atur keanggotaan forum")
    form_class = MembershipForm
    submit_label = gettext_lazy("Simpan peran")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "profile": self.profile}

    def perform(self, form):
        membership_set(
            actor=self.request.user,
            profile=self.profile,
            group=form.cleaned_data["group"],
            role=form.cleaned_data["role"],
        )

    def get_success_message(self):
        return _("Keanggotaan forum %s disimpan.") % self.profile.label


class MembershipRemoveView(MemberActionView):
    page_title = gettext_lazy("Keluarkan dari forum")
    submit_label = gettext_lazy("Keluarkan")
    submit_classname = "serious"

    @cached_property
    def group(self) -> ForumGroup:
        return get_object_or_404(ForumGroup, pk=self.kwargs["group_id"])

    @property
    def intro(self):
        return _("%(member)s dikeluarkan dari %(group)s.") % {
            "member": self.profile.label,
            "group": self.group.name,
        }

    def perform(self, form):
        membership_remove(actor=self.request.user, profile=self.profile, group=self.group)

    def get_success_message(self):
        return _("%(member)s keluar dari %(group)s.") % {
            "member": self.profile.label,
            "group": self.group.name,
        }


class ResetLinkView(MemberActionView):
    """A one-time password-reset link, shown once on the response and never stored."""

    page_title = gettext_lazy("Tautan ganti kata sandi")
    submit_label = gettext_lazy("Buat tautan sekali pakai")
    intro = gettext_lazy(
        "Untuk anggota yang lupa kata sandi dan tidak punya email terverifikasi. Tautan "
        "hanya ditampilkan sekali, hanya bisa dipakai sekali, dan kedaluwarsa dalam 24 jam. "
        "Berikan langsung kepada anak (atau orang tua/walinya), jangan lewat grup."
    )

    def form_valid(self, form):
        try:
            link = member_reset_link_issue(
                actor=self.request.user, profile=self.profile, request=self.request
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        response = TemplateResponse(
            self.request,
            "forum_anak/admin/reset_link.html",
            self.get_context_data(form=form, reset_link=link),
        )
        # The link is a password: no cache, proxy or back button keeps it.
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response


# --- Bulk verification (Wagtail's bulk actions on the queue) ------------------------------------


class VerifyMembersBulkAction(BulkAction):
    """Verify the members ticked in the queue against one consent reference (a forum
    meeting, a bundle of signed forms). All or nothing, as member_verify_bulk is."""

    display_name = gettext_lazy("Verifikasi")
    action_type = "verifikasi"
    aria_label = gettext_lazy("Verifikasi anggota yang dipilih")
    template_name = "forum_anak/admin/bulk_verify.html"
    form_class = ConsentForm
    models = [MemberProfile]

    def dispatch(self, request, *args, **kwargs):
        if not is_facilitator(request.user):
            return forbidden(request)
        try:
            return sensitive_post_parameters()(super().dispatch)(request, *args, **kwargs)
        except PermissionDenied as exc:
            return forbidden(request, exc)

    def get_actionable_objects(self):
        # Only ids the user ticked (never Wagtail's "all in listing", which would ignore the
        # filters), and only among the user's own members: anything else is a 404.
        ids = self.request.GET.getlist("id")
        if not all(value.isdigit() and int(value) <= MAX_ID for value in ids):
            raise Http404
        objects = members_chosen(user=self.request.user, ids=ids)
        if len(objects) != len(set(ids)):
            raise Http404
        return objects, {"items_with_no_access": []}

    def get_execution_context(self):
        return {"actor": self.request.user, **self.cleaned_form.cleaned_data}

    @classmethod
    def execute_action(cls, objects, actor=None, **consent):
        member_verify_bulk(actor=actor, profiles=objects, **consent)
        return len(objects), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ActionError as exc:
            form.add_error(None, str(exc))
            messages.error(self.request, str(exc))
            return self.form_invalid(form)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d anggota sudah diverifikasi.",
            "%(count)d anggota sudah diverifikasi.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


# --- Admins' snippets ------------------------------------------------------------------------


class InstancePermissionMixin:
    """Wagtail's generic edit and delete views check the model permission only; this also
    asks the permission policy about the object (a privacy notice in force is locked)."""

    instance_action = ""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.instance_action, obj):
            raise PermissionDenied
        return obj


class PrivacyNoticeEditView(InstancePermissionMixin, snippet_views.EditView):
    instance_action = "change"


class PrivacyNoticeDeleteView(InstancePermissionMixin, snippet_views.DeleteView):
    instance_action = "delete"


# --- Registration -----------------------------------------------------------------------------


class MemberViewSet(ViewSet):
    """/admin/anggota/: the facilitator back office."""

    name = URL_NAMESPACE
    icon = "group"
    menu_label = gettext_lazy("Anggota Forum Anak")
    menu_name = "anggota-forum-anak"
    menu_item_class = RoleMenuItem.for_role(is_facilitator)

    def get_urlpatterns(self):
        member = "<int:user_id>/"
        return [
            path("", QueueView.as_view(), name="queue"),
            path("hasil/", QueueView.as_view(results_only=True), name="queue_results"),
            path("semua/", AllMembersView.as_view(), name="index"),
            path("semua/hasil/", AllMembersView.as_view(results_only=True), name="index_results"),
            path(member, MemberDetailView.as_view(), name="detail"),
            path(f"{member}verifikasi/", VerifyView.as_view(), name="verify"),
            path(f"{member}nama-panggilan/", NicknameApproveView.as_view(), name="nickname"),
            path(f"{member}tolak/", RejectView.as_view(), name="reject"),
            path(f"{member}tangguhkan/", SuspendView.as_view(), name="suspend"),
            path(f"{member}pulihkan/", ReinstateView.as_view(), name="reinstate"),
            path(f"{member}forum/", MembershipSetView.as_view(), name="membership_set"),
            path(
                f"{member}forum/<int:group_id>/keluar/",
                MembershipRemoveView.as_view(),
                name="membership_remove",
            ),
            path(f"{member}tautan-sandi/", ResetLinkView.as_view(), name="reset_link"),
            # Actions of higher floors on one member (privacy: consent withdrawal).
            *(url for hook in hooks.get_hooks(MEMBER_URLS_HOOK) for url in hook(member)),
        ]
