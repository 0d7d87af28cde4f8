"""Hostile and arbitrary input: the build either succeeds or fails with `path:line:`
problems, never a traceback; nothing is written outside the output folder; no page carries
a script of anyone but bitext; every feed and sitemap is well-formed XML."""

from __future__ import annotations

import functools
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from bitext.cli import main
from bitext.markdown import MarkdownRenderer
from bitext.metadata import BIBTEX_SPECIAL, bibtex_text
from bitext.render import ROOT_MARK, escape_output, make_environment
from tests.conftest import make_project, paper, snapshot

OUR_SCRIPTS = {"static/js/reading.js", "static/js/search.js"}
HOSTILE = [
    "</title><script>alert(1)</script>", '" onmouseover="alert(1)', "]]>", "\x00", "\x1b[31m",
    "\u202e", "\u200b", "\ufffe", "\ud800", "<!--", "&amp;", "{{ 7*7 }}", "{% raw %}",
    "javascript:alert(1)", "$\\href{javascript:alert(1)}{x}$", "<img src=x onerror=alert(1)>",
    "---", ":::", "::: en", "\t", "no", "0123", "2101.10010", "12:30", "'", "\\", "`",
]


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "xlink:href", "data"}
SCRIPT_SCHEME = re.compile(r"[\x00-\x20]*(javascript|vbscript|data):", re.I)


class ScriptFinder(HTMLParser):
    """Every <script>, every on* attribute, every address in an attribute and the text
    of each JSON-LD block of a page."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.json_ld, self.addresses = [], [], [], []
        self.in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes.get("src") or attributes.get("type"))
            self.in_json_ld = attributes.get("type") == "application/ld+json"
            if self.in_json_ld:
                self.json_ld.append("")
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]
        self.addresses += [value or "" for name, value in attrs if name in URL_ATTRIBUTES]

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_json_ld = False


def check_output(out):
    for path, data in snapshot(out).items():
        if path.endswith(".html"):
            finder = ScriptFinder()
            finder.feed(data.decode("utf-8"))
            for script in finder.scripts:
                assert script == "application/ld+json" or any(
                    script.endswith(ours) for ours in OUR_SCRIPTS), (path, script)
            assert finder.handlers == [], (path, finder.handlers)
            for block in finder.json_ld:  # a "</script>" in a title would cut it short
                json.loads(block)
            # Attribute values come unescaped: &#106;avascript: is caught too.
            assert not [address for address in finder.addresses
                        if SCRIPT_SCHEME.match(address)], (path, finder.addresses)
        elif path.endswith(".xml"):
            ElementTree.fromstring(data)  # raises on malformed XML


def build_outcome(project, out, capsys):
    code = main(["--root", str(project), "build", "--out", str(out), "--no-cache"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err


texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                  st.lists(st.sampled_from(HOSTILE), max_size=4).map("".join))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(title=texts, title_zh=texts, abstract=texts, tag=texts, date=texts, quoted=st.booleans())
def test_arbitrary_papers_build_or_fail_cleanly(tmp_path_factory, capsys, title, title_zh,
                                                abstract, tag, date, quoted):
    folder = tmp_path_factory.mktemp("fuzz")
    project = make_project(folder / "site", {"good.md": paper("Good", "好")})
    out = folder / "out"
    assert build_outcome(project, out, capsys)[0] == 0
    before = snapshot(out)
    if quoted:  # written as bitext writes paper files: most of these build, hostile or not
        body = paper(title, title_zh, abstract, abstract, tags=["rl"])
    else:  # typed by hand: most fail somewhere in the front matter
        body = (f"---\ntitle:\n  en: {title}\n  zh-Hans: {title_zh}\ndate: {date}\n"
                f"tags: [{tag}]\n---\n::: en\n{abstract}\n:::\n\n::: zh-Hans\n{abstract}\n"
                ":::\n")
    (project / "content/papers/x.md").write_bytes(body.encode("utf-8", "surrogatepass"))
    code, err = build_outcome(project, out, capsys)
    assert code in (0, 1)
    if code == 1:
        problems = err.strip().splitlines()[:-1]
        assert problems and all(re.match(r"content/papers/\S+?(:\d+)?: ", line)
                                for line in problems), err
        assert snapshot(out) == before  # the previous site is untouched
    else:
        check_output(out)
    assert sorted(os.listdir(folder)) == ["out", "site"]  # nothing written beside it


def test_hostile_text_that_builds_stays_text_in_every_page_and_feed(tmp_path, capsys):
    printable = [text for text in HOSTILE if text.isprintable() and text.strip()]
    project = make_project(tmp_path / "site", {
        "a.md": paper(" ".join(printable), "".join(printable), abstract=" ".join(printable),
                      tags=["rl"], authors=printable[:3])})
    out = tmp_path / "out"
    code, err = build_outcome(project, out, capsys)
    assert code == 0 and err.count("warning: math shown as its source") == 3  # \\href
    check_output(out)
    [page] = (out / "papers").glob("*/index.html")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)" in page.read_text("utf-8")


XSS_LINKS = [  # after markdown-it's own fixtures (tests/fixtures/.../commonmark_extras, xss)
    "[a](javascript:alert(1))", "[a](JAVASCRIPT:alert(1))", "[a](JaVaScRiPt:alert(1))",
    "[a](&#106;avascript:alert(1))", "[a](&#x6A;avascript:alert(1))",
    "[a](javascript&colon;alert(1))", "[a](java\tscript:alert(1))",
    "[a](%6A%61%76%61%73%63%72%69%70%74:alert(1))", "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>", "[a][r]\n\n[r]: javascript:alert(1)", "[a](vbscript:msgbox(1))",
    "[a](VBSCRIPT:msgbox(1))", "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "[a](file:///etc/passwd)", "![x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
    '<a href="x" onclick="alert(1)">x</a>', "<script>alert(1)</script>",
    '<svg onload="alert(1)">', "<iframe src=//evil>", "[a](<javascript:alert(1)>)",
    "[a]( javascript:alert(1))", "[a](\\javascript:alert(1))",
]


@pytest.mark.parametrize("source", XSS_LINKS)
def test_markdown_never_publishes_a_script(source):
    rendered, _ = MarkdownRenderer().render(source)
    html = str(rendered.html)
    assert not re.search(r"<(script|img|svg|iframe|a href=\"x\")", html, re.I), html
    assert not re.search(r'href="\s*(javascript|vbscript|data|file):', html, re.I), html
    assert " on" not in re.sub(r"&lt;.*?&gt;", "", html), html


class Wrapped:
    """Anything with __html__ (a template author's object): written as it says."""

    def __html__(self) -> str:
        return "<b>trusted</b>"


@given(st.one_of(st.text(), st.text().map(Markup), st.integers(), st.floats(),
                 st.none(), st.just(Wrapped())))
def test_template_output_is_escaped_as_markupsafe_escapes_it(value):
    assert escape_output(value) == str(escape(value))


def test_templates_write_output_through_bitext_escaping_and_honour_autoescape_blocks(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text(
        "{{ text }}|{{ safe }}|{% autoescape false %}{{ text }}{% endautoescape %}")
    env = make_environment(tmp_path)
    source = env.loader.get_source(env, "t.html")[0]
    assert "escape_output(" in env.compile(source, raw=True)  # (else the hook fell off)
    assert env.get_template("t.html").render(text="<i>'&\"", safe=Markup("<i>x</i>")) == (
        "&lt;i&gt;&#39;&amp;&#34;|<i>x</i>|<i>'&\"")


def test_listing_entries_behave_as_safe_text_in_templates(tmp_path):
    """Listing entries come back as a light wrapper, not a Markup (no copy of 1.5 MB): a
    template must still be able to write, test, count, join and mark them safe. (A kept
    entry's links start with ROOT_MARK, which becomes the page's root.)"""
    from types import SimpleNamespace

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text(
        "{% set e = listing_entries(papers, '../') %}{% set empty = listing_entries([], '') %}"
        "{{ e }}|{{ e|length }}|{{ 'yes' if e else 'no' }}|{{ 'yes' if empty else 'no' }}|"
        "{{ e|safe }}|{{ '<' ~ e }}")
    env = make_environment(tmp_path)
    paper = SimpleNamespace(digest="d", slug="s")
    env.globals["listing_entries"].renderer = SimpleNamespace(
        entries={("d", "s"): f'<li><a href="{ROOT_MARK}s/">&amp;</a></li>'}, listing_entry=None)
    entry = '<li><a href="../s/">&amp;</a></li>'
    assert env.get_template("t.html").render(papers=[paper]) == (
        f"{entry}|{len(entry)}|yes|no|{entry}|&lt;{entry}")


class AsksForContext:
    @jinja2.pass_context
    def __call__(self, context):
        return f"class:{context['name']}"


class Record:
    def title(self):
        return "method"

    @jinja2.pass_context
    def label(self, context):
        return f"method:{context['name']}"


def test_templates_call_as_jinja_does_passing_context_only_to_what_asks_for_it(tmp_path):
    # bitext's Context skips Jinja's questions for plain callables: the answers must be
    # Jinja's own, for every kind of callable a template can reach.
    def stops():
        raise StopIteration

    values = {
        "name": "N", "paper": Record(), "plain": lambda x: f"plain:{x}",
        "with_context": jinja2.pass_context(lambda context, x: f"{context['name']}:{x}"),
        "with_env": jinja2.pass_environment(
            lambda env, x: f"{isinstance(env, jinja2.Environment)}:{x}"),
        "cached_with_context": functools.lru_cache(jinja2.pass_context(
            lambda context: f"cached:{context['name']}")),
        "cached": functools.lru_cache(lambda: "cached"),
        "callable_class": AsksForContext(), "stops": stops,
    }
    source = ('{% macro m(x) %}macro:{{ x }}:{{ name }}{% endmacro %}'
              '{% for i in [1] %}{{ with_context(i) }}|{% set name = "loop" %}'
              '{{ with_context(i) }}{% endfor %}|{{ plain(1) }}|{{ with_env(2) }}|'
              '{{ cached_with_context() }}|{{ cached() }}|{{ callable_class() }}|'
              '{{ paper.title() }}|{{ paper.label() }}|{{ "a b".split()|join }}|{{ m(3) }}|'
              '{{ stops() is undefined }}')
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text(source)
    ours = make_environment(tmp_path).get_template("t.html").render(values)
    jinjas = jinja2.Environment(autoescape=True).from_string(source).render(values)
    assert ours == jinjas
    assert ours == ("N:1|loop:1|plain:1|True:2|cached:N|cached|class:N|method|method:N|ab|"
                    "macro:3:N|True")


@given(st.text(alphabet=st.sampled_from("\\{}&%#_$~^ aé中\n")))
def test_bibtex_values_escape_every_latex_special_character(text):
    assert bibtex_text(text) == "".join(BIBTEX_SPECIAL.get(char, char) for char in text)


@given(st.text(alphabet=st.sampled_from("\\{}&%#_$~^ aé中/?=:\n")))
def test_bibtex_addresses_are_written_as_latex_reads_them_and_never_end_their_value(text):
    """A BibTeX url or doi is read verbatim: only braces and backslashes, which could end
    the value, become the address's own percent-encodings; the rest stays as it is."""
    from bitext.metadata import bibtex_verbatim

    written = bibtex_verbatim(text)
    assert written == "".join({"{": "%7B", "}": "%7D", "\\": "%5C"}.get(char, char)
                              for char in text)
    assert not set(written) & set("{}\\")


def test_the_import_fuzzer_still_runs(tmp_path):
    """scripts/fuzz_import.py is run by hand, outside the suite; a few of its inputs here
    keep it running as import changes (a new argument of `report_lines` had stopped it at
    its first input, unseen)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run([sys.executable, str(REPO / "scripts/fuzz_import.py"),
                             "--examples", "20"], capture_output=True, text=True, timeout=600,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.fullmatch(r"\d+ inputs in \d+ s: no exception\n", result.stdout)


# Runs that make Markdown parsers backtrack or nest; `pathological(size)` repeats each.
PATHOLOGICAL_RUNS = ["[", "*a", "> ", "_", "\"'", "[a](", "- ", "`", "$", "*a **b ", "[a]",
                     "[](", "<", "![", "*_", "\\", "$x$ ", "&#", "1. ", "|a|"]


def pathological(size: int) -> dict[str, str]:
    """Each run repeated to `size` characters, and an unclosed math span of braces."""
    cases = {run: run * (size // len(run)) for run in PATHOLOGICAL_RUNS}
    cases["${"] = "$" + "{" * (size - 2) + "$"
    return cases


@pytest.mark.parametrize("source", pathological(20_000).values(), ids=lambda s: repr(s[:6]))
def test_pathological_markdown_renders(source):
    """Completes (markdown-it caps nesting at 20; the typographer, quadratic on quotes, is
    off). How long the worst of these takes at the file-size cap: scripts/fuzz.py."""
    rendered, _ = MarkdownRenderer().render(source)
    assert len(rendered.html) < 40 * len(source)


def test_a_template_linked_out_of_the_project_is_refused(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"a.md": paper()})
    secret = tmp_path / "secret.html"
    secret.write_text("{{ config }}", "utf-8")
    (project / "templates/404.html").unlink()
    (project / "templates/404.html").symlink_to(secret)
    code, err = build_outcome(project, tmp_path / "out", capsys)
    assert code == 1
    assert "templates/404.html: symbolic link out of the project" in err


def test_latex_that_cannot_be_shown_warns_with_file_and_line(tmp_path, capsys):
    text = paper("Fine $x^2$", "好", abstract="Bad $\\text{<b>x</b>}$ here.")
    project = make_project(tmp_path / "site", {"m.md": text})
    code, err = build_outcome(project, tmp_path / "out", capsys)
    line = text.splitlines().index("::: en") + 1
    assert code == 0
    assert (f"content/papers/m.md:{line}: warning: math shown as its source: unsupported "
            "LaTeX (it would produce <b>)") in err
    html = (tmp_path / "out/papers/fine-x-2/index.html").read_text("utf-8")
    assert '<code class="math-source">$\\text{&lt;b&gt;x&lt;/b&gt;}$</code>' in html
    assert "<h1" in html and "<math" in html.split("<h1", 1)[1].split("</h1>", 1)[0]


# -- URL names: slugs and tags become folders of the site --------------------------------

PAPER_FILE = "content/papers/x.md"


def problems_of(text: str) -> list[str]:
    from tests.test_content import errors

    return errors(text)


LONG = "-".join(["abcdefghi"] * 10)  # 99 characters


@pytest.mark.parametrize("fields, expected", [
    ({"slug": "con"},
     "7: slug: reserved name (expected a name Windows can store as a folder (not con, prn, "
     "aux, nul, com1–9 or lpt1–9), found 'con')"),
    ({"slug": "lpt1"},
     "7: slug: reserved name (expected a name Windows can store as a folder (not con, prn, "
     "aux, nul, com1–9 or lpt1–9), found 'lpt1')"),
    ({"slug": LONG},
     "7: slug: too long (expected at most 80 characters, found 99 characters)"),
    ({"slug": "ab\u200bc"},
     "7: slug: wrong form (expected lowercase letters, digits and single hyphens, such as "
     "qwen3-technical-report, found 'ab\\u200bc')"),
    ({"slug": "Ab"},
     "7: slug: wrong form (expected lowercase letters, digits and single hyphens, such as "
     "qwen3-technical-report, found 'Ab')"),
    ({"slug": "%2e%2e"},
     "7: slug: wrong form (expected lowercase letters, digits and single hyphens, such as "
     "qwen3-technical-report, found '%2e%2e')"),
    ({"slug": "/etc/passwd"},
     "7: slug: wrong form (expected lowercase letters, digits and single hyphens, such as "
     "qwen3-technical-report, found '/etc/passwd')"),
    ({"slug": "a\ufffeb"},
     "7: slug: forbidden character (expected printable text, found U+FFFE) — delete it; control "
     "and direction-override characters are never published"),
    ({"slug": "a\u202eb"},
     "7: forbidden character (expected printable text, found U+202E) — delete it; control "
     "and direction-override characters are never published"),
    ({"title": "Con"},
     "2: title: the title gives a reserved URL name (expected a name Windows can store as a "
     "folder (not con, prn, aux, nul, com1–9 or lpt1–9), found 'con') — add a field such "
     "as 'slug: con-paper'"),
    ({"title": "🙂🚀"},
     "2: title: the title gives no URL name (found '🙂🚀') — add a field such as "
     "'slug: my-paper'"),
    ({"title": "?!… — ¿"},
     "2: title: the title gives no URL name (found '?!… — ¿') — add a field such as "
     "'slug: my-paper'"),
    ({"tags": ["nul"]},
     "6: tags.0: reserved name (expected a name Windows can store as a folder (not con, prn, "
     "aux, nul, com1–9 or lpt1–9), found 'nul')"),
    ({"tags": [LONG]},
     "6: tags.0: too long (expected at most 80 characters, found 99 characters)"),
    ({"tags": ["../x"]},
     "6: tags.0: not a tag name (expected lowercase letters, digits and hyphens, found "
     "'../x') — write 'x'"),
    ({"tags": ["ml\u200b"]},
     "6: tags.0: not a tag name (expected lowercase letters, digits and hyphens, found "
     "'ml\\u200b') — write 'ml'"),
])
def test_bad_url_names_get_exact_messages(fields, expected):
    title = fields.pop("title", "A Paper")
    found = [line.removeprefix(f"{PAPER_FILE}:") for line in problems_of(paper(title, **fields))]
    assert found == [expected]


def test_a_zero_width_character_does_not_split_a_word_of_the_url():
    from tests.test_content import parse

    result, problems = parse(paper("Atten\u200btion Is All"))
    assert problems == [] and result.slug == "attention-is-all"


def test_a_reserved_tag_in_site_yaml_is_refused(tmp_path, capsys):
    from tests.conftest import SITE_YAML

    project = make_project(tmp_path / "site", {"a.md": paper()},
                           SITE_YAML + "  aux:\n    name: {en: Aux, zh-Hans: 辅助}\n")
    code, err = build_outcome(project, tmp_path / "out", capsys)
    assert code == 1
    assert err.startswith("site.yaml:19: tags.aux: reserved name (expected a name Windows "
                          "can store as a folder")


@pytest.mark.parametrize("first, second", [
    ("Caf\u00e9 Paper", "Cafe\u0301 Paper"),  # NFC and NFD
    ("Deep Learning", "DEEP LEARNING"),  # case
    ("Ｆｕｌｌ Width", "Full Width"),  # compatibility forms
    ("Atten\u200btion", "Attention"),  # a zero-width space
])
def test_titles_that_give_one_url_name_are_an_error_naming_both_files(tmp_path, capsys,
                                                                      first, second):
    project = make_project(tmp_path / "site", {"a.md": paper(first), "b.md": paper(second)})
    code, err = build_outcome(project, tmp_path / "out", capsys)
    assert code == 1
    assert "content/papers/a.md: slug: papers/" in err
    assert "is also the page of content/papers/b.md" in err
    assert "is also the page of content/papers/a.md" in err
    assert not (tmp_path / "out").exists()


# -- links in content/ --------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_content_link_out_of_the_project_is_refused(tmp_path, capsys, kind):
    project = make_project(tmp_path / "site", {"a.md": paper()})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(paper("Secret Plans"), "utf-8")
    target, name = (outside / "secret.md", "evil.md") if kind == "file" else (outside, "evil")
    (project / "content/papers" / name).symlink_to(target)
    code, err = build_outcome(project, tmp_path / "out", capsys)
    assert code == 1
    assert err.startswith(f"content/papers/{name}: symbolic link out of the project (found "
                          f"{target}) — copy the file into content/papers/ instead")
    assert not (tmp_path / "out").exists()


def test_content_links_inside_the_project_are_followed_once(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"a.md": paper()})
    kept = project / "archive/2024"
    kept.mkdir(parents=True)
    (kept / "old.md").write_text(paper("An Older Paper"), "utf-8")
    (project / "content/papers/2024").symlink_to(kept)
    (project / "content/papers/loop").symlink_to(project / "content")  # leads to itself
    code, err = build_outcome(project, tmp_path / "out", capsys)
    assert (code, err) == (0, "")
    assert sorted(path.name for path in (tmp_path / "out/papers").iterdir()) == [
        "a-paper", "an-older-paper"]


def test_hidden_files_and_folders_in_content_are_not_papers(tmp_path, capsys):
    """Editors and systems leave hidden files beside the papers: Emacs's lock file for an
    unsaved buffer is a link to nowhere named `.#a.md`, macOS writes `._a.md` on some
    disks. They are not papers: the build goes on as if they were not there."""
    project = make_project(tmp_path / "site", {"a.md": paper()})
    papers = project / "content/papers"
    (papers / ".#a.md").symlink_to("editor@host.1234:1700000000")
    (papers / "._a.md").write_bytes(b"\x00\x05\x16\x07 resource fork")
    (papers / ".drafts").mkdir()
    (papers / ".drafts/b.md").write_text(paper("A Hidden Draft"), "utf-8")
    code, err = build_outcome(project, tmp_path / "out", capsys)
    assert (code, err) == (0, "")
    assert [path.name for path in (tmp_path / "out/papers").iterdir()] == ["a-paper"]


@pytest.mark.parametrize("folder", ["content/papers", "templates", "static"])
def test_a_project_folder_linked_out_of_the_project_is_refused(tmp_path, capsys, folder):
    project = make_project(tmp_path / "site", {"a.md": paper()})
    outside = tmp_path / "outside"
    (project / folder).rename(outside)
    (project / folder).symlink_to(outside)
    code, err = build_outcome(project, tmp_path / "out", capsys)
    assert code == 1
    assert f"{folder}: symbolic link out of the project (found {outside})" in err
    assert not (tmp_path / "out").exists()
