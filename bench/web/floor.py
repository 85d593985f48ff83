"""The floor of the web benchmark: what uvicorn itself costs on this machine. A bare ASGI
application that reads each POST's body and answers 303 — no framework, no database — served
by the same uvicorn, workers and client as orientir. Its rate is the ceiling for any
application on this stack here; orientir's rate divided by it is the share the stack leaves.
Run as ``uvicorn bench.web.floor:app``."""

from __future__ import annotations

from typing import Any

_REDIRECT = {
    "type": "http.response.start",
    "status": 303,
    "headers": [(b"location", b"/thanks"), (b"content-length", b"0")],
}
_EMPTY = {"type": "http.response.body", "body": b""}
_OK = {
    "type": "http.response.start",
    "status": 200,
    "headers": [(b"content-type", b"application/json"), (b"content-length", b"15")],
}


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    more = True
    while more:  # the whole body, as a form handler would read it
        message = await receive()
        more = message.get("more_body", False)
    if scope["path"] == "/healthz":
        await send(_OK)
        await send({"type": "http.response.body", "body": b'{"status":"ok"}'})
        return
    await send(_REDIRECT)
    await send(_EMPTY)
