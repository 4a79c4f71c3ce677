"""Plans offered for a variant in a channel, priced in its currency and language (stand-in Saleor)."""

import datetime
from decimal import Decimal

import pytest

from saleor_subscriptions.plans.actions import archive_plan, set_subscribable
from saleor_subscriptions.plans.offers import OfferError, offers_for
from saleor_subscriptions.saleor.languages import language_for

pytestmark = pytest.mark.django_db
D = Decimal

TODAY = datetime.date(2027, 1, 31)


@pytest.mark.parametrize(
    ("channel", "language", "name", "trial", "regular", "tiers", "one_time"),
    [
        ("jp", "JA", "毎月お届け定期便", D("980"), D("6000"), [D("5700"), D("5400"), D("5100")], D("6800")),
        ("jp", "EN_US", "Monthly delivery", D("980"), D("6000"), [D("5700"), D("5400"), D("5100")], D("6800")),
        ("us", "ZH_HANS", "每月定期配送", D("9.00"), D("60.00"), [D("57.00"), D("54.00"), D("51.00")], D("68.00")),
        ("us", "ZH_HANT_TW", "每月定期配送（繁）", D("9.00"), D("60.00"), [D("57.00"), D("54.00"), D("51.00")], D("68.00")),
    ],
)
def test_a_trial_plan_is_offered_in_each_currency_and_language(shop, channel, language, name, trial, regular, tiers, one_time):
    _, installation, product = shop
    offers = offers_for(installation, channel=channel, language_code=language, product_id=product["id"], today=TODAY)
    assert offers.one_time_price == one_time
    (offer,) = offers.plans
    assert offer.text.name == name
    assert (offer.first_delivery.unit, offer.regular.unit) == (trial, regular)
    assert [tier.unit for tier in offer.tiers] == tiers
    assert offer.upcoming_deliveries == [datetime.date(2027, 1, 31), datetime.date(2027, 2, 28), datetime.date(2027, 3, 31)]


def test_a_channel_whose_currency_the_plan_lacks_offers_nothing(shop):
    _, installation, product = shop
    offers = offers_for(installation, channel="eu", product_id=product["id"])
    assert (offers.currency, offers.plans) == ("EUR", [])


def test_asking_by_variant_uses_that_variants_list_price(shop):
    _, installation, product = shop
    large = product["variants"][1]["id"]
    offers = offers_for(installation, channel="jp", variant_id=large)
    assert (offers.product_id, offers.variant_id, offers.one_time_price) == (product["id"], large, D("12000"))


def test_variants_outside_the_switch_and_archived_plans_are_not_offered(shop):
    _, installation, product = shop
    small, large = (v["id"] for v in product["variants"])
    set_subscribable(installation, product["id"], subscribable=True, variant_ids=[small])
    assert offers_for(installation, channel="jp", variant_id=large).plans == []
    assert len(offers_for(installation, channel="jp", variant_id=small).plans) == 1
    archive_plan(installation.plans.get())
    assert offers_for(installation, channel="jp", variant_id=small).plans == []


@pytest.mark.parametrize(
    ("arguments", "field", "code"),
    [
        ({"channel": "jp"}, "productId", "invalid"),
        ({"channel": "nowhere", "product_id": "PRODUCT"}, "channel", "not_found"),
        ({"channel": "nowhere", "variant_id": "VARIANT"}, "channel", "not_found"),
        ({"channel": "jp", "product_id": "UHJvZHVjdDo5OTk="}, "productId", "not_found"),
        ({"channel": "jp", "variant_id": "UHJvZHVjdFZhcmlhbnQ6OTk5"}, "variantId", "not_found"),
    ],
)
def test_bad_requests_name_the_field(shop, arguments, field, code):
    _, installation, product = shop
    arguments = {k: product["id"] if v == "PRODUCT" else product["variants"][0]["id"] if v == "VARIANT" else v for k, v in arguments.items()}
    with pytest.raises(OfferError) as error:
        offers_for(installation, **arguments)
    assert (error.value.field, error.value.code) == (field, code)


@pytest.mark.parametrize(
    ("code", "language"),
    [("JA", "ja"), ("JA_JP", "ja"), ("EN_US", "en"), ("ZH_HANS_CN", "zh-hans"), ("ZH_HANT_TW", "zh-hant"),
     ("ZH_TW", "zh-hant"), ("ZH", "zh-hans"), ("FR", "ja"), (None, "ja")],
)
def test_saleor_language_codes_map_to_our_four(code, language):
    assert language_for(code, "ja") == language


def test_listed_deliveries_skip_closed_days_as_the_renewals_will(shop):
    _, installation, product = shop
    installation.closed_weekdays = [6]  # no deliveries on Sundays: 28 February 2027 is one
    installation.save()
    installation.closed_days.create(date=datetime.date(2027, 3, 31), reason="stocktaking")
    (offer,) = offers_for(installation, channel="jp", product_id=product["id"], today=TODAY).plans
    assert offer.upcoming_deliveries == [TODAY, datetime.date(2027, 3, 1), datetime.date(2027, 4, 1)]
