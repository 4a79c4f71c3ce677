"""The product page's plan editor in the Dashboard harness, in headless Chromium: a marketer makes a coffee plan."""

from decimal import Decimal
from urllib.parse import quote

from playwright.sync_api import expect

from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.plans.models import Plan, PlanMove
from saleor_subscriptions.plans.offers import offers_for


def field(app, name: str):
    """A plan form input by its form path (several are labelled alike, e.g. "Price in JPY" for the trial and the price)."""
    return app.locator(f'[id="plan-{name}"]')


def test_a_plan_with_a_trial_tiers_and_a_commitment_in_yen_and_dollars_is_offered_as_previewed(dashboard, saleor):
    saleor.add_channel("jp", "JPY")
    saleor.add_channel("us", "USD")
    coffee = saleor.add_product("Coffee", variants=[("250 g", {"jp": Decimal("3600"), "us": Decimal("36.00")})])
    leaflet = saleor.add_product("Brewing leaflet", variants=[("A5", {"jp": Decimal("0")})])
    view = dashboard.open("/products/plans", query=f"productId={quote(coffee['id'])}")
    app = view.app

    field(app, "code").fill("coffee-club")
    field(app, "texts.en.name").fill("Coffee club")
    field(app, "texts.ja.name").fill("コーヒー定期便")
    app.get_by_role("radio", name="A trial price for the first deliveries").click()
    field(app, "trialPrice.amounts.JPY").fill("500")
    field(app, "trialPrice.amounts.USD").fill("5.00")
    field(app, "regular.amounts.JPY").fill("3000")
    field(app, "regular.amounts.USD").fill("30.00")
    app.get_by_role("button", name="Add a tier").click()
    field(app, "tiers.0.minQuantity").fill("2")
    field(app, "tiers.0.percentOff").fill("10")
    field(app, "minCommitment").fill("3")
    app.get_by_role("button", name="Add a free insert").click()
    app.get_by_label("Find another product's variant by name").fill("leaflet")
    app.get_by_role("radio", name="Brewing leaflet A5").click()
    field(app, "freeInserts.0.deliveries").fill("1, 3")

    yen, dollars = app.get_by_test_id("preview-jp"), app.get_by_test_id("preview-us")
    expect(yen).to_contain_text("From 2 units¥2,700")
    expect(yen).to_contain_text("First delivery¥500")
    expect(yen).to_contain_text("Each delivery after the trial¥3,000")
    expect(yen).to_contain_text("Minimum commitment: 3 deliveries; you cannot cancel before delivery 3.")
    expect(dollars).to_contain_text("From 2 units$27.00")
    expect(dollars).to_contain_text("Delivery 1: $5.00 × 1 = $5.00.")
    assert not Plan.objects.exists()  # the preview saves nothing
    view.screenshot("plan-editor")

    app.get_by_role("button", name="Save plan").click()
    expect(app.get_by_role("status")).to_contain_text("Plan coffee-club created (version 1).")
    for channel, first, regular, tier in (("jp", "500", "3000", "2700"), ("us", "5.00", "30.00", "27.00")):
        (offer,) = offers_for(saleor.installation, channel=channel, product_id=coffee["id"]).plans
        assert (offer.first_delivery.unit, offer.regular.unit, offer.tiers[0].unit) == (Decimal(first), Decimal(regular), Decimal(tier))
        assert offer.version.terms.min_commitment == 3
    assert [(i.variant_id, i.deliveries) for i in offer.version.terms.free_inserts] == [(leaflet["variants"][0]["id"], (1, 3))]
    view.screenshot("plan-editor-saved")


def test_a_price_with_too_many_decimals_is_refused_beside_its_field(dashboard, saleor):
    saleor.add_channel("jp", "JPY")
    coffee = saleor.add_product("Coffee", variants=[("250 g", {"jp": Decimal("3600")})])
    app = dashboard.open("/products/plans", query=f"productId={quote(coffee['id'])}").app
    field(app, "texts.en.name").fill("Coffee club")
    field(app, "regular.amounts.JPY").fill("3000.5")
    expect(app.locator('[data-field-error="regular.amounts"]')).to_have_text("JPY amounts have at most 0 decimal places.")


def test_the_product_widget_shows_the_switch_and_the_plans_and_opens_the_editor(dashboard, saleor, jp_shop):
    _, tea = jp_shop
    view = dashboard.open("/widgets/product", query=f"productId={quote(tea['id'])}")
    expect(view.app.get_by_role("checkbox", name="Sold by subscription")).to_be_checked()
    expect(view.app.get_by_role("listitem").filter(has_text="monthly")).to_contain_text("version 1 · 0 subscribers")
    view.screenshot("widget-product")
    view.app.get_by_role("button", name="Edit plans").click()
    redirect = view.wait_for_action("redirect")
    assert redirect["to"] == f"/extensions/app/{quote(saleor.app.id, safe='')}/products/plans?productId={quote(tea['id'], safe='')}"


def test_without_manage_products_the_editor_page_says_so(dashboard, saleor):
    coffee = saleor.add_product("Coffee", variants=[("250 g", {})])
    view = dashboard.open("/products/plans", query=f"productId={quote(coffee['id'])}", permissions=["MANAGE_ORDERS"])
    refusal = view.app.get_by_role("alert")
    expect(refusal).to_contain_text("Your account may not see this")
    expect(refusal).to_contain_text("This page needs the “Manage products” permission.")
    expect(view.app.get_by_role("button", name="Save plan")).to_have_count(0)
    view.screenshot("plan-editor-refused")


def test_a_price_change_keeps_hanakos_version_until_she_is_told_and_moved(dashboard, saleor, hanako):
    tea = hanako.lines.get().plan_version.plan.product
    view = dashboard.open("/products/plans", query=f"productId={quote(tea.product_id)}&plan=monthly")
    app = view.app
    expect(field(app, "regular.amounts.JPY")).to_have_value("6000")
    field(app, "regular.amounts.JPY").fill("6500")
    expect(app.get_by_test_id("preview-jp")).to_contain_text("Each delivery after the trial¥6,500")
    app.get_by_role("button", name="Save plan").click()
    said = app.get_by_role("status")
    expect(said).to_contain_text("Saved as version 2.")
    expect(said).to_contain_text("1 subscribers keep their earlier version until they are moved to this one.")
    assert hanako.lines.get().plan_version.number == 1

    app.get_by_role("button", name="Move 1 subscribers to the current version…").click()
    affected = app.get_by_role("table", name="Affected subscriptions")
    expect(affected.get_by_role("row").filter(has_text="hanako@example.jp")).to_contain_text(f"#{hanako.pk}")
    view.screenshot("plan-move")
    app.get_by_role("button", name="E-mail them and move them on this day").click()
    expect(app.get_by_role("status").filter(has_text="e-mailed")).to_contain_text("1 subscribers were e-mailed; they move to version 2 on")
    (mail,) = MailLog.objects.filter(kind="plan_change")
    assert mail.to == "hanako@example.jp" and "￥6,500" in mail.text_body
    assert PlanMove.objects.get().subscription_ids == [hanako.pk]
    assert hanako.lines.get().plan_version.number == 1  # until the day
