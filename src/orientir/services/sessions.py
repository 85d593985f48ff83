"""Signing in: checking a password under a rate limit, and server-side sessions.

* **Sessions** live in the database, so any number of worker processes share them and a sign-out
  ends a session everywhere. The cookie holds 256 random bits; only their SHA-256 hash is
  stored. Signing in always starts a *new* session and deletes the one the browser came with
  (OWASP session-fixation advice: rotate the id when privilege changes).
* **CSRF**: each session carries a random token that every state-changing form must echo
  (the synchroniser-token pattern); the comparison is constant-time.
* **Rate limit**: failed sign-ins are counted per e-mail address and per client address in a
  sliding window, in the database — a limit kept in one process's memory would be multiplied
  by the number of workers.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from orientir.errors import LimitExceeded, OrientirError
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.access import Principal, Role, normalise_email, now_utc
from orientir.services.passwords import hash_password, needs_rehash, verify_password
from orientir.storage import access as repo
from orientir.storage.database import Database


class SignInRefused(OrientirError):
    """Wrong e-mail or password — deliberately not saying which."""

    def __init__(self) -> None:
        super().__init__("the e-mail or the password is wrong", key="err.sessions.sign_in_refused")


class TooManyAttempts(LimitExceeded):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"too many failed sign-ins; try again in {retry_after} seconds",
            key="err.sessions.too_many_attempts",
            params={"seconds": retry_after},
        )


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures a window allows per account and per client address."""

    per_account: int = 5
    per_address: int = 50
    window: timedelta = timedelta(minutes=15)
    session_lifetime: timedelta = timedelta(hours=12)
    idle_timeout: timedelta = timedelta(hours=2)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _keys(email: str, address: str | None) -> list[str]:
    keys = [_digest("account:" + email.strip().lower())]
    if address:
        keys.append(_digest("address:" + address))
    return keys


def _check_limit(db: Database, keys: list[str], policy: LoginPolicy, now: datetime) -> None:
    since = now - policy.window
    limits = [policy.per_account, policy.per_address]
    with db.engine.connect() as conn:
        for key, limit in zip(keys, limits, strict=False):
            if repo.count_failures(conn, key_hash=key, since=since) >= limit:
                raise TooManyAttempts(math.ceil(policy.window.total_seconds()))


def authenticate(
    db: Database,
    *,
    email: str,
    password: str,
    address: str | None,
    policy: LoginPolicy,
    now: datetime | None = None,
) -> int:
    """The id of the user whose e-mail and password match; refuses when rate-limited."""
    moment = now or now_utc()
    keys = _keys(email, address)
    _check_limit(db, keys, policy, moment)
    try:
        address_ok = normalise_email(email)
    except OrientirError:
        address_ok = None
    with db.engine.connect() as conn:
        user = repo.user_by_email(conn, email=address_ok) if address_ok else None
    # Verify even for an unknown user (against a dummy hash) so timing does not tell them apart.
    good = verify_password(user.password_hash if user else None, password)
    if user is None or not good or not user.active:
        with db.engine.begin() as conn:
            repo.prune_failures(conn, before=moment - policy.window)
            repo.record_failures(conn, key_hashes=keys, now=moment)
        raise SignInRefused()
    with db.engine.begin() as conn:
        repo.clear_failures(conn, key_hash=keys[0])
        if needs_rehash(user.password_hash):
            repo.set_password_hash(conn, user_id=user.id, password_hash=hash_password(password))
    return user.id


@dataclass(frozen=True)
class Session:
    """A live session: who, the organisation chosen last, and the CSRF token of its forms."""

    principal: Principal
    org_id: int | None
    csrf_token: str


def start_session(
    db: Database,
    *,
    user_id: int,
    policy: LoginPolicy,
    previous: str | None = None,
    now: datetime | None = None,
) -> str:
    """A new session id for ``user_id``; the ``previous`` session (if any) is ended."""
    moment = now or now_utc()
    session_id = secrets.token_urlsafe(32)
    with db.engine.begin() as conn:
        if previous:
            repo.delete_session(conn, id_hash=_digest(previous))
        repo.delete_expired_sessions(conn, now=moment)
        remembered = repo.roles_of(conn, user_id=user_id)
        repo.insert_session(
            conn,
            id_hash=_digest(session_id),
            user_id=user_id,
            org_id=min(remembered) if len(remembered) == 1 else None,
            csrf_token=secrets.token_urlsafe(32),
            now=moment,
            expires_at=moment + policy.session_lifetime,
        )
    return session_id


def load_session(
    db: Database, session_id: str, *, policy: LoginPolicy, now: datetime | None = None
) -> Session | None:
    """The session behind a cookie value, or None when unknown, expired or idle too long."""
    if not session_id or len(session_id) > 100:
        return None
    moment = now or now_utc()
    id_hash = _digest(session_id)
    with db.engine.connect() as conn:  # one connection for the session, user and roles
        row = repo.session_by_hash(conn, id_hash=id_hash)
        user = repo.user_by_id(conn, user_id=row.user_id) if row is not None else None
        roles = repo.roles_of(conn, user_id=row.user_id) if row is not None else {}
    if row is None:
        return None
    if row.expires_at <= moment or moment - row.seen_at > policy.idle_timeout:
        end_session(db, session_id)
        return None
    if user is None or not user.active:
        end_session(db, session_id)
        return None
    who = Principal(
        user.id,
        user.email,
        user.name,
        {org: frozenset(Role(r) for r in held) for org, held in roles.items()},
    )
    if moment - row.seen_at > timedelta(minutes=1):  # one write a minute at most per session
        with db.engine.begin() as conn:
            repo.touch_session(conn, session_id=row.id, now=moment)
    return Session(who, row.org_id, row.csrf_token)


def remember_organisation(db: Database, session_id: str, *, org_id: int) -> None:
    with db.engine.begin() as conn:
        row = repo.session_by_hash(conn, id_hash=_digest(session_id))
        if row is not None and row.org_id != org_id:
            repo.touch_session(conn, session_id=row.id, now=now_utc(), org_id=org_id)


def switch_organisation(
    db: Database, session_id: str, *, org_id: int, now: datetime | None = None
) -> str | None:
    """Move a session to ``org_id`` under a *new* session id and CSRF token; the old id stops
    working at once (the privileges in use change, so the id rotates — OWASP session
    management). Returns the new id, or None when ``session_id`` is not a live session."""
    moment = now or now_utc()
    new_id = secrets.token_urlsafe(32)
    with db.engine.begin() as conn:
        row = repo.session_by_hash(conn, id_hash=_digest(session_id))
        if row is None:
            return None
        repo.delete_session(conn, id_hash=_digest(session_id))
        repo.insert_session(
            conn,
            id_hash=_digest(new_id),
            user_id=row.user_id,
            org_id=org_id,
            csrf_token=secrets.token_urlsafe(32),
            now=moment,
            expires_at=row.expires_at,  # rotation never extends a session's life
        )
    return new_id


def end_session(db: Database, session_id: str) -> None:
    with db.engine.begin() as conn:
        repo.delete_session(conn, id_hash=_digest(session_id))


def tokens_match(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of two secrets; missing ones never match."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
