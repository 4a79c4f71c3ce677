"""What an operator changes on the phone (MANAGE_ORDERS), each recorded as an Event naming the staff user.

Staff are held to the customers' change cut-off and the plan's minimum commitment unless they ask to
override (`override: true`; `overrideCommitment` on cancel is the same) and the plan's
`staff_overrides` allow it (`OVERRIDE_NOT_ALLOWED` otherwise); the event names the override.
"""

import graphene

from ..core.errors import InputError
from ..core.error_texts import error_message, error_text
from ..core.models import Event
from ..payment_methods import registry
from ..renewals.engine import today_in
from ..renewals.runs import renew_now
from ..saleor.client import SaleorError
from ..subscriptions import actions
from ..subscriptions.models import Subscription
from ..subscriptions.search import needs_attention
from .operators import SubscriptionRow, row_id
from .staff import Refused, StaffError, _refuse, staff_claims


OVERRIDE = ("Change inside the customers' cut-off (and, on cancel, before the minimum commitment) where the plan's "
            "staff_overrides allow it; the event records the override")


class SubscriptionChangePayload(graphene.ObjectType):
    subscription = graphene.Field(SubscriptionRow)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _change(info, subscription_id, change) -> dict:
    """Run `change(subscription, actor=…, actor_id=…, today=…)` for a staff user holding MANAGE_ORDERS."""
    try:
        installation, claims = staff_claims(info.context, "MANAGE_ORDERS")
        subscription = Subscription.objects.filter(
            installation=installation, pk=row_id(subscription_id)).first()
        if subscription is None:
            raise _refuse("id", "not_found", error_text("subscription_not_found", id=subscription_id))
        change(subscription, actor=Event.Actor.STAFF, actor_id=claims.get("email") or claims.get("user_id", ""),
               today=today_in(installation))
    except Refused as refused:
        return {"subscription": None, "errors": refused.errors}
    except InputError as exc:
        return {"subscription": None, "errors": [{"field": exc.field, "code": exc.code, "message": error_message(exc)}]}
    except SaleorError:
        return {"subscription": None, "errors": [{"field": None, "code": "saleor_unavailable",
                                                  "message": error_text("saleor_unavailable")}]}
    fresh = Subscription.objects.annotate(needs_attention=needs_attention()).select_related("plan").get(pk=subscription.pk)
    return {"subscription": SubscriptionRow.of(fresh), "errors": []}


class StaffSubscriptionSkip(graphene.Mutation):
    """The next delivery does not happen; the one after keeps the plan's rhythm."""

    class Arguments:
        id = graphene.ID(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, override=False):
        return _change(info, id, lambda subscription, **who: actions.skip_next(subscription, force=override, **who))


class StaffSubscriptionReschedule(graphene.Mutation):
    """Move the next delivery to another date."""

    class Arguments:
        id = graphene.ID(required=True)
        date = graphene.Date(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, date, override=False):
        return _change(info, id, lambda subscription, **who: actions.reschedule_next(subscription, date, force=override,
                                                                                     **who))


class StaffSubscriptionQuantity(graphene.Mutation):
    """Another quantity for a line, from the next delivery on (the plan's tiers price it)."""

    class Arguments:
        id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        quantity = graphene.Int(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, line_id, quantity, override=False):
        line = row_id(line_id)
        return _change(info, id, lambda subscription, **who: actions.change_quantity(subscription, line, quantity,
                                                                                     force=override, **who))


class StaffSubscriptionPause(graphene.Mutation):
    """No deliveries until `until` (or until resumed)."""

    class Arguments:
        id = graphene.ID(required=True)
        until = graphene.Date()
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, until=None, override=False):
        return _change(info, id, lambda subscription, **who: actions.pause(subscription, until=until, force=override, **who))


class StaffSubscriptionResume(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)

    Output = SubscriptionChangePayload

    def mutate(root, info, id):
        return _change(info, id, lambda subscription, **who: actions.resume(subscription, **who))


class StaffSubscriptionCancel(graphene.Mutation):
    """Now, or at the end of the paid period; a minimum commitment stands unless overridden on purpose."""

    class Arguments:
        id = graphene.ID(required=True)
        at_period_end = graphene.Boolean(required=True)
        override = graphene.Boolean(default_value=False, description=OVERRIDE)
        override_commitment = graphene.Boolean(default_value=False, description="The same as `override` (kept for callers)")
        reason = graphene.String(default_value="", description="Why the customer leaves, in their words (kept in the "
                                                                "history and the churn figures; up to 500 characters)")

    Output = SubscriptionChangePayload

    def mutate(root, info, id, at_period_end, override=False, override_commitment=False, reason=""):
        return _change(info, id, lambda subscription, **who: actions.cancel(
            subscription, at_period_end=at_period_end, force=bool(override or override_commitment), reason=reason or "",
            **who))


class StaffSubscriptionPrice(graphene.Mutation):
    """A per-subscriber unit price for a line, with the reason; `price: null` returns to the plan's price."""

    class Arguments:
        id = graphene.ID(required=True)
        line_id = graphene.ID(required=True)
        price = graphene.Decimal()
        reason = graphene.String(default_value="")

    Output = SubscriptionChangePayload

    def mutate(root, info, id, line_id, price=None, reason=""):
        line = row_id(line_id)
        return _change(info, id, lambda subscription, **who: actions.set_price(subscription, line, price, reason=reason or "", **who))


class StaffSubscriptionRenewNow(graphene.Mutation):
    """Order (and charge) the next delivery now instead of on its date."""

    class Arguments:
        id = graphene.ID(required=True)

    Output = SubscriptionChangePayload

    def mutate(root, info, id):
        return _change(info, id, lambda subscription, **who: renew_now(subscription, **who))


class StaffSubscriptionPaymentMethod(graphene.Mutation):
    """Switch renewals to a method that asks for each payment (cash on delivery, konbini, bank transfer, a plug-in's
    that staff may take: the detail's `paymentMethodChoices`); a new card is taken with staffCardSetup."""

    class Arguments:
        id = graphene.ID(required=True)
        method = graphene.String(required=True, description="A payment method's name, e.g. cod")

    Output = SubscriptionChangePayload

    def mutate(root, info, id, method):
        def change(subscription, **who):
            chosen = registry.for_staff((method or "").strip(), "method")
            if chosen.charged_off_session:
                raise InputError("method", "card_required", "a card is saved with staffCardSetup", words="card_required.method")
            actions.use_payment_method(subscription, chosen.name, **who)

        return _change(info, id, change)


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    company_name = graphene.String()
    street_address1 = graphene.String(required=True)
    street_address2 = graphene.String()
    city = graphene.String()
    city_area = graphene.String()
    postal_code = graphene.String(required=True)
    country = graphene.String(required=True, description="ISO 3166-1 alpha-2, e.g. JP")
    country_area = graphene.String(description="The prefecture or state")
    phone = graphene.String()


ADDRESS_FIELDS = {"first_name": "firstName", "last_name": "lastName", "company_name": "companyName",
                  "street_address1": "streetAddress1", "street_address2": "streetAddress2", "city": "city",
                  "city_area": "cityArea", "postal_code": "postalCode", "country_area": "countryArea", "phone": "phone"}


def stored_address(address) -> dict:
    """An AddressInput as subscriptions keep addresses (the shape of Saleor's webhook payloads)."""
    stored = {saleor: (address.get(ours) or "").strip()[:256] for ours, saleor in ADDRESS_FIELDS.items()}
    return stored | {"country": {"code": (address.get("country") or "").strip().upper()[:2]}}


class StaffSubscriptionAddress(graphene.Mutation):
    """Deliver to another address (and, if given, by another shipping method) from the next delivery on."""

    class Arguments:
        id = graphene.ID(required=True)
        shipping_address = AddressInput(required=True)
        shipping_method_id = graphene.ID()
        override = graphene.Boolean(default_value=False, description=OVERRIDE)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, shipping_address, shipping_method_id=None, override=False):
        from .operator_shipping import check_offered  # it builds on this module

        def change(subscription, **who):
            address = stored_address(shipping_address)
            method = check_offered(subscription, shipping_method_id, address) if shipping_method_id else None
            return actions.change_address(subscription, address, shipping_method_id=method, force=override, **who)

        return _change(info, id, change)
