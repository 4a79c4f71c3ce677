"""The operators' desk: a payment that arrived for a renewal, and deleting a subscription for good."""

import graphene

from ..core.errors import InputError
from ..core.error_texts import error_message, error_text
from ..payments.offline import NotPending, renewal_received
from ..saleor.client import SaleorError
from ..subscriptions import deletion
from ..subscriptions.models import Renewal, Subscription
from .operator_changes import SubscriptionChangePayload, _change
from .operators import row_id
from .staff import Refused, StaffError, _refuse, staff_claims


class StaffSubscriptionPaymentReceived(graphene.Mutation):
    """Cash on delivery or a bank transfer for this delivery arrived: the renewal and its Saleor order become paid.

    Asking again changes nothing (the answer is the same)."""

    class Arguments:
        id = graphene.ID(required=True)
        cycle = graphene.Int(required=True, description="The delivery (renewal) paid for")

    Output = SubscriptionChangePayload

    def mutate(root, info, id, cycle):
        def receive(subscription, *, actor, actor_id, today):
            renewal = Renewal.objects.filter(subscription=subscription, cycle=cycle).first()
            if renewal is None:
                raise InputError("cycle", "not_found", f"no delivery {cycle} in this subscription", cycle=cycle)
            try:
                renewal_received(subscription.installation, renewal, actor_id=actor_id)
            except NotPending as exc:
                raise InputError("cycle", "not_pending", str(exc)) from None

        return _change(info, id, receive)


class StaffSubscriptionDeletePayload(graphene.ObjectType):
    deleted = graphene.Boolean(required=True)
    saleor_drafts_deleted = graphene.Int(required=True, description="Unpaid renewal orders of the app removed from "
                                         "Saleor (a draft deleted, an unconfirmed order cancelled); placed orders stay")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class StaffSubscriptionDelete(graphene.Mutation):
    """Delete a subscription for good (e.g. entered by mistake); `deletionEffects` on the detail says what happens."""

    class Arguments:
        id = graphene.ID(required=True)

    Output = StaffSubscriptionDeletePayload

    def mutate(root, info, id):
        refused = {"deleted": False, "saleor_drafts_deleted": 0}
        try:
            installation, claims = staff_claims(info.context, "MANAGE_ORDERS")
            subscription = Subscription.objects.filter(installation=installation, pk=row_id(id)).select_related(
                "installation", "plan").first()
            if subscription is None:
                raise _refuse("id", "not_found", error_text("subscription_not_found", id=id))
            removed = deletion.delete(subscription, actor_id=claims.get("email") or claims.get("user_id", ""))
        except Refused as exc:
            return {**refused, "errors": exc.errors}
        except InputError as exc:
            return {**refused, "errors": [{"field": exc.field, "code": exc.code, "message": error_message(exc)}]}
        except SaleorError:
            return {**refused, "errors": [{"field": None, "code": "saleor_unavailable",
                                           "message": error_text("saleor_unavailable")}]}
        return {"deleted": True, "saleor_drafts_deleted": removed, "errors": []}
