"""Personal data is masked before anyone reads a comment: e-mails, phones, people's names."""

from __future__ import annotations

import pytest

from orientir.text import NameIndex, mask_contacts, mask_pii

PEOPLE = NameIndex.from_names(
    ["Иванова Мария Петровна", "Вера Смирнова", "Кузнецов Олег", "John Smith", "Grace Lee"]
)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("пишите на ivan.petrov@mail.ru", "пишите на [email]"),
        ("Mail j_smith+crm@sub.example.co.uk now", "Mail [email] now"),
        ("почта: почта@пример.рф.", "почта: [email]."),
        ("адрес (anna@example.com), спасибо", "адрес ([email]), спасибо"),
    ],
)
def test_emails(text: str, masked: str) -> None:
    assert mask_contacts(text) == masked


@pytest.mark.parametrize(
    "phone",
    [
        "+7 (916) 123-45-67",
        "+7 916 123 45 67",
        "+79161234567",
        "8 800 555-35-35",
        "8 (495) 123-45-67",
        "8(495)123-45-67",
        "89161234567",
        "8-916-123-45-67",
        "(495) 123-45-67",
        "123-45-67",
        "+44 20 7946 0958",
        "+1-202-555-0143",
        "+49 (0)30 1234567",
        "+375 29 123-45-67",
    ],
)
def test_phones(phone: str) -> None:
    assert mask_contacts(f"Звоните: {phone}, до 18:00") == "Звоните: [phone], до 18:00"


@pytest.mark.parametrize(
    "kept",
    [
        "Заказ от 12.03.2024 пришёл 2024-03-15",
        "Сумма 1 500 000 руб., скидка 15 %",
        "Заказ № 45123678 и счёт 2024/118",
        "ИНН 7707083893, КПП 773601001",
        "Доставка с 9 до 18, в 21:00 было поздно",
        "Ordered 3 x 250 units on 03/04/2025",
        "Version 2.10.3 of the app",
        "+7",
    ],
)
def test_numbers_that_are_not_phones_are_kept(kept: str) -> None:
    assert mask_contacts(kept) == kept


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Спасибо Ивановой за помощь", "Спасибо [name] за помощь"),
        ("Спасибо Ивановой М.П. за помощь!", "Спасибо [name] за помощь!"),
        ("М. П. Иванова была вежлива", "[name] была вежлива"),
        ("Передайте Марии Петровне привет", "Передайте [name] привет"),
        ("ивановой передайте привет", "[name] передайте привет"),  # lowercase surname
        ("Вера Смирнова не перезвонила", "[name] не перезвонила"),
        ("вера в компанию пропала", "вера в компанию пропала"),  # faith, not the name
        ("Кузнецову Олегу отдельное спасибо", "[name] отдельное спасибо"),
        ("John Smith's team was great", "[name] team was great"),
        ("Grace was helpful, thanks to grace period", "[name] was helpful, thanks to grace period"),
        ("a smith made it", "a smith made it"),  # lowercase Latin words are words
    ],
)
def test_listed_names_in_every_form(text: str, masked: str) -> None:
    assert mask_pii(text, PEOPLE) == masked


def test_unlisted_russian_names_are_guessed_mid_sentence() -> None:
    text = "Курьер Василий опоздал, а менеджер Ольга не ответила. В Москве всё хорошо."
    assert (
        mask_pii(text, PEOPLE)
        == "Курьер [name] опоздал, а менеджер [name] не ответила. В Москве всё хорошо."
    )


def test_guessing_can_be_turned_off() -> None:
    names = NameIndex.from_names([], guess_names=False)
    assert mask_pii("Курьер Василий опоздал", names) == "Курьер Василий опоздал"


def test_everything_at_once() -> None:
    text = "Иванова М.П. обещала перезвонить: +7 (916) 123-45-67, maria@example.ru."
    assert mask_pii(text, PEOPLE) == "[name] обещала перезвонить: [phone], [email]."


@pytest.mark.parametrize(
    "phone",
    [
        "+7 (912) 345-67-89",
        "8 912 345 67 89",
        "8 (912) 345 67 89",
        "+7-912-345-67-89",
        "+7(912)3456789",
        "7 912 345-67-89",
        "912 345 67 89",  # a mobile number without its prefix
        "912-345-67-89",
        "9123456789",
    ],
)
def test_russian_mobile_formats(phone: str) -> None:
    assert mask_contacts(f"Мой номер {phone}, звоните") == "Мой номер [phone], звоните"


@pytest.mark.parametrize("kept", ["Заказ 912-345-67-89-01", "код 123-45-67-89", "ИНН 7707083893"])
def test_a_phone_shape_inside_a_longer_number_is_not_half_masked(kept: str) -> None:
    assert mask_contacts(kept) == kept


STAFF = NameIndex.from_names(
    ["Иванова Мария Петровна", "Пётр Сидоров", "Ильин Илья Ильич", "Любовь Орлова"],
    guess_names=False,
)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Спасибо Ивановой", "Спасибо [name]"),  # genitive/dative of a female surname
        ("Иванову не дозвониться", "[name] не дозвониться"),
        ("Передайте Петру спасибо", "Передайте [name] спасибо"),  # dative of Пётр
        ("Петра не было на месте", "[name] не было на месте"),
        ("с Сидоровым договорились", "с [name] договорились"),
        ("Марии Петровне отдельное спасибо", "[name] отдельное спасибо"),
        ("У Ильи нет времени", "У [name] нет времени"),
        ("с Ильёй Ильичом", "с [name]"),
        ("Любови Орловой спасибо", "[name] спасибо"),
        ("любовь к клиентам", "любовь к клиентам"),  # the word, lowercase, is kept
        ("ИВАНОВОЙ пишем третий раз", "[name] пишем третий раз"),
        ("Маша молодец, Машей довольны", "[name] молодец, [name] довольны"),  # Мария
        ("Петя обещал", "[name] обещал"),  # Пётр
        ("к С.Петрову, И. Сидорову", "к С.Петрову, [name]"),
        ("Thanks to Ivanova and Maria", "Thanks to [name] and [name]"),  # Latin letters
    ],
)
def test_russian_name_forms(text: str, masked: str) -> None:
    assert mask_pii(text, STAFF) == masked


def test_an_initial_is_not_the_end_of_a_sentence_for_guessed_names() -> None:
    names = NameIndex.from_names([])
    assert mask_pii("Менеджер И. Петров нагрубил", names) == "Менеджер [name] нагрубил"
    assert mask_pii("Звонил к С.Петрову", names) == "Звонил к [name]"
