"""Saleor JWTs (Dashboard and customer tokens) verified offline against the instance's JWKS."""

import jwt
import pytest

from saleor_subscriptions.saleor.signatures import InvalidSignature, verify_saleor_jwt

from .saleor_standin.signing import SigningKey

pytestmark = pytest.mark.django_db


def test_a_dashboard_token_for_this_app_is_accepted(installed):
    standin, app, installation = installed
    token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_permissions=["MANAGE_ORDERS"])
    assert verify_saleor_jwt(installation, token, token_type="thirdparty")["user_permissions"] == ["MANAGE_ORDERS"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"app": "QXBwOjk5"}, "another app"),
        ({"iss": "https://other.example/graphql/"}, "another Saleor"),
        ({"owner": "someone"}, "not a Saleor thirdparty token"),
        ({"type": "refresh"}, "not a Saleor thirdparty token"),
        ({"lifetime": -1}, "expired"),
    ],
)
def test_dashboard_tokens_are_checked_claim_by_claim(installed, change, message):
    standin, app, installation = installed
    claims = {"token_type": "thirdparty", "app": app.id, **change}
    token = standin.key.token(claims.pop("iss", standin.api_url), **claims)
    with pytest.raises(InvalidSignature, match=message):
        verify_saleor_jwt(installation, token, token_type="thirdparty")


def test_a_token_signed_by_someone_else_is_rejected(installed):
    standin, app, installation = installed
    token = SigningKey().token(standin.api_url, token_type="thirdparty", app=app.id)
    with pytest.raises(InvalidSignature):
        verify_saleor_jwt(installation, token, token_type="thirdparty")


def test_an_unsigned_token_is_rejected(installed):
    standin, app, installation = installed
    token = jwt.encode({"iss": standin.api_url, "type": "access", "owner": "saleor", "exp": 2**40}, key=None, algorithm="none")
    with pytest.raises(InvalidSignature, match="RS256"):
        verify_saleor_jwt(installation, token, token_type="access")
