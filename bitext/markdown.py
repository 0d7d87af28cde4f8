"""The one Markdown renderer: CommonMark with tables and strikethrough, no raw HTML,
web addresses as links, and `$…$` / `$$…$$` math as MathML (bitext.math).

`js-default` is markdown-it's safe preset: raw HTML in the source is shown as text, and
links whose scheme is javascript:, vbscript:, file: or data: (other than images) are not
turned into links. The typographer stays off: its quote replacement is quadratic on
crafted input, and it would rewrite the editor's quotes.
"""

from __future__ import annotations

import functools
import itertools
import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields
from html import escape

from markupsafe import Markup

from bitext.math import MathError, to_mathml


@dataclass(frozen=True)
class Rendered:
    # (Not the Markdown source: the file holds it, and keeping it would add a third to
    # every cached paper and to the memory of a build.)
    text: str
    """Plain text (for descriptions, feeds' summaries and search), paragraphs joined by a space."""
    paragraphs: int
    block_html: tuple[str, ...]
    """The safe HTML of each top-level block, as plain strings: they are cached and sent
    between processes, and a str pickles five times faster than a Markup."""

    @property
    def blocks(self) -> tuple[Markup, ...]:
        """The HTML of each top-level block (paragraph, list, table …), in order: what the
        reading modes align and interleave."""
        return tuple(Markup(html) for html in self.block_html)

    @property
    def html(self) -> Markup:
        """Safe HTML of the whole text (joined when asked: a site of 10,000 papers keeps
        one copy of its abstracts' HTML, not two)."""
        return Markup("".join(self.block_html))


RENDERED_FIELDS = tuple(field.name for field in fields(Rendered))


class StoredRendered(Rendered):
    """A Rendered whose text the cache keeps apart (`bitext.cache.Bodies`), read when first
    asked for: a build reads every cached paper for its model, but the abstracts of only
    the papers whose pages, feeds or search records it makes (at 10,000 papers the
    abstracts are 45 of the cache's 51 MB). Made by `stored`, without its fields."""

    def __getattr__(self, name: str):
        # (called only for what the instance lacks: its fields, until they are read; the
        # place is let go of after them, so that a thread that reads them meanwhile finds
        # one or the other)
        place = self.__dict__.get("_stored")
        if name not in RENDERED_FIELDS or place is None:
            raise AttributeError(name)
        bodies, digest, slot = place
        read = bodies.rendered(digest, slot)
        self.__dict__.update({field: getattr(read, field) for field in RENDERED_FIELDS})
        self.__dict__.pop("_stored", None)
        return getattr(read, name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rendered):
            return NotImplemented
        return values_of(self) == values_of(other)

    __hash__ = Rendered.__hash__

    def __reduce__(self):
        # (pickled, copied: a Rendered, read first; the cache writes its heads otherwise)
        return Rendered, values_of(self)


def values_of(rendered: Rendered) -> tuple:
    """A Rendered's fields, in the order its constructor takes them."""
    return tuple(getattr(rendered, field) for field in RENDERED_FIELDS)


def stored(bodies, digest: str, slot: int) -> StoredRendered:
    """The Rendered in place `slot` of the body of the paper `digest` that `bodies` keeps
    (it has `rendered(digest, slot)`), read when first asked for."""
    rendered = object.__new__(StoredRendered)
    rendered.__dict__["_stored"] = (bodies, digest, slot)
    return rendered


class MarkdownRenderer:
    def __init__(self) -> None:
        self._warnings: list[str] = []

    def load(self) -> None:
        """Make the parser now (before forking workers: they then start with it)."""
        self._md  # noqa: B018

    @property
    def loaded(self) -> bool:
        """Whether the parser was made (and markdown-it imported) in this process."""
        return "_md" in self.__dict__

    @functools.cached_property
    def _md(self):
        """markdown-it, made when a text first needs it: an edit to a paper whose
        paragraphs have no marks and no web address (323 of the 561 real abstracts with
        their titles) is rendered without it, and without loading it (0.02 s)."""
        from markdown_it import MarkdownIt
        from mdit_py_plugins.dollarmath import dollarmath_plugin

        # Nesting deeper than 20 (CommonMark's preset) is never an abstract, and each
        # level multiplies the work a run of '[' costs (100 levels: 55 µs per bracket).
        md = MarkdownIt("js-default", {"typographer": False, "linkify": True,
                                       "maxNesting": 20}).enable("linkify")
        # (web addresses as links: 182 of the 561 real abstracts give their code's or
        # project's page so. Those with their scheme only, which the inline rule finds at
        # each "://": the core rule, for addresses without one, took 0.5 ms an abstract.)
        md.core.ruler.disable("linkify")
        md.core.ruler.after("inline", "unescaped_addresses", unescaped_addresses)
        md.linkify = addresses_in_text()
        md.normalizeLink = as_plain_or(md.normalizeLink)
        md.normalizeLinkText = as_plain_or(md.normalizeLinkText)
        # Dollars next to digits are prices ("$5 to $10"), not math.
        dollarmath_plugin(md, allow_digits=False, allow_labels=False, renderer=self._math)
        return md

    def render(self, source: str) -> tuple[Rendered, list[str]]:
        """The rendered text and the warnings about it (LaTeX that could not be shown)."""
        paragraphs = simple_paragraphs(source)
        if paragraphs is None:
            return self.render_parsed(source)
        self._warnings = []
        texts, blocks = [], []
        for paragraph in paragraphs:
            if INLINE_MARKS.search(paragraph):
                # (markdown-it's inline parser: a paragraph's block parse makes one inline
                # token of the same text, as parseInline does, for a third more work)
                inline = self._md.parseInline(paragraph)
                html = self._md.renderer.render(inline, self._md.options, {})
                texts.append(plain_text(inline[0]))
                blocks.append("<p>" + html + "</p>\n")
            elif "://" in paragraph:
                html, text = self.linked_paragraph(paragraph)
                texts.append(text)
                blocks.append(html)
            else:  # (plain text: what markdown-it makes of it, without markdown-it)
                texts.append(paragraph.replace("\n", " "))
                blocks.append(plain_html(paragraph))
        text = " ".join(t for t in texts if t)
        return Rendered(text, len(paragraphs), tuple(blocks)), self._warnings

    def linked_paragraph(self, paragraph: str) -> tuple[str, str]:
        """The HTML and the text that markdown-it makes of a paragraph without marks that
        holds "://", as its inline linkify rule finds the addresses, without the parser
        (its inline parse of such a paragraph took 0.2 ms): at each "://" after a scheme
        written since the line's start or the last address, linkify-it reads an address
        from the scheme on."""
        from markdown_it.common.utils import escapeHtml
        from markdown_it.rules_inline.linkify import SCHEME_RE

        md = self._md
        html, text = [], []
        done = 0  # (the end of what html and text hold)
        at = paragraph.find("://")
        while at != -1:
            # (SCHEME_RE on the run of a scheme's characters that ends the pending text:
            # on the whole text since the line's start, it took most of the time)
            pending = max(done, paragraph.rfind("\n", 0, at) + 1)
            run = pending + len(paragraph[pending:at].rstrip(SCHEME_CHARACTERS))
            scheme = SCHEME_RE.search(paragraph[max(run - 1, pending):at])
            start = at - len(scheme.group(1)) if scheme else at
            link = scheme and md.linkify.match_at_start(paragraph[start:])
            url = link.url.rstrip("*") if link else ""
            href = md.normalizeLink(url) if link else ""
            if not (link and md.validateLink(href)):
                at = paragraph.find("://", at + 1)
                continue
            shown = md.normalizeLinkText(url)
            html += [escapeHtml(paragraph[done:start]),
                     f'<a href="{escapeHtml(href)}">{escapeHtml(shown)}</a>']
            text += [paragraph[done:start], shown]
            done = start + len(url)
            at = paragraph.find("://", done)
        html.append(escapeHtml(paragraph[done:]))
        text.append(paragraph[done:])
        return "<p>" + "".join(html) + "</p>\n", "".join(text).replace("\n", " ")

    def render_parsed(self, source: str) -> tuple[Rendered, list[str]]:
        """`render` by markdown-it's whole parser, without the shortcuts (which give the
        same result: tests/test_content.py compares the two)."""
        self._warnings = []
        tokens = self._md.parse(source)
        blocks = tuple(self._md.renderer.render(part, self._md.options, {})
                       for part in top_level_blocks(tokens))
        texts = [plain_text(token) for token in tokens if token.type == "inline"]
        paragraphs = sum(1 for token in tokens if token.type == "paragraph_open")
        rendered = Rendered(" ".join(t for t in texts if t), paragraphs, blocks)
        return rendered, self._warnings

    def _math(self, latex: str, options: dict) -> str:
        display = bool(options.get("display_mode"))
        try:
            return to_mathml(latex, display)
        except MathError as error:
            self._warnings.append(f"math shown as its source: {error}: {latex!r}")
            delimiter = "$$" if display else "$"
            return f'<code class="math-source">{escape(delimiter + latex + delimiter)}</code>'


# What the scheme of an address is written in (markdown-it's SCHEME_RE).
SCHEME_CHARACTERS = string.ascii_letters + string.digits + ".+-"
WHITE_SPACE = re.compile(r"\s")
# An address in ASCII that markdown-it's normalizers give back as it is: no character that
# they encode or decode (a "%", a space, quotes, braces, letters outside ASCII), no
# punycode host ("xn--", shown in its Unicode).
PLAIN_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[A-Za-z0-9.\-]+(?::[0-9]+)?"
                           r"(?:[/?#][A-Za-z0-9\-._~/?#@!$&'()*+,;=:]*)?")


def as_plain_or(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """markdown-it's `normalizeLink` or `normalizeLinkText` (44 and 34 µs an address),
    which give a `PLAIN_ADDRESS` back as it is, without them for one (tests/test_content.py
    compares)."""
    def normalized(url: str) -> str:
        if PLAIN_ADDRESS.fullmatch(url) and "xn--" not in url.lower():
            return url
        return normalize(url)

    return normalized


def addresses_in_text():
    """linkify-it for web addresses with their scheme, each ended before the text that
    follows it without a space in Chinese, Japanese or Korean ("代码见
    https://github.com/a/b。", "可在https://github.com/a/b获取"), and before other
    punctuation outside ASCII ("“https://x.org/a”", "…/a…"): linkify-it takes them into
    the address (its issue #15, open since 2015)."""
    # (imported here, as markdown-it is: a build that parses no paper never loads it)
    from linkify_it import LinkifyIt

    class AddressesInText(LinkifyIt):
        def match_at_start(self, text: str):
            # (up to the white space that ends an address: markdown-it gives the rest of
            # the paragraph, which linkify-it read whole, 19 µs, where this takes 9)
            space = WHITE_SPACE.search(text)
            found = super().match_at_start(text[:space.start()] if space else text)
            return found and bounded(found)

    # ("e.g." or "Qwen2.5" are no domains)
    return AddressesInText().set({"fuzzy_link": False, "fuzzy_email": False,
                                  "fuzzy_ip": False})


# A backslash escape of Markdown (CommonMark: before ASCII punctuation).
BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescaped_addresses(state) -> None:
    """A core rule of markdown-it: the addresses that linkify found with Markdown's escapes
    in them (arXiv's abstracts keep LaTeX's, "…/SDXL\\_NCP-DPO\\_v0.1") link and read
    without them, as the text around them does."""
    for inline in state.tokens:
        children = inline.children or []
        for link, shown in itertools.pairwise(children):
            if link.type == "link_open" and link.markup == "linkify" and "\\" in shown.content:
                address = BACKSLASH_ESCAPE.sub(r"\1", shown.content)
                link.attrs["href"] = state.md.normalizeLink(address)
                shown.content = state.md.normalizeLinkText(address)


def bounded(match):
    """A linkify-it match that ends before its first character outside ASCII that is
    written wide (East Asian scripts and their punctuation) or is punctuation, a symbol or
    a space, and before a brace, which no address holds as it is and arXiv's abstracts
    leave of LaTeX ("https://youtu.be/4ZdcuiwFU7I{Youtube}", from \\href{…}{Youtube});
    None when no more than its scheme is left."""
    text = match.text
    end = next((index for index, character in enumerate(text) if character in "{}" or (
        not character.isascii() and (unicodedata.east_asian_width(character) in "WF"
                                     or unicodedata.category(character)[0] in "PSZ"))),
               len(text))
    if end == len(text):
        return match
    kept = text[:end].rstrip(".,:;!?")
    if not kept.partition("://")[2]:
        return None
    match.text = match.raw = match.url = kept
    match.last_index = match.index + len(kept)
    return match


# A paragraph without Markdown's marks needs no parser: most Chinese abstracts, many
# English ones (a fifth of the time a build spends reading papers). Its lines are a
# paragraph's (see `simple_paragraphs`), and no character that marks inline text may
# appear (a web address may: see `MarkdownRenderer.linked_paragraph`).
# tests/test_content.py checks the shortcuts against markdown-it.
INLINE_MARKS = re.compile(r"[\\`*_\[\]<>&~|$]")


# What may open a block at the start of a line: a list or rule (-, +, *, _), a heading
# (#, and = or - under a line), a quote (>), a container (:), an ordered list (a digit),
# a fence (`, ~), a link reference definition ([), HTML (<), display math ($), a table's
# row (|). Text none of whose lines starts so (nor with a space: code, lazy continuation)
# is paragraphs split by blank lines, each parsed alone as markdown-it would. Tabs, and
# the \r and NUL that markdown-it rewrites, are left to markdown-it.
SIMPLE_LINE_OPENERS = frozenset("-+=#>:0123456789*_`~[<$|")
SIMPLE_REFUSED = re.compile(r"[\t\r\0]")


def simple_paragraphs(source: str) -> list[str] | None:
    """The paragraphs of `source` when it is nothing but paragraphs (marks allowed inside
    them); None if it may hold other blocks."""
    if SIMPLE_REFUSED.search(source):
        return None
    paragraphs: list[str] = []
    current: list[str] = []
    for line in source.split("\n"):
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
        elif line[0] in SIMPLE_LINE_OPENERS or line[0].isspace() or line[-1].isspace():
            return None
        else:
            current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def plain_html(paragraph: str) -> str:
    """What markdown-it makes of a plain paragraph: its lines escaped (only '"' can need it
    here) and joined by line breaks."""
    return "<p>" + paragraph.replace('"', "&quot;") + "</p>\n"


def top_level_blocks(tokens: list) -> list[list]:
    """The tokens split into top-level blocks (a paragraph's open, inline and close …)."""
    blocks, current, depth = [], [], 0
    for token in tokens:
        current.append(token)
        depth += token.nesting
        if depth == 0:
            blocks.append(current)
            current = []
    return blocks


def plain_text(inline) -> str:
    """The readable text of an inline token: its words, without markup or link targets."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "math_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()
