"""The comment analysis end to end on constructed data whose truth is known."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from orientir.errors import InvalidInput
from orientir.text import (
    CommentOptions,
    CommentView,
    DiscoveryOptions,
    NameIndex,
    ThemeEdits,
    analyse_comments,
    sample_comment,
)

OPTIONS = CommentOptions(discovery=DiscoveryOptions(themes=3))


def responses(seed: int = 0) -> pd.DataFrame:
    """Two waves of 120 Russian answers. Delivery comments come from detractors (NPS 0–4) and
    grow from 20 % to 45 % of comments; price and support comments from promoters (9–10).
    Segment A holds every third respondent; one in ten leaves no comment."""
    rng = np.random.default_rng(seed)
    rows = []
    for wave, delivery_share in (("q1", 0.2), ("q2", 0.45)):
        for i in range(120):
            u = rng.random()
            theme = "delivery" if u < delivery_share else "price" if u < 0.7 else "support"
            nps = int(rng.integers(0, 5)) if theme == "delivery" else int(rng.integers(9, 11))
            text = sample_comment(theme, "ru", rng) if i % 10 else None
            rows.append(
                {
                    "wave": wave,
                    "text": text,
                    "nps": nps,
                    "csat": 2 if theme == "delivery" else 5,
                    "segment": "A" if i % 3 == 0 else "B",
                    "truth": theme,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def report_all():  # type: ignore[no-untyped-def]
    edits = ThemeEdits.from_data([{"rename": "@доставка", "label": "Доставка"}])
    return analyse_comments(responses(), waves=["q1", "q2"], edits=edits, options=OPTIONS)


def test_delivery_is_found_with_its_impact_trend_and_examples(report_all) -> None:  # type: ignore[no-untyped-def]
    delivery = next(t for t in report_all.themes if t.theme and t.theme.label == "Доставка")
    assert delivery.share == pytest.approx(0.33, abs=0.08)
    nps = next(i for i in delivery.impact if i.measure == "nps")
    assert nps.difference < -150  # detractors (−100) against promoters (+100)
    assert nps.ci[1] < 0
    assert nps.verdict == "falling"
    assert "ниже" in nps.sentence.text("ru")
    assert "lower" in nps.sentence.text("en")
    csat = next(i for i in delivery.impact if i.measure == "csat")
    assert csat.difference == pytest.approx(-3.0, abs=0.3)
    q1, q2 = delivery.trend
    assert q1.share is not None
    assert q2.share is not None
    assert q2.share > q1.share
    assert delivery.change is not None
    assert delivery.change.verdict == "rising"
    assert delivery.change_waves == ("q1", "q2")
    assert 1 <= len(delivery.examples) <= 3
    words = ("достав", "курьер", "привоз", "водител", "заказ")
    assert all(any(w in e.lower() for w in words) for e in delivery.examples)


def test_counts_and_json(report_all) -> None:  # type: ignore[no-untyped-def]
    assert report_all.responses == 240
    assert report_all.comments == 216
    assert report_all.languages == {"ru": 216}
    payload = json.loads(json.dumps(report_all.to_dict(), ensure_ascii=False))
    assert payload["kind"] == "comments"
    assert payload["edits"]["applied"][0].startswith("edits[0]: renamed")
    assert set(payload["discovery"]) == {"ru"}


def test_detractors_among_a_customers_is_one_query() -> None:
    view = CommentView(nps="detractor", segment="A")
    report = analyse_comments(responses(), waves=["q1", "q2"], view=view, options=OPTIONS)
    assert not report.suppressed
    shown = [t for t in report.themes if not t.suppressed]
    assert shown
    top = shown[0]
    assert top.theme is not None
    assert "доставка" in top.theme.keys
    assert all(i.measure != "nps" for t in shown for i in t.impact)  # one NPS group only
    assert any(n.key == "text.note.nps_view" for n in report.notes)


def test_small_themes_and_small_views_are_hidden() -> None:
    frame = responses()
    # A theme of three comments only: its figures, terms and examples must not show.
    frame.loc[[1, 2, 3], "text"] = "Хочу оплату криптовалютой, криптовалюта удобнее"
    edits = ThemeEdits.from_data([{"pin": "new", "label": "Крипто", "keywords": ["криптовалюта"]}])
    report = analyse_comments(frame, waves=["q1", "q2"], edits=edits, options=OPTIONS)
    hidden = report.themes[-1]
    assert hidden.suppressed
    assert hidden.theme is None
    assert hidden.examples == ()
    assert hidden.n is None
    assert hidden.impact == ()
    assert any(n.key == "text.note.hidden_themes" for n in report.notes)
    # A view that leaves out fewer than k people would expose them by subtraction.
    frame.loc[:, "segment"] = "B"
    frame.loc[[0, 1], "segment"] = "A"
    narrow = analyse_comments(
        frame, waves=["q1", "q2"], view=CommentView(segment="B"), options=OPTIONS
    )
    assert narrow.suppressed
    assert narrow.themes == ()
    assert narrow.responses is None


def test_fewer_than_k_comments_show_nothing() -> None:
    frame = responses().head(30).copy()
    frame["text"] = None
    frame.loc[[1, 2, 3, 4], "text"] = "Доставка опаздывает"
    report = analyse_comments(frame, waves=["q1", "q2"], options=OPTIONS)
    assert report.suppressed
    assert report.themes == ()
    assert report.comments is None
    assert report.notes[-1].key == "text.note.few_comments"


def test_personal_data_never_reaches_the_examples() -> None:
    frame = responses()
    secret = (
        "Курьер опять опоздал с доставкой, позвоните Ивановой: +7 916 123-45-67, ivanova@example.ru"
    )
    frame.loc[frame["truth"] == "delivery", "text"] = secret
    report = analyse_comments(
        frame,
        waves=["q1", "q2"],
        names=NameIndex.from_names(["Иванова Анна"]),
        options=OPTIONS,
    )
    dumped = json.dumps(report.to_dict(), ensure_ascii=False)
    for leak in ("Иванов", "916", "ivanova@", "example.ru"):
        assert leak not in dumped
    assert "позвоните [name]: [phone], [email]" in dumped


def test_unknown_waves_are_refused() -> None:
    with pytest.raises(InvalidInput, match="waves not listed"):
        analyse_comments(responses(), waves=["q1"], options=OPTIONS)
    with pytest.raises(InvalidInput, match="text"):
        analyse_comments(pd.DataFrame({"wave": ["q1"]}), waves=["q1"])


def test_a_theme_between_k_and_the_comment_threshold_is_hidden() -> None:
    frame = responses()
    rows = [1, 2, 3, 4, 5, 6, 7]  # seven people, all in wave q1
    frame.loc[rows, "text"] = "Хочу оплату криптовалютой, криптовалюта удобнее"
    edits = ThemeEdits.from_data([{"pin": "new", "label": "Крипто", "keywords": ["криптовалюта"]}])
    loose = analyse_comments(frame, waves=["q1", "q2"], edits=edits, options=OPTIONS)
    crypto = next(t for t in loose.themes if t.theme is not None and t.theme.label == "Крипто")
    assert crypto.n == 7
    strict_options = CommentOptions(discovery=DiscoveryOptions(themes=3), comment_k=10)
    strict = analyse_comments(frame, waves=["q1", "q2"], edits=edits, options=strict_options)
    assert strict.k == 5
    assert strict.comment_k == 10
    hidden = [t for t in strict.themes if t.suppressed]
    assert len(hidden) == 1
    assert hidden[0].theme is None
    assert hidden[0].examples == ()
    assert all(t.theme is None or t.theme.label != "Крипто" for t in strict.themes)
    assert any(n.key == "text.note.hidden_themes" and n.params["k"] == 10 for n in strict.notes)
    for theme in strict.themes:
        for share in theme.trend:
            assert share.suppressed or (share.n is not None and share.n >= 10)
        assert all(min(i.n_with, i.n_without) >= 10 for i in theme.impact)
    with pytest.raises(InvalidInput, match="comment_k"):
        analyse_comments(frame, waves=["q1", "q2"], options=CommentOptions(comment_k=4))


def test_hidden_found_themes_do_not_show_an_id_made_of_their_terms() -> None:
    options = CommentOptions(discovery=DiscoveryOptions(themes=3), comment_k=100)
    report = analyse_comments(responses(), waves=["q1", "q2"], options=options)
    hidden = [t for t in report.themes if t.suppressed]
    assert hidden
    assert all(t.id.startswith("hidden-") and t.theme is None for t in hidden)
