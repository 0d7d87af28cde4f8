"""site.yaml: the site's settings, validated with every error reported at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bitext.errors import InputError, Problem
from bitext.inputs import CONFIG_FILE
from bitext.schema import Fields, is_web_address
from bitext.strings import primary_subtag

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
TAG_FORM = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Scripts written right to left, by primary language subtag (and the Arabic script subtag).
RTL_LANGUAGES = {"ar", "arc", "ckb", "dv", "fa", "he", "ku-Arab", "ps", "sd", "ug", "ur", "yi"}
LOCALHOST_URL = "http://localhost:8000/"
DOMAIN_FORM = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


@dataclass(frozen=True)
class Language:
    """One language of the pair."""

    code: str
    """BCP 47 code, used in `lang` attributes and as the key of titles and abstracts."""
    name: str
    """Display name in that language itself, e.g. English, 简体中文, العربية."""
    dir: str
    """Writing direction: "ltr" or "rtl"."""


@dataclass(frozen=True)
class TagInfo:
    """What site.yaml says about one tag: its names and the import rules that give it."""

    slug: str
    names: dict[str, str] = field(default_factory=dict)
    """Display name per language code; the slug is shown where a name is missing."""
    match: tuple[str, ...] = ()
    """Keywords (case-insensitive) or /regular expressions/ that tag an imported paper."""


@dataclass(frozen=True)
class TranslationSettings:
    """site.yaml's `translation:`: the OpenAI-compatible chat-completions service that
    `bitext translate` asks. The key is read from the environment, never from a file."""

    base_url: str
    """Such as https://api.deepseek.com/v1 (…/chat/completions is added)."""
    model: str
    api_key_env: str | None = "OPENAI_API_KEY"
    """The environment variable holding the key; None for a server that wants none."""
    system_prompt: str | None = None
    """Replaces bitext's instructions (the glossary is added to it either way)."""
    concurrency: int = 4
    """Requests at once."""
    requests_per_minute: int | None = None
    timeout_seconds: int = 120
    retries: int = 5
    """Attempts after the first on 429, 5xx, timeouts and dropped connections."""
    retry_seconds: float = 2.0
    """The first back-off; each retry waits twice as long (or what Retry-After says)."""
    temperature: float | None = 0.0
    """Sent with each request; None sends none (reasoning models such as OpenAI's o-series
    refuse any but their own)."""
    json_mode: bool = False
    """Ask for the answer as a JSON object (`response_format: {type: json_object}`), which
    OpenAI, DeepSeek's chat models, vLLM and Ollama's OpenAI API honour; other services
    and reasoning models may refuse it."""


@dataclass(frozen=True)
class Glossary:
    """site.yaml's `glossary:`: terms and the translation they must have, and terms that
    stay as they are (model names, LLM). `translate` tells the model; `check` warns when
    a translation lacks them."""

    terms: dict[str, str] = field(default_factory=dict)
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    title: dict[str, str]
    """Site title per language code."""
    description: dict[str, str]
    base_url: str
    """Absolute URL of the site's root, ending in '/'; may include a sub-path."""
    base_url_set: bool
    """False when base_url fell back to the local default (feeds then point at localhost)."""
    domain: str | None
    """Custom domain for GitHub Pages, written to CNAME; https://DOMAIN/ is then the
    default base_url."""
    languages: tuple[Language, Language]
    """The pair; the first is the primary language (slugs, page language, listing order)."""
    per_page: int
    """Papers per page of the home listing."""
    feed_size: int
    editor: str | None
    editor_email: str | None
    tags: dict[str, TagInfo]
    list_per_page: int = 100
    """Papers per page of a tag's and a month's listing (bigger than the home's: readers
    go through a tag's papers, which at 10,000 papers are thousands)."""
    search: bool = True
    """Build the offline search (bitext.search)."""
    translation: TranslationSettings | None = None
    """None: `translate` is not set up."""
    glossary: Glossary = field(default_factory=Glossary)
    publish_awaiting: bool = False
    """`awaiting_translation: publish`: papers without their translation are published
    (primary language only, with a note that the translation is coming). The default,
    `hold`, keeps them out of the site as drafts are: a feed item is read once, so a
    reader would never see the translation that comes later."""

    @property
    def primary(self) -> Language:
        return self.languages[0]

    @property
    def secondary(self) -> Language:
        return self.languages[1]

    @property
    def base_path(self) -> str:
        """The URL path of the site root: '/' or '/repo/'."""
        return urlsplit(self.base_url).path or "/"


def language_direction(code: str) -> str:
    return "rtl" if primary_subtag(code) in RTL_LANGUAGES or code in RTL_LANGUAGES else "ltr"


def normalise_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def load_config(root: Path, base_url_override: str | None = None) -> Config:
    """Read `root/site.yaml`; raise InputError with every problem found."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise InputError([Problem(CONFIG_FILE, None, None, "missing",
                                  hint="run bitext from the site's folder, or pass --root")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError([Problem(CONFIG_FILE, None, None, "not UTF-8 text",
                                  found=f"byte 0x{error.object[error.start]:02x} at offset "
                                        f"{error.start}", hint="save the file as UTF-8")]) from None
    from bitext.strictyaml import YamlError, load  # (see bitext.content: rebuilds skip it)

    try:
        document = load(text)
    except YamlError as error:
        raise InputError([Problem(CONFIG_FILE, error.line, error.field, error.message,
                                  hint=error.hint)]) from None
    fields = Fields(document, CONFIG_FILE)
    if not isinstance(document.value, dict):
        fields.problem((), "not a mapping", expected="fields such as 'title:'",
                       found="nothing" if document.value is None else "a list or text")
        raise InputError(fields.problems)
    config = read_config(fields, base_url_override)
    if fields.problems:
        raise InputError(fields.problems)
    return config


def read_config(fields: Fields, base_url_override: str | None) -> Config:
    fields.only_keys((), ["title", "description", "base_url", "domain", "languages",
                          "per_page", "list_per_page", "feed_size", "editor", "tags", "search",
                          "awaiting_translation", "translation", "glossary"])
    languages = read_languages(fields)
    codes = [language.code for language in languages]
    domain = fields.pattern("domain", regex=DOMAIN_FORM, expected="a host name such as "
                            "digest.example.org", hint="the name only, without https://")
    base_url = read_base_url(fields, base_url_override) or (
        f"https://{domain}/" if domain else None)
    # (`editor: Wang Fang` names the editor, as `editor: {name: Wang Fang}` does)
    editor_named = isinstance(fields.raw("editor"), str)
    editor = {} if editor_named else fields.mapping(
        "editor", expected="the editor's name and e-mail, such as {name: …, email: …}") or {}
    fields.only_keys(("editor",), ["name", "email"])
    return Config(
        title=read_bilingual(fields, "title", codes),
        description=read_bilingual(fields, "description", codes),
        base_url=base_url or LOCALHOST_URL,
        base_url_set=base_url is not None,
        domain=domain,
        languages=languages,
        per_page=fields.integer("per_page", default=10, minimum=1, maximum=1000),
        list_per_page=fields.integer("list_per_page", default=100, minimum=1, maximum=10000),
        feed_size=fields.integer("feed_size", default=20, minimum=1, maximum=1000),
        editor=(fields.text("editor") if editor_named
                else fields.text("editor", "name", required=False) if editor else None),
        editor_email=fields.text("editor", "email", required=False) if editor else None,
        tags=read_tags(fields, codes),
        search=fields.boolean("search", default=True),
        translation=read_translation(fields),
        glossary=read_glossary(fields, codes),
        publish_awaiting=read_awaiting_policy(fields),
    )


TRANSLATION_KEYS = ["base_url", "model", "api_key_env", "system_prompt", "concurrency",
                    "requests_per_minute", "timeout_seconds", "retries", "retry_seconds",
                    "temperature", "json_mode"]
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def read_translation(fields: Fields) -> TranslationSettings | None:
    if fields.mapping("translation", expected="the translation service's settings, such as "
                      "{base_url: https://…/v1, model: …}") is None:
        return None
    fields.only_keys(("translation",), TRANSLATION_KEYS)
    base_url = fields.url("translation", "base_url", required=True)
    model = fields.text("translation", "model", required=True,
                        hint="the model's name at that service, such as deepseek-chat")
    key_env = fields.raw("translation", "api_key_env")
    if key_env in (None, "none"):
        key_env = "OPENAI_API_KEY" if key_env is None else None
    elif not isinstance(key_env, str) or not ENV_NAME.fullmatch(key_env):
        fields.problem(("translation", "api_key_env"), "not a variable name",
                       expected="the name of an environment variable, such as "
                                "DEEPSEEK_API_KEY, or none", found=repr(key_env),
                       hint="never write the key itself in a file")
        key_env = None
    per_minute = fields.integer("translation", "requests_per_minute", default=0, minimum=0,
                                maximum=100_000)
    no_temperature = fields.raw("translation", "temperature") == "none"
    temperature = None if no_temperature else fields.number(
        "translation", "temperature", default=0.0, maximum=2, message="not a temperature",
        expected="a number from 0 to 2, or none",
        hint="none sends no temperature, for models that take only their own")
    settings = dict(
        system_prompt=fields.text("translation", "system_prompt", required=False,
                                  multiline=True),
        concurrency=fields.integer("translation", "concurrency", default=4, minimum=1,
                                   maximum=64),
        requests_per_minute=per_minute or None,
        timeout_seconds=fields.integer("translation", "timeout_seconds", default=120,
                                       minimum=1, maximum=3600),
        retries=fields.integer("translation", "retries", default=5, minimum=0, maximum=20),
        retry_seconds=fields.number("translation", "retry_seconds", default=2.0, maximum=600,
                                    message="not a number of seconds", expected="0 to 600"),
        temperature=temperature,
        json_mode=fields.boolean("translation", "json_mode", default=False))
    if base_url is None or model is None:
        return None
    return TranslationSettings(base_url=base_url.rstrip("/"), model=model,
                               api_key_env=key_env, **settings)


def read_glossary(fields: Fields, codes: list[str]) -> Glossary:
    if fields.mapping("glossary", expected="the terms with their translations and the words "
                      "to keep, such as {terms: {…}, keep: […]}") is None:
        return Glossary()
    fields.only_keys(("glossary",), ["terms", "keep"])
    terms = {}
    for term in fields.mapping("glossary", "terms", expected="each term with its "
                               "translation, such as {mixture of experts: …}") or {}:
        translation = fields.text("glossary", "terms", term,
                                  hint=f"the term's translation into {codes[1]}")
        if translation:
            terms[term] = translation
    return Glossary(terms, fields.text_list("glossary", "keep"))


AWAITING_POLICIES = ("hold", "publish")


def read_awaiting_policy(fields: Fields) -> bool:
    """Whether papers awaiting their translation are published (`publish`) or held back
    like drafts (`hold`, the default)."""
    value = fields.text("awaiting_translation", required=False) or "hold"
    if value not in AWAITING_POLICIES:
        fields.problem(("awaiting_translation",), "unknown choice",
                       expected=" or ".join(AWAITING_POLICIES), found=repr(value),
                       hint="hold keeps such papers out of the site until they are translated")
        return False
    return value == "publish"


def read_languages(fields: Fields) -> tuple[Language, Language]:
    default = (Language("en", "English", "ltr"), Language("zh-Hans", "简体中文", "ltr"))
    value = fields.raw("languages")
    if not isinstance(value, list) or len(value) != 2:
        fields.problem(("languages",), "not a pair of languages",
                       expected="a list of exactly two entries with code and name",
                       found="nothing" if value is None else f"{type(value).__name__}"
                       + (f" of {len(value)}" if isinstance(value, list) else ""),
                       hint="the first listed language is the primary one")
        return default
    languages = []
    for index in range(2):
        written = fields.raw("languages", index)
        example = written if isinstance(written, str) else ("en", "zh-Hans")[index]
        if fields.mapping("languages", index, required=True,
                          expected=f"a language's code and name, such as {{code: {example}, "
                                   "name: …}") is None:
            return default
        fields.only_keys(("languages", index), ["code", "name", "dir"])
        code = fields.pattern("languages", index, "code", regex=LANGUAGE_CODE, required=True,
                              expected="a BCP 47 code such as en, zh-Hans or ar",
                              hint="quote it if YAML would read it otherwise")
        name = fields.text("languages", index, "name", required=False)
        direction = fields.text("languages", index, "dir", required=False)
        if direction not in (None, "ltr", "rtl"):
            fields.problem(("languages", index, "dir"), "unknown direction",
                           expected="ltr or rtl", found=repr(direction))
            direction = None
        if code is None:
            return default
        languages.append(Language(code, name or code, direction or language_direction(code)))
    if languages[0].code == languages[1].code:
        fields.problem(("languages", 1, "code"), "same language twice",
                       expected="two different codes", found=repr(languages[1].code))
        return default
    return languages[0], languages[1]


def read_bilingual(fields: Fields, name: str, codes: list[str]) -> dict[str, str]:
    """A field written once per language, e.g. `title: {en: …, zh-Hans: …}`."""
    if fields.mapping(name, required=True, expected=in_each_language(name, codes,
                                                                     fields.raw(name))) is None:
        return {}
    fields.only_keys((name,), codes)
    values = {}
    for code in codes:
        value = fields.text(name, code, hint=f"give the {name} in every language of the pair")
        if value is not None:
            values[code] = value
    return values


def in_each_language(name: str, codes: list[str], written: object) -> str:
    """What a field written once per language holds, for a problem: `title: My Digest`
    gets "the title in each language, such as {en: My Digest, zh-Hans: …}"."""
    first = written if isinstance(written, str) and written.strip() else "…"
    return (f"the {name} in each language, such as {{{codes[0]}: {first}, "
            f"{codes[1]}: …}}")


def read_base_url(fields: Fields, override: str | None) -> str | None:
    if override is not None:
        if problem := base_url_problem(override):
            message, expected = problem
            fields.problems.append(Problem("--base-url", None, None, message,
                                           expected=expected, found=repr(override)))
            return None
        return normalise_base_url(override)
    url = fields.url("base_url")
    if url and (problem := base_url_problem(url)):
        message, expected = problem
        fields.problem(("base_url",), message, expected=expected, found=repr(url))
        return None
    return normalise_base_url(url) if url else None


def base_url_problem(url: str) -> tuple[str, str] | None:
    """(what is wrong, what was expected) when the site cannot be served at `url`: every
    page's address is `url` followed by the page's path."""
    if not is_web_address(url):
        return "not a web address", "an http:// or https:// URL"
    if "?" in url or "#" in url:
        return "not a site address", "the address the site is served at, without ?… or #…"
    return None


def read_tags(fields: Fields, codes: list[str]) -> dict[str, TagInfo]:
    tags = fields.mapping("tags", expected="the tags by slug, such as {llm: {name: …, "
                          "match: […]}}") or {}
    result = {}
    for slug in tags:
        if not TAG_FORM.fullmatch(slug):
            fields.problem(("tags", slug), "not a tag name",
                           expected="lowercase letters, digits and hyphens", found=repr(slug))
            continue
        if not fields.url_name(("tags", slug), slug):
            continue
        if fields.raw("tags", slug) is not None and fields.mapping(
                "tags", slug, expected="the tag's name and rules, such as {name: …, "
                "match: […]}") is None:
            continue
        fields.only_keys(("tags", slug), ["name", "match"])
        names = {}
        if isinstance(fields.raw("tags", slug, "name"), str):  # (one name for both: "LLM")
            name = fields.text("tags", slug, "name")
            names = dict.fromkeys(codes, name) if name else {}
        elif fields.mapping("tags", slug, "name",
                            expected=in_each_language("name", codes, None)) is not None:
            fields.only_keys(("tags", slug, "name"), codes)
            names = {code: text for code in codes
                     if (text := fields.text("tags", slug, "name", code, required=False))}
        match = fields.text_list("tags", slug, "match")
        for index, rule in enumerate(match):
            if len(rule) > 2 and rule.startswith("/") and rule.endswith("/"):
                try:
                    re.compile(rule[1:-1])
                except re.error as error:
                    fields.problem(("tags", slug, "match", index), "not a regular expression",
                                   found=f"{rule!r} ({error})",
                                   hint="a rule between slashes is a Python regex")
        result[slug] = TagInfo(slug, names, match)
    return result
