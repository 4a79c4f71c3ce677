"""The customer's subscriptions, and one subscription as its customer sees it, with the changes it allows."""

from ..core.dates import format_day
from ..customers.overview import overview, overviews
from ..payment_methods import registry
from ..renewals.engine import today_in
from ..subscriptions import actions
from ..subscriptions.models import Subscription

ENDED = (Subscription.Status.CANCELLED, Subscription.Status.COMPLETED)


def url(portal, subscription, action: str = "") -> str:
    return f"{portal.home}subscriptions/{subscription.pk}/{action}"


def day_text(portal, day) -> str:
    return format_day(day, portal.language) if day else ""


def subscription_list(portal):
    text = portal.texts
    subscriptions = list(portal.owned().select_related("installation", "plan"))
    items = []
    for subscription, view in zip(subscriptions, overviews(subscriptions, portal.language)):
        upcoming = view["next_delivery"]
        items.append({"title": view["plan_name"], "status": text[f"status_{subscription.status}"],
                      "next_date": day_text(portal, upcoming["date"]) if upcoming else "",
                      "amount": upcoming["total"]["formatted"] if upcoming and upcoming["total"] else "",
                      "url": url(portal, subscription)})
    return portal.page("list.html", title=text["list_title"], subscriptions=items)


def available_actions(subscription) -> list[str]:
    if subscription.status in ENDED:
        return []
    if subscription.status == Subscription.Status.PAUSED:
        return ["resume", "address", "card", "cancel"]
    names = ["skip", "move", "addon", "quantity", "variant", "plan", "address", "card", "pause", "cancel"]
    if subscription.payment_kind != "card":
        names.remove("card")
    return names


def subscription_page(portal, subscription):
    text = portal.texts
    view = overview(subscription, portal.language)
    upcoming = view["next_delivery"]
    priced = {line["variant_id"]: line for line in (upcoming or {}).get("lines") or ()}
    lines = []
    for line in view["lines"]:
        price = priced.get(line["variant_id"])
        lines.append({"name": line_name(line), "quantity": line["quantity"],
                      "unit": price["unit_price"]["formatted"] if price else "",
                      "amount": price["amount"]["formatted"] if price else ""})
    next_view = None
    if upcoming:
        shipping = upcoming["shipping"]
        next_view = {"date": day_text(portal, upcoming["date"]),
                     "total": upcoming["total"]["formatted"] if upcoming["total"] else "",
                     "shipping": f"{text['shipping']} {shipping['formatted']}" if shipping and shipping["amount"] else "",
                     "once": [{"name": line_name(item), "quantity": item["quantity"], "amount": item["amount"]["formatted"]}
                              for item in upcoming.get("one_time_items") or ()]}
    orders = [{"date": day_text(portal, order["date"]), "number": order["number"],
               "amount": order["amount"]["formatted"] if order["amount"] else ""} for order in view["orders"]]
    return portal.page("subscription.html", title=view["plan_name"], status_label=text[f"status_{subscription.status}"],
                       notes=_notes(portal, subscription), actions=_action_links(portal, subscription), lines=lines,
                       next=next_view, following=[day_text(portal, day) for day in view["upcoming"][1:]],
                       payment=payment_words(view["payment_method"], text, portal.language), orders=orders,
                       address=_address_lines(subscription.shipping_address), addon_url=url(portal, subscription, "addon"))


def line_name(line: dict) -> str:
    return " ".join(part for part in (line.get("product_name"), line.get("variant_name")) if part)


def payment_words(method: dict, text: dict, language: str) -> str:
    if method["kind"] == "card":
        return (text["pay_card"].format(brand=method["brand"].upper(), last4=method["last4"]) if method.get("last4")
                else text["pay_card_unknown"])
    return text.get(f"pay_{method['kind']}") or registry.label(method["kind"], language)


def _notes(portal, subscription) -> list[str]:
    text, deadline = portal.texts, actions.change_deadline(subscription)
    notes = []
    if subscription.status == Subscription.Status.PAUSED:
        notes.append(text["paused_until"].format(date=day_text(portal, subscription.paused_until)) if subscription.paused_until
                     else text["paused_open"])
    elif deadline is not None and subscription.status in actions.CHANGEABLE:
        notes.append(text["deadline"].format(date=day_text(portal, deadline)) if today_in(subscription.installation) <= deadline
                     else text["deadline_passed"].format(date=day_text(portal, subscription.next_renewal_on)))
    if subscription.cancel_at_period_end:
        notes.append(text["cancel_at_period_end"])
    return notes


def _action_links(portal, subscription) -> list[dict]:
    return [{"url": url(portal, subscription, name), "label": portal.texts[f"action_{name}"], "danger": name == "cancel"}
            for name in available_actions(subscription)]


def _address_lines(address: dict | None) -> list[str]:
    if not address:
        return []
    name = " ".join(part for part in (address.get("lastName"), address.get("firstName")) if part)
    place = " ".join(part for part in (address.get("countryArea"), address.get("city"), address.get("streetAddress1"),
                                       address.get("streetAddress2")) if part)
    return [line for line in (address.get("postalCode") and f"〒{address['postalCode']}" if
                              (address.get("country") or {}).get("code") == "JP" else address.get("postalCode"),
                              place, name) if line]
