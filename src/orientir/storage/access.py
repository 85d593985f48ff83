"""Users, memberships, sessions, failed sign-ins and API tokens.

Secrets never reach this module in the clear: sessions and API tokens are looked up by the
SHA-256 hash of the random value the client holds, and passwords arrive already hashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from orientir.domain.organisations import Organisation
from orientir.errors import AlreadyExists, NotFound
from orientir.storage import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.storage.tables import (
    api_tokens,
    login_failures,
    memberships,
    organisations,
    sessions,
    users,
)


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    name: str | None
    password_hash: str
    active: bool


def _user(row: object) -> UserRow:
    return UserRow(
        row.id,  # type: ignore[attr-defined]
        row.email,  # type: ignore[attr-defined]
        row.name,  # type: ignore[attr-defined]
        row.password_hash,  # type: ignore[attr-defined]
        bool(row.active),  # type: ignore[attr-defined]
    )


def insert_user(
    conn: Connection, *, email: str, name: str | None, password_hash: str, now: datetime
) -> UserRow:
    try:
        new_id = conn.execute(
            insert(users)
            .values(
                email=email, name=name, password_hash=password_hash, active=True, created_at=now
            )
            .returning(users.c.id)
        ).scalar_one()
    except IntegrityError:
        raise AlreadyExists(
            f"a user {email!r} already exists",
            key="err.access.user_already_exists",
            params={"email": email},
        ) from None
    return UserRow(int(new_id), email, name, password_hash, True)


def user_by_email(conn: Connection, *, email: str) -> UserRow | None:
    row = conn.execute(select(users).where(users.c.email == email)).first()
    return None if row is None else _user(row)


def user_by_id(conn: Connection, *, user_id: int) -> UserRow | None:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return None if row is None else _user(row)


def set_password_hash(conn: Connection, *, user_id: int, password_hash: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


# ---- memberships ------------------------------------------------------------------------------


def add_membership(conn: Connection, *, user_id: int, org_id: int, role: str) -> bool:
    """Give ``role``; False when the user already held it."""
    held = conn.execute(
        select(memberships.c.id).where(
            memberships.c.user_id == user_id,
            memberships.c.org_id == org_id,
            memberships.c.role == role,
        )
    ).first()
    if held is not None:
        return False
    conn.execute(insert(memberships).values(user_id=user_id, org_id=org_id, role=role))
    return True


def remove_membership(conn: Connection, *, user_id: int, org_id: int, role: str) -> bool:
    result = conn.execute(
        delete(memberships).where(
            memberships.c.user_id == user_id,
            memberships.c.org_id == org_id,
            memberships.c.role == role,
        )
    )
    return result.rowcount > 0


def roles_of(conn: Connection, *, user_id: int) -> dict[int, set[str]]:
    """``org id → roles`` of one user."""
    found: dict[int, set[str]] = {}
    rows = conn.execute(
        select(memberships.c.org_id, memberships.c.role).where(memberships.c.user_id == user_id)
    )
    for org_id, role in rows.all():
        found.setdefault(int(org_id), set()).add(str(role))
    return found


def organisations_of(conn: Connection, *, user_id: int) -> list[Organisation]:
    rows = conn.execute(
        select(organisations)
        .where(
            organisations.c.id.in_(
                select(memberships.c.org_id).where(memberships.c.user_id == user_id)
            )
        )
        .order_by(organisations.c.name)
    ).mappings()
    return [
        Organisation(
            id=r["id"],
            name=r["name"],
            slug=r["slug"],
            founded=r["founded"],
            headcount=r["headcount"],
            sector=r["sector"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    email: str
    name: str | None
    role: str


def members(conn: Connection, *, org_id: int) -> list[MemberRow]:
    rows = conn.execute(
        select(users.c.id, users.c.email, users.c.name, memberships.c.role)
        .select_from(memberships.join(users))
        .where(memberships.c.org_id == org_id)
        .order_by(users.c.email, memberships.c.role)
    )
    return [MemberRow(int(i), e, n, r) for i, e, n, r in rows.all()]


def count_members_with_role(conn: Connection, *, org_id: int, role: str) -> int:
    return int(
        conn.execute(
            select(func.count()).where(memberships.c.org_id == org_id, memberships.c.role == role)
        ).scalar_one()
    )


# ---- sessions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRow:
    id: int
    user_id: int
    org_id: int | None
    csrf_token: str
    seen_at: datetime
    expires_at: datetime


def insert_session(
    conn: Connection,
    *,
    id_hash: str,
    user_id: int,
    org_id: int | None,
    csrf_token: str,
    now: datetime,
    expires_at: datetime,
) -> None:
    conn.execute(
        insert(sessions).values(
            id_hash=id_hash,
            user_id=user_id,
            org_id=org_id,
            csrf_token=csrf_token,
            created_at=now,
            seen_at=now,
            expires_at=expires_at,
        )
    )


def session_by_hash(conn: Connection, *, id_hash: str) -> SessionRow | None:
    row = conn.execute(select(sessions).where(sessions.c.id_hash == id_hash)).first()
    if row is None:
        return None
    return SessionRow(
        int(row.id), int(row.user_id), row.org_id, row.csrf_token, row.seen_at, row.expires_at
    )


def touch_session(
    conn: Connection, *, session_id: int, now: datetime, org_id: int | None = None
) -> None:
    values: dict[str, object] = {"seen_at": now}
    if org_id is not None:
        values["org_id"] = org_id
    conn.execute(update(sessions).where(sessions.c.id == session_id).values(**values))


def delete_session(conn: Connection, *, id_hash: str) -> None:
    conn.execute(delete(sessions).where(sessions.c.id_hash == id_hash))


def delete_expired_sessions(conn: Connection, *, now: datetime) -> None:
    conn.execute(delete(sessions).where(sessions.c.expires_at < now))


def delete_user_sessions(conn: Connection, *, user_id: int) -> None:
    conn.execute(delete(sessions).where(sessions.c.user_id == user_id))


# ---- failed sign-ins --------------------------------------------------------------------------


def count_failures(conn: Connection, *, key_hash: str, since: datetime) -> int:
    return int(
        conn.execute(
            select(func.count()).where(
                login_failures.c.key_hash == key_hash, login_failures.c.failed_at >= since
            )
        ).scalar_one()
    )


def record_failures(conn: Connection, *, key_hashes: list[str], now: datetime) -> None:
    conn.execute(insert(login_failures), [{"key_hash": k, "failed_at": now} for k in key_hashes])


def prune_failures(conn: Connection, *, before: datetime) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.failed_at < before))


def clear_failures(conn: Connection, *, key_hash: str) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.key_hash == key_hash))


# ---- API tokens -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenRow:
    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_on: date | None
    revoked: bool


def _token(row: object) -> TokenRow:
    return TokenRow(
        int(row.id),  # type: ignore[attr-defined]
        int(row.user_id),  # type: ignore[attr-defined]
        row.name,  # type: ignore[attr-defined]
        row.created_at,  # type: ignore[attr-defined]
        row.last_used_on,  # type: ignore[attr-defined]
        bool(row.revoked),  # type: ignore[attr-defined]
    )


def insert_token(
    conn: Connection, *, user_id: int, name: str, token_hash: str, now: datetime
) -> TokenRow:
    taken = conn.execute(
        select(api_tokens.c.id).where(api_tokens.c.user_id == user_id, api_tokens.c.name == name)
    ).first()
    if taken is not None:
        raise AlreadyExists(
            f"you already have a token named {name!r}",
            key="err.access.you_already_token",
            params={"name": name},
        )
    token_id = conn.execute(
        insert(api_tokens)
        .values(user_id=user_id, name=name, token_hash=token_hash, created_at=now, revoked=False)
        .returning(api_tokens.c.id)
    ).scalar_one()
    return TokenRow(int(token_id), user_id, name, now, None, False)


def token_by_hash(conn: Connection, *, token_hash: str) -> TokenRow | None:
    row = conn.execute(select(api_tokens).where(api_tokens.c.token_hash == token_hash)).first()
    return None if row is None else _token(row)


def tokens_of(conn: Connection, *, user_id: int) -> list[TokenRow]:
    rows = conn.execute(
        select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.name)
    )
    return [_token(row) for row in rows.all()]


def mark_token_used(conn: Connection, *, token_id: int, today: date) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_on=today))


def revoke_token(conn: Connection, *, user_id: int, name: str) -> None:
    result = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.user_id == user_id, api_tokens.c.name == name)
        .values(revoked=True)
    )
    if result.rowcount == 0:
        raise NotFound(
            f"you have no token named {name!r}",
            key="err.access.you_no_token",
            params={"name": name},
        )
