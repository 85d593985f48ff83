"""Free-text comments: language, terms, personal data, themes and their figures — offline.

Pure functions over text and frames; nothing here touches storage or downloads anything.
Russian is lemmatised by pymorphy3 with the ``pymorphy3-dicts-ru`` dictionary package and
themes are found with scikit-learn, all installed packages. The pieces, in the order
:func:`analyse_comments` uses them:

* :func:`mask_pii` / :class:`NameIndex` — e-mails, phone numbers and people's names masked
  before anything else sees a comment;
* :func:`detect_language` — ``ru``, ``en`` or ``und``;
* :func:`content_terms` — lemmas (Russian) or light stems (English) without stop-words;
* :func:`find_themes` — themes per language, their number chosen by stability;
* :class:`ThemeEdits` / :func:`apply_edits` — the analyst's rename, merge, split and pin;
* :func:`analyse_comments` — shares, trends, impact on NPS/CSAT and examples, through the
  anonymity guard.

:func:`sample_comment` writes a realistic comment on a theme of :data:`THEMES`, for demos
and tests. What callers may import is listed in ``__all__``.
"""

from orientir.text.bank import THEMES, ThemeTitle, sample_comment
from orientir.text.discovery import DiscoveryOptions
from orientir.text.edits import (
    InvalidEdits,
    Merge,
    Pin,
    Rename,
    Split,
    SplitPart,
    ThemeEdits,
    apply_edits,
)
from orientir.text.language import LANGUAGES, detect_language
from orientir.text.lemmas import Term, content_terms, keyword_key
from orientir.text.messages import Sentence
from orientir.text.pii import NameIndex, mask_contacts, mask_pii
from orientir.text.report import CommentOptions, CommentView, analyse_comments
from orientir.text.report_types import CommentsReport, Impact, ThemeReport, WaveShare
from orientir.text.themes import Theme, ThemeSet, find_themes

__all__ = [
    "LANGUAGES",
    "THEMES",
    "CommentOptions",
    "CommentView",
    "CommentsReport",
    "DiscoveryOptions",
    "Impact",
    "InvalidEdits",
    "Merge",
    "NameIndex",
    "Pin",
    "Rename",
    "Sentence",
    "Split",
    "SplitPart",
    "Term",
    "Theme",
    "ThemeEdits",
    "ThemeReport",
    "ThemeSet",
    "ThemeTitle",
    "WaveShare",
    "analyse_comments",
    "apply_edits",
    "content_terms",
    "detect_language",
    "find_themes",
    "keyword_key",
    "mask_contacts",
    "mask_pii",
    "sample_comment",
]
