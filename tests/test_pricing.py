"""Plan pricing as pure functions: the issue's worked examples, then properties over many plans."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from saleor_subscriptions.core.money import precision
from saleor_subscriptions.plans.pricing import Phase, PricingError, price_line
from saleor_subscriptions.plans.terms import PlanTerms

D = Decimal
MONTHLY = {"interval_unit": "month"}
NAME = {"texts": {"ja": {"name": "定期便"}}}


def plan(**terms) -> PlanTerms:
    return PlanTerms.model_validate({"schedule": MONTHLY, **NAME, **terms})


TRIAL_PLAN = plan(
    trial={"kind": "price", "deliveries": 1, "price": {"amounts": {"JPY": "980", "USD": "9.00"}}},
    regular={"amounts": {"JPY": "6000", "USD": "60.00"}},
    tiers=[{"min_quantity": 2, "percent_off": "5"}, {"min_quantity": 3, "percent_off": "10"}, {"min_quantity": 6, "percent_off": "15"}],
)


@pytest.mark.parametrize(
    ("currency", "quantity", "delivery", "unit", "total", "phase"),
    [
        ("JPY", 1, 1, D("980"), D("980"), Phase.TRIAL),
        ("JPY", 3, 1, D("980"), D("2940"), Phase.TRIAL),  # tiers do not touch the trial price
        ("JPY", 1, 2, D("6000"), D("6000"), Phase.REGULAR),
        ("JPY", 2, 2, D("5700"), D("11400"), Phase.REGULAR),
        ("JPY", 3, 5, D("5400"), D("16200"), Phase.REGULAR),
        ("JPY", 7, 2, D("5100"), D("35700"), Phase.REGULAR),
        ("USD", 1, 1, D("9.00"), D("9.00"), Phase.TRIAL),
        ("USD", 1, 2, D("60.00"), D("60.00"), Phase.REGULAR),
        ("USD", 2, 2, D("57.00"), D("114.00"), Phase.REGULAR),
    ],
)
def test_trial_then_regular_with_quantity_tiers(currency, quantity, delivery, unit, total, phase):
    price = price_line(TRIAL_PLAN, currency=currency, quantity=quantity, delivery=delivery)
    assert (price.unit, price.total, price.phase) == (unit, total, phase)
    assert str(price.unit) == str(unit)  # JPY carries no decimals, USD exactly two


def test_price_steps_by_delivery_number():
    terms = plan(
        trial={"kind": "price", "price": {"amounts": {"JPY": "980"}}},
        regular={"amounts": {"JPY": "6000"}},
        steps=[{"from_delivery": 4, "price": {"amounts": {"JPY": "5500"}}}],
    )
    units = [price_line(terms, currency="JPY", quantity=1, delivery=n).unit for n in range(1, 7)]
    assert units == [D("980"), D("6000"), D("6000"), D("5500"), D("5500"), D("5500")]


def test_percent_off_the_channel_list_price_follows_saleor():
    terms = plan(regular={"percent_off": "15"})
    assert price_line(terms, currency="JPY", quantity=1, delivery=2, list_price=D("3333")).unit == D("2833")
    assert price_line(terms, currency="USD", quantity=1, delivery=2, list_price=D("19.99")).unit == D("16.99")
    with pytest.raises(PricingError) as error:
        price_line(terms, currency="JPY", quantity=1, delivery=2)
    assert error.value.code == "list_price_missing"


def test_free_days_trial_makes_the_first_delivery_free():
    terms = plan(trial={"kind": "free_days", "days": 14}, regular={"amounts": {"EUR": "25.50"}})
    assert price_line(terms, currency="EUR", quantity=2, delivery=1).total == D("0.00")
    assert price_line(terms, currency="EUR", quantity=2, delivery=2).total == D("51.00")


def test_a_currency_the_plan_has_no_price_for_is_an_error():
    with pytest.raises(PricingError) as error:
        price_line(TRIAL_PLAN, currency="EUR", quantity=1, delivery=2)
    assert error.value.code == "price_missing"


def test_fixed_price_tiers_never_raise_the_price():
    terms = plan(
        trial={"kind": "price", "price": {"amounts": {"JPY": "980"}}},
        regular={"amounts": {"JPY": "6000"}},
        tiers=[{"min_quantity": 2, "amounts": {"JPY": "5800"}}],
        tiers_apply_to_trial=True,
    )
    assert price_line(terms, currency="JPY", quantity=2, delivery=1).unit == D("980")
    assert price_line(terms, currency="JPY", quantity=2, delivery=2).unit == D("5800")


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ({"regular": {"amounts": {"JPY": "6000.5"}}}, "at most 0 decimal places"),
        ({"regular": {"amounts": {"XXY": "1"}}}, "unknown currency"),
        ({"regular": {"amounts": {"JPY": "1"}, "percent_off": "5"}}, "either amounts per currency or percent_off"),
        ({"regular": {"percent_off": "120"}}, "less than or equal to 100"),
        ({"regular": {"amounts": {"JPY": "-1"}}}, "greater than or equal to 0"),
        ({"tiers": [{"min_quantity": 3, "percent_off": "10"}, {"min_quantity": 2, "percent_off": "5"}]}, "ascending min_quantity"),
        ({"tiers": [{"min_quantity": 2, "percent_off": "10"}, {"min_quantity": 3, "percent_off": "5"}]}, "smaller discount"),
        ({"tiers": [{"min_quantity": 2, "percent_off": "10"}, {"min_quantity": 3, "amounts": {"JPY": "1"}}]}, "must all be percent_off or all fixed"),
        ({"tiers": [{"min_quantity": 2, "amounts": {"JPY": "5000"}}, {"min_quantity": 3, "amounts": {"JPY": "5500"}}]}, "cost more per unit"),
        ({"trial": {"kind": "price", "deliveries": 3, "price": {"amounts": {"JPY": "980"}}},
          "steps": [{"from_delivery": 2, "price": {"amounts": {"JPY": "5000"}}}]}, "after the trial"),
        ({"trial": {"kind": "free_days"}}, "free-days trial needs days"),
        ({"billing_limit": 3, "min_commitment": 4}, "min_commitment exceeds billing_limit"),
        ({"min_quantity": 3, "max_quantity": 2}, "max_quantity is below min_quantity"),
        ({"texts": {"fr": {"name": "Abonnement"}}}, "languages must be among en, ja, zh-hans, zh-hant"),
        ({"schedule": {"interval_unit": "week", "anchor_day": 10}}, "needs a monthly interval"),
        ({"schedule": {"interval_unit": "month", "anchor_day": 10, "anchor_last_day": True}}, "choose one anchor"),
        ({"unknown_field": 1}, "Extra inputs are not permitted"),
    ],
)
def test_invalid_terms_are_refused_with_the_reason(terms, message):
    data = {"schedule": MONTHLY, **NAME, "regular": {"amounts": {"JPY": "6000"}}, **terms}
    with pytest.raises(ValidationError, match=message):
        PlanTerms.model_validate(data)


def test_terms_round_trip_through_json():
    stored = TRIAL_PLAN.model_dump(mode="json")
    assert stored["regular"]["amounts"] == {"JPY": "6000", "USD": "60.00"}
    assert PlanTerms.model_validate(stored) == TRIAL_PLAN


# ---- properties ------------------------------------------------------------------------------
CURRENCIES = ["JPY", "USD", "EUR", "CNY", "TWD", "KRW"]


def amount(currency):
    places = precision(currency)
    return st.decimals(min_value=0, max_value=100000, places=places, allow_nan=False, allow_infinity=False)


@st.composite
def priced_plans(draw):
    currency = draw(st.sampled_from(CURRENCIES))
    percent = st.decimals(min_value=D("0.5"), max_value=100, places=1)
    regular = draw(st.one_of(st.builds(lambda a: {"amounts": {currency: str(a)}}, amount(currency)),
                             st.builds(lambda p: {"percent_off": str(p)}, percent)))
    trial_deliveries = draw(st.integers(1, 3))
    trial = draw(st.one_of(st.none(), st.builds(
        lambda a: {"kind": "price", "deliveries": trial_deliveries, "price": {"amounts": {currency: str(a)}}}, amount(currency))))
    percents = sorted(draw(st.lists(percent, max_size=4, unique=True)))
    tiers = [{"min_quantity": 2 + i * 2, "percent_off": str(p)} for i, p in enumerate(percents)]
    terms = plan(regular=regular, trial=trial, tiers=tiers, tiers_apply_to_trial=draw(st.booleans()))
    list_price = draw(amount(currency))
    return terms, currency, list_price


@settings(max_examples=300, deadline=None)
@given(priced_plans(), st.integers(1, 12), st.integers(1, 20))
def test_buying_more_never_raises_the_unit_price(case, delivery, quantity):
    terms, currency, list_price = case
    fewer = price_line(terms, currency=currency, quantity=quantity, delivery=delivery, list_price=list_price)
    more = price_line(terms, currency=currency, quantity=quantity + 1, delivery=delivery, list_price=list_price)
    assert more.unit <= fewer.unit


@settings(max_examples=300, deadline=None)
@given(priced_plans(), st.integers(1, 12), st.integers(1, 20))
def test_amounts_carry_the_currency_precision_and_add_up(case, delivery, quantity):
    terms, currency, list_price = case
    price = price_line(terms, currency=currency, quantity=quantity, delivery=delivery, list_price=list_price)
    assert price.unit.as_tuple().exponent == -precision(currency)
    assert price.total == price.unit * quantity
    assert price.unit >= 0


@settings(max_examples=200, deadline=None)
@given(priced_plans(), st.integers(1, 20))
def test_the_trial_ends_exactly_after_its_deliveries(case, quantity):
    terms, currency, list_price = case
    last_trial = terms.trial.deliveries if terms.trial else 0
    for delivery in range(1, last_trial + 3):
        phase = price_line(terms, currency=currency, quantity=quantity, delivery=delivery, list_price=list_price).phase
        assert phase == (Phase.TRIAL if delivery <= last_trial else Phase.REGULAR)


def test_a_subscribers_own_discount_comes_after_the_quantity_tier_and_rounds_once():
    # 3 × ¥6,000 at the 10 % tier is ¥5,400 each; a further 15 % off is ¥4,590; USD rounds half up to cents
    assert price_line(TRIAL_PLAN, currency="JPY", quantity=3, delivery=2, percent_off=Decimal("15")).unit == Decimal("4590")
    assert price_line(TRIAL_PLAN, currency="USD", quantity=1, delivery=2, percent_off=Decimal("12.5")).unit == Decimal("52.50")
    assert price_line(TRIAL_PLAN, currency="JPY", quantity=1, delivery=1, percent_off=None).unit == Decimal("980")
