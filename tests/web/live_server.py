"""A real ``orientir serve`` process on a free loopback port, for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(database: str, *, workers: int = 1, log: Path | None = None) -> Iterator[str]:
    """Start the server on ``database``; yields its base URL and stops it afterwards."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data = tempfile.TemporaryDirectory(prefix="orientir-serve-")  # rate-limit buckets, …
    env = {
        **os.environ,
        "ORIENTIR_BASE_URL": base,
        "ORIENTIR_SECURE_COOKIES": "0",
        "ORIENTIR_DATA_DIR": os.environ.get("ORIENTIR_DATA_DIR", data.name),
    }
    command = [
        str(Path(sys.executable).with_name("orientir")),
        "--db",
        database,
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    out = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120  # imports are slow on a busy machine
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start (exit code {process.poll()})")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            out.close()  # type: ignore[union-attr]
        data.cleanup()
