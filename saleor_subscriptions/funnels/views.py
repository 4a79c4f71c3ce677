"""The page behind a step mail's offer link: look (counted as a click), then confirm to subscribe."""

from ..core.dates import format_day
from ..core.money import format_money
from ..mail.texts import error_text
from ..mail.views import not_found, page
from ..plans.pricing import PricingError, price_line
from ..renewals.engine import today_in
from ..subscriptions.models import Subscription
from . import actions
from .models import Enrolment
from .texts import OFFER_TEXTS


def offer_page(request, payload):
    enrolment = Enrolment.objects.select_related("funnel__installation", "funnel__target_plan").filter(pk=payload.get("n")).first()
    if enrolment is None or not enrolment.funnel.installation.is_active:
        return not_found(request)
    language, funnel = enrolment.language, enrolment.funnel
    text = OFFER_TEXTS[language]
    plan = funnel.target_plan.current_version.terms
    today = today_in(funnel.installation)
    if request.method == "POST":
        try:
            subscription = actions.convert(enrolment.pk, int(payload.get("p", 0)), today)
        except actions.OfferError as error:
            return page(language, status=409, title=text["title"], error=error_text(error, language, "offer"))
        return page(language, title=text["done"], lines=[
            plan.text(language, funnel.installation.default_language).name,
            text["first"].format(date=format_day(subscription.next_renewal_on, language)) if subscription.next_renewal_on else ""])
    actions.record_click(enrolment.pk, int(payload.get("p", 0)))
    if enrolment.subscription is not None or enrolment.status == Enrolment.Status.UNSUBSCRIBED:
        done = enrolment.subscription is not None and enrolment.subscription.status != Subscription.Status.CANCELLED
        return page(language, title=text["done"] if done else text["gone"])
    try:
        kind, card = actions.offer_payment(enrolment)
    except actions.OfferError as error:
        return page(language, status=409, title=text["title"], error=error_text(error, language, "offer"))
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

