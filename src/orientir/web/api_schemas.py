"""The JSON shapes of the REST API (they become the OpenAPI description)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field


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
