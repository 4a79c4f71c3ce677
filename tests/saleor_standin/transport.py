"""How the stand-in and the app reach each other in tests.

- `serve(standin)`: the stand-in on a real loopback socket (what the app's client calls);
- `answer_in_process`: the same handler answering in-process for a fixed URL (the
  captured instance at http://127.0.0.1:8000/ cannot be bound in tests);
- `django_app_http(client)`: Saleor's calls into the app, through Django's test client.
"""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from requests.structures import CaseInsensitiveDict

from saleor_subscriptions.saleor import http


@contextlib.contextmanager
def serve(standin_factory):
    """Start a loopback HTTP server; `standin_factory(api_url)` builds the stand-in it serves."""
    holder = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out as two writes: without TCP_NODELAY each keep-alive request waits
        # for the client's delayed ACK (~40 ms)
        disable_nagle_algorithm = True

        def _answer(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, headers, answer = holder["standin"].handle(
                self.command, urlsplit(self.path).path, dict(self.headers), body
            )
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    holder["standin"] = standin_factory(f"http://127.0.0.1:{server.server_address[1]}/graphql/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["standin"]
    finally:
        server.shutdown()
        server.server_close()


def answer_in_process(standin, method: str, url: str, *, body: bytes | None = None, headers=None, timeout=None) -> http.Answer:
    """The stand-in's answer to a request the app would have sent to `url` (signature of `http.request`)."""
    status, answer_headers, answer = standin.handle(method, urlsplit(url).path, dict(headers or {}), body or b"")
    return http.Answer(status, CaseInsensitiveDict(answer_headers), answer)


def django_app_http(client):
    """(method, url, headers, body) -> (status, headers, body) against the app under test."""

    def call(method, url, headers, body):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if method == "GET":
            response = client.get(path, headers=headers)
        else:
            response = client.generic(method, path, data=body, content_type=headers.get("Content-Type", ""), headers=headers)
        return response.status_code, dict(response.headers), response.content

    return call
