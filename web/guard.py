"""What keeps the web app safe by default, in one ASGI middleware and two helpers.

- **Token.** When the app has a token (required to listen on anything but the loopback address), every
  request carries it: ``Authorization: Bearer TOKEN`` (programs), or a cookie set by opening any page once
  with ``?token=TOKEN`` (browsers; the address is then shown without it). No token: 401, plain text, and the
  connection is closed.
- **Host.** Without a token only loopback host names are answered (``localhost``, ``127.0.0.1``, ``[::1]``),
  so a web page elsewhere cannot reach the app through a DNS name rebound to 127.0.0.1.
- **Origin.** A POST whose ``Origin`` is another site, or ``null`` (a sandboxed frame, a file, a redirect from
  elsewhere), is refused (403), and every form of the app carries a CSRF token that must match the HttpOnly,
  SameSite=Strict cookie it was made from (double submit). The referrer policy is ``same-origin``: with
  ``no-referrer`` a browser sends ``Origin: null`` even with the app's own forms.
- **Size.** A request body over the limit is refused with 413 and a plain message, whether it says its
  length or not: nothing of it is read further or written.
- **Headers.** A strict Content-Security-Policy (everything from the app itself, no inline script or style,
  no frames), nosniff, no referrer sent to other sites.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

TOKEN_COOKIE = "itaplan_token"
CSRF_COOKIE = "itaplan_csrf"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# the chart is an SVG image with its own style attributes; as an image it can run nothing
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
           (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin")]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


class BodyTooLarge(Exception):
    pass


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # noqa: BLE001 - a malformed cookie header is no cookie
        return {}
    return {k: v.value for k, v in jar.items()}


def host_name(host_header: str) -> str:
    """The host of a Host header, without its port ("[::1]:8000" -> "[::1]")."""
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class Guard:
    """The ASGI middleware: token, host, origin, body size, security headers."""

    def __init__(self, app: Callable, token: str | None, max_body: int):
        self.app = app
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if self.token is None and host_name(headers.get("host", "")).lower() not in LOOPBACK_HOSTS:
            await _plain(send, 400, "this itaplan listens on the loopback address only: open it as "
                                    "http://127.0.0.1 or http://localhost")
            return
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token")
            if given is not None and scope["method"] == "GET" and hmac.compare_digest(given.encode(), self.token.encode()):
                await _login(send, scope, query)
                return
            if not self._authorised(headers):
                # and the connection is closed: a client without the token keeps no socket (nor a body trickling in)
                await _plain(send, 401, "a token is needed: open the address itaplan serve printed (with ?token=…), "
                                        "or send the header 'Authorization: Bearer TOKEN'",
                             [(b"www-authenticate", b'Bearer realm="itaplan"'), (b"connection", b"close")])
                return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin is not None and (origin.strip().lower() == "null"
                                       or urlsplit(origin).netloc.lower() != headers.get("host", "").lower()):
                await _plain(send, 403, "this request came from another site; itaplan answers only its own pages")
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(send, self.max_body)
            return
        received = 0
        started = False

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def secured_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                svg = any(k.lower() == b"content-type" and v.startswith(b"image/svg") for k, v in kept)
                message = {**message, "headers": kept + HEADERS + [
                    (b"content-security-policy", (SVG_CSP if svg else CSP).encode())]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, self.max_body)

    def _authorised(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        offered = []
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            offered.append(auth[7:].strip())
        cookie = _cookies(headers).get(TOKEN_COOKIE)
        if cookie:
            offered.append(cookie)
        return any(hmac.compare_digest(o.encode(), self.token.encode()) for o in offered)


async def _plain(send: Send, status: int, text: str, extra: list | None = None) -> None:
    body = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"content-security-policy", CSP.encode()), *HEADERS, *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


def too_large_text(limit: int) -> str:
    return f"the upload is too large: at most {limit // (1024 * 1024) or 1} MB ({limit} bytes); nothing was saved"


async def _too_large(send: Send, limit: int) -> None:
    await _plain(send, 413, too_large_text(limit))


def same_site_path(path: str) -> str:
    """``path`` as a Location that stays on this site: one leading '/', never '//host' or '/\\host' (which a
    browser follows to another site), percent-encoded; anything else is the home page."""
    path = "/" + path.lstrip("/\\")
    return quote(path, safe="/-._~!$&'()*+,;=:@")


async def _login(send: Send, scope: Scope, query: dict[str, str]) -> None:
    """The token given in the address: kept as a cookie, and the address shown again without it."""
    rest = urlencode({k: v for k, v in query.items() if k != "token"})
    location = same_site_path(scope.get("path", "/")) + (f"?{rest}" if rest else "")
    assert "token" in query
    cookie = f"{TOKEN_COOKIE}={query['token']}; Path=/; HttpOnly; SameSite=Strict"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("ascii")), (b"set-cookie", cookie.encode("latin-1")),
                            (b"content-length", b"0"), (b"content-security-policy", CSP.encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": b""})


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, field: str | None) -> bool:
    return bool(cookie) and bool(field) and hmac.compare_digest(str(cookie).encode(), str(field).encode())


