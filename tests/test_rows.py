"""core/rows.py: the renewal and mail paths' statements written from the fields read and write what the ORM would."""

import pytest

from saleor_subscriptions.core import rows
from saleor_subscriptions.core.models import Event, record_event
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.mail.models import MailLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def installation():
    return Installation.objects.create(saleor_api_url="https://shop.example.com/graphql/", app_id="QXBwOjE=",
                                       jwks={"keys": [{"kid": "1"}]}, closed_weekdays=[6])


def test_a_row_is_read_with_its_relation_as_the_orm_reads_them(installation):
    event = record_event(installation, "renewal.done", subscription=7, amount="6800.000", nested={"a": [1, None]})
    [read] = rows.select(Event, "t0.id = %s", [event.pk], joined="installation")
    orm = Event.objects.select_related("installation").get(pk=event.pk)
    fields = lambda obj: {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}  # noqa: E731
    assert fields(read) == fields(orm) and read.data == {"subscription": 7, "amount": "6800.000", "nested": {"a": [1, None]}}
    assert fields(read.installation) == fields(orm.installation) and read.installation.jwks == {"keys": [{"kid": "1"}]}
    assert rows.select(Event, "t0.id = %s", [event.pk + 1000]) == []


def test_mails_whose_key_is_logged_already_are_left_out(installation):
    def mail(key):
        return MailLog(installation=installation, key=key, kind="renewal_placed", to="a@example.jp", language="ja",
                       subject="s", text_body="t", html_body="", headers={})

    first = rows.insert([mail("event-1-a")], unless=("installation", "key"))
    again = rows.insert([mail("event-1-b"), mail("event-1-a"), mail("event-1-c")], unless=("installation", "key"))
    assert [m.key for m in again] == ["event-1-b", "event-1-c"] and all(m.pk for m in first + again)
    assert {m.key: m.pk for m in MailLog.objects.all()} == {m.key: m.pk for m in first + again}
