"""The customer API: a signed-in shopper reads and changes their own subscriptions with their Saleor access token."""

import datetime
import json

import pytest

from saleor_subscriptions.api.customer import signed_in
from saleor_subscriptions.installations.models import ClosedDay
from saleor_subscriptions.payments import stripe_api
from saleor_subscriptions.payments.models import StripeCustomer
from saleor_subscriptions.payments.stripe_api import stripe_client as real_stripe_client

REAL_POOLED, REAL_PLAIN = stripe_api._pooled, stripe_api._plain
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import actions
from saleor_subscriptions.subscriptions.models import Subscription

from .conftest import TRIAL_TERMS, USER, renewal_orders
from .saleor_standin.signing import SigningKey
from .test_payment_methods import new_card

pytestmark = pytest.mark.django_db
DAY = datetime.date
ERRORS = "errors { field code message }"
SEEN = """subscription { id status planCode planName cancelAtPeriodEnd pausedUntil lines { id quantity variantName }
  nextDelivery { date total { amount formatted } lines { variantName quantity unitPrice { amount } } }
  upcomingDeliveries paymentMethod { kind brand last4 } shippingAddress }"""
LIST = f"""query {{ mySubscriptions {{ subscriptions {{ id status planCode planName changeDeadline
  lines {{ id productName variantName quantity }}
  nextDelivery {{ date cycle total {{ amount formatted }} shipping {{ amount }}
                 lines {{ productName quantity unitPrice {{ amount formatted }} }} }}
  upcomingDeliveries paymentMethod {{ kind brand last4 }} orders {{ number amount {{ amount }} }} }} {ERRORS} }} }}"""
ONE = f"query One($id: ID!) {{ mySubscription(id: $id) {{ {SEEN} {ERRORS} }} }}"
SKIP = f"mutation Skip($id: ID!) {{ mySubscriptionSkip(id: $id) {{ {SEEN} {ERRORS} }} }}"
RESCHEDULE = f"mutation R($id: ID!, $date: Date!) {{ mySubscriptionReschedule(id: $id, date: $date) {{ {SEEN} {ERRORS} }} }}"
PAUSE = f"mutation P($id: ID!, $until: Date) {{ mySubscriptionPause(id: $id, until: $until) {{ {SEEN} {ERRORS} }} }}"
RESUME = f"mutation R($id: ID!) {{ mySubscriptionResume(id: $id) {{ {SEEN} {ERRORS} }} }}"
QUANTITY = f"""mutation Q($id: ID!, $line: ID!, $quantity: Int!) {{
  mySubscriptionQuantity(id: $id, lineId: $line, quantity: $quantity) {{ {SEEN} {ERRORS} }} }}"""
VARIANT = f"""mutation V($id: ID!, $line: ID!, $variant: ID!) {{
  mySubscriptionVariant(id: $id, lineId: $line, variantId: $variant) {{ {SEEN} {ERRORS} }} }}"""
PLAN = f"mutation P($id: ID!, $plan: String!) {{ mySubscriptionPlan(id: $id, planCode: $plan) {{ {SEEN} {ERRORS} }} }}"
ADDRESS = f"""mutation A($id: ID!, $address: AddressInput!) {{
  mySubscriptionAddress(id: $id, address: $address) {{ {SEEN} {ERRORS} }} }}"""
CANCEL = f"""mutation C($id: ID!, $end: Boolean, $reason: String) {{
  mySubscriptionCancel(id: $id, atPeriodEnd: $end, reason: $reason) {{ {SEEN} {ERRORS} }} }}"""
QUOTE = f"""query Q($id: ID!, $line: ID, $quantity: Int, $variant: ID, $plan: String) {{
  mySubscriptionChangeQuote(id: $id, lineId: $line, quantity: $quantity, variantId: $variant, planCode: $plan) {{
    current {{ total {{ amount }} }}
    changed {{ date total {{ amount formatted }} shipping {{ amount }} lines {{ variantName quantity unitPrice {{ amount }} }} }}
    {ERRORS} }} }}"""


def access_token(standin, **claims):
    return standin.key.token(standin.api_url, **{"user_id": USER["id"], "email": USER["email"], **claims})


@pytest.fixture
def shopper(subscribed, client):
    """Hanako, signed in to the shop's storefront; `call` sends her token (or `token`) from one IP."""
    standin, installation, hanako, fake = subscribed
    standin.add_customer(USER["email"], "花子", "山田", id=USER["id"])

    def post(query, *, token=None, language="ja", ip="203.0.113.7", **variables):
        token = access_token(standin) if token is None else token
        return client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                           headers={"Saleor-Api-Url": standin.api_url, "Authorization": f"Bearer {token}",
                                    "Accept-Language": language}, REMOTE_ADDR=ip)

    def call(query, **options):
        body = post(query, **options).json()
        assert "errors" not in body, body
        return next(iter(body["data"].values()))

    return call, post, standin, installation, hanako


@pytest.fixture
def taro(shopper):
    """Another customer's subscription in the same shop."""
    hanako = shopper[4]
    other = Subscription.objects.get(pk=hanako.pk)
    other.pk, other.customer_id, other.email, other.origin_order_id = None, "VXNlcjo5OQ==", "taro@example.jp", "T3JkZXI6OTk="
    other.save()
    other.lines.create(variant_id=hanako.lines.get().variant_id, quantity=1, plan_version=hanako.lines.get().plan_version)
    return other


def ok(result):
    assert result["errors"] == [], result
    return result["subscription"]


def test_a_customer_sees_their_subscriptions_priced_as_the_next_delivery_will_be_charged(shopper, taro):
    call, *_, hanako = shopper
    seen = call(LIST)
    assert seen["errors"] == []
    (mine,) = seen["subscriptions"]  # not Taro's
    line = hanako.lines.get()
    assert mine | {"nextDelivery": None} == {
        "id": str(hanako.pk), "status": "ACTIVE", "planCode": "monthly", "planName": "毎月お届け定期便",
        "changeDeadline": "2027-02-21", "lines": [{"id": str(line.pk), "productName": "緑茶", "variantName": "100 g", "quantity": 1}],
        "nextDelivery": None, "upcomingDeliveries": ["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
                                                     "2027-07-31"],
        "paymentMethod": {"kind": "card", "brand": "visa", "last4": "4242"}, "orders": []}
    assert mine["nextDelivery"] == {
        "date": "2027-02-28", "cycle": 2, "total": {"amount": "6500", "formatted": "￥6,500"}, "shipping": {"amount": "500"},
        "lines": [{"productName": "緑茶", "quantity": 1, "unitPrice": {"amount": "6000", "formatted": "￥6,000"}}]}


def test_another_customers_subscription_is_not_found_and_stays_as_it_was(shopper, taro):
    call, *_ = shopper
    before = Subscription.objects.get(pk=taro.pk).next_renewal_on
    for query, variables in ((ONE, {}), (SKIP, {}), (CANCEL, {"end": False}), (PAUSE, {}),
                             (QUOTE, {"line": str(taro.lines.get().pk), "quantity": 2})):
        answer = call(query, language="en", id=str(taro.pk), **variables)
        assert answer["errors"] == [{"field": "id", "code": "NOT_FOUND",
                                     "message": f"There is no subscription {taro.pk} in this shop."}], query
    assert call(ONE, language="en", id="999999999")["errors"][0]["code"] == "NOT_FOUND"
    taro.refresh_from_db()
    assert (taro.status, taro.next_renewal_on, taro.cancel_at_period_end) == ("active", before, False)
    assert not taro.installation.events.filter(type__startswith="subscription.", actor="customer").exists()


def test_skipping_moves_the_next_renewal_to_the_plans_following_date(shopper):
    call, _, standin, installation, hanako = shopper
    skipped = ok(call(SKIP, id=str(hanako.pk)))
    assert skipped["nextDelivery"]["date"] == "2027-03-31" and skipped["upcomingDeliveries"][:2] == ["2027-03-31", "2027-04-30"]
    runs.run_due(installation, DAY(2027, 2, 28))
    assert renewal_orders(standin) == []
    runs.run_due(installation, DAY(2027, 3, 31))
    assert len(renewal_orders(standin)) == 1
    event = installation.events.get(type="subscription.skipped")
    assert (event.actor, event.actor_id) == ("customer", USER["id"])


def test_the_next_delivery_moves_within_what_the_plan_allows(shopper):
    call, _, _, _, hanako = shopper
    late = call(RESCHEDULE, id=str(hanako.pk), date="2027-03-31")
    assert late["subscription"] is None
    assert late["errors"] == [{"field": "date", "code": "TOO_LATE", "message": late["errors"][0]["message"]}]
    assert "2027年3月31日" in late["errors"][0]["message"]  # the customer's language names the date
    ClosedDay.objects.create(installation=hanako.installation, date=DAY(2027, 3, 10))
    days = call(ONE.replace("upcomingDeliveries", "upcomingDeliveries movableDays"), id=str(hanako.pk))["subscription"]["movableDays"]
    assert "2027-03-09" in days and "2027-03-11" in days and "2027-03-10" not in days and days[-1] == "2027-03-30"
    closed = call(RESCHEDULE, language="en", id=str(hanako.pk), date="2027-03-10")["errors"]
    assert [(e["field"], e["code"]) for e in closed] == [("date", "CLOSED_DAY")] and "March 10, 2027" in closed[0]["message"]
    moved = ok(call(RESCHEDULE, id=str(hanako.pk), date="2027-03-11"))
    assert moved["nextDelivery"]["date"] == "2027-03-11" and moved["upcomingDeliveries"][1] == "2027-03-31"


def test_a_quantity_is_quoted_first_then_reprices_the_next_renewal(shopper):
    call, _, standin, installation, hanako = shopper
    line = str(hanako.lines.get().pk)
    quoted = call(QUOTE, id=str(hanako.pk), line=line, quantity=3)
    assert quoted["errors"] == [] and quoted["current"] == {"total": {"amount": "6500"}}
    assert quoted["changed"] == {"date": "2027-02-28", "total": {"amount": "16700", "formatted": "￥16,700"},
                                 "shipping": {"amount": "500"},
                                 "lines": [{"variantName": "100 g", "quantity": 3, "unitPrice": {"amount": "5400"}}]}
    assert hanako.lines.get().quantity == 1 and not installation.events.filter(type="subscription.quantity_changed").exists()
    changed = ok(call(QUANTITY, id=str(hanako.pk), line=line, quantity=3))
    assert changed["nextDelivery"]["total"]["amount"] == "16700"
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    assert [(line["quantity"], line["price"]) for line in order["input"]["lines"]] == [(3, "5400")]
    assert order["total"] == hanako.renewals.get().amount == 16700


def test_a_refused_quantity_changes_nothing_and_says_why_in_the_customers_language(shopper):
    call, _, _, _, hanako = shopper
    line = str(hanako.lines.get().pk)
    for language, words in (("en", "a quantity of 1 or more"), ("ja", "数量は1以上"), ("zh-TW", "請選擇1或以上")):
        refused = call(QUANTITY, language=language, id=str(hanako.pk), line=line, quantity=0)
        assert refused["subscription"] is None
        (error,) = refused["errors"]
        assert (error["field"], error["code"]) == ("quantity", "QUANTITY_OUT_OF_RANGE") and words in error["message"]
    quoted = call(QUOTE, language="en", id=str(hanako.pk), line=line, quantity=0)
    assert (quoted["changed"], [e["code"] for e in quoted["errors"]]) == (None, ["QUANTITY_OUT_OF_RANGE"])
    assert call(QUOTE, language="en", id=str(hanako.pk), line=line, quantity=2, plan="monthly")["errors"][0]["code"] == "INVALID"
    assert hanako.lines.get().quantity == 1


def test_another_variant_and_another_plan_of_the_product(shopper):
    call, _, standin, installation, hanako = shopper
    bigger = next(v["id"] for p in standin.products for v in p["variants"] if v["name"] == "200 g")
    line = str(hanako.lines.get().pk)
    quoted = call(QUOTE, id=str(hanako.pk), line=line, variant=bigger)
    assert quoted["changed"]["lines"] == [{"variantName": "200 g", "quantity": 1, "unitPrice": {"amount": "6000"}}]
    swapped = ok(call(VARIANT, id=str(hanako.pk), line=line, variant=bigger))
    assert swapped["lines"][0]["variantName"] == "200 g"
    create_plan(installation, product_id=hanako.plan.product.product_id, code="bimonthly",
                terms={**TRIAL_TERMS, "schedule": {"interval_unit": "month", "interval_count": 2}})
    assert call(QUOTE, id=str(hanako.pk), plan="bimonthly")["changed"]["total"]["amount"] == "6500"
    moved = ok(call(PLAN, id=str(hanako.pk), plan="bimonthly"))
    assert (moved["planCode"], moved["upcomingDeliveries"][:2]) == ("bimonthly", ["2027-02-28", "2027-04-28"])
    assert call(PLAN, language="en", id=str(hanako.pk), plan="nope")["errors"] == [
        {"field": "planCode", "code": "NOT_FOUND", "message": "There is no plan 'nope'."}]


def test_a_new_address_where_the_shop_ships(shopper):
    call, _, standin, _, hanako = shopper
    address = {"lastName": "山田", "firstName": "花子", "streetAddress1": "梅田1-1", "city": "大阪市北区", "postalCode": "530-0001",
               "country": "JP", "countryArea": "大阪府"}
    moved = ok(call(ADDRESS, id=str(hanako.pk), address=address))
    assert json.loads(moved["shippingAddress"])["city"] == "大阪市北区"
    standin.channels["jp"]["_countries"] = {"JP"}  # the shop ships within Japan only
    abroad = call(ADDRESS, language="en", id=str(hanako.pk), address={**address, "country": "US"})
    assert [(e["field"], e["code"]) for e in abroad["errors"]] == [("address", "NOT_AVAILABLE")]
    hanako.refresh_from_db()
    assert hanako.shipping_address["city"] == "大阪市北区"


def test_a_pause_stops_renewals_until_its_date(shopper):
    call, _, standin, installation, hanako = shopper
    assert call(PAUSE, language="en", id=str(hanako.pk), until="2020-01-01")["errors"][0]["field"] == "until"
    paused = ok(call(PAUSE, id=str(hanako.pk), until="2027-04-10"))
    assert (paused["status"], paused["pausedUntil"], paused["nextDelivery"]) == ("PAUSED", "2027-04-10", None)
    runs.run_due(installation, DAY(2027, 2, 28))
    assert renewal_orders(standin) == []
    actions.resume_due(installation, DAY(2027, 4, 10))
    hanako.refresh_from_db()
    assert (hanako.status, hanako.next_renewal_on) == ("active", DAY(2027, 4, 30))
    runs.run_due(installation, DAY(2027, 4, 30))
    assert len(renewal_orders(standin)) == 1


def test_a_customer_resumes_a_pause_without_an_end(shopper):
    call, _, _, _, hanako = shopper
    ok(call(PAUSE, id=str(hanako.pk)))
    resumed = ok(call(RESUME, id=str(hanako.pk)))
    assert resumed["status"] == "ACTIVE" and resumed["nextDelivery"]["date"] == "2027-02-28"
    assert call(RESUME, id=str(hanako.pk))["errors"][0]["code"] == "INVALID_STATUS"


def test_cancelling_asks_saleor_whether_the_token_still_stands(shopper):
    call, _, standin, installation, hanako = shopper
    token = access_token(standin, lifetime=299)
    standin.revoked_tokens.add(token)  # she changed her password elsewhere: Saleor rotated her key
    revoked = call(CANCEL, token=token, language="en", id=str(hanako.pk))
    assert [e["code"] for e in revoked["errors"]] == ["TOKEN_REVOKED"] and "Sign in again" in revoked["errors"][0]["message"]
    standin.http_failures = [503]
    unreachable = call(CANCEL, language="en", id=str(hanako.pk))
    assert [e["code"] for e in unreachable["errors"]] == ["SALEOR_UNREACHABLE"]
    assert "nothing was changed" in unreachable["errors"][0]["message"]
    hanako.refresh_from_db()
    assert (hanako.status, hanako.cancel_at_period_end) == ("active", False)
    ending = ok(call(CANCEL, id=str(hanako.pk), end=True, reason="飲みきれない"))
    assert ending["cancelAtPeriodEnd"] is True and ending["status"] == "ACTIVE"
    assert installation.events.get(type="subscription.cancel_requested").data["reason"] == "飲みきれない"
    assert ok(call(CANCEL, id=str(hanako.pk)))["status"] == "CANCELLED"


@pytest.mark.parametrize(("make", "code", "words"), [
    (lambda standin: "", "TOKEN_MISSING", "Authorization: Bearer"),
    (lambda standin: access_token(standin, lifetime=-10), "TOKEN_EXPIRED", "tokenRefresh"),
    (lambda standin: access_token(standin, token_type="refresh"), "TOKEN_NOT_ACCESS", "not the refresh token"),
    (lambda standin: SigningKey().token("https://other-shop.example.com/graphql/", user_id=USER["id"], email=USER["email"]),
     "TOKEN_OTHER_INSTANCE", "Sign in to this shop"),
    (lambda standin: access_token(standin)[:-6] + "AAAAAA", "TOKEN_INVALID", "Sign in again"),
    (lambda standin: access_token(standin, user_id=USER["id"].swapcase())[:-2] + access_token(standin)[-2:], "TOKEN_INVALID",
     "Sign in again"),
])
def test_tokens_that_do_not_prove_the_customer_are_refused_with_what_to_do(shopper, make, code, words):
    call, _, standin, _, hanako = shopper
    token = make(standin)
    listed = call(LIST, token=token, language="en")
    assert listed["subscriptions"] == [] and [(e["field"], e["code"]) for e in listed["errors"]] == [(None, code)]
    assert words in listed["errors"][0]["message"]
    skipped = call(SKIP, token=token, language="ja", id=str(hanako.pk))
    assert skipped["subscription"] is None and skipped["errors"][0]["code"] == code
    assert skipped["errors"][0]["message"].isascii() is False  # in Japanese
    hanako.refresh_from_db()
    assert hanako.next_renewal_on == DAY(2027, 2, 28)


def test_too_many_requests_per_customer_are_throttled_with_when_to_retry(shopper, monkeypatch):
    call, post, standin, _, hanako = shopper
    monkeypatch.setattr(signed_in, "PER_CUSTOMER", signed_in.Limit("customer_api", 3, 60))
    for _ in range(3):
        assert call(ONE, id=str(hanako.pk))["errors"] == []
    response = post(SKIP.replace("message", "message retryAfter"), language="en", id=str(hanako.pk))
    assert response.status_code == 200
    (error,) = response.json()["data"]["mySubscriptionSkip"]["errors"]
    assert error["code"] == "THROTTLED" and 0 < error["retryAfter"] == int(response["Retry-After"]) <= 60
    assert f"wait {response['Retry-After']} seconds" in error["message"]
    hanako.refresh_from_db()
    assert hanako.next_renewal_on == DAY(2027, 2, 28)  # the throttled skip did nothing
    other = access_token(standin, user_id="VXNlcjo5OQ==", email="taro@example.jp")
    assert call(LIST, token=other)["errors"] == []  # another customer from the same address is not held back


def test_too_many_requests_from_one_address_are_throttled_before_any_token_is_read(shopper, monkeypatch):
    call, post, *_ = shopper
    monkeypatch.setattr(signed_in, "PER_IP", signed_in.Limit("customer_api_ip", 2, 60))
    assert [call(LIST, token="junk", ip="198.51.100.9")["errors"][0]["code"] for _ in range(3)] == [
        "TOKEN_INVALID", "TOKEN_INVALID", "THROTTLED"]
    throttled = call(LIST, ip="198.51.100.9")
    assert throttled["errors"][0]["code"] == "THROTTLED" and throttled["errors"][0]["field"] is None
    assert call(LIST, ip="198.51.100.10")["errors"] == []


CARD_SETUP = f"mutation S($id: ID!) {{ mySubscriptionCardSetup(id: $id) {{ setupIntentId clientSecret publishableKey {ERRORS} }} }}"
CARD = f"""mutation C($id: ID!, $intent: String!) {{
  mySubscriptionCard(id: $id, setupIntentId: $intent) {{ {SEEN} {ERRORS} }} }}"""


@pytest.fixture
def localstripe_api(localstripe, settings, monkeypatch):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = "sk_test_localstripe", localstripe
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    monkeypatch.setattr(stripe_api, "_pooled", REAL_POOLED)  # not the scripted Stripe of `subscribed`
    monkeypatch.setattr(stripe_api, "_plain", REAL_PLAIN)
    client = real_stripe_client(None)
    hanako = client.v1.customers.create(params={"email": USER["email"]})  # made when she first saved a card
    StripeCustomer.objects.filter(saleor_user_id=USER["id"]).update(stripe_customer_id=hanako.id)
    return client


def test_a_new_card_is_charged_at_the_next_renewal(shopper, localstripe_api):
    call, _, standin, installation, hanako = shopper
    setup = call(CARD_SETUP, id=str(hanako.pk))
    assert setup["errors"] == [] and setup["publishableKey"] == "pk_test_localstripe"
    assert setup["clientSecret"].startswith(setup["setupIntentId"] + "_secret_")
    card = new_card(localstripe_api, "4000056655665556")  # what Stripe Elements does with the client secret
    localstripe_api.v1.setup_intents.confirm(setup["setupIntentId"], params={"payment_method": card})
    changed = ok(call(CARD, id=str(hanako.pk), intent=setup["setupIntentId"]))
    assert changed["paymentMethod"] == {"kind": "card", "brand": "visa", "last4": "5556"}
    runs.run_due(installation, DAY(2027, 2, 28))
    renewal = hanako.renewals.get()
    intent = localstripe_api.v1.payment_intents.retrieve(renewal.payment_intent_id)
    assert (intent.payment_method, intent.amount, intent.status) == (card, 6500, "succeeded")


def test_a_new_card_replaces_the_old_one_in_all_her_subscriptions_and_no_one_elses(shopper, taro, localstripe_api):
    call, _, _, _, hanako = shopper
    second = Subscription.objects.get(pk=hanako.pk)
    second.pk, second.origin_order_id = None, "T3JkZXI6NTU="
    second.save()
    setup = call(CARD_SETUP, id=str(hanako.pk))
    localstripe_api.v1.setup_intents.confirm(setup["setupIntentId"], params={"payment_method": new_card(localstripe_api,
                                                                                                       "4000056655665556")})
    ok(call(CARD, id=str(hanako.pk), intent=setup["setupIntentId"]))
    assert {s.pk: s.payment_method.last4 for s in Subscription.objects.filter(customer_id=USER["id"])} == \
        {hanako.pk: "5556", second.pk: "5556"}  # the old card was replaced: no subscription of hers keeps charging it
    taro.refresh_from_db()
    assert taro.payment_method.stripe_payment_method_id == "pm_visa"


def test_a_card_saved_for_someone_else_is_not_taken(shopper, localstripe_api):
    call, _, _, _, hanako = shopper
    stranger = localstripe_api.v1.customers.create(params={"email": "someone@example.com"})
    intent = localstripe_api.v1.setup_intents.create(params={"customer": stranger.id, "usage": "off_session"})
    localstripe_api.v1.setup_intents.confirm(intent.id, params={"payment_method": new_card(localstripe_api, "4242424242424242")})
    refused = call(CARD, language="en", id=str(hanako.pk), intent=intent.id)
    assert (refused["subscription"], refused["errors"]) == (None, [
        {"field": "setupIntentId", "code": "CARD_NOT_SAVED", "message": "This card was not saved for this customer. "
                                                                        "Please enter it again."}])
    hanako.refresh_from_db()
    assert hanako.payment_method.last4 == "4242" and hanako.payment_method.stripe_payment_method_id == "pm_visa"


def test_a_change_saleor_must_confirm_is_refused_whole_while_saleor_is_down(shopper):
    call, _, standin, installation, hanako = shopper
    bigger = next(v["id"] for p in standin.products for v in p["variants"] if v["name"] == "200 g")
    line = hanako.lines.get()
    standin.http_failures = [503] * 10
    refused = call(VARIANT, language="en", id=str(hanako.pk), line=str(line.pk), variant=bigger)
    standin.http_failures = []
    assert (refused["subscription"], [(e["field"], e["code"]) for e in refused["errors"]]) == (None, [(None, "SALEOR_UNAVAILABLE")])
    line.refresh_from_db()
    assert line.variant_id != bigger and not installation.events.filter(type="subscription.variant_changed").exists()


ONE_TIME = """nextDelivery { total { amount } oneTimeItems { id variantName quantity unitPrice { amount } } }"""
ADD_ITEM = f"""mutation A($id: ID!, $variant: ID!, $quantity: Int) {{
  mySubscriptionAddOneTimeItem(id: $id, variantId: $variant, quantity: $quantity) {{ subscription {{ {ONE_TIME} }} {ERRORS} }} }}"""
REMOVE_ITEM = f"""mutation R($id: ID!, $item: ID!) {{
  mySubscriptionRemoveOneTimeItem(id: $id, itemId: $item) {{ subscription {{ {ONE_TIME} }} {ERRORS} }} }}"""


def test_a_one_time_item_comes_in_the_next_renewal_order_only(shopper):
    call, _, standin, installation, hanako = shopper
    bigger = next(v["id"] for p in standin.products for v in p["variants"] if v["name"] == "200 g")
    added = call(ADD_ITEM, id=str(hanako.pk), variant=bigger, quantity=1)
    assert added["errors"] == []
    following = added["subscription"]["nextDelivery"]
    (item,) = following["oneTimeItems"]
    assert (item["variantName"], item["quantity"], item["unitPrice"], following["total"]) == (
        "200 g", 1, {"amount": "12000"}, {"amount": "18500"})  # ¥6,000 + ¥12,000 at the channel's price + ¥500 shipping
    again = call(ADD_ITEM, id=str(hanako.pk), variant=bigger, quantity=1)["subscription"]["nextDelivery"]
    assert [i["quantity"] for i in again["oneTimeItems"]] == [2]
    removed = call(REMOVE_ITEM, id=str(hanako.pk), item=item["id"])["subscription"]["nextDelivery"]
    assert (removed["oneTimeItems"], removed["total"]) == ([], {"amount": "6500"})
    call(ADD_ITEM, id=str(hanako.pk), variant=bigger, quantity=1)
    runs.run_due(installation, DAY(2027, 2, 28))
    runs.run_due(installation, DAY(2027, 3, 31))
    first, second = sorted(renewal_orders(standin), key=lambda order: int(order["number"]))
    assert [line["variantId"] for line in first["input"]["lines"]] == [hanako.lines.get().variant_id, bigger]
    assert [line["variantId"] for line in second["input"]["lines"]] == [hanako.lines.get().variant_id]
    assert call(REMOVE_ITEM, language="en", id=str(hanako.pk), item="999")["errors"][0]["code"] == "NOT_FOUND"


REASONS = f"query {{ myCancellationReasons {{ reasons {{ code label }} {ERRORS} }} }}"
START = f"""mutation S($id: ID!, $reason: String!, $text: String) {{
  mySubscriptionCancelStart(id: $id, reason: $reason, text: $text) {{ attempt {{ id reason offer {{ kind text }} }} {ERRORS} }} }}"""
ACCEPT = f"""mutation A($id: ID!, $attempt: ID!) {{
  mySubscriptionOfferAccept(id: $id, attemptId: $attempt) {{ {SEEN} {ERRORS} }} }}"""
DECLINE = f"""mutation C($id: ID!, $attempt: ID, $end: Boolean) {{
  mySubscriptionCancel(id: $id, attemptId: $attempt, atPeriodEnd: $end) {{ {SEEN} {ERRORS} }} }}"""


@pytest.fixture
def offers(shopper):
    installation = shopper[3]
    installation.cancellation_reasons = [
        {"code": "busy", "labels": {"en": "Too much at once", "ja": "量が多い"}, "offer": {"kind": "skip"}},
        {"code": "price", "labels": {"en": "Too expensive", "ja": "高すぎる"},
         "offer": {"kind": "percent_off", "percent": "15", "deliveries": 3}},
        {"code": "other", "labels": {"en": "Other", "ja": "その他"}}]
    installation.save()
    return shopper


def test_an_offer_accepted_keeps_the_subscription_with_the_offered_change(offers):
    call, _, _, installation, hanako = offers
    assert call(REASONS)["reasons"] == [{"code": "busy", "label": "量が多い"}, {"code": "price", "label": "高すぎる"},
                                        {"code": "other", "label": "その他"}]
    started = call(START, id=str(hanako.pk), reason="busy")
    attempt = started["attempt"]
    assert attempt["offer"]["kind"] == "SKIP" and "2月28日" in attempt["offer"]["text"]
    kept = ok(call(ACCEPT, id=str(hanako.pk), attempt=attempt["id"]))
    assert (kept["status"], kept["nextDelivery"]["date"]) == ("ACTIVE", "2027-03-31")
    assert hanako.cancellation_attempts.get().outcome == "saved"
    again = call(DECLINE, language="en", id=str(hanako.pk), attempt=attempt["id"])
    assert [e["code"] for e in again["errors"]] == ["DECIDED"]
    discounted = call(START, language="en", id=str(hanako.pk), reason="price")["attempt"]
    assert discounted["offer"] == {"kind": "PERCENT_OFF", "text": "15% off your next 3 deliveries."}
    assert ok(call(ACCEPT, id=str(hanako.pk), attempt=discounted["id"]))["nextDelivery"]["total"]["amount"] == "5600"


def test_a_declined_offer_cancels_in_two_calls_and_keeps_the_reason(offers):
    call, _, _, installation, hanako = offers
    attempt = call(START, id=str(hanako.pk), reason="price", text="ほかで安く買えます")["attempt"]
    assert attempt["offer"]["kind"] == "PERCENT_OFF"
    cancelled = ok(call(DECLINE, id=str(hanako.pk), attempt=attempt["id"]))
    assert cancelled["status"] == "CANCELLED"
    decided = hanako.cancellation_attempts.get()
    assert (decided.outcome, decided.reason, decided.text) == ("cancelled", "price", "ほかで安く買えます")
    assert installation.events.get(type="subscription.cancelled").data["reason"] == "price: ほかで安く買えます"


def test_an_attempt_is_only_ever_its_own_subscriptions(offers, taro):
    call, _, standin, _, hanako = offers
    unknown = call(START, language="en", id=str(hanako.pk), reason="nope")
    assert [(e["field"], e["code"]) for e in unknown["errors"]] == [("reason", "INVALID")]
    theirs = call(START, token=access_token(standin, user_id=taro.customer_id, email=taro.email), id=str(taro.pk),
                  reason="busy")["attempt"]
    for query in (ACCEPT, DECLINE):
        refused = call(query, language="en", id=str(hanako.pk), attempt=theirs["id"])
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [("attemptId", "NOT_FOUND")]
        assert call(query, id=str(taro.pk), attempt=theirs["id"])["errors"][0]["code"] == "NOT_FOUND"  # not hers
    assert (Subscription.objects.get(pk=taro.pk).status, hanako.status) == ("active", "active")
