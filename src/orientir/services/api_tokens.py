"""Personal API tokens for scripts: shown once, stored as a SHA-256 hash, revocable.

A token is ``oat_`` followed by 256 random bits. Because it is random and long, a fast hash is
enough (there is nothing to brute-force, unlike a password), and the lookup by hash means the
secret is never compared character by character.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from orientir.errors import InvalidInput
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.access import Principal, normalise_email, now_utc, principal
from orientir.services.audit import Action, Actor, record
from orientir.storage import access as repo
from orientir.storage.database import Database

PREFIX = "oat_"
MAX_NAME = 100


@dataclass(frozen=True)
class ApiToken:
    name: str
    created_at: datetime
    last_used_on: date | None
    revoked: bool


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise InvalidInput(
            f"a token needs a name of 1 to {MAX_NAME} characters",
            key="err.tokens.token_needs_name_characters",
            params={"limit": MAX_NAME},
        )
    return cleaned


def create_token(db: Database, *, user_id: int, name: str, actor: Actor | None = None) -> str:
    """A new token for ``user_id``; the only time its value is ever available."""
    token = PREFIX + secrets.token_urlsafe(32)
    cleaned = _check_name(name)
    with db.engine.begin() as conn:
        repo.insert_token(
            conn, user_id=user_id, name=cleaned, token_hash=_digest(token), now=now_utc()
        )
        # The token's name and owner, never its value.
        record(
            conn,
            actor,
            Action.TOKEN_CREATE,
            org_id=None,
            object_type="api_token",
            object_id=f"user {user_id}: {cleaned}",
        )
    return token


def create_token_for(db: Database, *, email: str, name: str) -> str:
    with db.engine.connect() as conn:
        user = repo.user_by_email(conn, email=normalise_email(email))
    if user is None:
        raise InvalidInput(f"no user {email!r}", key="err.tokens.no_user", params={"email": email})
    return create_token(db, user_id=user.id, name=name)


def list_tokens(db: Database, *, user_id: int) -> list[ApiToken]:
    with db.engine.connect() as conn:
        rows = repo.tokens_of(conn, user_id=user_id)
    return [ApiToken(r.name, r.created_at, r.last_used_on, r.revoked) for r in rows]


def revoke_token(db: Database, *, user_id: int, name: str, actor: Actor | None = None) -> None:
    with db.engine.begin() as conn:
        repo.revoke_token(conn, user_id=user_id, name=name)
        record(
            conn,
            actor,
            Action.TOKEN_REVOKE,
            org_id=None,
            object_type="api_token",
            object_id=f"user {user_id}: {name}",
        )


def principal_for_token(db: Database, token: str, *, today: date | None = None) -> Principal | None:
    """The user a bearer token stands for, or None when unknown or revoked."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    with db.engine.connect() as conn:
        row = repo.token_by_hash(conn, token_hash=_digest(token))
    if row is None or row.revoked:
        return None
    day = today or now_utc().date()
    if row.last_used_on != day:  # one write a day per token, not one per request
        with db.engine.begin() as conn:
            repo.mark_token_used(conn, token_id=row.id, today=day)
    return principal(db, user_id=row.user_id)
