"""Write a paper file in the content format (used by `new` and `import`).

Values are written by PyYAML's dumper, which quotes whatever YAML could read as something
else ('2505.09388', 'no', '12:30'), so a file written here always reads back to the same
text, whichever YAML reader an editor's tools use.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from bitext.content import note_key

WIDE = 1 << 30  # never fold long lines: one field, one line
# Text that PyYAML writes as it is, in a block (a field's value) and in a flow list
# ([a, b]): ASCII words that start with a letter, single spaces, no indicator such as
# ':', '#', quotes or (in a list) ','; and not a word YAML reads as true, false or null.
# Written here without the dumper, which takes a quarter of a millisecond a value (half
# an import's time); tests compare the two on every real title, author and link.
PLAIN_IN_BLOCK = re.compile(r"[A-Za-z][A-Za-z0-9.,()/+-]*(?: [A-Za-z0-9.,()/+-]+)*")
PLAIN_IN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9.()/+-]*(?: [A-Za-z0-9.()/+-]+)*")
YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def is_plain(value: str, form: re.Pattern) -> bool:
    return bool(form.fullmatch(value)) and value.lower() not in YAML_WORDS


def scalar(value: str | dt.date) -> str:
    if isinstance(value, str) and is_plain(value, PLAIN_IN_BLOCK):
        return value
    return yaml.safe_dump(value, allow_unicode=True, width=WIDE).removesuffix("\n...\n").strip()


def flow_list(values: list[str]) -> str:
    if all(is_plain(value, PLAIN_IN_FLOW) for value in values):
        return "[" + ", ".join(values) + "]"
    return yaml.safe_dump(list(values), allow_unicode=True, width=WIDE,
                          default_flow_style=True).strip()


def format_paper(titles: dict[str, str | None], abstracts: dict[str, str | None],
                 date: dt.date, order: int = 0, tags: list[str] | tuple[str, ...] = (),
                 authors: list[str] | tuple = (), affiliation: str | None = None,
                 venue: str | None = None, year: int | str | None = None,
                 arxiv: str | None = None,
                 links: dict[str, str] | None = None,
                 slug: str | None = None, translator: str | None = None,
                 translation_model: str | None = None, title_translator: str | None = None,
                 title_translation_model: str | None = None, reviewed_by: str | None = None,
                 translated_from: str | None = None, draft: bool = False,
                 notes: dict[str, str] | None = None) -> str:
    """The text of a paper file; `titles`, `abstracts` and the editor's `notes` are keyed
    by language code. A text that is None (a translation still to come) is written as an
    empty title and an empty block, where the editor will write it."""
    lines = ["---", "title:"]
    lines += [f"  {code}: {scalar(text)}" if text is not None else f"  {code}:"
              for code, text in titles.items()]
    lines.append(f"date: {date.isoformat()}")
    if order:
        lines.append(f"order: {order}")
    lines.append(f"tags: {flow_list(list(tags))}")
    if authors:
        lines.append(f"authors: {flow_list(list(authors))}")
    if affiliation:
        lines.append(f"affiliation: {scalar(affiliation)}")
    if venue:
        lines.append(f"venue: {scalar(venue)}")
    if year:
        lines.append(f"year: {year}")
    if arxiv:
        lines.append(f"arxiv: {scalar(arxiv)}")
    if links:
        lines.append("links:")
        lines += [f"  {kind}: {scalar(url)}" for kind, url in links.items()]
    if slug:
        lines.append(f"slug: {scalar(slug)}")
    if translator:
        lines.append(f"translator: {scalar(translator)}")
    if translation_model:
        lines.append(f"translation_model: {scalar(translation_model)}")
    if title_translator:
        lines.append(f"title_translator: {scalar(title_translator)}")
    if title_translation_model:
        lines.append(f"title_translation_model: {scalar(title_translation_model)}")
    if reviewed_by:
        lines.append(f"reviewed_by: {scalar(reviewed_by)}")
    if translated_from:
        lines.append(f"translated_from: {scalar(translated_from)}")
    if draft:
        lines.append("draft: true")
    lines.append("---")
    for code, text in abstracts.items():
        lines += [f"::: {code}", *([text.strip("\n")] if text else []), ":::", ""]
    for code, note in (notes or {}).items():
        lines += [f"::: {note_key(code)}", note.strip("\n"), ":::", ""]
    return "\n".join(lines)


def with_field(text: str, name: str, value: str | None) -> str:
    """A paper file's text with the top-level field `name` set to `value` (its line
    replaced; removed when value is None; else added where `format_paper` puts it, before
    the first field that comes after it there), every other line as it was. So a file
    that `import` wrote and `translate` or `confirm` changed is what `import --update`
    writes: nothing to update. The front matter must be there (the caller read the
    file)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    closing = next(index for index in range(1, len(lines)) if lines[index].rstrip() == "---")
    line = None if value is None else f"{name}: {scalar(value)}"
    for index in range(1, closing):
        if lines[index].startswith(f"{name}:"):
            if line is None:
                del lines[index]
            else:
                lines[index] = line
            break
    else:
        if line is not None:
            lines.insert(place_for(name, lines[:closing]), line)
    return newline.join(lines)


FIELD_ORDER = ("title", "date", "order", "tags", "authors", "affiliation", "arxiv", "links",
               "slug", "translator", "translation_model", "title_translator",
               "title_translation_model", "reviewed_by", "translated_from", "draft")
"""The top-level fields in the order `format_paper` writes them."""
TOP_LEVEL_FIELD = re.compile(r"([A-Za-z_][\w-]*)\s*:")


def place_for(name: str, front: list[str]) -> int:
    """Where a new top-level field goes among the lines of a front matter (its opening
    '---' first): before the first field that `format_paper` writes after it, else at
    the end."""
    later = set(FIELD_ORDER[FIELD_ORDER.index(name) + 1:]) if name in FIELD_ORDER else set()
    for index in range(1, len(front)):
        field = TOP_LEVEL_FIELD.match(front[index])
        if field and field[1] in later:
            return index
    return len(front)


def replace_file(path: Path, text: str) -> None:
    """Write a paper file through a temporary file and a rename: it is never half written
    (the temporary name starts with a dot, so a build never takes it for a paper)."""
    temporary = path.with_name(f".bitext-{path.name}")
    temporary.write_bytes(text.encode("utf-8"))
    temporary.replace(path)
