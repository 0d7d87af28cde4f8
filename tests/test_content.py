import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.config import Config, Language
from bitext.content import parse_paper_file
from bitext.errors import InputError
from bitext.markdown import MarkdownRenderer
from tests.conftest import paper

CONFIG = Config(
    title={"en": "T", "zh-Hans": "T"}, description={"en": "D", "zh-Hans": "D"},
    base_url="https://example.org/", base_url_set=True, domain=None,
    languages=(Language("en", "English", "ltr"), Language("zh-Hans", "简体中文", "ltr")),
    per_page=10, feed_size=10, editor=None, editor_email=None, tags={},
)


def parse(text: str):
    return parse_paper_file(text.encode("utf-8"), "content/papers/x.md", CONFIG.languages,
                            MarkdownRenderer())


def errors(text: str) -> list[str]:
    result, problems = parse(text)
    assert result is None
    return [problem.format() for problem in problems]


def test_a_complete_paper_is_read():
    result, problems = parse(paper(
        "Qwen3 Technical Report", "Qwen3 技术报告", "We present **Qwen3**.", "我们推出 Qwen3。",
        date="2025-05-14", tags=["llm"], authors=["An Yang", "Anfeng Li"], affiliation="阿里",
        arxiv="2505.09388", links={"pdf": "https://arxiv.org/pdf/2505.09388"},
        translator="Editor"))
    assert problems == []
    assert result.slug == "qwen3-technical-report"
    assert result.title.primary == "Qwen3 Technical Report"
    assert result.title.secondary == "Qwen3 技术报告"
    assert result.date == dt.date(2025, 5, 14)
    assert result.arxiv == "2505.09388"
    assert result.authors == ("An Yang", "Anfeng Li")
    assert result.link("pdf") == "https://arxiv.org/pdf/2505.09388"
    assert result.link("arxiv") == "https://arxiv.org/abs/2505.09388"
    assert "<strong>Qwen3</strong>" in result.abstract.primary.html
    assert result.abstract.secondary.text == "我们推出 Qwen3。"


def test_unquoted_arxiv_id_keeps_its_trailing_zero():
    text = paper().replace("tags: []", "tags: []\narxiv: 2101.10010")
    result, problems = parse(text)
    assert problems == [] and result.arxiv == "2101.10010"


def test_windows_line_ends_and_bom_are_read():
    result, problems = parse("\ufeff" + paper().replace("\n", "\r\n"))
    assert problems == [] and result.title.primary == "A Paper"


def test_explicit_slug_wins():
    result, _ = parse(paper(slug="short"))
    assert result.slug == "short"


@pytest.mark.parametrize("replace, expected", [
    (("date: 2025-05-01", "date: 2024-02-30"),
     "content/papers/x.md:5: date: no such date (expected a real calendar date, "
     "found '2024-02-30')"),
    (("date: 2025-05-01", "date: 05/01/2025"),
     "content/papers/x.md:5: date: not a date (expected YYYY-MM-DD, found '05/01/2025') — "
     "write the date as 2025-05-14"),
    (("date: 2025-05-01", "date: 2025/5/1"),
     "content/papers/x.md:5: date: not a date (expected YYYY-MM-DD, found '2025/5/1') — "
     "write the date as 2025-05-01"),
    (("date: 2025-05-01", "date: 2025-05-01T23:30:00+08:00"),
     "content/papers/x.md:5: date: not a date (expected YYYY-MM-DD, found "
     "'2025-05-01T23:30:00+08:00') — write the date as 2025-05-01"),
    (("tags: []", "tags: [Machine Learning]"),
     "content/papers/x.md:6: tags.0: not a tag name (expected lowercase letters, digits and "
     "hyphens, found 'Machine Learning') — write 'machine-learning'"),
    (("tags: []", "tags: []\nlinks: {pdf: 'javascript:alert(1)'}"),
     "content/papers/x.md:7: links.pdf: not a web address (expected an http:// or https:// "
     "URL, found 'javascript:alert(1)')"),
    # (a bracket that opens an IPv6 host and no host: Python's urlsplit raises at it)
    (("tags: []", "tags: []\nlinks: {page: 'https://[openreview.net/forum'}"),
     "content/papers/x.md:7: links.page: not a web address (expected an http:// or https:// "
     "URL, found 'https://[openreview.net/forum')"),
    (("tags: []", "tags: []\nyear: 20"),
     "content/papers/x.md:7: year: wrong form (expected a year such as 2020, found '20') — "
     "the year the paper was published, four digits"),
    (("tags: []", "tags: []\norder: first"),
     "content/papers/x.md:7: order: not a whole number (expected 1 to 9999, found 'first')"),
    (("tags: []", "tags: []\ndraft: yes"),
     "content/papers/x.md:7: draft: not true or false (expected true or false, found 'yes') — "
     "YAML's yes/no/on/off are not accepted here"),
    (("tags: []", "tags: []\nauthor: Me"),
     "content/papers/x.md:7: author: unknown field (expected one of title, date, order, "
     "tags, authors, affiliation, venue, year, arxiv, links, slug, draft, translator, "
     "translation_model, "
     "title_translator, title_translation_model, reviewed_by, translated_from, "
     "paragraphs_differ, found 'author') — did you mean "
     "'authors'?"),
    (("tags: []", "tags: []\nslug: ../etc"),
     "content/papers/x.md:7: slug: wrong form (expected lowercase letters, digits and single "
     "hyphens, such as qwen3-technical-report, found '../etc')"),
    (("tags: []", "tags: []\nlinks: [https://github.com/x/y]"),
     "content/papers/x.md:7: links: wrong type (expected the paper's links by kind (page, "
     "pdf, code, project, data, doi), such as {pdf: https://…, code: https://…}, found a list)"),
    (("tags: []", "tags: LLM, Reinforcement Learning"),
     "content/papers/x.md:6: tags: several items in one text (expected a list such as [llm, "
     "reinforcement-learning], found 'LLM, Reinforcement Learning') — put them between [ and "
     "], parted by commas"),
    (("tags: []", "tags: []\nauthors: Alice Smith, Bob Lee"),
     "content/papers/x.md:7: authors: several items in one text (expected a list such as "
     "[Alice Smith, Bob Lee], found 'Alice Smith, Bob Lee') — put them between [ and ], "
     "parted by commas"),
])
def test_field_errors_name_file_line_field_expected_and_found(replace, expected):
    assert errors(paper().replace(*replace)) == [expected]


def test_one_text_is_a_list_of_one():
    """`tags: llm` is a list of one tag, `authors: Alice Smith` of one author. Before, they
    were "tags.0: missing (expected text)", though the code meant to take them."""
    result, problems = parse(paper().replace("tags: []", "tags: llm\nauthors: Alice Smith"))
    assert problems == [] and (result.tags, result.authors) == (("llm",), ("Alice Smith",))


def test_a_title_written_once_names_the_mapping_to_write():
    """`title: …` alone, as a Hugo or Jekyll user writes it, is a problem that shows the
    mapping to write (it said "expected a mapping of names to values")."""
    text = paper().replace("title:\n  en: A Paper\n  zh-Hans: 一篇论文\n",
                           "title: Can LLMs Reason? A Study\n")
    assert errors(text) == [
        "content/papers/x.md:2: title: wrong type (expected the title in each language, such "
        "as {en: Can LLMs Reason? A Study, zh-Hans: …}, found 'Can LLMs Reason? A Study')"]


def test_a_site_title_written_once_names_the_mapping_to_write(tmp_path):
    from bitext.config import load_config
    from tests.conftest import SITE_YAML

    (tmp_path / "site.yaml").write_text(SITE_YAML.replace(
        "title:\n  en: Test Digest\n  zh-Hans: 测试文摘\n", "title: My Digest\n"), "utf-8")
    with pytest.raises(InputError) as raised:
        load_config(tmp_path)
    assert [problem.format() for problem in raised.value.problems] == [
        "site.yaml:1: title: wrong type (expected the title in each language, such as {en: "
        "My Digest, zh-Hans: …}, found 'My Digest')"]


def test_every_problem_of_a_file_is_reported():
    text = paper().replace("date: 2025-05-01", "date: soon").replace("tags: []", "tags: [A B]")
    assert len(errors(text)) == 2


def test_missing_primary_title_is_named():
    text = paper().replace("  en: A Paper\n", "")
    assert errors(text) == ["content/papers/x.md:2: title.en: missing (expected text) — "
                            "every paper has a title in its primary language"]


def test_missing_primary_abstract_block():
    text = paper().replace("::: en\nAn abstract.\n:::\n\n", "")
    assert errors(text) == ["content/papers/x.md:11: abstract in en missing (expected a "
                            "'::: en' block) — the abstract in the primary language is what "
                            "the page shows first"]


@pytest.mark.parametrize("edit", [
    ("  zh-Hans: 一篇论文\n", ""),             # no translated title
    ("  zh-Hans: 一篇论文\n", "  zh-Hans:\n"),  # a translated title left to write
])
def test_a_paper_without_its_translated_title_awaits_translation(edit):
    found, problems = parse(paper().replace(*edit))
    assert problems == [] and found.awaiting_translation
    assert found.title.secondary is None and found.abstract.secondary is not None


@pytest.mark.parametrize("body_end", ["", "::: zh-Hans\n:::\n", "::: zh-Hans\n\n  \n:::\n"])
def test_a_paper_without_its_translated_abstract_awaits_translation(body_end):
    text = paper().split("::: zh-Hans")[0] + body_end
    found, problems = parse(text)
    assert problems == [] and found.awaiting_translation and found.abstract.secondary is None


def test_a_translated_paper_does_not_await_translation():
    found, problems = parse(paper())
    assert problems == [] and not found.awaiting_translation and not found.translation_stale


def test_text_outside_the_blocks_is_refused():
    text = paper().replace(":::\n\n::: zh-Hans", ":::\nstray\n::: zh-Hans")
    assert errors(text) == ["content/papers/x.md:11: text outside a language block (expected "
                            "'::: en' or '::: zh-Hans', found 'stray') — put each abstract "
                            "between '::: <language>' and ':::'"]


def test_unclosed_block_is_refused():
    text = paper().rstrip().removesuffix(":::")
    assert errors(text) == ["content/papers/x.md:12: '::: zh-Hans' block not closed (expected "
                            "a ':::' line, found end of file)"]


def test_unknown_language_block():
    text = paper().replace("::: zh-Hans", "::: fr")
    assert any("unknown language block (expected '::: en' or '::: zh-Hans', found '::: fr')"
               in line for line in errors(text))


def test_an_editors_note_is_read_in_its_language():
    text = paper() + "\n::: note zh-Hans\n值得一读：**思考**与$x^2$。\n\n第二段。\n:::\n"
    result, problems = parse(text)
    assert problems == []
    assert result.note.primary is None
    html = result.note.secondary.html
    assert html.startswith("<p>值得一读：<strong>思考</strong>与<span class=\"math inline\">")
    assert html.endswith("</span>。</p>\n<p>第二段。</p>\n")
    assert result.note.secondary.text == "值得一读：思考与x^2。 第二段。"
    assert [language.code for language, _ in result.note] == ["en", "zh-Hans"]


def test_notes_in_both_languages_and_an_empty_note():
    both = paper() + "\n::: note en\nWorth reading.\n:::\n\n::: note zh-Hans\n值得一读。\n:::\n"
    result, problems = parse(both)
    assert problems == [] and result.note.primary.text == "Worth reading."
    assert result.note.secondary.text == "值得一读。"
    empty, problems = parse(paper() + "\n::: note en\n\n:::\n")
    assert problems == [] and empty.note is None
    assert parse(paper())[0].note is None


@pytest.mark.parametrize("opening, expected", [
    ("::: note", "content/papers/x.md:16: the language of a note missing (expected '::: note "
                 "en' or '::: note zh-Hans', found '::: note') — an editor's note is in one "
                 "of the site's languages"),
    ("::: note fr", "content/papers/x.md:16: unknown language of a note (expected '::: note "
                    "en' or '::: note zh-Hans', found '::: note fr')"),
    ("::: en note", "content/papers/x.md:16: unknown language block (expected '::: en' or "
                    "'::: zh-Hans', found '::: en note') — an editor's note opens with '::: "
                    "note en' or '::: note zh-Hans'"),
    ("::: Notes", "content/papers/x.md:16: unknown language block (expected '::: en' or "
                  "'::: zh-Hans', found '::: Notes') — an editor's note opens with '::: "
                  "note en' or '::: note zh-Hans'"),
])
def test_a_note_needs_one_of_the_site_languages(opening, expected):
    assert errors(paper() + f"\n{opening}\nWorth reading.\n:::\n") == [expected]


def test_a_second_note_in_one_language_is_refused():
    text = paper() + "\n::: note en\nOne.\n:::\n::: note en\nTwo.\n:::\n"
    assert errors(text) == ["content/papers/x.md:19: second '::: note en' block (expected one "
                            "note per language) — the first is on line 16"]


@pytest.mark.parametrize("character, name", [("\x00", "U+0000"), ("\u202e", "U+202E"),
                                             ("\x1b", "U+001B"), ("\ufffe", "U+FFFE")])
def test_forbidden_characters_are_reported_with_their_line(character, name):
    text = paper().replace("一段摘要。", f"一段{character}摘要。")
    assert errors(text) == [f"content/papers/x.md:13: forbidden character (expected printable "
                            f"text, found {name}) — delete it; control and direction-override "
                            f"characters are never published"]


@pytest.mark.parametrize("bad, byte", [
    (b"\xff", "0xff"),
    (b"\xed\xa0\x80", "0xed"),  # a lone surrogate, U+D800, as CESU/WTF-8 would write it
    (b"\xc0\xaf", "0xc0"),  # an overlong '/'
    (b"\xe4\xb8", "0xe4"),  # a character cut in half
])
def test_non_utf8_file(bad, byte):
    result, problems = parse_paper_file(paper().encode("utf-8").replace(b"A Paper", b"A " + bad),
                                        "x.md", CONFIG.languages, MarkdownRenderer())
    assert result is None
    assert [problem.format() for problem in problems] == [
        f"x.md:3: not UTF-8 text (found byte {byte}) — save the file as UTF-8"]


def test_utf16_file_is_not_read_as_text():
    result, problems = parse_paper_file(paper().encode("utf-16"), "x.md", CONFIG.languages,
                                        MarkdownRenderer())
    assert result is None
    assert [problem.format() for problem in problems] == [
        "x.md:1: not UTF-8 text (found UTF-16 text) — save the file as UTF-8"]


def test_no_front_matter_and_unclosed_front_matter():
    assert "no front matter" in errors("title: x\n")[0]
    assert "front matter not closed" in errors("---\ntitle: x\n")[0]


def test_yaml_error_line_is_the_line_in_the_file():
    text = paper().replace("date: 2025-05-01", "date: 2025-05-01\ndate: 2025-05-02")
    assert errors(text) == ["content/papers/x.md:6: date: duplicate key 'date' (first on line "
                            "5) — keep one of them"]


def test_title_without_letters_needs_a_slug():
    assert errors(paper(title="🙂🙂")) == [
        "content/papers/x.md:2: title: the title gives no URL name (found '🙂🙂') — add a field "
        "such as 'slug: my-paper'"]


def test_text_is_normalised_to_nfc():
    result, _ = parse(paper(title="Cafe\u0301"))
    assert result.title.primary == "Caf\u00e9"


def test_oversized_file_is_refused():
    assert "file too large" in errors(paper(abstract="word " * 300_000))[0]


@pytest.mark.parametrize("text, expected", [
    ("---\n- a\n- b\n---\n", "content/papers/x.md:1: front matter is not a mapping (expected "
     "fields such as 'title:', found a list or text)"),
    ("---\n---\n", "content/papers/x.md:1: front matter is not a mapping (expected fields "
     "such as 'title:', found nothing)"),
    ("---\ntitle: x\n" + "# note\n" * 600 + "---\n",
     "content/papers/x.md:1: front matter not closed (expected a closing '---' line within "
     "500 lines, found none) — add '---' after the last field"),
])
def test_front_matter_that_is_not_fields(text, expected):
    assert errors(text) == [expected]


# -- the shortcuts of the Markdown renderer ------------------------------------------------

PLAIN_PIECES = ["模型", "语言。", "学习，", "word", "Word", " ", " ", "\n", "\n\n", ".", ",", "'",
                '"', "(", ")", "%", "/", "?", "!", "@", ":", ";", "-", "1", "2.", "\u00a0",
                "\u3000", "é", "ü", "…", "—", "state-of-the-art", "https://github.com/a/b",
                "获取。", "http://", "https", "://", "x.org/a(b)", "%C3%9F", "mailto:a@b.co",
                "//c.org", "ftp://d.org", "例子.中国", "”", "{code}", "}"]
MARKDOWN_PIECES = ["*", "_", "#", ">", "- ", "1. ", "    ", "  \n", "\\", "`", "[a](b)", "<b>",
                   "&amp;", "===", "---", "|", "$x$", "~~", "\t", "+ ", "2) "]
# What abstracts hold inside their paragraphs, and what could make a paragraph more than one
# (a reference definition, a fence or display math spanning a blank line, a table's row).
INLINE_PIECES = ["**bold**", "*it*", "_it_", "`code`", "$O(n^2)$", "$$x$$", "$5 and $10",
                 "[link](https://a.org)", "[ref]", "[ref]: https://a.org", "![i](x.png)",
                 "<b>", "&amp;", "&#35;", "\\*", "a\\", "~~s~~", "```", "~~~", "$$",
                 "\n| a | b |\n", "\n---\n", "\n\n", "\n", "\n***\n", "\n* item",
                 "<https://a.org>", "$\\frac{1}{2}$", "**unclosed", "$\\bad{$"]


def assert_renders_as_parser(source: str) -> None:
    renderer = MarkdownRenderer()
    fast, fast_warnings = renderer.render(source)
    parsed, parsed_warnings = renderer.render_parsed(source)
    assert (fast.html, fast.text, fast.paragraphs, fast.blocks, fast_warnings) == (
        parsed.html, parsed.text, parsed.paragraphs, parsed.blocks, parsed_warnings)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PLAIN_PIECES), st.sampled_from(MARKDOWN_PIECES),
                          st.text(max_size=3)), max_size=30).map("".join))
def test_plain_text_shortcut_renders_as_markdown_it_does(source):
    assert_renders_as_parser(source)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PLAIN_PIECES), st.sampled_from(INLINE_PIECES),
                          st.sampled_from(MARKDOWN_PIECES)), max_size=40).map("".join))
def test_paragraph_shortcut_renders_as_markdown_it_does(source):
    assert_renders_as_parser(source)


@pytest.mark.parametrize("source, simple", [
    ("A **bold** claim.\n\nA plain one, $O(n)$ cost.", True),
    ("A [link](https://a.org) and `code`.\nA second line.", True),
    ("Text.\n\n[ref]: https://a.org", False), ("Text.\n```\ncode\n\n```", False),
    ("Text.\n$$\nx\n\ny\n$$", False), ("a | b\n--- | ---", False),
    ("* a list", False), ("    code", False)])
def test_paragraphs_are_recognised(source, simple):
    from bitext.markdown import simple_paragraphs

    assert (simple_paragraphs(source) is not None) is simple


@pytest.mark.parametrize("source, plain", [
    ("在本工作中，我们推出了 Qwen3。\n\n第二段。", True),
    ("We present Qwen3, the latest \"version\" of the family.\nA second line.", True),
    ("A *stressed* word.", False), ("1. a list", False), ("ends with a break  \nnext", False),
    ("\u3000全角空格开头", False)])
def test_plain_text_is_recognised(source, plain):
    from bitext.markdown import INLINE_MARKS, simple_paragraphs

    assert (simple_paragraphs(source) is not None and not INLINE_MARKS.search(source)) is plain


@pytest.mark.parametrize("source, html", [
    # real abstracts' ends (the daily papers): the address a link, the full stop not in it
    ("The model checkpoints are available at https://github.com/XiaomiMiMo/MiMo-VL.",
     'The model checkpoints are available at <a href="https://github.com/XiaomiMiMo/MiMo-VL">'
     'https://github.com/XiaomiMiMo/MiMo-VL</a>.'),
    ("Project page: https://alphaone-project.github.io/",
     'Project page: <a href="https://alphaone-project.github.io/">'
     'https://alphaone-project.github.io/</a>'),
    # real Chinese abstracts (a newsletter's): the text after the address without a space
    # is not in it, nor is the full-width punctuation
    ("实现代码可在https://github.com/OpenRLHF/OpenRLHF获取。",
     '实现代码可在<a href="https://github.com/OpenRLHF/OpenRLHF">'
     'https://github.com/OpenRLHF/OpenRLHF</a>获取。'),
    ("视频与代码见 https://robo-cop.pages.dev/。",
     '视频与代码见 <a href="https://robo-cop.pages.dev/">https://robo-cop.pages.dev/</a>。'),
    ("代码（https://github.com/a/b）；数据：https://hf.co/d/c。",
     '代码（<a href="https://github.com/a/b">https://github.com/a/b</a>）；数据：'
     '<a href="https://hf.co/d/c">https://hf.co/d/c</a>。'),
    ("“https://x.org/a”", '“<a href="https://x.org/a">https://x.org/a</a>”'),
    ("코드는 https://g.com/a에서", '코드는 <a href="https://g.com/a">https://g.com/a</a>에서'),
    ("https://de.wikipedia.org/wiki/Straße!",
     '<a href="https://de.wikipedia.org/wiki/Stra%C3%9Fe">'
     'https://de.wikipedia.org/wiki/Straße</a>!'),
    # what stays text: no scheme, a scheme that runs code, a code span, an address that is
    # all Chinese past its scheme
    ("e.g. arxiv.org, www.example.com and Qwen2.5-VL", "e.g. arxiv.org, www.example.com and "
     "Qwen2.5-VL"),
    ("javascript://x.org/%0aalert(1)", "javascript://x.org/%0aalert(1)"),
    ("`https://x.org/a`", "<code>https://x.org/a</code>"),
    ("https://语料.中国", "https://语料.中国"),
    # a link written in Markdown stays one link
    ("[code](https://x.org/a)", '<a href="https://x.org/a">code</a>'),
])
def test_web_addresses_become_links_that_end_where_the_address_does(source, html):
    """182 of the 561 real abstracts give their code's or project's page as an address;
    before, it was text to copy."""
    rendered, warnings = MarkdownRenderer().render(source)
    assert rendered.html == f"<p>{html}</p>\n" and warnings == []
    assert rendered.text == source.replace("`", "").replace("[code](https://x.org/a)", "code")


def test_markdown_it_is_made_only_for_a_text_that_needs_it():
    """An edit to a paper of plain paragraphs (323 of the 561 real abstracts and titles)
    is rendered without making markdown-it (0.02 s of a new process)."""
    renderer = MarkdownRenderer()
    plain = "Plain words, with 'quotes', \"more\" and 50% of it.\n\n第二段：中文。"
    assert renderer.render(plain)[0].html == (
        "<p>Plain words, with 'quotes', &quot;more&quot; and 50% of it.</p>\n"
        "<p>第二段：中文。</p>\n")
    assert "_md" not in vars(renderer)
    assert renderer.render("Code at https://x.org/a.")[0].html == (
        '<p>Code at <a href="https://x.org/a">https://x.org/a</a>.</p>\n')
    assert "_md" in vars(renderer)


@pytest.mark.parametrize("source, html, text", [
    # what arXiv's abstracts keep of LaTeX after an address (real ones, of the daily
    # papers of 2024-06-10, 2024-06-12, 2025-06-02, 2024-06-26): \\href{address}{text}
    ("Our demo could be seen in https://youtu.be/4ZdcuiwFU7I{Youtube}.",
     'Our demo could be seen in <a href="https://youtu.be/4ZdcuiwFU7I">'
     "https://youtu.be/4ZdcuiwFU7I</a>{Youtube}.", None),
    ("Project Page: https://aka.ms/denseav{https://aka.ms/denseav}",
     'Project Page: <a href="https://aka.ms/denseav">https://aka.ms/denseav</a>{'
     '<a href="https://aka.ms/denseav">https://aka.ms/denseav</a>}', None),
    ("We open source the evaluation https://github.com/boson-ai/EmergentTTS-Eval-public{code}",
     'We open source the evaluation <a href="https://github.com/boson-ai/EmergentTTS-Eval-'
     'public">https://github.com/boson-ai/EmergentTTS-Eval-public</a>{code}', None),
    # and LaTeX's escaped underscores, which Markdown reads as escapes too
    ("Weights will be available here: https://huggingface.co/alexgambashidze/SDXL\\_NCP-DPO"
     "\\_v0.1", 'Weights will be available here: <a href="https://huggingface.co/'
     'alexgambashidze/SDXL_NCP-DPO_v0.1">https://huggingface.co/alexgambashidze/SDXL_NCP-DPO'
     "_v0.1</a>", "Weights will be available here: https://huggingface.co/alexgambashidze/"
     "SDXL_NCP-DPO_v0.1"),
])
def test_what_latex_leaves_after_an_address_is_not_in_its_link(source, html, text):
    """Before, these linked https://youtu.be/4ZdcuiwFU7I%7BYoutube%7D and
    …/SDXL%5C_NCP-DPO%5C_v0.1, which lead nowhere."""
    rendered, _ = MarkdownRenderer().render(source)
    assert rendered.html == f"<p>{html}</p>\n"
    assert rendered.text == (text or source)


@settings(max_examples=3000, deadline=None)
@given(st.builds(
    lambda scheme, host, path: scheme + host + path,
    st.sampled_from(["http://", "https://", "HTTPS://", "ftp://"]),
    st.text("abcXYZ019.-", min_size=1, max_size=12) | st.sampled_from(["xn--fsq.com",
                                                                       "a.xn--p1ai"]),
    st.text("abzAZ09-._~/?#@!$&'()*+,;=:%\"<>{}|\\^`é ", max_size=20)))
def test_an_address_is_shown_and_linked_as_markdown_its_normalizers_make_it(url):
    """The shortcut for addresses in ASCII that markdown-it's normalizers give back as
    they are gives what those do, for every address."""
    from markdown_it import MarkdownIt

    ours, theirs = MarkdownRenderer()._md, MarkdownIt("js-default")
    assert (ours.normalizeLink(url), ours.normalizeLinkText(url)) == (
        theirs.normalizeLink(url), theirs.normalizeLinkText(url))
