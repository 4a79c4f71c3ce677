"""The pages behind signed mail links: update the card, cancel, stop marketing mails.

A GET only shows what will happen (mail scanners follow links); the change is a POST. Opting out
also accepts RFC 8058 one-click POSTs from mail clients (List-Unsubscribe-Post).
"""

from functools import cache
from pathlib import Path

import stripe
from django.http import HttpResponse
from django.utils.translation import get_language_from_request
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..core.error_texts import error_message
from ..core.models import Event
from ..payments import stripe_api
from ..payments.methods import finish_card_replacement, start_card_replacement
from ..payments.models import StripeCustomer
from ..renewals.engine import today_in
from ..subscriptions import actions
from ..subscriptions.models import Subscription
from . import links, optout
from .texts import PAGE_TEXTS

# Stripe Elements' own words (card errors) in the page's language: "zh" alone is simplified Chinese.
STRIPE_LOCALES = {"en": "en", "ja": "ja", "zh-hans": "zh", "zh-hant": "zh-TW"}


@cache
def _pages() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).parent / "pages"), autoescape=select_autoescape(["html"]))


def page(language: str, *, status: int = 200, **context) -> HttpResponse:
    html = _pages().get_template("page.html").render({"language": language, "lines": [], "error": "", "button": "",
                                                      "stripe": None, **context})
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to Stripe.js or others
    return response


def browser_language(request) -> str:
    """For pages with nothing of the customer's to go by: the browser's language among ours, else the default."""
    return get_language_from_request(request)


def not_found(request) -> HttpResponse:
    language = browser_language(request)
    return page(language, status=404, title=PAGE_TEXTS[language]["not_found"])


def _subscription(payload) -> Subscription | None:
    return Subscription.objects.select_related("installation").filter(pk=payload.get("s"), installation__is_active=True).first()


def _cancel(request, payload):
    subscription = _subscription(payload)
    if subscription is None:
        return not_found(request)
    text = PAGE_TEXTS[subscription.language]
    if subscription.status in (Subscription.Status.CANCELLED, Subscription.Status.COMPLETED):
        return page(subscription.language, title=text["cancelled"])
    if request.method == "POST":
        try:
            actions.cancel(subscription, at_period_end=False, actor=Event.Actor.CUSTOMER, actor_id=subscription.customer_id,
                           today=today_in(subscription.installation))
        except actions.LifecycleError as error:
            return page(subscription.language, status=409, title=text["cancel_title"],
                        error=error_message(error, subscription.language, general=True))
        return page(subscription.language, title=text["cancelled"])
    return page(subscription.language, title=text["cancel_title"], lines=[text["cancel_confirm"]], button=text["cancel_button"])


def _card(request, payload):
    subscription = _subscription(payload)
    if subscription is None:
        return not_found(request)
    text = PAGE_TEXTS[subscription.language]
    customer = StripeCustomer.objects.filter(installation=subscription.installation, saleor_user_id=subscription.customer_id).first()
    if customer is None or subscription.status in (Subscription.Status.CANCELLED, Subscription.Status.COMPLETED):
        return page(subscription.language, status=409, title=text["card_title"], error=text["card_unavailable"])
    setup_intent = request.GET.get("setup_intent")
    if setup_intent:  # back from Stripe's confirmation
        try:
            method = finish_card_replacement(customer, setup_intent)
        except (ValueError, stripe.StripeError):
            return page(subscription.language, status=400, title=text["card_title"], error=text["card_failed"])
        actions.use_card(subscription, method, actor=Event.Actor.CUSTOMER, actor_id=subscription.customer_id,
                         today=today_in(subscription.installation))
        return page(subscription.language, title=text["card_done"], lines=[str(method)])
    account = stripe_api.access(subscription.installation)
    return page(subscription.language, title=text["card_title"], stripe={
        "publishable_key": account.publishable_key, "options": account.browser_options, "client_secret": start_card_replacement(customer),
        "locale": STRIPE_LOCALES.get(subscription.language, "auto"), "button": text["card_button"],
        "return_url": request.build_absolute_uri(request.path)})


def _unsubscribe(request, payload):
    language = payload.get("l", "en")
    text = PAGE_TEXTS.get(language, PAGE_TEXTS["en"])
    if request.method == "POST":
        optout.opt_out(payload["i"], payload["e"], source="link")
        return page(language, title=text["unsubscribed"])
    return page(language, title=text["unsubscribe_title"], lines=[payload["e"]], button=text["unsubscribe_button"])


def _offer(request, payload):
    from ..funnels.views import offer_page  # funnels build on this module's pages

    return offer_page(request, payload)


ACTIONS = {"cancel": _cancel, "card": _card, "unsubscribe": _unsubscribe, "offer": _offer}


@csrf_exempt  # the signed token is the credential; there is no session to forge
@require_http_methods(["GET", "POST"])
def link_view(request, token: str):
    try:
        payload = links.read(token)
    except links.BadLink as exc:
        language = browser_language(request)
        return page(language, status=400, title=PAGE_TEXTS[language]["expired_link" if exc.expired else "bad_link"])
    handler = ACTIONS.get(payload.get("a"))
    if handler is None:
        return not_found(request)
    return handler(request, payload)
