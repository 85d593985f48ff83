"""A bank of comment themes and :func:`sample_comment`, which writes a realistic comment on one.

The bank is for demonstrations and tests: the demo's data generator asks for a comment on a
known theme, and theme discovery should find the themes again. Every sentence was written for
orientir. Comments answer the built-in question "What should we change first to make us
easier to work with?" (customer-view) or "What would make our partnership better?"
(partner-view), so they are mostly requests and complaints; ``praise`` is what promoters tend
to write instead.

A comment is an opener (often empty), one core sentence of the theme, sometimes a second
detail sentence of the same theme, and sometimes a closing word, with the informal touches of
real answers: about one in seven is written in lower case without a final full stop. With a
seeded ``numpy.random.Generator`` the output is reproducible.

Themes (:data:`THEMES`): ``delivery``, ``price``, ``support``, ``quality``, ``manager``,
``documents``, ``website``, ``assortment``, ``praise``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from orientir.errors import InvalidInput
from orientir.text import error_messages as _error_messages  # noqa: F401  (registers the error texts)


@dataclass(frozen=True)
class ThemeTitle:
    ru: str
    en: str

    def get(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


THEMES: dict[str, ThemeTitle] = {
    "delivery": ThemeTitle("Доставка и сроки", "Delivery and lead times"),
    "price": ThemeTitle("Цены и скидки", "Prices and discounts"),
    "support": ThemeTitle("Поддержка и связь", "Support and reaching us"),
    "quality": ThemeTitle("Качество продукции", "Product quality"),
    "manager": ThemeTitle("Менеджеры и персонал", "Managers and staff"),
    "documents": ThemeTitle("Документы и счета", "Documents and invoices"),
    "website": ThemeTitle("Сайт и личный кабинет", "Website and portal"),
    "assortment": ThemeTitle("Ассортимент и наличие", "Range and availability"),
    "praise": ThemeTitle("Всё устраивает", "Happy as it is"),
}

_CORES: dict[str, dict[str, tuple[str, ...]]] = {
    "delivery": {
        "ru": (
            "Доставка приходит позже обещанного срока",
            "Привозите заказы вовремя",
            "Курьер опаздывает и не звонит заранее",
            "Сроки доставки слишком большие",
            "Нужна доставка день в день",
            "Доставку постоянно переносят",
            "Водитель приезжает без предупреждения",
            "Хотим выбирать время доставки",
            "Сократите сроки доставки в регионы",
            "Заказ задержали с доставкой на несколько дней",
        ),
        "en": (
            "Deliveries arrive later than promised",
            "Deliver orders on time",
            "The courier is late and never calls ahead",
            "Delivery lead times are too long",
            "We need same-day delivery",
            "Deliveries keep being rescheduled",
            "The driver turns up without warning",
            "Let us choose a delivery time slot",
            "Shorten delivery times to the regions",
            "Our order was delayed in delivery by several days",
        ),
    },
    "price": {
        "ru": (
            "Цены слишком высокие",
            "Снизьте цены для постоянных клиентов",
            "Нужны скидки при больших объёмах",
            "Цены растут каждый квартал",
            "У конкурентов цены ниже",
            "Сделайте систему скидок",
            "Дорого, особенно на расходные материалы",
            "Предупреждайте о повышении цен заранее",
            "Хотелось бы более гибких цен",
        ),
        "en": (
            "Prices are too high",
            "Lower the prices for regular customers",
            "We need discounts on large volumes",
            "Prices go up every quarter",
            "Competitors' prices are lower",
            "Introduce a discount scheme",
            "Too expensive, especially consumables",
            "Warn us about price rises in advance",
            "We would like more flexible prices",
        ),
    },
    "support": {
        "ru": (
            "Не дозвониться в поддержку",
            "Поддержка долго отвечает на обращения",
            "На линии приходится долго ждать ответа",
            "Служба поддержки не решает проблему с первого раза",
            "Отвечайте на звонки и письма быстрее",
            "Нужна круглосуточная поддержка",
            "Обращения в поддержку теряются",
            "Сделайте чат с поддержкой",
            "Оператор поддержки переключает от одного к другому",
        ),
        "en": (
            "You cannot get through to support",
            "Support takes ages to answer our requests",
            "We wait on the line too long for an answer",
            "Support never fixes the problem the first time",
            "Answer calls and emails faster",
            "We need round-the-clock support",
            "Support requests get lost",
            "Add a support chat",
            "The support agent transfers us from one person to another",
        ),
    },
    "quality": {
        "ru": (
            "Качество продукции стало хуже",
            "Много брака в последних партиях",
            "Товар приходит с дефектами",
            "Проверяйте качество перед отгрузкой",
            "Продукция быстро ломается",
            "Качество нестабильное от партии к партии",
            "Приходится возвращать бракованный товар",
            "Улучшите качество упаковки, товар приходит повреждённым",
        ),
        "en": (
            "Product quality has got worse",
            "There are many defects in recent batches",
            "Goods arrive with defects",
            "Check quality before shipping",
            "The products break quickly",
            "Quality varies from batch to batch",
            "We keep returning defective goods",
            "Improve the packaging quality, goods arrive damaged",
        ),
    },
    "manager": {
        "ru": (
            "Менеджер не перезванивает",
            "Менеджеры часто меняются",
            "Нужен один персональный менеджер",
            "Менеджер плохо знает продукт",
            "Сотрудники отвечают невежливо",
            "Менеджер забывает о договорённостях",
            "Хотелось бы более внимательного менеджера",
            "Обучите сотрудников работе с клиентами",
        ),
        "en": (
            "The manager does not call back",
            "Managers change too often",
            "We need one dedicated manager",
            "The manager does not know the product well",
            "Staff are impolite",
            "The manager forgets what we agreed",
            "We would like a more attentive manager",
            "Train your staff to work with customers",
        ),
    },
    "documents": {
        "ru": (
            "В документах много ошибок",
            "Счета приходят с опозданием",
            "Закрывающие документы присылайте вовремя",
            "Ошибки в счетах и накладных",
            "Переходите на электронный документооборот",
            "Акты сверки приходится ждать неделями",
            "Бухгалтерия жалуется на ваши документы",
            "Выставляйте счета без ошибок",
        ),
        "en": (
            "There are many errors in the documents",
            "Invoices arrive late",
            "Send the closing documents on time",
            "Errors in invoices and delivery notes",
            "Move to electronic document exchange",
            "We wait weeks for reconciliation statements",
            "Our accounts team complains about your documents",
            "Issue invoices without mistakes",
        ),
    },
    "website": {
        "ru": (
            "Сайт неудобный",
            "Личный кабинет на сайте часто не работает",
            "Сделайте удобное приложение для заказов",
            "На сайте сложно оформить заказ",
            "Добавьте в личный кабинет статус заказа",
            "Сайт медленно работает",
            "Поиск по сайту ничего не находит",
            "Хотим заказывать онлайн через личный кабинет",
        ),
        "en": (
            "The website is awkward to use",
            "The customer portal on the website often does not work",
            "Build a proper app for ordering",
            "It is hard to place an order on the website",
            "Add order status to the customer portal",
            "The website is slow",
            "Search on the website finds nothing",
            "We want to order online through the portal",
        ),
    },
    "assortment": {
        "ru": (
            "Расширьте ассортимент",
            "Нужного товара часто нет в наличии",
            "Ассортимент слишком узкий",
            "Держите больше товара на складе",
            "Добавьте в ассортимент новые позиции",
            "Популярные позиции постоянно заканчиваются",
            "Хотелось бы больше выбора в ассортименте",
        ),
        "en": (
            "Widen the product range",
            "The items we need are often out of stock",
            "The range is too narrow",
            "Keep more stock in the warehouse",
            "Add new items to the range",
            "Popular items keep running out of stock",
            "We would like more choice in the range",
        ),
    },
    "praise": {
        "ru": (
            "Всё устраивает, спасибо",
            "Ничего менять не нужно, работаем с удовольствием",
            "Нас всё устраивает",
            "Довольны сотрудничеством",
            "Всё отлично, так держать",
            "Работой довольны, претензий нет",
        ),
        "en": (
            "We are happy with everything, thank you",
            "Nothing to change, it is a pleasure working with you",
            "Everything suits us",
            "We are pleased with the partnership",
            "All excellent, keep it up",
            "Happy with the service, no complaints",
        ),
    },
}

_DETAILS: dict[str, dict[str, tuple[str, ...]]] = {
    "delivery": {
        "ru": (
            "Из-за этого срываются наши отгрузки.",
            "В прошлом месяце доставка опоздала трижды.",
            "Курьер должен предупреждать о приезде.",
            "Доставка — главная проблема.",
        ),
        "en": (
            "Our own shipments slip because of it.",
            "Last month delivery was late three times.",
            "The courier should warn us before arriving.",
            "Delivery is the main problem.",
        ),
    },
    "price": {
        "ru": (
            "Иначе уйдём к конкурентам.",
            "Скидки для постоянных клиентов были бы справедливы.",
            "Цена должна соответствовать рынку.",
        ),
        "en": (
            "Otherwise we will move to a competitor.",
            "Discounts for loyal customers would be fair.",
            "The price should match the market.",
        ),
    },
    "support": {
        "ru": (
            "Дозвониться получается только с третьего раза.",
            "Ответ от поддержки ждём по несколько дней.",
            "Нужна поддержка, которая решает вопросы.",
        ),
        "en": (
            "We only get through on the third try.",
            "We wait days for an answer from support.",
            "We need support that actually solves things.",
        ),
    },
    "quality": {
        "ru": (
            "Брак приходится возвращать за свой счёт.",
            "Раньше качество было лучше.",
            "Наши клиенты жалуются на качество.",
        ),
        "en": (
            "We return the defective goods at our own cost.",
            "Quality used to be better.",
            "Our customers complain about the quality.",
        ),
    },
    "manager": {
        "ru": (
            "Каждому новому менеджеру объясняем всё заново.",
            "Менеджер должен знать нашу историю.",
            "Сотрудники должны быть вежливее.",
        ),
        "en": (
            "We explain everything again to each new manager.",
            "The manager should know our history.",
            "Staff should be more polite.",
        ),
    },
    "documents": {
        "ru": (
            "Бухгалтерия тратит на исправление счетов много времени.",
            "Без документов мы не можем провести оплату.",
            "Документы теряются.",
        ),
        "en": (
            "Our accountants spend a lot of time correcting invoices.",
            "We cannot pay without the documents.",
            "Documents go missing.",
        ),
    },
    "website": {
        "ru": (
            "Приходится звонить, потому что на сайте заказать не получается.",
            "Личный кабинет должен показывать историю заказов.",
            "Сайт зависает.",
        ),
        "en": (
            "We have to phone because ordering on the website fails.",
            "The portal should show our order history.",
            "The website freezes.",
        ),
    },
    "assortment": {
        "ru": (
            "Часть товара приходится покупать у других.",
            "Наличие на складе надо пополнять вовремя.",
            "Ассортимент давно не обновлялся.",
        ),
        "en": (
            "We buy part of the range elsewhere.",
            "Restock the warehouse on time.",
            "The range has not changed for a long time.",
        ),
    },
    "praise": {
        "ru": ("Спасибо за работу.", "Рекомендуем вас партнёрам.", "Так держать!"),
        "en": ("Thanks for your work.", "We recommend you to partners.", "Keep it up!"),
    },
}

_OPENERS = {
    "ru": ("", "", "", "Честно говоря, ", "Главное — ", "Прежде всего: ", "Если коротко, "),
    "en": ("", "", "", "Honestly, ", "Most of all: ", "First of all, ", "In short, "),
}
_CLOSERS = {
    "ru": ("", "", "", " Спасибо.", " Надеемся на изменения.", " Очень ждём."),
    "en": ("", "", "", " Thanks.", " We hope this changes.", " Looking forward to it."),
}
DETAIL_PROBABILITY = 0.5
INFORMAL_PROBABILITY = 1 / 7


def _pick(options: tuple[str, ...], rng: np.random.Generator) -> str:
    return options[int(rng.integers(len(options)))]


def sample_comment(theme: str, lang: str, rng: np.random.Generator) -> str:
    """A realistic comment on ``theme`` (a key of :data:`THEMES`) in ``lang`` (``ru``/``en``).

    Draws from ``rng`` only, so a seeded generator gives the same comments every run.
    """
    if theme not in THEMES:
        raise InvalidInput(
            f"unknown theme {theme!r}; the bank has {', '.join(THEMES)}",
            key="err.text.unknown_theme_bank",
            params={"theme": theme, "themes": ", ".join(THEMES)},
        )
    if lang not in ("ru", "en"):
        raise InvalidInput(
            f"comments are written in ru or en, not {lang!r}",
            key="err.text.comments_written_ru_en",
            params={"lang": lang},
        )
    # Requests get an opener and a closing word; praise reads oddly with "we hope this changes".
    framed = theme != "praise"
    opener = _pick(_OPENERS[lang], rng) if framed else ""
    core = _pick(_CORES[theme][lang], rng)
    if opener:
        core = core[0].lower() + core[1:]
    text = f"{opener}{core}."
    if rng.random() < DETAIL_PROBABILITY:
        text += " " + _pick(_DETAILS[theme][lang], rng)
    if framed:
        text += _pick(_CLOSERS[lang], rng)
    if rng.random() < INFORMAL_PROBABILITY:
        text = text.lower().rstrip(".!")
    return text
