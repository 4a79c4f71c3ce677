"""The portal's pages: signing in (mail link or storefront token), the list, a subscription, signing out.

Every form is a POST protected by Django's CSRF check (the storefront's token hand-over excepted: the token
is its credential). Every page is in the customer's language, names the shop and its sender identity, and
offers the other languages. Requests are rate-limited per IP, sign-in requests per address too, changes per
customer; a limit reached answers 429 with a page saying how long to wait.
"""

import functools
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.utils.translation import get_language_from_request
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..config import LANGUAGE_CODES, LANGUAGES
from ..core.error_texts import error_text
from ..customers import throttle
from ..customers.identity import NotSignedIn, customer_from_token
from ..customers.ownership import NotOwned, own_subscription, owned
from ..installations.models import Installation
from ..mail.sending import sender
from . import session, signin
from .changes import ACTIONS
from .listing import subscription_list, subscription_page
from .texts import TEXTS

# (limit, seconds): every request per IP; sign-in requests per IP and per address; changes per customer.
LIMITS = {"request": (300, 300), "signin-ip": (10, 900), "signin-address": (5, 3600), "token": (30, 300),
          "change": (40, 600)}
SAFE_NEXT = re.compile(r"^/portal/[\w-]+/[\w/-]*$")


@cache
def _pages() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).parent / "pages"), autoescape=select_autoescape(["html"]))


class Portal:
    """One request to one installation's portal: its language, the signed-in customer, and page rendering."""

    def __init__(self, request, installation: Installation):
        self.request, self.installation = request, installation
        self.session = session.current(request, installation)
        self.home = session.path(installation)
        self.chosen_language = _language_code(request.GET.get("lang"))
        self.language = self.chosen_language or _language_code(request.COOKIES.get(session.LANGUAGE_COOKIE)) or ""

    def settle_language(self, subscription=None) -> None:
        """Without a choice of the customer's, the language of their subscription, else the browser's."""
        if not self.language:
            if subscription is None and self.session is not None:
                subscription = self.owned().first()
            self.language = subscription.language if subscription is not None else _browser_language(self.request)

    @property
    def texts(self) -> dict:
        self.settle_language()
        return TEXTS[self.language]

    def owned(self):
        return owned(self.installation, user_id=self.session.user_id, email=self.session.email)

    def page(self, template: str, *, status: int = 200, title: str, **context) -> HttpResponse:
        self.settle_language()
        response = HttpResponse(status=status)
        flash = session.take_flash(self.request, response, self.installation) if status == 200 else ""
        response.content = _pages().get_template(template).render({
            "language": self.language, "t": self.texts, "title": title, "shop": sender(self.installation),
            "languages": LANGUAGES, "home": self.home, "signed_in": self.session is not None,
            "csrf_token": get_token(self.request), "flash": flash, "error": "", **context})
        response["Content-Type"] = "text/html; charset=utf-8"
        response["Cache-Control"] = "no-store"
        # links carry tokens: never leak them to another site ("no-referrer" would make the browser send Origin: null,
        # which the CSRF check refuses)
        response["Referrer-Policy"] = "same-origin"
        if self.chosen_language:
            session.remember_language(response, self.installation, self.chosen_language)
        return response

    def redirect(self, url: str, message: str = "") -> HttpResponseRedirect:
        response = HttpResponseRedirect(url, status=303)
        if message:
            session.flash(response, self.installation, message)
        return response

    def signin_page(self, *, status: int = 200, error: str = "", next_path: str = "", email: str = "") -> HttpResponse:
        return self.page("signin.html", status=status, title=self.texts["signin_title"], error=error, next=next_path,
                         email=email)

    def throttle(self, scope: str, key: str) -> None:
        limit, seconds = LIMITS[scope]
        throttle.hit(f"portal-{scope}", key, limit=limit, per_seconds=seconds)


def _language_code(value: str | None) -> str | None:
    value = (value or "").lower()
    return value if value in LANGUAGE_CODES else None


def _browser_language(request) -> str:
    return _language_code(get_language_from_request(request)) or "en"


def _installation(key: str) -> Installation | None:
    return Installation.objects.active().filter(portal_key=key).first()


def not_found(portal: Portal) -> HttpResponse:
    return portal.page("notice.html", status=404, title=portal.texts["not_found_title"], lines=[portal.texts["not_found"]],
                       links=[{"url": portal.home, "label": portal.texts["back_list"]}])


def throttled(portal: Portal, exc: throttle.Throttled) -> HttpResponse:
    minutes = max(1, -(-exc.retry_after // 60))
    response = portal.page("notice.html", status=429, title=portal.texts["throttled_title"],
                           lines=[portal.texts["throttled"].format(minutes=minutes)])
    response["Retry-After"] = str(exc.retry_after)
    return response


def portal_view(view):
    """Find the installation the URL names, count the request against the IP's limit, and hand the view a Portal."""

    @functools.wraps(view)
    def wrapper(request, key: str, *args, **kwargs):
        installation = _installation(key)
        if installation is None:
            language = _browser_language(request)
            return HttpResponse(TEXTS[language]["not_found_title"], status=404, content_type="text/plain; charset=utf-8")
        portal = Portal(request, installation)
        try:
            portal.throttle("request", throttle.client_ip(request))
            return view(request, portal, *args, **kwargs)
        except throttle.Throttled as exc:
            return throttled(portal, exc)

    return wrapper


def signed_in(view):
    """Only for a signed-in customer: others are sent to the sign-in page, coming back here afterwards."""

    @functools.wraps(view)
    def wrapper(request, portal: Portal, *args, **kwargs):
        if portal.session is None:
            if request.method == "GET":
                return portal.signin_page(next_path=request.path)
            return portal.redirect(portal.home + "signin")
        return view(request, portal, *args, **kwargs)

    return wrapper


def _next(portal: Portal, value: str | None) -> str:
    """Where to go after signing in: a page of this portal, never elsewhere."""
    return value if value and value.startswith(portal.home) and SAFE_NEXT.match(value) else portal.home


@require_http_methods(["GET"])
@csrf_protect  # sets the CSRF cookie for the forms it shows
@portal_view
def home_view(request, portal: Portal):
    if portal.session is None:
        return portal.signin_page()
    return subscription_list(portal)


@require_http_methods(["GET", "POST"])
@csrf_protect
@portal_view
def signin_view(request, portal: Portal):
    """The e-mail form, and the same answer for every address: a link goes only where subscriptions are."""
    text = portal.texts
    if request.method == "GET":
        return portal.signin_page(next_path=_next(portal, request.GET.get("next")) if request.GET.get("next") else "")
    email = (request.POST.get("email") or "").strip()
    next_path = _next(portal, request.POST.get("next"))
    try:
        validate_email(email)
    except ValidationError:
        return portal.signin_page(status=400, error=text["email_invalid"], email=email[:254])
    portal.throttle("signin-ip", throttle.client_ip(request))
    portal.throttle("signin-address", f"{portal.installation.pk}:{email.lower()}")
    signin.send_link(portal.installation, email, next_path)
    minutes = int(signin.MAX_AGE.total_seconds() // 60)
    return portal.page("notice.html", title=text["signin_sent_title"],
                       lines=[text["signin_sent"].format(email=email, minutes=minutes), text["signin_sent_again"]],
                       links=[{"url": portal.home + "signin", "label": text["signin_button"]}])


@require_http_methods(["GET", "POST"])
@csrf_protect
@portal_view
def link_view(request, portal: Portal, token: str):
    """The mail's link: a GET shows a button (mail scanners follow links), its POST uses the link and signs in."""
    minutes = int(signin.MAX_AGE.total_seconds() // 60)
    try:
        if request.method == "GET":
            payload = signin.read(portal.installation, token)
            return portal.page("link.html", title=portal.texts["link_title"], email=payload["e"])
        portal.throttle("signin-ip", throttle.client_ip(request))
        payload = signin.use(portal.installation, token)
    except signin.BadLink as exc:
        portal.settle_language()
        return portal.signin_page(status=400, error=portal.texts[f"link_{exc.code}"].format(minutes=minutes))
    response = portal.redirect(_next(portal, payload.get("p")))
    session.start(response, portal.installation, user_id="", email=payload["e"])
    return response


@require_http_methods(["GET", "POST"])
@csrf_exempt  # a storefront posts here from its own site; the Saleor token is the credential
@portal_view
def token_view(request, portal: Portal):
    """A storefront hands a signed-in shopper over: their Saleor access token in a POST body (or in the fragment of a
    GET, which this page posts), never in a query string that logs would keep."""
    if request.method == "GET":
        return portal.page("token.html", title=portal.texts["token_wait"])
    portal.throttle("token", throttle.client_ip(request))
    try:
        customer = customer_from_token(portal.installation, (request.POST.get("token") or "").strip())
    except NotSignedIn as exc:
        portal.settle_language()
        reason = error_text(exc.code, portal.language)
        return portal.signin_page(status=401, error=portal.texts["token_refused"].format(reason=reason))
    response = portal.redirect(_next(portal, request.POST.get("next")))
    session.start(response, portal.installation, user_id=customer.user_id, email=customer.email, token=customer.token)
    return response


@require_http_methods(["POST"])
@csrf_protect
@portal_view
def signout_view(request, portal: Portal):
    portal.settle_language()
    portal.session = None
    response = portal.page("notice.html", title=portal.texts["signed_out"], lines=[],
                           links=[{"url": portal.home + "signin", "label": portal.texts["signin_title"]}])
    session.end(response, portal.installation)
    return response


@require_http_methods(["GET", "POST"])
@csrf_protect
@portal_view
@signed_in
def subscription_view(request, portal: Portal, subscription_id: int, action: str = ""):
    try:
        subscription = own_subscription(portal.installation, subscription_id, user_id=portal.session.user_id,
                                        email=portal.session.email)
    except NotOwned:
        portal.settle_language()
        return not_found(portal)
    portal.settle_language(subscription)
    if not action:
        return subscription_page(portal, subscription) if request.method == "GET" else not_found(portal)
    handler = ACTIONS.get(action)
    if handler is None:
        return not_found(portal)
    if request.method == "POST":
        portal.throttle("change", portal.session.user_id or portal.session.email.lower())
    return handler(request, portal, subscription)


def csrf_failure(request, reason: str = ""):
    """Django's CSRF refusal, as a page in the customer's language (the portal is the only place with CSRF forms)."""
    match = re.match(r"^/portal/([\w-]+)/", request.path)
    installation = _installation(match.group(1)) if match else None
    if installation is None:
        return HttpResponse(status=403)
    portal = Portal(request, installation)
    return portal.page("notice.html", status=403, title=portal.texts["csrf_title"], lines=[portal.texts["csrf"]],
                       links=[{"url": portal.home, "label": portal.texts["back_list"]}])
