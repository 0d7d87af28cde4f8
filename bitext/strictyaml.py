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
    front matter reports the lines of the file it sits in. Of several problems, the first
    in the text is reported."""
    events, syntax_error = parse_events(text)
    lines: dict[FieldPath, int] = {}
    try:
        value = compose_document(events, first_line, lines)
    except IndexError:  # (the events stop where the syntax error is)
        if syntax_error is None:
            raise
        value = None
    if syntax_error is not None:
        raise not_valid(syntax_error, text, first_line)
    return Document(value, lines)


def parse_events(text: str) -> tuple[list[yaml.Event], yaml.MarkedYAMLError | None]:
    """The parser's events up to the end or to a syntax error, and that error. Taken in one
    loop and composed from a list, instead of asked for one by one with a look ahead, a
    paper's front matter loads in 34 µs, not 43."""
    events: list[yaml.Event] = []
    try:
        get_event = _Loader(text).get_event
        while (event := get_event()) is not None:
            events.append(event)
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError, UnicodeEncodeError) as error:
        return events, error
    return events, None


def compose_document(events: list[yaml.Event], first_line: int, lines: dict) -> object:
    # StreamStart, then DocumentStart or (for an empty text) StreamEnd
    if type(events[1]) is yaml.StreamEndEvent:
        return None
    value, end = _Composer(events, first_line, lines).compose(2, (), 0)
    after = events[end + 1]  # (past DocumentEnd)
    if type(after) is not yaml.StreamEndEvent:
        raise YamlError(after.start_mark.line + first_line, "more than one YAML document",
                        hint="remove the second '---' or what follows it")
    return value


def not_valid(error: Exception, text: str, first_line: int) -> YamlError:
    if isinstance(error, (yaml.reader.ReaderError, UnicodeEncodeError)):
        # A control character, or half of a surrogate pair: the reader stops at the first
        # it meets, so the first of its kind in the text.
        code = error.character if isinstance(error, yaml.reader.ReaderError) \
            else ord(error.object[error.start])
        at = text.find(chr(code)) if isinstance(code, int) else -1
        return YamlError(text.count("\n", 0, max(at, 0)) + first_line,
                         f"forbidden character U+{code:04X}" if isinstance(code, int)
                         else "forbidden character",
                         hint="delete it; control characters are never published")
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    message = error.problem or error.context or "not valid YAML"
    source_lines = text.splitlines()
    source_line = source_lines[line] if line < len(source_lines) else ""
    hint = "indent with spaces, not tabs" if "\t" in source_line else None
    if message.startswith("mapping values are not allowed"):
        hint = quoting_hint(source_line) or hint
    return YamlError(line + first_line, f"not valid YAML: {message}", hint=hint)


def quoting_hint(line: str) -> str | None:
    """How to write a line whose value holds ": " (a title such as "Qwen3: Think
    Deeper"), which YAML reads as a second mapping: the value in double quotes."""
    key, separator, value = line.partition(": ")
    value = value.strip()
    if not separator or not value or value[0] in "\"'[{|>":
        return None
    shown = value if len(value) <= 60 else value[:59] + "…"
    escaped = shown.replace("\\", "\\\\").replace('"', '\\"')
    return f'put the value in double quotes: {key.strip()}: "{escaped}"'


def _dotted(path: FieldPath) -> str | None:
    return ".".join(str(part) for part in path) or None


class _Composer:
    """Builds the value of a list of events, recording the line of each field path."""

    def __init__(self, events: list[yaml.Event], first_line: int, lines: dict):
        self.events = events
        self.first_line = first_line
        self.lines = lines

    def line(self, at: int) -> int:
        return self.events[at].start_mark.line + self.first_line

    def compose(self, at: int, path: FieldPath, depth: int) -> tuple[object, int]:
        """The value whose events start at `at`, and the index of the event after them."""
        events, lines = self.events, self.lines
        event = events[at]
        kind = type(event)
        if kind is yaml.AliasEvent:
            raise YamlError(self.line(at), f"alias *{event.anchor} is not allowed",
                            hint="write the value out in full", field=_dotted(path))
        self.check_plain(at, path, depth)
        if kind is yaml.ScalarEvent:
            plain = event.implicit[0]
            return (None if plain and event.value in NULLS else event.value), at + 1
        if kind is yaml.SequenceStartEvent:
            items: list[object] = []
            at += 1
            while type(events[at]) is not yaml.SequenceEndEvent:
                item_path = path + (len(items),)
                lines[item_path] = self.line(at)
                item, at = self.compose(at, item_path, depth + 1)
                items.append(item)
            return items, at + 1
        if kind is yaml.MappingStartEvent:
            mapping: dict[str, object] = {}
            at += 1
            while type(events[at]) is not yaml.MappingEndEvent:
                key_line = self.line(at)
                key, at = self.compose(at, path, depth + 1)
                if not isinstance(key, str):
                    raise YamlError(key_line, "a key must be plain text", field=_dotted(path))
                if key in mapping:
                    raise YamlError(key_line, f"duplicate key '{key}' (first on line "
                                    f"{lines[path + (key,)]})", hint="keep one of them",
                                    field=_dotted(path + (key,)))
                lines[path + (key,)] = key_line
                mapping[key], at = self.compose(at, path + (key,), depth + 1)
            return mapping, at + 1
        raise YamlError(self.line(at), f"unexpected YAML event {kind.__name__}")

    def check_plain(self, at: int, path: FieldPath, depth: int) -> None:
        """No anchor, no explicit tag, not too deep."""
        event = self.events[at]
        if event.anchor:
            raise YamlError(self.line(at), f"anchor &{event.anchor} is not allowed",
                            hint="remove the anchor; aliases are not supported",
                            field=_dotted(path))
        if event.tag not in (None, "!"):
            raise YamlError(self.line(at), f"explicit tag {event.tag} is not allowed",
                            hint="remove the tag; quote the value if it must stay text",
                            field=_dotted(path))
        if depth > MAX_DEPTH:
            raise YamlError(self.line(at), f"nested deeper than {MAX_DEPTH} levels",
                            field=_dotted(path))
