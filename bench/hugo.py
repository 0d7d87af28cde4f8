"""The benchmark corpus as a Hugo site, with pages like bitext's.

Paper pages (both titles, both abstracts rendered from Markdown, tags, authors, previous
and next), a paginated home listing (10 a page), a paginated listing per tag (100 a page,
as bitext's `list_per_page`), one RSS feed per tag (20 items), a tag index, the site feed
and a sitemap. bitext also writes month archives, JSON-LD and three related papers per
paper, which this site leaves out, so the comparison favours Hugo: with Hugo's related
content (`.Site.RegularPages.Related`, one index on tags) the 10,000-paper build took 41 s
instead of about 4 s on our 2-core machine.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.corpus import generate

CONFIG = """\
baseURL = "https://example.org/digest/"
title = "Digest"
languageCode = "en"
paginate = 10
disableKinds = ["section"]
[taxonomies]
  tag = "tags"
[services.rss]
  limit = 20
"""
# A Hugo site with a page per paper and language (`write_hugo_site(…, per_language=True)`).
LANGUAGES = """defaultContentLanguage = "en"
[languages]
  [languages.en]
    languageCode = "en"
    weight = 1
  [languages.zh-hans]
    languageCode = "zh-Hans"
    weight = 2
"""

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | relURL }}"></head>
<body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }} <span lang="{{ .Params.other_language }}">{{ .Params.title_zh }}</span></h1>
<p><time>{{ .Date.Format "2 January 2006" }}</time> {{ delimit .Params.authors ", " }}
{{ with .Params.affiliation }}· {{ . }}{{ end }}</p>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = (.Paginate .Site.RegularPages).Pages }}{{ else }}{{ $pages = (.Paginate .Pages 100).Pages }}{{ end }}
<ol>{{ range $pages }}{{ partial "entry.html" . }}{{ end }}</ol>
{{ with .Paginator }}{{ with .Prev }}<a href="{{ .URL }}">previous</a>{{ end }}{{ with .Next }}<a href="{{ .URL }}">next</a>{{ end }}{{ end }}
{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>Tags</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}
</ul>{{ end }}
""",
    "partials/entry.html": """<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<span lang="{{ .Params.other_language }}">{{ .Params.title_zh }}</span> <time>{{ .Date.Format "2006-01-02" }}</time>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></li>
""",
}


def write_hugo_site(folder: Path, count: int, seed: int = 1, per_language: bool = False
                    ) -> Path:
    """The same papers as `write_corpus(…, count, seed)`, as a Hugo site: a page per paper
    with both languages, or with `per_language` a page per paper and language (Hugo's
    multilingual mode: /papers/…/ and /zh-hans/papers/…/, each listing, tag page and feed
    in each language). Pagefind analyses a page in its `lang`: over the first site, it
    analyses the Chinese text as English and misses Chinese words; over the second it
    finds what bitext's indexes find (`bench/search_designs.py`)."""
    if folder.exists():
        shutil.rmtree(folder)
    papers = folder / "content" / "papers"
    papers.mkdir(parents=True)
    (folder / "config.toml").write_text(CONFIG + (LANGUAGES if per_language else ""),
                                        encoding="utf-8")
    for name, text in LAYOUTS.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text, encoding="utf-8")
    for number, fields in enumerate(generate(count, seed)):
        if per_language:
            for suffix, text in language_pages(fields).items():
                (papers / f"paper-{number:05d}.{suffix}.md").write_text(text, encoding="utf-8")
        else:
            (papers / f"paper-{number:05d}.md").write_text(hugo_page(fields), encoding="utf-8")
    return folder


def hugo_page(fields: dict) -> str:
    abstracts = fields["abstracts"]
    return (f"{front_matter(fields)}\n\n"
            f"<!-- en -->\n\n{abstracts['en']}\n\n<!-- zh-Hans -->\n\n{abstracts['zh-Hans']}\n")


def language_pages(fields: dict) -> dict[str, str]:
    """The paper's page in each language, by Hugo's file suffix: its title and abstract in
    that language, the other title beside it."""
    return {suffix: f"{front_matter(fields, language, other)}\n\n{fields['abstracts'][language]}\n"
            for suffix, language, other in (("en", "en", "zh-Hans"), ("zh-hans", "zh-Hans", "en"))}


def front_matter(fields: dict, language: str = "en", other: str = "zh-Hans") -> str:
    """The front matter (JSON, which Hugo reads), with the title in `language` and the
    `other` one beside it (the templates' `title_zh`, in a span of that language)."""
    return json.dumps({
        "title": fields["titles"][language], "title_zh": fields["titles"][other],
        "other_language": other,
        "date": fields["date"].isoformat(), "tags": fields["tags"],
        "authors": fields["authors"], "affiliation": fields["affiliation"],
        "arxiv": fields["arxiv"],
    }, ensure_ascii=False, indent=1)
