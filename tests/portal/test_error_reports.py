"""Error reports never carry what a child typed on account, forum or search pages."""

import pytest
from django.test import RequestFactory
from django.views.debug import get_exception_reporter_class

SECRET = "Rahasia-Nama-Anak-Budi"


def _report_text(request) -> str:
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        reporter = get_exception_reporter_class(request)(
            request, type(error), error, error.__traceback__
        )
        return reporter.get_traceback_text()


@pytest.mark.parametrize("path", ["/akun/signup/", "/forum/usulan/baru/"])
def test_post_values_under_private_paths_are_hidden(path, settings):
    settings.DEBUG = True  # the reporter shows request data only when it would in debug
    request = RequestFactory().post(path, {"nickname": SECRET, "guardian_phone": "08123456789"})
    text = _report_text(request)
    assert "nickname" in text  # the keys stay, to help debugging
    assert SECRET not in text and "08123456789" not in text


def test_search_query_is_hidden_from_error_reports(settings):
    settings.DEBUG = True
    request = RequestFactory().get("/cari/", {"q": SECRET}, HTTP_REFERER=f"/cari/?q={SECRET}")
    assert SECRET not in _report_text(request)


def test_other_paths_keep_django_default_filtering(settings):
    settings.DEBUG = True
    request = RequestFactory().post("/admin/pages/1/edit/", {"title": "Judul berita biasa"})
    assert "Judul berita biasa" in _report_text(request)


def test_referer_from_a_search_is_cut_on_every_path(settings):
    settings.DEBUG = True
    request = RequestFactory().get("/berita/", HTTP_REFERER=f"http://testserver/cari/?q={SECRET}")
    assert SECRET not in _report_text(request)


def test_local_variables_are_hidden_on_private_paths(settings):
    settings.DEBUG = True
    request = RequestFactory().get("/api/v2/pages/", {"search": SECRET})
    query = SECRET  # noqa: F841 - a local the report would otherwise show
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        reporter = get_exception_reporter_class(request)(
            request, type(error), error, error.__traceback__
        )
        assert SECRET not in reporter.get_traceback_html()


def test_log_lines_lose_row_values_and_queries_in_exception_text():
    import logging
    import sys

    from portal.logging import StripQueryStringFilter

    try:
        raise RuntimeError(
            "duplicate key\nDETAIL:  Key (username)=(budi.anak) already exists.\nURL /cari/?q=lapor"
        )
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "gagal", (), sys.exc_info()
        )
    assert StripQueryStringFilter().filter(record) is True
    text = logging.Formatter().format(record)
    assert "budi.anak" not in text and "q=lapor" not in text
    assert "DETAIL: […]" in text


def test_database_error_values_never_reach_the_report(rf):
    """PostgreSQL quotes the offending row ("Key (username)=(...)") in the exception text and
    in the exception it was raised from."""
    import sys

    from portal.logging import ChildSafeExceptionReporter

    marker = "zq" + "anak"  # built, so the traceback's source lines do not quote it
    request = rf.post("/akun/signup/", {"username": marker})
    message = f"duplicate key\nDETAIL:  Key (username)=({marker}) already exists."
    try:
        try:
            raise ValueError(message)
        except ValueError as cause:
            raise RuntimeError(message) from cause
    except RuntimeError:
        reporter = ChildSafeExceptionReporter(request, *sys.exc_info())
    assert marker not in reporter.get_traceback_text()
    assert marker not in reporter.get_traceback_html()
