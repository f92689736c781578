"""Exports (CSV, XLSX) and the printable session recap of the musrenbang back office.
(Being written: see musrenbang_hooks for the URL contract.)"""

from django.http import Http404
from django.views import View


class ExportView(View):
    def get(self, request, *args, **kwargs):
        raise Http404


class SessionExportView(ExportView):
    pass


class RecapView(ExportView):
    pass
