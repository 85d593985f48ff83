"""The audit log page of an organisation (owners only): who did what, when and from where.

It shows identifiers only — the log never holds answers, comments, passwords or tokens.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from orientir import i18n
from orientir.services import audit
from orientir.services.access import Permission
from orientir.web.admin_common import admin_page
from orientir.web.deps import Lang, OrgContext, require
from orientir.web.state import web_state

router = APIRouter(prefix="/admin/o/{org}")
PAGE = 100

i18n.register(
    {
        "admin.nav.audit": {"en": "Audit log", "ru": "Журнал действий"},
        "admin.audit.title": {"en": "Audit log", "ru": "Журнал действий"},
        "admin.audit.intro": {
            "en": "Administrative actions in this organisation, newest first. The log keeps "
            "who acted, what they did and from which address — never answers, comments, "
            "passwords or tokens.",
            "ru": "Административные действия в этой организации, сначала новые. В журнале — "
            "кто, что и с какого адреса сделал; ответов, комментариев, паролей и токенов "
            "в нём нет.",
        },
        "admin.audit.none": {"en": "Nothing has been recorded yet.", "ru": "Записей пока нет."},
        "admin.audit.at": {"en": "Time (UTC)", "ru": "Время (UTC)"},
        "admin.audit.actor": {"en": "Who", "ru": "Кто"},
        "admin.audit.via": {"en": "Through", "ru": "Через"},
        "admin.audit.action": {"en": "Action", "ru": "Действие"},
        "admin.audit.object": {"en": "Object", "ru": "Объект"},
        "admin.audit.address": {"en": "Address", "ru": "Адрес"},
        "admin.audit.older": {"en": "Older entries", "ru": "Более ранние записи"},
        "admin.audit.check": {
            "en": "Check that no entry was edited or removed",
            "ru": "Проверить, что ни одна запись не изменена и не удалена",
        },
        "admin.audit.intact": {
            "en": "The log is intact: each of its {events} entries follows from the one before "
            "(a chain of SHA-256 hashes). Keep the hash of the newest entry somewhere else; "
            "checked against it later, it also shows whether the newest entries were removed "
            "or the whole log rewritten:",
            "ru": "Журнал цел: каждая из {events} записей продолжает предыдущую (цепочка "
            "хешей SHA-256). Сохраните хеш последней записи где-нибудь отдельно: сверка с ним "
            "покажет и удаление последних записей, и переписывание всего журнала:",
        },
        "admin.audit.broken": {
            "en": "The log has been tampered with: the chain breaks at entry #{event}. That "
            "entry was edited, or one before it removed or inserted.",
            "ru": "Журнал изменён: цепочка нарушена на записи №{event}. Эту запись "
            "изменили, либо перед ней удалили или вставили другую.",
        },
    }
)


@router.get("/audit")
def audit_page(
    request: Request,
    lang: Lang,
    ctx: Annotated[OrgContext, Depends(require(Permission.READ_AUDIT))],
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    verify: Annotated[bool, Query()] = False,
) -> Response:
    db = web_state(request).db
    events = audit.list_events(db, org=str(ctx.org.id), limit=PAGE, before_id=before)
    older = events[-1].id if len(events) == PAGE else None
    # On request only: it reads the whole log.
    chain = audit.verify_chain(db, org=str(ctx.org.id)) if verify else None
    return admin_page(
        request,
        "admin/audit.html",
        lang=lang,
        session=ctx.session,
        ctx=ctx,
        events=events,
        older=older,
        chain=chain,
    )
