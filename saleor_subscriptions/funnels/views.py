"""The page behind a step mail's offer link: look (counted as a click), then confirm to subscribe."""

from babel.dates import format_date

from ..checkout.texts import TEXTS as CHECKOUT_TEXTS
from ..core.money import LOCALES, format_money
from ..mail.views import page
from ..plans.pricing import PricingError, price_line
from ..renewals.engine import today_in
from ..subscriptions.models import Subscription
from . import actions
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
        method = installation.cancellation_method.get(language) or CHECKOUT_TEXTS[language]["default_method"]
        lines.append(text["already_manage"].format(method=method))
        return page(language, status=409, title=text["already"], lines=lines)
    if error.code == "not_available":
        return page(language, status=409, title=text["gone"], lines=[text["gone_detail"]])
    return page(language, status=409, title=text["title"], error=text["no_payment"])


def offer_page(request, payload):
    enrolment = Enrolment.objects.select_related("funnel__installation", "funnel__target_plan__product").filter(
        pk=payload.get("n")).first()
    if enrolment is None or not enrolment.funnel.installation.is_active:
        return page("en", status=404, title="Not found")
    language, funnel = enrolment.language, enrolment.funnel
    text = OFFER_TEXTS[language]
    plan = funnel.target_plan.current_version.terms
    today = today_in(funnel.installation)
    if request.method == "POST":
        try:
            subscription = actions.convert(enrolment.pk, int(payload.get("p", 0)), today)
        except actions.OfferError as error:
            return _refused(enrolment, error)
        return page(language, title=text["done"], lines=[
            plan.text(language, funnel.installation.default_language).name,
            text["first"].format(date=subscription.next_renewal_on.isoformat()) if subscription.next_renewal_on else ""])
    actions.record_click(enrolment.pk, int(payload.get("p", 0)))
    if enrolment.subscription is not None and enrolment.converted_step is not None:  # converted by this link
        done = enrolment.subscription.status != Subscription.Status.CANCELLED
        return page(language, title=text["done"] if done else text["gone"])
    try:
        kind, card = actions.check_offer(enrolment)
    except actions.OfferError as error:
        return _refused(enrolment, error)
    lines = [plan.text(language, funnel.installation.default_language).name,
             text["discount"].format(percent=f"{funnel.offer_percent_off.normalize():f}")]
    try:  # the first delivery as the engine will price it
        price = price_line(plan, currency=enrolment.currency, quantity=plan.min_quantity, delivery=1,
                           percent_off=funnel.offer_percent_off).unit
        lines.append(text["price"].format(price=format_money(price, enrolment.currency, language)))
    except PricingError:
        pass  # priced off the list price: known on the day of the order
    lines.append(text["card"].format(card=card) if card else text[kind])
    return page(language, title=text["title"], lines=lines, button=text["button"])
