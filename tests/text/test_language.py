"""Language detection: script share first, function words where the script cannot decide."""

from __future__ import annotations

import pytest

from orientir.text import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Доставка опаздывает", "ru"),
        ("доставка", "ru"),
        ("Deliveries are late", "en"),
        ("ok", "en"),  # short Latin: taken as English
        ("SAP", "en"),
        ("ERP-система SAP не интегрируется с вашим порталом", "ru"),  # Cyrillic majority
        ("The app 'Мой кабинет' crashes on start", "en"),
        ("это не work и не fix", "ru"),  # both scripts: Russian function words win
        ("send the акт and счёт", "en"),  # both scripts: English function words win
        ("Food arrives partly frozen.", "en"),  # no function word, still English
        ("dostavka ochen dolgo, menedzher ne otvechaet", "und"),  # Russian in Latin letters
        ("Die Lieferung kommt immer zu spät", "und"),  # a letter English does not use
        ("12345", "und"),
        ("", "und"),
        ("!!! ---", "und"),
        ("Ελληνικά γράμματα", "und"),
    ],
)
def test_cases(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_labelled_sets_are_detected(labelled: dict[str, list[tuple[str, str]]]) -> None:
    for lang, rows in labelled.items():
        wrong = [text for text, _ in rows if detect_language(text) != lang]
        assert wrong == [], wrong
