"""Texts of the web pages shared by all areas and of the survey pages, in both languages."""

from __future__ import annotations

from orientir.i18n import register
from orientir.web import messages_admin as _admin  # noqa: F401  (registers the admin texts)
from orientir.web import messages_dash as _dash  # noqa: F401  (the analysis pages' texts)
from orientir.web import messages_program as _program  # noqa: F401  (program, cases, reports)

register(
    {
        "web.skip": {"en": "Skip to the content", "ru": "Перейти к содержанию"},
        "web.switch_lang": {"en": "Русский", "ru": "English"},
        "web.not_found.title": {"en": "Page not found", "ru": "Страница не найдена"},
        "web.not_found.text": {
            "en": "There is nothing at this address. Check the link you followed.",
            "ru": "По этому адресу ничего нет. Проверьте ссылку, по которой вы перешли.",
        },
        "web.forbidden.title": {"en": "Not allowed", "ru": "Нет доступа"},
        "web.forbidden.text": {
            "en": "Your role in this organisation does not allow this page.",
            "ru": "Ваша роль в этой организации не даёт доступа к этой странице.",
        },
        "web.csrf.title": {"en": "The form has expired", "ru": "Форма устарела"},
        "web.csrf.text": {
            "en": "For your safety the form could not be accepted. Go back, reload the page "
            "and send it again.",
            "ru": "Ради вашей безопасности форма не принята. Вернитесь, обновите страницу и "
            "отправьте её ещё раз.",
        },
        "web.error.title": {"en": "Something went wrong", "ru": "Что-то пошло не так"},
        "web.refused.title": {"en": "The request was not accepted", "ru": "Запрос не принят"},
        "web.refused.text": {
            "en": "This address does not take a request like this one. Go back and try again "
            "from the page.",
            "ru": "По этому адресу такой запрос не принимается. Вернитесь и повторите со страницы.",
        },
        "survey.unavailable.unknown.title": {
            "en": "This link does not work",
            "ru": "Эта ссылка не работает",
        },
        "survey.unavailable.unknown.text": {
            "en": "We could not find a survey at this address. Please check that the whole "
            "link was copied, or ask the person who sent it to you for a new one.",
            "ru": "По этому адресу опрос не найден. Проверьте, что ссылка скопирована целиком, "
            "или попросите новую у того, кто её прислал.",
        },
        "survey.unavailable.used.title": {
            "en": "You have already answered",
            "ru": "Вы уже ответили",
        },
        "survey.unavailable.used.text": {
            "en": "Answers have already been sent with this link, and each link can be used "
            "once. Thank you for taking part!",
            "ru": "По этой ссылке ответы уже отправлены, а каждой ссылкой можно "
            "воспользоваться один раз. Спасибо за участие!",
        },
        "survey.unavailable.closed.title": {
            "en": "This survey has ended",
            "ru": "Опрос завершён",
        },
        "survey.unavailable.closed.text": {
            "en": "The survey is closed and no longer accepts answers. Thank you for your "
            "interest.",
            "ru": "Опрос закрыт и больше не принимает ответы. Спасибо за интерес.",
        },
        "survey.unavailable.not_open.title": {
            "en": "This survey has not started yet",
            "ru": "Опрос ещё не начался",
        },
        "survey.unavailable.not_open.text": {
            "en": "The survey does not accept answers yet. Please come back with the same "
            "link once it has opened.",
            "ru": "Опрос пока не принимает ответы. Вернитесь по этой же ссылке, когда он "
            "откроется.",
        },
        "survey.unavailable.contact": {
            "en": "If you think this is a mistake, please contact the person who invited you.",
            "ru": "Если вы считаете, что это ошибка, обратитесь к тому, кто вас пригласил.",
        },
        "survey.thanks.title": {"en": "Thank you!", "ru": "Спасибо!"},
        "survey.thanks.text": {
            "en": "Your answers have been received. You can close this page now.",
            "ru": "Ваши ответы получены. Эту страницу можно закрыть.",
        },
        "survey.intro.pages": {
            "en": "The survey has {pages} short pages.",
            "ru": "В опросе страниц: {pages}.",
        },
        "survey.intro.saved": {
            "en": "Your answers are saved page by page: you can stop at any time and come "
            "back later with the same link.",
            "ru": "Ответы сохраняются после каждой страницы: можно прерваться в любой момент "
            "и вернуться позже по этой же ссылке.",
        },
        "survey.intro.resume": {
            "en": "Welcome back! Your earlier answers are kept.",
            "ru": "С возвращением! Ваши прежние ответы сохранены.",
        },
        "survey.intro.start": {"en": "Start the survey", "ru": "Начать опрос"},
        "survey.intro.continue": {"en": "Continue", "ru": "Продолжить"},
        "survey.progress": {"en": "Page {number} of {total}", "ru": "Страница {number} из {total}"},
        "survey.page": {"en": "Page {number}", "ru": "Страница {number}"},
        "survey.next": {"en": "Save and continue", "ru": "Сохранить и продолжить"},
        "survey.to_review": {"en": "Save and review", "ru": "Сохранить и проверить"},
        "survey.back": {"en": "Save and go back", "ru": "Сохранить и вернуться"},
        "survey.saved_hint": {
            "en": "Answers on this page are saved when you press either button.",
            "ru": "Ответы на этой странице сохраняются при нажатии любой из кнопок.",
        },
        "survey.autosaved": {"en": "Saved", "ru": "Сохранено"},
        "survey.required": {"en": "required", "ru": "обязательно"},
        "survey.error.title": {"en": "Please check", "ru": "Проверьте ответы"},
        "survey.error.summary": {
            "en": "Some answers need your attention",
            "ru": "Некоторые ответы требуют внимания",
        },
        "survey.error.prefix": {"en": "Please check:", "ru": "Проверьте:"},
        "survey.error.number": {"en": "please enter a number", "ru": "введите число"},
        "survey.allocation.legend": {
            "en": "Share 100 points among the following",
            "ru": "Распределите 100 баллов между вариантами",
        },
        "survey.allocation.hint": {
            "en": "Give more points to what matters more. The numbers must add up to exactly "
            "100; 0 is allowed.",
            "ru": "Чем важнее, тем больше баллов. В сумме должно получиться ровно 100; "
            "можно ставить 0.",
        },
        "survey.allocation.total": {"en": "Total so far:", "ru": "Сейчас в сумме:"},
        "survey.review.title": {"en": "Check and send", "ru": "Проверка и отправка"},
        "survey.review.progress": {"en": "Last step", "ru": "Последний шаг"},
        "survey.review.problems": {
            "en": "Before sending, please complete these answers",
            "ru": "Перед отправкой дополните эти ответы",
        },
        "survey.review.no_answer": {"en": "no answer", "ru": "нет ответа"},
        "survey.review.change": {"en": "Change page {number}", "ru": "Изменить страницу {number}"},
        "survey.review.final": {
            "en": "Once sent, the answers cannot be changed.",
            "ru": "После отправки ответы изменить нельзя.",
        },
        "survey.review.submit": {"en": "Send my answers", "ru": "Отправить ответы"},
    }
)
