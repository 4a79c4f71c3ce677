"""What operators type to find a customer's subscriptions: the names and phone numbers on its addresses.

Each subscription keeps its terms in `SubscriptionSearchTerm` (`n:` + a name word, `p:` + a phone key), so a
search is an index prefix match at any table size. Names match by the start of each word, in any order
("yamada", "hanako yam", "山田"); phones by their last nine digits, which are the same whether the number
is typed nationally (090-1234-5678) or as Saleor stores it (+819012345678).
"""

import re
import unicodedata

from django.db.models import Q

from .models import SubscriptionSearchTerm

PHONE_DIGITS = 9
_PHONE_TYPED = re.compile(r"^\+?[\d\s().\-‐－ー]{7,}$")


def _fold(text: str) -> str:
    """Full-width to half-width, lower case, no surrounding space."""
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def phone_key(text: str) -> str | None:
    digits = re.sub(r"\D", "", _fold(text))
    return digits[-PHONE_DIGITS:] if len(digits) >= 7 else None


def looks_like_phone(text: str) -> bool:
    return bool(_PHONE_TYPED.match(_fold(text)))


def terms_for_addresses(*addresses: dict | None) -> set[str]:
    terms = set()
    for address in filter(None, addresses):
        first, last = _fold(address.get("firstName", "")), _fold(address.get("lastName", ""))
        words = [word for word in f"{first} {last}".split() if word]
        terms |= {f"n:{word}" for word in words}
        if first and last:  # 山田花子 or hanakoyamada typed without a space
            terms |= {f"n:{last}{first}".replace(" ", ""), f"n:{first}{last}".replace(" ", "")}
        if key := phone_key(address.get("phone") or ""):
            terms.add(f"p:{key}")
    return {term[:64] for term in terms}


def index_terms(subscription) -> None:
    """Replace the subscription's terms with those of its current addresses."""
    subscription.search_terms.all().delete()
    SubscriptionSearchTerm.objects.bulk_create(
        SubscriptionSearchTerm(subscription=subscription, installation_id=subscription.installation_id, term=term)
        for term in sorted(terms_for_addresses(subscription.shipping_address, subscription.billing_address))
    )


def _having(installation, **lookup) -> Q:
    """The subscriptions with such a term, found through the (installation, term) index first."""
    terms = SubscriptionSearchTerm.objects.filter(installation=installation, **lookup)
    return Q(pk__in=terms.values("subscription_id"))


def name_or_phone(installation, search: str) -> Q:
    """Subscriptions whose phone matches, or whose names start with every word typed."""
    if looks_like_phone(search) and (key := phone_key(search)):
        return _having(installation, term=f"p:{key}")
    match = Q()
    for word in _fold(search).split()[:4]:
        match &= _having(installation, term__startswith=f"n:{word[:62]}")
    return match
