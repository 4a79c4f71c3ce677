"""Our own GraphQL API at /graphql/: storefront queries, checkout mutations, staff plans, settings, mails, funnels."""

import graphene

from .checkout import SubscriptionLineAdd, SubscriptionLineRemovePlan, SubscriptionLineUpdate
from .customer.membership import HAS_ACTIVE_SUBSCRIPTION
from .customer.schema import CustomerMutation, CustomerQuery
from .disclosure import SubscriptionDisclosure, resolve_subscription_disclosure
from .exports import ExportCreate
from .mail_templates import (MailTemplatePayload, MailTemplatePreviewPayload, MailTemplateReset, MailTemplateSave,
                             MailTemplateInput, MailTemplatesPayload, resolve_mail_template, resolve_mail_template_preview,
                             resolve_mail_templates)
from .funnels import (FunnelCreate, FunnelDelete, FunnelPause, FunnelProducts, FunnelResume, Funnels, FunnelUpdate,
                      resolve_funnel_products, resolve_funnel_step_preview, resolve_funnels)
from .marketing import MailPreview, MailTestSend, resolve_mail_preview
from .retention import CancellationFigures, resolve_cancellation_figures
from .figures_cohorts import RENEWAL_RECOVERY, SUBSCRIPTION_COHORTS, SUBSCRIPTION_CONVERSION
from .plan_editor import (PlanMoveSubscribers, StaffPlanMove, StaffPlanPreview, StaffPlanProduct, StaffVariants,
                          resolve_staff_plan_move, resolve_staff_plan_preview, resolve_staff_plan_product, resolve_staff_variants)
from .selling_plans import resolve_selling_plans
from .shop_settings import PublicHolidays, ShopSettingsPayload, ShopSettingsUpdate, resolve_public_holidays, resolve_shop_settings
from .stripe_account import StripeAccountConnect, StripeAccountPayload, StripeAccountRemove, resolve_stripe_account
from .operator_changes import (
    StaffSubscriptionAddress,
    StaffSubscriptionCancel,
    StaffSubscriptionPause,
    StaffSubscriptionPaymentMethod,
    StaffSubscriptionPrice,
    StaffSubscriptionQuantity,
    StaffSubscriptionRenewNow,
    StaffSubscriptionReschedule,
    StaffSubscriptionResume,
    StaffSubscriptionSkip,
)
from .operator_lines import (
    StaffSubscriptionLineAdd,
    StaffSubscriptionLineRemove,
    StaffSubscriptionOneTimeItemAdd,
    StaffSubscriptionOneTimeItemRemove,
    StaffSubscriptionPlan,
    StaffSubscriptionVariant,
)
from .operator_records import StaffSubscriptionDelete, StaffSubscriptionPaymentReceived
from .operator_shipping import StaffShippingMethods, StaffSubscriptionShipping, resolve_staff_shipping_methods
from .phone_orders import (
    PhoneOrderInput,
    PhoneOrderQuote,
    StaffCardSetup,
    StaffCustomers,
    StaffPhoneOrderPlace,
    StaffChannels,
    StaffCustomerPayload,
    StaffProducts,
    StaffSubscriptionCard,
    resolve_staff_customers,
    resolve_staff_phone_order_quote,
    resolve_staff_channels,
    resolve_staff_customer,
    resolve_staff_products,
)
from .operators import (
    StaffOrderSubscription,
    StaffSubscriptions,
    SubscriptionDetail,
    SubscriptionStatus,
    resolve_staff_order_subscription,
    resolve_staff_subscription,
    resolve_staff_subscriptions,
)
from .staff import (
    InstallationSettingsPayload,
    InstallationSettingsUpdate,
    PaymentMarkReceived,
    PlanArchive,
    PlanCreate,
    PlanUpdate,
    ProductSubscriptionSet,
    StaffPlans,
    resolve_installation_settings,
    resolve_staff_plans,
)
from .types import SellingPlans
from .figures_revenue import SUBSCRIPTION_FIGURE_CHANNELS, SUBSCRIPTION_FIGURES


class Query(CustomerQuery, graphene.ObjectType):
    selling_plans = graphene.Field(
        SellingPlans,
        required=True,
        channel=graphene.String(required=True, description="Saleor channel slug; fixes the currency."),
        product_id=graphene.ID(),
        variant_id=graphene.ID(),
        language_code=graphene.String(description="Saleor LanguageCodeEnum value, e.g. JA, EN_US, ZH_HANT_TW."),
        resolver=resolve_selling_plans,
        description="Plans for a product or variant (give exactly one), priced for the channel.",
    )
    subscription_disclosure = graphene.Field(
        SubscriptionDisclosure,
        required=True,
        checkout_id=graphene.ID(required=True),
        language_code=graphene.String(description="Defaults to the checkout's language."),
        payment_method=graphene.String(description="The method the shopper chose (card, konbini, cod, bank_transfer): "
                                                   "state only its payment timing. Default: every method offered."),
        resolver=resolve_subscription_disclosure,
        description="What the final confirmation screen must show for each subscription line (特定商取引法).",
    )
    installation_settings = graphene.Field(InstallationSettingsPayload, required=True, resolver=resolve_installation_settings,
                                          description="Staff (Dashboard token, MANAGE_CHANNELS): this Saleor's app settings.")
    shop_settings = graphene.Field(ShopSettingsPayload, required=True, resolver=resolve_shop_settings,
                                   description="Staff (MANAGE_CHANNELS): the settings page's fields, typed.")
    stripe_account = graphene.Field(StripeAccountPayload, required=True, resolver=resolve_stripe_account,
                                    description="Staff (MANAGE_CHANNELS): the Stripe account this shop is paid into.")
    public_holidays = graphene.Field(
        PublicHolidays, required=True, year=graphene.Int(required=True), country=graphene.String(default_value="JP"),
        language=graphene.String(description="en, ja, zh-hans or zh-hant; default: the request's"),
        resolver=resolve_public_holidays,
        description="Staff (MANAGE_CHANNELS): a country's public holidays (ISO code), to close the delivery calendar on.")
    staff_subscriptions = graphene.Field(
        StaffSubscriptions, required=True, resolver=resolve_staff_subscriptions,
        search=graphene.String(description="An e-mail, a subscription or renewal order number, a plan code or a customer id"),
        status=graphene.List(graphene.NonNull(SubscriptionStatus)), channel=graphene.String(),
        customer=graphene.ID(description="A Saleor user's id: that customer's subscriptions"),
        next_from=graphene.Date(), next_to=graphene.Date(), needs_attention=graphene.Boolean(),
        first=graphene.Int(default_value=50), after=graphene.String(),
        description="Operators (MANAGE_ORDERS): subscriptions, newest first, keyset-paginated.")
    staff_subscription = graphene.Field(SubscriptionDetail, required=True, id=graphene.ID(required=True),
                                        resolver=resolve_staff_subscription,
                                        description="Operators (MANAGE_ORDERS): one subscription whole.")
    staff_shipping_methods = graphene.Field(
        StaffShippingMethods, required=True, id=graphene.ID(required=True), resolver=resolve_staff_shipping_methods,
        description="Operators (MANAGE_ORDERS): the shipping methods Saleor offers the subscription's channel and address.")
    staff_order_subscription = graphene.Field(
        StaffOrderSubscription, required=True, order_id=graphene.ID(required=True), resolver=resolve_staff_order_subscription,
        description="Operators (MANAGE_ORDERS): the subscription a Saleor order started or renewed (the order page widget).")
    staff_plans = graphene.Field(StaffPlans, required=True, product_id=graphene.ID(), resolver=resolve_staff_plans,
                                 description="Staff (Dashboard token, MANAGE_PRODUCTS): plans with their current terms.")
    staff_plan_product = graphene.Field(StaffPlanProduct, required=True, product_id=graphene.ID(required=True),
                                        resolver=resolve_staff_plan_product,
                                        description="Staff (MANAGE_PRODUCTS): a product's switch, plans, variants and channels.")
    staff_plan_preview = graphene.Field(
        StaffPlanPreview, required=True, product_id=graphene.ID(required=True), terms=graphene.JSONString(required=True),
        code=graphene.String(), resolver=resolve_staff_plan_preview,
        description="Staff (MANAGE_PRODUCTS): draft terms priced per channel and stated as the checkout will, nothing saved.")
    staff_variants = graphene.Field(StaffVariants, required=True, search=graphene.String(required=True),
                                    resolver=resolve_staff_variants,
                                    description="Staff (MANAGE_PRODUCTS): variants of products named like `search` (free inserts).")
    staff_plan_move = graphene.Field(StaffPlanMove, required=True, code=graphene.String(required=True),
                                     resolver=resolve_staff_plan_move,
                                     description="Staff (MANAGE_PRODUCTS): who a move to the plan's current version affects.")
    staff_customers = graphene.Field(StaffCustomers, required=True, search=graphene.String(required=True),
                                     first=graphene.Int(default_value=10), resolver=resolve_staff_customers,
                                     description="Operators (MANAGE_ORDERS): Saleor customers by e-mail, name or phone.")
    staff_customer = graphene.Field(StaffCustomerPayload, required=True, id=graphene.ID(required=True),
                                    resolver=resolve_staff_customer,
                                    description="Operators (MANAGE_ORDERS): one Saleor customer, for a phone order opened for them.")
    staff_channels = graphene.Field(StaffChannels, required=True, resolver=resolve_staff_channels,
                                    description="Operators (MANAGE_ORDERS): Saleor's active channels, to take a phone order in.")
    staff_products = graphene.Field(StaffProducts, required=True, channel=graphene.String(required=True),
                                    search=graphene.String(required=True), resolver=resolve_staff_products,
                                    description="Operators (MANAGE_ORDERS): subscribable products, variants and plans.")
    staff_phone_order_quote = graphene.Field(PhoneOrderQuote, required=True, input=PhoneOrderInput(required=True),
                                             resolver=resolve_staff_phone_order_quote,
                                             description="Operators (MANAGE_ORDERS): a phone order priced, nothing made.")
    cancellation_figures = graphene.Field(
        CancellationFigures, required=True, since=graphene.Date(required=True), until=graphene.Date(required=True),
        resolver=resolve_cancellation_figures,
        description="Staff (MANAGE_ORDERS): per cancellation reason, from `since` to `until` (inclusive, the shop's dates): "
                    "attempts, offers shown and accepted per kind, saved, cancelled, abandoned.")
    mail_preview = graphene.Field(
        MailPreview, required=True, language=graphene.String(required=True), kind=graphene.String(),
        funnel_id=graphene.ID(), position=graphene.Int(), resolver=resolve_mail_preview,
        description="A mail (`kind`, e.g. payment_failed) or a funnel step, rendered for a sample customer.",
    )
    mail_templates = graphene.Field(MailTemplatesPayload, required=True, resolver=resolve_mail_templates,
                                    description="Staff (MANAGE_CHANNELS): every mail kind × language, whether the shop's own "
                                                "template is in use.")
    mail_template = graphene.Field(MailTemplatePayload, required=True, kind=graphene.String(required=True),
                                   language=graphene.String(required=True), resolver=resolve_mail_template,
                                   description="Staff (MANAGE_CHANNELS): one mail's current and default source, its versions.")
    mail_template_preview = graphene.Field(
        MailTemplatePreviewPayload, required=True, kind=graphene.String(required=True), language=graphene.String(required=True),
        input=MailTemplateInput(required=True), resolver=resolve_mail_template_preview,
        description="Staff (MANAGE_CHANNELS): a draft rendered for a sample customer, or refused as saving it would be.")
    funnels = graphene.Field(Funnels, required=True, resolver=resolve_funnels,
                             description="Staff (Dashboard token, MANAGE_DISCOUNTS): step-mail funnels and their figures.")
    funnel_step_preview = graphene.Field(
        MailPreview, required=True, language=graphene.String(required=True), subject=graphene.String(required=True),
        body=graphene.String(required=True), offer_percent_off=graphene.String(), voucher_code=graphene.String(),
        resolver=resolve_funnel_step_preview,
        description="Staff (MANAGE_DISCOUNTS): a step being typed, as the server would mail it to a sample buyer in "
                    "`language` (nothing saved); a text that fails to render is a TEMPLATE error with its line.")
    funnel_products = graphene.Field(
        FunnelProducts, required=True, search=graphene.String(), ids=graphene.List(graphene.NonNull(graphene.ID)),
        resolver=resolve_funnel_products,
        description="Staff (MANAGE_DISCOUNTS): Saleor products by name (or ids) with their variants and the plans a "
                    "funnel can offer, for the funnel editor's pickers.")
    has_active_subscription = HAS_ACTIVE_SUBSCRIPTION
    subscription_figures = SUBSCRIPTION_FIGURES
    subscription_figure_channels = SUBSCRIPTION_FIGURE_CHANNELS
    subscription_cohorts = SUBSCRIPTION_COHORTS
    subscription_conversion = SUBSCRIPTION_CONVERSION
    renewal_recovery = RENEWAL_RECOVERY


class Mutation(CustomerMutation, graphene.ObjectType):
    subscription_line_add = SubscriptionLineAdd.Field()
    subscription_line_update = SubscriptionLineUpdate.Field()
    subscription_line_remove_plan = SubscriptionLineRemovePlan.Field()
    plan_create = PlanCreate.Field()
    plan_update = PlanUpdate.Field()
    plan_archive = PlanArchive.Field()
    plan_move_subscribers = PlanMoveSubscribers.Field()
    product_subscription_set = ProductSubscriptionSet.Field()
    payment_mark_received = PaymentMarkReceived.Field()
    mail_test_send = MailTestSend.Field()
    funnel_create = FunnelCreate.Field()
    funnel_update = FunnelUpdate.Field()
    funnel_pause = FunnelPause.Field()
    funnel_resume = FunnelResume.Field()
    funnel_delete = FunnelDelete.Field()
    installation_settings_update = InstallationSettingsUpdate.Field()
    shop_settings_update = ShopSettingsUpdate.Field()
    mail_template_save = MailTemplateSave.Field()
    mail_template_reset = MailTemplateReset.Field()
    stripe_account_connect = StripeAccountConnect.Field()
    stripe_account_remove = StripeAccountRemove.Field()
    staff_subscription_skip = StaffSubscriptionSkip.Field()
    staff_subscription_reschedule = StaffSubscriptionReschedule.Field()
    staff_subscription_quantity = StaffSubscriptionQuantity.Field()
    staff_subscription_pause = StaffSubscriptionPause.Field()
    staff_subscription_resume = StaffSubscriptionResume.Field()
    staff_subscription_cancel = StaffSubscriptionCancel.Field()
    staff_subscription_price = StaffSubscriptionPrice.Field()
    staff_subscription_renew_now = StaffSubscriptionRenewNow.Field()
    staff_subscription_payment_method = StaffSubscriptionPaymentMethod.Field()
    staff_subscription_address = StaffSubscriptionAddress.Field()
    staff_subscription_line_add = StaffSubscriptionLineAdd.Field()
    staff_subscription_line_remove = StaffSubscriptionLineRemove.Field()
    staff_subscription_one_time_item_add = StaffSubscriptionOneTimeItemAdd.Field()
    staff_subscription_one_time_item_remove = StaffSubscriptionOneTimeItemRemove.Field()
    staff_subscription_variant = StaffSubscriptionVariant.Field()
    staff_subscription_plan = StaffSubscriptionPlan.Field()
    staff_subscription_shipping = StaffSubscriptionShipping.Field()
    staff_subscription_payment_received = StaffSubscriptionPaymentReceived.Field()
    staff_subscription_delete = StaffSubscriptionDelete.Field()
    staff_subscription_card = StaffSubscriptionCard.Field()
    staff_card_setup = StaffCardSetup.Field()
    staff_phone_order_place = StaffPhoneOrderPlace.Field()
    export_create = ExportCreate.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)
