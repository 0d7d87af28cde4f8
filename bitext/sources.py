"""What `import` reads: plain-text digests, the Hugging Face daily-papers JSON, arXiv API
responses and arXiv's e-mail digests, each turned into `Record`s, one per paper, with the
line it starts on.

The JSON is what `https://huggingface.co/api/daily_papers?date=YYYY-MM-DD` returns: a
list of items, each with its `paper` (its fields changed over the years: 2024's items
have no `submittedOnDailyAt`, 2026's have an `organization`). An object of one paper, as
`/api/papers/ID` returns, is read too. The XML is the Atom feed of
`http://export.arxiv.org/api/query?id_list=…` (namespaces `http://www.w3.org/2005/Atom`
and `http://arxiv.org/schemas/atom`), as arXiv's API manual documents it; the e-mail is
described at `read_arxiv_email`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.errors import Problem
from bitext.inline_html import breaks_as
from bitext.schema import is_web_address
from bitext.strings import primary_subtag
from bitext.venues import DOI_HOSTS, host_of, published_venue, venue_of

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET
    from collections.abc import Callable, Sequence

    from bitext.config import Language
    from bitext.digestlines import Link
    from bitext.table import TableItem

ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?")
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
# What arXiv's daily listing feeds (rss.arxiv.org) put before each abstract: "arXiv:2505.
# 09388v1 Announce Type: new \nAbstract: In this work, …".
ANNOUNCEMENT = re.compile(
    r"\s*arXiv:(?P<arxiv>\S+)\s+Announce Type:\s*[\w-]+\s*(?:Abstract:\s*)?")
# The papers of a listing that are revisions of older ones, not the day's.
REPLACEMENTS = ("replace", "replace-cross")
DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
# A blank line, or a line that starts indented: arXiv marks a new paragraph so (all 19
# indented lines of the 561 real abstracts follow a sentence's end, or an address).
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]+\S)")
WRAPPED_AFTER_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
# A backslash escape of Markdown: any ASCII punctuation but the dollar after a backslash.
MARKDOWN_ESCAPE = re.compile(r"\\([!-#%-/:-@\[-`{-~])")
MATH_SPAN = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.S)
# LaTeX's other delimiters of math, `\(…\)` and `\[…\]`, which arXiv renders as `$…$`
# and `$$…$$` ("ratio (\(TPP\))", in one of the 561 sample abstracts): Markdown's
# escapes would show them as brackets.
PARENTHESIZED_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
# Characters of plain text that Markdown would read as markup: backticks (arXiv's
# ``quotes'' would make a code span), asterisks and underscores at a word's edge
# (emphasis). One already escaped is left as it is: arXiv's LaTeX writes 85\% and
# SDXL\_NCP, which Markdown shows as 85% and SDXL_NCP, as LaTeX does. Brackets stay: a
# link needs "](", which no abstract in the samples holds; raw HTML is shown as text.
MARKDOWN_INLINE = re.compile(r"(?<!\\)(?:[`*]|(?<![^\W_])_|_(?![^\W_]))")
# TeX's commands of text style outside math, as arXiv's authors write them in an abstract
# ("\\textbf{Ventor-QTest}", "\\url{https://github.com/…}": 3 of the 561 sample abstracts),
# with no brace in their text (one with nested braces stays as it is).
TEX_STYLE = re.compile(r"\\(?P<command>textbf|textit|emph|texttt|url)\{(?P<text>[^{}]*)\}"
                       r"|\\href\{(?P<address>[^{}\s]*)\}\{(?P<label>[^{}]*)\}")
# TeX's quotes, as arXiv's abstracts keep them (``slightly better'', `zero'): backticks
# that Markdown would read as a code span up to the next quote's. Their text holds no
# backtick and ends with the closing quote, where a code span's ends with a backtick.
TEX_QUOTE = re.compile(r"(?<![`\\])(``|`)(?=[^`\s])([^`\n]*?''|[^`'\n]*?'(?![A-Za-z]))")
# Where Markdown's text is no text of TeX's: math, and code spans.
MATH_OR_CODE = re.compile(MATH_SPAN.pattern + r"|(`+).*?\1", re.S)
MARKDOWN_OF_TEX = {"textbf": "**{}**", "textit": "*{}*", "emph": "*{}*", "texttt": "`{}`",
                   "url": "{}"}
# What would start a heading, a quote or a list at the start of a paragraph.
MARKDOWN_BLOCK_START = re.compile(r"^(?:([#>+-])|(\d+)([.)]))(?=\s|$)")
GITHUB_URL = re.compile(r"https?://github\.com/[\w.-]+/[\w.-]+[\w-]")


@dataclass(frozen=True)
class Record:
    """One paper as a source gives it; None where the source says nothing."""

    source: str
    """The file as named on the command line, for messages."""
    line: int
    """Where the paper starts in it."""
    titles: tuple[str | None, str | None]
    """Primary and secondary title (None: the translation is still to come; the primary
    None: a translation alone, see `bitext.digest.is_translation_only`)."""
    abstracts: tuple[str | None, str | None]
    """Primary and secondary abstract, as Markdown (the primary None: a translation
    alone)."""
    affiliation: str | None = None
    authors: tuple[str, ...] = ()
    arxiv: str | None = None
    date: dt.date | None = None
    """The date the source lists the paper on."""
    links: dict[str, str] = field(default_factory=dict)
    extra_terms: tuple[str, ...] = ()
    """More text for the tag rules to match (arXiv's categories, a digest's keywords)."""
    tags: tuple[str, ...] = ()
    """Tags the source gives by name, as written (a digest's line of tags)."""
    note: tuple[str | None, str | None] = (None, None)
    """The editor's note in each language, as Markdown (a digest's notes)."""
    left_out: tuple[int, ...] = ()
    """Lines of the source with the paper's text that no field keeps (a digest's lines of
    the authors' comments)."""
    left_out_columns: tuple[str, ...] = ()
    """The columns of a table that no field keeps (a BibTeX file's fields)."""
    columns_are: str = "columns"
    """What the input calls them: "columns", "BibTeX fields"."""
    left_out_outside: tuple[int, ...] = ()
    """Lines of the source that are no paper's (a digest's opening and closing words)."""
    provenance: tuple[tuple[str, str], ...] = ()
    """(field, value): who or what translated the paper and who reviewed it, as the source
    says (translator, translation_model, reviewed_by)."""
    lines: dict[str, int] = field(default_factory=dict)
    """Line of each part (title, abstract …) where the source has one line per part."""
    translation_where: str | None = None
    """input:line of the translation alone that another input gives of the paper, which
    the record holds (see `bitext.importer.with_translations_merged`)."""
    translation_outside: tuple[int, ...] = ()
    """The lines of that input that are no paper's (as `left_out_outside`)."""
    page: str | None = None
    """The page that its input, a file of this paper alone, is one language's version of
    (see `bitext.table.SitePage`): the page of a translation alone that another input
    gives is its translation's."""
    slug: str | None = None
    """The URL name of that page on the site it comes from, which its paper keeps."""
    venue: str | None = None
    """Where the paper was published (arXiv's journal reference, an OpenReview venue)."""
    year: int | None = None
    """The year it was published, where the source gives it apart from the date it lists
    the paper on (a table's, BibTeX's)."""
    revised: bool = False
    """arXiv's daily listing announces the record as the revised version of an older paper
    (a replacement): it updates the paper that content/ has (`import --update`), and is
    left out where content/ has none."""
    left_out_replaced: tuple[str, ...] = ()
    """The arXiv ids of the revised versions of older papers that the record's input lists
    and the import leaves out (see `revised`)."""

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


# The addresses of the two sources' answers, for the hints that name a command.
DAILY_PAPERS_URL = "https://huggingface.co/api/daily_papers"
ARXIV_QUERY_URL = "http://export.arxiv.org/api/query"


# The start of an XML document (arXiv's Atom) or of a web page (a download that ended at an
# error page: `read_arxiv_feed` says so). A Markdown digest may open with HTML of its own
# ("<div id=toc></div>", as daily-arXiv-ai-enhanced writes, or a centred logo).
MARKUP_DOCUMENT = re.compile(r"<(?:\?xml|!doctype|(?:[\w-]+:)?feed[\s>]|rss[\s>]|html[\s>])",
                             re.IGNORECASE)


# Characters that show nothing and mean nothing in a paper's text: the zero-width space
# and the word joiner, which a WeChat article or a web page copied puts around its words
# (a line of one alone would read as text, a title would hold it), and a byte-order mark
# inside a text (files joined). (Zero-width joiners and non-joiners are left: emoji and
# some scripts' words need them.)
INVISIBLE_SPACES = re.compile("[\u200b\u2060\ufeff]")


def detect_format(text: str, name: str, languages: tuple[Language, Language]) -> str:
    """hf, arxiv, org, bibtex, ris, medline, wos, csl, table or digest: from the first
    characters that are not white space, a JSON object or array of objects (CSL JSON's
    records, see `bitext.csl.is_csl_json`; else the daily papers, unless its first object's
    keys name a title and an abstract as a table's columns: JSON or JSON Lines records), or
    XML or a web page (see `MARKUP_DOCUMENT`; a digest whose first title starts with its
    arXiv id, "[2505.09388] Qwen3 …", is no JSON); arXiv's e-mail by its lines of a
    paper's start (see `is_arxiv_email`), a copy of arXiv's abstract page by its lines of
    a submission and a citation (see `bitext.arxivpage`); an Org file by its name (.org),
    its first line, a keyword, or a drawer of properties (see `bitext.orgmode.is_org`);
    BibTeX by its name (.bib) or its first entry (see `bitext.bibtex.is_bibtex`); RIS by
    its name (.ris) or its first record's TY line; MEDLINE (PubMed's) by its name (.nbib)
    or its first record's PMID line; Web of Science's by its name (.ciw) or its first
    lines (FN, VR, PT); else a table by its name (.csv, .tsv), its header row (see
    `bitext.table.looks_like_table`) or a paper's front matter (see
    `bitext.table.is_front_matter_paper`); else a digest."""
    from bitext.arxivpage import is_arxiv_page
    from bitext.bibtex import is_bibtex
    from bitext.medline import is_medline
    from bitext.orgmode import is_org
    from bitext.ris import is_ris
    from bitext.table import is_front_matter_paper, json_records, looks_like_table
    from bitext.wos import is_wos

    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("{") or start.startswith("[") and start[1:].lstrip()[:1] in ("{", "]"):
        from bitext.csl import is_csl_json

        return ("csl" if is_csl_json(start) else "table" if json_records(start, languages)
                else "hf")
    if MARKUP_DOCUMENT.match(start) or is_arxiv_email(text) or is_arxiv_page(text):
        return "arxiv"

    if is_org(text, name):
        return "org"
    if name.lower().endswith(".bib") or is_bibtex(text):
        return "bibtex"
    if name.lower().endswith(".ris") or is_ris(text):
        return "ris"
    if name.lower().endswith(".nbib") or is_medline(text):
        return "medline"
    if name.lower().endswith(".ciw") or is_wos(text):
        return "wos"
    if (name.lower().endswith((".csv", ".tsv")) or looks_like_table(text, languages)
            or is_front_matter_paper(text, languages)):
        return "table"
    return "digest"


def read_records(text: str, name: str, format_name: str | None,
                 languages: tuple[Language, Language], rows: Sequence[TableItem] | None = None
                 ) -> tuple[list[Record], list[Problem]]:
    """The papers of one input, in the format given or detected; of a workbook's sheet,
    whose `rows` are read already, as a table's."""
    text = INVISIBLE_SPACES.sub("", text)
    if rows is not None:
        format_name = "table"
    elif not text.strip("\ufeff \t\r\n"):
        # (`curl -s … | bitext import -` whose download failed gives nothing: "0 created"
        # then read as a day without papers)
        return [], [Problem(name, None, None, "empty",
                            expected="papers: a digest, a table, the daily papers' JSON or "
                                     "arXiv's answer", found="nothing",
                            hint="did a download fail? `curl -f` makes a failed one an "
                                 "error")]
    format_name = format_name or detect_format(text, name, languages)
    if format_name in SOURCES_IN_ENGLISH and not is_english(languages[0]):
        return [], [not_english_problem(name, format_name, languages[0])]
    if format_name == "hf":
        return read_daily_papers(text, name)
    if format_name == "arxiv":
        from bitext.arxivpage import is_arxiv_page, read_arxiv_page
        from bitext.scripts import script_of_language

        if text.lstrip("\ufeff \t\r\n").startswith("<"):
            return read_arxiv_feed(text, name)
        if is_arxiv_page(text) and not is_arxiv_email(text):
            return read_arxiv_page(text, name, script_of_language(languages[1].code))
        return read_arxiv_email(text, name)
    passed_over: frozenset[int] = frozenset()
    if format_name == "org":
        from bitext.orgmode import markdown_of_org
        from bitext.table import looks_like_table

        text, passed_over = markdown_of_org(text)
        if looks_like_table(text, languages):
            format_name = "table"  # (an outline that holds a table of papers: its rows)
    # (imported here: their tables take 9 ms to build, which every import would pay)
    if format_name in ("table", "bibtex", "ris", "medline", "wos", "csl"):
        from bitext.table import read_table

        entries, problems, columns_left_out = read_table(text, name, languages, format_name,
                                                         rows)
        outside = ()
    else:
        from bitext.digest import read_digest

        entries, problems, outside = read_digest(text, name, languages, passed_over)
        columns_left_out = ()
    from bitext.digestlines import without_affiliation_marks  # (loaded by both readers)

    records = []
    for entry in entries:
        arxiv, links, link_problems = digest_links(entry.links, name)
        problems += link_problems
        # (a title is one line: "… Boundaries in   Large Language Models", copied from a
        # page that wrapped it, is one space)
        titles = tuple(title if title is None else normalise_title(title)
                       for title in entry.title)
        titles = (titles[0], made_translation(titles[1]))
        abstracts = tuple(text if text is None else with_tex_styles(text)
                          for text in (entry.abstract[0], made_translation(entry.abstract[1])))
        if format_name in MARKDOWN_FORMATS:  # (their HTML's line breaks, see inline_html)
            titles, abstracts = (plain_titles(titles), tuple(
                text if text is None else breaks_as(text, "\n\n") for text in abstracts))
        # (an abstract copied from arXiv's listing with its announcement, "arXiv:2606.17399v1
        # Announce Type: new Abstract: …": the announcement names the paper)
        announced = ANNOUNCEMENT.match(abstracts[0] or "")
        if announced:
            named = ARXIV_ID.fullmatch(announced["arxiv"])
            arxiv = arxiv or (named[1] if named else None)
            abstracts = (abstracts[0][announced.end():], abstracts[1])
        affiliation = entry.affiliation and without_affiliation_marks(entry.affiliation)
        records.append(Record(name, entry.line, titles, abstracts, affiliation,
                              authors=entry.authors, arxiv=arxiv, date=entry.date, links=links,
                              extra_terms=entry.keywords, tags=entry.tags,
                              note=entry.note, left_out=entry.left_out,
                              left_out_columns=columns_left_out,
                              columns_are=COLUMNS_ARE.get(format_name, "columns"),
                              left_out_outside=outside,
                              provenance=entry.provenance, venue=entry.venue,
                              year=entry.year,
                              lines=dict(entry.lines or {})))
    if len(records) == 1 and rows is None and format_name in MARKDOWN_FORMATS:
        from bitext.table import site_page

        page = site_page(text, name, languages)
        records[0] = dataclasses.replace(records[0], page=page.page, slug=page.slug)
    return records, problems


def plain_titles(titles: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """Titles of a digest or a table, as their HTML's line breaks and entities say: a
    title is text, not Markdown ("Q&A", not "Q&amp;A", "V*Bench", not "V\\*Bench"); and
    without the title marks around the whole of it, as Chinese marks a work's title
    ("《Qwen3 技术报告》")."""
    def plain(title: str) -> str:
        title = " ".join(html.unescape(breaks_as(title, " ")).split())
        marked = TITLE_MARKS.fullmatch(title)
        return without_escapes(marked[1] if marked else title)

    return tuple(title if title is None else plain(title) for title in titles)


def without_escapes(text: str) -> str:
    """Text written as Markdown with Markdown's backslash escapes of punctuation as the
    characters they stand for ("V\\*Bench", "GPT\\-4o", as Markdown editors and Google
    Docs' export write them), outside math (where "\\_" and "\\{" are TeX's); an escaped
    dollar stays, which would start math."""
    pieces, at = [], 0
    for match in MATH_SPAN.finditer(text):
        pieces += [MARKDOWN_ESCAPE.sub(r"\1", text[at:match.start()]), match.group()]
        at = match.end()
    return "".join([*pieces, MARKDOWN_ESCAPE.sub(r"\1", text[at:])])


def made_translation(text: str | None) -> str | None:
    """The translation, or None where the text says that it failed (see
    `bitext.checks.FAILED_TRANSLATION`): the paper awaits it."""
    from bitext.checks import FAILED_TRANSLATION

    return None if text is not None and FAILED_TRANSLATION.match(text) else text


# -- a digest's links ------------------------------------------------------------------

# Addresses of a paper's arXiv id: arXiv's abstract, PDF and HTML pages, and the Hugging
# Face paper page; the id of today's form, or of before 2007 ("hep-th/9901001").
# The address of arXiv's own DOI of a paper (10.48550/arXiv.2505.09388), which names its id.
ARXIV_DOI = re.compile(r"https?://(?:dx\.)?doi\.org/10\.48550/arxiv\.(\d{4}\.\d{4,5})(?:v\d+)?",
                       re.IGNORECASE)
ARXIV_ADDRESS = re.compile(r"https?://(?:www\.)?(?:arxiv\.org/(?:abs|pdf|html)|"
                           r"(?:huggingface|hf)\.co/papers)/"
                           r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
                           r"(?:\.pdf)?/?", re.IGNORECASE)
# The kind of a link, from words of its label ("Project: " before an arXiv address: the
# daily papers give such project pages), else from its address.
# (The paper's own page first: "Paper page" is no project page.)
LABEL_WORDS = {"page": ("paper page", "论文页面", "openreview", "pubmed", "anthology"),
               "code": ("code", "github", "代码", "源码"), "data": ("data", "数据"),
               "project": ("project", "page", "website", "demo", "主页", "项目"),
               "doi": ("doi",)}
KIND_OF_HOST = {"github.com": "code", "gitlab.com": "code",
                **dict.fromkeys(DOI_HOSTS, "doi")}


def digest_links(links: tuple[Link, ...], name: str
                 ) -> tuple[str | None, dict[str, str], list[Problem]]:
    """The arXiv id and the links (page, pdf, code, project, data, doi) of an entry's lines of
    links, and a problem for each one that has no place (a second arXiv id, a second
    link of a kind)."""
    arxiv, found, problems = None, {}, []
    for link in links:
        kind, value = link_kind(link)
        taken = arxiv if kind == "arxiv" else found.get(kind)
        if taken is not None and taken != value:
            shown = "arXiv" if kind == "arxiv" else kind
            problems.append(Problem(name, link.line, None, f"a second {shown} link for one paper",
                                    expected=f"one, as the paper file keeps ({taken})",
                                    found=value, hint="keep one link of each kind: page, "
                                                      "pdf, code, project, data, doi, arXiv"))
        elif kind == "arxiv":
            arxiv = value
        else:
            found[kind] = value
    if arxiv is None and (doi := ARXIV_DOI.fullmatch(found.get("doi", ""))):
        arxiv = doi[1]  # (arXiv's own DOI, "DOI: 10.48550/arXiv.2505.09388", names its id)
    if arxiv:
        found = {"pdf": f"https://arxiv.org/pdf/{arxiv}", **found}  # as the daily papers
    return arxiv, found, problems


def link_kind(link: Link) -> tuple[str, str]:
    """("arxiv", id) or (kind, address) of one link of a digest."""
    if link.arxiv:
        return "arxiv", ARXIV_ID.fullmatch(link.arxiv)[1]
    label = link.label.lower()
    address = ARXIV_ADDRESS.fullmatch(link.url)
    for kind, words in LABEL_WORDS.items():
        if any(word in label for word in words):
            if kind == "page" and address:  # (arXiv's abstract is the paper's page there)
                break
            return kind, link.url
    if address:
        return "arxiv", address[1]
    host = host_of(link.url)
    if host in KIND_OF_HOST:
        return KIND_OF_HOST[host], link.url
    if venue_of(link.url):  # (a publisher's PDF: OpenReview's /pdf?id=…, ACM's /doi/pdf/…)
        return "pdf" if is_pdf_address(link.url) else "page", link.url
    if host in ("huggingface.co", "hf.co") and "/datasets/" in link.url:
        return "data", link.url
    if "pdf" in label or link.url.lower().endswith(".pdf"):
        return "pdf", link.url
    return "project", link.url


def is_pdf_address(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(".pdf") or "pdf" in path.split("/")[3:]


# What a table's columns are in the formats whose records are read as a table's rows.
COLUMNS_ARE = {"bibtex": "BibTeX fields", "ris": "RIS tags", "medline": "MEDLINE tags",
               "wos": "Web of Science tags", "csl": "CSL JSON keys"}
# A title between title marks, none inside.
TITLE_MARKS = re.compile(r"《([^《》]+)》")
# The formats whose texts are Markdown, which may hold inline HTML (see
# `bitext.inline_html`); BibTeX's and RIS's are plain text.
MARKDOWN_FORMATS = ("digest", "table", "org")
# The sources whose titles and abstracts are in English, by format.
SOURCES_IN_ENGLISH = {"hf": "the Hugging Face daily papers", "arxiv": "arXiv",
                      "medline": "PubMed", "wos": "Web of Science"}


def is_english(language: Language) -> bool:
    return primary_subtag(language.code) == "en"


def not_english_problem(name: str, format_name: str, primary: Language) -> Problem:
    """An English source cannot fill the primary language's texts, which translations are
    made from, when that language is another (a site with zh-Hans first, say)."""
    return Problem(name, None, None,
                   f"{SOURCES_IN_ENGLISH[format_name]} give titles and abstracts in English, "
                   "which is not the site's primary language",
                   expected="en first under languages: in site.yaml",
                   found=f"{primary.code} first",
                   hint="the primary language is the one papers are translated from: put en "
                        "first, or import a plain-text digest, which gives both languages")


# -- plain text as Markdown ------------------------------------------------------------


def normalise_title(title: str) -> str:
    """One line: arXiv hard-wraps long titles ("… Models with\\n  Scale …")."""
    return " ".join(title.split())


def normalise_abstract(text: str) -> str:
    """Lines of a paragraph joined (arXiv hard-wraps at 80 columns, also after a word's
    own hyphen: "end-of-\\nthinking" is "end-of-thinking"), paragraphs kept (after a
    blank line or at an indented line), and made Markdown that shows the text as it is
    (see `plain_markdown`)."""
    text = WRAPPED_AFTER_HYPHEN.sub("-", text.strip())
    paragraphs = [" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text)]
    return "\n\n".join(plain_markdown(part) for part in paragraphs if part)


def plain_markdown(paragraph: str) -> str:
    """A paragraph of plain text (with LaTeX math) as Markdown that renders to the same
    text: markup characters outside `$…$` are escaped, math is left for the math plugin
    (`\\(…\\)` written as `$…$`: see `dollar_math`), and TeX's commands of style are the
    Markdown they stand for (see `TEX_STYLE`)."""
    paragraph = dollar_math(paragraph)
    pieces, at = [], 0
    for match in MATH_SPAN.finditer(paragraph):
        pieces.append(text_markdown(paragraph[at:match.start()]))
        pieces.append(match.group())
        at = match.end()
    pieces.append(text_markdown(paragraph[at:]))
    return MARKDOWN_BLOCK_START.sub(escape_block_start, "".join(pieces))


def dollar_math(text: str) -> str:
    """`text` with its math between `\\(…\\)` and `\\[…\\]` written as `$…$` and `$$…$$`."""
    if "\\(" not in text and "\\[" not in text:
        return text
    return PARENTHESIZED_MATH.sub(
        lambda math: f"${math[1]}$" if math[1] is not None else f"$${math[2]}$$", text)


def abstract_markdown(text: str) -> str:
    """An abstract's plain text as Markdown that shows it (see `plain_markdown`): a
    paragraph a line, as Zotero and EndNote write an abstract's paragraphs (in their RIS,
    CSV and CSL JSON), as MEDLINE and Web of Science do."""
    return "\n\n".join(plain_markdown(" ".join(line.split()))
                        for line in text.splitlines() if line.strip())


def text_markdown(text: str, escape: Callable[[str], str] | None = None) -> str:
    """Text outside math with its markup characters escaped (by `escape`, that of plain
    text unless said) and its TeX commands of style made Markdown: "\\textbf{Code}:
    \\url{https://…}" is "**Code**: https://…"."""
    escape = escape or escaped_markup
    pieces, at = [], 0
    for match in TEX_STYLE.finditer(text):
        pieces += [escape(text[at:match.start()]), tex_style_markdown(match, escape)]
        at = match.end()
    pieces.append(escape(text[at:]))
    return "".join(pieces)


def with_tex_styles(markdown: str) -> str:
    """An abstract written in Markdown (a digest's, a table's) with the LaTeX math and TeX
    commands of style that its text copied from arXiv made Markdown, outside math and code
    spans, and TeX's opening quotes as the characters they are (see `TEX_QUOTE`)."""
    if "`" in markdown:
        markdown = TEX_QUOTE.sub(lambda quote: "\\`" * len(quote[1]) + quote[2], markdown)
    if "\\" not in markdown:
        return markdown
    pieces, at = [], 0
    for match in MATH_OR_CODE.finditer(markdown):
        pieces += [tex_text_markdown(markdown[at:match.start()]), match.group()]
        at = match.end()
    pieces.append(tex_text_markdown(markdown[at:]))
    return "".join(pieces)


def tex_text_markdown(text: str) -> str:
    """Markdown's text outside math and code spans with LaTeX's math in it as Markdown's
    (see `dollar_math`) and its TeX commands of style made Markdown."""
    pieces, at = [], 0
    # (`str`: the text is Markdown already, with nothing to escape)
    for math in PARENTHESIZED_MATH.finditer(text):
        pieces += [text_markdown(text[at:math.start()], str), dollar_math(math.group())]
        at = math.end()
    pieces.append(text_markdown(text[at:], str))
    return "".join(pieces)


def escaped_markup(text: str) -> str:
    return MARKDOWN_INLINE.sub(r"\\\g<0>", text)


def tex_style_markdown(match: re.Match, escape: Callable[[str], str]) -> str:
    """One TeX command of style as Markdown; its text alone where Markdown would not show
    it so (a link to no web address, a code span that holds a backtick, an empty text)."""
    if match["address"] is not None:
        label = escape(match["label"].strip()).replace("[", "\\[").replace("]", "\\]")
        return (f"[{label}]({match['address']})" if label and is_web_address(match["address"])
                else label or escape(match["address"]))
    command, text = match["command"], match["text"].strip()
    if not text or command == "texttt" and "`" in text:
        return escape(text)
    return MARKDOWN_OF_TEX[command].format(text if command == "texttt" else escape(text))


def escape_block_start(match: re.Match) -> str:
    """'# x' → '\\# x', '1. x' → '1\\. x'."""
    mark, number, delimiter = match.groups()
    return f"\\{mark}" if mark else f"{number}\\{delimiter}"


def date_in_name(name: str, *, day_only: bool = False) -> dt.date | None:
    """hf-papers-2025-05.txt → 2025-05-01 (None if `day_only`); 2025-06-02.json →
    2025-06-02."""
    match = DATE_IN_NAME.search(Path(name).name)
    if not match or (day_only and not match[3]):
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return None


def timestamp_date(value: object) -> dt.date | None:
    """The date of an ISO timestamp such as 2025-06-02T03:18:21.654Z."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def sorted_out(results: list[tuple[Record | None, Problem | None]]
               ) -> tuple[list[Record], list[Problem]]:
    """The records and the problems of (record or None, problem or None) pairs."""
    return ([record for record, _ in results if record],
            [problem for _, problem in results if problem])


# -- Hugging Face daily papers ---------------------------------------------------------


def read_daily_papers(text: str, name: str) -> tuple[list[Record], list[Problem]]:
    try:
        items = json_items(text)
    except json.JSONDecodeError as error:
        return [], [Problem(name, error.lineno, None, "not valid JSON",
                            expected="the JSON of the Hugging Face daily papers",
                            found=f"{error.msg} at column {error.colno}",
                            hint="import the API's address itself, which bitext downloads "
                                 f"(python build.py import '{DAILY_PAPERS_URL}?date=YYYY-MM-DD'"
                                 "), or save its answer as it came")]
    if isinstance(items, str):
        answer = json.loads(text.lstrip("\ufeff"))
        if isinstance(answer, dict) and answer.get("notes") == []:
            return [], [openreview_without_notes(name)]
        return [], [Problem(name, 1, None, "not a list of daily papers",
                            expected="a JSON list of items with a 'paper', or one paper",
                            found=items,
                            hint=f"give the papers that {DAILY_PAPERS_URL}?date=YYYY-MM-DD answers "
                                 "(an error answers a wrong address)")]
    return sorted_out([daily_paper(item, name, line) for line, item in items])


# Where API 1 of OpenReview answers, which holds the venues before 2023.
OPENREVIEW_API1 = "https://api.openreview.net/notes?forum={}"
OPENREVIEW_FORUM = re.compile(r"[?&](?:forum|id)=(?P<id>[\w-]+)")


def openreview_without_notes(name: str) -> Problem:
    """The problem of an OpenReview answer without a note (`{"notes": [], "count": 0}`):
    API 2, which a forum's page is read from (see `bitext.web.PAGE_ANSWERS`), holds no
    note of a venue before 2023, which API 1 holds."""
    forum = OPENREVIEW_FORUM.search(name)
    where = OPENREVIEW_API1.format(forum["id"] if forum else "ID")
    return Problem(name, 1, None, "no paper in OpenReview's answer",
                   expected="the notes of a forum, or of a venue's submissions",
                   found="no note", hint="is the forum of a venue before 2023? API 1 holds "
                                         f"those: python build.py import '{where}'")


def json_items(text: str) -> list[tuple[int, object]] | str:
    """Each item of a top-level JSON list with the line it starts on (json gives no
    positions: the list is decoded one item at a time), or the one paper of an object, or
    the items of the one list of objects that an object holds (`{"date": "2025-06-05",
    "papers": […]}`, as scripts write them), each with the object's other values that it
    has not (its date); for other JSON, what it is. JSONDecodeError when it is not JSON."""
    text = text.lstrip("\ufeff")
    whole = json.loads(text)  # the errors of the whole text, with their lines
    if isinstance(whole, dict):
        if "paper" in whole or "title" in whole:
            return [(1 + text[:len(text) - len(text.lstrip())].count("\n"), whole)]
        if isinstance(whole.get("error"), str):  # (the API's answer to a wrong address)
            return f"the API's error {whole['error'][:80]!r}"
        lists = [key for key, value in whole.items() if value and isinstance(value, list)
                 and all(isinstance(item, dict) for item in value)]
        if len(lists) != 1:
            return "an object with " + ", ".join(list(whole)[:5]) if whole else "an empty object"
        # (not the object's own "summary" of the day, which is no paper's abstract)
        shared = {key: value for key, value in whole.items()
                  if isinstance(value, (str, int, float)) and not isinstance(value, bool)
                  and key not in ("title", "summary", "abstract")}
        opening = re.search(re.escape(json.dumps(lists[0], ensure_ascii=False)) + r"\s*:\s*\[",
                            text)
        return [(line, {**shared, **item}) for line, item in list_items(
            text, opening.end() if opening else None, whole[lists[0]])]
    if not isinstance(whole, list):
        return f"a JSON {type(whole).__name__}"
    return list_items(text, text.index("[") + 1, whole)


def list_items(text: str, at: int | None, items: list) -> list[tuple[int, object]]:
    """The items of the JSON list whose first item `text` holds at `at` or after, each with
    the line it starts on (line 1 for each where `at` is None: not found)."""
    if at is None:
        return [(1, item) for item in items]
    found, decoder = [], json.JSONDecoder()
    for _ in items:
        at = skip_separators(text, at)
        item, end = decoder.raw_decode(text, at)
        found.append((text.count("\n", 0, at) + 1, item))
        at = end
    return found


def skip_separators(text: str, at: int) -> int:
    while text[at] in " \t\r\n,":
        at += 1
    return at


def daily_paper(item: object, name: str, line: int) -> tuple[Record | None, Problem | None]:
    """The record of one daily-papers item, or what is wrong with it."""
    def problem(field_name: str, message: str, expected: str, found: str) -> Problem:
        return Problem(name, line, field_name, message, expected=expected, found=found,
                       hint="is this the daily-papers JSON?")

    if not isinstance(item, dict):
        return None, problem("item", "not a paper", "an object", type(item).__name__)
    paper = item.get("paper") if isinstance(item.get("paper"), dict) else item
    prefix = "paper." if paper is not item else ""
    texts = {}
    for key in ("id", "title", "summary"):
        value = paper.get(key)
        if not isinstance(value, str) or not value.strip():
            return None, problem(prefix + key, "missing" if value is None else "not text",
                                 "text", repr(value)[:40])
        texts[key] = value
    arxiv = ARXIV_ID.fullmatch(texts["id"].strip())
    if not arxiv:
        return None, problem(prefix + "id", "not an arXiv id", "an id such as 2505.09388",
                             repr(texts["id"])[:40])
    authors = tuple(normalise_title(author["name"]) for author in paper.get("authors") or []
                    if isinstance(author, dict) and isinstance(author.get("name"), str)
                    and author["name"].strip())
    # (the day the list named; a month's list, `?month=2024-06`, names none: the papers of
    # 2024, without `submittedOnDailyAt`, then take their day from `publishedAt`)
    date = (timestamp_date(paper.get("submittedOnDailyAt"))
            or timestamp_date(item.get("submittedOnDailyAt")) or date_in_name(name, day_only=True)
            or timestamp_date(item.get("publishedAt")) or timestamp_date(paper.get("publishedAt")))
    # (the year it was published on arXiv: the paper's file says it where another day
    # lists it, an old paper on today's page or under --date)
    published = (timestamp_date(paper.get("publishedAt"))
                 or timestamp_date(item.get("publishedAt")))
    links = {"pdf": f"https://arxiv.org/pdf/{arxiv[1]}"}
    for kind, key in (("code", "githubRepo"), ("project", "projectPage")):
        url = paper.get(key)
        if isinstance(url, str) and is_web_address(url.strip()):
            links[kind] = url.strip()
    organization = paper.get("organization") or item.get("organization")
    affiliation = organization.get("fullname") if isinstance(organization, dict) else None
    return Record(name, line, (normalise_title(texts["title"]), None),
                  (normalise_abstract(texts["summary"]), None),
                  affiliation=affiliation.strip() if isinstance(affiliation, str)
                  and affiliation.strip() else None,
                  authors=authors, arxiv=arxiv[1], date=date, links=links,
                  year=published.year if published else None), None


# -- arXiv API -------------------------------------------------------------------------


HTML_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)


# A saved page's own address, as its head gives it (arXiv's and Hugging Face's pages do).
PAGE_ADDRESS = re.compile(
    r"<link\s[^>]*?rel=[\"']canonical[\"'][^>]*?href=[\"'](?P<link>[^\"'<>]+)"
    r"|<meta\s[^>]*?property=[\"']og:url[\"'][^>]*?content=[\"'](?P<meta>[^\"'<>]+)",
    re.IGNORECASE)


def page_address(page: str) -> str | None:
    """The address of a saved web page whose papers import reads from an API (a paper's
    page on arXiv, a day of the daily papers: see `bitext.web.answer_address`), else None."""
    from bitext.web import answer_address

    for found in PAGE_ADDRESS.finditer(page[:200_000]):
        address = html.unescape(found["link"] or found["meta"]).strip()
        if answer_address(address):
            return address
    return None


def read_arxiv_feed(text: str, name: str) -> tuple[list[Record], list[Problem]]:
    import xml.etree.ElementTree as ET  # (only import needs it: not loaded for a build)

    if HTML_PAGE.match(text.lstrip("\ufeff \t\r\n")):
        # (what a download gives that ended at an error page, a rate limit or a login)
        title = re.search(r"<title[^>]*>([^<]*)</title>", text, re.IGNORECASE)
        address = page_address(text)
        return [], [Problem(name, 1, None, "a web page, not papers",
                            expected="papers: a digest, a table, the daily papers' JSON or "
                                     "arXiv's answer",
                            found=(f"an HTML page titled {' '.join(title[1].split())[:60]!r}"
                                   if title and title[1].strip() else "an HTML page"),
                            hint=f"import the page's address, whose papers import reads from "
                                 f"the API that holds them (python build.py import "
                                 f"'{address}')" if address else
                                 "did a download fail? `curl -f` makes a failed one an error; "
                                 "or save the papers of the page as text")]
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        # arXiv's answers declare none; entities are how XML attacks its reader
        return [], [Problem(name, text[:text.upper().find("<!")].count("\n") + 1, None,
                            "XML with a DOCTYPE or ENTITY declaration",
                            expected="an arXiv API answer (an Atom feed)", found="a declaration",
                            hint="bitext reads no XML declarations")]
    try:
        feed = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0]
        return [], [Problem(name, line, None, "not valid XML",
                            expected="the Atom feed of the arXiv API",
                            found=f"{message} at column {column + 1}",
                            hint="import the API's address itself, which bitext downloads "
                                 f"(python build.py import '{ARXIV_QUERY_URL}?id_list=…'), "
                                 "or save its answer as it came")]
    if feed.tag == "rss" or is_arxiv_listing(feed):
        return read_arxiv_listing(feed, text, name)
    if feed.tag != f"{ATOM}feed":
        return [], [Problem(name, 1, None, "not an arXiv API answer",
                            expected="an Atom <feed> (namespace http://www.w3.org/2005/Atom) "
                                     "or arXiv's RSS listing of a category",
                            found=f"<{feed.tag}>")]
    # ElementTree keeps no lines: the n-th <entry> tag of the text is the n-th entry.
    entry_lines = [text.count("\n", 0, match.start()) + 1
                   for match in re.finditer(r"<(?:[\w-]+:)?entry[\s>]", text)]
    return sorted_out([arxiv_entry(entry, name, entry_lines[index] if index < len(entry_lines)
                                   else 1)
                       for index, entry in enumerate(feed.findall(f"{ATOM}entry"))])


def is_arxiv_listing(feed: ET.Element) -> bool:
    """Whether an Atom feed is arXiv's daily listing of a category (rss.arxiv.org/atom/…),
    whose entries say how arXiv announces them, not the API's answer."""
    entry = feed.find(f"{ATOM}entry")
    return entry is not None and (entry.find(f"{ARXIV}announce_type") is not None
                                  or (element_text(entry, f"{ATOM}id") or "").startswith("oai:"))


def read_arxiv_listing(feed: ET.Element, text: str, name: str
                       ) -> tuple[list[Record], list[Problem]]:
    """The papers of arXiv's daily listing of a category, as its RSS
    (rss.arxiv.org/rss/cs.CL) or its Atom (rss.arxiv.org/atom/cs.CL) gives them: each new
    or cross-listed paper with its abstract, awaiting its translation, dated by the day
    arXiv announced it; and the revised versions of older papers (see `Record.revised`)."""
    rss = feed.tag == "rss"
    items = feed.findall("channel/item") if rss else feed.findall(f"{ATOM}entry")
    starts = [text.count("\n", 0, match.start()) + 1
              for match in re.finditer(r"<(?:[\w-]+:)?(?:item|entry)[\s>]", text)]
    results, seen = [], set()
    for index, item in enumerate(items):
        line = starts[index] if index < len(starts) else 1
        announced = (element_text(item, f"{ARXIV}announce_type") or "").lower()
        record, problem = listing_record(item, name, line, rss)
        if record is not None and announced in REPLACEMENTS:
            record = dataclasses.replace(record, revised=True)
        if record is None or record.arxiv not in seen:
            # (a listing of two categories, cs.CL+cs.AI, may list a paper under each)
            results.append((record, problem))
            seen.update([record.arxiv] if record else [])
    return sorted_out(results)


def no_new_paper_in_listing(name: str, revisions: int) -> Problem:
    """A listing of revised versions alone, of papers content/ does not have (as arXiv's
    e-mail of replaced papers alone)."""
    return Problem(name, None, None, "no new paper in arXiv's listing",
                   expected="papers announced as new or cross-listed, or revised versions of "
                            "papers the site has",
                   found=f"{revisions} revised version{'s' * (revisions > 1)} of older papers "
                         "(announced as replacements)",
                   hint="import an older paper by its id from the arXiv API")


def listing_record(item: ET.Element, name: str, line: int, rss: bool
                   ) -> tuple[Record | None, Problem | None]:
    """The record of one paper of arXiv's daily listing (an RSS <item> or an Atom
    <entry>), or what is wrong with it."""
    if rss:
        address = element_text(item, "link") or element_text(item, "guid") or ""
        title, summary = element_text(item, "title"), element_text(item, "description")
        categories = tuple(element.text or "" for element in item.findall("category"))
        date = announcement_date(element_text(item, "pubDate"))
    else:
        alternate = item.find(f"{ATOM}link")
        address = element_text(item, f"{ATOM}id") or (
            alternate.get("href", "") if alternate is not None else "")
        title, summary = element_text(item, f"{ATOM}title"), element_text(item, f"{ATOM}summary")
        categories = tuple(element.get("term", "") for element in item.findall(f"{ATOM}category"))
        date = timestamp_date(element_text(item, f"{ATOM}published"))
    arxiv = arxiv_id_in(address)
    if not arxiv:
        return None, Problem(name, line, "link", "not an arXiv paper",
                             expected="a <link> such as https://arxiv.org/abs/2505.09388",
                             found=repr(address)[:60])
    for tag, value in (("title", title), ("abstract", summary)):
        if value is None:
            return None, Problem(name, line, tag, "missing", expected=f"the paper's {tag}",
                                 found="none")
    authors = arxiv_author_names(element_text(item, f"{DUBLIN_CORE}creator") or "")
    return arxiv_record(name, line, arxiv, title, ANNOUNCEMENT.sub("", summary, count=1),
                        authors, None, None, categories, date), None


def arxiv_id_in(address: str) -> str | None:
    """The arXiv id, without its version, of the address of a paper's abstract or of its
    OAI identifier ("http://arxiv.org/abs/2505.09388v1", "oai:arXiv.org:2505.09388v1")."""
    match = re.search(r"(?:/abs/|oai:arXiv\.org:)(.+)$", address)
    arxiv = ARXIV_ID.fullmatch(match[1]) if match else None
    return arxiv[1] if arxiv else None


def arxiv_author_names(text: str) -> tuple[str, ...]:
    """The names of arXiv's list of authors, without the affiliations it writes in
    brackets after them ("Huu Danh Nguyen (Stanford University)", "A, B (MIT, CSAIL)")."""
    from bitext.digest import author_names

    return author_names(re.sub(r"\s*\([^()]*\)", "", text))


def announcement_date(value: str | None) -> dt.date | None:
    """The day of an RSS date ("Mon, 02 Jun 2025 00:00:00 -0400"), where it was written."""
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date() if value else None
    except (TypeError, ValueError):
        return None


# TeX's special characters where no backslash escapes them, and where they wait, as
# characters of Unicode's private use area, while the rest of the text is read as TeX.
TEX_SPECIAL = re.compile(r"(?<!\\)[&%#^_~]")
KEPT_ASIDE = 0xF0000
KEPT = re.compile(f"[{chr(KEPT_ASIDE)}-{chr(KEPT_ASIDE + 0x7F)}]")


def tex_text(text: str) -> str:
    """arXiv's metadata is TeX: its accents and escapes ("Sol\\`a", "Sa\\v{s}a", "{\\L}ukasz",
    "85\\%") as the letters they stand for, by pylatexenc, outside `$…$` (math, which the
    page renders) and only in text with a backslash (a title's "un^2CLIP", "L_2" or "$60"
    is no TeX to read)."""
    if "\\" not in text:
        return text
    from pylatexenc.latex2text import LatexNodes2Text

    converter = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
    pieces, at = [], 0
    for match in [*MATH_SPAN.finditer(text), None]:
        plain = text[at:match.start() if match else len(text)]
        if "\\" in plain:
            # TeX's special characters unescaped are the characters themselves in arXiv's
            # text ("A & B", "50%")
            plain = read_tex(plain, converter.latex_to_text, TEX_SPECIAL)
        pieces.append(plain)
        if match:
            pieces.append(match.group())
            at = match.end()
    return "".join(pieces)


def read_tex(text: str, to_text: Callable[[str], str], kept_as_written: re.Pattern) -> str:
    """`text` as `to_text` (pylatexenc's) reads it, but for the characters that
    `kept_as_written` finds: kept aside from pylatexenc, which would read them as TeX (an
    alignment, a comment) and drop them."""
    kept = kept_as_written.sub(lambda special: chr(KEPT_ASIDE + ord(special[0])), text)
    return KEPT.sub(lambda mark: chr(ord(mark[0]) - KEPT_ASIDE), to_text(kept))


def element_text(entry: ET.Element, tag: str) -> str | None:
    found = entry.find(tag)
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def arxiv_entry(entry: ET.Element, name: str, line: int) -> tuple[Record | None, Problem | None]:
    """The record of one Atom entry, or what is wrong with it."""
    identifier = element_text(entry, f"{ATOM}id") or ""
    if "/api/errors" in identifier:
        return None, Problem(name, line, None, "the arXiv API answered with an error",
                             found=repr(element_text(entry, f"{ATOM}summary") or identifier),
                             hint="check the ids of the query")
    arxiv = arxiv_id_in(identifier)
    if not arxiv:
        return None, Problem(name, line, "id", "not an arXiv paper",
                             expected="an <id> such as http://arxiv.org/abs/2505.09388v1",
                             found=repr(identifier)[:60])
    title, summary = element_text(entry, f"{ATOM}title"), element_text(entry, f"{ATOM}summary")
    for tag, value in (("title", title), ("summary", summary)):
        if value is None:
            return None, Problem(name, line, tag, "missing", expected=f"a <{tag}> with text",
                                 found="none")
    authors = tuple(normalise_title(author_name)
                    for author in entry.findall(f"{ATOM}author")
                    if (author_name := element_text(author, f"{ATOM}name")))
    categories = tuple(category.get("term", "") for category in entry.findall(f"{ATOM}category"))
    return arxiv_record(name, line, arxiv, title, summary, authors,
                        element_text(entry, f"{ARXIV}comment"), element_text(entry, f"{ARXIV}doi"),
                        categories, timestamp_date(element_text(entry, f"{ATOM}published")),
                        venue=element_text(entry, f"{ARXIV}journal_ref")), None


def arxiv_record(name: str, line: int, arxiv: str, title: str, summary: str,
                 authors: tuple[str, ...], comment: str | None, doi: str | None,
                 categories: tuple[str, ...], date: dt.date | None,
                 venue: str | None = None) -> Record:
    """A paper as arXiv gives it (its API or its e-mail): awaiting its translation, the TeX
    of its title and authors' names as text, its PDF link, a GitHub address in its comment
    as its code, its DOI as a link, its categories for the tag rules, its journal reference
    as where it was published, and the year of its `date` as the year it was published
    (which its file says where --date gives it a day of another year)."""
    links = {"pdf": f"https://arxiv.org/pdf/{arxiv}"}
    title, authors = tex_text(title), tuple(tex_text(author) for author in authors)
    code = GITHUB_URL.search(comment or "")
    if code:
        links["code"] = code.group()
    if doi:
        links["doi"] = f"https://doi.org/{doi.split()[0]}"
    return Record(name, line, (normalise_title(title), None), (normalise_abstract(summary), None),
                  authors=authors, arxiv=arxiv, date=date, links=links,
                  extra_terms=tuple(term for term in categories if term),
                  venue=published_venue(tex_text(venue or "")),
                  year=date.year if date else None)


# -- arXiv's e-mail digests ------------------------------------------------------------

# A paper of arXiv's daily e-mail (its subscription lists) opens with a line of two
# backslashes and the line of its id; its fields follow, then the abstract between two
# such lines, the second with the paper's address:
#
#     \\
#     arXiv:2505.09388 (*cross-listing*)
#     Date: Wed, 14 May 2025 17:59:02 GMT   (5067kb,D)
#
#     Title: Qwen3 Technical Report
#     Authors: An Yang, Anfeng Li, Baosong Yang, Beichen Zhang, Binyuan Hui, Bo Zheng,
#       Bowen Yu
#     Categories: cs.CL
#     Comments: 35 pages, 5 figures
#     \\
#       In this work, we present Qwen3, the latest version of the Qwen model family.
#     Qwen3 comprises a series of large language models …
#     \\ ( https://arxiv.org/abs/2505.09388 ,  5067kb)
#
# A field's long value goes on in lines indented by two spaces; an abstract's paragraph
# starts indented. A replaced paper ("replaced with revised version …") comes without its
# abstract: it is left out, as its first version was in an earlier e-mail.
MAIL_SEPARATOR = "\\\\"
MAIL_ID = re.compile(r"arXiv:(\S+)(?:\s+\(.*\))?")
MAIL_FIELD = re.compile(r"([A-Za-z][A-Za-z-]*):\s*(.*)")
MAIL_PAPER = re.compile(r"^\\\\[ \t]*\r?\n[ \t]*arXiv:\d", re.MULTILINE)


def is_arxiv_email(text: str) -> bool:
    """Whether a text holds papers of arXiv's e-mail digests."""
    return MAIL_PAPER.search(text) is not None  # (every import's text: no copy of it)


def read_arxiv_email(text: str, name: str) -> tuple[list[Record], list[Problem]]:
    """The papers of arXiv's e-mail digest (or a part copied from it): each new or cross-
    listed paper with its abstract, awaiting its translation; replaced papers left out."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    results, replaced, at = [], 0, 0
    while at < len(lines) - 1:
        identifier = MAIL_ID.fullmatch(lines[at + 1].strip())
        if lines[at].strip() != MAIL_SEPARATOR or identifier is None:
            at += 1
            continue
        fields_end = next_separator(lines, at + 2)
        abstract_end = fields_end
        if fields_end < len(lines) and lines[fields_end].strip() == MAIL_SEPARATOR:
            abstract_end = next_separator(lines, fields_end + 1)
            abstract = "\n".join(lines[fields_end + 1:abstract_end])
            results.append(mail_paper(identifier, mail_fields(lines[at + 2:fields_end]),
                                      abstract, name, at + 2))
        else:
            replaced += 1
        at = abstract_end
    if not results:
        return [], [Problem(name, None, None, "no new paper in the arXiv e-mail",
                            expected="papers with their abstracts between '\\\\' lines",
                            found=f"{replaced} replaced paper{'s' * (replaced > 1)}, which "
                                  "come without an abstract" if replaced else "no paper",
                            hint="import an e-mail's new submissions, or the papers' ids "
                                 "from the arXiv API")]
    return sorted_out(results)


def next_separator(lines: list[str], start: int) -> int:
    """The index of the first line from `start` that opens with two backslashes (the
    end of a paper's fields or abstract), or the end."""
    return next((index for index in range(start, len(lines))
                 if lines[index].startswith(MAIL_SEPARATOR)), len(lines))


def mail_fields(lines: list[str]) -> dict[str, str]:
    """A paper's fields in an arXiv e-mail, by their names in lowercase ("title",
    "authors", "categories" …), each value's lines joined."""
    fields: dict[str, str] = {}
    last = None
    for line in lines:
        field_line = MAIL_FIELD.fullmatch(line) if not line[:1].isspace() else None
        if field_line:
            last = field_line[1].lower()
            fields[last] = field_line[2].strip()
        elif last and line.strip():
            fields[last] = f"{fields[last]} {line.strip()}"
    return fields


def mail_paper(identifier: re.Match, fields: dict[str, str], abstract: str, name: str,
               line: int) -> tuple[Record | None, Problem | None]:
    """The record of one paper of an arXiv e-mail, or what is wrong with it."""
    arxiv = ARXIV_ID.fullmatch(identifier[1])
    if arxiv is None:
        return None, Problem(name, line, None, "not an arXiv id",
                             expected="arXiv:2505.09388", found=repr(identifier.group()[:60]))
    for label, value in (("Title", fields.get("title")), ("abstract", abstract.strip())):
        if not value:
            return None, Problem(name, line, label, "missing",
                                 expected=f"the paper's {label.lower()}", found="nothing")
    return arxiv_record(name, line, arxiv[1], fields["title"], abstract,
                        arxiv_author_names(fields.get("authors", "")), fields.get("comments"),
                        fields.get("doi"), tuple(fields.get("categories", "").split()),
                        mail_date(fields.get("date", "")), venue=fields.get("journal-ref")), None


def mail_date(value: str) -> dt.date | None:
    """The day of a Date field ("Wed, 14 May 2025 17:59:02 GMT   (5067kb,D)")."""
    import email.utils

    try:
        return email.utils.parsedate_to_datetime(value.split("(")[0].strip()).date()
    except (TypeError, ValueError, IndexError):
        return None
