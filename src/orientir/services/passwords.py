"""Passwords: a policy for new ones, and argon2id hashes (RFC 9106) for storing them.

The policy follows NIST SP 800-63B §5.1.1.2 in spirit: length matters most, so at least 12
characters; a password of one character class only, or one repeated character, is refused
because it is the first thing a guesser tries; and there is an upper bound so hashing cannot
be made into a denial of service.
"""

from __future__ import annotations

import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from orientir.errors import InvalidInput

MIN_LENGTH = 12
MAX_LENGTH = 1024

# argon2-cffi's defaults are RFC 9106's second recommended option (argon2id, 64 MiB, t=3).
_hasher = PasswordHasher()
# Verified when an e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("orientir-timing-equaliser")


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Swap the hasher (tests and benchmarks use cheaper parameters); returns the old one."""
    global _hasher, _DUMMY_HASH
    old, _hasher = _hasher, hasher
    _DUMMY_HASH = hasher.hash("orientir-timing-equaliser")
    return old


def _classes(password: str) -> int:
    groups = (
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() or c in string.punctuation for c in password),
    )
    return sum(groups)


def check_policy(password: str, *, email: str | None = None) -> None:
    """Raise :class:`InvalidInput` with the reason when ``password`` is too weak."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"the password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"the password may have at most {MAX_LENGTH} characters")
    if len(set(password)) < 4:
        raise InvalidInput("the password repeats too few different characters")
    if _classes(password) < 2:
        raise InvalidInput(
            "the password needs at least two kinds of characters "
            "(lower-case, upper-case, digits, other)"
        )
    if email and password.lower() in {email.lower(), email.split("@")[0].lower()}:
        raise InvalidInput("the password must not be the e-mail address")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; with no stored hash, a dummy one is checked (timing)."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
