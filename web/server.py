"""The HTTP server ``itaplan serve`` runs: uvicorn over h11, with bounds uvicorn does not set by itself.

Uvicorn's h11 protocol waits for a request's head for ever: a connection that sends nothing, or half a header,
stays open (a security test kept 1,100 such sockets open until the process ran out of file descriptors).
Here each connection must send a complete request head within HEADER_TIMEOUT seconds of opening (or of
sending its first byte after a keep-alive pause); beyond MAX_CONNECTIONS open connections, the one that has
waited longest without a request in progress is closed to make room (a browser sends its request at once, so
many idle sockets cannot lock it out, and none can exhaust the file descriptors); idle keep-alive connections
close after KEEP_ALIVE seconds. The body has its own deadline: all of it must arrive within BODY_TIMEOUT seconds
of its head (a body trickled a byte at a time would otherwise hold its connection for ever, since it is a
request in progress), and a body arriving slower than MIN_BODY_RATE counts as waiting, like an idle head, when
room must be made. Uvicorn's own ``limit_concurrency`` counts open connections as well as
requests (any request is answered 503 while that many connections are open, idle ones included), so it is set
just above MAX_CONNECTIONS: a 503 only in a burst that closing idle connections could not absorb.

Told to stop (SIGTERM, Ctrl-C), the server kills the workers still reading an upload or rendering a download
(web/worker.py) and gives the requests in progress SHUTDOWN_GRACE seconds to finish: no upload or long
rendering holds it up.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from itaplan.web.worker import stop_workers
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds for a request line and headers (a browser sends them in one packet)
BODY_TIMEOUT = 60.0  # seconds for the whole body after its head: the 10 MB upload limit at 1.4 Mbit/s
MIN_BODY_RATE = 8 * 1024  # bytes a second: a body slower than this (after its first second) may be evicted
KEEP_ALIVE = 5  # seconds an idle connection is kept between requests (uvicorn's default, said here)
MAX_CONNECTIONS = 200  # open connections; far below the usual limit of 1,024 file descriptors
LIMIT_CONCURRENCY = MAX_CONNECTIONS + 16  # uvicorn's 503 threshold (connections or requests)
SHUTDOWN_GRACE = 3  # seconds the requests in progress are given when the server is told to stop


class BoundedH11Protocol(H11Protocol):
    """h11 with a deadline for every request head and body, and a cap on open connections."""

    header_timeout = HEADER_TIMEOUT
    body_timeout = BODY_TIMEOUT
    min_body_rate = MIN_BODY_RATE
    max_connections = MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._body_since = 0.0  # when the head of the request whose body is coming arrived
        self._body_bytes = 0
        self._waiting_since = self.loop.time()
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            idle = [c for c in self.connections
                    if isinstance(c, BoundedH11Protocol) and c is not self and (c.idle() or c.slow_body())]
            oldest = min(idle, key=lambda c: c._waiting_since, default=self)
            oldest.transport.close()  # the descriptor is freed at once; the new connection keeps its chance
            if oldest is self:
                return
        self._arm()

    def idle(self) -> bool:
        """No request in progress: it has sent no complete head, or its last response is sent."""
        return (self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)
                and not self.transport.is_closing())

    def slow_body(self) -> bool:
        """A body is coming in, slower than MIN_BODY_RATE (judged after its first second)."""
        if self.conn.their_state is not h11.SEND_BODY or self.transport.is_closing():
            return False
        elapsed = self.loop.time() - self._body_since
        return elapsed > 1.0 and self._body_bytes < self.min_body_rate * elapsed

    def data_received(self, data: bytes) -> None:
        before = self.conn.their_state
        super().data_received(data)
        state = self.conn.their_state
        if state is h11.IDLE:  # the head of a request is not complete yet
            if self._head_timer is None:
                self._arm()
        else:
            self._disarm()
        if state is h11.SEND_BODY:
            if self._body_timer is None:  # the head has just arrived: the body's deadline starts now
                self._body_since, self._body_bytes = self.loop.time(), 0
                self._waiting_since = self._body_since
                self._body_timer = self.loop.call_later(self.body_timeout, self._body_timed_out)
            elif before is h11.SEND_BODY:
                self._body_bytes += len(data)
        else:
            self._disarm_body()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._waiting_since = self.loop.time()  # idle again from now: the longest idle go first

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._disarm_body()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if getattr(self, "_head_timer", None) is not None:
            self._head_timer.cancel()  # type: ignore[union-attr]
            self._head_timer = None

    def _disarm_body(self) -> None:
        if getattr(self, "_body_timer", None) is not None:
            self._body_timer.cancel()  # type: ignore[union-attr]
            self._body_timer = None

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():  # the body is still coming
            self.transport.close()  # the application's receive() then gets http.disconnect

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():  # still no complete head
            self.transport.close()


class Server(uvicorn.Server):
    """uvicorn's server, which kills the workers (uploads, downloads) as soon as it is told to stop."""

    def handle_exit(self, sig: int, frame: Any) -> None:
        stop_workers()
        super().handle_exit(sig, frame)


def server_config(app: Any, **options: Any) -> uvicorn.Config:
    """uvicorn's configuration for ``app`` with the bounds above (``options`` may change any of them)."""
    settings = {"log_level": "warning", "server_header": False, "proxy_headers": False, "lifespan": "off",
                "http": BoundedH11Protocol, "timeout_keep_alive": KEEP_ALIVE, "limit_concurrency": LIMIT_CONCURRENCY,
                "timeout_graceful_shutdown": SHUTDOWN_GRACE, **options}
    return uvicorn.Config(app, **settings)
