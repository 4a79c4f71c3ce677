import graphene


class ErrorCode(graphene.Enum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    UNKNOWN_INSTANCE = "unknown_instance"
    SALEOR_UNAVAILABLE = "saleor_unavailable"
    INVALID_CHARACTER = "invalid_character"


class Error(graphene.ObjectType):
    field = graphene.String(description="The argument at fault, in camelCase; null for the whole request.")
    code = graphene.Field(ErrorCode, required=True)
    message = graphene.String(required=True)


class Money(graphene.ObjectType):
    amount = graphene.Decimal(required=True, description="With the currency's precision (JPY: no decimals).")
    currency = graphene.String(required=True)
    formatted = graphene.String(required=True, description="Formatted for the requested language.")


class IntervalUnit(graphene.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Interval(graphene.ObjectType):
    unit = graphene.Field(IntervalUnit, required=True)
    count = graphene.Int(required=True)


class Trial(graphene.ObjectType):
    deliveries = graphene.Int(required=True)
    free_days = graphene.Int(description="Set for a free trial: the second delivery comes this many days later.")
    price = graphene.Field(Money, required=True, description="Unit price of each trial delivery.")


class PriceStep(graphene.ObjectType):
    from_delivery = graphene.Int(required=True)
    price = graphene.Field(Money, required=True)


class QuantityTier(graphene.ObjectType):
    min_quantity = graphene.Int(required=True)
    percent_off = graphene.Decimal()
    unit_price = graphene.Field(Money, required=True, description="Unit price from this quantity on (after the trial).")


class SellingPlan(graphene.ObjectType):
    code = graphene.String(required=True, description="Pass it to the checkout mutations.")
    version = graphene.Int(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    interval = graphene.Field(Interval, required=True)
    trial = graphene.Field(Trial)
    first_delivery_price = graphene.Field(Money, required=True)
    price = graphene.Field(Money, required=True, description="Regular unit price after any trial.")
    price_steps = graphene.List(graphene.NonNull(PriceStep), required=True)
    tiers = graphene.List(graphene.NonNull(QuantityTier), required=True)
    billing_limit = graphene.Int()
    min_commitment = graphene.Int()
    min_quantity = graphene.Int(required=True)
    max_quantity = graphene.Int()
    upcoming_deliveries = graphene.List(graphene.NonNull(graphene.Date), required=True,
                                        description="Example dates if ordered today: the first ships with the order.")


class SellingPlans(graphene.ObjectType):
    channel = graphene.String()
    currency = graphene.String()
    language = graphene.String()
    product_id = graphene.ID()
    variant_id = graphene.ID()
    one_time_price = graphene.Field(Money, description="The channel's list price: buying without a subscription.")
    plans = graphene.List(graphene.NonNull(SellingPlan), required=True)
    errors = graphene.List(graphene.NonNull(Error), required=True)
