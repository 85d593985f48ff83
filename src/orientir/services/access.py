"""Who may do what: users, their roles in organisations, and the permissions roles carry.

A user holds one or more roles in each organisation they belong to; a consultant may belong to
many. Every permission check is made against one organisation, and an organisation the user
does not belong to is reported as not found — the same answer as for one that does not exist,
so nobody learns which organisations an installation holds.

=========== ========================================================================
role        may
=========== ========================================================================
owner       everything in the organisation, including people, imports, users and the
            notification dead-letter list
driver      run waves (create, open, close, remind), read people, dashboards, export;
            manage the change program (initiatives, milestones) and the case rules
analyst     read waves, dashboards and the program, export responses
viewer      read waves, dashboards and the program
advocate    the follow-up of unhappy customers (cases)
=========== ========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from orientir.domain.organisations import Organisation, is_valid_email
from orientir.errors import InvalidInput, NotFound
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.audit import Action, Actor, record
from orientir.services.passwords import check_policy, hash_password
from orientir.storage import access as repo
from orientir.storage import organisations as org_repo
from orientir.storage.database import Database


class Role(StrEnum):
    OWNER = "owner"
    DRIVER = "driver"
    ANALYST = "analyst"
    VIEWER = "viewer"
    ADVOCATE = "advocate"


class Permission(StrEnum):
    MEMBER = "member"  # see the organisation at all
    READ_WAVES = "read_waves"
    MANAGE_WAVES = "manage_waves"
    READ_DASHBOARDS = "read_dashboards"
    EXPORT = "export"
    READ_PEOPLE = "read_people"
    MANAGE_PEOPLE = "manage_people"
    MANAGE_USERS = "manage_users"
    CASES = "cases"
    READ_AUDIT = "read_audit"  # the audit log of administrative actions (owners)
    MANAGE_PROGRAM = "manage_program"  # initiatives, milestones and the case rules
    MANAGE_NOTIFICATIONS = "manage_notifications"  # channels, the outbox, dead letters, replay


_READER = {Permission.MEMBER, Permission.READ_WAVES, Permission.READ_DASHBOARDS}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.DRIVER: frozenset(
        _READER
        | {
            Permission.MANAGE_WAVES,
            Permission.EXPORT,
            Permission.READ_PEOPLE,
            Permission.MANAGE_PROGRAM,
        }
    ),
    Role.ANALYST: frozenset(_READER | {Permission.EXPORT}),
    Role.VIEWER: frozenset(_READER),
    Role.ADVOCATE: frozenset({Permission.MEMBER, Permission.CASES}),
}


def now_utc() -> datetime:
    """Naive UTC: both engines store it unchanged, so comparisons agree."""
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_email(email: str) -> str:
    value = email.strip().lower()
    if not is_valid_email(value) or len(value) > 320:
        raise InvalidInput(
            f"{email!r} is not an e-mail address",
            key="err.access.not_mail_address",
            params={"email": email},
        )
    return value


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise InvalidInput(
            f"unknown role {value!r}; use one of {roles}",
            key="err.access.unknown_role_use",
            params={"value": value, "roles": roles},
        ) from None


@dataclass(frozen=True)
class Principal:
    """A signed-in user (by session or API token) and their roles per organisation id."""

    user_id: int
    email: str
    name: str | None
    roles: dict[int, frozenset[Role]] = field(default_factory=dict)

    def permissions(self, org_id: int) -> frozenset[Permission]:
        granted: set[Permission] = set()
        for role in self.roles.get(org_id, ()):
            granted |= ROLE_PERMISSIONS[role]
        return frozenset(granted)

    def can(self, org_id: int, permission: Permission) -> bool:
        return permission in self.permissions(org_id)

    @property
    def owns_any(self) -> bool:
        return any(Role.OWNER in roles for roles in self.roles.values())


def principal(db: Database, *, user_id: int) -> Principal | None:
    """The active user ``user_id`` with their roles, or None."""
    with db.engine.connect() as conn:
        user = repo.user_by_id(conn, user_id=user_id)
        if user is None or not user.active:
            return None
        roles = repo.roles_of(conn, user_id=user_id)
    return Principal(
        user.id,
        user.email,
        user.name,
        {org: frozenset(Role(r) for r in held) for org, held in roles.items()},
    )


def member_organisation(db: Database, who: Principal, reference: str) -> Organisation:
    """The organisation ``reference`` (slug) if ``who`` belongs to it; NotFound otherwise."""
    with db.engine.connect() as conn:
        try:
            organisation = org_repo.find_organisation(conn, reference)
        except NotFound:
            organisation = None
    if organisation is None or organisation.id not in who.roles:
        raise NotFound(
            f"no organisation {reference!r}",
            key="err.access.no_organisation",
            params={"reference": reference},
        )
    return organisation


def organisations_of(db: Database, who: Principal) -> list[Organisation]:
    with db.engine.connect() as conn:
        return repo.organisations_of(conn, user_id=who.user_id)


def create_user(
    db: Database,
    *,
    email: str,
    password: str,
    name: str | None = None,
    actor: Actor | None = None,
    org_id: int | None = None,
) -> int:
    """A new active user; the password must pass the policy. Returns the user id.

    ``org_id``: the organisation the audit log files the event under (the one whose owner
    added the user), if any."""
    address = normalise_email(email)
    check_policy(password, email=address)
    hashed = hash_password(password)
    with db.engine.begin() as conn:
        user_id = repo.insert_user(
            conn, email=address, name=name, password_hash=hashed, now=now_utc()
        ).id
        record(
            conn, actor, Action.USER_CREATE, org_id=org_id, object_type="user", object_id=address
        )
        return user_id


def set_password(db: Database, *, email: str, password: str, actor: Actor | None = None) -> None:
    """Replace a user's password and end every session they have."""
    address = normalise_email(email)
    check_policy(password, email=address)
    hashed = hash_password(password)
    with db.engine.begin() as conn:
        user = repo.user_by_email(conn, email=address)
        if user is None:
            raise NotFound(
                f"no user {address!r}", key="err.access.no_user", params={"address": address}
            )
        repo.set_password_hash(conn, user_id=user.id, password_hash=hashed)
        repo.delete_user_sessions(conn, user_id=user.id)
        record(
            conn, actor, Action.USER_PASSWORD, org_id=None, object_type="user", object_id=address
        )


def grant_role(
    db: Database, *, email: str, org: str, role: str, actor: Actor | None = None
) -> bool:
    """Give ``email`` the ``role`` in ``org``; False when it was held already."""
    address, chosen = normalise_email(email), parse_role(role)
    with db.engine.begin() as conn:
        user = repo.user_by_email(conn, email=address)
        if user is None:
            raise NotFound(
                f"no user {address!r}", key="err.access.no_user", params={"address": address}
            )
        organisation = org_repo.find_organisation(conn, org)
        added = repo.add_membership(
            conn, user_id=user.id, org_id=organisation.id, role=chosen.value
        )
        if added:
            record(
                conn,
                actor,
                Action.ROLE_GRANT,
                org_id=organisation.id,
                object_type="user",
                object_id=f"{address} {chosen.value}",
            )
        return added


def revoke_role(
    db: Database, *, email: str, org: str, role: str, actor: Actor | None = None
) -> None:
    """Take a role away; the last owner of an organisation cannot be removed."""
    address, chosen = normalise_email(email), parse_role(role)
    with db.engine.begin() as conn:
        user = repo.user_by_email(conn, email=address)
        organisation = org_repo.find_organisation(conn, org)
        if user is None:
            raise NotFound(
                f"no user {address!r}", key="err.access.no_user", params={"address": address}
            )
        owners = repo.count_members_with_role(conn, org_id=organisation.id, role=Role.OWNER.value)
        if chosen is Role.OWNER and owners <= 1:
            raise InvalidInput(
                "an organisation keeps at least one owner",
                key="err.access.organisation_keeps_least_owner",
            )
        if not repo.remove_membership(
            conn, user_id=user.id, org_id=organisation.id, role=chosen.value
        ):
            raise NotFound(
                f"{address} has no role {chosen.value} here",
                key="err.access.no_role_here",
                params={"address": address, "value": chosen.value},
            )
        record(
            conn,
            actor,
            Action.ROLE_REVOKE,
            org_id=organisation.id,
            object_type="user",
            object_id=f"{address} {chosen.value}",
        )


def members(db: Database, *, org_id: int) -> list[repo.MemberRow]:
    with db.engine.connect() as conn:
        return repo.members(conn, org_id=org_id)


def user_exists(db: Database, *, email: str) -> bool:
    with db.engine.connect() as conn:
        return repo.user_by_email(conn, email=normalise_email(email)) is not None
