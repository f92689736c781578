"""Logging filters that keep what people type out of log lines."""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")


class StripQueryStringFilter(logging.Filter):
    """Remove query strings from every log line.

    People search for things like "cara lapor kekerasan"; a search or a form value carried in a
    URL must never reach a log file.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg = _QUERY.sub("?[…]", message)
            record.args = ()
        return True
