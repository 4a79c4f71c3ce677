"""The renewal engine: one order and one charge per cycle, dunning, limits, dates, crashes."""

import datetime
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from saleor_subscriptions.plans.actions import revise_plan
from saleor_subscriptions.renewals import engine, runs
from saleor_subscriptions.renewals.tasks import renew_due
from saleor_subscriptions.saleor.client import SaleorClient, SaleorMutationError
from saleor_subscriptions.core.models import Event
from saleor_subscriptions.subscriptions.actions import cancel, change_quantity
from saleor_subscriptions.subscriptions.models import Renewal, Subscription

from .conftest import USER, renewal_orders

pytestmark = pytest.mark.django_db
D, DAY = Decimal, datetime.date


def test_a_due_subscription_becomes_one_paid_saleor_order(subscribed):
    standin, installation, subscription, fake = subscribed
    assert subscription.next_renewal_on == DAY(2027, 2, 28)
    assert runs.run_due(installation, DAY(2027, 2, 27)) == 0  # not due yet
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    assert order["status"] == "UNFULFILLED" and order["total"] == D("6500")
    assert order["externalReference"] == f"sub-{installation.reference_key}-{subscription.pk}-2"
    sent = order["input"]
    assert sent["lines"] == [{"variantId": subscription.lines.get().variant_id, "quantity": 1, "price": "6000", "forceNewLine": True}]
    assert (sent["user"], sent["languageCode"], sent["shippingMethod"]) == (USER["id"], "JA", "U2hpcHBpbmdNZXRob2Q6MQ==")
    assert sent["shippingAddress"]["country"] == "JP" and sent["shippingAddress"]["postalCode"] == "100-0005"
    (charge,) = fake.charges
    assert (charge["amount"], charge["currency"], charge["customer"]) == (6500, "jpy", "cus_hanako")
    (transaction,) = order["transactions"]
    assert (transaction["pspReference"], transaction["charged"]) == (charge["id"], D("6500"))
    assert transaction["event"]["message"] == "off-session renewal charge"
    subscription.refresh_from_db()
    assert (subscription.deliveries, subscription.status, subscription.next_renewal_on) == (2, "active", DAY(2027, 3, 31))
    assert subscription.renewals.get().state == Renewal.State.DONE
    # Saleor's order webhooks came inside draftOrderComplete and transactionCreate, and the app took them
    assert standin.inline == [("ORDER_CREATED", 200), ("ORDER_FULLY_PAID", 200)]


def test_a_new_database_installed_into_the_same_saleor_never_takes_an_old_databases_order(subscribed):
    """An earlier installation (since reset) left a paid order whose reference this database would otherwise produce."""
    standin, installation, subscription, fake = subscribed
    old = standin.add_order("jp", D("6500"), status="UNFULFILLED", externalReference=f"sub-{installation.pk}-{subscription.pk}-2")
    standin.add_transaction(old, "pi_old_database")["charged"] = D("6500")
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = [o for o in renewal_orders(standin) if o is not old]
    assert order["externalReference"].startswith(f"sub-{installation.reference_key}-") and len(fake.charges) == 1
    assert subscription.renewals.get().saleor_order_id == order["id"]


def test_the_31st_falls_back_in_short_months_and_returns(subscribed):
    standin, installation, subscription, _ = subscribed
    dates = []
    for _ in range(4):
        subscription.refresh_from_db()
        dates.append(subscription.next_renewal_on)
        runs.run_due(installation, subscription.next_renewal_on)
    assert dates == [DAY(2027, 2, 28), DAY(2027, 3, 31), DAY(2027, 4, 30), DAY(2027, 5, 31)]
    assert len(renewal_orders(standin)) == 4


def test_a_crash_between_charge_and_order_completion_leaves_one_order_and_one_charge(subscribed, monkeypatch):
    standin, installation, subscription, fake = subscribed
    real = SaleorClient.execute
    crashed = []

    def crash_once(self, name, variables=None, **kwargs):
        if name == "DraftOrderComplete" and not crashed:
            crashed.append(name)
            raise KeyboardInterrupt("worker killed")  # not an Exception: nothing of ours catches it
        return real(self, name, variables, **kwargs)

    monkeypatch.setattr(SaleorClient, "execute", crash_once)
    with pytest.raises(KeyboardInterrupt):
        runs.run_due(installation, DAY(2027, 2, 28))
    assert len(fake.charges) == 1  # the card was charged before the crash
    renewal = Renewal.objects.get()  # the intent was written, with the order, before it was confirmed
    assert (renewal.state, renewal.payment_intent_id) == (Renewal.State.CHARGING, fake.charges[0]["id"])

    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1  # the restarted worker
    assert len(renewal_orders(standin)) == 1 and renewal_orders(standin)[0]["status"] == "UNFULFILLED"
    assert len(fake.charges) == 1  # the recorded intent had succeeded: not confirmed again (keys are not replayed)
    assert len(renewal_orders(standin)[0]["transactions"]) == 1
    subscription.refresh_from_db()
    assert subscription.deliveries == 2


def test_dunning_retries_after_7_and_14_days_then_cancels(subscribed):
    standin, installation, subscription, fake = subscribed
    fake.declining["cus_hanako"] = "insufficient_funds"
    seen = []
    for _ in range(3):
        subscription.refresh_from_db()
        seen.append((subscription.status, subscription.next_renewal_on))
        runs.run_due(installation, subscription.next_renewal_on)
    subscription.refresh_from_db()
    assert seen == [("active", DAY(2027, 2, 28)), ("past_due", DAY(2027, 3, 7)), ("past_due", DAY(2027, 3, 14))]
    assert (subscription.status, subscription.next_renewal_on) == ("cancelled", None)
    confirmations = [r for r in fake.requests if r.path.endswith("/confirm")]
    assert len({r.path for r in confirmations}) == 1  # the cycle's one intent, confirmed again for each retry
    assert len({r.headers["Idempotency-Key"] for r in confirmations}) == 3 and fake.charges == []  # nothing charged
    renewal = subscription.renewals.get()
    assert (renewal.state, renewal.attempts, renewal.decline_code) == ("failed", 3, "insufficient_funds")
    assert installation.events.filter(type="renewal.declined").count() == 3
    assert renewal_orders(standin) == []  # the unpaid draft is deleted, not left in the Dashboard


@pytest.mark.parametrize("at_period_end", [False, True])
def test_cancelling_while_a_payment_waits_for_its_retry_removes_the_unpaid_draft(subscribed, at_period_end,
                                                                                django_capture_on_commit_callbacks):
    standin, installation, subscription, fake = subscribed
    fake.declining["cus_hanako"] = "insufficient_funds"
    runs.run_due(installation, DAY(2027, 2, 28))
    assert [o["status"] for o in renewal_orders(standin)] == ["DRAFT"]  # waits for the retry on 7 March
    with django_capture_on_commit_callbacks(execute=True):
        cancel(Subscription.objects.get(), at_period_end=at_period_end, actor=Event.Actor.CUSTOMER, today=DAY(2027, 3, 1))
    runs.run_due(installation, DAY(2027, 3, 7))  # the retry date: nothing is charged either way
    assert renewal_orders(standin) == [] and fake.charges == []
    assert Subscription.objects.get().status == Subscription.Status.CANCELLED


def test_without_a_stripe_key_a_card_renewal_is_a_visible_problem_and_the_run_goes_on(subscribed, settings):
    standin, installation, subscription, fake = subscribed
    settings.STRIPE_SECRET_KEY = None
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    renewal = subscription.renewals.get()
    assert renewal.state == Renewal.State.FAILED and "STRIPE_SECRET_KEY is not set" in renewal.last_error
    assert fake.requests == [] and [o["status"] for o in renewal_orders(standin)] == ["DRAFT"]


def test_a_retry_that_succeeds_brings_the_subscription_back(subscribed):
    standin, installation, subscription, fake = subscribed
    fake.declining["cus_hanako"] = "insufficient_funds"
    runs.run_due(installation, DAY(2027, 2, 28))
    del fake.declining["cus_hanako"]
    runs.run_due(installation, DAY(2027, 3, 7))
    subscription.refresh_from_db()
    assert (subscription.status, subscription.deliveries, subscription.next_renewal_on) == ("active", 2, DAY(2027, 3, 31))
    assert len(fake.charges) == 1 and len(renewal_orders(standin)) == 1


def test_a_stolen_card_is_not_retried(subscribed):
    standin, installation, subscription, fake = subscribed
    fake.declining["cus_hanako"] = "stolen_card"
    runs.run_due(installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert (subscription.status, subscription.next_renewal_on) == ("cancelled", None)


def test_a_billing_limit_of_3_stops_after_3_charges(subscribed):
    standin, installation, subscription, fake = subscribed
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "billing_limit": 3})
    subscription.lines.update(plan_version=plan.current_version)
    for day in (DAY(2027, 2, 28), DAY(2027, 3, 31), DAY(2027, 4, 30), DAY(2027, 5, 31)):
        runs.run_due(installation, day)
    subscription.refresh_from_db()
    assert (subscription.status, subscription.deliveries, subscription.next_renewal_on) == ("completed", 3, None)
    assert len(fake.charges) == 2  # + the checkout's charge = 3


def test_a_variant_that_cannot_be_ordered_leaves_a_visible_failed_renewal(subscribed):
    standin, installation, subscription, fake = subscribed
    subscription.lines.update(variant_id="UHJvZHVjdFZhcmlhbnQ6OTk5OQ==")  # deleted in Saleor
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    renewal = subscription.renewals.get()
    assert renewal.state == "failed" and "no longer sold in channel 'jp'" in renewal.last_error
    assert fake.charges == [] and Subscription.objects.get().next_renewal_on == DAY(2027, 2, 28)  # retried next run


def test_dst_changes_hours_not_dates(subscribed):
    _, installation, _, _ = subscribed
    installation.time_zone = "America/New_York"
    start = datetime.datetime(2027, 3, 13, 12, tzinfo=datetime.UTC)  # the night clocks jump forward
    days = [engine.today_in(installation, start + datetime.timedelta(hours=h)) for h in range(72)]
    assert sorted(set(days)) == [DAY(2027, 3, 13), DAY(2027, 3, 14), DAY(2027, 3, 15), DAY(2027, 3, 16)]
    assert days == sorted(days)  # never back to an earlier date: no cycle runs twice


def test_the_beat_task_renews_what_is_due_today(subscribed):
    standin, installation, subscription, fake = subscribed
    with mock.patch.object(engine.timezone, "now", return_value=datetime.datetime(2027, 2, 28, 6, tzinfo=datetime.UTC)):
        renew_due()  # 15:00 in Tokyo, the window (09:00 + 6 h) has passed; eager in tests: both workers run in turn
    subscription.refresh_from_db()
    assert subscription.deliveries == 2 and len(fake.charges) == 1


def set_stock(standin, subscription, quantity, policy, **terms):
    standin.products[0]["variants"][0]["stock"] = quantity
    plan = subscription.plan
    revise_plan(plan, {**plan.current_version.terms_json, "stock_policy": policy, **terms})
    subscription.lines.update(plan_version=plan.current_version, quantity=2)


def test_out_of_stock_waits_daily_then_ships_when_stock_returns(subscribed):
    standin, installation, subscription, fake = subscribed
    set_stock(standin, subscription, 0, "wait", stock_wait_days=3)
    runs.run_due(installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 1) and fake.charges == [] and renewal_orders(standin) == []
    assert installation.events.get(type="renewal.out_of_stock").data["policy"] == "wait"
    standin.products[0]["variants"][0]["stock"] = 5
    runs.run_due(installation, DAY(2027, 3, 1))
    subscription.refresh_from_db()
    assert subscription.deliveries == 2 and len(fake.charges) == 1
    assert subscription.next_renewal_on == DAY(2027, 3, 31)  # the rhythm did not move


def test_waiting_too_long_skips_the_delivery(subscribed):
    standin, installation, subscription, fake = subscribed
    set_stock(standin, subscription, 0, "wait", stock_wait_days=2)
    for day in (DAY(2027, 2, 28), DAY(2027, 3, 1), DAY(2027, 3, 2)):
        runs.run_due(installation, day)
    subscription.refresh_from_db()
    assert (subscription.deliveries, subscription.skipped, subscription.next_renewal_on) == (1, 1, DAY(2027, 3, 31))
    assert subscription.renewals.get().state == "skipped" and fake.charges == []


def test_the_skip_policy_skips_at_once(subscribed):
    standin, installation, subscription, fake = subscribed
    set_stock(standin, subscription, 1, "skip")
    runs.run_due(installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert (subscription.skipped, subscription.next_renewal_on, fake.charges) == (1, DAY(2027, 3, 31), [])


def test_the_partial_policy_ships_and_charges_what_is_available(subscribed):
    standin, installation, subscription, fake = subscribed
    set_stock(standin, subscription, 1, "partial")
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    assert [line["quantity"] for line in order["input"]["lines"]] == [1]
    assert fake.charges[0]["amount"] == 6500  # one item and shipping, not two


def test_a_plan_priced_off_the_list_price_renews_at_the_channels_current_price(subscribed):
    standin, installation, subscription, _ = subscribed
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "regular": {"percent_off": "10"}})
    subscription.lines.update(plan_version=plan.current_version)
    standin.products[0]["variants"][0]["prices"]["jp"] = Decimal("7000")  # the merchant raised the list price
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    assert [line["price"] for line in order["input"]["lines"]] == ["6300"]


def test_a_days_renewals_are_spread_over_the_renewal_window(subscribed):
    standin, installation, first, _ = subscribed
    line = first.lines.get()
    for pk in (1100, 1250, 1500, 1750, 1999):  # places 100, 250, 500, 750, 999 of 1000 in the window
        clone = Subscription.objects.create(**{f.attname: getattr(first, f.attname) for f in Subscription._meta.concrete_fields}
                                            | {"id": pk, "origin_order_id": f"T3JkZXI6{pk}"})
        clone.lines.create(variant_id=line.variant_id, quantity=1, plan_version_id=line.plan_version_id)
    first.next_renewal_on = DAY(2027, 2, 27)  # overdue: not held back by the window
    first.save()
    installation.renewal_window_start_hour, installation.renewal_window_hours = 9, 6

    def renewed_at(hour, minute=0):
        now = datetime.datetime(2027, 2, 28, hour, minute, tzinfo=ZoneInfo("Asia/Tokyo"))
        with mock.patch.object(engine.timezone, "now", return_value=now):
            runs.run_due(installation)
        return sorted(int(o["input"]["metadata"][0]["value"]) for o in renewal_orders(standin))

    assert renewed_at(8, 59) == [first.pk]
    assert renewed_at(10, 30) == [first.pk, 1100]  # a quarter of the window: places below 250
    assert renewed_at(12) == [first.pk, 1100, 1250]
    assert renewed_at(14, 59) == [first.pk, 1100, 1250, 1500, 1750]
    assert renewed_at(15) == [first.pk, 1100, 1250, 1500, 1750, 1999]


def test_a_worker_claims_due_renewals_ten_at_a_time_and_gives_back_those_it_did_not_reach(subscribed, monkeypatch):
    standin, installation, first, _ = subscribed
    line = first.lines.get()
    for pk in range(2001, 2013):
        clone = Subscription.objects.create(**{f.attname: getattr(first, f.attname) for f in Subscription._meta.concrete_fields}
                                            | {"id": pk, "origin_order_id": f"T3JkZXI6{pk}"})
        clone.lines.create(variant_id=line.variant_id, quantity=1, plan_version_id=line.plan_version_id)
    real, started = engine.Renewing.run, []

    def killed_at_the_third(self):
        started.append(self.subscription.pk)
        if len(started) == 3:
            raise KeyboardInterrupt("worker killed")  # not an Exception: nothing of ours catches it
        return real(self)

    monkeypatch.setattr(engine.Renewing, "run", killed_at_the_third)
    with pytest.raises(KeyboardInterrupt):
        runs.run_due(installation, DAY(2027, 2, 28))
    assert len(renewal_orders(standin)) == 2
    # the seven others leased with them are free at once, not after the lease's 15 minutes
    assert not Subscription.objects.exclude(lease_owner="").exists()
    monkeypatch.setattr(engine.Renewing, "run", real)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 11
    assert len(renewal_orders(standin)) == 13


def test_a_delivery_skipped_while_its_worker_renews_the_ones_claimed_before_it_is_not_ordered(subscribed, monkeypatch):
    standin, installation, first, _ = subscribed
    line = first.lines.get()
    second = Subscription.objects.create(**{f.attname: getattr(first, f.attname) for f in Subscription._meta.concrete_fields}
                                         | {"id": first.pk + 1000, "origin_order_id": "T3JkZXI6c2Vjb25k"})
    second.lines.create(variant_id=line.variant_id, quantity=1, plan_version_id=line.plan_version_id)
    real = engine.Renewing.run

    def customer_skips_the_second(self):
        # as every change to a subscription does, the skip writes updated_at (what a worker's turn looks at)
        Subscription.objects.filter(pk=second.pk).update(next_renewal_on=DAY(2027, 3, 28), updated_at=timezone.now())
        return real(self)

    monkeypatch.setattr(engine.Renewing, "run", customer_skips_the_second)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    assert order["input"]["metadata"][0]["value"] == str(first.pk)
    second.refresh_from_db()
    assert (second.next_renewal_on, second.lease_owner, second.renewals.count()) == (DAY(2027, 3, 28), "", 0)


def copies(subscription, count: int) -> list[Subscription]:
    """More subscriptions like `subscription` (its line too), due with it."""
    line, made = subscription.lines.get(), []
    for n in range(1, count + 1):
        copy = Subscription.objects.create(**{f.attname: getattr(subscription, f.attname) for f in Subscription._meta.concrete_fields}
                                           | {"id": subscription.pk + 1000 * n, "origin_order_id": f"copy-{n}-{subscription.origin_order_id}"})
        copy.lines.create(variant_id=line.variant_id, quantity=line.quantity, plan_version_id=line.plan_version_id)
        made.append(copy)
    return made


def test_a_claim_asks_for_stock_once_and_never_orders_more_than_there_is(subscribed):
    standin, installation, subscription, fake = subscribed
    set_stock(standin, subscription, 4, "skip")  # two each: the third of the claim finds none left
    subscription.lines.update(quantity=2)
    others = copies(subscription, 2)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 3
    assert [r.operation_name for r in standin.received].count("VariantStock") == 1
    assert len(renewal_orders(standin)) == 2 and len(fake.charges) == 2
    skipped = [s for s in [subscription, *others] if Subscription.objects.get(pk=s.pk).skipped]
    assert len(skipped) == 1 and skipped[0].renewals.get().state == Renewal.State.SKIPPED


def test_a_subscription_changed_after_its_claim_is_ordered_as_it_is_at_its_turn(subscribed, monkeypatch):
    standin, installation, first, _ = subscribed
    (second,) = copies(first, 1)
    real = engine.Renewing.run

    def customer_changes_the_second(self):
        if self.subscription.pk == first.pk:
            change_quantity(second, second.lines.get().pk, 3, actor="customer", today=DAY(2027, 2, 20), force=True)
        return real(self)

    monkeypatch.setattr(engine.Renewing, "run", customer_changes_the_second)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 2
    quantities = {order["input"]["metadata"][0]["value"]: order["input"]["lines"][0]["quantity"] for order in renewal_orders(standin)}
    assert quantities == {str(first.pk): 1, str(second.pk): 3}


def test_a_charge_stripe_refuses_is_a_visible_problem_and_the_other_renewals_go_on(subscribed, monkeypatch):
    """The customer was deleted in Stripe's dashboard: Stripe answers 404, not a decline."""
    standin, installation, first, fake = subscribed
    (second,) = copies(first, 1)
    serve = type(fake)._serve

    def customer_gone(self, method, path, params):
        if path == "v1/payment_intents" and params.get("metadata[subscription]") == str(first.pk):
            return 404, {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "customer",
                                   "message": "No such customer: 'cus_hanako'"}}
        return serve(self, method, path, params)

    monkeypatch.setattr(type(fake), "_serve", customer_gone)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 2
    failed = first.renewals.get()
    assert failed.state == Renewal.State.FAILED and "No such customer" in failed.last_error
    assert installation.events.filter(type="renewal.problem", data__subscription=first.pk).exists()
    second.refresh_from_db()
    assert second.deliveries == 2 and len(fake.charges) == 1


def short_of_stock_at_completion(monkeypatch):
    """Saleor refuses to complete renewal drafts (no warehouse holds the stock); the real `execute`, to undo it."""
    real = SaleorClient.execute

    def short_of_stock(self, name, variables=None, **kwargs):
        if name == "DraftOrderComplete":
            raise SaleorMutationError(name, "draftOrderComplete",
                                      [{"field": "lines", "code": "INSUFFICIENT_STOCK", "message": "Insufficient product stock."}])
        return real(self, name, variables, **kwargs)

    monkeypatch.setattr(SaleorClient, "execute", short_of_stock)
    return real


def test_a_draft_saleor_will_not_complete_is_a_visible_problem_retried_next_run(subscribed, monkeypatch):
    standin, installation, subscription, fake = subscribed
    real = short_of_stock_at_completion(monkeypatch)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1  # the worker goes on
    renewal = subscription.renewals.get()
    assert renewal.state == Renewal.State.FAILED and "INSUFFICIENT_STOCK" in renewal.last_error
    monkeypatch.setattr(SaleorClient, "execute", real)
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    assert order["status"] == "UNFULFILLED" and len(fake.charges) == 1  # the charge was replayed, not repeated
