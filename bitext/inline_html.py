"""The inline HTML of a digest or a table written in Markdown, as the Markdown it stands
for: "<b>Qwen3 Technical Report</b>" is "**Qwen3 Technical Report**", `<a href="…">…</a>`
a Markdown link, "10<sup>-3</sup>" "10⁻³", "&amp;" "&". A page shows no raw HTML (it
shows it as text), so a paper imported with its tags would show them, and a title's would
name its file ("a-href-https-arxiv-org-…").

Only elements that such texts hold are read, and a paired one only with its closing tag:
the words in angle brackets that abstracts hold stay as they are ("</think>", "an <ACTOR>
token", "a <picture of a man> man", the "<s>" token), and so do math and code spans
(`$x_{<t}$`). (markdownify reads the whole text as HTML: it took those words, and
"x_{<t})$ and <b>" of such a formula, out of the text.) A line break is left as `<br>`
for the reader of the text to place (`BREAK`): between two titles, it parts them; in an
abstract, it parts paragraphs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from bitext.schema import UNSAFE_IN_ADDRESS, is_web_address

# Markdown's marks for an element's text.
MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "del": "~~", "strike": "~~"}
CODE = {"code", "tt", "kbd", "samp"}
# Elements whose text is all they say here (styles, a link's wrapper, a block).
PLAIN = {"span", "font", "u", "ins", "mark", "small", "big", "abbr", "cite", "center", "q",
         "var"}
# Blocks, whose edges part paragraphs.
BLOCKS = {"p", "div", "blockquote"}
SCRIPTS = {"sup", "sub"}
PAIRED = MARKS.keys() | CODE | PLAIN | BLOCKS | SCRIPTS | {"a"}
VOID = {"br", "img", "wbr", "hr"}
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s[^<>]*?)?)\s*/?>")
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# (kept as the entity: as characters, Markdown would read them as marks or tags)
MARKUP_CHARACTERS = set("\\`*_[]<>")
MATH_OR_CODE = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|(`+).*?\1", re.S)
# (a math or code span set aside while the tags are read: its number between these)
KEPT_START, KEPT_END = "\ue000", "\ue001"
KEPT = re.compile(f"{KEPT_START}([0-9]+){KEPT_END}")
ATTRIBUTE = re.compile(r"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
UNESCAPED_BRACKET = re.compile(r"(?<!\\)([\[\]])")
# A block's tags at a text's ends, where a digest's line or a cell starts or ends its
# paragraph ("<p>In this work …", "… Apache 2.0.</p>"), closed or not on that line.
BLOCK_TAG = r"</?(?:p|div)(?:\s[^<>]*)?>"
EDGE_BLOCKS = re.compile(rf"^\s*(?:{BLOCK_TAG}\s*)+|(?:\s*{BLOCK_TAG})+\s*$", re.IGNORECASE)
# A heading as a line's whole ("<h3>1. Qwen3 Technical Report</h3>"): Markdown's.
HEADING_ELEMENT = re.compile(r"<h([1-6])(?:\s[^<>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.S)
# One block's end and the next's start, which part paragraphs ("…</p><p>…").
BETWEEN_BLOCKS = re.compile(r"</(?:p|div)>\s*<(?:p|div)(?:\s[^<>]*)?>", re.IGNORECASE)
BREAK = "<br>"
BREAKS = re.compile(r"(?:\s*<br\s*/?>\s*)+", re.IGNORECASE)
SUPERSCRIPT = str.maketrans("0123456789+-−=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿ")
SUBSCRIPT = str.maketrans("0123456789+-−=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ")


def has_html(text: str) -> bool:
    """Whether `text` may hold an element or an entity to read (quickly, for most lines)."""
    return ("<" in text and TAG.search(text) is not None) or (
        "&" in text and ENTITY.search(text) is not None)


def html_as_markdown(text: str) -> str:
    """`text` (Markdown) with its inline HTML as Markdown, math and code spans as written;
    its line breaks as `BREAK`, none at its ends (its indent kept, which may start a
    paragraph)."""
    if not has_html(text):
        return text
    if heading := HEADING_ELEMENT.fullmatch(text.strip()):
        return "#" * int(heading[1]) + " " + html_as_markdown(heading[2])
    indent = text[:len(text) - len(text.lstrip())]
    text = EDGE_BLOCKS.sub("", BETWEEN_BLOCKS.sub(BREAK * 2, text))
    # (math and code spans out of the way while the tags are read, which may hold them:
    # "<b>$O(n)$ time</b>")
    kept: list[str] = []

    def set_aside(span: re.Match) -> str:
        kept.append(span.group())
        return f"{KEPT_START}{len(kept) - 1}{KEPT_END}"

    text = MATH_OR_CODE.sub(set_aside, text)
    joined = KEPT.sub(lambda place: kept[int(place[1])], markdown_of(text))
    if BREAK in joined:
        joined = BREAKS.sub(BREAK, joined).strip().removeprefix(BREAK).removesuffix(BREAK)
    return indent + joined.strip()


def breaks_as(text: str, parting: str) -> str:
    """`text` with each run of line breaks (`<br>`) as `parting`."""
    return BREAKS.sub(parting, text).strip() if "<" in text else text


def markdown_of(text: str) -> str:
    """The Markdown of a text whose math and code spans are set aside."""
    return "".join(node.markdown() for node in parsed(text)) if has_html(text) else text


@dataclass
class Element:
    name: str
    attributes: dict[str, str]
    opening: str
    """The tag as written, which stands as text should it not be closed."""
    children: list[Text | Element] = field(default_factory=list)

    def text(self) -> str:
        return "".join(child.text() for child in self.children)

    def markdown(self, in_link: bool = False) -> str:
        name = self.name
        if name == "br":
            return BREAK
        if name == "img":  # (a badge that links: its words, as a Markdown badge's)
            return self.attributes.get("alt", "").strip() if in_link else ""
        if name in ("wbr", "hr"):
            return ""
        inner = "".join(child.markdown(in_link or name == "a") for child in self.children)
        if name in MARKS:
            return marked(inner, MARKS[name])
        if name in CODE:
            return code_span(html.unescape(self.text()))
        if name in SCRIPTS:
            core = html.unescape(self.text()).strip()
            scripted = core.translate(SUPERSCRIPT if name == "sup" else SUBSCRIPT)
            # (each character in its raised or lowered form, or the text as it is)
            return inner if KEPT_START in core or not all(
                ord(c) > 0x7F or c == " " for c in scripted) else scripted
        if name in BLOCKS:
            return f"{BREAK}{BREAK}{inner}{BREAK}{BREAK}"
        if name == "a":
            return link(inner, self.attributes.get("href", ""))
        return inner


@dataclass
class Text:
    value: str

    def text(self) -> str:
        return self.value

    def markdown(self, in_link: bool = False) -> str:
        return ENTITY.sub(decoded, self.value) if "&" in self.value else self.value


def parsed(text: str) -> list[Text | Element]:
    """The text as nodes: the elements read (`PAIRED` with their closing tags, `VOID`),
    the rest as text, tags that close nothing among it."""
    root = Element("", {}, "")
    open_elements = [root]
    at = 0
    for match in TAG.finditer(text):
        closing, name = match[1], match[2].lower()
        if name not in PAIRED and name not in VOID:
            continue
        add_text(open_elements[-1], text[at:match.start()])
        at = match.end()
        if name in VOID and not closing:
            open_elements[-1].children.append(Element(name, attributes(match[3]), match[0]))
        elif not closing:
            element = Element(name, attributes(match[3]), match[0])
            open_elements[-1].children.append(element)
            open_elements.append(element)
        elif any(element.name == name for element in open_elements[1:]):
            while open_elements[-1].name != name:
                unclosed(open_elements)
            open_elements.pop()
        else:
            add_text(open_elements[-1], match[0])
    add_text(open_elements[-1], text[at:])
    while len(open_elements) > 1:
        unclosed(open_elements)
    return root.children


def unclosed(open_elements: list[Element]) -> None:
    """The innermost open element, which no tag closes: its tag is text, its children its
    parent's."""
    element = open_elements.pop()
    parent = open_elements[-1]
    parent.children.remove(element)
    add_text(parent, element.opening)
    for child in element.children:
        if isinstance(child, Text):
            add_text(parent, child.value)
        else:
            parent.children.append(child)


def add_text(element: Element, text: str) -> None:
    if not text:
        return
    if element.children and isinstance(element.children[-1], Text):
        element.children[-1].value += text
    else:
        element.children.append(Text(text))


def attributes(text: str) -> dict[str, str]:
    return {match[1].lower(): html.unescape(next(value for value in match.groups()[1:]
                                                 if value is not None))
            for match in ATTRIBUTE.finditer(text)}


def decoded(entity: re.Match) -> str:
    character = html.unescape(entity.group())
    if character == "\xa0":
        return " "
    return entity.group() if character in MARKUP_CHARACTERS else character


def marked(inner: str, mark: str) -> str:
    """`inner` between Markdown's `mark`s, its white space outside them (Markdown reads no
    "** bold **")."""
    core = inner.strip()
    if not core or BREAK in core or core.startswith(mark) and core.endswith(mark):
        return inner
    lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def code_span(text: str) -> str:
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}" if text.strip() else text


def link(inner: str, href: str) -> str:
    """A link to a web address, as Markdown; its text alone for another address (a page
    of the site it was copied from, `mailto:`, `javascript:`)."""
    address = href.strip().translate(UNSAFE_IN_ADDRESS).replace(" ", "%20")
    address = address.replace("(", "%28").replace(")", "%29")
    core = inner.strip()
    if not is_web_address(address) or BREAK in core:
        return inner
    if not core or core == href.strip():
        return address
    if core[0] == "[" and core[-1] == "]" and "[" not in core[1:-1]:
        core = core[1:-1]  # ("<a href=…>[Code]</a>", as "[[Code](…)]" is written)
    label = UNESCAPED_BRACKET.sub(r"\\\1", core)
    return f"[{label}]({address})"
