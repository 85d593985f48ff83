"""What every request handler needs from the running application, typed."""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass

from starlette.requests import Request

from orientir.config import Settings
from orientir.services.database import Database
from orientir.services.sessions import LoginPolicy


@dataclass(frozen=True)
class WebState:
    settings: Settings
    db: Database
    secure_cookies: bool  # Secure flag on cookies: on behind https, off for http://localhost
    login_policy: LoginPolicy
    survey_threads: Executor | None = None  # runs the survey posts (web.survey); None: the loop


def web_state(request: Request) -> WebState:
    state = request.app.state.orientir
    assert isinstance(state, WebState)
    return state
