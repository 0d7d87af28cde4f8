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

import dataclasses
import datetime as dt
import difflib
import email.utils
import functools
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType

import jinja2
import jinja2.compiler
import jinja2.runtime
import jinja2.utils
from markupsafe import Markup, escape

from bitext.chart import month_chart, tag_sizes
from bitext.config import Config, Language, language_direction
from bitext.content import Paper
from bitext.errors import InputError, Problem
from bitext.inputs import TEMPLATES_DIR
from bitext.math import inline_math
from bitext.metadata import bibtex, scholarly_article
from bitext.model import Month, Site, Tag, by_day, by_month, neighbours_of, page_path, paginate
from bitext.scripts import character_script, script_of_language
from bitext.search import bundle_folders, query_scripts
from bitext.siteview import SETTINGS, Reads, SiteView
from bitext.strings import long_date, long_month, strings_for

ENTRY_TEMPLATE = "entry.html"
SITEMAP_URLS = 50_000
"""Addresses in one sitemap file, the most sitemaps.org allows: past them (a site of about
45,000 papers), sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml …"""


try:  # markupsafe >= 3.0: its escaping (in C where built), without making a Markup of it
    from markupsafe import _escape_inner
except ImportError:  # (markupsafe 2: the same text, a little slower)
    def _escape_inner(text: str) -> str:
        return str(escape(text))


def escape_output(value: object) -> str:
    """What `{{ value }}` writes under autoescape: the same text as markupsafe's `escape`,
    which templates call about 200 times a page. That makes each result a Markup, through
    a Python-level constructor that copies Markup it is given; output is only joined, so
    plain text does: at 10,000 papers a paper page renders a quarter faster."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles `{{ … }}` under autoescape to `escape_output(…)` instead of `escape(…)`."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escape_output(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:  # ({% autoescape %} blocks decide as the page renders)
            super()._output_child_pre(node, frame, finalize)


# Compiled templates call `environment.escape_output`, which environments of other bitext
# versions may not have: their kept bytecode goes to a folder of this name.
COMPILED_FORM = "escape-output"


LruCacheWrapper = type(functools.lru_cache(maxsize=None)(lambda: None))


def takes_no_context(value: object) -> bool:
    """Whether Jinja would call `value` as it is: a builtin method, a macro, or a function
    (or method, or cached function) without `jinja_pass_arg`, the mark that
    `pass_context` and its kin leave on a function. Jinja asks the callable and its
    `__call__` by `hasattr`, which for these is an AttributeError raised and caught."""
    kind = type(value)
    if kind is BuiltinFunctionType or kind is jinja2.runtime.Macro:
        return True
    if kind is MethodType:
        value = value.__func__  # (a method finds its attributes on its function)
        kind = type(value)
    return (kind is FunctionType or kind is LruCacheWrapper) \
        and "jinja_pass_arg" not in value.__dict__


class Context(jinja2.runtime.Context):
    """Calls in templates (`ui("tags")`, a macro, `paper.date.isoformat()`: about 35 on a
    paper page) go through `call`, whose two questions to each callable cost a paper
    page a tenth of its time. Those that `takes_no_context` answers for are called as
    Jinja would, without the questions."""

    @jinja2.utils.internalcode
    def call(__self, __obj, *args, **kwargs):
        if not takes_no_context(__obj):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # (as Jinja does)
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


class Environment(jinja2.Environment):
    code_generator_class = CodeGenerator
    context_class = Context
    escape_output = staticmethod(escape_output)

    def make_globals(self, d):
        """A template's globals as one dict, not Jinja's ChainMap over the environment's:
        each page's context copies them, and iterating a ChainMap builds a dict of its
        maps first, twice a page. (The environment's globals are all set before any
        template is loaded, as Jinja asks.)"""
        return {**self.globals, **(d or {})}


def make_environment(root: Path, bytecode_cache: jinja2.BytecodeCache | None = None
                     ) -> jinja2.Environment:
    env = Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR, followlinks=False),
        bytecode_cache=bytecode_cache,
        # A build sees one state of the templates (their digest keys the environment), so
        # no need to stat three template files for every page.
        auto_reload=False,
        # Loaded templates in a plain dict: a page asks for three (its own, the one it
        # extends, the macros it imports), and the default bounded cache takes a lock and
        # reorders its queue each time (a site has a dozen templates).
        cache_size=-1,
        # Everything is escaped for HTML/XML (robots.txt has no text from content).
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # A global, not a context variable: macros imported from macros.html see globals only,
    # and Jinja keeps such imports with a copy of the globals of their first use, so the
    # global stays the same object and each build points it at its own renderer.
    # JSON-LD as UTF-8 (Chinese as itself, not as \uXXXX escapes of twice the size);
    # `tojson` still escapes <, >, & and ' so no text can close its <script> element.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals["listing_entries"] = ListingEntries()
    env.filters["rfc822"] = rfc822
    env.filters["with_math"] = with_math
    env.globals["title_spans"] = title_spans
    env.filters["html_source"] = html_source
    env.filters["long_date"] = long_date
    env.filters["long_month"] = long_month
    env.filters["by_day"] = by_day
    env.filters["by_month"] = by_month
    return env


# The links' root (`../../`) in a listing entry, rendered once for pages of any depth (the
# home's `./`, a tag's `../../`, its second page's `../../../../`) and replaced by the
# page's root as the page is made. A NUL: never in a page otherwise, as the readers of
# paper files and site.yaml refuse control characters.
ROOT_MARK = "\0"


class ListingEntries:
    """`listing_entries(papers, root)` in templates: the papers' entries (entry.html), each
    on its own line, in one call: a tag page lists hundreds, and a template loop costs
    more than rendering the few entries of a typical rebuild."""

    renderer: Renderer | None = None

    def __call__(self, papers: Sequence[Paper], root: str) -> SafeText:
        assert self.renderer is not None, "a Renderer sets this before rendering"
        entry, kept = self.renderer.listing_entry, self.renderer.entries
        # Entries are safe HTML already: joined as text (the separator keeps the macro's
        # indentation). Most are kept from earlier pages: looked up here, without a call.
        return SafeText("\n  ".join([
            kept.get((paper.digest, paper.slug)) or entry(paper)
            for paper in papers]).replace(ROOT_MARK, root))


class SafeText:
    """Safe HTML that templates write as it is, without the copy that making a Markup of it
    costs: the entries of a tag page at 10,000 papers are 1.5 MB of text in memory, and
    a preview edit re-renders the pages of the edited paper's tags."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __html__(self) -> str:
        return self.text

    def __str__(self) -> str:
        # Made text some other way (`"<h2>" ~ entries`, a filter), it stays safe HTML.
        return Markup(self.text)

    def __len__(self) -> int:  # (`|length` and `{% if %}` as for a Markup)
        return len(self.text)


def both_languages(t: dict[str, str], t2: dict[str, str], key: str, values: dict,
                   secondary: Language) -> Markup:
    """An interface string in the primary language, carrying its secondary-language form
    for the reading-mode script to swap in when the reader reads the secondary language."""
    if key not in t or key not in t2:
        close = difflib.get_close_matches(key, list(t), n=1)
        raise jinja2.TemplateRuntimeError(
            f"ui({key!r}): no such interface string"
            + (f" (did you mean {close[0]!r}?)" if close else ""))
    try:
        shown, alternative = t[key].format(**values), t2[key].format(**values)
    except KeyError as missing:
        raise jinja2.TemplateRuntimeError(
            f"ui({key!r}) needs a value for {missing.args[0]}: ui({key!r}, "
            f"{missing.args[0]}=…)") from None
    return Markup('<span data-alt="{}" data-alt-lang="{}" data-alt-dir="{}">{}</span>').format(
        alternative, secondary.code, secondary.dir, shown)


def dated(date: dt.date, code: str, secondary: Language) -> Markup:
    """A date in the primary language, carrying its secondary-language form."""
    return time_element(date.isoformat(), long_date(date, code),
                        long_date(date, secondary.code), secondary)


def month_dated(date: dt.date, code: str, secondary: Language) -> Markup:
    """A month ("May 2025") in the primary language, carrying its secondary-language form."""
    return time_element(date.strftime("%Y-%m"), long_month(date, code),
                        long_month(date, secondary.code), secondary)


def time_element(machine: str, shown: str, alternative: str, secondary: Language) -> Markup:
    return Markup('<time datetime="{}" data-alt="{}" data-alt-lang="{}" data-alt-dir="{}">'
                  '{}</time>').format(machine, alternative, secondary.code, secondary.dir, shown)


# Scripts whose text gets a `lang` of its own inside another language's element (WCAG
# 3.1.2, language of parts), and the language assumed when it is not one of the site's.
# Latin, Greek and Cyrillic are left alone: in research papers they are names and symbols.
MARKED_SCRIPTS = {"CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
                  "ARABIC": "ar", "HEBREW": "he", "THAI": "th", "DEVANAGARI": "hi"}
RUN_GROUP = {"HIRAGANA": "CJK", "KATAKANA": "CJK"}  # one run: 阿里 and カタカナ mix


def lang_runs(text: str, primary: Language, secondary: Language) -> Markup:
    """Escaped text with each run in a marked script other than the primary language's
    inside `<span lang dir>`: the secondary language when it is written in that script,
    else the script's usual language. "Ahmed مرسي" → "Ahmed <span lang="ar" …>مرسي</span>"."""
    if text.isascii():
        return Markup.escape(text)
    own = script_of_language(primary.code)
    pieces, at = [], 0
    for start, end, scripts in marked_runs(text):
        if scripts <= own:
            continue
        code, direction = run_language(scripts, secondary)
        pieces.append(Markup.escape(text[at:start]))
        pieces.append(Markup('<span lang="{}" dir="{}">{}</span>').format(
            code, direction, text[start:end]))
        at = end
    pieces.append(Markup.escape(text[at:]))
    return Markup("").join(pieces)


# What can change a run: a character outside ASCII may be a marked letter, and an ASCII
# letter between two such characters ends a run (Latin is not marked). ASCII spaces and
# punctuation never matter.
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
ASCII_LETTER = re.compile(r"[A-Za-z]")


def marked_runs(text: str) -> list[tuple[int, int, set[str]]]:
    """(start, end, scripts) of each run of letters of one marked script group, with the
    spaces and punctuation between its letters. (ASCII is passed over by a regex, a
    stretch at a time: a BibTeX entry with a Chinese institution is 300 characters of
    ASCII around two Han ones, on every paper page of such a digest.)"""
    runs: list[tuple[int, int, set[str]]] = []
    group = None
    after = 0  # (the end of the last stretch outside ASCII)
    for stretch in NON_ASCII_RUN.finditer(text):
        if ASCII_LETTER.search(text, after, stretch.start()):
            group = None  # (a run of Latin letters)
        for index in range(stretch.start(), stretch.end()):
            script = character_script(text[index])
            if script is None:
                continue
            current = RUN_GROUP.get(script, script) if script in MARKED_SCRIPTS else None
            if current is not None and current == group:
                start, _, scripts = runs[-1]
                runs[-1] = (start, index + 1, scripts | {script})
            elif current is not None:
                runs.append((index, index + 1, {script}))
            group = current
        after = stretch.end()
    return runs


def run_language(scripts: set[str], secondary: Language) -> tuple[str, str]:
    if scripts <= script_of_language(secondary.code):
        return secondary.code, secondary.dir
    code = "ja" if scripts & {"HIRAGANA", "KATAKANA"} else MARKED_SCRIPTS[min(scripts)]
    return code, language_direction(code)


def title_spans(paper: Paper, indent: int) -> Markup:
    """A paper's two titles, each in its language, one line each (the second indented by
    `indent` spaces, as the template around it is). While the translated title is missing,
    the primary title shows in every reading mode. (A function, not a macro: a paper
    page shows six papers' titles, a listing one per paper, and a macro call with its
    `indent` filter cost a cold build of 10,000 papers over a second.)"""
    first, second = paper.title.languages
    primary, secondary = paper.title.values
    # (f-strings of escaped parts: Markup.format's escaping formatter took 80 us a call)
    html = (f'<span class="title-primary{" in-primary" if secondary else ""}" '
            f'{language_attributes(first)}>{title_html(primary)}</span>')
    if secondary:
        html += (f'\n{" " * indent}<span class="title-secondary in-secondary" '
                 f'{language_attributes(second)}>{title_html(secondary)}</span>')
    return Markup(html)


@functools.cache
def language_attributes(language: Language) -> str:
    """`lang="…" dir="…"` of a language (the same two for every title of a site)."""
    return f'lang="{_escape_inner(language.code)}" dir="{_escape_inner(language.dir)}"'


def title_html(text: str) -> str:
    """A title with its `$…$` as MathML (the rest escaped); LaTeX that cannot be shown
    stays as written (the build has warned about it)."""
    return inline_math(text)[0] if "$" in text else _escape_inner(text)


def with_math(text: str) -> Markup:
    """`title_html` for templates."""
    return Markup(title_html(text))


def rfc822(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), tzinfo=dt.timezone.utc)
    return email.utils.format_datetime(value)


def html_source(value: str) -> str:
    """HTML as plain text, so that autoescape escapes it (an RSS description holds escaped HTML)."""
    return str.__str__(value)


@dataclass(frozen=True)
class PageJob:
    """One output file to render: its template and what the template shows."""

    path: str
    template: str
    context: dict


class Plan(Mapping[str, PageJob]):
    """Every generated file of a site by output path, as `plan_pages` plans them, a
    paper's page planned when first asked for: a build after an edit looks at the few
    pages that show the papers it changed, and planning every paper's page (its
    neighbours, its related papers) took a new process's edit 20 ms at 10,000 papers."""

    def __init__(self, site: Site, jobs: dict[str, PageJob | int]):
        self.site = site
        self.jobs = jobs
        """By path, in the plan's order: each page's job, or the place in `site.papers`
        of the paper whose page it is, until its job is asked for."""

    def __getitem__(self, path: str) -> PageJob:
        job = self.jobs[path]
        if type(job) is int:
            job = self.jobs[path] = paper_page(self.site, job)
        return job

    def __iter__(self) -> Iterator[str]:
        return iter(self.jobs)

    def __len__(self) -> int:
        return len(self.jobs)

    def __contains__(self, path: object) -> bool:
        return path in self.jobs

    def patched(self, site: Site, jobs: Mapping[str, PageJob]) -> Plan:
        """The plan of `site`, which has this plan's layout, with `jobs` in place of its
        own: those of the pages that show a paper `site` changed."""
        return Plan(site, {**self.jobs, **jobs})


def paper_page(site: Site, place: int) -> PageJob:
    paper = site.papers[place]
    return PageJob(paper.url + "index.html", "paper.html",
                   {"paper": paper, "neighbours": neighbours_of(site, place)})


def plan_pages(site: Site) -> Plan:
    """Every generated file of the site by output path (static files are the writer's)."""
    jobs: dict[str, PageJob | int] = {}

    def claim(path: str, job: PageJob | int) -> None:
        if path in jobs:
            raise ValueError(f"two pages would be written to {path}")
        jobs[path] = job

    def add(template: str, path: str, **context: object) -> None:
        claim(path, PageJob(path, template, context))

    def add_list_pages(template: str, name: str, listing: Tag | Month) -> None:
        # Each page's context holds the tag (or month) with that page's papers only, and
        # the count of all: so an edit to a paper re-renders the one page that lists it.
        pages = paginate(listing.papers, site.config.list_per_page)
        for number, papers in enumerate(pages, start=1):
            add(template, page_path(listing.url, number),
                **{name: dataclasses.replace(listing, papers=papers)},
                paper_count=listing.count, page_number=number, page_count=len(pages))

    for number, papers in enumerate(site.pages, start=1):
        add("index.html", page_path("", number), papers=papers, page_number=number,
            page_count=len(site.pages))
    dates = {}  # (each paper's page's address: the sitemap gives its date)
    for place, paper in enumerate(site.papers):
        url = paper.url
        dates[url] = paper.date
        claim(url + "index.html", place)
    add("tags.html", "tags/index.html",
        sizes=tag_sizes({slug: tag.count for slug, tag in site.tags.items()}))
    for tag in site.tags.values():
        add_list_pages("tag.html", "tag", tag)
        add("feed.xml", tag.url + "feed.xml", items=site.feed_items(tag.papers),
            feed_title=tag.name, home_url=tag.url)
    add("archive.html", "archive/index.html", chart=month_chart(site.months))
    for month in site.months:
        add_list_pages("month.html", "month", month)
    add("feed.xml", "feed.xml", items=site.feed_items(site.papers), feed_title=None,
        home_url="")
    html_pages = sorted(path.removesuffix("index.html") for path in jobs
                        if path.endswith("index.html"))  # (the search page comes later)
    entries = [(url, dates.get(url)) for url in html_pages]
    parts = [entries[start: start + SITEMAP_URLS]
             for start in range(0, len(entries), SITEMAP_URLS)] or [[]]
    if len(parts) == 1:
        add("sitemap.xml", "sitemap.xml", html_pages=parts[0], sitemaps=())
    else:  # (an index of the parts, which robots.txt names as it names a sitemap)
        names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
        add("sitemap.xml", "sitemap.xml", html_pages=(), sitemaps=names)
        for name, part in zip(names, parts, strict=True):
            add("sitemap.xml", name, html_pages=part, sitemaps=())
    for path, job in site_wide_jobs(site).items():
        add(job.template, path, **job.context)
    add("robots.txt", "robots.txt")
    add("404.html", "404.html")
    return Plan(site, jobs)


SEARCH_PAGE = "search/index.html"
SITE_WIDE_PAGES = (SEARCH_PAGE,)
"""Pages whose context follows more of the site than its layout and the papers they show:
the search page lists a bundle for each shard of each language, and a translation added
or taken back can add or drop one (the first translation of a site, or the 2,001st).
Every build plans them (`site_wide_jobs`) and describes them again (see
`bitext.fingerprint.fingerprints`)."""


def site_wide_jobs(site: Site) -> dict[str, PageJob]:
    """The jobs of `SITE_WIDE_PAGES` that the site has."""
    if not site.config.search:
        return {}
    folders = bundle_folders(site)
    return {SEARCH_PAGE: PageJob(SEARCH_PAGE, "search.html", {
        "bundles": [f"{folder}/" for folder, _ in folders],
        "bundle_languages": [language.code for _, language in folders],
        "bundle_scripts": [query_scripts(language, site.config.languages[0])
                           for _, language in folders]})}


def patch_pages(jobs: Plan, site: Site, changed: dict[str, Paper], shown_on: Iterable[str]
                ) -> Plan:
    """`jobs` (planned for the last site) with the `changed` papers (by slug) in place of
    their old versions on the pages `shown_on`, the pages that show them, and the site-wide
    pages planned again: the plan of `site`, which `patch_site` made from the last one."""
    swapped = {path: PageJob(path, jobs[path].template, swap_papers(jobs[path].context, changed))
               for path in shown_on}
    return jobs.patched(site, {**swapped, **site_wide_jobs(site)})


def swap_papers(value, changed: dict[str, Paper]):
    """`value` with each paper of `changed` (by slug) in place of the one it held, walking
    tuples, lists, dicts and dataclasses; what holds none of them is returned as is."""
    kind = type(value)
    if kind is Paper:
        return changed.get(value.slug, value)
    if kind is tuple or kind is list:
        items = [swap_papers(item, changed) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else kind(items)
    if kind is dict:
        items = {key: swap_papers(item, changed) for key, item in value.items()}
        return value if all(items[key] is value[key] for key in value) else items
    if dataclasses.is_dataclass(value):
        fields = {field.name: swap_papers(getattr(value, field.name), changed)
                  for field in dataclasses.fields(value)}
        new = {name: item for name, item in fields.items()
               if item is not getattr(value, name)}
        return dataclasses.replace(value, **new) if new else value
    return value


class Renderer:
    """Renders the pages of one site model; listing entries are rendered once per paper
    and link depth, then reused by every listing that shows the paper."""

    def __init__(self, site: Site, env: jinja2.Environment,
                 entries: dict[tuple[str, str], str] | None = None):
        config = site.config
        self.env = env
        self.reads = Reads()
        """What the page being rendered read through `site` (see `bitext.siteview`)."""
        t, t2 = strings_for(config.primary.code), strings_for(config.secondary.code)
        # The same few labels and dates are on every page: each is formatted once.
        ui = functools.lru_cache(maxsize=None)(
            lambda key, **values: both_languages(t, t2, key, values, config.secondary))
        self.base = {
            "site": SiteView(site, self.reads), "config": config, "t": t, "t2": t2,
            "primary": config.primary, "secondary": config.secondary,
            "absolute": lambda path: config.base_url + path,
            "scholarly_article": lambda paper: scholarly_article(paper, config),
            "bibtex": lambda paper: bibtex(paper, config),
            "ui": ui,
            # A name, an affiliation, BibTeX: its runs of other scripts with their `lang`.
            "in_lang": functools.lru_cache(maxsize=4096)(
                lambda text: lang_runs(text, config.primary, config.secondary)),
            "count_ui": lambda count: ui("count_one") if count == 1 else ui("count", count=count),
            "date_ui": functools.lru_cache(maxsize=None)(
                lambda date: dated(date, config.primary.code, config.secondary)),
            "month_ui": functools.lru_cache(maxsize=None)(
                lambda date: month_dated(date, config.primary.code, config.secondary)),
        }
        env.globals["listing_entries"].renderer = self
        self.base_path = config.base_path
        # By the paper's file digest and slug, with ROOT_MARK for the links' root. The
        # preview passes the same dict to each rebuild while templates and settings stay
        # the same, so an edit re-renders only the entries of the papers it changed.
        self.entries = entries if entries is not None else {}
        # Entries that read more of `site` than the settings, with what they read (level,
        # newest papers): kept for this build only, as they may change with other papers.
        self.entries_of_this_build: dict[tuple[str, str], tuple[str, int, int]] = {}

    def render(self, job: PageJob) -> bytes:
        """The page's bytes; `newest_read` then tells how many of the site's newest papers
        it read through `site`."""
        self.reads.clear()
        # Links are relative to the page (../../tags/x/), except on the 404 page, which is
        # served at any depth and so links from the base path (/repo/tags/x/).
        path = job.path
        root = self.base_path if path == "404.html" else "../" * path.count("/") or "./"
        return render(self.env, job.template, {
            **self.base, "root": root, "page_url": path.removesuffix("index.html"),
            **job.context}).encode("utf-8")

    @property
    def newest_read(self) -> int:
        """How many of the site's newest papers the last page rendered read through `site`
        (`bitext.siteview.EVERY`: any of them; 0: none)."""
        return self.reads.newest

    def listing_entry(self, paper: Paper) -> str:
        """The paper's entry in listings, safe HTML as a plain string with ROOT_MARK where
        its links start: entries are cached, and a str pickles three times faster than a
        Markup."""
        key = (paper.digest, paper.slug)
        html = self.entries.get(key)
        if html is not None:
            return html
        html, level, newest = (self.entries_of_this_build.get(key)
                               or self.render_entry(paper))
        if level == SETTINGS:
            self.entries[key] = html
        else:
            self.entries_of_this_build[key] = html, level, newest
            self.reads.note(level, newest)  # (the page showing it read that too)
        return html

    def render_entry(self, paper: Paper) -> tuple[str, int, int]:
        """The paper's entry, the most it read through `site` and how many of the newest
        papers (the page's reads are left as they were)."""
        page_reads = self.reads.level, self.reads.newest
        self.reads.clear()
        try:
            html = render(self.env, ENTRY_TEMPLATE,
                          {**self.base, "root": ROOT_MARK, "paper": paper}).strip()
            return html, self.reads.level, self.reads.newest
        finally:
            self.reads.level, self.reads.newest = page_reads


def render_site(site: Site, env: jinja2.Environment) -> dict[str, bytes]:
    """Every generated file of the site, rendered in this process."""
    renderer = Renderer(site, env)
    files = {path: renderer.render(job) for path, job in plan_pages(site).items()}
    files.update(fixed_files(site.config))
    return files


def fixed_files(config: Config) -> dict[str, bytes]:
    files = {".nojekyll": b""}  # GitHub Pages: serve the folder as it is, without Jekyll
    if config.domain:
        files["CNAME"] = f"{config.domain}\n".encode()
    return files


def render(env: jinja2.Environment, name: str, context: dict) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise InputError([Problem(f"{TEMPLATES_DIR}/{error.name or name}", error.lineno, None,
                                  f"template syntax: {error.message}")]) from None
    except jinja2.TemplateNotFound as error:
        raise InputError([Problem(f"{TEMPLATES_DIR}/{error.name}", None, None,
                                  "template missing",
                                  hint="restore it from the bitext repository")]) from None
    except jinja2.TemplateError as error:
        where, line = template_frame(sys.exc_info()[2], name)
        raise InputError([Problem(
            f"{TEMPLATES_DIR}/{where}", line, None, f"template error: {error}",
            hint=(UNDEFINED_HINT if isinstance(error, jinja2.UndefinedError) else None))]
        ) from None
    except InputError:  # (from a template rendered inside this one: a listing's entry)
        raise
    except Exception as error:  # raised by what a template ran: `{{ 1 / 0 }}`, `x[99]`
        where, line = template_frame(sys.exc_info()[2], name)
        raise InputError([Problem(f"{TEMPLATES_DIR}/{where}", line, None,
                                  f"template error: {type(error).__name__}: {error}")]
                         ) from None


UNDEFINED_HINT = ("README.md, Templates and styles, lists what each template is given and "
                  "what `site` and a paper hold")


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

