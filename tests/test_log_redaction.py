"""Signed mail-link tokens never reach the log, whichever logger writes the line."""

import io
import logging

import pytest

from saleor_subscriptions.core.log_redaction import RedactLinkTokens
from saleor_subscriptions.mail import links

TOKEN_LINK = links.make("unsubscribe", i=1, e="hanako@example.jp", l="ja")
TOKEN = TOKEN_LINK.rsplit("/m/", 1)[1]


def configured(handlers):
    """The handlers that write somewhere (not pytest's capturing ones, not NullHandlers)."""
    return [h for h in handlers if not type(h).__module__.startswith("_pytest") and not isinstance(h, logging.NullHandler)]


@pytest.fixture
def log_output():
    """What the configured root handler writes (its stream swapped for a buffer)."""
    (handler,) = configured(logging.getLogger().handlers)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_refused_link_request_is_logged_without_its_token(client, log_output):
    response = client.post("/m/" + TOKEN[:-3] + "abc")  # tampered: 400, which django.request logs
    assert response.status_code == 400
    output = log_output.getvalue()
    assert "Bad Request: /m/<redacted>" in output
    assert TOKEN[:20] not in output


@pytest.mark.parametrize("name", ["django.request", "django.server", "waitress", "celery.app.trace", "saleor_subscriptions.mail"])
def test_every_logger_writes_through_the_redaction(name, log_output):
    reached = []
    logger = logging.getLogger(name)
    while logger is not None:
        reached += configured(logger.handlers)
        logger = logger.parent if logger.propagate else None
    assert reached and all(any(isinstance(f, RedactLinkTokens) for f in h.filters) for h in reached)
    logging.getLogger(name).error("Exception while serving %s", TOKEN_LINK)
    assert log_output.getvalue().rstrip().endswith("Exception while serving http://testserver/m/<redacted>")


def test_a_traceback_naming_a_link_is_redacted_too(log_output):
    try:
        raise ValueError(f"cannot open {TOKEN_LINK}?x=1")
    except ValueError:
        logging.getLogger("saleor_subscriptions").exception("link page failed")
    output = log_output.getvalue()
    assert "ValueError: cannot open http://testserver/m/<redacted>?x=1" in output
    assert TOKEN not in output


def test_other_lines_are_left_as_they_were(log_output):
    logging.getLogger("saleor_subscriptions").warning("renewal of subscription #%s cycle %s: %s", 7, 2, "declined")
    assert log_output.getvalue().rstrip().endswith("renewal of subscription #7 cycle 2: declined")
