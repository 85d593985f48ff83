"""A lean HTTP/1.1 client for the web benchmark: one keep-alive connection per virtual
respondent, form POSTs only, responses read by ``Content-Length`` (or chunks).

Why not httpx: on this benchmark's shared 2-core machine the client and the server compete for
the same CPU, and httpx's asynchronous client spends about 3 ms of CPU per request — twice what
the server spends answering it — so the benchmark measured mostly its own client. This one
spends a small fraction of that; the requests on the wire are the same (``--client httpx`` in
``bench.web.run`` still drives with httpx for comparison).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit


class Dropped(ConnectionError):
    """The connection closed before a whole response arrived."""


@dataclass(frozen=True)
class Answer:
    status_code: int
    headers: dict[str, str]  # lower-case names; the last of repeated headers
    body: bytes


class Connection:
    """One keep-alive connection to ``base`` (``http://host:port``), reopened when dropped."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self._host_header = f"{self.host}:{self.port}"
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._reader is None or self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self._reader, self._writer

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def post(
        self, path: str, form: dict[str, str], headers: dict[str, str] | None = None
    ) -> Answer:
        body = urlencode(form).encode()
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self._host_header}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"{extra}Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        reader, writer = await self._open()
        try:
            writer.write(head + body)
            return await self._answer(reader)
        except (OSError, asyncio.IncompleteReadError, Dropped) as exc:
            await self.close()
            raise Dropped(str(exc)) from exc

    async def _answer(self, reader: asyncio.StreamReader) -> Answer:
        raw = await reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            body = b"".join(chunks)
        else:
            body = await reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Answer(status, headers, body)
