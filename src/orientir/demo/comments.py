"""What generated customers and partners write in the comment box.

About 45 % of respondents write something, 85 % of them in Russian. Unhappy respondents
(latent level below −0.3) complain about one of the complaint themes, the happiest praise, the
rest are split; the themes come from :mod:`orientir.text.bank`, so the comment analysis has known
themes to find.
"""

from __future__ import annotations

import numpy as np

from orientir.instruments.model import Item
from orientir.text import sample_comment

COMPLAINTS = (
    "delivery",
    "price",
    "support",
    "quality",
    "manager",
    "documents",
    "website",
    "assortment",
)
WRITE_SHARE = 0.45
RUSSIAN_SHARE = 0.85


def write_comment(item: Item, level: float, rng: np.random.Generator) -> str | None:
    if rng.random() >= WRITE_SHARE:
        return None
    lang = "ru" if rng.random() < RUSSIAN_SHARE else "en"
    if level > 0.6 or (level > 0.0 and rng.random() < 0.5):
        theme = "praise"
    else:
        # Delivery and price weigh most, as in most customer bases.
        weights = np.array([3, 3, 2, 2, 1, 1, 1, 1], dtype=float)
        theme = COMPLAINTS[int(rng.choice(len(COMPLAINTS), p=weights / weights.sum()))]
    text = sample_comment(theme, lang, rng)
    return text[: item.max_length] if item.max_length else text
