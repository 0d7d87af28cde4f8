"""Render the site model through Jinja templates into files held in memory.

`render_site` returns {relative output path: bytes} and touches no disk beyond reading the
templates. One environment serves every template, with autoescape on for all of them
(feeds and sitemap included) and StrictUndefined, so a typo in a template is an error,
not a blank.

Links between pages are relative (`../../tags/llm/`), so the same output works at a domain
root, under a GitHub Pages sub-path and in the preview. Only what must be absolute is:
canonical links, feeds, the sitemap and OpenGraph, from `base_url`. The 404 page is served
for missing paths at any depth, so its links are root-relative from the base path instead.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import sys
from pathlib import Path

import jinja2
from markupsafe import Markup

from bitext.errors import InputError, Problem
from bitext.metadata import scholarly_article
from bitext.model import Site
from bitext.strings import long_date, long_month, strings_for

TEMPLATES_DIR = "templates"


def make_environment(root: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR, followlinks=False),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["rfc822"] = rfc822
    env.filters["html_source"] = html_source
    env.filters["long_date"] = long_date
    env.filters["long_month"] = long_month
    return env


def rfc822(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), tzinfo=dt.timezone.utc)
    return email.utils.format_datetime(value)


def html_source(value: str) -> str:
    """HTML as plain text, so that autoescape escapes it (an RSS description holds escaped HTML)."""
    return str.__str__(value)


class Pages:
    """The output files of one render, refusing a path written twice."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, data: bytes) -> None:
        if path in self.files:
            raise ValueError(f"two pages would be written to {path}")
        self.files[path] = data


def render_site(site: Site, env: jinja2.Environment, extra_head: Markup | None = None
                ) -> dict[str, bytes]:
    """Every generated file of the site (static files are copied by the writer)."""
    config = site.config
    base = {
        "site": site, "config": config, "t": strings_for(config.primary.code),
        "primary": config.primary, "secondary": config.secondary,
        "absolute": lambda path: config.base_url + path,
        "scholarly_article": lambda paper: scholarly_article(paper, config),
        "extra_head": extra_head or Markup(""),
    }
    pages = Pages()

    def page(template: str, path: str, **context: object) -> None:
        url = path.removesuffix("index.html")
        depth = path.count("/")
        root = "../" * depth or "./"
        pages.add(path, render(env, template, {**base, "root": root, "page_url": url,
                                               **context}))

    for number, papers in enumerate(site.pages, start=1):
        path = "index.html" if number == 1 else f"page/{number}/index.html"
        page("index.html", path, papers=papers, page_number=number, page_count=len(site.pages))
    for paper in site.papers:
        page("paper.html", paper.url + "index.html", paper=paper,
             neighbours=site.neighbours[paper.slug])
    page("tags.html", "tags/index.html")
    for tag in site.tags.values():
        page("tag.html", tag.url + "index.html", tag=tag)
        page("feed.xml", tag.url + "feed.xml", items=site.feed_items(tag.papers),
             feed_title=tag.name, home_url=tag.url)
    page("archive.html", "archive/index.html")
    for month in site.months:
        page("month.html", month.url + "index.html", month=month)
    page("feed.xml", "feed.xml", items=site.feed_items(site.papers), feed_title=None,
         home_url="")
    page("sitemap.xml", "sitemap.xml", html_pages=sitemap_entries(pages.files, site))
    page("robots.txt", "robots.txt")
    pages.add("404.html", render(env, "404.html", {**base, "root": config.base_path,
                                                    "page_url": "404.html"}))
    pages.add(".nojekyll", b"")  # GitHub Pages: serve the folder as it is, without Jekyll
    if config.domain:
        pages.add("CNAME", f"{config.domain}\n".encode())
    return pages.files


def sitemap_entries(files: dict[str, bytes], site: Site) -> list[tuple[str, dt.date | None]]:
    """(URL path, last modified) of every HTML page rendered so far."""
    dates = {paper.url: paper.date for paper in site.papers}
    urls = sorted(path.removesuffix("index.html") for path in files if path.endswith(".html"))
    return [(url, dates.get(url)) for url in urls]


def render(env: jinja2.Environment, name: str, context: dict) -> bytes:
    try:
        return env.get_template(name).render(context).encode("utf-8")
    except jinja2.TemplateSyntaxError as error:
        raise InputError([Problem(f"{TEMPLATES_DIR}/{error.name or name}", error.lineno, None,
                                  f"template syntax: {error.message}")]) from None
    except jinja2.TemplateNotFound as error:
        raise InputError([Problem(f"{TEMPLATES_DIR}/{error.name}", None, None,
                                  "template missing",
                                  hint="restore it from the bitext repository")]) from None
    except jinja2.TemplateError as error:
        where, line = template_frame(sys.exc_info()[2], name)
        raise InputError([Problem(f"{TEMPLATES_DIR}/{where}", line, None,
                                  f"template error: {error}")]) from None


def template_frame(traceback, fallback: str) -> tuple[str, int | None]:
    """The innermost template file and line in a traceback (Jinja rewrites its frames)."""
    found: tuple[str, int | None] = (fallback, None)
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if f"/{TEMPLATES_DIR}/" in filename.replace("\\", "/"):
            found = (filename.replace("\\", "/").rsplit(f"/{TEMPLATES_DIR}/", 1)[1],
                     traceback.tb_lineno)
        traceback = traceback.tb_next
    return found

