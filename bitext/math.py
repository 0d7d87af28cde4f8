"""LaTeX between dollars as MathML, made on the server: no script, no font service.

latex2mathml turns LaTeX into MathML but passes some input through as it is (`\\text{<b>}`
becomes a <b> element, `\\href{javascript:…}` a link, `\\style{…}` CSS), so its output is
parsed and rebuilt from an allow-list of MathML elements and attributes. A formula that
needs anything else, or that latex2mathml cannot read, is not rendered: the reader sees
its source, and the editor gets a warning naming the file.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ElementTree
from html import escape

from markupsafe import escape as markup_escape

MATHML = "{http://www.w3.org/1998/Math/MathML}"
ELEMENTS = {
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup",
    "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd",
    "mstyle", "mpadded", "mphantom", "menclose", "mmultiscripts", "mprescripts", "none",
}
ATTRIBUTES = {
    "display", "stretchy", "fence", "separator", "lspace", "rspace", "width", "height",
    "depth", "mathvariant", "displaystyle", "scriptlevel", "columnalign", "rowspacing",
    "columnspacing", "columnlines", "rowlines", "frame", "accent", "accentunder",
    "linethickness", "notation", "minsize", "maxsize", "movablelimits", "symmetric",
    "largeop", "form", "align", "mathsize",
}
SAFE_VALUE = re.compile(r"[\w.#%+\- ]*")
# (The opening `$` comes first and its lookbehind after it: a pattern that starts with a
# literal is searched for that literal, 12 x quicker on an abstract than one that starts
# with a lookbehind tried at every position. Same matches.)
INLINE_MATH = re.compile(r"\$(?<=(?<![\\$\w])\$)(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])")


class MathError(ValueError):
    pass


@functools.lru_cache(maxsize=4096)
def to_mathml(latex: str, display: bool) -> str:
    """Safe MathML for `latex`, or MathError saying why not. Remembered: digests repeat
    their formulas ($n$, $O(n^2)$ …) and latex2mathml takes half a millisecond each."""
    # Imported on first use: latex2mathml loads urllib, http and ssl (45 ms), which a
    # build that converts no formula, or finds nothing changed, never needs.
    from latex2mathml.converter import convert

    try:
        produced = convert(latex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many kinds, all meaning "cannot read"
        raise MathError(f"cannot read this LaTeX ({type(error).__name__})") from None
    try:
        tree = ElementTree.fromstring(produced)
    except ElementTree.ParseError:
        raise MathError("this LaTeX produced malformed MathML") from None
    return serialise(tree)


def load_converter() -> None:
    """Import latex2mathml now, before forking workers that will parse many papers: they
    start with it, instead of each importing it again (55 ms a process)."""
    import latex2mathml.converter  # noqa: F401


def serialise(element: ElementTree.Element) -> str:
    name = element.tag.removeprefix(MATHML)
    if name not in ELEMENTS:
        raise MathError(f"unsupported LaTeX (it would produce <{name}>)")
    if name == "mi" and (element.text or "").startswith("\\"):
        raise MathError(f"unknown LaTeX command {element.text}")
    attributes = []
    for key, value in element.attrib.items():
        if key not in ATTRIBUTES or not SAFE_VALUE.fullmatch(value):
            raise MathError(f"unsupported LaTeX (it would set {key}={value!r})")
        attributes.append(f' {key}="{escape(value)}"')
    inner = escape(element.text or "", quote=False)
    inner += "".join(serialise(child) + escape(child.tail or "", quote=False)
                     for child in element)
    return f"<{name}{''.join(attributes)}>{inner}</{name}>"


def inline_math(text: str) -> tuple[str, list[str]]:
    """`text` as HTML with each `$…$` as MathML and the rest escaped, and why any formula
    could not be shown (that one then stays as written)."""
    parts, errors = [], []
    for piece, is_math in title_segments(text):
        if is_math:
            try:
                parts.append(to_mathml(piece, display=False))
                continue
            except MathError as error:
                errors.append(f"{error}: {piece!r}")
                piece = f"${piece}$"
        parts.append(str(markup_escape(piece)))  # as Jinja escapes the rest of the page
    return "".join(parts), errors


def title_segments(title: str) -> list[tuple[str, bool]]:
    """A title split into (text, is_math) pieces at `$…$`."""
    pieces, position = [], 0
    for match in INLINE_MATH.finditer(title):
        pieces.append((title[position:match.start()], False))
        pieces.append((match.group(1), True))
        position = match.end()
    pieces.append((title[position:], False))
    return [(text, math) for text, math in pieces if text]
