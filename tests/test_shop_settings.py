"""The shop settings page's typed API: what a merchant saves is what the shop does, holidays close the calendar."""

import datetime

import pytest
from django.utils import timezone

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.funnels.models import Funnel
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.plans.models import Plan
from saleor_subscriptions.subscriptions import actions

from .clock import fixed_clock

pytestmark = pytest.mark.django_db
DAY = datetime.date
SETTINGS = """timeZone defaultLanguage changeCutoffDays reminderDays senderName senderAddress senderEmail
  closedWeekdays retryOffsetsDays afterLastRetry renewalOrders merchantNotifications
  closedDays { date reason } cancellationMethod { language text } bankTransferDetails { language text }
  paymentMethods { channel methods } invoiceRegistrationNumber"""
READ = f"query {{ shopSettings {{ shop {{ {SETTINGS} }} errors {{ field code message }} }} }}"
UPDATE = f"""mutation U($input: ShopSettingsInput!) {{
  shopSettingsUpdate(input: $input) {{ shop {{ {SETTINGS} }} errors {{ field code message }} }}
}}"""
HOLIDAYS = """query H($year: Int!, $country: String, $language: String) {
  publicHolidays(year: $year, country: $country, language: $language) { holidays { date name } errors { field code message } }
}"""


@pytest.fixture
def staff_call(installed, client):
    standin, app, _ = installed
    if "jp" not in standin.channels:  # the channel the tests set payment methods for
        standin.add_channel("jp", "JPY")

    def call(query, permissions=("MANAGE_CHANNELS",), language="en", **variables):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                  permissions=list(permissions), exp=int(timezone.now().timestamp()) + 300)
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token,
                                        "Accept-Language": language})
        body = response.json()
        assert "errors" not in body, body["errors"]
        return next(iter(body["data"].values()))

    return call


def test_settings_saved_through_the_page_api_are_read_back_and_kept(staff_call):
    given = {"timeZone": "Asia/Tokyo", "changeCutoffDays": 5, "reminderDays": 2, "senderName": "緑茶本舗",
             "senderAddress": "東京都千代田区丸の内1-1", "senderEmail": "shop@example.jp", "closedWeekdays": [6],
             "retryOffsetsDays": [3, 7], "afterLastRetry": "pause", "merchantNotifications": "each",
             "cancellationMethod": [{"language": "ja", "text": "マイページまたはお電話"}, {"language": "en", "text": "My page"}],
             "bankTransferDetails": [{"language": "ja", "text": "みずほ銀行 丸の内支店 普通 1234567"}],
             "paymentMethods": [{"channel": "jp", "methods": ["card", "konbini"]}], "invoiceRegistrationNumber": "T3080001012345",
             "closedDays": [{"date": "2027-01-01", "reason": "元日"}, {"date": "2027-01-02"}]}
    with fixed_clock(DAY(2026, 12, 1)):
        saved = staff_call(UPDATE, input=given)
        read = staff_call(READ)
    assert saved["errors"] == [] and read["errors"] == []
    assert read["shop"] == saved["shop"]
    shop = read["shop"]
    assert shop["closedDays"] == [{"date": "2027-01-01", "reason": "元日"}, {"date": "2027-01-02", "reason": ""}]
    assert {entry["language"]: entry["text"] for entry in shop["cancellationMethod"]} == {
        "ja": "マイページまたはお電話", "en": "My page"}
    assert shop["paymentMethods"] == [{"channel": "jp", "methods": ["card", "konbini"]}]
    assert (shop["senderName"], shop["retryOffsetsDays"], shop["afterLastRetry"]) == ("緑茶本舗", [3, 7], "pause")
    installation = Installation.objects.get()
    assert installation.payment_methods == {"jp": ["card", "konbini"]} and installation.change_cutoff_days == 5
    assert installation.invoice_registration_number == "T3080001012345"


def test_the_json_mutation_still_sets_and_reads_the_same_settings(staff_call):
    staff_call("""mutation { installationSettingsUpdate(settings: "{\\"reminder_days\\": 9}") { errors { code } } }""")
    assert staff_call(READ)["shop"]["reminderDays"] == 9


def test_a_holiday_added_on_the_page_moves_a_delivery_that_fell_on_it(subscribed, staff_call):
    _, installation, subscription, _ = subscribed
    holidays = staff_call(HOLIDAYS, year=2027, language="ja")["holidays"]
    emperor = next(day for day in holidays if day["name"] == "天皇誕生日")
    assert emperor["date"] == "2027-02-23"
    subscription = actions.reschedule_next(subscription, DAY(2027, 2, 23), actor=Event.Actor.STAFF, today=DAY(2027, 2, 1))
    with fixed_clock(DAY(2027, 2, 1)):
        result = staff_call(UPDATE, input={"closedDays": [{"date": emperor["date"], "reason": emperor["name"]}]})
    assert result["errors"] == []
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 2, 24)
    moved = Event.objects.get(type="subscription.rescheduled", actor=Event.Actor.SYSTEM)
    assert moved.data == {"subscription": subscription.pk, "moved_from": "2027-02-23", "to": "2027-02-24",
                          "reason": "closed_day"}


def test_closing_a_weekday_moves_deliveries_not_yet_ordered_only(subscribed, staff_call):
    _, installation, subscription, _ = subscribed
    assert subscription.next_renewal_on == DAY(2027, 2, 28)  # a Sunday
    with fixed_clock(DAY(2027, 2, 27)):  # the order for the 28th is not made yet: lead time 0
        staff_call(UPDATE, input={"closedWeekdays": [6]})
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 1)
    with fixed_clock(DAY(2027, 2, 27)):
        staff_call(UPDATE, input={"closedWeekdays": [0], "orderLeadDays": 3})
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 1)  # its order is due already: it stays


def test_a_calendar_closing_every_day_for_weeks_is_refused_and_moves_nothing(subscribed, staff_call):
    _, installation, subscription, _ = subscribed
    weeks = [{"date": str(DAY(2027, 2, 20) + datetime.timedelta(days=n))} for n in range(70)]
    with fixed_clock(DAY(2027, 2, 1)):
        result = staff_call(UPDATE, language="ja", input={"closedDays": weeks, "reminderDays": 9})
    assert [(error["field"], error["code"]) for error in result["errors"]] == [("closedDays", "INVALID")]
    subscription.refresh_from_db()
    installation.refresh_from_db()
    assert (subscription.next_renewal_on, installation.reminder_days, installation.closed_days.count()) == (DAY(2027, 2, 28), 3, 0)


def test_public_holidays_are_named_in_the_staffs_language(staff_call):
    english = staff_call(HOLIDAYS, year=2027, language="en")["holidays"]
    japanese = staff_call(HOLIDAYS, year=2027, language="ja")["holidays"]
    assert [day["date"] for day in english] == [day["date"] for day in japanese]
    assert english[0] == {"date": "2027-01-01", "name": "New Year's Day"}
    assert japanese[0] == {"date": "2027-01-01", "name": "元日"}
    from_header = staff_call(HOLIDAYS, language="ja", year=2027)  # no argument: the request's language
    assert from_header["holidays"][0]["name"] == "元日"


def test_an_unknown_country_or_year_is_refused_in_the_staffs_language(staff_call):
    unknown = staff_call(HOLIDAYS, year=2027, country="XX", language="ja")
    assert unknown["holidays"] == []
    assert unknown["errors"] == [{"field": "country", "code": "INVALID", "message": "国コード XX の祝日は登録されていません。"}]
    assert staff_call(HOLIDAYS, year=1066)["errors"][0]["field"] == "year"


@pytest.mark.parametrize(("given", "field", "message"), [
    ({"changeCutoffDays": 61}, "changeCutoffDays", "60以下"),
    ({"senderEmail": "not an address"}, "senderEmail", "メールアドレス"),
    ({"invoiceRegistrationNumber": "T12345"}, "invoiceRegistrationNumber", "「T」と13桁"),
    ({"retryOffsetsDays": [3, 0]}, "retryOffsetsDays.1", "1以上"),
    ({"closedDays": [{"date": "2099-01-01", "reason": "a\nb"}]}, "closedDays.0.reason", "1行"),
    ({"closedWeekdays": [0, 1, 2, 3, 4, 5, 6]}, "closedWeekdays", "お届けできる日がありません"),
    ({"timeZone": "Mars/Olympus"}, "timeZone", "タイムゾーン Mars/Olympus は存在しません"),
    ({"cancellationMethod": [{"language": "fr", "text": "Mon compte"}]}, "cancellationMethod", "のいずれかを選んでください"),
])
def test_bad_input_is_refused_beside_its_field_in_japanese_and_nothing_is_saved(staff_call, given, field, message):
    before = Installation.objects.values().get()
    result = staff_call(UPDATE, language="ja-JP", input={"reminderDays": 1, **given})
    assert result["shop"] is None
    (error,) = result["errors"]
    assert (error["field"], error["code"]) == (field, "INVALID")
    assert message in error["message"]
    assert Installation.objects.values().get() == before


def test_running_step_mails_keep_the_senders_name_and_address(shop, staff_call):
    _, installation, product = shop
    staff_call(UPDATE, input={"senderName": "緑茶本舗", "senderAddress": "東京都千代田区丸の内1-1"})
    Funnel.objects.create(installation=installation, name="trial", trigger_product_id=product["id"],
                          target_plan=Plan.objects.get(), target_variant_id=product["variants"][0]["id"])
    result = staff_call(UPDATE, language="ja", input={"senderAddress": ""})
    assert [(error["field"], error["code"]) for error in result["errors"]] == [("senderAddress", "REQUIRED")]
    assert "ファネルを停止" in result["errors"][0]["message"]
    Funnel.objects.update(is_active=False)
    assert staff_call(UPDATE, input={"senderAddress": ""})["errors"] == []


@pytest.mark.parametrize("query", [READ, UPDATE, HOLIDAYS])
def test_staff_without_manage_channels_are_refused(staff_call, query):
    variables = {"input": {"reminderDays": 9}} if query is UPDATE else {"year": 2027} if query is HOLIDAYS else {}
    result = staff_call(query, permissions=["MANAGE_ORDERS"], **variables)
    assert result["errors"][0]["code"] == "PERMISSION_DENIED"
    assert Installation.objects.get().reminder_days != 9


def test_a_channels_bank_transfers_can_be_handed_to_stripe_through_the_page_api(staff_call, installed):
    query = """mutation U($input: ShopSettingsInput!) {
      shopSettingsUpdate(input: $input) { shop { bankTransferViaStripe } errors { field code } } }"""
    saved = staff_call(query, input={"paymentMethods": [{"channel": "jp", "methods": ["card", "bank_transfer"]}],
                                     "bankTransferViaStripe": ["jp"]})
    assert saved == {"shop": {"bankTransferViaStripe": ["jp"]}, "errors": []}
    assert Installation.objects.get().bank_transfer_via_stripe == ["jp"]  # the jp renewals now go through Stripe


def test_the_page_lists_saleors_channels_to_choose_from(staff_call, installed):
    standin, *_ = installed
    standin.add_channel("us", "USD", name="United States", active=False)  # payment methods may be set before it opens
    read = staff_call("query { shopSettings { channels { slug name currency } errors { code } } }")
    assert read == {"channels": [{"slug": "jp", "name": "JP", "currency": "JPY"},
                                 {"slug": "us", "name": "United States", "currency": "USD"}], "errors": []}


def test_a_channel_saleor_does_not_have_is_refused_in_the_staffs_language_and_nothing_is_saved(staff_call):
    before = Installation.objects.values().get()
    refused = staff_call(UPDATE, language="ja", input={
        "reminderDays": 9, "paymentMethods": [{"channel": "jp", "methods": ["card"]}, {"channel": "jpn", "methods": ["konbini"]}]})
    assert refused == {"shop": None, "errors": [{"field": "paymentMethods.jpn.channel", "code": "NOT_FOUND",
                                                 "message": "ショップのSaleorにチャネル「jpn」はありません。既存のチャネルから選んでください。"}]}
    assert Installation.objects.values().get() == before
    typo = staff_call(UPDATE, input={"bankTransferViaStripe": ["JP"]})
    assert [(error["field"], error["code"]) for error in typo["errors"]] == [("bankTransferViaStripe.0", "NOT_FOUND")]


def test_a_channel_saved_before_saleor_deleted_it_may_stay(staff_call, installed):
    standin, *_ = installed
    staff_call(UPDATE, input={"paymentMethods": [{"channel": "jp", "methods": ["card", "cod"]}]})
    del standin.channels["jp"]
    kept = staff_call(UPDATE, input={"reminderDays": 4, "paymentMethods": [{"channel": "jp", "methods": ["card", "cod"]}]})
    assert kept["errors"] == [] and kept["shop"]["reminderDays"] == 4
