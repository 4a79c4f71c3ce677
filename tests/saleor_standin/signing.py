"""The stand-in's own RSA key: signs webhooks and JWTs as Saleor does, and serves its JWKS."""

import base64
import hashlib
import json
import time

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class SigningKey:
    def __init__(self):
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        # Saleor's kid is the RFC 7638 thumbprint of the key.
        self.kid = _thumbprint(public)
        self.jwk = {**public, "use": "sig", "alg": "RS256", "kid": self.kid}

    @property
    def jwks(self) -> dict:
        return {"keys": [self.jwk]}

    def sign_webhook(self, body: bytes) -> str:
        """`<b64url(header)>..<b64url(signature)>` over the raw body (RFC 7797, b64=false)."""
        return jwt.api_jws.encode(
            body,
            self.private_key,
            algorithm="RS256",
            headers={"kid": self.kid, "b64": False, "crit": ["b64"], "typ": "JWT"},
            is_payload_detached=True,
        )

    def sign_jwt(self, claims: dict) -> str:
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})

    def token(self, api_url: str, *, token_type: str = "access", lifetime: int = 300, **claims) -> str:
        now = int(time.time())
        base = {"iat": now, "exp": now + lifetime, "iss": api_url, "owner": "saleor", "type": token_type}
        return self.sign_jwt({**base, **claims})


def _thumbprint(jwk: dict) -> str:
    members = json.dumps({"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(members.encode()).digest()).rstrip(b"=").decode()
