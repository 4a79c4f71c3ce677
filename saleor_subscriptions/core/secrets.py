"""Encryption at rest for secrets we must keep (Saleor app tokens), keyed from the environment."""

from functools import cache, lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class SecretUnreadable(Exception):
    """Stored ciphertext cannot be decrypted with any configured key."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(plaintext: str) -> str:
    """Encrypt with the first of FIELD_ENCRYPTION_KEYS (the others still decrypt: rotation)."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    return _decrypted(tuple(settings.FIELD_ENCRYPTION_KEYS), ciphertext)


@lru_cache(maxsize=256)
def _decrypted(keys: tuple[str, ...], ciphertext: str) -> str:
    """Once per process and ciphertext (a renewal reads its installation's token several times)."""
    try:
        return _fernet(keys).decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("no configured FIELD_ENCRYPTION_KEYS key decrypts this value") from None
