"""What a survey request needs about its link, in one query.

Every request of a respondent starts from the token in the URL: the invitation (or the wave's
shared link), the wave, its frozen instrument version and the answers saved so far. These are
found with one SELECT, built once at import, and the writes of a save are single-row statements
on primary keys. A survey page is the hottest path of the application, so these statements
run on the driver's cursor (:mod:`orientir.storage.direct`): see "Web" in
``docs/benchmarks.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Update, bindparam, exists, insert, literal_column, or_, select, update

from orientir.domain.waves import InvitationStatus, Wave, WaveMode, WaveStatus
from orientir.storage.direct import DirectStatement, Runner
from orientir.storage.tables import instrument_versions, invitations, people, responses, waves
from orientir.storage.waves import InvitationRow, ResponseRow


@dataclass(frozen=True)
class SurveyLink:
    """A token's wave, instrument version, invitation (none for a shared link) and response."""

    wave: Wave
    instrument_fingerprint: str  # SHA-256 of the frozen instrument: a key for a parsed copy
    invitation: InvitationRow | None
    department_id: int | None  # the invited person's department, kept with their response
    response: ResponseRow | None


_WAVE_AND_RESPONSE = (
    waves.c.id,
    waves.c.org_id,
    waves.c.label,
    instrument_versions.c.ref.label("instrument_ref"),
    instrument_versions.c.fingerprint,
    waves.c.mode,
    waves.c.audience,
    waves.c.status,
    waves.c.opens_on,
    waves.c.closes_on,
    responses.c.id.label("response_id"),
    responses.c.wave_id.label("response_wave_id"),
    responses.c.complete,
    responses.c.answers,
    responses.c.idempotency_key,
)
_WAVE_VERSION = waves.join(
    instrument_versions, waves.c.instrument_version_id == instrument_versions.c.id
)

_BY_INVITATION = DirectStatement(
    select(
        *_WAVE_AND_RESPONSE,
        invitations.c.id.label("invitation_id"),
        invitations.c.status.label("invitation_status"),
        invitations.c.person_id,
        invitations.c.contact_id,
        people.c.department_id,
    )
    .select_from(
        invitations.join(_WAVE_VERSION, invitations.c.wave_id == waves.c.id)
        .outerjoin(people, invitations.c.person_id == people.c.id)
        # An invitation has at most one response, found by its own unique index. The join names
        # no other column on purpose: with ``responses.wave_id`` in it too, PostgreSQL chose the
        # (wave_id, idempotency_key) index while its statistics still saw an empty table — as
        # they do when a fresh wave opens — and read every response of the wave on every post,
        # a cost that grew with each answer (docs/benchmarks.md, "Web").
        .outerjoin(responses, responses.c.invitation_id == invitations.c.id)
    )
    .where(invitations.c.token_hash == bindparam("token_hash"))
)

# A shared (anonymous) link: the respondent's saved answers are found by their resume key only
# (its unique index, for the reason above); a key of another wave's response finds nothing
# (``_link`` checks), and without a key (NULL never equals anything) there is nothing to continue.
_BY_SHARED_TOKEN = DirectStatement(
    select(*_WAVE_AND_RESPONSE)
    .select_from(
        _WAVE_VERSION.outerjoin(
            responses, responses.c.resume_key_hash == bindparam("resume_key_hash")
        )
    )
    .where(waves.c.shared_token_hash == bindparam("token_hash"))
)


# A completed response is never changed by a survey post: a page save that read its link just
# before the submit of the same link committed, or a replayed resume key of a completed shared
# response, writes nothing (neither write locks the row it read). Nor does an invitation go back
# from completed. These are functions, not shared statements: a statement memoizes its exported
# columns, and a copy made from it by ``.returning()`` would keep the empty ones.
def _response_update() -> Update:
    return update(responses).where(
        responses.c.id == bindparam("response_id"), responses.c.complete.is_(False)
    )


def _invitation_update() -> Update:
    return update(invitations).where(
        invitations.c.id == bindparam("invitation_id"),
        invitations.c.status != InvitationStatus.COMPLETED.value,
    )


_UPDATE_RESPONSE = DirectStatement(_response_update())

# The wave of the response being updated takes answers on ``today`` (services.responding's
# ``_require_open``, in SQL).
_WAVE_TAKES_ANSWERS = (
    select(literal_column("1"))
    .where(
        waves.c.id == responses.c.wave_id,
        waves.c.status == WaveStatus.OPEN.value,
        or_(waves.c.opens_on.is_(None), waves.c.opens_on <= bindparam("today")),
        or_(waves.c.closes_on.is_(None), waves.c.closes_on >= bindparam("today")),
    )
    .exists()
)
# The response's invitation is still the token's and not completed: not deleted (its
# response would be kept, ``invitation_id`` set to NULL), nor given another token.
_TOKEN_STILL_INVITES = (
    select(literal_column("1"))
    .where(
        invitations.c.id == responses.c.invitation_id,
        invitations.c.token_hash == bindparam("token_hash"),
        invitations.c.status != InvitationStatus.COMPLETED.value,
    )
    .exists()
)


def _unchanged_response_update() -> Update:
    """:func:`_response_update`, only while the response is as the caller left it (its
    answers exactly ``expected_answers``), its invitation still the token's and its wave open."""
    return _response_update().where(
        responses.c.answers == bindparam("expected_answers"),
        _WAVE_TAKES_ANSWERS,
        _TOKEN_STILL_INVITES,
    )


_UPDATE_UNCHANGED_RESPONSE = DirectStatement(_unchanged_response_update().returning(responses.c.id))
_INSERT_RESPONSE = DirectStatement(insert(responses).returning(responses.c.id))
_SUBMITTED = ("answers", "complete", "submitted_on", "idempotency_key")  # what a submit sets


def _completion_if_unchanged() -> DirectStatement:
    """``WITH saved AS (UPDATE responses … WHERE <unchanged> RETURNING id), marked AS (UPDATE
    invitations SET status = 'completed' … WHERE EXISTS (SELECT FROM saved)) SELECT id FROM
    saved``: PostgreSQL's one statement for :func:`complete_unchanged_response`. Its result is
    the response's write alone, so the caller never retries a response this statement completed
    (one whose invitation went in the meantime, say)."""
    new_values = {
        name: bindparam(f"new_{name}", type_=responses.c[name].type) for name in _SUBMITTED
    }
    saved = _unchanged_response_update().values(new_values).returning(responses.c.id).cte("saved")
    marked = (
        _invitation_update()
        .where(exists(select(saved.c.id)))
        .values(status=InvitationStatus.COMPLETED.value)
        .returning(invitations.c.id)
        .cte("marked")
    )
    return DirectStatement(select(saved.c.id).add_cte(marked))


_COMPLETE_UNCHANGED_RESPONSE = _completion_if_unchanged()
_SET_INVITATION_STATUS = DirectStatement(_invitation_update())


def _link(row: Mapping[str, Any], invitation: InvitationRow | None) -> SurveyLink:
    wave = Wave(
        id=row["id"],
        org_id=row["org_id"],
        label=row["label"],
        instrument_ref=row["instrument_ref"],
        mode=WaveMode(row["mode"]),
        audience=row["audience"],
        status=WaveStatus(row["status"]),
        opens_on=row["opens_on"],
        closes_on=row["closes_on"],
    )
    response = None
    if row["response_id"] is not None and row["response_wave_id"] == row["id"]:
        response = ResponseRow(
            row["response_id"], bool(row["complete"]), row["answers"], row["idempotency_key"]
        )
    department = row["department_id"] if invitation is not None else None
    return SurveyLink(wave, row["fingerprint"], invitation, department, response)


def by_invitation(conn: Runner, *, token_hash: str) -> SurveyLink | None:
    """The link of a personal (single-use) token, or None."""
    row = _BY_INVITATION.first(conn, {"token_hash": token_hash})
    if row is None:
        return None
    invitation = InvitationRow(
        row["invitation_id"],
        row["id"],
        InvitationStatus(row["invitation_status"]),
        row["person_id"],
        row["contact_id"],
    )
    return _link(row, invitation)


def by_shared_token(
    conn: Runner, *, token_hash: str, resume_key_hash: str | None
) -> SurveyLink | None:
    """The link of a wave's shared token, with the response of ``resume_key_hash`` if any."""
    row = _BY_SHARED_TOKEN.first(
        conn, {"token_hash": token_hash, "resume_key_hash": resume_key_hash}
    )
    return None if row is None else _link(row, None)


def store_response(
    conn: Runner,
    *,
    response_id: int | None,
    values: dict[str, Any],
    invitation_id: int | None = None,
    invitation_status: InvitationStatus | None = None,
) -> int:
    """Update response ``response_id`` (insert one when None) with ``values``, and set the
    invitation's status if one is given; the response's id.

    On PostgreSQL the two writes are one statement (the response's write in a ``WITH``, whose
    data-modifying statements always run to completion): one round trip instead of two, and
    atomic on its own, so it may run outside a transaction
    (``driver_transaction(single_write=True)``). SQLite has no writes in ``WITH``: there they
    are two statements, in the caller's transaction. A response already complete is left as
    it is (``_response_update``).
    """
    if invitation_status is not None and conn.dialect.name == "postgresql":
        params = {f"new_{name}": value for name, value in values.items()}
        params.update(invitation_id=invitation_id, status=invitation_status.value)
        if response_id is not None:
            params["response_id"] = response_id
        statement = _with_invitation_status(tuple(values), new_response=response_id is None)
        saved = statement.returning(conn, params, values=[])
        if saved is None:  # the response or the invitation was complete already: left as is
            # A new response comes with an invitation not yet completed (its unique index
            # refuses a second one), so this is an update's.
            assert response_id is not None
            return response_id
        return int(saved)
    if response_id is None:
        response_id = int(_INSERT_RESPONSE.returning(conn, values, values=list(values)))
    else:
        _UPDATE_RESPONSE.write(conn, {"response_id": response_id, **values}, values=list(values))
    if invitation_status is not None:
        _SET_INVITATION_STATUS.write(
            conn,
            {"invitation_id": invitation_id, "status": invitation_status.value},
            values=["status"],
        )
    return response_id


def update_unchanged_response(
    conn: Runner,
    *,
    response_id: int,
    token_hash: str,
    expected_answers: str,
    today: date,
    values: dict[str, Any],
) -> bool:
    """Update response ``response_id`` with ``values`` only if it is still as the caller last
    left it — not complete, its answers exactly ``expected_answers`` — its invitation is still
    the one of ``token_hash`` and not completed, and its wave takes answers on ``today``;
    whether it did. One statement and no read before it: a caller that remembers what it wrote
    saves the link's lookup, and on False reads the link afresh."""
    params = {
        "response_id": response_id,
        "token_hash": token_hash,
        "expected_answers": expected_answers,
        "today": today,
        **values,
    }
    return _UPDATE_UNCHANGED_RESPONSE.returning(conn, params, values=list(values)) is not None


def complete_unchanged_response(
    conn: Runner,
    *,
    response_id: int,
    invitation_id: int,
    token_hash: str,
    expected_answers: str,
    today: date,
    values: dict[str, Any],
) -> bool:
    """Complete response ``response_id`` with ``values`` (the columns a submit sets: answers,
    complete, submitted_on, idempotency_key) and its invitation ``invitation_id``, under the
    conditions of :func:`update_unchanged_response`; whether it did. One statement on
    PostgreSQL (``_completion_if_unchanged``); on SQLite two, in the caller's transaction."""
    if sorted(values) != sorted(_SUBMITTED):
        raise ValueError(f"a submit sets exactly {', '.join(_SUBMITTED)}")
    if conn.dialect.name != "postgresql":
        updated = update_unchanged_response(
            conn,
            response_id=response_id,
            token_hash=token_hash,
            expected_answers=expected_answers,
            today=today,
            values=values,
        )
        if updated:
            _SET_INVITATION_STATUS.write(
                conn,
                {"invitation_id": invitation_id, "status": InvitationStatus.COMPLETED.value},
                values=["status"],
            )
        return updated
    params = {f"new_{name}": value for name, value in values.items()}
    params.update(
        response_id=response_id,
        invitation_id=invitation_id,
        token_hash=token_hash,
        expected_answers=expected_answers,
        today=today,
    )
    return _COMPLETE_UNCHANGED_RESPONSE.first(conn, params) is not None


_COMBINED: dict[tuple[tuple[str, ...], bool], DirectStatement] = {}


def _with_invitation_status(columns: tuple[str, ...], *, new_response: bool) -> DirectStatement:
    """``WITH saved AS (INSERT INTO responses … | UPDATE responses … RETURNING id)
    UPDATE invitations SET status … RETURNING (SELECT id FROM saved)``, one per set of columns
    (a save and a submit set different ones; a handful in all)."""
    key = (columns, new_response)
    found = _COMBINED.get(key)
    if found is None:
        new_values = {
            name: bindparam(f"new_{name}", type_=responses.c[name].type) for name in columns
        }
        write = insert(responses) if new_response else _response_update()
        saved = write.values(new_values).returning(responses.c.id).cte("saved")
        found = DirectStatement(
            _invitation_update()
            .values(status=bindparam("status", type_=invitations.c.status.type))
            .add_cte(saved)
            .returning(select(saved.c.id).scalar_subquery())
        )
        _COMBINED[key] = found
    return found
