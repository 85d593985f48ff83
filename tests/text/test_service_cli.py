"""``orientir comments`` end to end: stored answers, masking with the people's names, segments."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from orientir.cli.main import app
from orientir.config import Limits
from orientir.domain.waves import WaveMode
from orientir.errors import InsufficientData, InvalidInput
from orientir.services.comments import comments_report, read_segments
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_contacts, import_people
from orientir.services.responses_io import import_responses
from orientir.services.waves import NewWave, create_wave
from orientir.storage.database import Database, open_database
from orientir.text import CommentView, ThemeEdits, sample_comment

LIMITS = Limits()
ITEMS = [f"{s}{i}" for s in ("needs", "resp", "prom") for i in range(1, 5)]
LEAK = "Спасибо Ивановой, но перезвоните мне: 8 916 123-45-67, petrov@example.com"


def build(db: Database, tmp: Path) -> str:
    """Two identified customer-view waves of 80 answers; delivery comes from detractors."""
    rng = np.random.default_rng(0)
    slug = create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug
    staff = tmp / "staff.csv"
    staff.write_text("id,name,department\n1,Иванова Мария Петровна,Продажи\n", encoding="utf-8")
    import_people(db, org=slug, path=staff, limits=LIMITS)
    contacts = tmp / "contacts.csv"
    contacts.write_text(
        "id,kind\n" + "".join(f"C{i},customer\n" for i in range(80)), encoding="utf-8"
    )
    import_contacts(db, org=slug, path=contacts, limits=LIMITS)
    for label, closes in (("k1", date(2025, 3, 25)), ("k2", date(2025, 6, 25))):
        new = NewWave(
            slug, "customer-view@1", label=label, mode=WaveMode.IDENTIFIED, closes_on=closes
        )
        create_wave(db, new, limits=LIMITS)
        rows = []
        for i in range(80):
            theme = ("delivery", "price", "support")[i % 3]
            nps = int(rng.integers(0, 4)) if theme == "delivery" else int(rng.integers(8, 11))
            text = sample_comment(theme, "ru" if i % 5 else "en", rng)
            if i == 3:
                text = f"{text} {LEAK}"
            row = {"respondent": f"C{i}", "nps": nps, "csat": 2 if nps < 7 else 5, "comment": text}
            rows.append(row | {item: int(rng.integers(2, 6)) for item in ITEMS})
        path = tmp / f"{label}.csv"
        pd.DataFrame(rows).to_csv(path, index=False)
        import_responses(db, org=slug, wave=label, path=path, mapping_path=None, limits=LIMITS)
    return slug


@pytest.fixture
def org(db: Database, tmp_path: Path) -> str:
    return build(db, tmp_path)


def test_report_masks_and_finds_themes(db: Database, org: str) -> None:
    report = comments_report(db, org=org, k=5, themes=3)
    assert report.waves == ("k1", "k2")
    assert report.comments == 160
    assert report.languages == {"ru": 128, "en": 32}
    dumped = json.dumps(report.to_dict(), ensure_ascii=False)
    for leak in ("Иванов", "916", "petrov@", "example.com"):
        assert leak not in dumped
    shown = [t for t in report.themes if not t.suppressed]
    delivery = next(t for t in shown if t.theme is not None and "доставка" in t.theme.keys)
    nps = next(i for i in delivery.impact if i.measure == "nps")
    assert nps.ci[1] < 0


def test_segments_make_detractors_among_a_one_query(db: Database, org: str, tmp_path: Path) -> None:
    abc = tmp_path / "abc.csv"
    abc.write_text(
        "customer_id,abc_class,revenue\n"
        + "".join(f"C{i},{'A' if i < 40 else 'B'},{1000 - i}\n" for i in range(80)),
        encoding="utf-8",
    )
    segments = read_segments(abc, LIMITS)
    assert segments["C0"] == "A"
    assert segments["C79"] == "B"
    view = CommentView(nps="detractor", segment="A")
    report = comments_report(db, org=org, k=5, view=view, segments=segments, themes=3)
    assert report.view == {"nps": "detractor", "segment": "A"}
    assert report.comments is not None
    assert 20 <= report.comments <= 40
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\n1,2\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="id column"):
        read_segments(bad, LIMITS)


def test_edits_reach_the_report(db: Database, org: str) -> None:
    edits = ThemeEdits.from_data(
        [
            {"merge": ["@доставка", "@delivery"], "label": "Доставка", "id": "delivery"},
            {"pin": "new", "label": "Скидки", "keywords": ["скидка", "discount"]},
        ]
    )
    report = comments_report(db, org=org, k=5, edits=edits, themes=3)
    assert report.theme("delivery").theme is not None
    assert report.theme("delivery").theme.lang == "en+ru"  # type: ignore[union-attr]
    assert report.edits["unresolved"] == []


def test_no_free_text_wave_is_explained(db: Database, org: str) -> None:
    with pytest.raises(InsufficientData, match="free-text item 'nothing'"):
        comments_report(db, org=org, item="nothing")


def test_command_line(sqlite_url: str, tmp_path: Path) -> None:
    db = open_database(sqlite_url, migrate=True)
    slug = build(db, tmp_path)
    db.dispose()
    edits = tmp_path / "edits.yaml"
    edits.write_text("edits:\n  - rename: '@цена'\n    label: Цены\n", encoding="utf-8")
    runner = CliRunner()
    base = ["--db", sqlite_url]
    result = runner.invoke(
        app, [*base, "comments", "--org", slug, "--wave", "k2", "--themes", "3", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["waves"] == ["k2"]
    assert payload["comments"] == 80
    text = runner.invoke(
        app, [*base, "--lang", "ru", "comments", "--org", slug, "--edits", str(edits)]
    )
    assert text.exit_code == 0, text.stderr
    assert "Цены" in text.stdout
    assert "пунктов NPS" in text.stdout
    assert "Иванов" not in text.stdout
    no_file = runner.invoke(app, [*base, "comments", "--org", slug, "--segment", "A"])
    assert no_file.exit_code == 1
    assert "--segments" in no_file.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("edits:\n  - rename: '@x'\n", encoding="utf-8")
    bad = runner.invoke(app, [*base, "comments", "--org", slug, "--edits", str(broken)])
    assert bad.exit_code == 1
    assert "rename needs a label" in bad.stderr


# The comment threshold: a group between k (figures) and comment_k shows figures, no comments.
def seven_in_a(tmp: Path) -> Path:
    abc = tmp / "seven.csv"
    abc.write_text(
        "customer_id,abc_class\n" + "".join(f"C{i},{'A' if i < 7 else 'B'}\n" for i in range(80)),
        encoding="utf-8",
    )
    return abc


def test_a_group_between_the_thresholds_shows_figures_but_no_comments(
    db: Database, org: str, tmp_path: Path
) -> None:
    segments = read_segments(seven_in_a(tmp_path), LIMITS)
    view = CommentView(segment="A")
    strict = comments_report(db, org=org, waves=["k2"], k=5, view=view, segments=segments)
    assert strict.k == 5
    assert strict.comment_k == 10  # the default when the caller passes none
    assert (strict.responses, strict.comments) == (7, 7)  # figures: shown at k = 5
    assert strict.suppressed
    assert strict.themes == ()
    assert strict.languages == {}
    assert strict.notes[-1].key == "text.note.comments_hidden"
    dumped = json.dumps(strict.to_dict(), ensure_ascii=False)
    assert dumped.count("«") == 0
    assert '"examples"' not in dumped
    assert strict.to_dict()["comment_k"] == 10
    # With the comment threshold at k the same group shows its comments.
    loose = comments_report(
        db, org=org, waves=["k2"], k=5, comment_k=5, view=view, segments=segments, themes=3
    )
    assert not loose.suppressed
    assert loose.languages
    assert all(n.key != "text.note.comments_hidden" for n in loose.notes)
    with pytest.raises(InvalidInput, match="below k"):
        comments_report(db, org=org, k=5, comment_k=4)


def test_the_comment_threshold_setting() -> None:
    from orientir.config import load_settings
    from orientir.errors import ConfigError

    assert load_settings({}).min_comment_group == 10
    assert load_settings({"ORIENTIR_MIN_GROUP_SIZE": "12"}).min_comment_group == 12
    assert load_settings({"ORIENTIR_MIN_COMMENT_GROUP": "15"}).min_comment_group == 15
    with pytest.raises(ConfigError, match="at least ORIENTIR_MIN_GROUP_SIZE"):
        load_settings({"ORIENTIR_MIN_GROUP_SIZE": "8", "ORIENTIR_MIN_COMMENT_GROUP": "6"})


def test_command_line_between_the_thresholds(sqlite_url: str, tmp_path: Path) -> None:
    db = open_database(sqlite_url, migrate=True)
    slug = build(db, tmp_path)
    db.dispose()
    segments = seven_in_a(tmp_path)
    runner = CliRunner()
    args = ["--db", sqlite_url, "comments", "--org", slug, "--wave", "k2", "--segment", "A"]
    args += ["--segments", str(segments)]
    strict = runner.invoke(app, [*args, "--json"])
    assert strict.exit_code == 0, strict.stderr
    payload = json.loads(strict.stdout)
    assert (payload["responses"], payload["comments"], payload["comment_k"]) == (7, 7, 10)
    assert payload["themes"] == []
    text = runner.invoke(app, args)
    assert text.exit_code == 0, text.stderr
    assert "7 comments from 7 responses" in text.stdout
    assert "Comments are shown for groups of at least 10 people" in text.stdout
    assert "«" not in text.stdout
    loose = runner.invoke(
        app, [*args, "--themes", "3", "--json"], env={"ORIENTIR_MIN_COMMENT_GROUP": "5"}
    )
    assert loose.exit_code == 0, loose.stderr
    assert json.loads(loose.stdout)["comment_k"] == 5
    assert json.loads(loose.stdout)["suppressed"] is False
