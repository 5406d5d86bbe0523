"""Password hashing, token and OTP handling.

The password policy itself is the kernel's (:func:`dvc_core.rules.check_password`), the same
the app's screens apply.

Passwords are hashed with argon2; bearer tokens and OTPs are random and kept only as SHA-256
digests (they are long-random or short-lived and attempt-capped, so a fast hash is enough).
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong enough for passwords that are
# also rate-limited at login, and cheap enough that a 2-core commune PC verifies one in ~50 ms.
# Hashes record their own parameters, so raising these later keeps old hashes verifiable.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

def hash_password(password: str) -> str:
    return _hasher.hash(password)


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def verify_password(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_otp() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def otp_digest(account_id: str, otp: str) -> str:
    # Salted with the account id so equal codes of two accounts do not share a digest.
    return hashlib.sha256(f"{account_id}:{otp}".encode()).hexdigest()


def mask_phone(phone: str) -> str:
    """``0912345678`` → ``091****678`` (what the sign-up screen shows)."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


def mask_email(email: str) -> str:
    name, _, domain = email.partition("@")
    return (name[:1] + "***@" + domain) if domain else "***"
