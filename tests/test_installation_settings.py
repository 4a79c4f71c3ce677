"""The merchant's settings: staff only (MANAGE_CHANNELS), validated whole, nothing half-saved."""

import json

import pytest

from saleor_subscriptions.installations.models import Installation

pytestmark = pytest.mark.django_db
UPDATE = """mutation U($s: JSONString!) { installationSettingsUpdate(settings: $s) { settings errors { field code message } } }"""
READ = """query { installationSettings { settings errors { code } } }"""


@pytest.fixture
def staff_call(installed, client):
    standin, app, installation = installed
    if "jp" not in standin.channels:  # the channel the tests set payment methods for
        standin.add_channel("jp", "JPY")

    def call(query, permissions=("MANAGE_CHANNELS",), **variables):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3", permissions=list(permissions))
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token})
        return next(iter(response.json()["data"].values()))

    return call


def test_payment_methods_and_cancellation_terms_are_set_per_channel(staff_call):
    changes = {"payment_methods": {"jp": ["card", "konbini", "cod"]}, "change_cutoff_days": 10,
               "cancellation_method": {"ja": "マイページまたはお電話"}}
    result = staff_call(UPDATE, s=json.dumps(changes))
    assert result["errors"] == []
    saved = Installation.objects.get()
    assert saved.payment_methods == {"jp": ["card", "konbini", "cod"]} and saved.change_cutoff_days == 10
    assert json.loads(staff_call(READ)["settings"])["cancellation_method"] == {"ja": "マイページまたはお電話"}


def test_a_channel_saleor_does_not_have_is_refused_as_the_settings_page_refuses_it(staff_call):
    before = Installation.objects.values().get()
    for changes, field in [({"payment_methods": {"jp": ["card"], "jpn": ["konbini"]}}, "settings.payment_methods.jpn"),
                           ({"bank_transfer_via_stripe": ["JP"]}, "settings.bank_transfer_via_stripe.0")]:
        refused = staff_call(UPDATE, s=json.dumps({"change_cutoff_days": 9, **changes}))
        assert refused["settings"] is None
        assert [(error["field"], error["code"]) for error in refused["errors"]] == [(field, "NOT_FOUND")]
    assert Installation.objects.values().get() == before


def test_the_delivery_calendar_and_dunning_are_set_by_staff(staff_call):
    changes = {"closed_days": ["2099-01-01", "2099-01-02"], "closed_weekdays": [6], "order_lead_days": 3,
               "retry_offsets_days": [3, 7, 14], "after_last_retry": "pause"}
    settings = json.loads(staff_call(UPDATE, s=json.dumps(changes))["settings"])
    assert settings["closed_days"] == ["2099-01-01", "2099-01-02"]
    saved = Installation.objects.get()
    assert (saved.order_lead_days, saved.retry_offsets_days, saved.after_last_retry) == (3, [3, 7, 14], "pause")
    assert [str(day.date) for day in saved.closed_days.order_by("date")] == ["2099-01-01", "2099-01-02"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"retry_offsets_days": [0]}, "settings.retry_offsets_days.0"),
    ({"after_last_retry": "delete"}, "settings.after_last_retry"),
    ({"closed_weekdays": [7]}, "settings.closed_weekdays.0"),
    ({"payment_methods": {"jp": ["cheque"]}}, "settings.payment_methods.jp.0"),
    ({"time_zone": "Mars/Olympus"}, "settings.time_zone"),
    ({"change_cutoff_days": -1}, "settings.change_cutoff_days"),
    ({"default_language": "fr"}, "settings.default_language"),
    ({"favourite_colour": "blue"}, "settings.favourite_colour"),
])
def test_invalid_settings_are_refused_and_nothing_changes(staff_call, changes, field):
    before = Installation.objects.values().get()
    result = staff_call(UPDATE, s=json.dumps({"change_cutoff_days": 3, **changes}))
    assert result["settings"] is None
    assert (result["errors"][0]["field"], result["errors"][0]["code"]) == (field, "INVALID")
    assert Installation.objects.values().get() == before


def test_settings_need_manage_channels(staff_call):
    assert staff_call(UPDATE, permissions=["MANAGE_PRODUCTS"], s="{}")["errors"][0]["code"] == "PERMISSION_DENIED"


def test_staff_read_where_the_customer_portal_is_to_link_it_from_the_storefront(staff_call, client):
    installation = Installation.objects.get()
    found = staff_call("query { installationSettings { portalUrl errors { code } } }")
    assert found == {"portalUrl": f"http://testserver/portal/{installation.portal_key}/", "errors": []}
    assert client.get(found["portalUrl"]).status_code == 200  # the sign-in page
