"""Digests and tables written in Markdown that hold inline HTML, as GitHub's lists of
papers and the scripts that write them do ("<b>Title</b><br>", a table's "Title<br>标题",
`<a href="…">`, "&amp;"): imported as the Markdown and text they stand for, the angle
brackets of real abstracts ("</think>", "<ACTOR>") and of math as they are."""

from __future__ import annotations

import pytest

from bitext.digest import parse_digest
from bitext.inline_html import html_as_markdown
from bitext.sources import normalise_abstract, normalise_title, read_records
from tests.conftest import make_project
from tests.test_import import imported, run_import
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES, daily_items


def real_papers(count: int | None = None) -> list[dict]:
    return [item["paper"] for _, item in daily_items()[:count]]


def test_the_angle_brackets_and_ampersands_of_every_real_title_and_abstract_stay():
    """The 561 real titles and abstracts hold words in angle brackets ("</think>",
    "<|im_end|>", "an <ACTOR> token", "a <picture of a man> man"), math with "<" and
    "&" of their own: read as a digest's Markdown, not one of them changes."""
    texts = [text for paper in real_papers() for text in (paper["title"], paper["summary"])]
    bracketed = [text for text in texts if "<" in text or "&" in text]
    assert len(texts) == 1122 and len(bracketed) >= 10
    assert {"</think>", "<ACTOR>", "<picture of a man>"} <= {
        word for text in bracketed for word in ("</think>", "<ACTOR>", "<picture of a man>")
        if word in text}
    for line in (line for text in texts for line in text.split("\n")):
        assert html_as_markdown(line) == line


@pytest.mark.parametrize("text, markdown", [
    ("<b>Qwen3 Technical Report</b><br>", "**Qwen3 Technical Report**"),
    ("  <p>An indented paragraph</p>", "  An indented paragraph"),
    ("we <strong> stress </strong> this", "we  **stress**  this"),
    ("<B>Upper</B> and <em><i>nested</i></em>", "**Upper** and *nested*"),
    ('<a href="https://arxiv.org/abs/2505.09388">Qwen3</a>',
     "[Qwen3](https://arxiv.org/abs/2505.09388)"),
    ('<a href="https://github.com/QwenLM/Qwen3">[Code]</a>',
     "[Code](https://github.com/QwenLM/Qwen3)"),
    ('<a href="https://x.org/badge"><img src="b.svg" alt="arXiv"></a>',
     "[arXiv](https://x.org/badge)"),
    ('<a href="https://en.wikipedia.org/wiki/A_(b)">A</a>',
     "[A](https://en.wikipedia.org/wiki/A_%28b%29)"),
    ('<a href="javascript:alert(1)">here</a> <a href="/papers/1">local</a>', "here local"),
    ('<p align="center"><img src="logo.png"></p>', ""),
    ("CO<sub>2</sub>, 10<sup>-3</sup>, x<sup>n+1</sup>, Yang<sup>1,2</sup>",
     "CO₂, 10⁻³, xⁿ⁺¹, Yang1,2"),
    ("e<sup>$i\\pi$</sup> and 2<sup>10</sup>", "e$i\\pi$ and 2¹⁰"),
    ("Q&amp;A, &quot;quoted&quot;, a&nbsp;b, &mdash;", 'Q&A, "quoted", a b, —'),
    ("&lt;b&gt; and &#42;", "&lt;b&gt; and &#42;"),
    ("first</p><p>second", "first<br>second"),
    ("one<br/><br />two <BR> three", "one<br>two<br>three"),
    ("use <code>x<y</code>, <kbd>Ctrl</kbd>, <code>a`b</code>", "use `x<y`, `Ctrl`, ``a`b``"),
    *[(text, text) for text in ["<script>alert(1)</script> <b>unclosed, </i>stray",
                                "special tokens <s> and </s>, <pad>, <unk>"]],
    ("$a<b>c$ and `<b>kept</b>` and <b>$x^2$</b>", "$a<b>c$ and `<b>kept</b>` and **$x^2$**"),
])
def test_inline_html_as_markdown(text, markdown):
    assert html_as_markdown(text) == markdown


TITLE_LINES = ['{number}. <b><a href="https://arxiv.org/abs/{id}">{title}</a></b><br>',
               '<h3>{number}. <a href="https://arxiv.org/abs/{id}">{title}</a></h3>']


def html_digest(papers: list[dict], title_line: str = TITLE_LINES[0]
                ) -> tuple[str, list[tuple[str, str]]]:
    """The papers as a README's list of them in HTML's marks: a numbered title in bold
    that links to arXiv, its translation after a line break, the abstracts' paragraphs
    parted by line breaks, an ampersand as its entity; and the titles each should read
    as."""
    lines, titles = ["<h2>2025-06-02</h2>", ""], []
    for number, paper in enumerate(papers, start=1):
        title = normalise_title(paper["title"])
        translated = CHINESE_TITLES[number % len(CHINESE_TITLES)]
        paragraphs = [" ".join(part.split()) for part in paper["summary"].split("\n\n")]
        lines += [title_line.format(number=number, id=paper["id"],
                                    title=title.replace("&", "&amp;")),
                  f"<i>{translated}</i><br>",
                  "<br><br>".join(paragraphs) + "<br>",
                  CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)] + "&nbsp;", ""]
        titles.append((title, translated))
    return "\n".join(lines), titles


@pytest.mark.parametrize("title_line", TITLE_LINES, ids=["bold", "headings"])
def test_a_digest_in_htmls_marks_reads_as_its_text(title_line):
    """Real papers in a list written with HTML's marks: each title as its text (before,
    "<b><a href=…>Title</a></b><br>", which named its file "b-a-href-https-arxiv-…"),
    its arXiv id from the link, its abstract's words."""
    papers = real_papers(40)
    text, titles = html_digest(papers, title_line)
    records, problems = read_records(text, "readme.md", None, LANGUAGES)
    assert problems == []
    assert [record.titles for record in records] == titles
    assert [record.arxiv for record in records] == [paper["id"] for paper in papers]
    assert [" ".join(record.abstracts[0].split()) for record in records] == [
        " ".join(normalise_abstract(paper["summary"]).split()) for paper in papers]
    assert not any("<" in record.abstracts[1] or "&" in record.abstracts[1]
                   for record in records)


def test_a_markdown_tables_cells_with_line_breaks():
    """A table of real papers as GitHub's Markdown must write it, each cell on one line:
    a title over its translation in one cell, the abstracts' paragraphs, the links and
    the authors parted by `<br>`."""
    papers = [paper for paper in real_papers()
              if "\n\n" in normalise_abstract(paper["summary"])][:12]
    assert len(papers) == 12
    rows = ["| Paper | Abstract | 摘要 | Links | Authors |", "|---|---|---|---|---|"]
    for number, paper in enumerate(papers):
        paragraphs = normalise_abstract(paper["summary"]).split("\n\n")
        rows.append(
            f"| <b>{normalise_title(paper['title'])}</b><br>"
            f"{CHINESE_TITLES[number % len(CHINESE_TITLES)]} | "
            + "<br><br>".join(paragraphs).replace("|", "\\|") + " | "
            + CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)] + "<br>第二段。 | "
            f'<a href="https://arxiv.org/abs/{paper["id"]}">arXiv</a><br>'
            f'<a href="https://github.com/x/{number}">Code</a> | '
            + "<br>".join(author["name"] for author in paper["authors"]) + " |")
    records, problems = read_records("\n".join(rows), "papers.md", None, LANGUAGES)
    assert problems == []
    for number, (record, paper) in enumerate(zip(records, papers, strict=True)):
        assert record.titles == (normalise_title(paper["title"]),
                                 CHINESE_TITLES[number % len(CHINESE_TITLES)])
        assert record.abstracts[0].count("\n\n") == normalise_abstract(
            paper["summary"]).count("\n\n") >= 1
        assert record.abstracts[1].endswith("\n\n第二段。")
        assert record.arxiv == paper["id"]
        assert record.links["code"] == f"https://github.com/x/{number}"
        assert record.authors == tuple(author["name"] for author in paper["authors"])


def test_an_html_digest_imports_whole_and_its_page_shows_no_tag(tmp_path):
    """The paper file holds Markdown and text, and the page shows the bold, the link and
    the translation, no tag; a tag that is no inline element stays text, escaped."""
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "readme.md"
    digest.write_text(
        "## 2025-05-14\n\n"
        '<b><a href="https://arxiv.org/abs/2505.09388">Qwen3 Technical Report</a></b><br>\n'
        "Qwen3 技术报告<br>\n"
        "We present Qwen3 &amp; its <b>thinking</b> mode, "
        "<script>alert(1)</script> stays text.<br><br>Second paragraph.<br>\n"
        "在本工作中，我们推出了 Qwen3。\n", "utf-8")
    assert run_import(project, str(digest)) == 0
    [paper] = imported(project).values()
    assert paper.slug == "qwen3-technical-report" and paper.arxiv == "2505.09388"
    assert (paper.title.primary, paper.title.secondary) == ("Qwen3 Technical Report",
                                                             "Qwen3 技术报告")
    assert paper.abstract.primary.html == (
        "<p>We present Qwen3 &amp; its <strong>thinking</strong> mode, "
        "&lt;script&gt;alert(1)&lt;/script&gt; stays text.</p>\n<p>Second paragraph.</p>\n")


def test_a_digests_title_with_its_translation_after_a_break_on_one_line():
    """"Title<br>标题" on one line (a table's cell copied as a line) parts the titles, as
    before."""
    papers = real_papers(12)
    text = "\n\n".join(
        f"{normalise_title(paper['title'])}<br>{CHINESE_TITLES[n % len(CHINESE_TITLES)]}\n"
        f"{' '.join(paper['summary'].split())}\n{CHINESE_ABSTRACTS[n % len(CHINESE_ABSTRACTS)]}"
        for n, paper in enumerate(papers))
    entries, problems = parse_digest(text, "pairs.md", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == [
        (normalise_title(paper["title"]), CHINESE_TITLES[n % len(CHINESE_TITLES)])
        for n, paper in enumerate(papers)]
