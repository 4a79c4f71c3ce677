"""Who the shopper is: their Saleor access token, checked offline against the instance's keys (APP_PROTOCOL §8).

Offline checks cannot see revocation (password change, `tokensDeactivateAll`) or a deactivated account, so
cancelling and card changes confirm the token online first (`confirm_online`).
"""

from dataclasses import dataclass

import jwt

from ..config import normalize_api_url
from ..core.error_texts import error_text
from ..installations.models import Installation
from ..saleor.client import SaleorClient, SaleorError, SaleorGraphQLError, SaleorTransportError
from ..saleor.signatures import InvalidSignature, verify_saleor_jwt

ONLINE_TIMEOUT = (2, 5)


@dataclass(frozen=True)
class Customer:
    installation: Installation
    user_id: str
    email: str
    token: str


class NotSignedIn(Exception):
    """A coded refusal: token_missing, token_invalid, token_expired, token_not_access, token_other_instance,
    token_revoked, or saleor_unreachable (the online check could not be made)."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)

    @property
    def message(self) -> str:
        return error_text(self.code)


def bearer_token(request) -> str:
    """The token of `Authorization: Bearer <token>`, or ""."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def customer_from_token(installation, token: str) -> Customer:
    """The customer an access token names, verified offline: signature, expiry, issuer, type."""
    if not token:
        raise NotSignedIn("token_missing")
    if _issuer(token) not in (None, installation.saleor_api_url):  # another shop's token, before its unknown key
        raise NotSignedIn("token_other_instance")
    try:
        claims = verify_saleor_jwt(installation, token, token_type="access")
    except InvalidSignature as exc:
        raise NotSignedIn(_code(token, str(exc))) from None
    user_id, email = claims.get("user_id"), claims.get("email")
    if not isinstance(user_id, str) or not user_id or not isinstance(email, str):
        raise NotSignedIn("token_invalid")
    return Customer(installation, user_id, email, token)


def _issuer(token: str) -> str | None:
    """The unverified `iss`, normalized; None when unreadable (the signature check then refuses it)."""
    try:
        return normalize_api_url(str(jwt.decode(token, options={"verify_signature": False})["iss"]))
    except (jwt.PyJWTError, KeyError, ValueError):
        return None


def _code(token: str, reason: str) -> str:
    if reason == "token expired":
        return "token_expired"
    if reason.startswith("not a Saleor"):
        try:
            kind = jwt.decode(token, options={"verify_signature": False}).get("type")
        except jwt.PyJWTError:
            kind = None
        return "token_not_access" if kind in ("refresh", "thirdparty") else "token_invalid"
    return "token_invalid"


def confirm_online(customer: Customer) -> None:
    """Ask Saleor whether the token still stands for an active account (`me` with the customer's token)."""
    client = SaleorClient(customer.installation.saleor_api_url, customer.token, attempts=1)
    try:
        me = client.execute("CustomerMe", timeout=ONLINE_TIMEOUT)["me"]
    except SaleorGraphQLError:
        raise NotSignedIn("token_revoked") from None  # Saleor refuses a token it no longer accepts
    except SaleorTransportError as exc:
        raise NotSignedIn("token_revoked" if exc.status in (400, 401, 403) else "saleor_unreachable") from None
    except SaleorError:
        raise NotSignedIn("saleor_unreachable") from None
    if not me or me.get("id") != customer.user_id or not me.get("isActive", True):
        raise NotSignedIn("token_revoked")
