"""YAML without YAML's guesses: every scalar is a string until a schema says otherwise.

YAML 1.1, which PyYAML implements, reads `no` as False, `2101.10010` as a float, `0123` as
83 and `12:30` as 750. In a digest those are a language code, an arXiv id, a number and a
time that the editor meant as text. So this reader resolves no implicit types at all: a
plain scalar is a string (an empty one or `~`/`null` is None), and the schema
(`bitext.schema`) turns strings into dates, numbers and booleans where a field asks for
them, with an error that names the field when it cannot.

It also refuses what has no place in a hand-written config: anchors and aliases (the
"billion laughs"), explicit tags (`!!python/object`), duplicate keys, several documents and
deep nesting. The parser is PyYAML's C parser when it is built, else the pure-Python one;
only the events are used, so both behave the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 8
NULLS = {"", "~", "null", "Null", "NULL"}

FieldPath = tuple  # a field path such as ("title", "en") or ("tags", 2)


class YamlError(Exception):
    """A problem in the YAML text; `line` counts from `first_line` as given to `load`."""

    def __init__(self, line: int, message: str, hint: str | None = None, field: str | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint
        self.field = field


@dataclass
class Document:
    """The loaded value and the line where each field path starts (1-based)."""

    value: object
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath, default: int = 1) -> int:
        """The line of a field, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return default


def load(text: str, first_line: int = 1) -> Document:
    """Parse one YAML document into dicts, lists, strings and None.

    Line numbers (in errors and in `Document.lines`) count from `first_line`, so that
    front matter reports the lines of the file it sits in."""
    lines: dict[FieldPath, int] = {}
    try:
        events = _Events(text, first_line)
        next(events)  # StreamStart
        first = next(events)
        if isinstance(first, yaml.StreamEndEvent):
            return Document(None, lines)
        value = _compose(events, (), 0, lines)
        next(events)  # DocumentEnd
        after = next(events)
        if not isinstance(after, yaml.StreamEndEvent):
            raise YamlError(events.line(after), "more than one YAML document",
                            hint="remove the second '---' or what follows it")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line if mark else 0
        message = error.problem or error.context or "not valid YAML"
        source_lines = text.splitlines()
        has_tab = line < len(source_lines) and "\t" in source_lines[line]
        hint = "indent with spaces, not tabs" if has_tab else None
        raise YamlError(line + first_line, f"not valid YAML: {message}", hint=hint) from None
    return Document(value, lines)


class _Events:
    """The parser's events, one at a time, with a look at the next one."""

    def __init__(self, text: str, first_line: int):
        self._loader = _Loader(text)
        self.first_line = first_line

    def __iter__(self) -> Iterator[yaml.Event]:
        return self

    def __next__(self) -> yaml.Event:
        if not self._loader.check_event():
            raise YamlError(self.first_line, "unexpected end of YAML")
        return self._loader.get_event()

    def line(self, event: yaml.Event) -> int:
        return event.start_mark.line + self.first_line

    def peek(self) -> yaml.Event:
        event = self._loader.peek_event()
        if event is None:
            raise YamlError(self.first_line, "unexpected end of YAML")
        return event




def _dotted(path: FieldPath) -> str | None:
    return ".".join(str(part) for part in path) or None


def _compose(events: _Events, path: FieldPath, depth: int, lines: dict) -> object:
    event = next(events)
    if isinstance(event, yaml.AliasEvent):
        raise YamlError(events.line(event), f"alias *{event.anchor} is not allowed",
                        hint="write the value out in full", field=_dotted(path))
    if getattr(event, "anchor", None):
        raise YamlError(events.line(event), f"anchor &{event.anchor} is not allowed",
                        hint="remove the anchor; aliases are not supported", field=_dotted(path))
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        raise YamlError(events.line(event), f"explicit tag {tag} is not allowed",
                        hint="remove the tag; quote the value if it must stay text",
                        field=_dotted(path))
    if depth > MAX_DEPTH:
        raise YamlError(events.line(event), f"nested deeper than {MAX_DEPTH} levels",
                        field=_dotted(path))
    if isinstance(event, yaml.ScalarEvent):
        plain = event.implicit[0]
        if plain and event.value in NULLS:
            return None
        return event.value
    if isinstance(event, yaml.SequenceStartEvent):
        items = []
        while not isinstance(events.peek(), yaml.SequenceEndEvent):
            lines[path + (len(items),)] = events.line(events.peek())
            items.append(_compose(events, path + (len(items),), depth + 1, lines))
        next(events)
        return items
    if isinstance(event, yaml.MappingStartEvent):
        mapping: dict[str, object] = {}
        while not isinstance(events.peek(), yaml.MappingEndEvent):
            key_line = events.line(events.peek())
            key = _compose(events, path, depth + 1, lines)
            if not isinstance(key, str):
                raise YamlError(key_line, "a key must be plain text", field=_dotted(path))
            if key in mapping:
                raise YamlError(key_line, f"duplicate key '{key}' (first on line "
                                f"{lines[path + (key,)]})", hint="keep one of them",
                                field=_dotted(path + (key,)))
            lines[path + (key,)] = key_line
            mapping[key] = _compose(events, path + (key,), depth + 1, lines)
        next(events)
        return mapping
    raise YamlError(events.line(event), f"unexpected YAML event {type(event).__name__}")


