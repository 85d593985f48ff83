"""``orientir comments``: themes of the free-text answers, with shares, trends and impact.

One call of :func:`orientir.services.comments.comments_report`; ``--json`` prints its full
result (stdout: JSON only). Comments are masked and guarded before they reach this module.
"""

from __future__ import annotations

from pathlib import Path

import typer

from orientir.cli import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.cli._common import console, emit_json, settings_from
from orientir.errors import InvalidInput
from orientir.i18n import register, t
from orientir.services.comments import comments_report, read_segments
from orientir.services.database import open_app_database
from orientir.text import CommentsReport, CommentView, ThemeEdits

register(
    {
        f"cli.comments.{key}": {"en": en, "ru": ru}
        for key, (en, ru) in {
            "summary": (
                "{comments} comments from {responses} responses in {waves}.",
                "Комментариев: {comments} из {responses} ответов; волны: {waves}.",
            ),
            "hidden": ("Nothing to show:", "Показать нечего:"),
            "theme": (
                "{label} — {share:.0%} ({n} people; CI {low:.0%}–{high:.0%})",
                "{label} — {share:.0%} ({n} чел.; ДИ {low:.0%}–{high:.0%})",
            ),
            "terms": ("terms", "слова"),
            "trend": ("by wave", "по волнам"),
            "change": ("change {a} → {b}: {verdict}", "изменение {a} → {b}: {verdict}"),
            "unassigned": ("Comments without a theme: {n}.", "Комментариев без темы: {n}."),
        }.items()
    }
)

app = typer.Typer(help="Themes of free-text comments.")


def _print(report: CommentsReport, lang: str) -> None:
    out = console()
    if report.suppressed:
        if report.responses is not None and report.comments is not None:
            waves = ", ".join(report.waves)
            summary = t(
                "cli.comments.summary",
                lang,
                comments=report.comments,
                responses=report.responses,
                waves=waves,
            )
            out.print(summary)
        out.print(f"[bold]{t('cli.comments.hidden', lang)}[/]")
        for note in report.notes:
            out.print(note.text(lang))
        return
    waves = ", ".join(report.waves)
    out.print(
        t(
            "cli.comments.summary",
            lang,
            comments=report.comments,
            responses=report.responses,
            waves=waves,
        )
    )
    for theme in report.themes:
        if theme.suppressed or theme.theme is None or theme.ci is None:
            continue
        out.print(
            "\n[bold]"
            + t(
                "cli.comments.theme",
                lang,
                label=theme.theme.label,
                share=theme.share,
                n=theme.n,
                low=theme.ci[0],
                high=theme.ci[1],
            )
            + "[/]"
        )
        out.print(f"  {t('cli.comments.terms', lang)}: {', '.join(theme.theme.terms[:6])}")
        trend = "; ".join(
            f"{w.wave} {'—' if w.share is None else f'{w.share:.0%}'}" for w in theme.trend
        )
        out.print(f"  {t('cli.comments.trend', lang)}: {trend}")
        if theme.change is not None and theme.change_waves is not None:
            a, b = theme.change_waves
            verdict = theme.change.verdict
            out.print(f"  {t('cli.comments.change', lang, a=a, b=b, verdict=verdict)}")
        for effect in theme.impact:
            out.print(f"  • {effect.sentence.text(lang)}")
        for example in theme.examples:
            out.print(f"  [dim]«{example}»[/]")
    if report.unassigned is not None:
        out.print("\n" + t("cli.comments.unassigned", lang, n=report.unassigned))
    for note in report.notes:
        out.print(f"[dim]{note.text(lang)}[/]")


@app.callback(invoke_without_command=True)
def comments(
    ctx: typer.Context,
    org: str = typer.Option(..., "--org", help="Organisation: short name, name or id."),
    wave: list[str] | None = typer.Option(
        None, "--wave", help="Wave label or id; repeat for several (default: all with comments)."
    ),
    edits: Path | None = typer.Option(
        None, "--edits", help="YAML file of theme edits (rename, merge, split, pin)."
    ),
    nps: str | None = typer.Option(
        None, "--nps", help="Only detractor, passive or promoter respondents."
    ),
    segment: str | None = typer.Option(None, "--segment", help="Only this segment (e.g. A)."),
    segments: Path | None = typer.Option(
        None, "--segments", help="CSV/XLSX: respondent id → segment (e.g. `customers abc --csv`)."
    ),
    item: str | None = typer.Option(None, "--item", help="Free-text item id (default: all)."),
    themes: int | None = typer.Option(
        None, "--themes", help="Fixed number of themes per language (default: chosen by stability)."
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of theme discovery."),
    examples: int = typer.Option(3, "--examples", help="Example comments per theme."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Themes of the comments: share, trend across waves, impact on NPS/CSAT, examples."""
    settings = settings_from(ctx)
    if segment is not None and segments is None:
        raise InvalidInput(
            "--segment needs --segments FILE (respondent id → segment)",
            key="err.cli.segment_needs_segments_file",
        )
    theme_edits = None
    if edits is not None:
        try:
            theme_edits = ThemeEdits.from_yaml(edits.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InvalidInput(
                f"cannot read {edits}: {exc}",
                key="err.cli.cannot_read",
                params={"edits": edits, "exc": exc},
            ) from None
    mapping = read_segments(segments, settings.limits) if segments is not None else None
    report = comments_report(
        open_app_database(settings),
        org=org,
        waves=wave or None,
        k=settings.min_group_size,
        comment_k=max(settings.min_comment_group, settings.min_group_size),
        edits=theme_edits,
        view=CommentView(nps=nps, segment=segment),  # type: ignore[arg-type]
        segments=mapping,
        item=item,
        themes=themes,
        seed=seed,
        examples=examples,
    )
    if as_json:
        emit_json(report.to_dict())
        return
    _print(report, settings.lang)
