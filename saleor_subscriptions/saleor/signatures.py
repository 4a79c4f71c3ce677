"""Verifying what Saleor signs: webhook bodies (detached JWS) and its JWTs (Dashboard, customer)."""

import datetime

import jwt
from django.utils import timezone

from ..config import normalize_api_url
from .jwks import UnknownSigningKey, signing_key


class InvalidSignature(Exception):
    pass


def verify_webhook_signature(installation, body: bytes, signature: str) -> None:
    """Check `Saleor-Signature` (RS256, `b64: false`, detached) over the exact body bytes."""
    try:
        header = jwt.get_unverified_header(signature)
    except jwt.PyJWTError:
        raise InvalidSignature("Saleor-Signature is not a JWS") from None
    if signature.count(".") != 2 or signature.split(".")[1] != "":
        raise InvalidSignature("Saleor-Signature must be a detached JWS")
    if header.get("alg") != "RS256" or header.get("b64") is not False or "kid" not in header:
        raise InvalidSignature("Saleor-Signature must be RS256 with an unencoded payload and a kid")
    try:
        key = signing_key(installation, header["kid"])
        jwt.api_jws.decode_complete(signature, key=key, algorithms=["RS256"], detached_payload=body)
    except UnknownSigningKey as exc:
        raise InvalidSignature(str(exc)) from None
    except jwt.PyJWTError:
        raise InvalidSignature("signature does not match the body") from None


def verify_saleor_jwt(installation, token: str, *, token_type: str, now: datetime.datetime | None = None) -> dict:
    """Verify a Saleor-issued JWT offline and return its claims.

    `token_type` is "access" for customers and "thirdparty" for Dashboard (App Bridge) tokens;
    refresh tokens are never accepted.
    """
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != "RS256" or "kid" not in header:
            raise InvalidSignature("token must be RS256-signed with a kid")
        key = signing_key(installation, header["kid"])
        claims = jwt.decode(
            token, key=key, algorithms=["RS256"], options={"verify_exp": False, "verify_aud": False, "require": ["exp", "iss"]}
        )
    except UnknownSigningKey as exc:
        raise InvalidSignature(str(exc)) from None
    except jwt.PyJWTError as exc:
        raise InvalidSignature(f"token rejected: {exc}") from None
    now = now or timezone.now()
    if claims["exp"] <= now.timestamp():
        raise InvalidSignature("token expired")
    try:
        issuer = normalize_api_url(str(claims["iss"]))
    except ValueError:
        issuer = None
    if issuer != installation.saleor_api_url:
        raise InvalidSignature("token was issued by another Saleor instance")
    if claims.get("owner") != "saleor" or claims.get("type") != token_type:
        raise InvalidSignature(f"not a Saleor {token_type} token")
    if token_type == "thirdparty" and claims.get("app") != installation.app_id:
        raise InvalidSignature("token was issued for another app")
    return claims
