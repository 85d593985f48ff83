"""The application's tables (SQLAlchemy Core). Alembic migrations must produce exactly these;
``tests/storage/test_migrations.py`` compares the two.

Every row that belongs to an organisation carries ``org_id``: tenant isolation is enforced by
each repository function taking ``org_id`` as a required keyword.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Deterministic constraint names, so migrations on SQLite (batch mode) and PostgreSQL agree.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("founded", Integer),
    Column("headcount", Integer),
    Column("sector", String(200)),
)

departments = Table(
    "departments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("parent_id", ForeignKey("departments.id", ondelete="CASCADE")),
    Column("path", String(1000), nullable=False),
    UniqueConstraint("org_id", "path"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("external_id", String(100), nullable=False),
    Column("name", String(300), nullable=False),
    Column("email", String(320)),
    Column("department_id", ForeignKey("departments.id", ondelete="SET NULL")),
    Column("manager_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("hire_date", Date),
    Column("role", String(200)),
    Column("active", Boolean, nullable=False, default=True),
    UniqueConstraint("org_id", "external_id"),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("external_id", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("company", String(300)),
    Column("person", String(300)),
    Column("email", String(320)),
    UniqueConstraint("org_id", "external_id"),
)

# ---- instruments, waves and responses ---------------------------------------------------------

instrument_versions = Table(
    "instrument_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ref", String(120), nullable=False, unique=True),  # name@version
    Column("fingerprint", String(64), nullable=False),
    Column("content", Text, nullable=False),  # the canonical JSON form, frozen
)

waves = Table(
    "waves",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(100), nullable=False),
    Column("instrument_version_id", ForeignKey("instrument_versions.id"), nullable=False),
    Column("mode", String(20), nullable=False),  # anonymous | confidential | identified
    Column("audience", String(1000), nullable=False),
    Column("status", String(20), nullable=False),  # draft | open | closed
    Column("opens_on", Date),
    Column("closes_on", Date),
    # Anonymous waves have one shared link; only its hash is kept.
    Column("shared_token_hash", String(64), unique=True),
    UniqueConstraint("org_id", "label"),
)

invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("wave_id", ForeignKey("waves.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("person_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("contact_id", ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("status", String(20), nullable=False),  # invited | started | completed
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("wave_id", ForeignKey("waves.id", ondelete="CASCADE"), nullable=False),
    # Confidential and identified waves: the invitation links the answer to a person or contact.
    # Anonymous waves: no invitation, no person, no time finer than the day.
    Column("invitation_id", ForeignKey("invitations.id", ondelete="SET NULL"), unique=True),
    # A respondent of an anonymous wave resumes with a key only they hold (hashed here).
    Column("resume_key_hash", String(64), unique=True),
    Column("department_id", ForeignKey("departments.id", ondelete="SET NULL")),
    Column("complete", Boolean, nullable=False),
    Column("answers", Text, nullable=False),  # JSON object: item id -> value
    Column("submitted_on", Date),
    Column("idempotency_key", String(100)),
    UniqueConstraint("wave_id", "idempotency_key"),
)

# ---- users and access -------------------------------------------------------------------------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False, unique=True),  # stored lower-case
    Column("name", String(300)),
    Column("password_hash", String(200), nullable=False),  # argon2id, PHC string
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
)

memberships = Table(
    "memberships",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(20), nullable=False),  # owner | driver | analyst | viewer | advocate
    UniqueConstraint("user_id", "org_id", "role"),
)

# Server-side sessions: the cookie holds a random id, the table only its SHA-256 hash.
sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("id_hash", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("org_id", ForeignKey("organisations.id", ondelete="SET NULL")),  # last chosen
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("seen_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

# Failed sign-ins, shared by every worker process; old rows are pruned as new ones arrive.
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_hash", String(64), nullable=False, index=True),  # hash of e-mail or address
    Column("failed_at", DateTime, nullable=False, index=True),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_used_on", Date),
    Column("revoked", Boolean, nullable=False, default=False),
    UniqueConstraint("user_id", "name"),
)

# What administrators did, for the organisation's owners to review: who, what, to which object,
# when and from where. Never answers, comments, passwords or tokens.
audit_events = Table(
    "audit_events",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE")),  # null: no organisation
    Column("actor_user_id", ForeignKey("users.id", ondelete="SET NULL")),
    Column("actor", String(320), nullable=False),  # the user's e-mail, or "system"
    Column("via", String(10), nullable=False),  # web | api | system
    Column("action", String(50), nullable=False),
    Column("object_type", String(50), nullable=False),
    Column("object_id", String(200)),
    Column("address", String(64)),  # the client's IP address, when over HTTP
    Column("created_at", DateTime, nullable=False),
    # SHA-256 over the previous event's chain_hash in the same organisation and this event's
    # fields: an edited or removed event breaks the chain after it (storage/audit_chain.py).
    Column("chain_hash", String(64), nullable=False),
    Index("ix_audit_events_org_time", "org_id", "created_at"),
)

# ---- program, cases and notifications ---------------------------------------------------------

# Who serves in the program: ``driver`` (the driver team of rule 6) or ``advocate`` (follows up
# customers' cases). A person may hold both roles.
program_roles = Table(
    "program_roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(20), nullable=False),
    UniqueConstraint("person_id", "role"),
)

initiatives = Table(
    "initiatives",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text),
    Column("owner_id", ForeignKey("people.id", ondelete="SET NULL")),
    # Money in minor units (kopecks, cents): exact on every engine, no floating point.
    Column("budget_minor", BigInteger),
    Column("currency", String(3)),
    Column("status", String(20), nullable=False),  # planned | active | done | stopped
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("component", String(100)),  # the index component the initiative aims to move
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("org_id", "title"),
)

milestones = Table(
    "milestones",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("done", Boolean, nullable=False, default=False),
    Column("done_on", Date),
    UniqueConstraint("initiative_id", "title"),
)

# The case rules of one organisation as a YAML document (absent: the built-in defaults).
case_settings = Table(
    "case_settings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("document", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("org_id"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    # One case per response, so re-running the rules never opens a second one.
    Column("response_id", ForeignKey("responses.id", ondelete="SET NULL"), unique=True),
    Column("wave_id", ForeignKey("waves.id", ondelete="SET NULL")),
    Column("contact_id", ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("reasons", Text, nullable=False),  # JSON list of the rules that matched
    Column("priority", String(10), nullable=False),  # high | normal | low
    Column("abc_class", String(10)),
    Column("clv", Float),
    Column("status", String(20), nullable=False),  # open | in_progress | resolved | closed
    Column("assignee_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("opened_at", DateTime, nullable=False),
    Column("due_at", DateTime, nullable=False),
    Column("escalated_at", DateTime),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_cases_org_status", "org_id", "status"),
)

# The history of a case: notes, state changes, assignments and escalations, oldest first.
case_events = Table(
    "case_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", DateTime, nullable=False),
    Column("kind", String(20), nullable=False),  # opened | note | status | assigned | escalated
    Column("author", String(320)),
    Column("from_status", String(20)),
    Column("to_status", String(20)),
    Column("text", Text),
)

notification_channels = Table(
    "notification_channels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),  # email | webhook
    Column("destination", String(2000), nullable=False),  # an address or an http(s) URL
    # Standard Webhooks signing secret (whsec_ + base64); the signer needs it in clear.
    Column("secret", String(200)),
    Column("events", String(500), nullable=False),  # comma-separated event types, or *
    Column("lang", String(2), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    UniqueConstraint("org_id", "kind", "destination"),
)

# The transactional outbox: a row is written in the transaction of the event that causes it and
# delivered later by `orientir worker`, at least once, under its stable id.
outbox = Table(
    "outbox",
    metadata,
    Column("id", String(36), primary_key=True),  # a UUID; the receiver deduplicates on it
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE")),
    Column("channel_id", ForeignKey("notification_channels.id", ondelete="SET NULL")),
    Column("kind", String(10), nullable=False),  # email | webhook
    Column("event", String(50), nullable=False),
    Column("destination", String(2000), nullable=False),
    Column("payload", Text, nullable=False),  # JSON: the e-mail or the webhook body
    Column("status", String(10), nullable=False),  # pending | delivered | dead
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("last_error", Text),
    # A worker's claim: until this moment no other worker takes the row; a killed worker's
    # claim simply expires and the row is delivered again.
    Column("claimed_until", DateTime),
    Column("claim_token", String(36)),
    Column("created_at", DateTime, nullable=False),
    Column("delivered_at", DateTime),
    Index("ix_outbox_due", "status", "next_attempt_at"),
)

# ---- customer transactions ----------------------------------------------------------------------

# The transaction log of an organisation's customers. ``row_key`` identifies a row by its content
# (and its occurrence among identical rows of the same file), so importing a file again, or a
# later export that repeats earlier rows, adds only what is new.
transactions = Table(
    "transactions",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("customer_id", String(100), nullable=False),
    Column("date", Date, nullable=False),
    Column("amount", Float, nullable=False),
    Column("order_id", String(100)),
    Column("product", String(300)),
    Column("channel", String(100)),
    Column("row_key", String(40), nullable=False),
    UniqueConstraint("org_id", "row_key"),
    Index("ix_transactions_org_customer", "org_id", "customer_id"),
)
