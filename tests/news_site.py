"""A small local news site over real HTTP: an article page with boilerplate, redirects, and
responses that are too big, too slow or of the wrong type."""

from __future__ import annotations

import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import DATA

NEWS_HTML = (DATA / "pages" / "news.html").read_bytes()
# A day's feed: a good entry (relative link, read against the feed's address), one listed twice, a broken
# one (404), two the guarded fetch refuses (a private address, another scheme) and one with no link.
FEED_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Council news</title>
<item><title>Council approves budget</title><link>/news/council</link></item>
<item><title>Council approves budget (again)</title><link>/news/council</link></item>
<item><title>Gone</title><link>/no-such-article</link></item>
<item><title>Inside</title><link>http://10.0.0.1/admin</link></item>
<item><title>Local file</title><link>file:///etc/passwd</link></item>
<item><title>Just a note</title><description>No link here.</description></item>
</channel></rss>"""
FEED_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Le conseil</title>
<entry><title>Le conseil a vot\xc3\xa9</title><link href="/plain"/><id>1</id></entry>
</feed>"""


class NewsServer(ThreadingHTTPServer):
    """A client that hangs up early (the fetcher stops at its size limit) is what the tests want, not a
    failure: no traceback for it on the test output."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.split("?")[0] == "/news/council":
            self.send(200, NEWS_HTML)
        elif self.path == "/moved":
            self.send(301, b"", Location="/news/council")
        elif self.path == "/to-private":
            self.send(302, b"", Location="http://10.0.0.1/admin")
        elif self.path == "/to-metadata":
            self.send(302, b"", Location="http://169.254.169.254/latest/meta-data/")
        elif self.path == "/big":
            self.send(200, b"<p>" + b"x" * 300_000 + b"</p>")
        elif self.path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 10_000)
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>drip</p>" * 3)
                    self.wfile.flush()
                    time.sleep(0.25)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/feed.rss":
            self.send(200, FEED_RSS, "application/rss+xml")
        elif self.path == "/feed.atom":
            self.send(200, FEED_ATOM, "application/atom+xml; charset=utf-8")
        elif self.path == "/long-feed.rss":
            items = b"".join(b"<item><title>Copy %d</title><link>/news/council?copy=%d</link></item>" % (n, n)
                             for n in range(60))
            self.send(200, b'<rss version="2.0"><channel><title>Long</title>' + items + b"</channel></rss>",
                      "application/rss+xml")
        elif self.path == "/page-as-xml":
            self.send(200, b"<html><body><p>Not a feed.</p></body></html>", "text/xml")
        elif self.path == "/image":
            self.send(200, b"\x89PNG\r\n", "image/png")
        elif self.path == "/plain":
            self.send(200, "Le conseil a voté mardi. Les travaux commencent en mars.".encode(),
                      "text/plain; charset=utf-8")
        elif self.path == "/flowed":
            self.send(200, "Le conseil a voté mardi. Les travaux commencent en mars.".encode(),
                      "text/plain; charset=utf-8; format=flowed")
        elif self.path == "/odd-charset":
            self.send(200, "Le conseil a voté mardi.".encode("cp1252"), "text/plain; charset=x-no-such-thing")
        elif self.path == "/nul-text":
            self.send(200, b"Le conseil\x00\x00\x01\x02" * 200, "text/plain; charset=utf-8")
        elif self.path == "/trickle-headers":
            try:  # each byte well inside the read timeout, the whole far past the deadline
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 200:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send(404, b"not found")

