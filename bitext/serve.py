"""`serve`: build into a temporary folder, serve it on 127.0.0.1, rebuild on every change
and let the browser reload itself (livereload).

The preview is served at the root of http://HOST:PORT/, and built with that address as its
base URL, so every link, feed and the 404 page work there; the published build uses the
real base URL instead. Only preview responses carry the reload script: livereload adds it
to HTML as it is served, and nothing of it is ever written to a build.

When a rebuild fails, the last good build stays served and every page shows the errors in
an overlay, the same lines as the terminal prints; the next good build removes it.

Each page also says which build it shows, and asks, when livereload.js connects, whether
that is still the newest (`build_check`): livereload announces a reload only to the pages
connected at the time, not to one that was loading.

A large site is served as soon as its pages are built: the preview reads the papers that
`build` parsed (`MemoryCache.disk`), and makes its search index in the background.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import html
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from livereload.watcher import Watcher

from bitext.cache import CACHE_DIR, DiskCache, MemoryCache, Model
from bitext.content import Paper
from bitext.pipeline import Bundles, Loaded, Options
from bitext.scratch import make_scratch, remove_scratch
from bitext.watching import BackgroundSearch, InputWatcher, Rebuilder

LOCAL_NAMES = {"localhost", "127.0.0.1", "[::1]", "::1"}
GENERATION_PATH = "/__bitext__/generation"
PORT_TRIES = 10
EMPTY_PAGE = b"<!doctype html><title>bitext preview</title><body></body>"


@dataclass
class PreviewState:
    """What the server shows: the folder of the last good build, and the current errors."""

    folder: Path
    errors: list[str] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    """A paper page's path ('papers/x/') → its paper's warnings (translation checks, math
    shown as source, a stale translation), shown on that page."""
    moved: dict[str, str] = field(default_factory=dict)
    """A paper page's old path ('papers/x/') → its path now, for the pages this preview
    saw move (see `redirects_after`): a page open on the old address follows its paper
    when the browser reloads."""
    generation: int = 0
    """Counts the builds, good or failed, each of which changes what the pages show (see
    `build_check`)."""
    lock: threading.Lock = field(default_factory=threading.Lock)


def overlay(errors: list[str]) -> bytes:
    """The error panel shown on every page while the last rebuild failed."""
    return panel("div", "bitext-errors", "alert",
                 "max-height:50vh;z-index:2147483647;padding:1rem 1.25rem;background:#7f1d1d;"
                 "color:#fff;font:14px/1.5 ui-monospace,monospace;"
                 "box-shadow:0 -4px 16px rgba(0,0,0,.3)",
                 "bitext: the last change did not build; this is the last good build.", errors)


def paper_warnings(model: Model) -> dict[str, list[str]]:
    """A paper page's path → its paper's warnings: its own, then those of the papers
    together that name it (a place on its day that another paper has too, a date to
    come). Those of the site (site.yaml's feed_size against the newest day) are the
    terminal's only."""
    papers = model.loaded.papers
    found = {papers[place].url: [problem.format() for problem in problems]
             for place, problems in model.loaded.warned.items()}
    # (the addresses of the papers named only: of every paper, they took an edit in the
    # preview of 100,000 papers 0.09 s of its 0.15)
    positions = model.loaded.positions
    for problem in model.together:
        if (place := positions.get(problem.path)) is not None:
            found.setdefault(papers[place].url, []).append(problem.format())
    return found


def warnings_panel(lines: list[str]) -> bytes:
    """The panel of a paper page whose paper has warnings (the page built)."""
    return panel("aside", "bitext-warnings", "status",
                 "max-height:35vh;z-index:2147483646;padding:.75rem 1.25rem;"
                 "background:#fef3c7;color:#1c1d1f;border-top:2px solid #b45309;"
                 "font:13px/1.5 ui-monospace,monospace",
                 "bitext: this paper has warnings (the published page shows none of this "
                 "panel)", lines)


def panel(element: str, name: str, role: str, style: str, heading: str,
          lines: list[str]) -> bytes:
    """A panel fixed at the bottom of a preview page: a heading and a list of lines."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (f'<{element} id="{name}" role="{role}" style="position:fixed;inset:auto 0 0 0;'
            f'overflow:auto;margin:0;{style}"><strong>{heading}</strong>'
            f'<ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></{element}>'
            ).encode()


def build_check(generation: int) -> bytes:
    """A preview page's check, when livereload.js connects, that it shows the newest
    build: the reload of a build that ended while the page had no connection (it was
    loading, after the reload of an earlier save) reached no one. Checked again a second
    later: livereload counts the page among those it tells only once the page has sent
    its `info`, a moment after it connected. Put in the <head>, the listener is in place
    before livereload.js, which livereload adds after it, can connect."""
    return ('<script>(function(){function check(){'
            f'fetch("{GENERATION_PATH}",{{cache:"no-store"}})'
            '.then(function(r){return r.text()})'
            f'.then(function(g){{if(g!=="{generation}")location.reload()}})}}'
            'document.addEventListener("LiveReloadConnect",function(){'
            'check();setTimeout(check,1000)})})()</script>').encode()


def host_allowed(host_header: str, bound: str) -> bool:
    """Only requests addressed to this machine: a page elsewhere cannot reach the preview
    through a DNS name that points here (DNS rebinding)."""
    name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    return name.lower() in LOCAL_NAMES or name == bound


def resolve_request(folder: Path, raw_path: str) -> tuple[Path | None, bool]:
    """The file a URL path names inside `folder` (None if none), and whether the path needs
    a trailing slash. Traversal (`..`, encoded or not) and links out of the folder fail."""
    try:
        path = unquote(urlsplit(raw_path).path)
    except ValueError:  # ("//[x": a host that opens an IPv6 address and never closes it)
        return None, False
    if "\x00" in path or "\\" in path:
        return None, False
    root = folder.resolve()
    target = (root / path.lstrip("/")).resolve()
    if not target.is_relative_to(root):
        return None, False
    if target.is_dir():
        if not path.endswith("/"):
            return None, True
        target = target / "index.html"
    return (target if target.is_file() else None), False


CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".ico": "image/x-icon",
    ".json": "application/json", ".woff2": "font/woff2",
}


def make_app(state: PreviewState, bound_host: str):
    """The WSGI app that serves the last good build."""

    def app(environ, start_response):
        if not host_allowed(environ.get("HTTP_HOST", ""), bound_host):
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"bitext preview: this Host is not served\n"]
        path_info = environ.get("PATH_INFO", "/")
        page = path_info.lstrip("/").removesuffix("index.html")
        with state.lock:
            folder, errors, generation = state.folder, list(state.errors), state.generation
            warned = state.warnings.get(page, [])
            moved_to = state.moved.get(page)
        if path_info == GENERATION_PATH:
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"),
                                      ("Cache-Control", "no-store")])
            return [str(generation).encode()]
        target, needs_slash = resolve_request(folder, path_info)
        if needs_slash:
            start_response("301 Moved Permanently", [("Location", path_info + "/")])
            return [b""]
        if (target is None and moved_to is not None
                and resolve_request(folder, "/" + moved_to)[0] is not None):
            # (302, not 301: another edit may move the page back, and a browser keeps a
            # 301 for good; and only to a page still there: its paper may be deleted)
            start_response("302 Found", [("Location", "/" + moved_to),
                                         ("Cache-Control", "no-store")])
            return [b""]
        status = "200 OK"
        if target is None:
            status, target = "404 Not Found", folder / "404.html"
        if target.is_file():
            body = target.read_bytes()
            kind = CONTENT_TYPES.get(target.suffix, "application/octet-stream")
        else:  # no good build yet: a blank page to carry the error overlay
            body, kind = EMPTY_PAGE, CONTENT_TYPES[".html"]
        if kind.startswith("text/html"):
            body = body.replace(b"</head>", build_check(generation) + b"</head>", 1)
        if errors and kind.startswith("text/html"):
            body = body.replace(b"</body>", overlay(errors) + b"</body>", 1)
        elif warned and kind.startswith("text/html"):
            body = body.replace(b"</body>", warnings_panel(warned) + b"</body>", 1)
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    return app


def free_port(host: str, wanted: int) -> int:
    """`wanted` if it is free, else the next free one (said plainly by the caller). Free
    as the server's own socket sees it (SO_REUSEADDR, as tornado sets): connections of a
    preview just stopped, in TIME_WAIT for a minute, leave the port free; a server
    listening on it does not."""
    for port in range(wanted, wanted + PORT_TRIES):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            if os.name != "nt":  # (as tornado: on Windows it would let two servers share a port)
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
                return port
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
    raise OSError(errno.EADDRINUSE, f"ports {wanted} to {wanted + PORT_TRIES - 1} are all in "
                                    f"use; choose one with --port")


def preview_cache(root: Path) -> MemoryCache:
    """The preview's cache: in memory, with the parsed papers shared with `build`."""
    return MemoryCache.from_disk(DiskCache(root / CACHE_DIR))


class Preview(Rebuilder):
    """Rebuilds the preview folder after a change (see Rebuilder), shows the problems of a
    build that failed on every page, and publishes the search index made in the
    background."""

    kept = "still serving the last good build"

    def __init__(self, options: Options, state: PreviewState,
                 search_ready: Callable[[], None] | None = None):
        # (its search index is made in the background: see BackgroundSearch)
        super().__init__(dataclasses.replace(options, search=False),
                         preview_cache(options.root))
        self.state = state
        self.search = BackgroundSearch(search_ready)
        self.shown: dict[str, Paper] = {}
        """Each paper file's paper in the last good build (see `pages_moved`)."""

    def search_files(self) -> Bundles | None:
        return self.search.to_publish()

    def failed(self, lines: list[str]) -> None:
        with self.state.lock:
            self.state.errors = lines
            self.state.generation += 1

    def succeeded(self, search_files: Bundles | None) -> None:
        model = self.cache.model
        warnings = {} if model is None else paper_warnings(model)
        moves = {} if model is None else self.pages_moved(model.loaded)
        with self.state.lock:
            self.state.errors = []
            self.state.warnings = warnings
            self.state.moved = redirects_after(self.state.moved, dict(moves.values()))
            self.state.generation += 1
        for source, (old, new) in moves.items():
            print(f"note: {source}: its page moved from /{old} to /{new}; links to a "
                  f"published address break when it moves (to keep it, set slug: "
                  f"{old.removeprefix('papers/').rstrip('/')})", file=sys.stderr)
        self.search.built(search_files)

    def pages_moved(self, loaded: Loaded) -> dict[str, tuple[str, str]]:
        """The paper pages this build moved: paper file → (old path, new path). A title
        edited in a paper without `slug:` gives its page another address."""
        papers, last = loaded.papers, self.shown
        if loaded.edited is not None and last:
            now = {papers[place].source: papers[place] for place in loaded.edited}
            every = None
        else:
            # (a paper not parsed again is the same object as before: comparing objects,
            # this pass reads no address of the papers that did not change)
            every = {source: papers[place] for source, place in loaded.positions.items()}
            now = {source: paper for source, paper in every.items()
                   if last.get(source) is not paper}
        moves = {source: (old.url, paper.url) for source, paper in now.items()
                 if (old := last.get(source)) is not None and old.url != paper.url}
        if every is None:
            last.update(now)
        else:
            self.shown = every
        return moves

    def settled(self) -> None:
        if self.cache.model:
            self.search.start(self.cache.model.site)


def redirects_after(redirects: dict[str, str], moves: dict[str, str]) -> dict[str, str]:
    """The preview's redirects of moved pages (old path → path now) after a build made
    `moves`: a page moved twice sends both its old paths to the last one, and a path in
    use again sends nowhere."""
    updated = {old: moves.get(new, new) for old, new in redirects.items()}
    updated.update(moves)
    for new in moves.values():
        updated.pop(new, None)
    return updated


class ChangeWatcher(InputWatcher, Watcher):
    """The input watcher as livereload's watcher: rebuilds with the names of the files
    that changed, and lets livereload reload the browser."""

    def __init__(self, root: Path, rebuild: Callable[[Collection[str]], object],
                 settle: Callable[[], None] | None = None):
        InputWatcher.__init__(self, root)
        Watcher.__init__(self)
        self.rebuild = rebuild
        self.settle = settle
        """Called on the server's loop after the browser is told to reload (see
        `Rebuilder.build_changes`)."""
        self.watch(str(root))  # (livereload watches the current folder when told none)

    def start(self, callback: Callable[[], None]) -> bool:
        """Called by livereload on the server's thread; True: it need not poll."""
        from tornado.ioloop import IOLoop

        loop = IOLoop.current()
        with self.lock:
            self.announce = lambda: loop.add_callback(callback)
            waiting = bool(self.pending) or self.forced
        if waiting:
            self.announce()
        return True

    def examine(self) -> tuple[str | None, float | None]:
        """Rebuild with what changed; livereload reloads the browser when a path comes
        back (a lone stylesheet is swapped in place, anything else reloads the page)."""
        with self.lock:
            if self._changes:  # livereload's own message that the server started
                if (self.pending or self.forced) and self.announce:
                    self.announce()  # (then come back for the files)
                return self._changes.pop()
        changed, forced = self.take()
        if not changed and not forced:
            return None, None
        self.rebuild(changed)
        if self.settle:
            from tornado.ioloop import IOLoop

            # (livereload sends the reload as this returns, then the loop runs this)
            IOLoop.current().add_callback(self.settle)
        self.filepath = next(iter(changed)) if len(changed) == 1 else "*"
        return self.filepath, None


# The signals that stop the preview: Ctrl-C's, and those that `bitext.cli.main` makes stop
# a command as it does (SIGTERM, SIGHUP).
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def stopped_between_callbacks() -> Iterator[None]:
    """Ctrl-C (and the signals that stop a command as it does) stop the preview's loop
    between two of its callbacks. Raised as a KeyboardInterrupt wherever the signal
    landed, it was lost when it landed in a weakref's callback ("Exception ignored in
    …"), and the preview went on serving (a test saw it once, on a loaded machine). A
    signal ignored (`nohup`) stays so; where the loop takes no signal handlers (Windows),
    the KeyboardInterrupt stays."""
    from tornado.ioloop import IOLoop

    loop = IOLoop.current()
    numbers = [number for name in STOP_SIGNALS
               if (number := getattr(signal, name, None)) is not None
               and callable(signal.getsignal(number))]
    if threading.current_thread() is not threading.main_thread():
        numbers = []
    previous = {number: signal.getsignal(number) for number in numbers}
    taken = []
    with contextlib.suppress(NotImplementedError, RuntimeError):
        for number in numbers:
            loop.asyncio_loop.add_signal_handler(number, loop.stop)
            taken.append(number)
    try:
        yield
    finally:
        for number in taken:
            with contextlib.suppress(Exception):  # (closing the loop removed them)
                loop.asyncio_loop.remove_signal_handler(number)
        for number in taken:
            signal.signal(number, previous[number])


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          drafts: bool = True) -> int:
    from livereload import Server  # imported here: only the preview needs tornado
    from livereload.handlers import LiveReloadHandler

    # livereload drops the reload of a change that comes within 3 s of the last one (its
    # guard against bursts); a save made soon after another then rebuilt the site but left
    # the browser on the old page. Our one rebuild per change needs no such guard
    # (lepture/python-livereload#244 made the constant settable for this).
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host}: other machines on the network can see the "
              f"preview", file=sys.stderr)
    chosen = free_port(host, port)
    if chosen != port:
        print(f"port {port} is in use; serving on port {chosen} instead")
    workspace = make_scratch("bitext-preview-")
    out = workspace / "site"
    url_host = f"[{host}]" if ":" in host else host
    address = f"http://{url_host}:{chosen}/"
    options = Options(root=root, out=out, base_url=address, drafts=drafts)
    state = PreviewState(folder=out)
    preview = Preview(options, state, search_ready=lambda: watcher.request_rebuild())
    watcher = ChangeWatcher(root, preview.build_changes, preview.settle)
    try:
        watcher.begin()
        preview.rebuild()
        server = Server(make_app(state, host), watcher=watcher)
        print(f"serving {root} at {address} (Ctrl-C to stop)", flush=True)
        with stopped_between_callbacks():
            server.serve(port=chosen, host=host, debug=False, restart_delay=0,
                         open_url_delay=1 if open_browser else None)
    finally:
        watcher.stop()
        remove_scratch(workspace)
    return 0

