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
    [(read, named, doubled)] = rows.select(Event, "t0.id = %s", ["renewal.done", event.pk],
                                           also=("t0.type = %s", "t0.id * 2"))  # expressions read besides
    assert fields(read) == fields(orm) and (named, doubled) == (True, event.pk * 2)


def test_mails_whose_key_is_logged_already_are_left_out(installation):
    def mail(key):
        return MailLog(installation=installation, key=key, kind="renewal_placed", to="a@example.jp", language="ja",
                       subject="s", text_body="t", html_body="", headers={})

    first = rows.insert([mail("event-1-a")], unless=("installation", "key"))
    again = rows.insert([mail("event-1-b"), mail("event-1-a"), mail("event-1-c")], unless=("installation", "key"))
    assert [m.key for m in again] == ["event-1-b", "event-1-c"] and all(m.pk for m in first + again)
    assert {m.key: m.pk for m in MailLog.objects.all()} == {m.key: m.pk for m in first + again}


def test_a_row_is_read_with_its_relations_relations_and_a_missing_card_as_none(subscribed, django_assert_num_queries):
    """The claim's read: plan with product, card with customer (an outer join: a subscription may have no card)."""
    from saleor_subscriptions.subscriptions.models import Subscription

    _, _, subscription, _ = subscribed
    paths = ("plan__product", "payment_method__customer")
    fields = lambda obj: {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}  # noqa: E731
    [read] = rows.select(Subscription, "t0.id = %s", [subscription.pk], joined=paths)
    orm = Subscription.objects.select_related(*paths).get(pk=subscription.pk)
    with django_assert_num_queries(0):
        pairs = [(read, orm), (read.plan, orm.plan), (read.plan.product, orm.plan.product),
                 (read.payment_method, orm.payment_method), (read.payment_method.customer, orm.payment_method.customer)]
    assert [fields(mine) for mine, _ in pairs] == [fields(theirs) for _, theirs in pairs]
    assert read.payment_method.stripe_payment_method_id == "pm_visa"

    Subscription.objects.filter(pk=subscription.pk).update(payment_method=None)
    [read] = rows.select(Subscription, "t0.id = %s", [subscription.pk], joined=paths)
    with django_assert_num_queries(0):
        assert read.payment_method is None and read.plan.product.pk == orm.plan.product.pk


def test_a_claims_lines_and_discounts_come_out_as_the_orms_prefetch_leaves_them(subscribed, django_assert_num_queries):
    """`lines.prefetch`, written out, leaves the objects Django's `prefetch_related_objects` would leave."""
    import datetime

    from django.db.models import Prefetch, prefetch_related_objects
    from django.utils import timezone

    from saleor_subscriptions.renewals import lines
    from saleor_subscriptions.subscriptions.models import CancellationAttempt, Subscription, SubscriptionLine

    _, installation, subscription, _ = subscribed
    first = subscription.lines.get()
    SubscriptionLine.objects.create(subscription=subscription, variant_id="UHJvZHVjdFZhcmlhbnQ6Mg==", quantity=2,
                                    plan_version=first.plan_version, percent_off="5.00")
    now = timezone.now()
    for outcome, kind, decided in [("saved", "percent_off", now), ("saved", "percent_off", None), ("saved", "skip", now),
                                   ("abandoned", "percent_off", None), ("saved", "percent_off", now - datetime.timedelta(days=1))]:
        CancellationAttempt.objects.create(installation=installation, subscription=subscription, reason="price", on=now.date(),
                                           offer_kind=kind, offer={"percent": "10", "deliveries": 2}, outcome=outcome,
                                           discount_first_cycle=2, decided_at=decided)
    mine, theirs = Subscription.objects.get(pk=subscription.pk), Subscription.objects.get(pk=subscription.pk)
    lines.prefetch([mine])
    prefetch_related_objects(
        [theirs], Prefetch("lines", queryset=SubscriptionLine.objects.select_related("plan_version").order_by("pk")),
        Prefetch("cancellation_attempts", queryset=CancellationAttempt.objects.filter(outcome="saved", offer_kind="percent_off")
                 .order_by("-decided_at", "-pk"), to_attr="accepted_percent_off"))
    fields = lambda obj: {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}  # noqa: E731
    with django_assert_num_queries(0):
        assert [(fields(line), fields(line.plan_version)) for line in mine.lines.all()] == [
            (fields(line), fields(line.plan_version)) for line in theirs.lines.all()]
        assert [fields(offer) for offer in mine.accepted_percent_off] == [fields(offer) for offer in theirs.accepted_percent_off]
        assert len(mine.lines.all()) == 2 and len(mine.accepted_percent_off) == 3
        assert all(obj.subscription is mine for obj in [*mine.lines.all(), *mine.accepted_percent_off])
        assert mine.lines.all().query.where == theirs.lines.all().query.where  # a filter on them reads the same rows
        lines.prefetch([mine])  # read once


@pytest.mark.django_db(transaction=True)
def test_the_statements_cursor_outlives_a_lost_connection(installation):
    """`rows` keeps one cursor per connection: a connection closed (or gone) meanwhile is opened again."""
    from django.db import connection

    event = record_event(installation, "renewal.done", subscription=7)
    connection.close()
    assert [read.pk for read in rows.select(Event, "t0.id = %s", [event.pk])] == [event.pk]
