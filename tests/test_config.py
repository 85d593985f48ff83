from __future__ import annotations

from pathlib import Path

import pytest

from orientir.config import Limits, database_url_from_option, load_settings
from orientir.errors import ConfigError


def test_default_database_is_a_sqlite_file_in_the_data_folder(tmp_path: Path) -> None:
    settings = load_settings({"ORIENTIR_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'orientir.db'}"
    assert settings.is_sqlite
    assert settings.limits == Limits()
    assert settings.min_group_size == 5


def test_option_beats_environment(tmp_path: Path) -> None:
    env = {"ORIENTIR_DATABASE_URL": "postgresql+psycopg://x@h/db"}
    assert load_settings(env).database_url == "postgresql+psycopg://x@h/db"
    settings = load_settings(env, db=str(tmp_path / "a.db"))
    assert settings.database_url == f"sqlite:///{tmp_path / 'a.db'}"


def test_db_option_keeps_urls() -> None:
    assert database_url_from_option("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ORIENTIR_MAX_UPLOAD_BYTES": "lots"}, "whole number"),
        ({"ORIENTIR_MAX_IMPORT_ROWS": "0"}, "positive"),
        ({"ORIENTIR_MIN_GROUP_SIZE": "2"}, "at least 3"),
        ({"ORIENTIR_LANG": "de"}, "language"),
        ({"ORIENTIR_SURVEY_THREADS": "-1"}, "ORIENTIR_SURVEY_THREADS must be 0 or more"),
        ({"ORIENTIR_SURVEY_THREADS": "four"}, "whole number"),
    ],
)
def test_bad_settings_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_limits_come_from_the_environment() -> None:
    settings = load_settings(
        {"ORIENTIR_MAX_UPLOAD_BYTES": "10", "ORIENTIR_MAX_FIELD_CHARS": "7", "ORIENTIR_LANG": "ru"}
    )
    assert settings.limits.max_upload_bytes == 10
    assert settings.limits.max_field_chars == 7
    assert settings.lang == "ru"
    analysis = load_settings(
        {"ORIENTIR_MAX_ANALYSIS_BYTES": "1000", "ORIENTIR_MAX_ANALYSIS_ROWS": "12"}
    ).limits
    assert (analysis.max_analysis_bytes, analysis.max_analysis_rows) == (1000, 12)
    assert analysis.for_analysis().max_import_rows == 12
    assert analysis.for_analysis().max_upload_bytes == 1000
    xlsx = load_settings({"ORIENTIR_MAX_XLSX_EXPANDED_BYTES": "4096"}).limits
    assert xlsx.max_xlsx_expanded_bytes == 4096


def test_survey_threads_come_from_the_environment() -> None:
    assert load_settings({}).survey_threads == 4
    assert load_settings({"ORIENTIR_SURVEY_THREADS": "0"}).survey_threads == 0
    assert load_settings({"ORIENTIR_SURVEY_THREADS": "2"}).survey_threads == 2
