"""The JSON shapes of the REST API (they become the OpenAPI description)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orientir.services.case_rules import MAX_DOCUMENT


class OrganisationOut(BaseModel):
    slug: str
    name: str
    founded: int | None
    headcount: int | None
    sector: str | None
    roles: list[str]


class OrganisationPage(BaseModel):
    items: list[OrganisationOut]
    next_cursor: str | None


class PersonOut(BaseModel):
    external_id: str
    name: str
    email: str | None
    department: str | None
    manager_external_id: str | None
    hire_date: date | None
    role: str | None
    active: bool


class PersonPage(BaseModel):
    items: list[PersonOut]
    next_cursor: str | None


class ContactOut(BaseModel):
    external_id: str
    kind: str
    company: str | None
    person: str | None
    email: str | None


class ContactPage(BaseModel):
    items: list[ContactOut]
    next_cursor: str | None


class InstrumentOut(BaseModel):
    ref: str
    stakeholder: str
    privacy: str
    title: dict[str, str]
    items: int
    fingerprint: str


class InstrumentPage(BaseModel):
    items: list[InstrumentOut]
    next_cursor: str | None


class WaveOut(BaseModel):
    id: int
    label: str
    instrument: str
    mode: str
    audience: str
    status: str
    opens_on: date | None
    closes_on: date | None


class WavePage(BaseModel):
    items: list[WaveOut]
    next_cursor: str | None


class NewWaveIn(BaseModel):
    instrument: str = Field(max_length=120, description="name or name@version of the library")
    audience: str = Field("all", max_length=1000, description="all or department:PATH")
    mode: Literal["anonymous", "confidential", "identified"] | None = None
    label: str | None = Field(None, max_length=100)
    opens_on: date | None = None
    closes_on: date | None = None


class LinkOut(BaseModel):
    respondent: str
    email: str | None
    link: str


class CreatedWaveOut(BaseModel):
    wave: WaveOut
    links: list[LinkOut] = Field(description="Personal links; shown this once, never again.")
    shared_link: str | None


class LinksOut(BaseModel):
    links: list[LinkOut]


class ProgressOut(BaseModel):
    wave: str
    status: str
    invited: int | None
    started: int
    completed: int
    response_rate: float | None


class DashboardCellOut(BaseModel):
    figure: str
    value: float | None
    hidden: bool


class DashboardRowOut(BaseModel):
    department: str
    respondents: int | None
    cells: list[DashboardCellOut]


class DashboardOut(BaseModel):
    wave: str
    k: int
    rows: list[DashboardRowOut]


class ResponsePage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None


# Case rules, notification channels and the outbox (orientir.web.api_admin).


class ScoreRuleOut(BaseModel):
    id: str
    item: str
    at_most: float | None
    at_least: float | None


class KeywordRuleOut(BaseModel):
    id: str
    keywords: list[str]
    items: list[str] = Field(description="Empty: every free-text item.")


class PriorityPolicyOut(BaseModel):
    high_abc: list[str]
    high_clv_at_least: float | None
    low_abc: list[str]
    low_clv_below: float | None
    unknown: str = Field(description="The priority of a customer of unknown value.")


class CaseRulesSummaryOut(BaseModel):
    score_rules: list[ScoreRuleOut]
    keyword_rules: list[KeywordRuleOut]
    respondents: list[str]
    priority: PriorityPolicyOut
    due_days: dict[str, int] = Field(description="Days to answer, by priority.")
    auto_assign: bool
    lang: str = Field(description="Language of the e-mails to advocates and the driver team.")


class CaseRulesOut(BaseModel):
    document: str = Field(description="The YAML document as written (the defaults if none).")
    summary: CaseRulesSummaryOut | None = Field(
        description="The document as the rules read it; null if it no longer parses."
    )


class CaseRulesIn(BaseModel):
    document: str = Field(max_length=MAX_DOCUMENT, description="A case-rules YAML document.")


ChannelKindName = Literal["email", "webhook"]


class ChannelOut(BaseModel):
    id: int
    kind: ChannelKindName
    destination: str
    events: list[str] = Field(description='Event types, or ["*"] for all.')
    lang: str = Field(description="Language of its e-mails.")
    active: bool
    has_secret: bool = Field(description="A webhook's signing secret is never shown again.")


class ChannelPage(BaseModel):
    items: list[ChannelOut]
    next_cursor: str | None


class NewChannelIn(BaseModel):
    kind: ChannelKindName
    destination: str = Field(
        min_length=1, max_length=2000, description="An e-mail address, or an http(s) URL."
    )
    events: list[str] = Field(
        ["*"],
        min_length=1,
        max_length=10,
        description="Some of case.opened, case.assigned, case.escalated, case.resolved, "
        'case.closed; or ["*"] for all.',
    )
    lang: Literal["en", "ru"] = "en"
    secret: str | None = Field(
        None, max_length=200, description="Webhooks: whsec_… (default: a new one)."
    )


class CreatedChannelOut(BaseModel):
    channel: ChannelOut
    secret: str | None = Field(
        description="A generated webhook secret: shown in this answer only, never again "
        "(null when you gave one, or for e-mail)."
    )


OutboxState = Literal["pending", "delivered", "dead"]


class OutboxMessageOut(BaseModel):
    """What the dead-letter page shows: never the message body (it may quote a case)."""

    id: str
    status: OutboxState
    event: str
    kind: ChannelKindName
    destination: str
    attempts: int
    last_error: str | None
    created_at: datetime


class OutboxCountsOut(BaseModel):
    pending: int
    delivered: int
    dead: int


class OutboxPage(BaseModel):
    items: list[OutboxMessageOut]
    next_cursor: str | None
    counts: OutboxCountsOut = Field(description="Of the whole organisation, every state.")


class ReplayIn(BaseModel):
    """``{}`` replays every dead notification of the organisation; ``{"ids": [...]}`` only
    those (all or none: an unknown id is a 404, one that is not dead a 422)."""

    model_config = ConfigDict(extra="forbid")

    ids: list[Annotated[str, Field(pattern=r"^[0-9A-Za-z-]{1,36}$")]] | None = Field(
        None, min_length=1, max_length=1000, description="Notification ids (UUIDs)."
    )


class ReplayedOut(BaseModel):
    replayed: int = Field(description="How many notifications were queued again.")
