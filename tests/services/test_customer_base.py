"""Transactions stored per organisation, and customers' voice joined to their value."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orientir.config import Limits
from orientir.domain.waves import WaveMode
from orientir.errors import ImportRejected, InsufficientData, InvalidInput
from orientir.services.customer_base import customer_voice, import_transactions, transaction_log
from orientir.services.organisations import NewOrganisation, create_organisation
from orientir.services.people import import_contacts
from orientir.services.responding import submit_answers
from orientir.services.waves import NewWave, close_wave, create_wave, open_wave
from orientir.storage.database import Database

LIMITS = Limits()
TODAY = date(2026, 3, 10)
ONE_C = (
    "Контрагент;Дата;Сумма;Номер документа\n"
    "К-001;05.01.2026;12 500,00;1\n"
    "К-002;06.01.2026;1 000,50;2\n"
    "К-001;07.02.2026;-500,00;3\n"
)


@pytest.fixture
def org(db: Database) -> str:
    return create_organisation(db, NewOrganisation("Ромашка"), this_year=2026).slug


def write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1251"))
    return path


def test_import_stores_a_russian_export_once(db: Database, org: str, tmp_path: Path) -> None:
    path = write(tmp_path, ONE_C)
    first = import_transactions(db, org=org, path=path, limits=LIMITS)
    assert (first.total_rows, first.added, first.customers) == (3, 3, 2)
    again = import_transactions(db, org=org, path=path, limits=LIMITS)
    assert (again.added, again.already_present) == (0, 3)
    longer = write(tmp_path, ONE_C + "К-003;08.02.2026;700,00;4\n", "longer.csv")
    assert import_transactions(db, org=org, path=longer, limits=LIMITS).added == 1
    log = transaction_log(db, org=org).to_pandas()
    assert len(log) == 4
    assert log["amount"].tolist() == [12500.0, 1000.5, -500.0, 700.0]
    assert log["date"].astype(str).tolist()[0] == "2026-01-05"


def test_identical_rows_in_one_file_are_both_kept(db: Database, org: str, tmp_path: Path) -> None:
    path = write(tmp_path, "Клиент;Дата;Сумма\nA;01.01.2026;10\nA;01.01.2026;10\n")
    assert import_transactions(db, org=org, path=path, limits=LIMITS).added == 2
    assert import_transactions(db, org=org, path=path, limits=LIMITS).added == 0


def test_a_bad_file_stores_nothing(db: Database, org: str, tmp_path: Path) -> None:
    path = write(tmp_path, "Клиент;Дата;Сумма\nA;01.01.2026;10\nB;32.01.2026;x\n")
    with pytest.raises(ImportRejected):
        import_transactions(db, org=org, path=path, limits=LIMITS)
    with pytest.raises(InsufficientData, match="no transactions"):
        transaction_log(db, org=org)


def test_check_only_writes_nothing(db: Database, org: str, tmp_path: Path) -> None:
    report = import_transactions(
        db, org=org, path=write(tmp_path, ONE_C), limits=LIMITS, check_only=True
    )
    assert report.added == 3
    with pytest.raises(InsufficientData):
        transaction_log(db, org=org)


def _voice_setup(db: Database, org: str, tmp_path: Path, mode: WaveMode) -> None:
    # 12 customers: C00..C03 buy a lot (class A), the rest little.
    log = "Клиент;Дата;Сумма\n" + "".join(
        f"C{i:02d};0{1 + i % 9}.01.2026;{100_000 if i < 4 else 1_000}\n" for i in range(12)
    )
    import_transactions(db, org=org, path=write(tmp_path, log), limits=LIMITS)
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "id,kind\n" + "".join(f"C{i:02d},customer\n" for i in range(12)), encoding="utf-8"
    )
    import_contacts(db, org=org, path=contacts, limits=LIMITS)
    created = create_wave(db, NewWave(org, "customer-view@1", label="cv", mode=mode), limits=LIMITS)
    open_wave(db, org=org, wave="cv")
    tokens = {i.respondent: i.token for i in created.invitations}
    for i in range(12):
        score = 10 if i < 4 else (3 if i < 9 else 8)
        token = tokens.get(f"C{i:02d}", created.shared_token or "")
        submit_answers(
            db, token=token, answers={"nps": score, "csat": 4}, idempotency_key=str(i), today=TODAY
        )
    close_wave(db, org=org, wave="cv")


def test_voice_by_abc_class_is_guarded(db: Database, org: str, tmp_path: Path) -> None:
    _voice_setup(db, org, tmp_path, WaveMode.CONFIDENTIAL)
    voice = customer_voice(db, org=org, k=3)
    cells = {c.group: c for c in voice.by_abc}
    assert voice.matched == 12
    assert cells["A"].n == 4
    assert cells["A"].nps == 100.0  # four promoters
    assert cells["(all)"].nps == pytest.approx(100 * (4 + 0 - 5) / 12 + 100 * 0 / 12)
    assert voice.a_detractors == 0
    strict = customer_voice(db, org=org, k=5)
    hidden = {c.group for c in strict.by_abc if c.suppressed}
    assert "A" in hidden  # four respondents are fewer than k = 5
    assert strict.a_detractors is None


def test_an_anonymous_wave_cannot_be_joined_to_customers(
    db: Database, org: str, tmp_path: Path
) -> None:
    _voice_setup(db, org, tmp_path, WaveMode.ANONYMOUS)
    with pytest.raises(InvalidInput, match="anonymous"):
        customer_voice(db, org=org, k=3)
