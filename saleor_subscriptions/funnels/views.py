"""The page behind a step mail's offer link: the final confirmation screen, then subscribe.

A GET shows what subscribing means (counted as a click): the same statements as the checkout's
final screen, then a confirm button, or a card form when the plan takes cards and none is saved.
The card form's SetupIntent comes back to this page, which saves the card and converts with it.
"""

import stripe
from babel.dates import format_date

from ..checkout.texts import TEXTS as CHECKOUT_TEXTS
from ..core.money import LOCALES
from ..mail.texts import PAGE_TEXTS
from ..mail.views import not_found, page
from ..payments import stripe_api
from ..payments.methods import ensure_customer, finish_card_replacement, start_card_replacement
from ..payments.models import StripeCustomer
from ..plans.terms import PaymentMethodKind
from ..portal.links import portal_url
from ..renewals.engine import today_in
from ..subscriptions.models import Subscription
from . import actions
from .disclosure import OfferUnavailable, disclose_offer
from .models import Enrolment
from .texts import OFFER_TEXTS


def _refused(enrolment: Enrolment, error: actions.OfferError):
    """Why the offer cannot be taken, in the customer's words (409: the offer's state, not the request, is the reason)."""
    language, installation = enrolment.language, enrolment.funnel.installation
    text = OFFER_TEXTS[language]
    if isinstance(error, actions.AlreadySubscribed):
        subscription = error.subscription
        lines = [text["already_plan"].format(plan=subscription.plan.current_version.terms.text(
            language, installation.default_language).name)]
        if subscription.next_renewal_on:
            lines.append(text["already_next"].format(date=format_date(subscription.next_renewal_on, "long",
                                                                      locale=LOCALES[language])))
        method = (installation.cancellation_method.get(language)
                  or CHECKOUT_TEXTS[language]["default_method"].format(url=portal_url(installation)))
        lines.append(text["already_manage"].format(method=method))
        return page(language, status=409, title=text["already"], lines=lines)
    if error.code == "not_available":
        return page(language, status=409, title=text["gone"], lines=[text["gone_detail"]])
    if error.code == "card_required":
        return page(language, status=409, title=text["title"], error=text["card_needed"])
    return page(language, status=409, title=text["title"], error=text["no_payment"])


def _subscribed(enrolment: Enrolment, subscription: Subscription):
    language, text = enrolment.language, OFFER_TEXTS[enrolment.language]
    plan = subscription.plan.current_version.terms.text(language, enrolment.funnel.installation.default_language).name
    first = text["first"].format(date=format_date(subscription.next_renewal_on, "long", locale=LOCALES[language]))
    return page(language, title=text["done"], lines=[plan, first])


def _convert(enrolment: Enrolment, position: int, card=None):
    try:
        subscription = actions.convert(enrolment.pk, position, today_in(enrolment.funnel.installation), card=card)
    except actions.OfferError as error:
        return _refused(enrolment, error)
    return _subscribed(enrolment, subscription)


def _card_returned(request, enrolment: Enrolment, position: int):
    """Back from Stripe's card confirmation: save the card, then subscribe with it (once, however often reloaded)."""
    customer = StripeCustomer.objects.filter(installation=enrolment.funnel.installation,
                                             saleor_user_id=enrolment.customer_id).first()
    try:
        if customer is None:
            raise ValueError("no Stripe customer for this shopper")
        card = finish_card_replacement(customer, request.GET["setup_intent"])
    except (ValueError, stripe.StripeError):
        text = OFFER_TEXTS[enrolment.language]
        return page(enrolment.language, status=400, title=text["title"], error=PAGE_TEXTS[enrolment.language]["card_failed"])
    return _convert(enrolment, position, card=card)


def _card_form(request, enrolment: Enrolment) -> dict:
    """Stripe Elements with a SetupIntent for off-session renewals, on the shopper's own Stripe customer."""
    customer = ensure_customer(enrolment.funnel.installation, saleor_user_id=enrolment.customer_id, email=enrolment.email)
    account = stripe_api.access(enrolment.funnel.installation)
    return {"publishable_key": account.publishable_key, "options": account.browser_options,
            "client_secret": start_card_replacement(customer),
            "locale": LOCALES[enrolment.language][:2], "button": OFFER_TEXTS[enrolment.language]["card_button"],
            "return_url": request.build_absolute_uri(request.path)}


def offer_page(request, payload):
    enrolment = Enrolment.objects.select_related("funnel__installation", "funnel__target_plan__product", "subscription").filter(
        pk=payload.get("n")).first()
    if enrolment is None or not enrolment.funnel.installation.is_active:
        return not_found(request)
    language, funnel, position = enrolment.language, enrolment.funnel, int(payload.get("p", 0))
    text = OFFER_TEXTS[language]
    if enrolment.subscription is not None and enrolment.converted_step is not None:  # converted by this link already
        if enrolment.subscription.status == Subscription.Status.CANCELLED:
            return page(language, title=text["gone"])
        return _subscribed(enrolment, enrolment.subscription)
    if request.method == "POST":
        return _convert(enrolment, position)
    if request.GET.get("setup_intent"):
        return _card_returned(request, enrolment, position)
    actions.record_click(enrolment.pk, position)
    try:
        kind, card = actions.check_offer(enrolment)
        disclosed = disclose_offer(enrolment, today_in(funnel.installation), kind, card)
    except actions.OfferError as error:
        return _refused(enrolment, error)
    except OfferUnavailable:
        return page(language, status=503, title=text["title"], error=text["unavailable"])
    lines = [text["discount"].format(percent=f"{funnel.offer_percent_off.normalize():f}"), *disclosed.statements]
    if kind == PaymentMethodKind.CARD and card is None:
        return page(language, title=text["title"], lines=lines, stripe=_card_form(request, enrolment))
    return page(language, title=text["title"], lines=lines, button=text["button"])
