"""`translate`: fill the missing translations of papers through an OpenAI-compatible
chat-completions service (DeepSeek, Qwen, OpenAI, a local server), as site.yaml's
`translation:` names it.

- The key comes from the environment variable the settings name; it is sent in the
  Authorization header only, and taken out of any text bitext prints.
- Requests run a few at once (`concurrency`), spaced by `requests_per_minute`, and are
  tried again after 429, 5xx, timeouts and dropped connections, waiting twice as long each
  time (or what Retry-After says). A refusal that every request would meet (a wrong key,
  model or address, no credit, a server that cannot be reached) stops the run instead.
- A paper's file is written only when its translation is whole and passes every
  translation check (bitext.checks), through a temporary file and a rename: a failure
  leaves the file as it was, and Ctrl-C leaves every file whole. An answer that fails a
  check is asked for once more, saying what failed.
- What the file gains says where the translation came from: `translator: machine`,
  `translation_model`, and `translated_from` (the fingerprint of the text translated).
  A person's text, or a reviewed one, is never replaced unless --force says so.
- --stale makes again each machine translation that no one reviewed and whose primary
  text changed since (`import --update` after arXiv revised an abstract, an edit).
- Answers are cached in .bitext-cache/translations/ by the text, the model and the
  instructions, so translating again costs no request.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import hashlib
import json
import os
import random
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bitext.cache import CACHE_DIR
from bitext.checks import Texts, read_texts, translation_warnings
from bitext.config import Config, Glossary, Language, TranslationSettings
from bitext.content import MACHINE, text_fingerprint
from bitext.errors import InputError, Problem, counted, display_path
from bitext.inputs import PAPERS_DIR, paper_files
from bitext.paperfile import replace_file, scalar, with_field
from bitext.web import MAX_BACKOFF_SECONDS, retry_after, service_message

CACHE_FOLDER = "translations"
ANSWER_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")
THINKING_END = "</think>"


class TranslationFailed(Exception):
    """One paper could not be translated: the message says why (no key in it)."""


class ServiceRefused(TranslationFailed):
    """The service refused a request as it would refuse every other (a wrong key, model or
    address, no credit left): the run stops rather than ask for each paper."""


@dataclass(frozen=True)
class Job:
    """One paper to translate."""

    path: Path
    source: str
    texts: Texts
    fill: tuple[bool, bool]
    """Whether to write the title and the abstract (see `parts_to_fill`)."""

    @property
    def title_only(self) -> bool:
        """The title alone is asked for: the abstract's translation is there, and comes
        with the request as context (the answer is a line, not the abstract again)."""
        return self.fill == (True, False) and self.texts.abstract[1] is not None


@dataclass(frozen=True)
class Outcome:
    job: Job
    title: str | None = None
    abstract: str | None = None
    requests: int = 0
    cached: bool = False
    error: str | None = None
    not_asked: bool = False
    """Not sent: the service had refused every request (see ServiceRefused)."""
    corrected: bool = False
    """The first answer failed a check; the second, asked with what failed, is this."""


def instructions(languages: tuple[Language, Language], glossary: Glossary,
                 custom: str | None, title_only: bool = False) -> str:
    """The system prompt: bitext's (or the site's own) and the glossary; for a title
    alone (see `Job.title_only`), the answer asked for is its translation alone."""
    primary, secondary = languages
    text = custom or (
        f"You translate the titles and abstracts of research papers from {primary.name} "
        f"({primary.code}) into {secondary.name} ({secondary.code}) for readers of a "
        "research digest. Translate faithfully and fluently. Keep every formula between $ "
        "signs, every web address, every `code` span and every arXiv id exactly as it is, "
        "keep the Markdown, and give the translation as many paragraphs as the original.")
    if glossary.terms:
        text += "\nTranslate these terms as given: " + "; ".join(
            f"{term} → {translation}" for term, translation in glossary.terms.items()) + "."
    if glossary.keep:
        text += "\nKeep these terms as they are, untranslated: " + ", ".join(glossary.keep) + "."
    if title_only:
        return text + ("\nTranslate the title alone: the abstract and its translation "
                       "come as context, so that the title's terms agree with them. Answer "
                       'with one JSON object and nothing else: {"title": "…"}.')
    return text + ('\nAnswer with one JSON object and nothing else: '
                   '{"title": "…", "abstract": "…"}.')


def request_body(settings: TranslationSettings, system: str, texts: Texts,
                 title_only: bool = False) -> dict:
    asked = {"title": texts.title[0], "abstract": texts.abstract[0]}
    if title_only:
        asked = {"title": texts.title[0], "context": {
            "abstract": texts.abstract[0], "translated_abstract": texts.abstract[1]}}
    user = json.dumps(asked, ensure_ascii=False)
    body = {"model": settings.model, "messages": [{"role": "system", "content": system},
                                                  {"role": "user", "content": user}]}
    if settings.temperature is not None:
        # (a whole number as an int: 0 is sent as it was before the setting, and the
        # cache's keys stay)
        temperature = settings.temperature
        body["temperature"] = int(temperature) if temperature.is_integer() else temperature
    if settings.json_mode:
        body["response_format"] = {"type": "json_object"}
    return body


def read_answer(body: bytes, title_only: bool = False) -> tuple[str, str | None]:
    """The title and abstract of a chat-completions answer (the title alone, and None,
    when that was asked for); TranslationFailed when the answer is not the JSON object
    asked for."""
    try:
        choice = json.loads(body)["choices"][0]
        content = choice["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise TranslationFailed("the answer is not a chat completion "
                                f"({body[:120].decode('utf-8', 'replace')!r})") from None
    if choice.get("finish_reason") == "length":
        raise TranslationFailed("the answer was cut off at the service's limit of tokens "
                                "(finish_reason: length)")
    if not isinstance(content, str):
        raise TranslationFailed("the answer has no text")
    try:
        answer = answer_object(content)
        title, abstract = answer["title"], None if title_only else answer["abstract"]
    except (ValueError, KeyError, TypeError):
        raise TranslationFailed("the answer is not the JSON object asked for "
                                f"({content.strip()[:120]!r})") from None
    asked = (title,) if title_only else (title, abstract)
    if not all(isinstance(part, str) and part.strip() for part in asked):
        raise TranslationFailed("the answer has no title" if title_only
                                else "the answer has no title or no abstract")
    return " ".join(title.split()), None if title_only else abstract.strip()


def answer_object(content: str) -> dict:
    """The JSON object of a model's answer: alone, in a ``` fence, or after what reasoning
    models put first in `content` on some servers (Qwen3 or DeepSeek-R1 through Ollama or
    vLLM: `<think>…</think>`, or only the closing tag, the opening one being in the
    prompt), or after a sentence such as "Here is the translation:". ValueError if none."""
    text = content.rpartition(THINKING_END)[2].strip()
    with contextlib.suppress(ValueError):
        return json.loads(ANSWER_FENCE.sub("", text))
    decoder = json.JSONDecoder()
    for start in (match.start() for match in re.finditer(r"\{", text)):
        with contextlib.suppress(ValueError):
            found, _ = decoder.raw_decode(text, start)
            if isinstance(found, dict) and "title" in found:
                return found
    raise ValueError("no JSON object with a title")


class Client:
    """POSTs chat completions, a few at once, spaced, tried again on passing failures."""

    def __init__(self, settings: TranslationSettings, key: str | None,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings, self.key, self.sleep = settings, key, sleep
        self.interval = 60.0 / settings.requests_per_minute if settings.requests_per_minute \
            else 0.0
        self.next_start = 0.0
        self.lock = threading.Lock()
        self.url = settings.base_url + "/chat/completions"
        self.refused = False
        """A request met a ServiceRefused: the others are not sent."""
        self.sent = 0
        """Requests sent, those that failed too."""
        self.answered = False
        """The service has answered a request of this run (with an error too)."""

    def redact(self, text: str) -> str:
        """`text` without the key, nor a masked copy of it that ends as the key does (as
        OpenAI's answer to a wrong key shows it: "sk-proj-****abcd")."""
        if not self.key:
            return text
        text = text.replace(self.key, "[key]")
        if len(self.key) >= 8:
            text = re.sub(r"\S*" + re.escape(self.key[-4:]) + r"\b", "[key]", text)
        return text

    def wait_turn(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.interval
        if start > now:
            self.sleep(start - now)

    def complete(self, body: dict) -> tuple[bytes, int]:
        """The answer's body and the number of requests it took."""
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "User-Agent": "bitext"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        for attempt in range(self.settings.retries + 1):
            self.wait_turn()
            with self.lock:
                self.sent += 1
            unreachable = False
            request = urllib.request.Request(self.url, data=data, headers=headers,
                                             method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.settings.timeout_seconds
                                            ) as response:
                    self.answered = True
                    return response.read(), attempt + 1
            except urllib.error.HTTPError as error:
                self.answered = True
                said = self.redact(service_message(error))
                refused = refuses_all(error.code, said)
                passing = (error.code == 429 or error.code >= 500) and not refused
                why = f"HTTP {error.code} {self.redact(error.reason or '')}".strip() + (
                    f" ({said})" if said else "")
                wait = retry_after(error.headers.get("Retry-After"))
                if not passing:
                    message = f"the service answered {why}" + hint_for(error.code, said)
                    if refused:
                        self.refused = True
                        raise ServiceRefused(message) from None
                    raise TranslationFailed(message) from None
            except TimeoutError:
                why, wait = f"no answer within {self.settings.timeout_seconds} s", None
            except (urllib.error.URLError, ConnectionError) as error:
                reason = getattr(error, "reason", error)
                if isinstance(reason, ConnectionRefusedError) and not self.answered:
                    # Nothing listens there, and nothing has this run: a server not started
                    # (a local one) or a wrong address, which a minute of attempts for each
                    # paper would not mend. (Refused after an answer: a server restarting.)
                    self.refused = True
                    raise ServiceRefused(
                        f"cannot reach {self.settings.base_url} (connection refused): is the "
                        "server running, and is translation.base_url in site.yaml its "
                        "address?") from None
                unreachable = not isinstance(reason, TimeoutError)
                if unreachable:
                    why = f"cannot reach {self.settings.base_url} ({self.redact(str(reason))})"
                else:
                    why = f"no answer within {self.settings.timeout_seconds} s"
                wait = None
            if attempt == self.settings.retries:
                message = f"{why}, after {attempt + 1} attempts"
                if unreachable:  # (a server down or a wrong address: so for every paper)
                    self.refused = True
                    raise ServiceRefused(message)
                raise TranslationFailed(message)
            backoff = self.settings.retry_seconds * 2 ** attempt
            self.sleep(min(MAX_BACKOFF_SECONDS, wait if wait is not None else
                           backoff * (1 + random.random() / 4)))
        raise AssertionError("unreachable")


def refuses_all(code: int, said: str) -> bool:
    """Whether the service would answer every request so: a wrong key, address or model,
    no credit, a setting the model refuses (other 400s are about one paper's text)."""
    return (code in (401, 402, 403, 404) or (code == 429 and "quota" in said)
            or (code == 400 and ("temperature" in said or refuses_json_mode(said))))


def refuses_json_mode(said: str) -> bool:
    """Whether a 400's message refuses `response_format` (DeepSeek's reasoner: "…does not
    support Json Output.")."""
    return any(words in said.lower() for words in ("response_format", "json output",
                                                   "json_object"))


def hint_for(code: int, said: str) -> str:
    if code in (401, 403):
        return ": check the key in the environment variable that site.yaml names"
    if code == 404:
        return ": check translation.base_url and translation.model in site.yaml"
    if code == 402 or code == 429:
        return ": check the account's credit or plan at the service"
    if code == 400 and "temperature" in said:
        return ": set `temperature: none` under translation: in site.yaml"
    if code == 400 and refuses_json_mode(said):
        return ": this model takes no response_format: leave json_mode out of site.yaml"
    return ""


@dataclass
class Cache:
    """Answers that passed the checks, by the text, model and instructions."""

    folder: Path | None

    def key(self, body: dict) -> str:
        return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False)
                              .encode("utf-8")).hexdigest()

    def get(self, body: dict) -> tuple[str, str | None] | None:
        if self.folder is None:
            return None
        try:
            found = json.loads((self.folder / f"{self.key(body)}.json").read_text("utf-8"))
            return found["title"], found["abstract"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, body: dict, title: str, abstract: str | None) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{self.key(body)}.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"title": title, "abstract": abstract},
                                        ensure_ascii=False), "utf-8")
        temporary.replace(path)


def plan_jobs(root: Path, config: Config, files: list[Path], pending: bool, force: bool,
              stale: bool = False) -> tuple[list[Job], list[str]]:
    """The papers to translate, and a line for each paper left alone that was named, or
    whose stale translation --stale does not make again."""
    codes = [language.code for language in config.languages]
    chosen: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    if pending or stale:
        chosen = [(source, Path(path)) for source, path in paper_files(root)[0]]
    named = set()
    for path in files:
        source = display_path(path, root)
        if not path.resolve().is_relative_to((root / PAPERS_DIR).resolve()) or not path.is_file():
            problems.append(Problem(source, None, None, "not a paper file",
                                    expected=f"a file in {PAPERS_DIR.as_posix()}/"))
        else:
            chosen.append((source, path))
            named.add(source)
    jobs, skipped = [], []
    for source, path in dict(chosen).items():
        texts = read_texts(path.read_bytes(), source, config.languages)
        if texts is None:
            problems.append(Problem(source, None, None, "cannot be read as a paper",
                                    hint=f"`bitext check` says why ({codes[0]} title and "
                                         "abstract are needed)"))
            continue
        fill = parts_to_fill(texts, source in named, pending, force, stale)
        if any(fill):
            jobs.append(Job(path, source, texts, fill))
        elif stale and texts.stale:
            skipped.append(f"left {source}  [its translation is out of date but a person's "
                           f"or a reviewed one: update it, then run `bitext confirm "
                           f"{source}`; --force translates it again]")
        elif source in named:
            skipped.append(f"skipped {source}  [translated already; --force translates it "
                           "again]")
    if problems:
        raise InputError(problems)
    return jobs, skipped


def parts_to_fill(texts: Texts, named: bool, pending: bool, force: bool, stale: bool
                  ) -> tuple[bool, bool]:
    """Whether to translate the paper's title and its abstract. A named paper, or one
    awaiting its translation under --pending, gets what it lacks (everything with
    --force). Under --stale, a translation made from an earlier primary text is made
    again when a machine made it and no one reviewed it (any, with --force)."""
    if stale and texts.stale and (force or texts.unreviewed_machine):
        return True, True
    missing = (texts.title[1] is None, texts.abstract[1] is None)
    if named or (pending and any(missing)):
        return force or missing[0], force or missing[1]
    return False, False


def translate_one(job: Job, client: Client, cache: Cache, body: dict,
                  config: Config) -> Outcome:
    """Ask for one paper's translation (or take it from the cache) and check it. A new
    answer that fails a check is asked for once more, with what failed: a model at
    temperature 0 would otherwise give the same answer to every run."""
    requests, corrected = 0, False
    try:
        found = cache.get(body)
        # (a cached answer passed the checks when it was kept; the glossary may have
        # changed since)
        problems = check_answer(job, found, config) if found else []
        if found is None or problems:
            if client.refused:
                return Outcome(job, not_asked=True)
            answer, requests = client.complete(body)
            found = read_answer(answer, job.title_only)
            problems = check_answer(job, found, config)
        if problems:
            answer, more = client.complete(correction(body, found, problems))
            requests, corrected = requests + more, True
            found = read_answer(answer, job.title_only)
            problems = check_answer(job, found, config)
        if problems:
            raise TranslationFailed(described(problems) + (" (asked twice)" if corrected
                                                           else ""))
        if requests:
            cache.put(body, *found)
        return Outcome(job, *found, requests, cached=requests == 0, corrected=corrected)
    except TranslationFailed as error:
        return Outcome(job, requests=requests, error=client.redact(str(error)))


def check_answer(job: Job, answer: tuple[str, str | None], config: Config) -> list[Problem]:
    """What the translation checks find in the paper with this answer's title and
    abstract where the job fills them, and not in the translation it keeps: a title asked
    for beside an abstract translated before (as daily-arXiv-ai-enhanced's are) fails
    for its own faults only, which the model can mend."""
    def with_answer(title: str, abstract: str | None) -> list[Problem]:
        merged = dataclasses.replace(
            job.texts,
            title=(job.texts.title[0], title if job.fill[0] else job.texts.title[1]),
            abstract=(job.texts.abstract[0],
                      abstract if job.fill[1] else job.texts.abstract[1]))
        return translation_warnings(merged, config.glossary, config.languages)

    found = with_answer(*answer)
    if all(job.fill):
        return found
    # (the kept part's own faults: the checks of the paper whose parts asked for are their
    # original text, which lacks nothing of itself)
    kept = with_answer(job.texts.title[0], job.texts.abstract[0])
    return [problem for problem in found if problem not in kept]


def problem_text(problem: Problem) -> str:
    """A translation check's finding, as a failure line and the model are told it."""
    return problem.message.removeprefix("warning: ") + (
        f" {problem.found}" if problem.found else "")


def described(problems: list[Problem]) -> str:
    return problem_text(problems[0]) + (
        f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")


def correction(body: dict, answer: tuple[str, str | None], problems: list[Problem]) -> dict:
    """The request again, with the answer and what the checks found in it."""
    reasons = "; ".join(problem_text(problem) for problem in problems[:5])
    title, abstract = answer
    given = json.dumps({"title": title} if abstract is None else
                       {"title": title, "abstract": abstract}, ensure_ascii=False)
    parts = "title" if abstract is None else "title and abstract"
    return {**body, "messages": [
        *body["messages"], {"role": "assistant", "content": given},
        {"role": "user", "content": f"This translation cannot be used: {reasons}. Translate "
                                    f"the {parts} again with this fixed, and answer with the "
                                    "JSON object only."}]}


def translated_text(data: str, outcome: Outcome, config: Config) -> str:
    """The paper file's text with the translation and where it came from."""
    job, code, text = outcome.job, config.secondary.code, data
    if job.fill[0]:
        text = with_title(text, code, outcome.title)
    if job.fill[1]:
        text = with_block(text, code, outcome.abstract)
    for name, value in provenance_written(job.texts.provenance, job.fill,
                                          config.translation.model).items():
        text = with_field(text, name, value)
    return with_field(text, "translated_from", text_fingerprint(job.texts.title[0],
                                                                job.texts.abstract[0]))


def part_named(job: Job) -> str:
    """Which part a job translated, for its report line, when not both."""
    if all(job.fill):
        return ""
    return "the title alone; " if job.fill[0] else "the abstract alone; "


def provenance_written(kept: dict[str, str], fill: tuple[bool, bool], model: str
                       ) -> dict[str, str | None]:
    """The provenance fields of a paper whose title (fill[0]) and abstract (fill[1]) the
    model has just translated, beside what `kept` (the file's fields) says of the part it
    keeps: `translator` and `translation_model` name who made the abstract's translation,
    `title_translator` and `title_translation_model` who made the title's when another
    did. No one has reviewed the new text (None removes a field)."""
    machine = (MACHINE, model)
    abstract_by = (kept.get("translator"), kept.get("translation_model"))
    title_by = ((kept["title_translator"], kept.get("title_translation_model"))
                if kept.get("title_translator") else abstract_by)
    if fill[1]:
        abstract_by = machine
    if fill[0]:
        title_by = machine
    # (a title whose translator is unknown is written as the abstract's: nothing to name)
    own_title = title_by != abstract_by and title_by[0] is not None
    return {"translator": abstract_by[0], "translation_model": abstract_by[1],
            "title_translator": title_by[0] if own_title else None,
            "title_translation_model": title_by[1] if own_title else None,
            "reviewed_by": None}


def with_title(text: str, secondary: str, title: str) -> str:
    """The secondary title written into the `title:` mapping (block form, as bitext writes
    it): its line replaced, or added after the primary title's. A mapping on one line
    (`title: {en: …}`, as site.yaml's example writes its title) is written out in block
    form first."""
    lines = text.split("\n")
    line = f"  {secondary}: {scalar(title)}"
    start = next((i for i, content in enumerate(lines) if content.rstrip() == "title:"), None)
    if start is None:
        start = next((i for i, content in enumerate(front_matter(lines))
                      if FLOW_TITLE.fullmatch(content.rstrip())), None)
        block = block_title(lines[start]) if start is not None else None
        if block is None:
            raise TranslationFailed("the file's title is not written as 'title:' with one "
                                    "line per language")
        lines[start:start + 1] = block
    index = start + 1
    while index < len(lines) and lines[index].startswith((" ", "\t")):
        if lines[index].strip().startswith(f"{secondary}:"):
            lines[index] = line
            return "\n".join(lines)
        index += 1
    lines.insert(index, line)
    return "\n".join(lines)


FLOW_TITLE = re.compile(r"title:\s*\{.*\}")


def front_matter(lines: list[str]) -> list[str]:
    """The lines of the front matter, its opening '---' first (none if it has none)."""
    if not lines or lines[0].strip("\ufeff").rstrip() != "---":
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), len(lines))
    return lines[:end]


def block_title(line: str) -> list[str] | None:
    """`title: {en: …, zh-Hans: …}` as the lines of a block mapping; None for a line that
    is no mapping of texts."""
    import yaml

    try:
        value = yaml.safe_load(line)
    except yaml.YAMLError:
        return None
    titles = value.get("title") if isinstance(value, dict) else None
    if not isinstance(titles, dict) or not all(
            isinstance(key, str) and isinstance(text, (str, type(None)))
            for key, text in titles.items()):
        return None
    return ["title:"] + [f"  {code}: {scalar(text)}" if text else f"  {code}:"
                         for code, text in titles.items()]


def with_block(text: str, code: str, abstract: str) -> str:
    """The `::: code` block holding the abstract: its text replaced, or the block added."""
    lines = text.split("\n")
    for index, content in enumerate(lines):
        if content.strip() == f"::: {code}":
            end = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == ":::")
            return "\n".join(lines[:index + 1] + abstract.split("\n") + lines[end:])
    return text.rstrip("\n") + f"\n\n::: {code}\n{abstract}\n:::\n"


def write_outcome(outcome: Outcome, config: Config) -> str | None:
    """Write a paper's translation into its file (whole, or not at all); why not, if not.
    (In the main thread only: one writer.)"""
    data = outcome.job.path.read_text("utf-8-sig")
    try:
        replace_file(outcome.job.path, translated_text(data, outcome, config))
    except TranslationFailed as error:
        return str(error)
    return None


def api_key(settings: TranslationSettings, environ: dict[str, str]) -> str | None:
    if settings.api_key_env is None:
        return None
    key = environ.get(settings.api_key_env, "").strip()
    if not key:
        raise InputError([Problem("site.yaml", None, "translation.api_key_env",
                                  f"the environment variable {settings.api_key_env} is not set",
                                  hint=f"export {settings.api_key_env}=… in the shell that "
                                       "runs bitext (never write the key in a file), or "
                                       "api_key_env: none for a server that wants no key")])
    return key


def translate(root: Path, config: Config, files: list[Path], pending: bool, force: bool,
              dry_run: bool, report: Callable[[str], None],
              environ: dict[str, str] | None = None,
              sleep: Callable[[float], None] = time.sleep, stale: bool = False) -> int:
    """Translate the papers (see `plan_jobs`); report a line per paper and a summary.
    Returns how many papers failed."""
    settings = config.translation
    if settings is None:
        raise InputError([Problem("site.yaml", None, "translation", "not set up",
                                  expected="translation: {base_url: …, model: …}",
                                  hint="see README.md, Translating")])
    jobs, skipped = plan_jobs(root, config, files, pending, force, stale)
    for line in skipped:
        report(line)
    systems = {title_only: instructions(config.languages, config.glossary,
                                        settings.system_prompt, title_only)
               for title_only in (False, True)}
    bodies = {job.source: request_body(settings, systems[job.title_only], job.texts,
                                       job.title_only) for job in jobs}
    cache = Cache(root / CACHE_DIR / CACHE_FOLDER)
    if dry_run:
        cached = sum(cache.get(bodies[job.source]) is not None for job in jobs)
        for job in jobs:
            report(f"would translate {job.source}")
        report(f"{len(jobs)} to translate with {settings.model}: "
               f"{counted(len(jobs) - cached, 'request')}, {cached} from the cache (dry run: "
               "nothing sent or written)")
        return 0
    client = Client(settings, api_key(settings, os.environ if environ is None else environ),
                    sleep)
    started, translated, failed, from_cache = time.monotonic(), 0, 0, 0
    with concurrent.futures.ThreadPoolExecutor(settings.concurrency) as pool:
        futures = [pool.submit(translate_one, job, client, cache, bodies[job.source], config)
                   for job in jobs]
        not_asked = 0
        try:
            for future in concurrent.futures.as_completed(futures):
                outcome = future.result()
                if outcome.not_asked:
                    not_asked += 1
                    continue
                error = outcome.error or write_outcome(outcome, config)
                if error:
                    failed += 1
                    report(f"failed {outcome.job.source}: {error} (the file is as it was)")
                    continue
                translated += 1
                from_cache += outcome.cached
                report(f"translated {outcome.job.source}  [{part_named(outcome.job)}"
                       f"{settings.model}; "
                       + ("from the cache]" if outcome.cached else
                          f"{outcome.requests} request{'s' * (outcome.requests > 1)}"
                          + (", asked again with what the first answer lacked]"
                             if outcome.corrected else "]")))
        except KeyboardInterrupt:
            for future in futures:
                future.cancel()
            report(f"stopped: {translated} translated; the files not yet written are as "
                   "they were")
            raise
    if not_asked:
        report(f"stopped: the service refuses every request; {not_asked} "
               f"paper{'s' * (not_asked != 1)} not asked (their files are as they were)")
    report(f"{translated} translated ({from_cache} from the cache), {failed} failed, "
           f"{len(skipped)} skipped; {client.sent} request{'s' * (client.sent != 1)} in "
           f"{time.monotonic() - started:.1f} s")
    return failed + not_asked
