"""Real ``orientir`` processes for the crash tests: servers with a warm standby, workers, and
which process holds a given loopback connection (read from ``/proc``, Linux only)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ORIENTIR = str(Path(sys.executable).with_name("orientir"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    started: float = field(default_factory=time.monotonic)

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, the way a crash or the OOM killer ends it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


def start_server(url: str, folder: Path, log: Path) -> Server:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "ORIENTIR_BASE_URL": base,
        "ORIENTIR_SECURE_COOKIES": "0",
        "ORIENTIR_DATA_DIR": str(folder),
        # 50 respondents share one loopback address: the per-address survey rate limit is off.
        "ORIENTIR_SURVEY_RATE": "0",
    }
    command = [ORIENTIR, "--db", url, "serve", "--port", str(port), "--workers", "1"]
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, cwd=folder, stdout=out, stderr=out)
    return Server(process, base)


async def wait_healthy(server: Server, deadline: float) -> Server:
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            if server.process.poll() is not None:
                raise RuntimeError(f"the server exited with {server.process.returncode}")
            try:
                if (await client.get(f"{server.base}/healthz")).status_code == 200:
                    return server
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start in time")
            await asyncio.sleep(0.1)


class Standby:
    """Keeps ``size`` freshly started servers warming up, the way a supervisor with a standby
    would: start-up (about 10 s of imports on a loaded 2-core machine) is not what is tested.
    A server that fails to start is replaced (up to ``tolerate`` times) and its log kept in
    ``failures``: on a shared machine that is a busy PostgreSQL or a file being edited."""

    def __init__(
        self, url: str, folder: Path, size: int, deadline: float, tolerate: int = 3
    ) -> None:
        self.url, self.folder, self.size, self.deadline = url, folder, size, deadline
        self.tolerate = tolerate
        self.warming: list[tuple[Path, Server, asyncio.Task[Server]]] = []
        self.started = 0
        self.failures: list[str] = []

    def fill(self) -> None:
        while len(self.warming) < self.size:
            self.started += 1
            log = self.folder / f"server-{self.started}.log"
            server = start_server(self.url, self.folder, log)
            task = asyncio.ensure_future(wait_healthy(server, self.deadline))
            self.warming.append((log, server, task))

    async def take(self) -> Server:
        """The oldest standby, once it answers ``/healthz``."""
        while True:
            self.fill()
            log, server, task = self.warming.pop(0)
            try:
                server = await task
            except RuntimeError as exc:
                server.kill()
                tail = log.read_text(errors="replace")[-2000:]
                self.failures.append(f"{exc}: {tail}")
                if len(self.failures) > self.tolerate:
                    raise RuntimeError("servers keep failing to start:\n" + tail) from None
                continue
            self.fill()
            return server

    async def close(self) -> None:
        """Stop every standby, started or still starting: none may outlive the test."""
        for _, server, task in self.warming:
            task.cancel()
            server.kill()
        self.warming.clear()


def _inodes_by_local_port(remote_port: int) -> dict[int, int]:
    """Socket inode of every established IPv4/IPv6 TCP connection to ``remote_port``, by its
    local port."""
    found: dict[int, int] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            local, remote, inode = parts[1], parts[2], int(parts[9])
            if int(remote.rsplit(":", 1)[1], 16) == remote_port:
                found[int(local.rsplit(":", 1)[1], 16)] = inode
    return found


def owner_of_connection(local_port: int, remote_port: int, pids: list[int]) -> int | None:
    """Which of ``pids`` holds the client end ``127.0.0.1:local_port -> remote_port``."""
    inode = _inodes_by_local_port(remote_port).get(local_port)
    if inode is None:
        return None
    wanted = f"socket:[{inode}]"
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == wanted:
                    return pid
            except OSError:
                continue
    return None
