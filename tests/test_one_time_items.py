"""One-time items: in the next renewal order only, at the channel's price of the day they were added, charged once."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail as outbox

from saleor_subscriptions.core.error_texts import error_message
from saleor_subscriptions.core.models import Event
from saleor_subscriptions.customers.overview import overview
from saleor_subscriptions.installations import settings as installation_settings
from saleor_subscriptions.mail.scheduled import send_reminders
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.saleor.client import SaleorClient
from saleor_subscriptions.subscriptions import actions
from saleor_subscriptions.subscriptions.actions import LifecycleError
from saleor_subscriptions.subscriptions.addons import add_one_time_item, remove_one_time_item, waiting_items
from saleor_subscriptions.subscriptions.models import OneTimeItem, Renewal, Subscription

from .conftest import renewal_orders
from .saleor_standin.standin import gid
from .test_api_operators import desk  # noqa: F401  (fixture)
from .test_api_staff import dashboard  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
D, DAY = Decimal, datetime.date
CUSTOMER, STAFF = Event.Actor.CUSTOMER, Event.Actor.STAFF
FEB_1 = DAY(2027, 2, 1)  # changes to the delivery of 28 February are open until the 21st


@pytest.fixture
def cookies(subscribed):
    """Butter cookies sold in the jp channel at ¥800, 10 in stock; their variant."""
    standin = subscribed[0]
    product = standin.add_product("Butter cookies", variants=[("Box", {"jp": D("800")})], translations={"JA": "バタークッキー"})
    product["variants"][0]["stock"] = 10
    return product["variants"][0]


def lines_of(order):
    return [(line["variantId"], line["quantity"], line["price"]) for line in order["input"]["lines"]]


def order_of_cycle(standin, installation, subscription, cycle):
    reference = f"sub-{installation.reference_key}-{subscription.pk}-{cycle}"
    (order,) = [o for o in renewal_orders(standin) if o["externalReference"] == reference]
    return order


def test_an_added_item_is_in_the_next_renewal_order_only_at_the_price_of_the_day_and_charged(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    tea = subscription.lines.get().variant_id
    item = add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, actor_id="VXNlcjo0Ng==", today=FEB_1)
    assert (item.unit_price, item.currency, item.product_name, item.variant_name) == (D("800"), "JPY", "バタークッキー", "Box")
    cookies["prices"]["jp"] = D("900")  # the shop raises the price after she added them

    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    order = order_of_cycle(standin, installation, subscription, 2)
    assert lines_of(order) == [(tea, 1, "6000"), (cookies["id"], 2, "800")]
    assert order["total"] == D("8100")  # ¥6,000 + 2 × ¥800 + ¥500 shipping
    (charge,) = fake.charges
    assert charge["amount"] == 8100 and order["transactions"][0]["charged"] == D("8100")
    item.refresh_from_db()
    assert item.renewal == Renewal.objects.get(cycle=2) and list(waiting_items(subscription)) == []

    runs.run_due(installation, DAY(2027, 3, 31))
    assert lines_of(order_of_cycle(standin, installation, subscription, 3)) == [(tea, 1, "6000")]
    assert fake.charges[-1]["amount"] == 6500
    added = installation.events.get(type="subscription.one_time_item_added")
    assert (added.actor, added.data["quantity"], added.data["unit_price"], added.data["delivery"]) == (
        "customer", 2, "800", "2027-02-28")


def test_bulk_orders_carry_the_item_taxed_and_charged_once(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    standin.tax_rates.update({("JP", gid("TaxClass", 1)): D(10)})
    installation_settings.update(installation, {"renewal_orders": "bulk"})
    add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, today=FEB_1)

    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    order = order_of_cycle(standin, installation, subscription, 2)
    assert order["origin"] == "BULK_CREATE" and order["status"] == "UNFULFILLED"
    tea, extra = order["input"]["lines"]
    assert (extra["variantId"], extra["quantity"], extra["productName"], extra["totalPrice"]) == (
        cookies["id"], 2, "Butter cookies", {"net": "1455", "gross": "1600"})
    assert order["total"] == D("8100") and fake.charges[0]["amount"] == 8100
    runs.run_due(installation, DAY(2027, 3, 31))
    assert [line["variantId"] for line in order_of_cycle(standin, installation, subscription, 3)["input"]["lines"]] == [
        tea["variantId"]]


def test_adding_the_same_product_again_adds_up_and_removing_takes_it_out(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    add_one_time_item(subscription, cookies["id"], 1, actor=CUSTOMER, today=FEB_1)
    item = add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, today=FEB_1)
    assert OneTimeItem.objects.get() == item and item.quantity == 3
    remove_one_time_item(subscription, item.pk, actor=CUSTOMER, today=DAY(2027, 2, 21))  # the last day of changes
    assert not OneTimeItem.objects.exists()
    assert installation.events.filter(type="subscription.one_time_item_removed").get().data["quantity"] == 3
    runs.run_due(installation, DAY(2027, 2, 28))
    assert [line[0] for line in lines_of(order_of_cycle(standin, installation, subscription, 2))] == [
        subscription.lines.get().variant_id]


def test_a_skipped_delivery_leaves_the_item_for_the_next_one_that_ships(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    add_one_time_item(subscription, cookies["id"], 1, actor=CUSTOMER, today=FEB_1)
    actions.skip_next(subscription, actor=CUSTOMER, today=FEB_1)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0
    assert runs.run_due(installation, DAY(2027, 3, 31)) == 1
    assert (cookies["id"], 1, "800") in lines_of(order_of_cycle(standin, installation, subscription, 2))
    assert fake.charges[0]["amount"] == 7300


def test_an_item_out_of_stock_on_the_day_waits_for_the_next_delivery(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, today=FEB_1)
    cookies["stock"] = 1
    runs.run_due(installation, DAY(2027, 2, 28))
    assert len(lines_of(order_of_cycle(standin, installation, subscription, 2))) == 1 and fake.charges[0]["amount"] == 6500
    held = installation.events.get(type="renewal.one_time_items_held")
    assert held.data == {"subscription": subscription.pk, "cycle": 2, "variants": [cookies["id"]]}
    cookies["stock"] = 10
    runs.run_due(installation, DAY(2027, 3, 31))
    assert (cookies["id"], 2, "800") in lines_of(order_of_cycle(standin, installation, subscription, 3))


def test_after_the_cut_off_customers_are_refused_with_the_dates(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    with pytest.raises(LifecycleError) as refused:
        add_one_time_item(subscription, cookies["id"], 1, actor=CUSTOMER, today=DAY(2027, 2, 22))
    assert (refused.value.field, refused.value.code) == ("nextRenewalOn", "past_cutoff")
    assert error_message(refused.value, "ja") == "2027年2月28日のお届け分の変更・解約の受付は、お届けの7日前（2027年2月21日）で締め切りました。2027年3月1日以降は、その次のお届けから変更・解約できます。"
    item = add_one_time_item(subscription, cookies["id"], 1, actor=STAFF, actor_id="staff@example.jp", today=DAY(2027, 2, 22),
                             force=True)
    assert installation.events.get(type="subscription.one_time_item_added").data["overrides"] == ["cutoff"]
    with pytest.raises(LifecycleError) as refused:
        remove_one_time_item(subscription, item.pk, actor=CUSTOMER, today=DAY(2027, 2, 22))
    assert refused.value.code == "past_cutoff" and OneTimeItem.objects.exists()


def test_an_item_in_an_order_already_cannot_be_removed(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    item = add_one_time_item(subscription, cookies["id"], 1, actor=CUSTOMER, today=FEB_1)
    runs.run_due(installation, DAY(2027, 2, 28))
    with pytest.raises(LifecycleError) as refused:
        remove_one_time_item(Subscription.objects.get(), item.pk, actor=CUSTOMER, today=DAY(2027, 3, 1))
    assert (refused.value.field, refused.value.code) == ("itemId", "in_order")
    assert error_message(refused.value, "en") == (
        "This item is already in the order of the delivery of February 28, 2027, so it can no longer be removed.")
    with pytest.raises(LifecycleError) as refused:
        remove_one_time_item(subscription, 10**9, actor=CUSTOMER, today=DAY(2027, 3, 1))
    assert (refused.value.field, refused.value.code) == ("itemId", "not_found")


@pytest.mark.parametrize("case", ["unknown", "not_an_id", "not_priced", "unlisted", "unavailable"])
def test_only_what_the_channel_sells_can_be_added(subscribed, cookies, case):
    standin, installation, subscription, fake = subscribed
    variant_id = cookies["id"]
    product = standin.products[-1]
    if case == "unknown":
        variant_id = gid("ProductVariant", 999999)
    elif case == "not_an_id":
        variant_id = "'; drop table"
    elif case == "not_priced":
        del cookies["prices"]["jp"]
    elif case == "unlisted":
        standin.list_product(product, "jp", listed=False)
    else:
        standin.list_product(product, "jp", isAvailableForPurchase=False)
    with pytest.raises(LifecycleError) as refused:
        add_one_time_item(subscription, variant_id, 1, actor=CUSTOMER, today=FEB_1)
    assert (refused.value.field, refused.value.code) == ("variantId", "not_available")
    assert error_message(refused.value, "zh-hant") == "此商品目前未在本店販售，無法加入配送。"
    assert not OneTimeItem.objects.exists()


def test_quantities_are_bounded_by_the_limit_and_the_stock(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    for quantity in (0, -1, 51):
        with pytest.raises(LifecycleError) as refused:
            add_one_time_item(subscription, cookies["id"], quantity, actor=CUSTOMER, today=FEB_1)
        assert (refused.value.field, refused.value.code) == ("quantity", "quantity_out_of_range")
    add_one_time_item(subscription, cookies["id"], 8, actor=CUSTOMER, today=FEB_1)
    with pytest.raises(LifecycleError) as refused:
        add_one_time_item(subscription, cookies["id"], 3, actor=CUSTOMER, today=FEB_1)  # 11 of 10 in stock
    assert refused.value.code == "out_of_stock" and error_message(refused.value, "en").startswith("Only 10 in stock")
    assert OneTimeItem.objects.get().quantity == 8


def test_a_cycle_resumed_after_a_crash_carries_the_items_once_and_later_ones_go_to_the_next_delivery(subscribed, cookies,
                                                                                                   monkeypatch):
    standin, installation, subscription, fake = subscribed
    tea = subscription.lines.get().variant_id
    add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, today=FEB_1)
    real, crashed = SaleorClient.execute, []

    def crash(self, name, variables=None, **kwargs):
        if name in ("DraftOrderCreate", "DraftOrderComplete") and name not in crashed:
            crashed.append(name)  # killed before the order is made, then after
            raise KeyboardInterrupt(f"worker killed at {name}")
        return real(self, name, variables, **kwargs)

    monkeypatch.setattr(SaleorClient, "execute", crash)
    with pytest.raises(KeyboardInterrupt):
        runs.run_due(installation, DAY(2027, 2, 28))
    assert renewal_orders(standin) == [] and OneTimeItem.objects.get().renewal.cycle == 2
    Subscription.objects.update(lease_owner="", lease_until=None)  # the killed worker's lease has expired
    # staff add a box while the cycle's order is still to be made: that order carries it
    add_one_time_item(subscription, cookies["id"], 1, actor=STAFF, today=DAY(2027, 2, 28), force=True)
    with pytest.raises(KeyboardInterrupt):
        runs.run_due(installation, DAY(2027, 2, 28))  # the order is made this time, then the worker dies again
    Subscription.objects.update(lease_owner="", lease_until=None)
    add_one_time_item(subscription, cookies["id"], 3, actor=STAFF, today=DAY(2027, 2, 28), force=True)

    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    assert lines_of(order) == [(tea, 1, "6000"), (cookies["id"], 2, "800"), (cookies["id"], 1, "800")]
    assert order["total"] == D("8900") and [c["amount"] for c in fake.charges] == [8900]
    assert [item.quantity for item in waiting_items(subscription)] == [3]
    runs.run_due(installation, DAY(2027, 3, 31))
    assert lines_of(order_of_cycle(standin, installation, subscription, 3)) == [(tea, 1, "6000"), (cookies["id"], 3, "800")]


ERRORS = "errors { field code message }"
STAFF_ADD = f"""mutation ($id: ID!, $variant: ID!, $quantity: Int!) {{
  staffSubscriptionOneTimeItemAdd(id: $id, variantId: $variant, quantity: $quantity) {{ subscription {{ id }} {ERRORS} }} }}"""
STAFF_REMOVE = f"""mutation ($id: ID!, $item: ID!) {{
  staffSubscriptionOneTimeItemRemove(id: $id, itemId: $item) {{ subscription {{ id }} {ERRORS} }} }}"""
DETAIL = f"""query ($id: ID!) {{ staffSubscription(id: $id) {{
  oneTimeItems {{ id variantId productName variantName quantity unitPrice {{ amount formatted }} total {{ formatted }} inOrder }}
  {ERRORS} }} }}"""


def test_staff_see_add_and_remove_one_time_items_on_the_desk(desk, cookies):
    call, standin, installation, hanako, _, operator = desk
    assert call(STAFF_ADD, token=operator, id=str(hanako.pk), variant=cookies["id"], quantity=2)["errors"] == []
    (item,) = call(DETAIL, token=operator, id=str(hanako.pk))["oneTimeItems"]
    assert item == {"id": str(OneTimeItem.objects.get().pk), "variantId": cookies["id"], "productName": "バタークッキー",
                    "variantName": "Box", "quantity": 2, "unitPrice": {"amount": "800", "formatted": "￥800"},
                    "total": {"formatted": "￥1,600"}, "inOrder": False}
    assert installation.events.get(type="subscription.one_time_item_added").actor_id == "operator@example.jp"
    refused = call(STAFF_ADD, token=operator, id=str(hanako.pk), variant=gid("ProductVariant", 999999), quantity=1)
    assert refused["errors"] == [{"field": "variantId", "code": "NOT_AVAILABLE",
                                  "message": "この商品は現在このショップで販売していないため、お届けに追加できません。"}]
    assert [e["code"] for e in call(STAFF_REMOVE, token=operator, id=str(hanako.pk), item="999")["errors"]] == ["NOT_FOUND"]
    assert call(STAFF_REMOVE, token=operator, id=str(hanako.pk), item=item["id"])["errors"] == []
    assert call(DETAIL, token=operator, id=str(hanako.pk))["oneTimeItems"] == []


def test_the_overview_shows_the_next_delivery_with_its_items_at_the_amount_then_charged(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    item = add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, today=FEB_1)
    shown = overview(subscription, "ja")["next_delivery"]
    assert [(line["product_name"], line["quantity"]) for line in shown["lines"]] == [("緑茶", 1)]
    (added,) = shown["one_time_items"]
    assert (added["id"], added["product_name"], added["quantity"], added["unit_price"]["formatted"], added["amount"]["amount"]) == (
        item.pk, "バタークッキー", 2, "￥800", 1600)
    assert (shown["items_total"]["amount"], shown["total"]["formatted"]) == (7600, "￥8,100")
    runs.run_due(installation, DAY(2027, 2, 28))
    assert fake.charges[0]["amount"] == shown["total"]["amount"]
    assert overview(Subscription.objects.get(), "ja")["next_delivery"]["one_time_items"] == []


@pytest.mark.parametrize(("language", "listed"), [
    ("ja", "今回のお届けのみ追加の商品：\n・バタークッキー（Box） × 2：￥1,600"),
    ("en", "Added to this delivery only:\n- Butter cookies (Box) × 2: ¥1,600")])
def test_the_reminder_before_the_delivery_lists_its_one_time_items(subscribed, cookies, django_capture_on_commit_callbacks,
                                                                    language, listed):
    standin, installation, subscription, fake = subscribed
    Subscription.objects.update(language=language)
    subscription.refresh_from_db()
    add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, today=FEB_1)
    OneTimeItem.objects.update(product_name="バタークッキー" if language == "ja" else "Butter cookies")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(installation, DAY(2027, 2, 20)) == 1  # the trial's end, 8 days ahead
    (message,) = outbox.outbox
    assert listed in message.body and "<li>" in message.alternatives[0][0]


def test_nothing_is_added_to_a_subscription_without_a_next_delivery_but_a_paused_one_can_take_an_item_out(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    item = add_one_time_item(subscription, cookies["id"], 1, actor=CUSTOMER, today=FEB_1)
    actions.pause(subscription, actor=CUSTOMER, today=FEB_1)
    with pytest.raises(LifecycleError) as refused:
        add_one_time_item(subscription, cookies["id"], 1, actor=CUSTOMER, today=FEB_1)
    assert refused.value.code == "invalid_status"
    remove_one_time_item(subscription, item.pk, actor=CUSTOMER, today=FEB_1)
    actions.resume(subscription, actor=CUSTOMER, today=FEB_1)
    actions.cancel(subscription, at_period_end=True, actor=CUSTOMER, today=FEB_1)
    with pytest.raises(LifecycleError) as refused:
        add_one_time_item(subscription, cookies["id"], 1, actor=CUSTOMER, today=FEB_1)
    assert refused.value.code == "invalid_status" and not OneTimeItem.objects.exists()


def test_an_item_bulk_cannot_tax_sends_the_cycle_through_a_draft_order_with_it(subscribed, cookies):
    standin, installation, subscription, fake = subscribed
    standin.tax_rates.update({("JP", gid("TaxClass", 1)): D(10)})
    standin.products[-1]["taxClass"] = None  # the cookies have no tax class: bulk cannot tax them
    installation_settings.update(installation, {"renewal_orders": "bulk"})
    add_one_time_item(subscription, cookies["id"], 2, actor=CUSTOMER, today=FEB_1)
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    assert order["origin"] == "DRAFT" and standin.bulk_calls == []
    assert (cookies["id"], 2, "800") in lines_of(order) and [c["amount"] for c in fake.charges] == [8100]
