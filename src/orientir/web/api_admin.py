"""REST routes of an organisation's notification set-up and case rules, included by
:func:`orientir.web.api.create_api`: the case rules (owners and drivers: ``manage_program``, as
on the admin page), the notification channels and the outbox with its dead letters (owners:
``manage_notifications``, as on the dead-letter page).

Like every route of the API, each finds its objects within the ``{org}`` of its URL only: a
channel or a notification of another organisation answers 404. A webhook's signing secret is
shown once, in the answer that created the channel, and never again. The outbox is listed
with the fields of the dead-letter page, never the bodies (they may quote a case).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from orientir.domain.cases import CaseRules
from orientir.domain.notifications import Channel, ChannelKind, OutboxMessage, OutboxStatus
from orientir.errors import InvalidInput
from orientir.services import access, case_rules, notifications
from orientir.web import api_schemas as s
from orientir.web import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.web.api_support import ApiOrg, ObjectId, Paging, org_access
from orientir.web.state import web_state

P = access.Permission
router = APIRouter()
ManageRules = Annotated[ApiOrg, Depends(org_access(P.MANAGE_PROGRAM))]
ManageNotifications = Annotated[ApiOrg, Depends(org_access(P.MANAGE_NOTIFICATIONS))]


def _summary(rules: CaseRules) -> s.CaseRulesSummaryOut:
    policy = rules.policy
    return s.CaseRulesSummaryOut(
        score_rules=[
            s.ScoreRuleOut(id=r.id, item=r.item, at_most=r.at_most, at_least=r.at_least)
            for r in rules.score_rules
        ],
        keyword_rules=[
            s.KeywordRuleOut(id=r.id, keywords=list(r.keywords), items=list(r.items))
            for r in rules.keyword_rules
        ],
        respondents=sorted(rules.respondents),
        priority=s.PriorityPolicyOut(
            high_abc=sorted(policy.high_classes),
            high_clv_at_least=policy.high_clv,
            low_abc=sorted(policy.low_classes),
            low_clv_below=policy.low_clv,
            unknown=policy.unknown.value,
        ),
        due_days={p.value: days for p, days in rules.due_days.items()},
        auto_assign=rules.auto_assign,
        lang=rules.lang,
    )


def _rules_out(document: str, rules: CaseRules | None = None) -> s.CaseRulesOut:
    if rules is None:
        try:
            rules = case_rules.parse_rules(document)
        except InvalidInput:  # stored under an older, laxer parser: the text is still shown
            rules = None
    return s.CaseRulesOut(document=document, summary=None if rules is None else _summary(rules))


@router.get("/orgs/{org}/case-rules", response_model=s.CaseRulesOut, tags=["case rules"])
def show_case_rules(request: Request, scope: ManageRules) -> s.CaseRulesOut:
    """The case-rules document (the defaults when none was set) and how it reads."""
    return _rules_out(case_rules.show_rules(web_state(request).db, org=scope.org.slug))


@router.put("/orgs/{org}/case-rules", response_model=s.CaseRulesOut, tags=["case rules"])
def set_case_rules(request: Request, body: s.CaseRulesIn, scope: ManageRules) -> s.CaseRulesOut:
    """Replace the case rules after checking them (a mistake is a 422 saying where); they apply
    to answers from now on."""
    if not body.document.strip():
        raise InvalidInput(
            "the case rules are empty; to go back to the defaults, send them",
            key="err.api.case_rules_empty",
        )
    rules = case_rules.set_rules(
        web_state(request).db, org=scope.org.slug, document=body.document, actor=scope.actor
    )
    return _rules_out(body.document, rules)


def _channel(c: Channel) -> s.ChannelOut:
    return s.ChannelOut(
        id=c.id,
        kind="webhook" if c.kind is ChannelKind.WEBHOOK else "email",
        destination=c.destination,
        events=list(c.events),
        lang=c.lang,
        active=c.active,
        has_secret=c.has_secret,
    )


@router.get("/orgs/{org}/channels", response_model=s.ChannelPage, tags=["notifications"])
def list_channels(request: Request, scope: ManageNotifications, paging: Paging) -> s.ChannelPage:
    """The organisation's notification channels, oldest first; secrets are never shown."""
    found = notifications.list_channels(web_state(request).db, org=scope.org.slug)
    items, cursor = paging.page(found)
    return s.ChannelPage(items=[_channel(c) for c in items], next_cursor=cursor)


@router.post(
    "/orgs/{org}/channels",
    response_model=s.CreatedChannelOut,
    status_code=201,
    tags=["notifications"],
)
def add_channel(
    request: Request, body: s.NewChannelIn, scope: ManageNotifications
) -> s.CreatedChannelOut:
    """An e-mail address or a webhook URL. A webhook gets a signing secret (``whsec_``…)
    unless you give one; a generated secret is in this answer only: keep it."""
    added = notifications.add_channel(
        web_state(request).db,
        notifications.NewChannel(
            org=scope.org.slug,
            kind=ChannelKind(body.kind),
            destination=body.destination,
            events=",".join(body.events),
            lang=body.lang,
            secret=body.secret,
        ),
        actor=scope.actor,
    )
    generated = added.secret if added.secret and not body.secret else None
    return s.CreatedChannelOut(channel=_channel(added.channel), secret=generated)


@router.delete(
    "/orgs/{org}/channels/{channel}",
    status_code=204,
    response_class=Response,
    tags=["notifications"],
)
def remove_channel(request: Request, channel: ObjectId, scope: ManageNotifications) -> Response:
    """Remove a channel; its undelivered webhooks can no longer be signed and go dead."""
    notifications.remove_channel(
        web_state(request).db, org=scope.org.slug, channel_id=channel, actor=scope.actor
    )
    return Response(status_code=204)


_STATES: dict[OutboxStatus, s.OutboxState] = {
    OutboxStatus.PENDING: "pending",
    OutboxStatus.DELIVERED: "delivered",
    OutboxStatus.DEAD: "dead",
}


def _message(m: OutboxMessage) -> s.OutboxMessageOut:
    return s.OutboxMessageOut(
        id=m.id,
        status=_STATES[m.status],
        event=m.event,
        kind="webhook" if m.kind is ChannelKind.WEBHOOK else "email",
        destination=m.destination,
        attempts=m.attempts,
        last_error=m.last_error,
        created_at=m.created_at,
    )


@router.get("/orgs/{org}/outbox", response_model=s.OutboxPage, tags=["notifications"])
def list_outbox(
    request: Request,
    scope: ManageNotifications,
    paging: Paging,
    state: Annotated[s.OutboxState | None, Query(description="Only this state.")] = None,
) -> s.OutboxPage:
    """The organisation's notifications, oldest first, with the counts of every state;
    ``state=dead`` is the dead-letter list. No message bodies."""
    db = web_state(request).db
    slug = scope.org.slug
    # One row past the page tells whether another page follows.
    found = notifications.list_outbox(
        db,
        status=OutboxStatus(state) if state else None,
        org=slug,
        limit=paging.offset + paging.limit + 1,
    )
    items, cursor = paging.page(found)
    counts = notifications.outbox_counts(db, org=slug)
    return s.OutboxPage(
        items=[_message(m) for m in items],
        next_cursor=cursor,
        counts=s.OutboxCountsOut(
            pending=counts.get(OutboxStatus.PENDING.value, 0),
            delivered=counts.get(OutboxStatus.DELIVERED.value, 0),
            dead=counts.get(OutboxStatus.DEAD.value, 0),
        ),
    )


@router.post("/orgs/{org}/outbox/replay", response_model=s.ReplayedOut, tags=["notifications"])
def replay_outbox(request: Request, body: s.ReplayIn, scope: ManageNotifications) -> s.ReplayedOut:
    """Queue dead notifications again under their own ids, with a fresh count of attempts:
    every one of the organisation (``{}``), or the ``ids`` given — all or none."""
    db = web_state(request).db
    if body.ids is None:
        count = notifications.replay_dead(db, org=scope.org.slug, actor=scope.actor)
    else:
        count = notifications.replay_messages(
            db, org=scope.org.slug, message_ids=body.ids, actor=scope.actor
        )
    return s.ReplayedOut(replayed=count)
