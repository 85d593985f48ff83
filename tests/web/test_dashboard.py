"""The dashboard service behind the heatmap: figures per department through the guard."""

from __future__ import annotations

from orientir.services.dashboard import trend, wave_dashboard
from orientir.services.responding import save_answers, submit_answers
from tests.web.conftest import World, open_wave_with_links
from tests.web.survey_helpers import pages


def _answer_all(world: World, tokens: list[str]) -> None:
    answers = {k: int(v) for form in pages("employee-co@1") for k, v in form.items()}
    for number, token in enumerate(tokens):
        save_answers(world.db, token=token, answers=answers)
        submit_answers(world.db, token=token, answers={}, idempotency_key=f"k{number}")


def test_departments_under_k_are_hidden_and_the_rest_shown(world: World) -> None:
    tokens = open_wave_with_links(world.db, world.org_a, label="board")
    _answer_all(world, tokens)
    board = wave_dashboard(world.db, org=world.org_a, wave="board", k=3)
    rows = {row.department: row for row in board.rows}
    assert set(rows) == {"", "Продажи", "Продажи/Москва", "Сервис"}
    assert rows[""].respondents == 6
    assert rows["Продажи"].respondents == 3
    assert rows["Сервис"].respondents == 3
    moscow = rows["Продажи/Москва"]
    assert moscow.respondents is None
    assert all(cell.hidden and cell.value is None for cell in moscow.cells)
    needs = [f.id for f in board.figures].index("needs")
    # Every answer is 4 and needs4 is reverse-keyed (4 → 2): (4 + 4 + 4 + 2 + 4) / 5.
    assert abs(rows[""].cells[needs].value - 3.6) < 1e-9  # type: ignore[operator]
    enps = [f.id for f in board.figures].index("enps")
    assert rows["Сервис"].cells[enps].value == 100.0  # everyone answered 9: all promoters
    assert rows[""].cells[needs].level(board.figures[needs]) == 3


def test_whole_wave_hidden_under_k(world: World) -> None:
    tokens = open_wave_with_links(world.db, world.org_a, label="small")
    _answer_all(world, tokens[:2])
    board = wave_dashboard(world.db, org=world.org_a, wave="small", k=5)
    assert all(row.respondents is None for row in board.rows)
    assert all(cell.value is None for row in board.rows for cell in row.cells)


def test_a_cell_the_cross_table_guard_hides_is_hidden_on_the_dashboard(world: World) -> None:
    """Five people answer the first wave and the same five plus one the second: each wave's
    own table may show its whole (5 and 6 ≥ k = 3), but the pair would give away the
    newcomer's answers, so ``orientir score`` hides the later whole — and so does the page."""
    from orientir.services.scoring import score_wave
    from orientir.services.waves import close_wave

    first = open_wave_with_links(world.db, world.org_a, label="w1")
    _answer_all(world, first[:5])
    close_wave(world.db, org=world.org_a, wave="w1")
    second = open_wave_with_links(world.db, world.org_a, label="w2")
    _answer_all(world, second)
    scored = score_wave(world.db, org=world.org_a, wave="w2", by="department", k=3)
    hidden_by_score = {g["group"] for g in scored.groups if g["suppressed"]}
    assert "(all)" in hidden_by_score
    board = wave_dashboard(world.db, org=world.org_a, wave="w2", k=3)
    rows = {row.department: row for row in board.rows}
    whole = rows[""]
    assert whole.respondents is None
    assert all(cell.hidden and cell.value is None for cell in whole.cells)
    for group in hidden_by_score - {"(all)"}:
        assert rows[group].respondents is None, group
    shown = [name for name, row in rows.items() if row.respondents is not None]
    assert set(shown).isdisjoint(hidden_by_score)
    points = {p.wave.label: p for p in trend(world.db, org=world.org_a, wave="w2", k=3)}
    assert points["w1"].respondents == 5
    assert points["w2"].respondents is None
    assert all(value is None for value in points["w2"].values.values())
