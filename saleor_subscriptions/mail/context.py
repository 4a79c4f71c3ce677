"""What the subscription mails can say: the same names in every template (Jinja2 strict undefined)."""

import datetime
import json

from ..core import rows
from ..invoices import links as invoice_links
from ..invoices.gathering import invoiceable
from ..plans.models import PlanVersion, validated_terms
from ..plans.pricing import PricingError, price_line
from ..portal.links import portal_url
from ..saleor.payloads import person_name
from ..subscriptions.addons import next_order_items
from ..subscriptions.models import Renewal, Subscription, SubscriptionLine
from . import links
from .sending import sender


_LINE, _VERSION = SubscriptionLine._meta.db_table, PlanVersion._meta.db_table
# What the context says of a subscription's lines, as expressions a read of a row naming it in `t0.subscription_id`
# may add (`rows.select(also=…)`): their quantity, and the first line's plan terms (JSON).
LINES = (f"(SELECT sum(l.quantity) FROM {_LINE} l WHERE l.subscription_id = t0.subscription_id)",
         f"(SELECT v.terms_json FROM {_LINE} l JOIN {_VERSION} v ON v.id = l.plan_version_id "
         f"WHERE l.subscription_id = t0.subscription_id ORDER BY l.id LIMIT 1)")


def subscription_context(subscription: Subscription, lines: tuple[int, str] | None = None) -> dict:
    """`lines`: the values of LINES, when they were read with the subscription (else the lines are read here)."""
    installation = subscription.installation
    if lines is None:
        read = rows.select(SubscriptionLine, "t0.subscription_id = %s ORDER BY t0.id", [subscription.pk],
                           joined="plan_version")
        quantity, terms = sum(line.quantity for line in read), read[0].plan_version.terms
    else:
        quantity, terms = lines[0], validated_terms(json.loads(lines[1]))
    plan = terms.text(subscription.language, installation.default_language)
    return {
        "customer": {"name": person_name(subscription.shipping_address or subscription.billing_address, subscription.language)
                     or subscription.email,
                     "email": subscription.email},
        "subscription": {
            "id": subscription.pk, "plan": plan.name, "status": subscription.status, "currency": subscription.currency,
            "next_date": subscription.next_renewal_on, "deliveries": subscription.deliveries,
            "payment_kind": subscription.payment_kind, "paused_until": subscription.paused_until,
            "quantity": quantity,
        },
        "sender": sender(installation),
        "links": links.Lazy(card=lambda: links.make("card", s=subscription.pk),
                            cancel=lambda: links.make("cancel", s=subscription.pk),
                            portal=lambda: portal_url(installation, subscription.pk)),
    }


def renewal_context(renewal: Renewal) -> dict:
    """`invoice`: the signed link to the order's printable invoice when it is paid after delivery (else empty)."""
    return {"renewal": {"cycle": renewal.cycle, "amount": renewal.amount, "order_number": renewal.saleor_order_number,
                        "date": renewal.scheduled_for, "attempts": renewal.attempts,
                        "invoice": invoice_links.make(renewal) if invoiceable(renewal) else ""}}


def one_time_items_context(subscription: Subscription) -> dict:
    """The next delivery's one-time items, named as the customer saw them when adding them."""
    return {"one_time_items": [{"product": item.product_name, "variant": item.variant_name, "quantity": item.quantity,
                                "amount": item.total} for item in next_order_items(subscription)]}


def plan_change_context(subscription: Subscription, to_version: PlanVersion, effective_on: datetime.date) -> dict:
    """A move to a plan's new version: its name, and what each delivery costs before and after (None when the price is
    a percentage of the list price, which the mail then names instead of an amount)."""
    installation = subscription.installation
    line = subscription.lines.select_related("plan_version").filter(plan_version__plan=to_version.plan_id).order_by("pk").first()

    def amount(terms):
        try:
            return price_line(terms, currency=subscription.currency, quantity=line.quantity, delivery=subscription.deliveries + 1,
                              percent_off=line.percent_off).total
        except PricingError:
            return None

    new = to_version.terms
    return {"effective_on": effective_on, "plan": new.text(subscription.language, installation.default_language).name,
            "old_amount": amount(line.plan_version.terms), "new_amount": amount(new),
            "percent_off": new.regular.percent_off, "min_commitment": new.min_commitment, "billing_limit": new.billing_limit}
