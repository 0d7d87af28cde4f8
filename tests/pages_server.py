"""A static server that behaves like GitHub Pages, for tests and screenshots.

It serves a built site under a sub-path (`/digest/`) on 127.0.0.1: a folder's
index.html for a path ending in '/', a redirect to add the '/' for a folder, the site's
404.html with status 404 for anything missing, nothing outside the folder.
"""

from __future__ import annotations

import http.server
import mimetypes
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit


def make_handler(folder: Path, prefix: str):
    folder = folder.resolve()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def do_GET(self):  # noqa: N802 (the name http.server calls)
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                return self.send_file(folder / "404.html", 404)
            target = (folder / path[len(prefix):]).resolve()
            if not target.is_relative_to(folder):
                return self.send_file(folder / "404.html", 404)
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                target = target / "index.html"
            if target.is_file():
                return self.send_file(target, 200)
            return self.send_file(folder / "404.html", 404)

        def send_file(self, file: Path, status: int):
            data = file.read_bytes() if file.is_file() else b"not found"
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith(("xml", "javascript", "json")):
                kind += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


class PagesServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that went away mid-answer (a test closed its page while the search
        worker still fetched) is no error of the server's; anything else is printed."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve_pages(folder: Path, prefix: str = "/"):
    """Serve `folder` at http://127.0.0.1:PORT{prefix}; yields that URL."""
    server = PagesServer(("127.0.0.1", 0), make_handler(folder, prefix))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
