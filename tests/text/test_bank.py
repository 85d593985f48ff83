"""The theme bank behind the demo: reproducible, both languages, every theme."""

from __future__ import annotations

import numpy as np
import pytest

from orientir.errors import InvalidInput
from orientir.text import THEMES, detect_language, sample_comment


def test_same_seed_same_comments() -> None:
    a = [sample_comment("delivery", "ru", np.random.default_rng(7)) for _ in range(3)]
    b = [sample_comment("delivery", "ru", np.random.default_rng(7)) for _ in range(3)]
    assert a == b


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_theme_writes_varied_comments_in_its_language(lang: str) -> None:
    rng = np.random.default_rng(0)
    for theme in THEMES:
        comments = {sample_comment(theme, lang, rng) for _ in range(40)}
        assert len(comments) >= 10, theme
        assert all(detect_language(c) == lang for c in comments), theme
        assert THEMES[theme].get(lang)


def test_unknown_theme_or_language_is_refused() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(InvalidInput, match="unknown theme"):
        sample_comment("weather", "ru", rng)
    with pytest.raises(InvalidInput, match="ru or en"):
        sample_comment("price", "de", rng)
