"""Finding subscriptions for operators: a keyset page, newest first, the same cost at any depth.

A search is an e-mail (any case: an index on lower(email)), a subscription or renewal order
number, a plan code, a Saleor customer id, or a customer's name or phone number (search_terms.py).
"""

import base64

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower

from .models import Renewal, Subscription
from .search_terms import looks_like_phone, name_or_phone

PAGE_MAX = 100
TROUBLED = (Renewal.State.FAILED, Renewal.State.RETRY_SCHEDULED)


class SearchError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def troubled() -> Q:
    """A renewal that failed or waits for stock (indexed: `renewal_troubled`)."""
    return Q(state__in=TROUBLED) | Q(last_error__startswith="waiting for stock")


def needs_attention() -> Q:
    """Past due, or the cycle due now failed or waits for stock."""
    current = Renewal.objects.filter(troubled(), subscription=OuterRef("pk"), cycle=OuterRef("deliveries") + 1)
    return Q(status=Subscription.Status.PAST_DUE) | Q(Exists(current))


def _needing_attention(installation) -> Q:
    """`needs_attention()` found from its two indexes (past due; troubled renewals) instead of a scan."""
    past_due = Subscription.objects.filter(installation=installation, status=Subscription.Status.PAST_DUE).values("pk")
    current = Renewal.objects.filter(troubled(), subscription__installation=installation,
                                     cycle=F("subscription__deliveries") + 1).values("subscription_id")
    return Q(pk__in=past_due.union(current))


def cursor(subscription: Subscription) -> str:
    return base64.urlsafe_b64encode(f"subscription:{subscription.pk}".encode()).decode()


def _after(value: str) -> int:
    try:
        kind, pk = base64.urlsafe_b64decode(value.encode()).decode().split(":")
        if kind != "subscription":
            raise ValueError(kind)
        return int(pk)
    except (ValueError, UnicodeDecodeError):
        raise SearchError("after", "not a cursor of this list") from None


def _saleor_type(search: str) -> str | None:
    """"User" for a Saleor user id such as VXNlcjox, "Product" for a product id; None for anything else."""
    try:
        kind, _ = base64.b64decode(search + "=" * (-len(search) % 4), validate=True).decode().split(":", 1)
    except ValueError:  # not base64, not text, or no colon
        return None
    return kind if kind in ("User", "Product") else None


def _searched(installation, rows, search: str):
    """Each kind of search takes one indexed path (an OR of them would scan the table)."""
    search = search.strip()
    if "@" in search:
        return rows.alias(email_lower=Lower("email")).filter(email_lower=search.lower())
    if search.isdigit():
        numbered = set(Renewal.objects.filter(subscription__installation=installation, saleor_order_number=search)
                       .values_list("subscription_id", flat=True)[:PAGE_MAX])
        if len(search) < 19:
            numbered.add(int(search))
        if looks_like_phone(search):
            numbered |= set(rows.filter(name_or_phone(installation, search)).values_list("pk", flat=True)[:PAGE_MAX])
        return rows.filter(pk__in=numbered)
    kind = _saleor_type(search)
    if kind == "User":
        return rows.filter(customer_id=search)
    if kind == "Product":
        return rows.filter(plan__product__product_id=search)
    if installation.plans.filter(code=search).exists():
        return rows.filter(plan__code=search)
    return rows.filter(name_or_phone(installation, search))


def find(installation, *, search=None, status=(), channel=None, customer=None, next_from=None, next_to=None,
         attention=None, first=50, after=None) -> tuple[list[Subscription], bool]:
    """A page of the installation's subscriptions (each with `needs_attention`), and whether more follow.

    `attention`: True for those needing attention only, False for the others, None for all.
    """
    if not 1 <= first <= PAGE_MAX:
        raise SearchError("first", f"between 1 and {PAGE_MAX}")
    rows = Subscription.objects.filter(installation=installation)
    if search:
        rows = _searched(installation, rows, search)
    if status:
        rows = rows.filter(status__in=status)
    if channel:
        rows = rows.filter(channel_slug=channel)
    if customer:
        rows = rows.filter(customer_id=customer)
    if next_from:
        rows = rows.filter(next_renewal_on__gte=next_from)
    if next_to:
        rows = rows.filter(next_renewal_on__lte=next_to)
    if attention is not None:
        rows = rows.filter(_needing_attention(installation) if attention else ~needs_attention())
    if after:
        rows = rows.filter(pk__lt=_after(after))
    page = list(rows.annotate(needs_attention=needs_attention()).select_related("plan", "installation")
                .prefetch_related("lines__plan_version").order_by("-pk")[:first + 1])
    return page[:first], len(page) > first
