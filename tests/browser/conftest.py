"""End-to-end fixtures: Debian's Chromium (driven by Playwright), the app served for real against the
Saleor stand-in, and a Dashboard harness on the stand-in's origin that frames the app's pages.

- `browser`: headless Chromium at /usr/bin/chromium (or $CHROMIUM), each test in a fresh context.
  Without it the tests skip, except in CI (`CI` set), where they fail.
- `saleor`: the stand-in on its own port, with the app installed through the real manifest and
  registration (a real `Installation` row), and its Dashboard harness (tests/browser/harness.py).
  The app answers from pytest-django's live server, in this process, so tests arrange rows with the
  ORM and find what the pages did in the database.
- `dashboard.open(path, theme=, locale=, permissions=)`: the app page `path` inside the harness, as a
  staff user whose token the stand-in signed; `.app` is the iframe's content. `.screenshot(name)`
  saves the whole Dashboard page under test-artifacts/screenshots/ (or $TEST_ARTIFACTS/screenshots/).
- `stripe`: the app's Stripe calls go to localstripe, and the page's Stripe.js (js.stripe.com) is
  localstripe's fake, whose card element is plain inputs (`number`, `exp_month`, `exp_year`, `cvc`,
  `postal_code` placeholders).
- `jp_shop` / `hanako`: a yen channel with ¥500 shipping, a tea (¥6,800) with a monthly plan
  (trial ¥980, then ¥6,000; 5/10/15 % off from 2/3/6 units; card or COD), and Hanako's
  subscription to it from her first order, with a card saved in localstripe.
"""

import os
import shutil
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings as django_settings
from playwright.sync_api import sync_playwright
from stripe import StripeClient

from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.payments.models import PaymentMethod, StripeCustomer
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.saleor.manifest import PERMISSIONS
from saleor_subscriptions.subscriptions.creation import subscriptions_from_order

from ..conftest import TRIAL_TERMS, USER, order_payload
from ..saleor_standin.standin import gid
from ..saleor_standin.transport import serve
from .harness import APP_PAGE_PREFIX, SaleorWithDashboard

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# What runs Chromium on a machine with no screen and a closed network (a fresh profile is Playwright's own).
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("TEST_ARTIFACTS") or ROOT / "test-artifacts") / "screenshots"
STAFF = {"user_id": "VXNlcjoyMQ==", "email": "operator@example.jp"}
TIMEOUT_MS = 15_000


def unavailable(reason: str):
    """Skip outside CI; in CI a browser test that cannot run is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    if not shutil.which(CHROMIUM):
        unavailable(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM)")
    if not (Path(django_settings.DASHBOARD_DIST) / "index.html").is_file():
        unavailable("dashboard/dist is not built: `make test` builds it (or `cd dashboard && npm ci && npm run build`)")
    # Playwright's sync API keeps an event loop in this thread while it runs (for this package's tests
    # only), which Django takes for an async context; the tests' ORM calls are still synchronous.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
            yield chromium
            chromium.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def real_http(method, url, headers, body):
    response = requests.request(method, url, headers=headers, data=body, timeout=10, allow_redirects=False)
    return response.status_code, dict(response.headers), response.content


@pytest.fixture
def saleor(browser, live_server, transactional_db, settings):
    """The stand-in with its Dashboard, and the app (served by the live server) installed into it."""
    settings.APP_URL = live_server.url
    with serve(SaleorWithDashboard) as standin:
        settings.SALEOR_ALLOWED_API_URLS = [*settings.SALEOR_ALLOWED_API_URLS, standin.api_url]
        standin.app = standin.install(real_http, f"{live_server.url}/api/manifest")
        standin.installation = Installation.objects.get(saleor_api_url=standin.api_url)
        yield standin


class AppPage:
    """One app page inside the harness: `.page` is the Dashboard, `.app` the app's iframe."""

    def __init__(self, page, name_hint):
        self.page = page
        self.app = page.frame_locator("iframe#app")
        self.name_hint = name_hint

    @property
    def frame(self):
        """The iframe's Playwright Frame (to evaluate or wait for something in the app's document)."""
        (frame,) = [frame for frame in self.page.frames if frame.parent_frame == self.page.main_frame]  # not one it frames
        return frame

    @property
    def src(self) -> str:
        return self.page.evaluate("window.dashboard.src")

    def actions(self, action_type: str | None = None) -> list[dict]:
        """The app's actions the Dashboard received (payloads), optionally of one type."""
        actions = self.page.evaluate("window.dashboard.actions")
        return [a["payload"] for a in actions if action_type in (None, a["type"])]

    def wait_for_action(self, action_type: str) -> dict:
        self.page.wait_for_function("type => window.dashboard.actions.some(a => a.type === type)", arg=action_type)
        return self.actions(action_type)[-1]

    def send(self, event_type: str, payload: dict) -> None:
        """An event from the Dashboard to the app: `theme`, `localeChanged`, `tokenRefresh`…"""
        self.page.evaluate("([type, payload]) => window.dashboard.send(type, payload)", [event_type, payload])

    def screenshot(self, name: str) -> Path:
        """The Dashboard with the whole app page in its iframe (the window is made as tall as the page for it)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        viewport = self.page.viewport_size
        inner = self.frame.evaluate("document.documentElement.scrollHeight")
        outside = self.page.evaluate("document.body.scrollHeight - document.querySelector('iframe#app').clientHeight")
        self.frame.evaluate("window.scrollTo(0, 0)")  # from the top, as the page was scrolled by the test's clicks
        self.page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], inner + outside)})
        try:
            # repainted, and macaw-ui's labels done moving above the values just filled in
            self.frame.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
                                ".then(() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))))")
            self.page.screenshot(path=str(path))
        finally:
            self.page.set_viewport_size(viewport)
        return path


class Dashboard:
    def __init__(self, page, saleor):
        self.page = page
        self.saleor = saleor

    def scope(self, path: str) -> tuple[list[str], str | None]:
        """What a token for the page at `path` may carry, and its extension's id. An APP_PAGE extension opens
        the app's own page (APP_PROTOCOL §7.5), with the app's token; a widget or popup gets its extension's
        token, limited to the extension's permissions and naming it in `app_extension` (§7.4)."""
        manifest = self.saleor.manifest
        for number, extension in enumerate(manifest.get("extensions", []), 1):
            if extension["url"] == path and extension.get("target") in ("WIDGET", "POPUP"):
                return extension.get("permissions", []), gid("AppExtension", number)
        return manifest["permissions"], None

    def token(self, user_permissions=PERMISSIONS, *, path: str = "", lifetime: int = 300, **claims) -> str:
        """A Dashboard token as Saleor signs it for a staff user holding `user_permissions`: its
        `permissions` are those ∩ the app's (or the extension's) permissions (APP_PROTOCOL §7.4)."""
        scope, extension = self.scope(path)
        return self.saleor.key.token(
            self.saleor.api_url, token_type="thirdparty", lifetime=lifetime, app=self.saleor.app.id, is_staff=True,
            token="staff-token-key", permissions=[p for p in user_permissions if p in scope],
            user_permissions=list(user_permissions), **({"app_extension": extension} if extension else {}), **{**STAFF, **claims})

    def open(self, path: str = "", *, query: str = "", theme: str = "light", locale: str = "en",
             permissions=PERMISSIONS, harness=None, ready=True, **claims) -> AppPage:
        """Show the app page `path` (e.g. "/subscriptions/12") in the Dashboard of `harness` (the
        installed stand-in by default) to a staff user holding `permissions`; with `ready`, wait until
        the app has said `notifyReady`."""
        harness = harness or self.saleor
        harness.manifest = harness.manifest or self.saleor.manifest
        harness.session = {
            "token": self.token(permissions, path=path, **claims), "appId": self.saleor.app.id, "appUrl": harness.manifest["appUrl"],
            "saleorApiUrl": self.saleor.api_url, "theme": theme, "locale": locale, "email": claims.get("email", STAFF["email"]),
            "widget": any(extension["url"] == path and extension.get("target") == "WIDGET"
                          for extension in self.saleor.manifest.get("extensions", [])),
        }
        origin = harness.api_url.removesuffix("/graphql/")
        self.page.goto(f"{origin}{APP_PAGE_PREFIX}{quote(self.saleor.app.id, safe='')}{path}{'?' + query if query else ''}")
        view = AppPage(self.page, path)
        if ready:
            self.page.wait_for_function("window.dashboard.ready")
        return view


@pytest.fixture
def dashboard(page, saleor):
    return Dashboard(page, saleor)


# localstripe's fake Stripe.js finds its server from its own URL, and lacks what React Stripe.js calls
# besides the card element (`elements.getElement`, `element.update`).
STRIPE_JS_SHIM = """
(() => {
  const fake = Stripe;
  Stripe = window.Stripe = (key, options) => {
    const stripe = fake(key, options);
    const elements = stripe.elements;
    stripe.elements = (...args) => {
      const made = elements(...args);
      made.getElement = () => made._cardElement;
      const create = made.create;
      made.create = function (...a) { const element = create.apply(this, a); element.update = () => {}; return element; };
      return made;
    };
    return stripe;
  };
})();
"""


@pytest.fixture
def stripe(page, localstripe, settings):
    """localstripe for the app (its API) and for the page (its fake Stripe.js in place of js.stripe.com)."""
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_localstripe", "pk_test_localstripe"
    settings.STRIPE_API_BASE = localstripe
    script = requests.get(f"{localstripe}/js.stripe.com/v3/", timeout=10).text.replace(
        "document.currentScript.src", repr(f"{localstripe}/js.stripe.com/v3/")) + STRIPE_JS_SHIM
    page.context.route("https://js.stripe.com/**", lambda route: route.fulfill(
        status=200, content_type="application/javascript", body=script))
    return localstripe


@pytest.fixture
def jp_shop(saleor):
    """A yen channel taking cards and COD, a tea with a monthly plan (trial, tiers; card or COD)."""
    channel = saleor.add_channel("jp", "JPY", shipping=Decimal("500"))
    saleor.installation.payment_methods = {"jp": ["card", "cod"]}
    saleor.installation.save()
    tea = saleor.add_product("Green tea", variants=[("100 g", {"jp": Decimal("6800")})], translations={"JA": "緑茶"})
    create_plan(saleor.installation, product_id=tea["id"], code="monthly",
                terms={**TRIAL_TERMS, "payment_methods": ["card", "cod"]})
    return channel, tea


@pytest.fixture
def hanako(saleor, jp_shop, stripe):
    """Hanako's subscription to the monthly tea (her first order, the ¥980 trial), her card saved in localstripe."""
    channel, tea = jp_shop
    client = StripeClient("sk_test_localstripe", base_addresses={"api": stripe}, max_network_retries=0)
    customer = client.v1.customers.create(params={"email": USER["email"]})
    method = client.v1.payment_methods.create(params={
        "type": "card", "card": {"number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"}})
    client.v1.payment_methods.attach(method.id, params={"customer": customer.id})
    stored = StripeCustomer.objects.create(installation=saleor.installation, saleor_user_id=USER["id"], stripe_customer_id=customer.id)
    PaymentMethod.objects.create(customer=stored, stripe_payment_method_id=method.id, brand="visa", last4="4242",
                                 exp_month=12, exp_year=2034)
    (subscription,) = subscriptions_from_order(saleor.installation, order_payload(channel, tea["variants"][0]["id"], number=1))
    return subscription
