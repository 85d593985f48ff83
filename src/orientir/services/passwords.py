"""Passwords: a policy for new ones, and argon2id hashes (RFC 9106) for storing them.

The policy follows NIST SP 800-63B §5.1.1.2 in spirit: length matters most, so at least 12
characters; a password of one character class only, or one repeated character, is refused
because it is the first thing a guesser tries; so is one built on a commonly used password
(the small list in :mod:`orientir.services._common_passwords`, shipped in the package) or on
the e-mail address; and there is an upper bound so hashing cannot be made into a denial of
service. Each refusal says why, in Russian and English (:class:`WeakPassword`).
"""

from __future__ import annotations

import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from orientir import i18n
from orientir.errors import InvalidInput
from orientir.services._common_passwords import COMMON_BASES

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


_EDGES = string.digits + string.punctuation + " "

i18n.register(
    {
        "admin.password.too_short": {
            "en": f"The password needs at least {MIN_LENGTH} characters.",
            "ru": f"В пароле нужно не меньше {MIN_LENGTH} символов.",
        },
        "admin.password.too_long": {
            "en": f"The password may have at most {MAX_LENGTH} characters.",
            "ru": f"В пароле может быть не больше {MAX_LENGTH} символов.",
        },
        "admin.password.repetitive": {
            "en": "The password repeats too few different characters.",
            "ru": "В пароле слишком мало разных символов.",
        },
        "admin.password.one_kind": {
            "en": "The password needs at least two kinds of characters "
            "(lower-case, upper-case, digits, other).",
            "ru": "В пароле нужны символы хотя бы двух видов "
            "(строчные, прописные буквы, цифры, другие знаки).",
        },
        "admin.password.email": {
            "en": "The password must not be the e-mail address.",
            "ru": "Пароль не должен совпадать с адресом электронной почты.",
        },
        "admin.password.common": {
            "en": "This password is one of the most commonly used; choose another.",
            "ru": "Этот пароль из числа самых распространённых; выберите другой.",
        },
    }
)


class WeakPassword(InvalidInput):
    """A password the policy refuses; ``key`` names the reason's message in :mod:`i18n`."""

    def __init__(self, key: str) -> None:
        text = i18n.t(key, "en").rstrip(".")
        super().__init__(text[0].lower() + text[1:], key=key)


def _classes(password: str) -> int:
    groups = (
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() or c in string.punctuation for c in password),
    )
    return sum(groups)


def check_policy(password: str, *, email: str | None = None) -> None:
    """Raise :class:`WeakPassword` (an :class:`InvalidInput`) with the reason when
    ``password`` is too weak."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword("admin.password.too_short")
    if len(password) > MAX_LENGTH:
        raise WeakPassword("admin.password.too_long")
    if len(set(password)) < 4:
        raise WeakPassword("admin.password.repetitive")
    if _classes(password) < 2:
        raise WeakPassword("admin.password.one_kind")
    lowered = password.casefold()
    if email:
        address = email.strip().casefold()
        local = address.split("@")[0]
        if lowered.strip(_EDGES) in {address, local} or lowered in {address, local}:
            raise WeakPassword("admin.password.email")
    if is_common(password):
        raise WeakPassword("admin.password.common")


def is_common(password: str) -> bool:
    """Whether ``password`` is a common one, give or take digits and symbols at its ends."""
    lowered = password.casefold()
    bases = {lowered, lowered.strip(_EDGES), lowered.rstrip(_EDGES), lowered.lstrip(_EDGES)}
    return "" in bases or bool(bases & COMMON_BASES)


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
