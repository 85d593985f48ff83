"""The peer of the web benchmark: the least a web stack can do per submission — a plain
FastAPI endpoint that parses the form and does one INSERT on the same database, through the
same engine setup (SQLite WAL with ``BEGIN IMMEDIATE``, or a PostgreSQL pool). Run as
``uvicorn --factory bench.web.peer:create_peer`` with ``BENCH_PEER_DB`` set."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import anyio
from fastapi import Depends, FastAPI, Request
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from orientir.storage.database import create_database_engine

metadata = MetaData()
peer_responses = Table(
    "bench_peer_responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(100), nullable=False),
    Column("answers", Text, nullable=False),
)


async def _form(request: Request) -> FormData:
    return await request.form()


def create_peer() -> FastAPI:
    engine = create_database_engine(os.environ["BENCH_PEER_DB"])
    metadata.create_all(engine)

    @asynccontextmanager
    async def one_thread(_app: FastAPI) -> AsyncIterator[None]:
        # The same setting orientir uses on SQLite (see orientir.web.app), for a fair peer.
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1
        yield

    sqlite = engine.dialect.name == "sqlite"
    app = FastAPI(openapi_url=None, lifespan=one_thread if sqlite else None)

    @app.get("/healthz")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/s/{token}/{step:path}")
    def submit(token: str, step: str, form: Annotated[FormData, Depends(_form)]) -> Response:
        answers = {k: v for k, v in form.items() if isinstance(v, str)}
        with engine.begin() as conn:
            conn.execute(insert(peer_responses).values(token=token, answers=json.dumps(answers)))
        return RedirectResponse(f"/s/{token}/thanks", status_code=303)

    return app
