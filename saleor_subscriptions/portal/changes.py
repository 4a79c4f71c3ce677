"""What customers change: each change a GET form, a POST through subscriptions/actions.py (actor CUSTOMER: the
cut-off and the minimum commitment apply), then a redirect to the subscription with what it did."""

import datetime
import re
from decimal import Decimal

import stripe
from django.utils import timezone

from ..core.error_texts import error_message, error_text
from ..core.errors import InputError
from ..core.models import Event
from ..checkout.disclosure import translated
from ..core.money import format_money
from ..customers.identity import Customer, NotSignedIn, confirm_online
from ..payments import stripe_api
from ..payments.methods import finish_card_replacement, start_card_replacement
from ..payments.models import StripeCustomer
from ..plans.models import Plan
from ..plans.pricing import PricingError, price_line
from ..renewals.engine import today_in
from ..saleor.client import SaleorClient, SaleorError
from ..saleor.payloads import list_price, on_sale
from ..saleor.variant_names import variant_names
from ..subscriptions import actions, addons, retention
from ..subscriptions.calendar import movable_days, slot_date
from . import session
from .addresses import ADDRESS_FIELDS, PREFECTURES, clean_address
from ..customers.quote import quote
from .calendar import month_grids
from .listing import ENDED, day_text, line_name, url

STRIPE_LOCALES = {"en": "en", "ja": "ja", "zh-hans": "zh", "zh-hant": "zh-TW"}
PAUSE_HORIZON = datetime.timedelta(days=365)


def _who(portal, subscription) -> dict:
    return {"actor": Event.Actor.CUSTOMER, "actor_id": portal.session.user_id or subscription.customer_id,
            "today": today_in(subscription.installation)}


def _refusal(portal, error: Exception) -> str:
    if isinstance(error, InputError):
        return error_message(error, portal.language, general=True)
    return error_text("saleor_unavailable", portal.language)


def _attempt(portal, change):
    """The change's result, or the words of its refusal (the cut-off and commitment name their dates)."""
    try:
        return change(), ""
    except (InputError, SaleorError) as error:
        return None, _refusal(portal, error)


def _online(portal):
    """Before cancelling or changing the card: a storefront's token is confirmed with Saleor; a refused one signs out."""
    if not portal.session.token:
        return None
    try:
        confirm_online(Customer(portal.installation, portal.session.user_id, portal.session.email, portal.session.token))
    except NotSignedIn as exc:
        portal.session = None
        why = f"{portal.texts['sign_in_again']} {error_text(exc.code, portal.language)}"
        response = portal.signin_page(status=401, error=why, next_path=portal.request.path)
        session.end(response, portal.installation)
        return response
    return None


def _done(portal, subscription, message: str):
    return portal.redirect(url(portal, subscription), message)


# ---- skip, move, resume -------------------------------------------------------------------------------------------

def _following(subscription):
    return slot_date(subscription, subscription.deliveries + 2 + subscription.skipped)


def skip(request, portal, subscription):
    text = portal.texts
    date, following = subscription.next_renewal_on, _following(subscription) if subscription.next_renewal_on else None
    error = ""
    if request.method == "POST":
        done, error = _attempt(portal, lambda: actions.skip_next(subscription, **_who(portal, subscription)))
        if done is not None:
            return _done(portal, subscription, text["skipped"].format(date=day_text(portal, date),
                                                                      next=day_text(portal, done.next_renewal_on)))
    return portal.page("confirm.html", status=409 if error else 200, title=text["action_skip"], error=error,
                       lines=[text["skip_confirm"].format(date=day_text(portal, date), next=day_text(portal, following))],
                       button=text["skip_button"], back=url(portal, subscription), danger=False)


def move(request, portal, subscription):
    text = portal.texts
    today = today_in(subscription.installation)
    days = movable_days(subscription, today) if subscription.next_renewal_on else []
    error = ""
    if request.method == "POST":
        chosen = _date(request.POST.get("on"))
        if chosen is None or chosen not in days:
            error = text["choose_day"]
        else:
            done, error = _attempt(portal, lambda: actions.reschedule_next(subscription, chosen, **_who(portal, subscription)))
            if done is not None:
                return _done(portal, subscription, text["moved"].format(date=day_text(portal, chosen)))
    weekdays, months = month_grids(days, subscription.next_renewal_on, portal.language)
    return portal.page("move.html", status=409 if error else 200, title=text["action_move"], error=error,
                       intro=text["move_intro"].format(date=day_text(portal, subscription.next_renewal_on)),
                       weekdays=weekdays, months=months, back=url(portal, subscription))


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


def resume(request, portal, subscription):
    text = portal.texts
    error = ""
    if request.method == "POST":
        done, error = _attempt(portal, lambda: actions.resume(subscription, **_who(portal, subscription)))
        if done is not None:
            return _done(portal, subscription, text["resumed"].format(date=day_text(portal, done.next_renewal_on)))
    return portal.page("confirm.html", status=409 if error else 200, title=text["action_resume"], error=error,
                       lines=[text["resume_confirm"]], button=text["resume_button"], back=url(portal, subscription),
                       danger=False)


def pause(request, portal, subscription):
    text = portal.texts
    today = today_in(subscription.installation)
    first, last = today + datetime.timedelta(days=1), today + PAUSE_HORIZON
    error, until = "", (request.POST.get("until") or "").strip()
    if request.method == "POST":
        day = _date(until) if until else None
        if until and (day is None or not first <= day <= last):
            error = text["pause_date_invalid"].format(first=day_text(portal, first), last=day_text(portal, last))
        else:
            done, error = _attempt(portal, lambda: actions.pause(subscription, until=day, **_who(portal, subscription)))
            if done is not None:
                message = text["paused"].format(date=day_text(portal, day)) if day else text["paused_no_date"]
                return _done(portal, subscription, message)
    return portal.page("pause.html", status=409 if error else 200, title=text["action_pause"], error=error,
                       first=first.isoformat(), last=last.isoformat(), until=until, back=url(portal, subscription))


# ---- plan, quantity, variant ------------------------------------------------------------------------------------

def _plan_name(plan, portal) -> str:
    return plan.current_version.terms.text(portal.language, portal.installation.default_language).name


def change_plan(request, portal, subscription):
    text = portal.texts
    plans = [plan for plan in Plan.objects.filter(product=subscription.plan.product, is_archived=False)
             .exclude(pk=subscription.plan_id).order_by("position", "code") if plan.product.is_subscribable]
    error = ""
    if request.method == "POST":
        chosen = next((plan for plan in plans if plan.code == request.POST.get("plan")), None)
        if chosen is None:
            error = text["choose_plan"]
        else:
            done, error = _attempt(portal, lambda: actions.change_plan(subscription, chosen, **_who(portal, subscription)))
            if done is not None:
                return _done(portal, subscription, text["plan_changed"].format(plan=_plan_name(chosen, portal)))
    choices = [{"value": plan.code, "label": _plan_name(plan, portal)} for plan in plans]
    return portal.page("choose.html", status=409 if error else 200, title=text["action_plan"], error=error,
                       lines=[text["plan_intro"].format(plan=_plan_name(subscription.plan, portal))], choices=choices,
                       name="plan", button=text["plan_button"], empty=text["plan_none"], back=url(portal, subscription))


def _unit(subscription, line, quantity: int, listed: Decimal | None = None) -> Decimal:
    """A line's unit price on the next delivery at `quantity`: the subscriber's own price, else the plan's by tier."""
    if line.unit_price_override is not None:
        return line.unit_price_override
    return price_line(line.plan_version.terms, currency=subscription.currency, quantity=quantity,
                      delivery=subscription.deliveries + 1, list_price=listed, percent_off=line.percent_off).unit


def _product(subscription, portal) -> dict | None:
    """The subscription's product as the channel sells it, with its variants' names and prices (one Saleor request)."""
    return SaleorClient.for_installation(subscription.installation).execute("PortalProduct", {
        "id": subscription.plan.product.product_id, "channel": subscription.channel_slug})["product"]


def _line_names(subscription, portal) -> dict[str, str]:
    names = variant_names(subscription.installation, subscription.channel_slug,
                          [line.variant_id for line in subscription.lines.all()], portal.language)
    return {variant_id: line_name({"product_name": name["product"], "variant_name": name["variant"]})
            for variant_id, name in names.items()}


def quantity(request, portal, subscription):
    text = portal.texts
    lines = list(subscription.lines.select_related("plan_version").order_by("pk"))
    names = _line_names(subscription, portal)
    source = request.POST if request.method == "POST" else request.GET
    chosen_line, wanted, error = source.get("line"), source.get("quantity"), ""
    if request.method == "POST":
        line = next((line for line in lines if str(line.pk) == chosen_line), None)
        number = _whole(wanted)
        if line is None or number is None:
            error = text["quantity_invalid"]
        else:
            done, error = _attempt(portal, lambda: actions.change_quantity(subscription, line.pk, number,
                                                                           **_who(portal, subscription)))
            if done is not None:
                return _done(portal, subscription, text["quantity_changed"].format(quantity=number))
    shown = []
    for line in lines:
        terms = line.plan_version.terms
        row = {"id": line.pk, "name": names.get(line.variant_id, ""), "quantity": line.quantity, "wanted": line.quantity,
               "minimum": terms.min_quantity, "maximum": terms.max_quantity, "preview": ""}
        if str(line.pk) == chosen_line and request.method == "GET" and wanted is not None:
            number = _whole(wanted)
            if number is None:
                error = text["quantity_invalid"]
            elif number < terms.min_quantity or (terms.max_quantity and number > terms.max_quantity):
                error = error_text("quantity_range" if terms.max_quantity else "quantity_out_of_range", portal.language,
                                   minimum=terms.min_quantity, maximum=terms.max_quantity)
                row["wanted"] = number
            else:
                preview, error = _attempt(portal, lambda: _quantity_preview(subscription, line, number, portal))
                row.update(wanted=number, preview=preview or "")
        shown.append(row)
    return portal.page("quantity.html", status=409 if error and request.method == "POST" else 200,
                       title=text["action_quantity"], error=error, lines=shown, back=url(portal, subscription))


def _quantity_preview(subscription, line, number: int, portal) -> str:
    """The line at `number` as the next delivery will charge it (the change tried and undone: tiers, offers, overrides)."""
    quoted = quote(subscription, portal.language, lambda tried: actions.change_quantity(
        tried, line.pk, number, **_who(portal, tried)))
    before, after = (next((row for row in (quoted[key] or {}).get("lines", ()) if row["variant_id"] == line.variant_id),
                          None) for key in ("current", "changed"))  # a line comes before its free inserts
    if before is None or after is None:
        return error_text("other", portal.language)
    return portal.texts["quantity_price"].format(quantity=number, unit=after["unit_price"]["formatted"],
                                                 total=after["amount"]["formatted"], before=before["amount"]["formatted"])


def _whole(value) -> int | None:
    return int(value) if isinstance(value, str) and re.fullmatch(r"\s*\d{1,6}\s*", value) else None


def variant(request, portal, subscription):
    text, money = portal.texts, lambda amount: format_money(amount, subscription.currency, portal.language)
    lines = list(subscription.lines.select_related("plan_version").order_by("pk"))
    product_switch = subscription.plan.product
    try:
        product = _product(subscription, portal) or {"variants": []}
    except SaleorError:
        return portal.page("notice.html", status=503, title=text["action_variant"],
                           lines=[error_text("saleor_unavailable", portal.language)],
                           links=[{"url": url(portal, subscription), "label": text["back"]}])
    taken = {line.variant_id for line in lines}
    names = {v["id"]: translated(v, portal.language) for v in product["variants"] or ()}
    choices = []
    for line in lines:
        for option in product["variants"] or ():
            if option["id"] in taken or not product_switch.covers(option["id"]) or not option.get("pricing"):
                continue
            try:
                unit = _unit(subscription, line, line.quantity, list_price(option, subscription.currency))
                detail = text["variant_price"].format(unit=money(unit), total=money(unit * line.quantity))
            except PricingError:
                detail = ""
            label = names[option["id"]] if len(lines) == 1 else f"{names.get(line.variant_id, '')} → {names[option['id']]}"
            choices.append({"value": f"{line.pk}:{option['id']}", "label": label, "detail": detail})
    error = ""
    if request.method == "POST":
        line_id, _, variant_id = (request.POST.get("variant") or "").partition(":")
        if f"{line_id}:{variant_id}" not in {choice["value"] for choice in choices}:
            error = text["choose_variant"]
        else:
            done, error = _attempt(portal, lambda: actions.change_variant(subscription, int(line_id), variant_id,
                                                                          **_who(portal, subscription)))
            if done is not None:
                return _done(portal, subscription, text["variant_changed"].format(variant=names[variant_id]))
    current = (", " if portal.language == "en" else "、").join(names.get(line.variant_id, "") for line in lines)
    return portal.page("choose.html", status=409 if error else 200, title=text["action_variant"], error=error,
                       lines=[text["variant_intro"].format(variant=current)], choices=choices, name="variant",
                       button=text["variant_button"], empty=text["variant_none"], back=url(portal, subscription))


# ---- address ----------------------------------------------------------------------------------------------------

def address(request, portal, subscription):
    text = portal.texts
    current = subscription.shipping_address or {}
    country = (current.get("country") or {}).get("code") or "JP"
    values = {name: current.get(saleor) or "" for name, saleor in ADDRESS_FIELDS.items()}
    if country == "JP" and values["phone"].startswith("+81"):
        values["phone"] = "0" + values["phone"][3:]
    errors, error = {}, ""
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in ADDRESS_FIELDS}
        cleaned, errors = clean_address(values, country, text)
        if errors:
            error = text["fix_fields"]
        else:
            done, error = _attempt(portal, lambda: actions.change_address(subscription, cleaned, **_who(portal, subscription)))
            if done is not None:
                return _done(portal, subscription, text["address_changed"])
    return portal.page("address.html", status=409 if error else 200, title=text["action_address"], error=error,
                       values=values, errors=errors, japan=country == "JP", prefectures=PREFECTURES,
                       back=url(portal, subscription))


# ---- card, cancel -------------------------------------------------------------------------------------------------

def card(request, portal, subscription):
    text = portal.texts
    customer = StripeCustomer.objects.filter(installation=subscription.installation,
                                             saleor_user_id=subscription.customer_id).first()
    if customer is None or subscription.status in ENDED:
        return portal.page("notice.html", status=409, title=text["action_card"], lines=[text["card_unavailable"]],
                           links=[{"url": url(portal, subscription), "label": text["back"]}])
    setup_intent = request.GET.get("setup_intent")
    if setup_intent:  # back from Stripe's confirmation
        try:
            method = finish_card_replacement(customer, setup_intent)
        except (ValueError, stripe.StripeError):
            return portal.page("notice.html", status=400, title=text["action_card"], lines=[text["card_failed"]],
                               links=[{"url": url(portal, subscription, "card"), "label": text["action_card"]}])
        actions.use_card(subscription, method, **_who(portal, subscription))
        return _done(portal, subscription, text["card_changed"].format(card=str(method)))
    refused = _online(portal)
    if refused is not None:
        return refused
    account = stripe_api.access(subscription.installation)
    return portal.page("card.html", title=text["action_card"], back=url(portal, subscription), stripe={
        "publishable_key": account.publishable_key, "options": account.browser_options, "client_secret": start_card_replacement(customer),
        "locale": STRIPE_LOCALES.get(portal.language, "auto"), "return_url": request.build_absolute_uri(request.path)})


def cancel(request, portal, subscription):
    """Reason → (the reason's offer: take it, or decline) → cancelled: two clicks from the reason, never more."""
    text, installation = portal.texts, subscription.installation
    error, choices = "", retention.reasons(installation, portal.language)
    if request.method == "POST":
        refused = _online(portal) if request.POST.get("answer") != "accept" else None
        if refused is not None:
            return refused
        today = today_in(installation)
        if request.POST.get("attempt"):
            return _answer(request, portal, subscription, today)
        reason, said = request.POST.get("reason") or "", (request.POST.get("text") or "").strip()
        who = _who(portal, subscription)
        attempt, error = _attempt(portal, lambda: retention.start(subscription, reason, text=said, **who))
        if attempt is not None and attempt.offer_kind:
            return portal.page("offer.html", title=text["offer_title"], attempt=attempt.pk,
                               lines=[retention.offer_text(attempt, portal.language)], back=url(portal, subscription))
        if attempt is not None:
            done, error = _attempt(portal, lambda: retention.decline(attempt, at_period_end=False, today=today))
            if done is not None:
                return _done(portal, subscription, text["cancelled"])
    return portal.page("cancel.html", status=409 if error else 200, title=text["action_cancel"], error=error,
                       reasons=[(choice["code"], choice["label"]) for choice in choices], button=text["cancel_button"],
                       text_limit=retention.TEXT_LENGTH, back=url(portal, subscription))


def _answer(request, portal, subscription, today):
    """The customer took the offer shown, or declined it and so cancelled."""
    text = portal.texts
    try:
        attempt = retention.attempt_of(subscription, request.POST.get("attempt"))
    except InputError as error:
        return portal.page("notice.html", status=409, title=text["action_cancel"], lines=[_refusal(portal, error)],
                           links=[{"url": url(portal, subscription), "label": text["back"]}])
    if request.POST.get("answer") == "accept":
        done, error = _attempt(portal, lambda: retention.accept(attempt, today=today))
        message = text["offer_accepted"]
    else:
        done, error = _attempt(portal, lambda: retention.decline(attempt, at_period_end=False, today=today))
        message = text["cancelled"]
    if done is not None:
        return _done(portal, subscription, message)
    return portal.page("notice.html", status=409, title=text["action_cancel"], lines=[error],
                       links=[{"url": url(portal, subscription, "cancel"), "label": text["action_cancel"]},
                              {"url": url(portal, subscription), "label": text["back"]}])


def addon(request, portal, subscription):
    """A product added to the next delivery only, at the channel's price (its price shown first), or taken out again."""
    text, money = portal.texts, lambda amount: format_money(amount, subscription.currency, portal.language)
    error, who = "", _who(portal, subscription)
    if request.method == "POST" and request.POST.get("remove"):
        item = subscription.one_time_items.filter(pk=_whole(request.POST["remove"]) or 0).first()
        done, error = _attempt(portal, lambda: addons.remove_one_time_item(subscription, item.pk if item else 0, **who))
        if done is not None:
            return _done(portal, subscription, text["addon_removed"].format(item=_item_name(item)))
    elif request.method == "POST":
        number = _whole(request.POST.get("quantity"))
        if not request.POST.get("variant") or number is None:
            error = text["choose_item"]
        else:
            variant_id = request.POST["variant"]
            item, error = _attempt(portal, lambda: addons.add_one_time_item(subscription, variant_id, number, **who))
            if item is not None:
                return _done(portal, subscription, text["addon_added"].format(
                    item=_item_name(item), date=day_text(portal, subscription.next_renewal_on)))
    search = (request.GET.get("q") or "").strip()[:100]
    try:
        choices = _catalogue(subscription, portal.language, search, money)
    except SaleorError:
        choices, error = [], error or error_text("saleor_unavailable", portal.language)
    waiting = [{"id": item.pk, "label": f"{_item_name(item)} × {item.quantity}", "amount": money(item.total)}
               for item in addons.waiting_items(subscription)]
    return portal.page("addon.html", status=409 if error and request.method == "POST" else 200, title=text["action_addon"],
                       error=error, intro=text["addon_intro"].format(date=day_text(portal, subscription.next_renewal_on)),
                       choices=choices, search=search, waiting=waiting, back=url(portal, subscription))


def _item_name(item) -> str:
    return " ".join(part for part in (item.product_name, item.variant_name) if part) if item else ""


def _catalogue(subscription, language: str, search: str, money) -> list[dict]:
    """The channel's products on sale now, each variant with its price and stock (one Saleor request)."""
    edges = SaleorClient.for_installation(subscription.installation).execute("PortalCatalogue", {
        "channel": subscription.channel_slug, "search": search or None, "first": 30})["products"]["edges"]
    now, choices = timezone.now(), []
    for product in (edge["node"] for edge in edges):
        if not on_sale(product, subscription.channel_slug, now):
            continue
        for variant in product["variants"] or ():
            price = list_price(variant, subscription.currency)
            if price is None or not variant.get("quantityAvailable"):
                continue
            choices.append({"value": variant["id"], "label": f"{translated(product, language)} {translated(variant, language)}",
                            "detail": money(price)})
    return choices


ACTIONS = {"skip": skip, "move": move, "resume": resume, "pause": pause, "plan": change_plan, "quantity": quantity,
           "variant": variant, "address": address, "card": card, "cancel": cancel, "addon": addon}
