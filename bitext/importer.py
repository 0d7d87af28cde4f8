"""`import`: plain-text digests into paper files, all or nothing.

Every digest is read and every entry turned into the text of its paper file before
anything is written; any problem in any file stops the import with nothing written. Each
text is read back with the same code that `build` uses, so an import can only write files
that build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from bitext.config import TAG_FORM, Config, TagInfo
from bitext.content import (
    PAPERS_DIR,
    decode,
    parse_paper_file,
    slug_from_title,
    split_front_matter,
)
from bitext.digest import Entry, parse_digest
from bitext.errors import InputError, Problem, display_path
from bitext.markdown import MarkdownRenderer
from bitext.paperfile import format_paper
from bitext.schema import url_name_problem
from bitext.strictyaml import YamlError, load

DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
# Front-matter fields an editor adds by hand, which --update keeps.
KEPT_ON_UPDATE = ("authors", "arxiv", "links", "slug", "translator", "draft", "date")


@dataclass(frozen=True)
class Digest:
    name: str
    """As given on the command line ('-' for standard input), for messages."""
    text: str


@dataclass(frozen=True)
class TagRule:
    tag: str
    rule: str
    pattern: re.Pattern


@dataclass
class Planned:
    """One paper file the import would write."""

    action: str
    """create, update or skip."""
    path: Path
    source: str
    """digest:line, for the report."""
    text: str
    fired: list[tuple[str, str]] = field(default_factory=list)
    """(tag, rule) for each tag rule that matched."""
    reason: str = ""


def read_digests(names: list[str], stdin: BinaryIO) -> list[Digest]:
    """The digests named on the command line, decoded; InputError for unreadable ones."""
    digests, problems = [], []
    for name in names:
        try:
            data = stdin.read() if name == "-" else Path(name).read_bytes()
        except OSError as error:
            problems.append(Problem(name, None, None, "cannot read the file",
                                    found=error.strerror or str(error)))
            continue
        try:
            digests.append(Digest(name, data.decode("utf-8-sig")))
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            problems.append(Problem(name, line, None, "not UTF-8 text",
                                    found=f"byte 0x{data[error.start]:02x}",
                                    hint="save the digest as UTF-8"))
    if problems:
        raise InputError(problems)
    return digests


def compile_rules(tags: dict[str, TagInfo]) -> list[TagRule]:
    """Keywords match case-insensitively at the start of a word; /regex/ rules as written."""
    rules = []
    for tag in tags.values():
        for rule in tag.match:
            if len(rule) > 2 and rule.startswith("/") and rule.endswith("/"):
                pattern = re.compile(rule[1:-1])
            else:
                start = r"(?<![^\W_])" if rule[:1].isalnum() else ""
                pattern = re.compile(start + re.escape(rule), re.IGNORECASE)
            rules.append(TagRule(tag.slug, rule, pattern))
    return rules


def fire_rules(rules: list[TagRule], entry: Entry) -> list[tuple[str, str]]:
    """(tag, rule) of the first rule of each tag that matches the entry's text."""
    text = "\n".join(entry.title + entry.abstract)
    fired: dict[str, str] = {}
    for rule in rules:
        if rule.tag not in fired and rule.pattern.search(text):
            fired[rule.tag] = rule.rule
    return sorted(fired.items())


def date_for(digest_name: str, given: dt.date | None, today: dt.date) -> dt.date:
    """--date, else a date in the digest's name (hf-papers-2025-05 → 2025-05-01), else today."""
    if given:
        return given
    match = DATE_IN_NAME.search(Path(digest_name).name)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            pass
    return today


@dataclass(frozen=True)
class Existing:
    path: Path
    front: dict
    """Its front matter as text values ({} when it cannot be read)."""


def existing_papers(root: Path) -> tuple[dict[str, Existing], dict[str, Existing]]:
    """The papers already in content/, by slug and by each of their titles, case-folded."""
    by_slug, by_title = {}, {}
    for path in sorted((root / PAPERS_DIR).rglob("*.md")):
        front = read_front_matter(path)
        item = Existing(path, front)
        by_slug[path.stem] = item
        if isinstance(front.get("slug"), str):
            by_slug[front["slug"]] = item
        titles = front.get("title")
        if isinstance(titles, dict):
            for title in titles.values():
                if isinstance(title, str):
                    by_title[title.casefold().strip()] = item
    return by_slug, by_title


def read_front_matter(path: Path) -> dict:
    """The front matter of a paper file as the build reads it, or {} when it cannot be read
    (the import then knows the paper by its file name only)."""
    text, _ = decode(path.read_bytes(), path.name)
    front = split_front_matter(text, path.name)[0] if text else None
    try:
        value = load(front).value if front is not None else None
    except YamlError:
        return {}
    return value if isinstance(value, dict) else {}


def plan_import(root: Path, config: Config, digests: list[Digest], date: dt.date | None,
                extra_tags: list[str], update: bool, today: dt.date) -> list[Planned]:
    """What the import would write; InputError with every problem of every digest."""
    problems = tag_problems(extra_tags)
    target = Target(root, config, compile_rules(config.tags), extra_tags, update,
                    *existing_papers(root))
    markdown = MarkdownRenderer()
    planned: list[Planned] = []
    seen: dict[str, str] = {}
    for digest in digests:
        entries, digest_problems = parse_digest(digest.text, digest.name, config.languages)
        problems += digest_problems
        entry_date = date_for(digest.name, date, today)
        for entry in entries:
            where = f"{digest.name}:{entry.line}"
            slug = slug_from_title(entry.title[0])
            if not slug:
                problems.append(Problem(digest.name, entry.line, None,
                                        "the title gives no file name",
                                        found=repr(entry.title[0]),
                                        hint="give the title some letters or digits"))
                continue
            if slug in seen:
                problems.append(Problem(digest.name, entry.line, None,
                                        f"the same paper as {seen[slug]}",
                                        found=repr(entry.title[0]), hint="remove one of them"))
                continue
            seen[slug] = where
            item = target.plan(entry, where, slug, entry_date)
            paper_problems = [] if item.action == "skip" else parse_paper_file(
                item.text.encode("utf-8"), where, config.languages, markdown)[1]
            problems += [Problem(digest.name, entry.line, p.field, p.message, p.expected,
                                 p.found, p.hint) for p in paper_problems]
            planned.append(item)
    if problems:
        raise InputError(problems)
    return planned


def tag_problems(extra_tags: list[str]) -> list[Problem]:
    """What is wrong with the tags given by --tag."""
    problems = []
    for tag in extra_tags:
        if not TAG_FORM.fullmatch(tag):
            problems.append(Problem("--tag", None, None, "not a tag name",
                                    expected="lowercase letters, digits and hyphens",
                                    found=repr(tag)))
        elif problem := url_name_problem(tag):
            message, expected, found = problem
            problems.append(Problem("--tag", None, None, message, expected, found))
    return problems


@dataclass(frozen=True)
class Target:
    """The project an import writes into, and how: each entry is planned against it."""

    root: Path
    config: Config
    rules: list[TagRule]
    extra_tags: list[str]
    """Given by --tag, added to every paper."""
    update: bool
    """--update: rewrite papers already there, keeping their hand-added fields."""
    by_slug: dict[str, Existing]
    by_title: dict[str, Existing]

    def plan(self, entry: Entry, where: str, slug: str, date: dt.date) -> Planned:
        """The file for one entry: created, updated (--update) or skipped (there already)."""
        fired = fire_rules(self.rules, entry)
        tags = sorted({tag for tag, _ in fired} | set(self.extra_tags))
        existing = self.by_slug.get(slug) or self.by_title.get(entry.title[0].casefold().strip())
        fields: dict = {"date": date, "affiliation": entry.affiliation}
        path = self.root / PAPERS_DIR / f"{slug}.md"
        action = "create"
        if existing:
            path = existing.path
            if not self.update:
                return Planned("skip", path, where, "", fired, reason="already there")
            action = "update"
            fields.update(kept_fields(existing.front))
            old_tags = existing.front.get("tags")
            if isinstance(old_tags, list):
                tags = sorted(set(tags) | {t for t in old_tags if isinstance(t, str)})
        codes = [language.code for language in self.config.languages]
        text = format_paper(titles=dict(zip(codes, entry.title, strict=True)),
                            abstracts=dict(zip(codes, entry.abstract, strict=True)),
                            tags=tags, **fields)
        return Planned(action, path, where, text, fired)


def kept_fields(front: dict) -> dict:
    """The hand-added fields of an existing paper, as format_paper takes them."""
    kept = {}
    for name in KEPT_ON_UPDATE:
        value = front.get(name)
        if value is None:
            continue
        if name == "date":
            with contextlib.suppress(TypeError, ValueError):
                kept["date"] = dt.date.fromisoformat(value)
        elif name == "draft":
            kept["draft"] = str(value).lower() == "true"
        elif name == "authors" and isinstance(value, list):
            kept["authors"] = [a for a in value if isinstance(a, str)]
        elif name == "links" and isinstance(value, dict):
            kept["links"] = {k: v for k, v in value.items() if isinstance(v, str)}
        elif isinstance(value, str):
            kept[name] = value
    return kept


def write_planned(planned: list[Planned]) -> None:
    """Write each file through a temporary file and a rename, so none is ever half written."""
    for item in planned:
        if item.action == "skip":
            continue
        item.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".import-", dir=item.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(item.text)
            os.chmod(temporary, 0o644)
            os.replace(temporary, item.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def report_lines(planned: list[Planned], root: Path, dry_run: bool) -> list[str]:
    """One line per paper, then the counts."""
    verbs = {"create": "created", "update": "updated", "skip": "skipped"}
    if dry_run:
        verbs = {"create": "would create", "update": "would update", "skip": "would skip"}
    lines = []
    for item in planned:
        path = display_path(item.path, root)
        tags = ", ".join(f"{tag} ← {rule!r}" for tag, rule in item.fired) or "no tag rule fired"
        detail = item.reason + " (--update rewrites it)" if item.action == "skip" else tags
        lines.append(f"{verbs[item.action]} {path}  [{item.source}; {detail}]")
    counts = {action: sum(1 for item in planned if item.action == action)
              for action in ("create", "update", "skip")}
    summary = (f"{counts['create']} created, {counts['update']} updated, "
               f"{counts['skip']} skipped")
    lines.append(summary + (" (dry run: nothing written)" if dry_run else ""))
    return lines
