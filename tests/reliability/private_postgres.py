"""A PostgreSQL server of the test's own, to crash: ``initdb`` in a temporary folder and the
``postgres`` binary of this machine, on a free port of 127.0.0.1.

The shared server of the test suite cannot be crashed: every test running beside this one
would fail. As root, the cluster is made and run as the ``postgres`` user (the server refuses
to run as root). Durability settings are PostgreSQL's defaults (``fsync``, ``synchronous_commit``
on; ``wal_writer_delay`` 200 ms), since durability is what the crash tests check.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg


def postgres_bindir() -> Path | None:
    """Where ``initdb`` and ``postgres`` are: ``pg_config --bindir``, else Debian's
    ``/usr/lib/postgresql/<newest>/bin``; None when neither has them."""
    candidates = []
    try:
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        candidates.append(Path(found))
    except (OSError, subprocess.CalledProcessError):
        pass
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = sorted(
            (p for p in debian.iterdir() if p.name.isdigit()), key=lambda p: int(p.name)
        )
        candidates.extend(version / "bin" for version in reversed(versions))
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "postgres").exists():
            return bindir
    return None


@dataclass
class PrivatePostgres:
    process: subprocess.Popen[bytes]
    port: int
    folder: Path
    user: str | None  # the user it runs as, when not this process's

    def admin_dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def wait_ready(self, timeout: float = 60) -> None:
        """Until a connection can be made and runs a query: after a start, or the crash
        recovery that follows the end of a back end by a signal."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"PostgreSQL exited: {self.log_tail()}")
            try:
                with psycopg.connect(self.admin_dsn(), connect_timeout=2) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL is not ready: {self.log_tail()}") from None
                time.sleep(0.05)

    def client_backends(self, database: str) -> list[int]:
        """The back ends serving a client of ``database`` (their titles say so)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            parent = next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("PPid")),
                0,
            )
            if parent == self.process.pid and f" {database} " in title:
                found.append(int(entry.name))
        return found

    def crash_a_backend(self, database: str, timeout: float = 30) -> int:
        """SIGKILL one client back end of ``database``. PostgreSQL then ends every other back
        end, throws away its shared memory (the WAL not yet written with it) and recovers from
        the WAL on disk — the crash recovery a crash of the whole server goes through.

        Waits up to ``timeout`` seconds for a back end: just after a recovery the clients' pools
        are still connecting again, and requests in flight wait for them (a CI run found none
        at that moment)."""
        deadline = time.monotonic() + timeout
        while not (backends := self.client_backends(database)):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no back end of {database} to crash in {timeout} s")
            time.sleep(0.01)
        os.kill(backends[0], signal.SIGKILL)
        return backends[0]

    def log_tail(self) -> str:
        try:
            return (self.folder / "server.log").read_text(errors="replace")[-3000:]
        except OSError:
            return ""


def _as_user(user: str | None) -> dict[str, object]:
    return {} if user is None else {"user": user, "group": pwd.getpwnam(user).pw_gid}


@contextmanager
def private_postgres(bindir: Path, port: int) -> Iterator[PrivatePostgres]:
    """A fresh cluster on ``port``, stopped and removed at the end."""
    user = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="orientir-private-pg-"))
    data = folder / "data"
    try:
        if user is not None:
            os.chown(folder, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
        subprocess.run(
            [
                str(bindir / "initdb"),
                *("-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"),
                *("--locale=C.UTF-8", "--no-sync"),  # no-sync: initdb's own files only
            ],
            check=True,
            capture_output=True,
            **_as_user(user),  # type: ignore[call-overload]
        )
        with (folder / "server.log").open("ab") as log:
            process = subprocess.Popen(
                [
                    str(bindir / "postgres"),
                    *("-D", str(data), "-p", str(port), "-c", "listen_addresses=127.0.0.1"),
                    *("-c", f"unix_socket_directories={folder}", "-c", "max_connections=60"),
                    *("-c", "shared_buffers=32MB"),
                ],
                stdout=log,
                stderr=log,
                **_as_user(user),  # type: ignore[call-overload]
            )
        server = PrivatePostgres(process, port, folder, user)
        try:
            server.wait_ready()
            yield server
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)  # a fast shutdown
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
