"""schemathesis against the OpenAPI description of ``/api/v1``, in-process on the ASGI
application on SQLite and on PostgreSQL, with a valid API token of one organisation: every
operation, with generated (valid and invalid) parameters and bodies, must answer without a 5xx
and as its schema says (status codes, content types, response bodies).

Slow (a few hundred requests): ``pytest -m slow tests/security/test_api_fuzz.py``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from orientir.config import load_settings
from orientir.services import access
from orientir.services.api_tokens import create_token
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_people
from orientir.storage.database import open_database
from orientir.web import create_app
from tests.web.conftest import PASSWORD, STAFF, open_wave_with_links

pytestmark = pytest.mark.slow
EXAMPLES = 30  # per operation


class Fuzzed:
    org = ""
    wave = ""
    token = ""


_turn = itertools.count()


@pytest.fixture
def fuzz_app(database_url: str, tmp_path: Path) -> Iterator[FastAPI]:
    """On both engines: PostgreSQL enforces what SQLite lets pass (the length of a VARCHAR,
    the range of an integer), so a value the schema allows but a column does not would be a
    500 there only."""
    url = database_url
    db = open_database(url, migrate=True)
    org = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    create_organisation(db, NewOrganisation("Лютик"), this_year=2026)
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_people(db, org=org, path=staff, limits=load_settings({}).limits)
    user = access.create_user(db, email="owner@a.example.ru", password=PASSWORD)
    access.grant_role(db, email="owner@a.example.ru", org=org, role="owner")
    open_wave_with_links(db, org, label="w1")
    Fuzzed.org, Fuzzed.wave = org, "w1"
    Fuzzed.token = create_token(db, user_id=user, name="fuzz")
    app_settings = load_settings(
        {"ORIENTIR_DATA_DIR": str(tmp_path), "ORIENTIR_API_RATE": "0"}, db=url
    )
    yield create_app(app_settings, db=db, secure_cookies=False)
    db.dispose()


def _schema_valid_is_request_valid(case: schemathesis.Case, response: Any) -> None:
    """What schemathesis' ``positive_data_acceptance`` would check, minus the business rules:
    a request the schema allows must never fail *request validation* (a 422 with an
    ``errors`` list, or a 400). A 422 of a domain rule — a closed wave cannot be reminded, an
    initiative cannot end before it starts — is a right answer to a well-formed request."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    if response.status_code == 400:
        raise AssertionError(f"a schema-valid request got 400: {response.text}")
    if response.status_code == 422 and "errors" in response.json():
        raise AssertionError(f"a schema-valid request failed validation: {response.text}")


def _fuzz_one(operation: Any, examples: int) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case: schemathesis.Case) -> None:
        # Two cases in three reach the real organisation and wave, so the generator gets
        # past the 404 of an unknown organisation into the operation itself.
        if next(_turn) % 3 and case.path_parameters:
            if "org" in case.path_parameters:
                case.path_parameters["org"] = Fuzzed.org
            if "wave" in case.path_parameters:
                case.path_parameters["wave"] = Fuzzed.wave
        response = case.call_and_validate(
            headers={"Authorization": f"Bearer {Fuzzed.token}"},
            excluded_checks=[positive_data_acceptance],
        )
        _schema_valid_is_request_valid(case, response)

    run()


def test_api_conforms_to_its_description(fuzz_app: FastAPI) -> None:
    """Every operation of the description; the failures of all of them are reported."""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzz_app)
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:
        try:
            _fuzz_one(operation, EXAMPLES)
        except (Exception, BaseExceptionGroup) as exc:  # every operation's, not the first only
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)
