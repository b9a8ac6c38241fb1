"""Fetch a web page that a stranger typed, without letting them reach the server's own network.

Only http(s); the host is resolved once and every address checked (loopback, private, link-local,
multicast, reserved and unspecified ranges are refused, IPv4 and IPv6), then the connection goes to
exactly the checked address, so DNS cannot change the answer in between. Each redirect hop is checked
the same way. Connect and read timeouts, an overall deadline, a size cap and a content-type check bound
what one request can cost. Hosts or networks on the allow-list (for trusted local sources) skip the
address check.
"""

from __future__ import annotations

import email.message
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from summarizer import config
from summarizer.errors import SummarizerError

ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_REDIRECTS = 5
USER_AGENT = "news-summariser/1.0 (+article import)"

Resolver = Callable[[str, int], list[str]]


class FetchRefused(SummarizerError):
    """The address, the response or its size is not acceptable; the message says which."""


class Unreachable(FetchRefused):
    """The page could not be had: no such host, no answer in time, a refused connection, an HTTP error,
    a broken redirect. A page's visitor hears one sentence for all of them, so the importer cannot map
    which hosts and ports answer; the message (the CLI's, and the server log's) says which."""

    def __init__(self, message: str, url: str) -> None:
        super().__init__(message, f"{url} could not be fetched: the site did not answer in time, or "
                                  "answered with an error. Check the address, or paste the article's text.")


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0  # whole request, redirects included: a trickling server is cut off
    max_bytes: int = config.DEFAULT_URL_MAX_BYTES
    allow: tuple[str, ...] = field(default_factory=tuple)  # hostnames, addresses or networks (CIDR)

    @classmethod
    def from_environment(cls) -> FetchPolicy:
        settings = config.current()
        return cls(max_bytes=settings.url_max_bytes, allow=settings.url_allow)

    def allows(self, host: str, address: str | None = None) -> bool:
        for entry in self.allow:
            if entry.lower() == host.lower():
                return True
            if address:
                try:
                    if ipaddress.ip_address(address) in ipaddress.ip_network(entry, strict=False):
                        return True
                except ValueError:
                    continue
        return False


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise Unreachable(f"the host {host} could not be found ({error.strerror})", host) from None
    except UnicodeError:  # an empty or over-long label ("a..b"), or text no host name can hold
        raise FetchRefused(f"{host!r} is not a valid host name",
                           "That is not a valid web address. Check it, or paste the article's text.") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def refusal_reason(address: str) -> str | None:
    """Why an address must not be fetched from this server, or None when it is public. IPv6 forms that
    carry an IPv4 address (mapped, 6to4, Teredo) are judged by the address they carry."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:
            return f"{address} is a site-local address"
        carried = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if carried is not None:
            reason = refusal_reason(str(carried))
            return f"{address} carries {reason}" if reason else None
    checks = [("loopback", ip.is_loopback), ("link-local (cloud metadata lives here)", ip.is_link_local),
              ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
              ("private", ip.is_private), ("reserved", ip.is_reserved or not ip.is_global)]
    for name, matched in checks:
        if matched:
            return f"{address} is a {name} address"
    return None


def fetch(url: str, policy: FetchPolicy | None = None, resolver: Resolver = system_resolver,
          types: tuple[str, ...] = ALLOWED_TYPES, kind: str = "a web page or text") -> FetchedPage:
    """`types`: the media types accepted, `kind` what they are in words (a web page or text by default;
    a feed's for `feeds`)."""
    policy = policy or FetchPolicy.from_environment()
    started = time.monotonic()
    for _ in range(MAX_REDIRECTS + 1):
        response_url, status, headers, body = _request(url, policy, resolver, started, types, kind)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("location")
            if not location:
                raise Unreachable(f"{url} redirected without saying where", url)
            url = urljoin(url, location)
            continue
        if status >= 400:
            raise Unreachable(f"{url} answered HTTP {status}", url)
        return FetchedPage(response_url, *_content_type(headers.get("content-type", "")), body)
    raise Unreachable(f"{url}: more than {MAX_REDIRECTS} redirects", url)


def _content_type(header: str) -> tuple[str, str | None]:
    """Media type and charset, parameters read the way mail and HTTP define them
    ("text/plain; charset=utf-8; format=flowed")."""
    message = email.message.Message()
    message["content-type"] = header
    charset = message.get_content_charset() if header else None
    return (message.get_content_type() if header else ""), charset


def _request(url: str, policy: FetchPolicy, resolver: Resolver, started: float, types: tuple[str, ...],
             kind: str) -> tuple[str, int, dict[str, str], bytes]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:  # a bad port ("x:99999") or bracket ("http://[::1")
        raise FetchRefused(f"{url} is not a valid web address ({error})",
                           "That is not a valid web address. Check it, or paste the article's text.") from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https addresses can be imported, "
                           f"not {parts.scheme or 'this'}: {url}")
    if not parts.hostname:
        raise FetchRefused(f"{url} has no host name")
    host = parts.hostname
    port = port or (443 if parts.scheme == "https" else 80)
    address = _checked_address(host, port, policy, resolver)
    connection = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    conn = connection(host, port, address, policy.connect_timeout)
    watchdog: threading.Timer | None = None
    cut = threading.Event()
    try:
        conn.connect()
        remaining = policy.deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise Unreachable(f"{url} took longer than {policy.deadline:g} s to download", url)
        # A server can send its headers one byte at a time, each inside the read timeout: past the
        # deadline the socket is shut, whatever is being read.
        watchdog = threading.Timer(remaining, _shut, (conn.sock, cut))
        watchdog.daemon = True
        watchdog.start()
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(types),
                                           "Accept-Encoding": "identity"})
        sock = conn.sock  # getresponse() may drop conn.sock when the server closes after replying
        sock.settimeout(policy.read_timeout)
        response = conn.getresponse()
        if cut.is_set():  # headers trickled past the deadline: what was parsed is not the response
            raise Unreachable(f"{url} took longer than {policy.deadline:g} s to download", url)
        headers = {k.lower(): v for k, v in response.getheaders()}
        if response.status in (301, 302, 303, 307, 308) or response.status >= 400:
            return url, response.status, headers, b""
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in types:
            raise FetchRefused(f"{url} is {content_type or 'of unknown type'}, not {kind}")
        declared = int(headers.get("content-length") or 0)
        if declared > policy.max_bytes:
            raise FetchRefused(f"{url} is {declared:,} bytes, over the {policy.max_bytes:,}-byte limit")
        chunks, size = [], 0
        while True:
            remaining = policy.deadline - (time.monotonic() - started)
            if remaining <= 0:
                raise Unreachable(f"{url} took longer than {policy.deadline:g} s to download", url)
            sock.settimeout(min(policy.read_timeout, remaining))
            try:
                chunk = response.read1(65_536)  # what has arrived, not a full 64 KiB
            except TimeoutError:
                if time.monotonic() - started >= policy.deadline:
                    raise Unreachable(f"{url} took longer than {policy.deadline:g} s to download",
                                      url) from None
                raise
            if not chunk:
                if cut.is_set():  # the watchdog shut the socket: what arrived is not the whole page
                    raise Unreachable(f"{url} took longer than {policy.deadline:g} s to download", url)
                break
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchRefused(f"{url} is over the {policy.max_bytes:,}-byte limit")
            chunks.append(chunk)
        return url, response.status, headers, b"".join(chunks)
    except TimeoutError:
        raise Unreachable(f"{url} did not answer in time", url) from None
    except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as error:
        if cut.is_set() or time.monotonic() - started >= policy.deadline:
            raise Unreachable(f"{url} took longer than {policy.deadline:g} s to download", url) from None
        raise Unreachable(f"{url} could not be fetched ({type(error).__name__}: {error})", url) from None
    finally:
        if watchdog is not None:
            watchdog.cancel()
        conn.close()


def _shut(sock: socket.socket | None, cut: threading.Event) -> None:
    cut.set()
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _checked_address(host: str, port: int, policy: FetchPolicy, resolver: Resolver) -> str:
    addresses = resolver(host, port)
    if not addresses:
        raise Unreachable(f"the host {host} has no address", host)
    for address in addresses:
        if policy.allows(host, address):
            continue
        reason = refusal_reason(address)
        if reason:
            raise FetchRefused(f"refused to fetch {host}: {reason}; only public web addresses can be "
                               "imported (SUMMARIZER_URL_ALLOW lists trusted local sources)",
                               f"{host} is not a public web address, so this site does not fetch it. Only "
                               "public web pages can be imported.")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever DNS says now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
