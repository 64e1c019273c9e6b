"""One HTTP/1.1 request on a socket of its own, for remote models and the gateway client.

Both speak HTTP through tornado's connection classes rather than `AsyncHTTPClient` so
that they own the socket: closing an `Exchange` drops the connection at once (the other
side sees the client go away and stops generating), and nothing (redirects, proxy
environment variables) can send a prompt anywhere but the one configured host. Errors
carry an exception class (`error_class`), never a body.
"""

from __future__ import annotations

import asyncio
import datetime
import enum
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tornado import httputil
from tornado.http1connection import HTTP1Connection, HTTP1ConnectionParameters
from tornado.iostream import IOStream
from tornado.tcpclient import TCPClient

from .registry import ModelConfigError

MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 32 * 1024 * 1024


class Eof(enum.Enum):
    FINISHED = "finished"  # the response body ended as HTTP says it should
    CLOSED = "closed"  # the connection went away before the body ended


@dataclass(frozen=True)
class Endpoint:
    """The parsed base URL; only its host is ever shown to users."""

    scheme: str
    host: str
    port: int
    base_path: str

    @classmethod
    def parse(cls, model: str, url: Any) -> Endpoint:
        if not isinstance(url, str) or not url:
            raise ModelConfigError(f"remote model {model!r}: 'url' is missing")
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https"):
            # Nothing of the url is echoed: a mistyped one may hold credentials.
            raise ModelConfigError(f"remote model {model!r}: url scheme must be http or https")
        if parts.username is not None or parts.password is not None:
            raise ModelConfigError(
                f"remote model {model!r}: credentials in the url are refused; name an "
                "environment variable holding the token in 'api_key_env'")
        if parts.query or parts.fragment:
            raise ModelConfigError(f"remote model {model!r}: url must not have a query")
        try:
            port = parts.port
        except ValueError:
            raise ModelConfigError(f"remote model {model!r}: url has an invalid port") from None
        if not parts.hostname:
            raise ModelConfigError(f"remote model {model!r}: url has no host")
        base = parts.path.rstrip("/")
        # An OpenAI-style base URL often ends in /v1 already; the paths below add it.
        base = base.removesuffix("/v1")
        default = 443 if parts.scheme == "https" else 80
        return cls(parts.scheme, parts.hostname, port or default, base)

    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


class _Response(httputil.HTTPMessageDelegate):
    """Hands the status line and body chunks of one response to the coroutine reading them."""

    def __init__(self) -> None:
        self.head: asyncio.Future[tuple[int, httputil.HTTPHeaders] | None] = (
            asyncio.get_running_loop().create_future())
        self.body: asyncio.Queue[bytes | Eof] = asyncio.Queue()

    def headers_received(self, start_line: Any, headers: httputil.HTTPHeaders) -> None:
        if not self.head.done():
            self.head.set_result((start_line.code, headers))

    def data_received(self, chunk: bytes) -> None:
        self.body.put_nowait(chunk)

    def finish(self) -> None:
        self.body.put_nowait(Eof.FINISHED)

    def on_connection_close(self) -> None:
        if not self.head.done():
            self.head.set_result(None)
        self.body.put_nowait(Eof.CLOSED)


class Exchange:
    """One request on its own connection; `close()` drops the socket at once."""

    def __init__(self, stream: IOStream, connection: HTTP1Connection) -> None:
        self.stream = stream
        self.response = _Response()
        self.reader = asyncio.ensure_future(connection.read_response(self.response))
        # read_response reports failures through the delegate; keep asyncio quiet about them.
        self.reader.add_done_callback(lambda task: task.cancelled() or task.exception())

    def close(self) -> None:
        self.stream.close()
        self.reader.cancel()


class NotSent(Exception):
    """The request did not leave: `connecting` says whether no connection could be made."""

    def __init__(self, cause: BaseException, *, connecting: bool) -> None:
        self.error_class = error_class(cause)
        super().__init__(self.error_class)
        self.connecting = connecting


def error_class(exc: BaseException) -> str:
    """The name to show for a failure; tornado wraps socket and TLS errors."""
    real = getattr(exc, "real_error", None)
    return type(real if isinstance(real, BaseException) else exc).__name__


def request_headers(endpoint: Endpoint, accept: str, body: bytes | None,
                    authorization: str | None = None) -> httputil.HTTPHeaders:
    headers = httputil.HTTPHeaders({
        "Host": endpoint.host_header(), "User-Agent": "jupyter-safeai",
        "Accept": accept, "Connection": "close",
    })
    if authorization:
        headers["Authorization"] = authorization
    if body is not None:
        headers["Content-Type"] = "application/json"
        headers["Content-Length"] = str(len(body))
    return headers


async def send(endpoint: Endpoint, method: str, target: str, headers: httputil.HTTPHeaders,
               body: bytes | None, *, ssl_options: ssl.SSLContext | None,
               connect_timeout: float, write_timeout: float) -> Exchange:
    """Connect and write one request; raises NotSent when it did not leave."""
    client = TCPClient()
    try:
        stream = await client.connect(
            endpoint.host, endpoint.port, ssl_options=ssl_options,
            max_buffer_size=MAX_BODY_BYTES,
            timeout=datetime.timedelta(seconds=connect_timeout))
    except Exception as exc:
        raise NotSent(exc, connecting=True) from exc
    finally:
        client.close()
    try:
        stream.set_nodelay(True)
        connection = HTTP1Connection(stream, True, HTTP1ConnectionParameters(
            no_keep_alive=True, max_header_size=MAX_HEADER_BYTES,
            max_body_size=MAX_BODY_BYTES, decompress=False), endpoint.host)
        start = httputil.RequestStartLine(method, target, "HTTP/1.1")
        await asyncio.wait_for(connection.write_headers(start, headers, body), write_timeout)
        connection.finish()
        return Exchange(stream, connection)
    except BaseException as exc:
        stream.close()
        if isinstance(exc, Exception):
            raise NotSent(exc, connecting=False) from exc
        raise
