"""Signed mail-link tokens and portal sign-in links are bearer credentials (the opt-out link never expires): never log them."""

import logging
import re

LINK_TOKEN = re.compile(r"(/m/|/portal/[\w-]+/in/)[^/\s?#\"'<>]+")


def redact(text: str) -> str:
    return LINK_TOKEN.sub(r"\1<redacted>", text)


class RedactLinkTokens(logging.Filter):
    """Replaces `/m/<token>` with `/m/<redacted>` in a record's message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a malformed record: logging reports it as it always does
        if LINK_TOKEN.search(message):
            record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
