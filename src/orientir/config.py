"""Settings, read from ``ORIENTIR_*`` environment variables and command-line options.

Settings are built by :func:`load_settings`, never at import time, so every test and every
process can point at its own database. Precedence: an explicit argument (``--db``) beats the
environment, which beats the defaults.

===============================  ==========================================================
variable                         meaning (default)
===============================  ==========================================================
``ORIENTIR_DATABASE_URL``        SQLAlchemy URL of the application database (SQLite file in
                                 the user's data folder)
``ORIENTIR_DATA_DIR``            where the embedded database and analytics files live
                                 (``platformdirs.user_data_dir("orientir")``)
``ORIENTIR_LANG``                language of messages, ``ru`` or ``en`` (``en``)
``ORIENTIR_MAX_UPLOAD_BYTES``    largest file an import accepts (50 MiB)
``ORIENTIR_MAX_IMPORT_ROWS``     most data rows one import accepts (200 000)
``ORIENTIR_MAX_FIELD_CHARS``     longest text value of one cell (1 000)
``ORIENTIR_MIN_GROUP_SIZE``      the anonymity threshold *k* (5, never below 3)
``ORIENTIR_MIN_COMMENT_GROUP``   the stricter threshold for free-text comments: a group's
                                 themes, comments and their breakdowns are shown only from
                                 this many people (10, and never below *k*: unset, it is
                                 raised to *k*; set below *k*, it is refused)
``ORIENTIR_BASE_URL``            where respondents reach the web application, for survey
                                 links (``http://127.0.0.1:8000``)
``ORIENTIR_API_RATE``            API requests per minute per client address (600; 0: off)
``ORIENTIR_API_BURST``           API requests one address may send at once (120)
``ORIENTIR_SURVEY_RATE``         survey form posts per minute per client address (1 200;
                                 0: off)
``ORIENTIR_SURVEY_BURST``        survey form posts one address may send at once (300)
``ORIENTIR_SURVEY_THREADS``      on PostgreSQL, threads per server process that run the
                                 survey form posts, so that a process goes on serving while
                                 a post waits for the database (4; 0: every post on the
                                 event loop, as always on SQLite)
===============================  ==========================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

from orientir import config_messages as _config_messages  # noqa: F401  (registers the texts)
from orientir.errors import ConfigError

LANGUAGES = ("en", "ru")
ABSOLUTE_MIN_GROUP_SIZE = 3
DEFAULT_MIN_COMMENT_GROUP = 10


@dataclass(frozen=True)
class Limits:
    """Bounds on what one import may bring in; each has a test that hits it.

    A file analysed without being stored (``orientir customers summary --input FILE``, a
    report's ``--transactions``) is read on the user's own machine, where a log of tens of
    millions of rows is ordinary: it has its own, larger bounds (``max_analysis_*``)."""

    max_upload_bytes: int = 50 * 1024 * 1024
    max_import_rows: int = 200_000
    max_field_chars: int = 1_000
    max_analysis_bytes: int = 8 * 1024**3
    max_analysis_rows: int = 200_000_000
    #: What the parts of an XLSX workbook may expand to (a zip bomb is refused unopened).
    max_xlsx_expanded_bytes: int = 512 * 1024 * 1024

    def for_analysis(self) -> Limits:
        """The bounds of a file that is analysed, not stored."""
        return replace(
            self, max_upload_bytes=self.max_analysis_bytes, max_import_rows=self.max_analysis_rows
        )


@dataclass(frozen=True)
class RateLimits:
    """Requests per client address, as token buckets: ``*_burst`` at once, refilled at
    ``*_per_minute``; a rate of 0 turns that limit off (a benchmark on loopback)."""

    api_per_minute: int = 600
    api_burst: int = 120
    survey_per_minute: int = 1_200
    survey_burst: int = 300


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    lang: str = "en"
    limits: Limits = Limits()
    min_group_size: int = 5
    base_url: str = "http://127.0.0.1:8000"
    rates: RateLimits = RateLimits()
    min_comment_group: int = DEFAULT_MIN_COMMENT_GROUP  # never below min_group_size
    survey_threads: int = 4  # PostgreSQL only; 0: on the event loop

    def survey_link(self, token: str) -> str:
        return f"{self.base_url.rstrip('/')}/s/{token}"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def database_url_from_option(value: str) -> str:
    """Turn a ``--db`` value into a URL: a URL is kept, anything else is a SQLite file path."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _whole_number(env: Mapping[str, str], name: str) -> int | None:
    """The whole number in ``env[name]``, or None when it is unset or empty."""
    raw = env.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(
            f"{name} must be a whole number, got {raw!r}",
            key="err.config.not_whole_number",
            params={"name": name, "raw": raw},
        ) from None


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    value = _whole_number(env, name)
    if value is None:
        return default
    if value <= 0:
        raise ConfigError(
            f"{name} must be positive, got {value}",
            key="err.config.not_positive",
            params={"name": name, "value": value},
        )
    return value


def _zero_or_more(env: Mapping[str, str], name: str, default: int) -> int:
    """A whole number, 0 (off) or more: a rate, a number of threads."""
    value = _whole_number(env, name)
    if value is None:
        return default
    if value < 0:
        raise ConfigError(
            f"{name} must be 0 or more, got {value}",
            key="err.config.negative",
            params={"name": name, "value": value},
        )
    return value


def load_settings(
    env: Mapping[str, str] | None = None,
    *,
    db: str | None = None,
    lang: str | None = None,
) -> Settings:
    """Build settings from ``env`` (default: the process environment) and explicit options."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("ORIENTIR_DATA_DIR") or platformdirs.user_data_dir("orientir"))
    if db is not None:
        url = database_url_from_option(db)
    else:
        url = env.get("ORIENTIR_DATABASE_URL") or f"sqlite:///{data_dir / 'orientir.db'}"
    chosen_lang = lang or env.get("ORIENTIR_LANG") or "en"
    if chosen_lang not in LANGUAGES:
        raise ConfigError(
            f"language must be one of {', '.join(LANGUAGES)}, got {chosen_lang!r}",
            key="err.config.language_must_got",
            params={"languages": ", ".join(LANGUAGES), "chosen_lang": chosen_lang},
        )
    k = _positive_int(env, "ORIENTIR_MIN_GROUP_SIZE", 5)
    if k < ABSOLUTE_MIN_GROUP_SIZE:
        raise ConfigError(
            f"ORIENTIR_MIN_GROUP_SIZE must be at least {ABSOLUTE_MIN_GROUP_SIZE}, got {k}",
            key="err.config.orientir_min_group_size",
            params={"minimum": ABSOLUTE_MIN_GROUP_SIZE, "k": k},
        )
    comment_k = _positive_int(env, "ORIENTIR_MIN_COMMENT_GROUP", max(DEFAULT_MIN_COMMENT_GROUP, k))
    if comment_k < k:
        raise ConfigError(
            f"ORIENTIR_MIN_COMMENT_GROUP must be at least ORIENTIR_MIN_GROUP_SIZE ({k}), "
            f"got {comment_k}",
            key="err.config.orientir_min_comment_group",
            params={"k": k, "comment_k": comment_k},
        )
    limits = Limits(
        max_upload_bytes=_positive_int(env, "ORIENTIR_MAX_UPLOAD_BYTES", Limits.max_upload_bytes),
        max_import_rows=_positive_int(env, "ORIENTIR_MAX_IMPORT_ROWS", Limits.max_import_rows),
        max_field_chars=_positive_int(env, "ORIENTIR_MAX_FIELD_CHARS", Limits.max_field_chars),
        max_analysis_bytes=_positive_int(
            env, "ORIENTIR_MAX_ANALYSIS_BYTES", Limits.max_analysis_bytes
        ),
        max_analysis_rows=_positive_int(
            env, "ORIENTIR_MAX_ANALYSIS_ROWS", Limits.max_analysis_rows
        ),
        max_xlsx_expanded_bytes=_positive_int(
            env, "ORIENTIR_MAX_XLSX_EXPANDED_BYTES", Limits.max_xlsx_expanded_bytes
        ),
    )
    return Settings(
        database_url=url,
        data_dir=data_dir,
        lang=chosen_lang,
        limits=limits,
        min_group_size=k,
        base_url=env.get("ORIENTIR_BASE_URL") or Settings.base_url,
        min_comment_group=comment_k,
        survey_threads=_zero_or_more(env, "ORIENTIR_SURVEY_THREADS", Settings.survey_threads),
        rates=RateLimits(
            api_per_minute=_zero_or_more(env, "ORIENTIR_API_RATE", RateLimits.api_per_minute),
            api_burst=_positive_int(env, "ORIENTIR_API_BURST", RateLimits.api_burst),
            survey_per_minute=_zero_or_more(
                env, "ORIENTIR_SURVEY_RATE", RateLimits.survey_per_minute
            ),
            survey_burst=_positive_int(env, "ORIENTIR_SURVEY_BURST", RateLimits.survey_burst),
        ),
    )
