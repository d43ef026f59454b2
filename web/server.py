"""The HTTP server ``itaplan serve`` runs: uvicorn over h11, with bounds uvicorn does not set by itself.

Uvicorn's h11 protocol waits for a request's head for ever: a connection that sends nothing, or half a header,
stays open (a security test kept 1,100 such sockets open until the process ran out of file descriptors).
Here each connection must send a complete request head within HEADER_TIMEOUT seconds of opening (or of
sending its first byte after a keep-alive pause), connections beyond MAX_CONNECTIONS are closed as soon as
they are accepted, idle keep-alive connections close after KEEP_ALIVE seconds, and requests beyond
MAX_CONCURRENT at once are answered 503 by uvicorn itself.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds for a request line and headers (a browser sends them in one packet)
KEEP_ALIVE = 5  # seconds an idle connection is kept between requests (uvicorn's default, said here)
MAX_CONCURRENT = 50  # requests in progress at once: one officer's app, a few tabs, a script
MAX_CONNECTIONS = 200  # open connections; far below the usual limit of 1,024 file descriptors


class BoundedH11Protocol(H11Protocol):
    """h11 with a deadline for every request head and a cap on open connections."""

    header_timeout = HEADER_TIMEOUT
    max_connections = MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self.transport.close()  # accepted only to be closed: the descriptor is freed at once
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:  # the head of a request is not complete yet
            if self._head_timer is None:
                self._arm()
        else:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if getattr(self, "_head_timer", None) is not None:
            self._head_timer.cancel()  # type: ignore[union-attr]
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():  # still no complete head
            self.transport.close()


def server_config(app: Any, **options: Any) -> Any:
    """uvicorn's configuration for ``app`` with the bounds above (``options`` may change any of them)."""
    import uvicorn

    settings = {"log_level": "warning", "server_header": False, "proxy_headers": False, "lifespan": "off",
                "http": BoundedH11Protocol, "timeout_keep_alive": KEEP_ALIVE, "limit_concurrency": MAX_CONCURRENT,
                **options}
    return uvicorn.Config(app, **settings)
