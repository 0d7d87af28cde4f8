"""The one Markdown renderer: CommonMark with tables and strikethrough, no raw HTML.

`js-default` is markdown-it's safe preset: raw HTML in the source is shown as text, and
links whose scheme is javascript:, vbscript:, file: or data: (other than images) are not
turned into links. The typographer stays off: its quote replacement is quadratic on
crafted input, and it would rewrite the editor's quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markupsafe import Markup


@dataclass(frozen=True)
class Rendered:
    source: str
    """The Markdown as the editor wrote it."""
    html: Markup
    """Safe HTML of the whole text."""
    text: str
    """Plain text (for descriptions, feeds' summaries and search), paragraphs joined by a space."""
    paragraphs: int


class MarkdownRenderer:
    def __init__(self) -> None:
        self._md = MarkdownIt("js-default", {"typographer": False, "linkify": False})

    def render(self, source: str) -> Rendered:
        tokens = self._md.parse(source)
        html = self._md.renderer.render(tokens, self._md.options, {})
        texts = [plain_text(token) for token in tokens if token.type == "inline"]
        paragraphs = sum(1 for token in tokens if token.type == "paragraph_open")
        return Rendered(source, Markup(html), " ".join(t for t in texts if t), paragraphs)


def plain_text(inline) -> str:
    """The readable text of an inline token: its words, without markup or link targets."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()
