"""Staff operations for the Dashboard pages: plans and the subscription switch.

Every call carries the Dashboard's token (`Authorization-Bearer`, as the App Bridge SDK sends it),
verified offline against the instance's keys; the token's `permissions` (the app's and the staff
user's in common) must include the operation's permission.
"""

import logging

import graphene

from ..core.error_texts import error_text
from ..core.errors import InputError
from ..installations import settings as installation_settings
from ..payments.offline import NotPending, mark_received
from ..plans.actions import PlanError, archive_plan, create_plan, revise_plan, set_subscribable
from ..plans.models import Plan
from ..plans.subscribers import subscribers_per_version
from ..portal.links import portal_url
from ..saleor.channels import saleor_channels
from ..saleor.client import SaleorError
from ..saleor.signatures import InvalidSignature, verify_saleor_jwt
from .context import UnknownInstance, installation_for

logger = logging.getLogger(__name__)


class StaffErrorCode(graphene.Enum):
    UNAUTHENTICATED = "unauthenticated"
    PERMISSION_DENIED = "permission_denied"
    UNKNOWN_INSTANCE = "unknown_instance"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    UNIQUE = "unique"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID_CHARACTER = "invalid_character"
    PERMISSION_MISSING = "permission_missing"
    MAIL_FAILED = "mail_failed"
    MAIL_DELAYED = "mail_delayed"
    # an operator's change refused by the subscription's state or plan (subscriptions/actions.py)
    INVALID_STATUS = "invalid_status"
    PAST_CUTOFF = "past_cutoff"
    COMMITMENT = "commitment"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    TOO_SOON = "too_soon"
    TOO_LATE = "too_late"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    NOT_AVAILABLE = "not_available"
    PAYMENT_METHOD = "payment_method"
    BUSY = "busy"
    # the operators' desk (api/operator_*.py)
    OVERRIDE_NOT_ALLOWED = "override_not_allowed"
    LAST_LINE = "last_line"
    NOT_PENDING = "not_pending"
    IN_ORDER = "in_order"  # a one-time item its delivery's order carries already
    TOO_MANY = "too_many"  # one-time items: at most so many products per delivery
    SALEOR_UNAVAILABLE = "saleor_unavailable"
    # a phone order refused (api/phone_orders.py)
    OUT_OF_STOCK = "out_of_stock"
    NO_SHIPPING = "no_shipping"
    CARD_DECLINED = "card_declined"
    CARD_REQUIRED = "card_required"
    CUSTOMER_EXISTS = "customer_exists"
    STRIPE_UNAVAILABLE = "stripe_unavailable"
    PRICE_UNAVAILABLE = "price_unavailable"
    # a payment method staff chose (a phone order, a subscription's switch): not installed, or not staff's to take
    UNKNOWN_PAYMENT_METHOD = "unknown_payment_method"
    NOT_TAKEN_BY_STAFF = "not_taken_by_staff"
    # a text that fails to render, with its line: a step mail's (funnels/step_texts.py), a shop's mail template
    # (mail/shop_templates.py)
    TEMPLATE = "template"
    # a shop's own Stripe account refused on save (payments/accounts.py)
    STRIPE_KEY_REFUSED = "stripe_key_refused"
    STRIPE_KEY_PERMISSION = "stripe_key_permission"
    MODE_MISMATCH = "mode_mismatch"
    # a step-mail funnel's voucher code that has ended in Saleor (funnels/vouchers.py)
    EXPIRED = "expired"


class StaffError(graphene.ObjectType):
    field = graphene.String()
    code = graphene.Field(StaffErrorCode, required=True)
    message = graphene.String(required=True)


class Refused(Exception):
    def __init__(self, errors):
        self.errors = errors


def _refuse(field, code, message):
    return Refused([{"field": field, "code": code, "message": message}])


def staff_claims(request, permission: str):
    """(installation, the Dashboard token's claims) for a token holding `permission`."""
    try:
        installation = installation_for(request)
    except UnknownInstance as exc:
        raise _refuse(None, "unknown_instance", str(exc)) from None
    token = request.headers.get("Authorization-Bearer", "")
    if not token:
        raise _refuse(None, "unauthenticated", error_text("unauthenticated"))
    try:
        claims = verify_saleor_jwt(installation, token, token_type="thirdparty")
    except InvalidSignature as exc:
        logger.info("Dashboard token refused: %s", exc)  # the reason is for the operator, not the caller
        raise _refuse(None, "unauthenticated", error_text("unauthenticated")) from None
    if permission not in (claims.get("permissions") or ()):
        raise _refuse(None, "permission_denied", error_text("permission_denied", permission=permission))
    return installation, claims


def staff(request, permission: str):
    """(installation, staff user id) for a Dashboard token holding `permission`."""
    installation, claims = staff_claims(request, permission)
    return installation, claims.get("user_id", "")


def _plan(installation, code) -> Plan:
    plan = Plan.objects.filter(installation=installation, code=code).select_related("product").first()
    if plan is None:
        raise _refuse("code", "not_found", error_text("plan_not_found", code=code))
    return plan


class PlanNode(graphene.ObjectType):
    code = graphene.String(required=True)
    product_id = graphene.ID(required=True)
    position = graphene.Int(required=True)
    is_archived = graphene.Boolean(required=True)
    version = graphene.Int(required=True)
    terms = graphene.JSONString(required=True)
    subscribers = graphene.Int(required=True, description="Subscriptions still running on any version of the plan.")
    subscribers_on_older_versions = graphene.Int(required=True, description="Of those, the ones that keep an earlier "
                                                 "version (their price and terms) until moved to the current one.")

    @staticmethod
    def of(plan: Plan) -> dict:
        version = plan.current_version
        counts = subscribers_per_version(plan)
        return {"code": plan.code, "product_id": plan.product.product_id, "position": plan.position,
                "is_archived": plan.is_archived, "version": version.number, "terms": version.terms_json,
                "subscribers": sum(counts.values()),
                "subscribers_on_older_versions": sum(n for number, n in counts.items() if number != version.number)}


class PlanPayload(graphene.ObjectType):
    plan = graphene.Field(PlanNode)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _guarded(work):
    try:
        return {**work(), "errors": []}
    except Refused as refused:
        return {"errors": refused.errors}
    except PlanError as exc:
        return {"errors": exc.errors}


class PlanCreate(graphene.Mutation):
    """A new plan for a product (which becomes subscribable). `terms`: see docs, validated whole."""

    class Arguments:
        product_id = graphene.ID(required=True)
        code = graphene.String(required=True)
        terms = graphene.JSONString(required=True)
        position = graphene.Int(default_value=0)

    Output = PlanPayload

    def mutate(root, info, product_id, code, terms, position):
        def work():
            installation, user = staff(info.context, "MANAGE_PRODUCTS")
            plan = create_plan(installation, product_id=product_id, code=code, terms=terms, position=position or 0,
                               actor_id=user)
            return {"plan": PlanNode.of(plan)}

        return _guarded(work)


class PlanUpdate(graphene.Mutation):
    """New terms become a new version; current subscribers keep the version they bought."""

    class Arguments:
        code = graphene.String(required=True)
        terms = graphene.JSONString(required=True)

    Output = PlanPayload

    def mutate(root, info, code, terms):
        def work():
            installation, user = staff(info.context, "MANAGE_PRODUCTS")
            plan = _plan(installation, code)
            revise_plan(plan, terms, actor_id=user)
            return {"plan": PlanNode.of(plan)}

        return _guarded(work)


class PlanArchive(graphene.Mutation):
    class Arguments:
        code = graphene.String(required=True)

    Output = PlanPayload

    def mutate(root, info, code):
        def work():
            installation, user = staff(info.context, "MANAGE_PRODUCTS")
            return {"plan": PlanNode.of(archive_plan(_plan(installation, code), actor_id=user))}

        return _guarded(work)


class ProductSubscription(graphene.ObjectType):
    product_id = graphene.ID(required=True)
    subscribable = graphene.Boolean(required=True)
    variant_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)


class ProductSubscriptionSet(graphene.Mutation):
    """The product's "subscription" switch, optionally for some variants only."""

    class Arguments:
        product_id = graphene.ID(required=True)
        subscribable = graphene.Boolean(required=True)
        variant_ids = graphene.List(graphene.NonNull(graphene.ID), default_value=[])

    product = graphene.Field(ProductSubscription)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)

    def mutate(root, info, product_id, subscribable, variant_ids):
        def work():
            installation, user = staff(info.context, "MANAGE_PRODUCTS")
            product = set_subscribable(installation, product_id, subscribable=subscribable, variant_ids=variant_ids or [],
                                       actor_id=user)
            return {"product": {"product_id": product.product_id, "subscribable": product.is_subscribable,
                                "variant_ids": product.variant_ids}}

        return _guarded(work)


class PaymentMarkReceived(graphene.Mutation):
    """Cash on delivery or bank transfer: the money arrived, the order becomes paid."""

    class Arguments:
        transaction_id = graphene.ID(required=True)

    amount = graphene.Decimal()
    errors = graphene.List(graphene.NonNull(StaffError), required=True)

    def mutate(root, info, transaction_id):
        def work():
            installation, user = staff(info.context, "MANAGE_ORDERS")
            try:
                return {"amount": mark_received(installation, transaction_id=transaction_id, actor_id=user)}
            except NotPending as exc:
                raise _refuse("transactionId", "not_found", str(exc)) from None

        return _guarded(work)


class InstallationSettingsPayload(graphene.ObjectType):
    settings = graphene.JSONString()
    portal_url = graphene.String(description="The customer portal (link it from the storefront's account page; a storefront "
                                             "hands a signed-in shopper over by POSTing their Saleor token to <portalUrl>token)")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class InstallationSettingsUpdate(graphene.Mutation):
    """Time zone, default language, change cut-off, cancellation method and payment methods per channel."""

    class Arguments:
        settings = graphene.JSONString(required=True, description="Only the keys to change.")

    Output = InstallationSettingsPayload

    def mutate(root, info, settings):
        def work():
            installation, user = staff(info.context, "MANAGE_CHANNELS")
            if not isinstance(settings, dict):
                raise _refuse("settings", "invalid", error_text("json_object", name="settings"))
            if any(settings.get(name) for name in installation_settings.CHANNEL_SETTINGS):
                _check_channels(installation, settings)
            try:
                return {"settings": installation_settings.update(installation, settings, actor_id=user),
                        "portal_url": portal_url(installation)}
            except InputError as exc:
                raise _refuse(f"settings.{exc.field}", exc.code, exc.message) from None

        return _guarded(work)


def shop_channels(installation) -> list[dict]:
    """Saleor's channels (slug, name, currency); refused as `saleor_unavailable` when Saleor cannot say."""
    try:
        return [{"slug": channel.slug, "name": channel.name, "currency": channel.currency}
                for channel in saleor_channels(installation)]
    except SaleorError:
        raise _refuse(None, "saleor_unavailable", error_text("saleor_unavailable")) from None


def _check_channels(installation, settings: dict) -> None:
    """Refuse a channel Saleor does not have, as the shop settings page does (`settings.<setting>.<slug or index>`)."""
    slugs = {channel["slug"] for channel in shop_channels(installation)}
    found = installation_settings.unknown_channel(installation, settings, slugs)
    if found is not None:
        setting, place, slug = found
        raise _refuse(f"settings.{setting}.{place}", "not_found", error_text("channel_unknown", channel=slug))


def resolve_installation_settings(root, info):
    def work():
        installation, _ = staff(info.context, "MANAGE_CHANNELS")
        return {"settings": installation_settings.current(installation), "portal_url": portal_url(installation)}

    return _guarded(work)


class StaffPlans(graphene.ObjectType):
    plans = graphene.List(graphene.NonNull(PlanNode), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_plans(root, info, product_id=None):
    def work():
        installation, _ = staff(info.context, "MANAGE_PRODUCTS")
        plans = Plan.objects.filter(installation=installation).select_related("product")
        if product_id:
            plans = plans.filter(product__product_id=product_id)
        return {"plans": [PlanNode.of(plan) for plan in plans]}

    return {"plans": [], **_guarded(work)}
