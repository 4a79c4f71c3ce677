"""Who a shopper is, what they own and what they see: the ground the portal and the customer API stand on."""

import datetime

import pytest

from saleor_subscriptions.customers import identity, ownership, throttle
from saleor_subscriptions.customers.overview import overview
from saleor_subscriptions.subscriptions.models import Subscription

from .conftest import USER
from .saleor_standin.signing import SigningKey

pytestmark = pytest.mark.django_db


def _token(standin, **claims):
    return standin.key.token(standin.api_url, **{"user_id": USER["id"], "email": USER["email"], **claims})


def test_an_access_token_names_the_customer(installed):
    standin, _, installation = installed
    customer = identity.customer_from_token(installation, _token(standin))
    assert (customer.user_id, customer.email) == (USER["id"], USER["email"])


@pytest.mark.parametrize(("make", "code"), [
    (lambda standin: "", "token_missing"),
    (lambda standin: _token(standin, lifetime=-10), "token_expired"),
    (lambda standin: _token(standin, token_type="refresh"), "token_not_access"),
    (lambda standin: _token(standin, token_type="thirdparty"), "token_not_access"),
    (lambda standin: SigningKey().token("https://other-shop.example.com/graphql/", user_id=USER["id"], email=USER["email"]),
     "token_other_instance"),
    (lambda standin: SigningKey().token(standin.api_url, user_id=USER["id"], email=USER["email"]), "token_invalid"),
    (lambda standin: _token(standin)[:-4] + "AAAA", "token_invalid"),
    (lambda standin: "not-a-jwt", "token_invalid"),
])
def test_tokens_that_do_not_prove_a_customer_are_refused_with_what_to_do(installed, make, code):
    standin, _, installation = installed
    with pytest.raises(identity.NotSignedIn) as refused:
        identity.customer_from_token(installation, make(standin))
    assert refused.value.code == code
    assert refused.value.message  # words for the reader, in the request's language


def test_the_online_check_catches_a_token_saleor_no_longer_accepts(installed, mount):
    standin, _, installation = installed
    mount(standin.api_url, standin)
    standin.add_customer(USER["email"], "花子", "山田", id=USER["id"])
    token = _token(standin)
    customer = identity.customer_from_token(installation, token)
    identity.confirm_online(customer)  # accepted
    standin.revoked_tokens.add(token)  # the customer changed their password: Saleor rotated their key
    with pytest.raises(identity.NotSignedIn) as refused:
        identity.confirm_online(customer)
    assert refused.value.code == "token_revoked"
    standin.revoked_tokens.clear()
    standin.http_failures = [503]
    with pytest.raises(identity.NotSignedIn) as unreachable:
        identity.confirm_online(customer)
    assert unreachable.value.code == "saleor_unreachable"


def test_a_throttle_refuses_past_its_limit_until_the_window_turns():
    start = 1_800_000_000.0
    for _ in range(3):
        throttle.hit("sign-in", "203.0.113.9", limit=3, per_seconds=60, now=start)
    with pytest.raises(throttle.Throttled) as refused:
        throttle.hit("sign-in", "203.0.113.9", limit=3, per_seconds=60, now=start + 20)
    assert refused.value.retry_after == 40
    throttle.hit("sign-in", "198.51.100.7", limit=3, per_seconds=60, now=start + 20)  # another caller is not held back
    throttle.hit("sign-in", "203.0.113.9", limit=3, per_seconds=60, now=start + 60)  # the next window


def test_a_customer_owns_their_subscriptions_and_never_another_customers(subscribed):
    _, installation, subscription, _ = subscribed
    other = Subscription.objects.get(pk=subscription.pk)
    other.pk, other.customer_id, other.email, other.origin_order_id = None, "VXNlcjo5OQ==", "taro@example.jp", "T3JkZXI6OTk="
    other.save()
    assert ownership.own_subscription(installation, subscription.pk, email="HANAKO@example.jp") == subscription
    assert list(ownership.owned(installation, user_id=USER["id"])) == [subscription]
    for wrong in (other.pk, "x", None):
        with pytest.raises(ownership.NotOwned):
            ownership.own_subscription(installation, wrong, user_id=USER["id"], email=USER["email"])
    assert not ownership.owned(installation).exists()


def test_the_overview_prices_the_next_delivery_as_the_renewal_will_charge_it(subscribed):
    standin, installation, subscription, _ = subscribed
    seen = overview(subscription, "ja")
    following = seen["next_delivery"]
    assert following["date"] == subscription.next_renewal_on == datetime.date(2027, 2, 28)
    assert [(line["product_name"], line["quantity"], line["unit_price"]["amount"]) for line in following["lines"]] == \
        [("緑茶", 1, 6000)]
    assert (following["items_total"]["amount"], following["shipping"]["amount"], following["total"]["amount"]) == (6000, 500, 6500)
    assert following["total"]["formatted"] == "￥6,500"
    assert seen["upcoming"][:2] == [datetime.date(2027, 2, 28), datetime.date(2027, 3, 31)]
    assert seen["payment_method"] | {} == {"kind": "card", "brand": "visa", "last4": "4242", "exp_month": None, "exp_year": None}
    assert seen["plan_name"] == "毎月お届け定期便"
