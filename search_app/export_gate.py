"""Who may start a download now: a cap on concurrent downloads per client and overall, and a budget of
exported rows per client over a sliding window (the cost guard). One gate per app, shared by threads."""
from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

BUSY_RETRY_SECONDS = 5  # what a refused client is told to wait when every slot is taken


@dataclass
class Refused(Exception):
    """A download that cannot start now: the HTTP status to answer and when to try again."""

    status: int
    retry_after: int
    reason: str


class Slot:
    """A running download's place; released exactly once, however the download ends."""

    def __init__(self, gate: ExportGate, client: str):
        self._gate, self.client = gate, client
        self._released = False

    def release(self) -> None:
        with self._gate.lock:
            if not self._released:
                self._released = True
                self._gate.leave(self.client)


class ExportGate:
    def __init__(self, concurrency: int, per_client: int, row_budget: int, window_seconds: float,
                 clock: Callable[[], float] = time.monotonic):
        self.concurrency, self.per_client = concurrency, per_client
        self.row_budget, self.window = row_budget, window_seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.running: dict[str, int] = defaultdict(int)
        self.charged: dict[str, deque[tuple[float, int]]] = defaultdict(deque)

    def enter(self, client: str) -> Slot:
        """A slot for one more download of this client, or Refused (429 for the client, 503 when full)."""
        with self.lock:
            if self.running[client] >= self.per_client:
                raise Refused(429, BUSY_RETRY_SECONDS, "client_busy")
            if sum(self.running.values()) >= self.concurrency:
                raise Refused(503, BUSY_RETRY_SECONDS, "server_busy")
            self.running[client] += 1
        return Slot(self, client)

    def leave(self, client: str) -> None:
        """Called with the lock held (Slot.release)."""
        self.running[client] -= 1
        if not self.running[client]:
            del self.running[client]

    def charge(self, client: str, rows: int) -> None:
        """Count `rows` against the client's budget, or Refused (429) with the wait until they fit."""
        now = self.clock()
        with self.lock:
            history = self.charged[client]
            while history and history[0][0] <= now - self.window:
                history.popleft()
            used = sum(count for _, count in history)
            if used + rows > self.row_budget:
                raise Refused(429, self._wait(history, used + rows - self.row_budget, now), "budget_spent")
            history.append((now, rows))
            self._forget_idle(now)

    def _wait(self, history: deque[tuple[float, int]], excess: int, now: float) -> int:
        """Seconds until enough earlier downloads leave the window for this one to fit."""
        freed = 0
        for moment, count in history:
            freed += count
            if freed >= excess:
                return max(1, math.ceil(moment + self.window - now))
        return max(1, math.ceil(self.window))  # larger than the whole budget: a full window, then smaller

    def _forget_idle(self, now: float) -> None:
        for client in [c for c, h in self.charged.items() if not h or h[-1][0] <= now - self.window]:
            del self.charged[client]
