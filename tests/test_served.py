"""The built site served as GitHub Pages serves it, under a sub-path and at a domain root:
every internal link, stylesheet, script, image and feed resolves."""

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from bitext.pipeline import Options, build
from tests.conftest import REPO
from tests.pages_server import serve_pages


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Every same-origin URL reachable from `start`, and those that did not answer 200."""
    origin = urlsplit(start).netloc
    seen, broken, queue = set(), [], [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, kind = fetch(url)
        if status != 200:
            broken.append(f"{url} → {status}")
            continue
        if "html" in kind:
            parser = References()
            parser.feed(body.decode("utf-8"))
            for reference in parser.urls:
                target = urljoin(url, reference).split("#")[0]
                if urlsplit(target).netloc == origin:
                    queue.append(target)
    return seen, broken


@pytest.mark.parametrize("base_url, prefix", [
    ("https://example.github.io/digest/", "/digest/"),
    ("https://digest.example.org/", "/"),
])
def test_every_internal_link_resolves(tmp_path, base_url, prefix):
    out = tmp_path / "site"
    build(Options(root=REPO, out=out, base_url=base_url))
    with serve_pages(out, prefix) as root:
        seen, broken = crawl(root)
        assert broken == []
        pages = {p.relative_to(out).as_posix() for p in out.rglob("index.html")}
        assert len([url for url in seen if url.endswith("/")]) >= len(pages)
        assert root + "static/css/site.css" in seen
        assert root + "feed.xml" in seen
        for tag in (out / "tags").iterdir():
            if tag.is_dir():
                assert f"{root}tags/{tag.name}/" in seen


def test_404_page_works_deep_in_the_tree(tmp_path):
    out = tmp_path / "site"
    build(Options(root=REPO, out=out, base_url="https://example.github.io/digest/"))
    with serve_pages(out, "/digest/") as root:
        status, body, _ = fetch(root + "papers/no/such/page/")
        assert status == 404
        parser = References()
        parser.feed(body.decode("utf-8"))
        for reference in parser.urls:
            if reference.startswith("#"):
                continue
            target = urljoin(root + "papers/no/such/page/", reference)
            if urlsplit(target).netloc == urlsplit(root).netloc:
                assert fetch(target)[0] == 200, reference
