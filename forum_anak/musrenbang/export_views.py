"""Exports (CSV, XLSX) and the printable session recap of the musrenbang back office.

For the koordinator musrenbang only (`is_coordinator`; anyone else signed in to the admin gets
a 403). Every read writes one ExportLog row before the file is sent: who, which format,
which session or filter, how many rows. The files come from `forum_anak.musrenbang.exports`: public
versions only.
"""

import tempfile
from urllib.parse import urlencode

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from forum_anak.core.views import CoordinatorMixin
from forum_anak.models import ExportLog, MusrenbangSession
from forum_anak.musrenbang import exports
from forum_anak.musrenbang.forms import BundleFilterForm
from forum_anak.musrenbang.selectors import (
    bundles_count,
    bundles_filter,
    bundles_listed,
    session_bundles,
)
from forum_anak.musrenbang.services import export_log_record

FILE_FORMATS = (ExportLog.Format.CSV, ExportLog.Format.XLSX)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Above this size the XLSX being written moves from memory to a temporary file on disk.
XLSX_MEMORY_BYTES = 2 * 1024 * 1024


def bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@method_decorator(never_cache, name="dispatch")
class ExportMixin(CoordinatorMixin):
    """Koordinator musrenbang (or superuser) only; never cached; every read logged."""

    def log(self, *, format: str, rows: int, session=None, filters: str = "") -> None:
        export_log_record(
            actor=self.request.user, format=format, rows=rows, session=session, filters=filters
        )


class ExportView(ExportMixin, View):
    """The bundle list as filtered (BundleFilterForm's GET filters), as CSV or XLSX."""

    def get(self, request, *args, **kwargs):
        wanted = request.GET.get("format", "")
        if wanted not in FILE_FORMATS:
            return bad_request(_("Format ekspor tidak dikenal. Pilih format=csv atau format=xlsx."))
        prepared = self.prepare()
        if isinstance(prepared, HttpResponse):
            return prepared
        queryset, name, subtitle, session, filters = prepared
        rows = bundles_count(bundles=queryset)
        self.log(format=wanted, rows=rows, session=session, filters=filters)
        filename = f"daftar-usulan-forum-anak-{name}"
        if wanted == ExportLog.Format.CSV:
            response = StreamingHttpResponse(
                exports.csv_lines(queryset), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            return response
        target = tempfile.SpooledTemporaryFile(max_size=XLSX_MEMORY_BYTES)  # noqa: SIM115
        exports.xlsx_write(queryset, target, subtitle=subtitle)
        target.seek(0)
        return FileResponse(
            target, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE
        )

    def prepare(self):
        """(queryset, file name part, subtitle line, session, filters as a query string),
        or a 400 response for a filter that is not valid."""
        form = BundleFilterForm(self.request.GET)
        filters = form.filters()
        if form.errors:
            problems = "; ".join(
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            )
            return bad_request(_("Filter tidak valid. %(problems)s") % {"problems": problems})
        cycle = filters.get("siklus")
        if cycle is None:
            return bad_request(_("Belum ada siklus musrenbang."))
        queryset = exports.with_latest_rank(
            bundles_filter(bundles_listed(cycle=cycle), filters=filters),
            session=filters.get("sesi"),
        )
        applied = {
            name: (value.pk if hasattr(value, "pk") else value) for name, value in filters.items()
        }
        described = [str(cycle)] + [
            f"{form.fields[name].label}: {self.describe(form, name, value)}"
            for name, value in filters.items()
            if name != "siklus"
        ]
        return queryset, str(cycle.year), " · ".join(described), None, urlencode(applied)

    @staticmethod
    def describe(form, name: str, value) -> str:
        """The label a filter value shows in its choice list (the value itself otherwise)."""
        if hasattr(value, "pk"):
            return str(value)
        for choice, label in getattr(form.fields[name], "choices", ()):
            if str(choice) == str(value):
                return str(label)
        return str(value)


def session_line(session: MusrenbangSession) -> str:
    return _("%(title)s, %(date)s, %(place)s") % {
        "title": session.title,
        "date": date_format(session.date, "j F Y"),
        "place": session.place,
    }


class SessionExportView(ExportView):
    """The bundles forwarded to one session, in rank order."""

    def prepare(self):
        session = get_object_or_404(
            MusrenbangSession.objects.select_related("area"), pk=self.kwargs["pk"]
        )
        name = f"sesi-{session.pk}-{session.date:%Y%m%d}"
        return session_bundles(session), name, session_line(session), session, ""


class RecapView(ExportMixin, View):
    """The session's printable "Berita acara" (A4, from the browser)."""

    def get(self, request, *args, **kwargs):
        session = get_object_or_404(
            MusrenbangSession.objects.select_related("area", "cycle"), pk=kwargs["pk"]
        )
        recap = exports.session_recap(session, session_bundles(session))
        self.log(format=ExportLog.Format.RECAP, rows=recap.bundles, session=session)
        return TemplateResponse(
            request,
            "forum_anak/admin/musrenbang/recap.html",
            {"recap": recap, "session": session},
        )
