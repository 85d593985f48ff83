"""No request of the application reaches an OpenTelemetry provider, even one installed for the
whole process (as an operator's monitoring agent does): a span of a survey request would carry
its token, the key to a person's answers (web/security.py, ``NO_TELEMETRY``)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.web.conftest import World, open_wave_with_links
from tests.web.survey_helpers import pages


@pytest.fixture(scope="module")
def exporter() -> InMemorySpanExporter:
    """The process's tracer provider, with every finished span kept in memory. OpenTelemetry
    lets a process set it once; nothing else in the tests sets it."""
    kept = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(kept))
    trace.set_tracer_provider(provider)
    return kept


def test_a_plain_fastapi_application_would_report_to_it(exporter: InMemorySpanExporter) -> None:
    """The premise: FastAPI left to itself sends a span with the path of every request."""
    bare = FastAPI()

    @bare.get("/s/{token}")
    def page(token: str) -> dict[str, str]:
        return {"token": token}

    exporter.clear()
    with TestClient(bare) as client:
        assert client.get("/s/secret-token").status_code == 200
    assert any(
        "secret-token" in str(span.attributes.get("url.path", ""))
        for span in exporter.get_finished_spans()
    )


def test_orientir_reports_nothing_to_it(
    exporter: InMemorySpanExporter, client: TestClient, world: World
) -> None:
    token = open_wave_with_links(world.db, world.org_a)[0]
    exporter.clear()
    assert client.get(f"/s/{token}").status_code == 200
    first_page = pages("employee-co@1")[0]
    saved = client.post(f"/s/{token}/p/1", data={**first_page, "nav": "next"})
    assert saved.status_code == 303
    assert client.get("/s/no-such-token").status_code == 404
    assert client.get("/api/v1/orgs").status_code == 401
    assert client.get("/admin/login").status_code == 200
    assert exporter.get_finished_spans() == ()
