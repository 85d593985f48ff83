"""Token buckets per client address, shared by every worker process of one machine.

``orientir serve --workers N`` runs N processes; buckets kept in each process's memory would let
an address send N times the configured rate, more or less at random as connections spread over
the workers. The buckets live instead in a small file beside the data (``rate-limits/*.buckets``
in the data folder), mapped into every process's memory: a fixed table of slots, each one
address's (hash of the address, tokens left, when last counted). A request takes an ``flock``
on the file for the few microseconds of its read-modify-write (about 5 µs a request in all), so
two processes never count the same bucket at once.

The table is bounded (``slots``). An address is looked for in a window of ``WINDOW`` slots from
its hash; a new one takes an empty slot of the window, else one whose bucket has refilled (it
holds nothing to remember), else the one counted longest ago, which so starts afresh — only
under a flood of tens of thousands of addresses at once.

The bucket is the usual one: ``burst`` requests at once, refilled at ``per_minute``. Time is the
monotonic clock, which every process of a machine shares; a slot counted in the future (the file
outlived a reboot, which restarts that clock) starts afresh.
"""

from __future__ import annotations

import fcntl
import hashlib
import mmap
import os
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

SLOT = struct.Struct("<Qdd")  # address hash (0: empty), tokens, when (monotonic seconds)
WINDOW = 16
DEFAULT_SLOTS = 8192  # 192 KiB


def _address_hash(key: str) -> int:
    value = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")
    return value or 1  # 0 marks an empty slot


class TokenBucket:
    """Per-key token buckets in the file ``path``, shared by every process that opens it."""

    def __init__(
        self,
        path: Path,
        *,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        slots: int = DEFAULT_SLOTS,
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.slots = slots
        size = slots * SLOT.size
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._thread_lock = threading.Lock()  # flock is per open file, not per thread
        with self._locked():
            if os.fstat(self._fd).st_size != size:  # new, or made for another table size
                os.ftruncate(self._fd, 0)
                os.ftruncate(self._fd, size)
        self._map = mmap.mmap(self._fd, size)

    def _locked(self) -> _FileLock:
        return _FileLock(self._fd, self._thread_lock)

    def take(self, key: str) -> float:
        """0 when a request of ``key`` may pass now; else the seconds until it may."""
        wanted = _address_hash(key)
        start = wanted % self.slots
        with self._locked():
            now = self.clock()
            offset, tokens, at = self._slot(wanted, start, now)
            tokens = self._refilled(tokens, at, now)
            if tokens >= 1.0:
                SLOT.pack_into(self._map, offset, wanted, tokens - 1.0, now)
                return 0.0
            SLOT.pack_into(self._map, offset, wanted, tokens, now)
            return (1.0 - tokens) / self.rate

    def _refilled(self, tokens: float, at: float, now: float) -> float:
        """A bucket's tokens now; a full one if counted in the future (the file outlived a
        reboot, which restarts the monotonic clock)."""
        if at > now:
            return self.burst
        return min(self.burst, tokens + (now - at) * self.rate)

    def _slot(self, wanted: int, start: int, now: float) -> tuple[int, float, float]:
        """The slot of ``wanted`` as (offset, tokens, when); a slot to take if it has none."""
        empty = idle = oldest = -1
        oldest_at = float("inf")
        for step in range(WINDOW):
            offset = ((start + step) % self.slots) * SLOT.size
            held, tokens, at = SLOT.unpack_from(self._map, offset)
            if held == wanted:
                return offset, tokens, at
            if held == 0:
                if empty < 0:
                    empty = offset
            elif idle < 0 and self._refilled(tokens, at, now) >= self.burst:
                idle = offset
            elif at < oldest_at:
                oldest, oldest_at = offset, at
        taken = empty if empty >= 0 else idle if idle >= 0 else oldest
        return taken, self.burst, now

    def close(self) -> None:
        self._map.close()
        os.close(self._fd)


class _FileLock:
    """``flock`` on the table's file (other processes) under a thread lock (this one)."""

    __slots__ = ("fd", "thread_lock")

    def __init__(self, fd: int, thread_lock: threading.Lock) -> None:
        self.fd = fd
        self.thread_lock = thread_lock

    def __enter__(self) -> None:
        self.thread_lock.acquire()
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except BaseException:
            self.thread_lock.release()
            raise

    def __exit__(self, *_exc: object) -> None:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self.thread_lock.release()
