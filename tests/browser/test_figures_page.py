"""Orders → Subscription figures in the Dashboard harness, in headless Chromium: a yen shop's year drawn as real charts
(recharts SVG from the API's figures), the cohort heat map, each figure explained; one click on an export downloads its CSV."""

import csv
import datetime
import io
import re
from decimal import Decimal

from playwright.sync_api import expect

from saleor_subscriptions.figures.texts import EXPLANATIONS
from saleor_subscriptions.subscriptions import retention
from saleor_subscriptions.subscriptions.models import Renewal, Subscription

from ..clock import fixed_clock
from ..test_figures_revenue import MONTHLY, TRIAL, _refresh, _renewed, _start, _version

DAY = datetime.date
TODAY = DAY(2025, 12, 15)  # earlier than any day the test runs on: the harness's tokens (signed at the real time) stay valid
RANGE = "channel=tokyo&from=2025-01-01&to=2025-12-31"


def _year(installation):
    """2025 in the yen channel `tokyo`: five subscriptions started, renewed, one cancelled by the customer, one ended by
    a payment that failed for good, one recovered after a decline; renewals ¥3,000 each."""
    monthly, trial = _version(installation, "monthly", MONTHLY), _version(installation, "trial", TRIAL)
    a = _start(installation, monthly, on=DAY(2025, 1, 10))
    b = _start(installation, trial, on=DAY(2025, 1, 20), customer="VXNlcjoy")
    _refresh(installation, DAY(2025, 1, 20))
    c = _start(installation, monthly, on=DAY(2025, 2, 1), customer="VXNlcjoz")
    _renewed(b, 2, DAY(2025, 2, 20))
    _refresh(installation, DAY(2025, 2, 20))
    d = _start(installation, monthly, on=DAY(2025, 3, 5), customer="VXNlcjo0")
    _refresh(installation, DAY(2025, 3, 5))
    _renewed(c, 3, DAY(2025, 4, 1))
    _refresh(installation, DAY(2025, 4, 1))
    _renewed(d, 6, DAY(2025, 8, 5))
    with fixed_clock(DAY(2025, 8, 10)):  # C's last retry failed: dunning cancelled it
        Renewal.objects.create(subscription=c, cycle=4, state=Renewal.State.FAILED, scheduled_for=DAY(2025, 7, 27), attempts=3,
                               decline_code="insufficient_funds", amount=Decimal("3000"), currency="JPY")
        ended = datetime.datetime(2025, 8, 10, 3, tzinfo=datetime.UTC)
        Subscription.objects.filter(pk=c.pk).update(status=Subscription.Status.CANCELLED, next_renewal_on=None, ended_at=ended,
                                                    updated_at=ended)
    _refresh(installation, DAY(2025, 8, 10))
    _renewed(b, 8, DAY(2025, 8, 20))
    with fixed_clock(DAY(2025, 9, 5)):
        attempt = retention.start(b, "too_expensive", today=DAY(2025, 9, 5), actor="customer", actor_id="VXNlcjoy")
        retention.decline(attempt, at_period_end=False, today=DAY(2025, 9, 5))
    _refresh(installation, DAY(2025, 9, 5))
    _start(installation, trial, on=DAY(2025, 11, 25), customer="VXNlcjo1")
    _refresh(installation, DAY(2025, 11, 25))
    _renewed(d, 10, DAY(2025, 12, 5))
    _renewed(a, 12, DAY(2025, 12, 10))
    _refresh(installation, DAY(2025, 12, 10))
    done = Renewal.objects.filter(subscription__installation=installation, state=Renewal.State.DONE)
    done.update(amount=Decimal("3000"), currency="JPY", payment_intent_id="pi_paid")
    done.filter(subscription=d, cycle=5).update(attempts=1, decline_code="card_declined")  # declined once, paid at the retry


def test_the_figures_page_draws_a_year_as_charts_with_each_figure_explained(dashboard, saleor):
    _year(saleor.installation)
    with fixed_clock(TODAY):
        view = dashboard.open("/figures", query=RANGE)
        app = view.app
        headline = app.get_by_test_id("headline")
        expect(headline).to_contain_text("Active subscriptions3")  # A, D and E (in its trial); B and C ended
        expect(headline).to_contain_text(EXPLANATIONS["mrr"]["en"])
        movements = app.get_by_role("img", name="New, churned, paused and reactivated subscriptions per period")
        expect(movements.locator("svg.recharts-surface").first).to_be_visible()
        expect(movements.locator(".recharts-bar-rectangle path").first).to_be_visible()  # bars drawn from the data
        expect(movements).to_contain_text("Cancelled by the customer")
        expect(app.get_by_role("img", name="MRR gained and lost per period").locator(".recharts-line")).to_have_count(1)
        expect(app.get_by_role("img", name="Revenue expected in the next 30, 60 and 90 days")
               .locator(".recharts-bar-rectangle path")).to_have_count(3)
        expect(app.get_by_test_id("churn-reasons")).to_contain_text("It is too expensive: 1")
        cohorts = app.get_by_role("table", name="Share of each start month's subscriptions reaching each delivery")
        expect(cohorts.get_by_role("row")).to_have_count(5)  # the heading, and January, February, March, November
        january = cohorts.get_by_role("row").nth(1)  # A and B: both had their second delivery
        expect(january.locator("td[data-share='1']").first).to_have_attribute("style", re.compile(r"color-mix\(.* 85%"))
        recovery = app.get_by_test_id("recovery")
        expect(recovery).to_contain_text("Paid at the first attempt93.3%")  # 28 of the 30 renewals due
        expect(recovery.get_by_role("row", name=re.compile(r"^card_declined 1 1 100% ¥3,000"))).to_be_visible()
        view.screenshot("figures-page")
        assert not view.page.errors


def test_one_click_on_an_export_downloads_the_csv(dashboard, saleor):
    _year(saleor.installation)
    with fixed_clock(TODAY):
        view = dashboard.open("/figures", query=RANGE, locale="ja")
        app = view.app
        expect(app.get_by_test_id("headline")).to_be_visible()
        with view.page.expect_download() as downloading:
            app.get_by_role("button", name="更新", exact=True).click()
        expect(app.get_by_role("status")).to_have_text("更新：ダウンロードを開始しました。")
        expect(app.get_by_test_id("headline")).to_contain_text("有効な定期購入3")  # the page and the API's explanations in Japanese
        expect(app.get_by_test_id("headline")).to_contain_text(EXPLANATIONS["active"]["ja"])
        view.screenshot("figures-page-ja")
    download = downloading.value
    assert download.suggested_filename == "renewals_tokyo_2025-01-01_2025-12-31.csv"
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:8] == ["更新ID", "定期購入ID", "お届け回", "お届け予定日", "更新状態", "支払状況", "金額", "通貨"]
    in_range = Renewal.objects.filter(subscription__installation=saleor.installation, scheduled_for__year=2025)
    assert len(rows) - 1 == in_range.count() == 7 + 3 + 9 + 11  # B, C (its failure too), D, A
    assert {(row[5], row[6], row[7]) for row in rows[1:]} == {("paid", "3000", "JPY"), ("failed", "3000", "JPY")}


def test_staff_without_manage_orders_see_a_clear_refusal(dashboard, saleor):
    view = dashboard.open("/figures", permissions=["MANAGE_PRODUCTS", "MANAGE_DISCOUNTS"])
    expect(view.app.get_by_role("alert")).to_contain_text(
        "This page needs the “Manage orders” permission. Ask your Saleor administrator")
    expect(view.app.get_by_role("button", name="Renewals")).to_have_count(0)
