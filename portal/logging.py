"""Logging filters that keep what people type out of log lines."""

import logging
import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

_QUERY = re.compile(r"\?[^\s\"']*")
# PostgreSQL errors quote the offending row ("DETAIL:  Key (username)=(...) already exists").
_DB_DETAIL = re.compile(r"DETAIL:.*")


class StripQueryStringFilter(logging.Filter):
    """Remove query strings from every log line.

    People search for things like "cara lapor kekerasan"; a search or a form value carried in a
    URL must never reach a log file. Exception text is scrubbed too, including the row values
    a database error quotes.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg = _QUERY.sub("?[…]", message)
            record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _DB_DETAIL.sub("DETAIL: […]", _QUERY.sub("?[…]", record.exc_text))
        return True


class ChildSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports never carry what people typed on the account, forum or search pages.

    Under these paths every POST value, query string and local variable is replaced (a
    child's sign-up, profile or proposal text; a search for "cara lapor kekerasan"); on every
    path the Referer loses its query string.
    """

    # The facilitator's back office too: its forms carry members' and guardians' details.
    PRIVATE_PATH_PREFIXES = (
        "/akun/",
        "/forum/",
        "/admin/anggota/",
        "/admin/bulk/forum_anak/",
        "/admin/snippets/forum_anak/",
        "/cari/",
        "/api/",
    )

    def _is_private(self, request) -> bool:
        return request is not None and request.path.startswith(self.PRIVATE_PATH_PREFIXES)

    def get_post_parameters(self, request):
        if not self._is_private(request):
            return super().get_post_parameters(request)
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        # A page opened from a search result carries the search in its Referer.
        if "HTTP_REFERER" in meta:
            meta["HTTP_REFERER"] = str(meta["HTTP_REFERER"]).split("?", 1)[0]
        if self._is_private(request) and "QUERY_STRING" in meta:
            meta["QUERY_STRING"] = self.cleansed_substitute
        return meta

    def get_traceback_frame_variables(self, request, tb_frame):
        """On private paths no local variable's value is shown (it may be what was typed)."""
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self._is_private(request):
            return variables
        return [(name, self.cleansed_substitute) for name, _ in variables]


class ChildSafeExceptionReporter(ExceptionReporter):
    """Also hides the query string from the report's URL and GET listing on private paths."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        # A database error quotes the offending row ("Key (username)=(...)"): never the values.
        if data.get("exception_value"):
            data["exception_value"] = _DB_DETAIL.sub("DETAIL: […]", str(data["exception_value"]))
        for frame in data.get("frames", []):
            if frame.get("exc_cause") is not None:
                frame["exc_cause"] = _DB_DETAIL.sub("DETAIL: […]", str(frame["exc_cause"]))
        if self.filter._is_private(self.request):
            hidden = self.filter.cleansed_substitute
            if "request_GET_items" in data:
                data["request_GET_items"] = [(key, hidden) for key, _ in data["request_GET_items"]]
            if "request_insecure_uri" in data:
                data["request_insecure_uri"] = data["request_insecure_uri"].split("?", 1)[0]
        return data
