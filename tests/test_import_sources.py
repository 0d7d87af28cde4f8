"""`import` on real inputs: every paper of 30 days of Hugging Face daily papers (2024-06,
2025-06 and 2026-08, as the API returned them) as digest entries and as JSON, arXiv API
answers, papers awaiting their translation, and translations that went stale."""

import dataclasses
import datetime as dt
import io
import itertools
import json
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.cli import main
from bitext.config import Language
from bitext.content import slug_from_title, text_fingerprint
from bitext.digest import ENTRY_NUMBER, parse_digest, read_digest
from bitext.digestlines import (
    LANGUAGE_LABEL,
    NUMBER_ALONE,
    field_label,
    is_call_to_action,
    names_organisations,
    provenance_said,
)
from bitext.markdown import MarkdownRenderer
from bitext.scripts import HAN_RUN
from bitext.sources import (
    normalise_abstract,
    normalise_title,
    read_records,
    with_tex_styles,
)
from tests.conftest import FIXTURES, SAMPLE_DIGEST, SITE_YAML, make_project, snapshot
from tests.test_import import imported

LANGUAGES = (Language("en", "English", "ltr"), Language("zh-Hans", "简体中文", "ltr"))
DAILY = sorted((FIXTURES / "hf-daily-papers").glob("*.json"))
ARXIV = FIXTURES / "arxiv"


def daily_items() -> list[tuple[Path, dict]]:
    return [(path, item) for path in DAILY for item in json.loads(path.read_text("utf-8"))]


REAL = [(normalise_title(item["paper"]["title"]), " ".join(item["paper"]["summary"].split()))
        for _, item in daily_items()]
# Chinese lines as editors write them: titles ending in ？, ！ or 。, holding ； or Latin
# names and math; abstracts with Latin terms, URLs and no final full stop.
CHINESE_TITLES = ["大模型真的会推理吗？", "GAN 已死；GAN 万岁！现代 GAN 基线",
                  "绝对零：零数据强化自博弈推理", "Qwen3 技术报告",
                  "视觉语言模型准备好自动驾驶了吗？一项实证研究", "我们完成 MMLU 了吗？",
                  "基于 $x^2$ 的方法。", "GPT-4o 与 Transformer 的 Scaling Law",
                  "“少即是多”：长上下文推理"]
CHINESE_ABSTRACTS = ["在本工作中，我们推出了 Qwen3，这是 Qwen 模型系列的最新版本。",
                     "我们提出 Absolute Zero 范式；模型自己提出任务并解决它们",
                     "实验表明，该方法在 MMLU 上提升了 5.2%，代码见 https://github.com/x/y",
                     "我们发布了 RA-Bench。它包含 1,000 个视频！", "为什么？因为 $\\alpha$ 太小。"]
AFFILIATIONS = [None, "阿里", "Google DeepMind", None, "清华大学", "Hugging Face", "Meta AI; FAIR",
                "字节跳动 Seed"]


def real_digest(blank_lines: bool, affiliations: bool) -> tuple[str, list[tuple]]:
    """Every real title and abstract as a digest entry, and the fields each should give."""
    lines, expected = [], []
    for index, (title, abstract) in enumerate(REAL):
        affiliation = AFFILIATIONS[index % len(AFFILIATIONS)] if affiliations else None
        chinese = (CHINESE_TITLES[index % len(CHINESE_TITLES)],
                   CHINESE_ABSTRACTS[index % len(CHINESE_ABSTRACTS)])
        lines += [title, *([affiliation] if affiliation else []), chinese[0], abstract,
                  chinese[1], *([""] if blank_lines else [])]
        expected.append(((title, chinese[0]), (abstract, chinese[1]), affiliation))
    return "\n".join(lines) + "\n", expected


def test_the_samples_hold_all_three_eras_of_the_api():
    assert len(REAL) == 561
    months = {path.name[:7] for path in DAILY}
    assert months == {"2024-06", "2025-06", "2026-08"}
    assert sum(title.endswith("?") for title, _ in REAL) >= 10  # "Are We Done with MMLU?"


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
@pytest.mark.parametrize("affiliations", [False, True], ids=["no-affiliations", "affiliations"])
def test_every_real_paper_imports_from_a_digest(blank_lines, affiliations):
    text, expected = real_digest(blank_lines, affiliations)
    entries, problems = parse_digest(text, "real.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_a_title_copied_with_its_wrap_is_one_line(tmp_path, suffix):
    """The daily papers give 259 of their 561 titles wrapped as arXiv wraps them
    ("… Multi-View Sports Skill\\n  Assessment"); copied into a digest or a spreadsheet,
    the wrap is a run of spaces, which the paper's title does not keep."""
    wrapped = [(item["paper"]["title"], " ".join(item["paper"]["summary"].split()))
               for _, item in daily_items() if "\n" in item["paper"]["title"]][:20]
    assert len(wrapped) == 20
    copied = [(title.replace("\n", " "), abstract) for title, abstract in wrapped]
    assert all("   " in title for title, _ in copied)
    if suffix == ".txt":
        text = "".join(f"{title}\n{abstract}\n\n" for title, abstract in copied)
    else:
        text = "title,abstract\n" + "".join(
            f'"{title}","{abstract.replace(chr(34), chr(34) * 2)}"\n' for title, abstract in copied)
    (tmp_path / f"papers{suffix}").write_text(text, "utf-8")
    project = make_project(tmp_path / "site", {})
    assert main(["--root", str(project), "import", str(tmp_path / f"papers{suffix}"),
                 "--date", "2025-06-06"]) == 0
    titles = sorted(paper.title.primary for paper in imported(project).values())
    assert titles == sorted(" ".join(title.split()) for title, _ in wrapped)


@pytest.mark.parametrize("style", ["## [{title}]({url})", "{number}. **[{title}]({url})**",
                                   "[{title}]({url})"])
def test_titles_written_as_markdown_links_give_their_papers(style):
    """Every real paper in a Markdown digest whose titles link to the paper (its Hugging
    Face page or its arXiv page, as digest scripts write them), a line of code after
    some: each title is the link's text, and the paper's id comes from its address.
    Before, the title kept the brackets and the address, and the id was lost."""
    from bitext.sources import read_records

    items = [item["paper"] for _, item in daily_items()]
    _, expected = real_digest(True, False)
    lines = []
    for index, ((title, chinese_title), (abstract, chinese), _) in enumerate(expected):
        paper = items[index]
        url = (f"https://huggingface.co/papers/{paper['id']}" if index % 2
               else f"https://arxiv.org/abs/{paper['id']}")
        lines += [style.format(title=title, url=url, number=index + 1), chinese_title,
                  abstract, chinese]
        if paper.get("githubRepo") and index % 3 == 0:
            lines.append(f"Code: {paper['githubRepo']}")
        lines.append("")
    records, problems = read_records("\n".join(lines), "links.md", "digest", LANGUAGES)
    assert problems == []
    # (TeX's \\url{…} of video-SALMONN's abstract is its address: see `with_tex_styles`)
    assert [(r.titles, r.abstracts, r.arxiv) for r in records] == [
        (titles, (with_tex_styles(abstracts[0]), abstracts[1]), paper["id"])
        for (titles, abstracts, _), paper in zip(expected, items, strict=True)]
    assert sum("code" in r.links for r in records) > 30


def test_a_title_with_its_arxiv_id_keeps_it_beside_a_line_of_links():
    """"[2505.09388] Qwen3 …" and a line of code: before, the line of links took the place
    of the id that the title gave, and the paper had none."""
    from bitext.sources import read_records

    text = "\n".join(["[2505.09388] Qwen3 Technical Report", "Qwen3 技术报告",
                      "In this work, we present Qwen3.", "在本工作中，我们推出了 Qwen3。",
                      "Code: https://github.com/QwenLM/Qwen3"])
    records, problems = read_records(text, "d.txt", "digest", LANGUAGES)
    assert problems == [] and [(r.arxiv, r.links.get("code")) for r in records] == [
        ("2505.09388", "https://github.com/QwenLM/Qwen3")]


@pytest.mark.parametrize("titles_swapped, abstracts_swapped",
                         [(True, True), (True, False), (False, True)],
                         ids=["chinese-first", "chinese-title-first", "chinese-abstract-first"])
@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_a_digest_with_the_translations_first_imports_whole(titles_swapped, abstracts_swapped,
                                                            blank_lines):
    """Every real paper with its Chinese title or abstract (or both) before the English,
    as a digest for Chinese readers may write them, an affiliation between the titles:
    each paper reads as in English-first order. Before, each such file failed at line 1,
    or, where only the abstracts came Chinese first, with abstracts taken for titles."""
    _, expected = real_digest(blank_lines, True)
    lines, starts = [], []
    for (title, chinese_title), (abstract, chinese), affiliation in expected:
        titles = [chinese_title, title] if titles_swapped else [title, chinese_title]
        starts.append(len(lines) + 1)
        lines += [titles[0], *([affiliation] if affiliation else []), titles[1],
                  *([chinese, abstract] if abstracts_swapped else [abstract, chinese]),
                  *([""] if blank_lines else [])]
    entries, problems = parse_digest("\n".join(lines), "swapped.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected
    # each entry starts at its first line, whichever language that is in
    assert [e.line for e in entries] == starts


# Shapes of an entry whose reading a digest of few entries did not settle.
SMALL_DIGEST_SHAPES = {
    # Before, the reading with abstracts of several lines, one problem fewer than the
    # others, was taken before the translation-first one was tried: a digest of two
    # failed at line 1.
    "translation first": lambda title, chinese_title, abstract, chinese: [
        chinese_title, title, chinese, abstract],
    # One entry so failed at line 1 before: the translation-first orders were tried on
    # two entries or more only.
    "translated title first": lambda title, chinese_title, abstract, chinese: [
        chinese_title, title, abstract, chinese],
    # Before, two entries read as one, its affiliation the first English abstract, and
    # its abstract the second title pair and abstract, with no problem found (112 of the
    # 280 digests of two).
    "title pair": lambda title, chinese_title, abstract, chinese: [
        f"{title} | {chinese_title}", abstract, chinese]}


@pytest.mark.parametrize("shape", SMALL_DIGEST_SHAPES)
@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_small_digests_import_whole(shape, size):
    """The real papers in digests of two, three or five entries (a day's digest), in
    shapes whose reading the many entries of a whole digest settle and a few may not:
    each paper reads as in a digest of the plain shape."""
    _, expected = real_digest(True, False)
    failed = []
    for start in range(0, len(expected) - size + 1, size):
        chunk = expected[start:start + size]
        lines = []
        for (title, chinese_title), (abstract, chinese), _ in chunk:
            lines += [*SMALL_DIGEST_SHAPES[shape](title, chinese_title, abstract, chinese), ""]
        entries, problems = parse_digest("\n".join(lines), "day.txt", LANGUAGES)
        if problems or [(e.title, e.abstract) for e in entries] != [
                (titles, abstracts) for titles, abstracts, _ in chunk]:
            failed.append(start)
    assert failed == []


@pytest.mark.parametrize("style", ["{} | {}", "{} / {}", "{}（{}）", "**{}** ｜ {}", "{} — {}",
                                   "{} - {}", "{}——{}", "{}【{}】", "{}「{}」", "{} 《{}》"])
@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_a_title_and_its_translation_on_one_line_import_whole(style, blank_lines):
    """Every real title with its Chinese title on its line, after a bar, a slash or a dash
    (one real title holds " -- "), or in brackets: each paper reads as with the titles on
    lines of their own. Before, each such line was read as a Chinese line, and the import
    failed at every entry."""
    _, expected = real_digest(blank_lines, False)
    lines = []
    for (title, chinese_title), (abstract, chinese), _ in expected:
        lines += [style.format(title, chinese_title), abstract, chinese,
                  *([""] if blank_lines else [])]
    entries, problems = parse_digest("\n".join(lines), "paired.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


def test_a_title_pair_then_a_labelled_affiliation_imports_whole():
    """"Title | 标题" and then "机构：…" (an affiliation after the titles, which its label
    alone allows), as a Markdown list with the entry's lines under its title: before, the
    affiliation was read as the translated title and the translated title as the
    affiliation, with no error."""
    _, expected = real_digest(True, True)
    lines = []
    for (title, chinese_title), (abstract, chinese), affiliation in expected:
        lines += [f"- **{title}** | {chinese_title}",
                  *([f"  - 机构：{affiliation}"] if affiliation else []),
                  f"  - {abstract}", f"  - {chinese}", ""]
    entries, problems = parse_digest("\n".join(lines), "list.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


@pytest.mark.parametrize("marks", [("{n}. **{}**", "{}", "{}", "{}"),
                                   ("📄 {}", "🇨🇳 {}", "📝 {}", "🇨🇳 {}"),
                                   ("▶️ **{}**", "{}", "{}", "{}")],
                         ids=["numbered-bold", "emoji", "emoji-bold"])
def test_titles_and_abstracts_marked_with_numbers_bold_or_emoji_lose_the_marks(marks):
    """Every real paper with its lines marked as chat and social-media digests mark them:
    each paper reads without the marks (before, a title kept its bold after its number,
    and every line its emoji)."""
    _, expected = real_digest(True, True)
    lines = []
    for n, ((title, chinese_title), (abstract, chinese), affiliation) in enumerate(expected):
        lines += [marks[0].format(title, n=n + 1), *([affiliation] if affiliation else []),
                  marks[1].format(chinese_title), marks[2].format(abstract),
                  marks[3].format(chinese), ""]
    entries, problems = parse_digest("\n".join(lines), "marked.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


LINK_STYLES = {
    # one line: arXiv id and labelled addresses
    "one line": lambda paper: ["  ·  ".join(
        [f"arXiv: {paper['id']}"] + [f"{label}: {paper[key]}" for label, key in
                                     (("Code", "githubRepo"), ("Project", "projectPage"))
                                     if paper.get(key)])],
    # a line each, Chinese labels, the Hugging Face paper page for the id
    "a line each": lambda paper: [f"https://huggingface.co/papers/{paper['id']}"] + [
        f"{label}：{paper[key]}" for label, key in (("代码", "githubRepo"),
                                                   ("项目主页", "projectPage"))
        if paper.get(key)],
    # arXiv's citation, and addresses in Markdown's angle brackets
    "cited": lambda paper: [f"arXiv:{paper['id']}v1 [cs.CL]"] + [
        f"{label}: <{paper[key]}>" for label, key in (("Code", "githubRepo"),
                                                     ("Project", "projectPage"))
        if paper.get(key)]}


@pytest.mark.parametrize("place", ["after the title", "after the entry", "before the entry"])
@pytest.mark.parametrize("style", sorted(LINK_STYLES))
@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_lines_of_links_give_the_links_the_daily_papers_give(place, style, blank_lines):
    """Every real paper as a digest entry with its links, which go to the paper they
    belong to: the same arXiv id, PDF, code and project links as its daily-papers item."""
    from bitext.sources import daily_paper, read_records

    lines, expected = [], []
    for index, (path, item) in enumerate(daily_items()):
        title, abstract = REAL[index]
        links = LINK_STYLES[style](item["paper"])
        entry = [title, CHINESE_TITLES[index % len(CHINESE_TITLES)], abstract,
                 CHINESE_ABSTRACTS[index % len(CHINESE_ABSTRACTS)]]
        at = {"after the title": 1, "after the entry": 4, "before the entry": 0}[place]
        lines += entry[:at] + links + entry[at:] + ([""] if blank_lines else [])
        record = daily_paper(item, path.name, 1)[0]
        expected.append((title, record.arxiv, record.links))
    records, problems = read_records("\n".join(lines), "links.txt", "digest", LANGUAGES)
    assert problems == []
    assert [(r.titles[0], r.arxiv, r.links) for r in records] == expected


@pytest.mark.parametrize("line, links", [
    ("https://arxiv.org/abs/2505.09388v2", [("", "https://arxiv.org/abs/2505.09388v2")]),
    ("论文链接：https://arxiv.org/abs/2505.09388 | 代码：https://github.com/QwenLM/Qwen3.",
     [("论文链接", "https://arxiv.org/abs/2505.09388"),
      ("代码", "https://github.com/QwenLM/Qwen3")]),
    ("Project page: https://x.github.io/, Data: https://huggingface.co/datasets/x/y",
     [("Project page", "https://x.github.io/"), ("Data", "https://huggingface.co/datasets/x/y")]),
    ("arXiv:2505.09388", [("arXiv", "2505.09388")]),
    ("2505.09388", [("arXiv", "2505.09388")]),  # today's form alone: an id
    ("2505.09388v2", [("arXiv", "2505.09388")]),
    ("2024.12345", []),  # (no month 24: no id)
    ("1234.5678", []),
    ("We study it. Code: https://github.com/x/y", []),  # a sentence: an abstract
    ("Code at https://github.com/x/y", []),
    ("The code and the data, with the models: https://github.com/x/y", []),
    ("Qwen3: https://qwenlm.github.io/ is our site", []),
    # (before, these were no lines of links: an entry's line, or its abstract's last)
    ("arXiv 2505.09388", [("arXiv", "2505.09388")]),
    ("arXiv:2505.09388v2 [cs.CL]", [("arXiv", "2505.09388v2")]),
    ("[2505.09388]", [("arXiv", "2505.09388")]),
    ("<https://arxiv.org/abs/2505.09388>", [("", "https://arxiv.org/abs/2505.09388")]),
    ("(https://arxiv.org/abs/2505.09388)", [("", "https://arxiv.org/abs/2505.09388")]),
    ("Code: <https://github.com/x/y>", [("Code", "https://github.com/x/y")]),
    ("开源代码：https://github.com/x/y", [("开源代码", "https://github.com/x/y")]),
    ("我们发布了代码和数据：https://github.com/x/y", []),  # (a sentence: an abstract)
    ("[Qwen3 Technical Report](https://arxiv.org/abs/2505.09388)", []),  # (a title)
    ("(Qwen3 Technical Report)", [])])
def test_a_line_of_links_holds_links_only(line, links):
    from bitext.digestlines import link_items

    assert [(link.label, link.url or link.arxiv) for link in link_items(line, 1)] == links


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_translated_abstracts_that_end_with_an_address_after_a_colon_import(blank_lines):
    """Every real paper with a translated abstract that ends "…代码和数据：https://…": a
    sentence, not a line of links whose label is its words (which left each entry without
    its translated abstract)."""
    lines, expected = [], []
    for index, (title, abstract) in enumerate(REAL):
        chinese = (CHINESE_TITLES[index % len(CHINESE_TITLES)],
                   f"我们发布了代码和数据：https://github.com/x/{index}")
        lines += [title, chinese[0], abstract, chinese[1], *([""] if blank_lines else [])]
        expected.append(((title, chinese[0]), (abstract, chinese[1])))
    entries, problems = parse_digest("\n".join(lines), "digest.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.abstract) for entry in entries] == expected


@pytest.mark.parametrize("wrapped", [False, True], ids=["one-line", "wrapped"])
def test_a_labelled_line_of_links_after_the_last_abstract_is_the_entrys(wrapped):
    """Every real paper with the translation first and its arXiv id on a line after its
    English abstract, which is the entry's last part: the id is the paper's, the abstract
    whole, also where it ends with an address ("… at https://github.com/…") or without a
    full stop ("… language-model checkpoints"), which before took the line in as its
    words."""
    lines, expected = [], []
    for index, (_, item) in enumerate(daily_items()):
        paper = item["paper"]
        title, summary = normalise_title(paper["title"]), paper["summary"].strip()
        chinese = (CHINESE_TITLES[index % len(CHINESE_TITLES)],
                   CHINESE_ABSTRACTS[index % len(CHINESE_ABSTRACTS)])
        lines += [chinese[0], title, chinese[1],
                  *(summary.split("\n") if wrapped else [" ".join(summary.split())]),
                  f"arXiv: {paper['id']}", ""]
        expected.append((title, paper["id"], " ".join(summary.split())))
    entries, problems = parse_digest("\n".join(lines), "digest.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title[0], [link.arxiv for link in entry.links if link.arxiv])
            for entry in entries] == [(title, [arxiv]) for title, arxiv, _ in expected]
    # (a line of links after a sentence's end in arXiv's lines, "Project page: https://…",
    # is the entry's too)
    assert [" ".join(entry.abstract[0].split()) for entry in entries] == [
        words_but_links(dataclasses.replace(entry, links=[
            link for link in entry.links if link.url]), abstract)
        for entry, (_, _, abstract) in zip(entries, expected, strict=True)]
    assert sum(abstract[-1] not in ".)" for _, _, abstract in expected) == 52


@pytest.mark.parametrize("line, links", [
    # labels in bold or italics, as Markdown digests (and models asked for one) write them
    ("**Link:** https://arxiv.org/abs/2506.03569", [("Link", "https://arxiv.org/abs/2506.03569")]),
    ("**Code**: https://github.com/a/b | **Project**: https://x.io",
     [("Code", "https://github.com/a/b"), ("Project", "https://x.io")]),
    ("*PDF:* https://x.org/a.pdf", [("PDF", "https://x.org/a.pdf")]),
    ("__arXiv__: 2506.03569", [("arXiv", "2506.03569")]),
    ("https://x.org/__init__.py", [("", "https://x.org/__init__.py")]),  # (no label)
    # Markdown links after a label of links
    ("Paper: [arXiv](https://arxiv.org/abs/2506.03569)",
     [("Paper arXiv", "https://arxiv.org/abs/2506.03569")]),
    ("**Links:** [arXiv](https://arxiv.org/abs/2506.03569) | [Code](https://github.com/a/b)",
     [("Links arXiv", "https://arxiv.org/abs/2506.03569"), ("Code", "https://github.com/a/b")]),
    ("项目主页：[qwenlm.github.io](https://qwenlm.github.io/)",
     [("项目主页", "https://qwenlm.github.io/")]),
    ("[x.github.io](https://x.github.io/) · [Code](https://github.com/a/b)",
     [("", "https://x.github.io/"), ("Code", "https://github.com/a/b")]),
    ("📄 [arXiv](https://arxiv.org/abs/2506.03569) | 🤗 [HF](https://hf.co/papers/2506.03569)",
     [("arXiv", "https://arxiv.org/abs/2506.03569"), ("HF", "https://hf.co/papers/2506.03569")]),
    ("[OpenReview](https://openreview.net/forum?id=nZeVKeeFYf9)",
     [("OpenReview", "https://openreview.net/forum?id=nZeVKeeFYf9")]),
    # a title written as a link, after a title's label or not; a sentence with a link
    ("Paper: [Qwen3 Technical Report](https://arxiv.org/abs/2505.09388)", []),
    ("**[Qwen3 Technical Report](https://arxiv.org/abs/2505.09388)**", []),
    ("We release the code: [GitHub](https://github.com/a/b)", []),
    ("**Note:** we like it", [])])
def test_a_line_of_links_in_markdown(line, links):
    from bitext.digestlines import line_links

    assert [(link.label, link.url or link.arxiv) for link in line_links(line, 1)] == links


@pytest.mark.parametrize("bold", ["**", ""])
def test_a_digest_with_every_part_labelled_reads_every_field(bold):
    """Each part of an entry after its label, in bold too, as a Markdown digest (or a
    model asked to write one) has it: "**Title:**", "**标题：**", "**Link:**"; links after
    a translated abstract that ends without a full stop ("……解决它们") are the entry's."""
    from bitext.sources import read_records

    items = [item for _, item in daily_items()[:3]]
    lines = ["# 2024-06-03 论文速递", ""]
    for number, item in enumerate(items):
        paper = item["paper"]
        lines += [f"{bold}Title:{bold} {normalise_title(paper['title'])}",
                  f"{bold}标题：{bold} {CHINESE_TITLES[number]}",
                  f"{bold}Authors:{bold} {', '.join(a['name'] for a in paper['authors'][:3])}",
                  f"{bold}Abstract:{bold} {' '.join(paper['summary'].split())}",
                  f"{bold}摘要：{bold} {CHINESE_ABSTRACTS[number]}",
                  f"{bold}Link:{bold} https://arxiv.org/abs/{paper['id']}",
                  f"{bold}Code{bold}: [GitHub](https://github.com/example/{number})", ""]
    records, problems = read_records("\n".join(lines), "labelled.md", "digest", LANGUAGES)
    assert problems == []
    assert [(r.titles, r.arxiv, r.links.get("code"), r.authors[:1], r.date)
            for r in records] == [
        ((normalise_title(item["paper"]["title"]), CHINESE_TITLES[number]), item["paper"]["id"],
         f"https://github.com/example/{number}", (item["paper"]["authors"][0]["name"],),
         dt.date(2024, 6, 3)) for number, item in enumerate(items)]
    assert [r.abstracts[1] for r in records] == CHINESE_ABSTRACTS[:3]


def test_a_digest_paper_with_its_arxiv_link_is_found_again_in_the_daily_papers(tmp_path,
                                                                              capsys):
    """The editor's own title differs, the arXiv id is the same: one paper."""
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "digest-2024-06.txt"
    digest.write_text("MMLU: Are We Done?\nhttps://arxiv.org/abs/2406.04127v3\nMMLU 做完了吗？\n"
                      "Maybe not. We find errors in MMLU.\n也许没有。我们发现了 MMLU 中的错误。\n",
                      "utf-8")
    assert run(project, "import", str(digest)) == 0
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2024-06-13.json")) == 0
    out = capsys.readouterr().out.splitlines()
    assert "skipped content/papers/mmlu-are-we-done.md  [" in "\n".join(out)
    assert out[-1].startswith("20 created, 0 updated, 1 skipped;")
    text = paper_file(project, "mmlu-are-we-done")
    assert "arxiv: '2406.04127'\nlinks:\n  pdf: https://arxiv.org/pdf/2406.04127\n" in text


@pytest.mark.parametrize(("label", "url", "kind"), [
    # the paper's page where it was published, and a PDF there
    ("OpenReview", "https://openreview.net/forum?id=nZeVKeeFYf9", "page"),
    ("", "https://openreview.net/forum?id=nZeVKeeFYf9", "page"),
    ("PDF", "https://openreview.net/pdf?id=nZeVKeeFYf9", "pdf"),
    ("", "https://openreview.net/pdf?id=nZeVKeeFYf9", "pdf"),
    ("Paper", "https://aclanthology.org/N19-1423/", "page"),
    ("", "https://aclanthology.org/N19-1423.pdf", "pdf"),
    ("", "https://pubmed.ncbi.nlm.nih.gov/34265844/", "page"),
    ("", "https://www.nature.com/articles/s41586-021-03819-2", "page"),
    ("", "https://dl.acm.org/doi/pdf/10.1145/3442188.3445922", "pdf"),
    ("论文页面", "https://journal.example.org/articles/42", "page"),
    ("Paper page", "https://journal.example.org/articles/42", "page"),
    # (arXiv's abstract, on the daily papers too, is the paper's page: its arXiv id; before,
    # "Paper page" made it a project page)
    ("Paper page", "https://huggingface.co/papers/2505.09388", "arxiv"),
    # as before
    ("Project page", "https://qwenlm.github.io/", "project"),
    ("", "https://qwenlm.github.io/", "project"),
    ("DOI", "https://doi.org/10.18653/v1/N19-1423", "doi"),
    ("", "http://dx.doi.org/10.18653/v1/N19-1423", "doi"),  # (was a project page)
    ("", "https://[openreview.net/forum?id=x", "project")])  # (no host: no traceback)
def test_a_link_to_where_a_paper_was_published_is_its_page(label, url, kind):
    from bitext.digestlines import Link
    from bitext.sources import link_kind

    assert link_kind(Link(1, label, url, None))[0] == kind


def test_a_digests_paper_of_a_conference_keeps_its_page_and_doi():
    from bitext.sources import read_records

    title, abstract = REAL[0]
    text = "\n".join([title, CHINESE_TITLES[0], abstract, CHINESE_ABSTRACTS[0],
                      "OpenReview: https://openreview.net/forum?id=nZeVKeeFYf9 | "
                      "PDF: https://openreview.net/pdf?id=nZeVKeeFYf9 | "
                      "DOI: https://doi.org/10.48550/arXiv.2106.09685"])
    records, problems = read_records(text, "d.txt", None, LANGUAGES)
    assert problems == []
    assert records[0].links == {"page": "https://openreview.net/forum?id=nZeVKeeFYf9",
                                "pdf": "https://openreview.net/pdf?id=nZeVKeeFYf9",
                                "doi": "https://doi.org/10.48550/arXiv.2106.09685"}


def test_a_line_of_links_without_its_paper_or_with_a_second_link_of_a_kind(tmp_path, capsys):
    from bitext.sources import read_records

    title, abstract = REAL[0]
    entry = [title, CHINESE_TITLES[0], abstract, CHINESE_ABSTRACTS[0]]
    text = "\n".join(entry + ["Code: https://github.com/a/one", "Code: https://github.com/a/two",
                              "arXiv: 2505.09388", "https://arxiv.org/abs/2406.04127v2"])
    assert [problem.format() for problem in read_records(text, "d.txt", None, LANGUAGES)[1]] == [
        "d.txt:6: a second code link for one paper (expected one, as the paper file keeps "
        "(https://github.com/a/one), found https://github.com/a/two) — keep one link of each "
        "kind: page, pdf, code, project, data, doi, arXiv",
        "d.txt:8: a second arXiv link for one paper (expected one, as the paper file keeps "
        "(2505.09388), found 2406.04127) — keep one link of each kind: page, pdf, code, "
        "project, data, doi, arXiv"]
    text = "\n".join(["https://arxiv.org/abs/2505.09388", *entry, "https://github.com/a/b"])
    assert [problem.format() for problem in read_records(text, "d.txt", None, LANGUAGES)[1]] == [
        "d.txt:6: a line of links with no paper (expected a paper's entry after it, found "
        "none) — the links of a digest go with the entry before them, or, in a file that "
        "starts with links, after them"]


@pytest.mark.parametrize("number", ["{}. ", "{}) ", "{}、", "【{}】"])
def test_numbered_entries_give_titles_without_their_numbers(number):
    text, expected = real_digest(False, True)
    titles = {title for (title, _), _, _ in expected} | {
        chinese for (_, chinese), _, _ in expected}
    counter = iter(range(1, 10_000))
    numbered = [number.format(next(counter)) + line if line in titles else line
                for line in text.split("\n")]
    entries, problems = parse_digest("\n".join(numbered), "numbered.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


def digest_written(expected: list[tuple], blank_lines: bool, english_lines, chinese_lines
                   ) -> str:
    """A digest of real_digest's entries whose abstracts are written as the two functions
    write them (each takes the index of the paper and its abstract, gives lines)."""
    lines = []
    for index, ((title, chinese_title), (english, chinese), affiliation) in enumerate(expected):
        lines += [title, *([affiliation] if affiliation else []), chinese_title,
                  *english_lines(index, english), *chinese_lines(index, chinese),
                  *([""] if blank_lines else [])]
    return "\n".join(lines) + "\n"


def words_but_links(entry, text: str) -> str:
    """The words of a text but for the entry's links ("Project page: https://…")."""
    for link in entry.links:
        assert text.count(f"{link.label}: {link.url}") == 1
        text = text.replace(f"{link.label}: {link.url}", "")
    return " ".join(text.split())


def wrapped_chinese(index: int, text: str) -> list[str]:
    """Lines of at least 15 characters, each broken between two Han characters (in a
    sentence: a text whose every line ends a sentence is read as paragraphs)."""
    lines, start = [], 0
    for at in range(15, len(text)):
        if at - start >= 15 and all(HAN_RUN.match(char) for char in text[at - 1:at + 1]):
            lines.append(text[start:at])
            start = at
    return lines + [text[start:]]


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
@pytest.mark.parametrize("affiliations", [False, True], ids=["no-affiliations", "affiliations"])
def test_abstracts_written_over_lines_as_the_daily_papers_give_them_import_whole(
        blank_lines, affiliations):
    """Every real abstract in the lines the daily papers give it in: arXiv's lines of 80
    columns (455 of the 561 wrapped, up to 26 lines, a paragraph started indented,
    addresses on a line of their own) or a paragraph a line (4 of 2026's), and the
    Chinese abstracts wrapped between two Han characters."""
    _, expected = real_digest(blank_lines, affiliations)
    summaries = [item["paper"]["summary"].strip() for _, item in daily_items()]
    text = digest_written(expected, blank_lines,
                          lambda index, _: summaries[index].split("\n"), wrapped_chinese)
    entries = read_wrapped(text, expected, summaries)
    assert sum(bool(entry.links) for entry in entries) == 3
    # and its paragraphs, as the import of the daily papers finds them (arXiv starts one
    # with an indented line; 2026's abstracts give a paragraph a line)
    paragraphs = [entry.abstract[0].count("\n\n") + 1 for entry in entries if not entry.links]
    assert paragraphs == [normalise_abstract(summary).count("\n\n") + 1
                          for entry, summary in zip(entries, summaries, strict=True)
                          if not entry.links]
    assert sum(count > 1 for count in paragraphs) == 14
    assert all("\n" not in entry.abstract[0].replace("\n\n", "") for entry in entries)
    assert sum("\n" in summary for summary in summaries) == 455


def read_wrapped(text: str, expected: list[tuple], summaries: list[str]) -> list:
    """The entries of a digest of the real papers with their abstracts as the daily papers
    wrap them, checked: each entry's titles, translation and affiliation as `expected`,
    and each English abstract the words of its lines, but for a line of links that follows
    a sentence's end, which is the paper's links (as a digest's lines of links)."""
    entries, problems = parse_digest(text, "wrapped.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract[1], e.affiliation) for e in entries] == [
        (titles, abstracts[1], affiliation) for titles, abstracts, affiliation in expected]
    assert [" ".join(entry.abstract[0].split()) for entry in entries] == [
        words_but_links(entry, summary) for entry, summary in zip(entries, summaries,
                                                                  strict=True)]
    return entries


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
@pytest.mark.parametrize("affiliations", [False, True], ids=["no-affiliations", "affiliations"])
def test_each_languages_lines_together_import_whole(blank_lines, affiliations):
    """Every real paper written as an editor pastes it and then its translation: title,
    affiliation, abstract (in the daily papers' lines), then the translated title and
    abstract, perhaps after a blank line. Before, every entry was a problem."""
    _, expected = real_digest(blank_lines, affiliations)
    summaries = [item["paper"]["summary"].strip() for _, item in daily_items()]
    lines = []
    for index, ((title, chinese_title), (_, chinese), affiliation) in enumerate(expected):
        lines += [title, *([affiliation] if affiliation else []),
                  *summaries[index].split("\n"), *([""] if blank_lines else []),
                  chinese_title, *wrapped_chinese(index, chinese), ""]
    read_wrapped("\n".join(lines), expected, summaries)


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_each_languages_lines_together_the_translation_first_import_whole(blank_lines):
    """Every real paper as a digest for readers of Chinese has it: the translated title
    and abstract, then the original title and abstract (in the daily papers' lines),
    perhaps after a blank line. Before, the first line was a problem."""
    _, expected = real_digest(blank_lines, False)
    summaries = [item["paper"]["summary"].strip() for _, item in daily_items()]
    lines = []
    for index, ((title, chinese_title), (_, chinese), _) in enumerate(expected):
        lines += [chinese_title, *wrapped_chinese(index, chinese),
                  *([""] if blank_lines else []), title, *summaries[index].split("\n"), ""]
    read_wrapped("\n".join(lines), expected, summaries)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_small_digests_of_each_languages_lines_together_import_whole(size):
    """The real papers so, in a day's digest of one to three entries: each reads whole,
    but for an entry alone whose affiliation is in Chinese and whose translated title
    ends as a sentence ("基于 $x^2$ 的方法。"). Its affiliation may as well be its
    translated title, and the translated title the first paragraph of the translation:
    a problem asks for a label, rather than a guess (13 of the 561)."""
    _, expected = real_digest(True, True)
    failed, ambiguous = [], []
    for start in range(0, len(expected) - size + 1, size):
        chunk = expected[start:start + size]
        lines = []
        for (title, chinese_title), (abstract, chinese), affiliation in chunk:
            lines += [title, *([affiliation] if affiliation else []), abstract, "",
                      chinese_title, chinese, ""]
        entries, problems = parse_digest("\n".join(lines), "day.txt", LANGUAGES)
        if [problem.message for problem in problems] == [
                "a translated title or an affiliation"]:
            ambiguous.append(chunk[0][0][1])
        elif problems or [(e.title, e.abstract, e.affiliation) for e in entries] != chunk:
            failed.append(start)
    assert failed == []
    assert len(ambiguous) == (13 if size == 1 else 0)
    assert all(title.endswith("。") or title.endswith("？") for title in ambiguous)


def test_a_wrapped_digest_with_the_translations_first_imports_whole():
    """The Chinese title and abstract first, the abstracts in the lines the daily papers
    give them in and the Chinese ones wrapped: each paper reads as in English-first
    order."""
    _, expected = real_digest(True, True)
    summaries = [item["paper"]["summary"].strip() for _, item in daily_items()]
    lines = []
    for index, ((title, chinese_title), (_, chinese), affiliation) in enumerate(expected):
        lines += [chinese_title, *([affiliation] if affiliation else []), title,
                  *wrapped_chinese(index, chinese), *summaries[index].split("\n"), ""]
    read_wrapped("\n".join(lines), expected, summaries)


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_a_wrapped_digest_that_lacks_a_translated_abstract_is_refused(blank_lines):
    """Two entries of the wrapped digest lose their Chinese abstract: each is named at the
    next entry's title, where the translated abstract was expected, as in a digest of
    one-line abstracts (the next title could carry on the wrapped abstract, and no
    reading fits a few lines further on)."""
    _, expected = real_digest(blank_lines, True)
    summaries = [item["paper"]["summary"].strip() for _, item in daily_items()]
    lacking = [4, 300]
    text = digest_written(
        expected, blank_lines, lambda index, _: summaries[index].split("\n"),
        lambda index, text: [] if index in lacking else wrapped_chinese(index, text))
    entries, problems = parse_digest(text, "lacking.txt", LANGUAGES)
    lines = text.split("\n")
    starts = [lines.index(expected[index][0][0]) + 1 for index in range(len(expected))]
    assert [(problem.line, problem.message) for problem in problems] == [
        (starts[index + 1], "expected the translated abstract") for index in lacking]
    assert len(entries) == 559


# Labelled entries in four styles, each with its own order of the fields.
LABEL_STYLES = [
    lambda e: [f"Title: {e['title']}", f"标题：{e['chinese_title']}",
               f"Authors: {', '.join(e['authors'][:-1])} and {e['authors'][-1]}"
               if len(e["authors"]) > 1 else f"Authors: {e['authors'][0]}",
               f"Abstract: {e['abstract'][0]}", *e["abstract"][1:],
               f"摘要：{e['chinese_abstract']}"],
    lambda e: [f"**Title:** {e['title']}", f"**Authors:** {'; '.join(e['authors'])}",
               *([f"**Affiliation:** {e['affiliation']}"] if e["affiliation"] else []),
               "**Abstract:**", *e["abstract"], f"**中文标题：** {e['chinese_title']}",
               f"**中文摘要：** {e['chinese_abstract']}"],
    lambda e: [f"【标题】{e['title']}", f"【摘要】{e['abstract'][0]}", *e["abstract"][1:],
               *([f"【机构】{e['affiliation']}"] if e["affiliation"] else []),
               f"【中文摘要】{e['chinese_abstract']}", f"【中文标题】{e['chinese_title']}",
               f"【作者】{'、'.join(e['authors'])}"],
    # (as a WeChat post numbers its papers: the number before the title's label)
    lambda e: [f"{e['number']}. 标题：{e['title']}", f"中文标题：{e['chinese_title']}",
               f"作者：{'、'.join(e['authors'])}",
               *([f"机构：{e['affiliation']}"] if e["affiliation"] else []),
               f"摘要：{e['abstract'][0]}", *e["abstract"][1:],
               f"中文摘要：{e['chinese_abstract']}"]]


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_labelled_entries_of_every_real_paper_import_whole_in_any_order(blank_lines):
    """Every real paper as a labelled entry, in four styles of labels and orders of the
    fields, with its real authors and its abstract in arXiv's lines: the labels say what
    each line is."""
    from bitext.sources import daily_paper

    _, expected = real_digest(blank_lines, True)
    lines = []
    for index, ((_, item), ((title, chinese_title), (_, chinese), affiliation)) in (
            enumerate(zip(daily_items(), expected, strict=True))):
        fields = {"title": title, "chinese_title": chinese_title, "chinese_abstract": chinese,
                  "abstract": item["paper"]["summary"].strip().split("\n"),
                  "authors": [author["name"] for author in item["paper"]["authors"]],
                  "affiliation": affiliation, "number": index + 1}
        lines += LABEL_STYLES[index % len(LABEL_STYLES)](fields) + ([""] if blank_lines else [])
    entries, problems = parse_digest("\n".join(lines), "labelled.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract[1], e.authors) for e in entries] == [
        ((title, chinese_title), chinese, daily_paper(item, path.name, 1)[0].authors)
        for (path, item), ((title, chinese_title), (_, chinese), _) in zip(
            daily_items(), expected, strict=True)]
    # the affiliation where the style gives one, and the English abstract's words
    assert [e.affiliation for e in entries] == [
        affiliation if index % len(LABEL_STYLES) else None
        for index, (_, _, affiliation) in enumerate(expected)]
    assert [" ".join(e.abstract[0].split()) for e in entries] == [
        words_but_links(entry, item["paper"]["summary"])
        for entry, (_, item) in zip(entries, daily_items(), strict=True)]


def test_labels_on_some_lines_are_taken_off_and_the_grammar_reads_the_rest():
    """Labels on the abstracts only (the titles have none), and a line of authors after
    each title: the lines read as without them, and each paper has its authors."""
    from bitext.sources import daily_paper

    text, expected = real_digest(True, True)
    abstracts = {english for _, (english, _), _ in expected}
    authors = {title: [author["name"] for author in item["paper"]["authors"]]
               for (title, _), (_, item) in zip(REAL, daily_items(), strict=True)}
    labelled = []
    for line in text.split("\n"):
        labelled.append(f"Abstract: {line}" if line in abstracts else line)
        if line in authors:
            labelled.append(f"作者：{', '.join(authors[line])}")
    entries, problems = parse_digest("\n".join(labelled), "some.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected
    assert [e.authors for e in entries] == [daily_paper(item, path.name, 1)[0].authors
                                            for path, item in daily_items()]


# An editor's notes on a paper, after its translated abstract, as digests write them, and
# the note each gives (primary, secondary).
NOTE_STYLES = [(lambda paper: f"TL;DR: {paper['ai_summary']}",
                lambda paper: (paper["ai_summary"], None)),
               (lambda paper: "点评：方法简单，效果扎实，值得一读。",
                lambda paper: (None, "方法简单，效果扎实，值得一读。")),
               (lambda paper: "**推荐理由：** 开源了代码和数据。",
                lambda paper: (None, "开源了代码和数据。")),
               (lambda paper: "编者按：\n方法简单，效果扎实。\n代码和数据都已开源。",
                lambda paper: (None, "方法简单，效果扎实。\n\n代码和数据都已开源。"))]


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
@pytest.mark.parametrize("affiliations", [False, True], ids=["no-affiliations", "affiliations"])
def test_lines_of_keywords_tags_and_notes_go_with_their_entry_and_leave_its_text_alone(
        blank_lines, affiliations):
    """Every real paper with, after its title, a line of its real keywords (the daily
    papers' `ai_keywords`, which 238 of the 561 have) or of tags, and after its translated
    abstract a note of the editor's (its real `ai_summary` as a TL;DR, or a comment, some of
    two paragraphs under a label alone on its line): the entries read as without them
    (before, a line of keywords was joined to the abstract, and a note became a paragraph
    of the translation), each with its keywords or tags, and its note in the note's
    language."""
    text, expected = real_digest(blank_lines, affiliations)
    titles = {title for (title, _), _, _ in expected}
    translations = {chinese for _, (_, chinese), _ in expected}
    items = iter(item["paper"] for _, item in daily_items())
    lines, notes, paper = [], [], None
    for line in text.split("\n"):
        lines.append(line)
        if line in titles:
            paper = next(items)
            lines.append(f"Keywords: {', '.join(paper['ai_keywords'])}"
                         if paper.get("ai_keywords") else "标签：强化学习、LLM")
        elif line in translations:
            line_of, note_of = NOTE_STYLES[len(notes) % 4 if paper.get("ai_summary") else 1]
            lines.append(line_of(paper))
            notes.append(note_of(paper))
    entries, problems = parse_digest("\n".join(lines), "noted.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected
    papers = [item["paper"] for _, item in daily_items()]
    assert [(e.keywords, e.tags) for e in entries] == [
        (tuple(paper["ai_keywords"]), ()) if paper.get("ai_keywords")
        else ((), ("强化学习", "LLM")) for paper in papers]
    assert [e.note for e in entries] == notes
    assert all(e.left_out == () for e in entries)
    assert sum(bool(note[0]) for note in notes) > 50  # (real summaries, in English)
    assert sum(bool(e.keywords) for e in entries) == 238


def test_a_file_of_a_line_with_an_address_and_a_date_is_a_problem_not_a_crash():
    """Found by scripts/fuzz_import.py: a line that holds a paper's address and a date, and
    no other line, raised StopIteration where the links are given their entries."""
    entries, problems = parse_digest("https://arxiv.org/abs/2505.09388标题：2025-05-14",
                                     "w.txt", LANGUAGES)
    assert entries == [] and [problem.message for problem in problems] == [
        "a line of links with no paper"]


@pytest.mark.parametrize("line", [
    "*点评*：值得一读。", "_点评_: 值得一读。", "> **点评**：值得一读。", "点评——值得一读。",
    "点评 — 值得一读。", "TL;DR - 值得一读。", "**TL;DR** — 值得一读。"])
def test_a_note_labelled_in_italics_or_with_a_dash(line):
    """Labels in italics, and a note's label before a dash: before, "*点评*：…" became a
    paragraph of the translation, and "TL;DR - …" the next entry's title (its title the
    affiliation), with no problem found. No real title or abstract reads as labelled."""
    from bitext.digestlines import field_label

    text = "\n".join([
        "## Qwen3 Technical Report", "Qwen3 技术报告", "In this work, we present Qwen3.",
        "在本工作中，我们推出了 Qwen3。", line, "", "## Second Paper Title", "第二篇论文",
        "An abstract here.", "一段摘要。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == []
    assert [(e.title[0], e.abstract[1], e.note) for e in entries] == [
        ("Qwen3 Technical Report", "在本工作中，我们推出了 Qwen3。", (None, "值得一读。")),
        ("Second Paper Title", "一段摘要。", (None, None))]
    assert not any(field_label(text)[0] for text, _ in REAL)
    assert not any(field_label(text)[0] for _, text in REAL)


@pytest.mark.parametrize("english, chinese", [
    ("Abstract—In this work, we present Qwen3.", "摘要——在本工作中，我们推出了 Qwen3。"),
    ("Abstract - In this work, we present Qwen3.",
     "摘要（DeepSeek 翻译）：在本工作中，我们推出了 Qwen3。"),
    ("Abstract (GPT-4o translation): In this work, we present Qwen3.",
     "中文摘要（机器翻译）：在本工作中，我们推出了 Qwen3。")])
def test_an_abstracts_label_before_a_dash_or_naming_its_translator_is_taken_off(english,
                                                                               chinese):
    """Labels as papers print them ("Abstract—", IEEE's) and as editors name who
    translated ("摘要（DeepSeek 翻译）："): before, each stayed at the start of its
    abstract."""
    text = "\n".join(["Qwen3 Technical Report", "Qwen3 技术报告", english, chinese])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == [] and [e.abstract for e in entries] == [
        ("In this work, we present Qwen3.", "在本工作中，我们推出了 Qwen3。")]


@pytest.mark.parametrize("label, options, provenance", [
    ("中文摘要（机翻）：", [], ("machine", None)),
    ("摘要（DeepSeek 翻译）：", [], ("machine", "DeepSeek")),
    ("中文摘要（机器翻译）：", ["--translation-model", "qwen-max"], ("machine", "qwen-max")),
    ("摘要（DeepSeek 翻译）：", ["--translation-model", "qwen-max"], ("machine", "DeepSeek")),
    ("中文摘要（机翻）：", ["--translator", "Wang Fang"], ("machine", None)),
    ("摘要（人工翻译）：", [], (None, None)),
    ("摘要（人工翻译）：", ["--translator", "Wang Fang"], ("Wang Fang", None))])
def test_a_translations_label_says_who_made_it(tmp_path, label, options, provenance):
    """A translated abstract labelled as a machine's ("中文摘要（机翻）：") or a model's
    ("摘要（DeepSeek 翻译）：") gives its paper's translator and model, and the page says
    so; a model named on the command line stays beside a machine that names none. Before,
    the label stayed in the abstract, and the paper had no translator."""
    from tests.test_import import imported

    root = make_project(tmp_path / "site", {})
    digest = tmp_path / "digest.txt"
    digest.write_text("\n".join(["Qwen3 Technical Report", "Qwen3 技术报告",
                                 "In this work, we present Qwen3.",
                                 f"{label}在本工作中，我们推出了 Qwen3。"]), "utf-8")
    assert main(["--root", str(root), "import", str(digest), *options]) == 0
    paper = imported(root)["qwen3-technical-report"]
    assert (paper.translator, paper.translation_model) == provenance
    assert paper.abstract.secondary.text == "在本工作中，我们推出了 Qwen3。"


def test_a_heading_is_a_title_and_a_line_of_no_entry_above_it_is_named():
    """A line of no entry between entries whose titles are headings: before, it became the
    next entry's title and that title its affiliation, with no problem found."""
    text = "\n".join([
        "## Qwen3 Technical Report", "Qwen3 技术报告", "In this work, we present Qwen3.",
        "在本工作中，我们推出了 Qwen3。", "Worth reading, see the demo", "",
        "## Second Paper Title", "第二篇论文", "An abstract here.", "一段摘要。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert [problem.format() for problem in problems] == [
        "d.txt:7: expected the translated title (expected a line in 简体中文, found a line in "
        "English 'Second Paper Title') — a heading is a paper's title: is line 5 ('Worth "
        "reading, see the demo') a line of no entry?"]
    assert not any(entry.affiliation for entry in entries)


def test_a_numbered_digest_of_labelled_lines_with_emoji():
    """A digest as Chinese newsletters lay one out: numbered bold titles, then each part
    on an indented line with an emoji and a label ("📝 论文摘要：", "🔗 论文链接：",
    "💡 点评："). Before, "论文摘要：" stayed at the start of the English abstract."""
    text = "\n".join([
        "1. **Qwen3 Technical Report**", "   Qwen3 技术报告",
        "   📝 论文摘要：In this work, we present Qwen3, the latest version of the Qwen model "
        "family.", "   📝 中文摘要：在本工作中，我们推出了 Qwen3。",
        "   🔗 论文链接：https://arxiv.org/abs/2505.09388", "   💡 点评：值得一读。", "",
        "2. **Absolute Zero: Reinforced Self-play Reasoning with Zero Data**",
        "   绝对零：零数据的强化自博弈推理",
        "   📝 论文简介：Reinforcement learning with verifiable rewards (RLVR) has shown promise.",
        "   📝 中文摘要：基于可验证奖励的强化学习展现出前景。",
        "   🔗 论文链接：https://arxiv.org/abs/2505.03335", "   💡 点评：自己出题自己做。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.note, [link.url for link in e.links]) for e in entries] == [
        (("Qwen3 Technical Report", "Qwen3 技术报告"),
         ("In this work, we present Qwen3, the latest version of the Qwen model family.",
          "在本工作中，我们推出了 Qwen3。"), (None, "值得一读。"),
         ["https://arxiv.org/abs/2505.09388"]),
        (("Absolute Zero: Reinforced Self-play Reasoning with Zero Data",
          "绝对零：零数据的强化自博弈推理"),
         ("Reinforcement learning with verifiable rewards (RLVR) has shown promise.",
          "基于可验证奖励的强化学习展现出前景。"), (None, "自己出题自己做。"),
         ["https://arxiv.org/abs/2505.03335"])]


@pytest.mark.parametrize("labels", [
    ("**标题**", "**摘要**", "**翻译**"), ("标题", "原文", "译文"),
    ("中文标题", "英文原文", "中文翻译"), ("题目", "Abstract", "翻译"),
    ("标题（中文）", "摘要（英文）", "摘要（中文）"),
    ("Title [zh]", "Abstract (EN)", "中文摘要（机翻）")])
def test_a_digest_of_bold_labels_under_numbered_headings(labels):
    """Titles as numbered headings, then labelled lines, as blog posts lay a digest out:
    before, "翻译：", "原文：", "英文原文：" and labels with their language in brackets
    ("摘要（英文）：") stayed at the start of their abstracts."""
    title, abstract, translation = labels
    text = "\n".join([
        "### 1. Qwen3 Technical Report", f"{title}：Qwen3 技术报告",
        "**作者**：An Yang, Anfeng Li", "**机构**：阿里",
        f"{abstract}：In this work, we present Qwen3.",
        f"{translation}：在本工作中，我们推出了 Qwen3。",
        "**链接**：https://arxiv.org/abs/2505.09388", "",
        "### 2. Absolute Zero: Reinforced Self-play Reasoning with Zero Data",
        f"{title}：绝对零：零数据的强化自博弈推理",
        f"{abstract}：Reinforcement learning with verifiable rewards (RLVR) has shown promise.",
        f"{translation}：基于可验证奖励的强化学习展现出前景。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == []
    assert [(e.title[1], e.abstract, e.affiliation) for e in entries] == [
        ("Qwen3 技术报告",
         ("In this work, we present Qwen3.", "在本工作中，我们推出了 Qwen3。"), "阿里"),
        ("绝对零：零数据的强化自博弈推理",
         ("Reinforcement learning with verifiable rewards (RLVR) has shown promise.",
          "基于可验证奖励的强化学习展现出前景。"), None)]


def sample_papers() -> list[tuple[str, str, str, str]]:
    """The first three papers of the sample digest: title, translated title, abstract and
    translated abstract (Qwen3's affiliation line left out)."""
    sample = SAMPLE_DIGEST.read_text("utf-8").splitlines()
    return [(sample[0], sample[2], sample[3], sample[4]), tuple(sample[5:9]),
            tuple(sample[9:13])]


@pytest.mark.parametrize("file_heading", ["# 2025-05 论文速递", "# Papers of May 2025",
                                          "## HF 每日论文精选"])
def test_a_heading_over_the_file_above_headings_of_the_titles(file_heading):
    """A digest kept in Markdown with a heading over the file, then each paper's title as
    a heading a level deeper, its lines labelled (the sample digest's papers). Before, the
    headings were either all titles or all left out, and neither read: "expected the
    title … found a line in 简体中文 '2025-05 论文速递'"."""
    papers = sample_papers()
    depth = "#" * (file_heading.count("#") + 1)
    lines = [file_heading, ""]
    for number, (title, translated, abstract, translation) in enumerate(papers, start=1):
        lines += [f"{depth} {number}. {title}", f"**中文标题**：{translated}", "",
                  f"**Abstract**: {abstract}", "", f"**摘要**：{translation}", ""]
    entries, problems = parse_digest("\n".join(lines), "d.md", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract) for e in entries] == [
        ((title, translated), (abstract, translation))
        for title, translated, abstract, translation in papers]


@pytest.mark.parametrize("title_line", [
    "### {title} | {translated}", "### [{title}]({link}) | {translated}",
    "## {title}（{translated}）"])
def test_a_heading_that_holds_a_title_and_its_translation(title_line):
    """Each paper under a heading that holds its title and the title's translation, the
    abstracts in paragraphs of their own (the sample digest's papers). Before, the
    headings were read as titles whole or left out, and never split: the abstracts then
    became titles ("expected the abstract … found the end of the file")."""
    papers = sample_papers()
    lines = []
    for number, (title, translated, abstract, translation) in enumerate(papers, start=1):
        link = f"https://arxiv.org/abs/2505.0933{number}"
        lines += [title_line.format(title=title, translated=translated, link=link),
                  "", abstract, "", translation, "", "---", ""]
    entries, problems = parse_digest("\n".join(lines), "d.md", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract) for e in entries] == [
        ((title, translated), (abstract, translation))
        for title, translated, abstract, translation in papers]


@pytest.mark.parametrize("title_label", ["📄 论文{number}：", "**Paper {number}:** ",
                                         "【论文{chinese}】", "论文 {number}: "])
def test_a_title_label_with_the_entrys_number(title_label):
    """Digests kept for WeChat number their papers in the title's label ("📄 论文1："),
    with the other lines labelled (the sample digest's papers). Before, the label stayed
    in the title ("论文1：Qwen3 Technical Report", its slug lun-wen-1-qwen3-…)."""
    papers = sample_papers()
    lines = ["今日论文速递 | 2025-05-20", ""]
    for number, (title, translated, abstract, translation) in enumerate(papers, start=1):
        label = title_label.format(number=number, chinese="一二三"[number - 1])
        lines += [f"{label}{title}", f"🏷️ 中文标题：{translated}",
                  f"🔗 链接：https://arxiv.org/abs/2505.0933{number}",
                  f"📝 英文摘要：{abstract}", f"📖 中文摘要：{translation}", ""]
    entries, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.date) for e in entries] == [
        ((title, translated), (abstract, translation), dt.date(2025, 5, 20))
        for title, translated, abstract, translation in papers]


def test_titles_that_end_with_their_day():
    """A digest that dates each paper after its title (the sample digest's papers). A short
    title with its day has the shape of a day's caption ("HF Daily Papers 2025-05-14"):
    before, the file failed at the next line ("expected the title … found a line in
    简体中文 'Qwen3 技术报告'"), and a longer title kept its day, in its slug too."""
    days = ["(2025-05-11)", "– 2025年5月12日", "[2025/5/13]"]
    lines = ["HF 每日论文 2025-05-10", ""]
    for (title, translated, abstract, translation), day in zip(sample_papers(), days,
                                                               strict=True):
        lines += [f"{title} {day}", translated, abstract, translation, ""]
    entries, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.date) for entry in entries] == [
        ((title, translated), dt.date(2025, 5, 11 + index))
        for index, (title, translated, _, _) in enumerate(sample_papers())]


def test_a_labelled_line_in_the_wrong_place_is_named_by_its_label():
    """A digest with the translated abstracts but no translated titles, its titles
    headings: the problem is the missing translated title, under the heading, and names
    the line found by its label. Before, the headings were left out, and the problem
    called the English abstract a line in Chinese where a title was expected."""
    text = "\n".join(["## [Qwen3 Technical Report](https://arxiv.org/abs/2505.09388)",
                      "**Abstract:** In this work, we present Qwen3.",
                      "**摘要：** 在本工作中，我们推出了 Qwen3。"])
    _, problems = parse_digest(text, "d.md", LANGUAGES)
    assert [problem.format() for problem in problems] == [
        "d.md:2: expected the translated title (expected a line in 简体中文, found a line "
        "labelled abstract 'In this work, we present Qwen3.') — it reads as an abstract: "
        "is the translated title missing above it?"]


@pytest.mark.parametrize("line", ["Published: 2025-05-14", "发布日期：2025-05-14", "2025-05-14"])
def test_a_date_among_an_entrys_lines_is_its_own(line):
    """A line of a date between an entry's title and its abstract dates that entry; the
    entries after it keep the day of the line of a date above them. Before, it dated the
    entries after it, and not its own."""
    text = "\n".join([
        "2025-05-01", "Qwen3 Technical Report", "Qwen3 技术报告", line,
        "In this work, we present Qwen3.", "在本工作中，我们推出了 Qwen3。", "",
        "Absolute Zero: Reinforced Self-play Reasoning with Zero Data",
        "绝对零：零数据的强化自博弈推理",
        "Reinforcement learning with verifiable rewards (RLVR) has shown promise.",
        "基于可验证奖励的强化学习展现出前景。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == []
    assert [entry.date for entry in entries] == [dt.date(2025, 5, 14), dt.date(2025, 5, 1)]


# Lines of counts and details as digests copy them from the daily papers' pages.
COUNT_STYLES = [lambda paper: f"👍 {paper['upvotes']}",
                lambda paper: f"Upvotes: {paper['upvotes']}",
                lambda paper: f"⭐ {paper.get('githubStars') or 0} stars",
                lambda paper: f"热度：{paper['upvotes']}",
                lambda paper: f"👍 {paper['upvotes']} | 💬 3",
                lambda paper: "Submitted by: "
                              f"{paper.get('submittedOnDailyBy', {}).get('fullname')}"]


@pytest.mark.parametrize("after", ["title", "abstract"])
def test_lines_of_counts_are_left_out_and_leave_the_text_alone(after):
    """Every real paper with a line of its real upvotes, stars or submitter after its title
    or its translated abstract: the entries read as without them, and each such line is
    left out and named. Before, "👍 128" and "Upvotes: 128" were joined to the abstract,
    and "热度：128" became the translated title (the translated title, the affiliation)."""
    text, expected = real_digest(True, False)
    items = [item["paper"] for _, item in daily_items()]
    lines, counted = [], []
    for index, line in enumerate(text.split("\n")):
        lines.append(line)
        entry, part = divmod(index, 5)  # (title, translated title, abstracts, blank)
        if entry < len(items) and part == (0 if after == "title" else 3):
            lines.append(COUNT_STYLES[entry % len(COUNT_STYLES)](items[entry]))
            counted.append(len(lines))
    entries, problems = parse_digest("\n".join(lines), "counted.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected
    assert [e.left_out for e in entries] == [(number,) for number in counted]


# Badges that newsletters set over or under a paper's title.
BADGES = ["🏆 Paper of the day", "🔥 热门", "【编辑推荐】", "**⭐ Editor's pick**", "🆕 New",
          "[Hot]", "🔥 Trending!", "💎 今日必读"]


@pytest.mark.parametrize("place", ["above the title", "under the title", "under a heading"])
def test_badges_over_or_under_a_title_are_left_out(place):
    """Every real paper with a badge over or under its title (its title a Markdown heading
    too): the entries read as without them, and each badge is left out and named. Before,
    with a heading, "Paper of the day" became the title and the paper's own title was
    lost, without a problem; over a plain title, the title became the affiliation."""
    text, expected = real_digest(True, False)
    lines, badged = [], []
    for index, line in enumerate(text.split("\n")):
        entry, part = divmod(index, 5)  # (title, translated title, abstracts, blank)
        badge = BADGES[entry % len(BADGES)]
        if part == 0 and entry < len(REAL) and place == "above the title":
            lines.append(badge)
            badged.append(len(lines))
        lines.append(f"## {line}" if part == 0 and place == "under a heading" else line)
        if part == 0 and entry < len(REAL) and place != "above the title":
            lines.append(badge)
            badged.append(len(lines))
    entries, problems, outside = read_digest("\n".join(lines), "badged.md", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected
    # (named in the report, as an entry's line or the digest's opening words)
    assert sorted([*outside, *(number for e in entries for number in e.left_out)]) == badged


@pytest.mark.parametrize(("title", "translated"), [
    ("New", "新"), ("Hot Chips: A Survey", "热门芯片综述"), ("🔥 Hot Chips", "推荐系统"),
    ("[Hot] Trending Topics in RL", "强化学习的热门话题")])
def test_a_title_of_a_badges_words_is_no_badge(title, translated):
    """A badge's words without its marks, or among other words, are a title."""
    digest = f"{title}\n{translated}\nWe survey it.\n我们综述它。\n"
    [entry], problems = parse_digest(digest, "d.txt", LANGUAGES)
    assert problems == [] and entry.title == (title.removeprefix("🔥 "), translated)


@pytest.mark.parametrize("title", ["4K", "1.2M"])
def test_a_number_with_a_multiplier_is_no_line_of_counts(title):
    """A number alone says nothing of what it counts, with its "k" or "M" too: a title so
    reads as a title. Before, "0K" (Hypothesis found it) was a line of counts, left out,
    and the entry read without its title."""
    text = "\n".join([title, "标题", "We present a method.", "我们提出了一种方法。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == [] and [(e.title, e.left_out) for e in entries] == [((title, "标题"), ())]


# What Chinese digests of arXiv put around a day's entries (the caption, the sign-off).
OPENINGS = [["cs.CL 方向，今日共计{count}篇"], ["今日论文速递", "共 {count} 篇，按热度排序"], []]
CLOSINGS = [["以上就是今天的论文速递，欢迎关注！"], [],
            ["---", "本期内容由 AI 辅助翻译，如有错误欢迎指正。"]]
# arXiv's comments, as such a digest gives them under "备注".
ARXIV_COMMENTS = ["12 pages, 5 figures", "Accepted by ACL 2025 Findings",
                  "Code: https://github.com/example/repo", "Work in progress"]


def arxiv_daily_digest(chunk: list[tuple], items: list[dict], opening: list[str],
                       closing: list[str]) -> tuple[str, list[int], list[int]]:
    """Real papers as a Chinese digest of arXiv writes them ("【1】 Title", then labelled
    lines: 标题, 链接, 作者, 机构, 备注, 摘要, Abstract), between its opening and closing
    words: the text, the numbers of the words' lines, and those of the lines of comments."""
    lines = [line.format(count=len(chunk)) for line in opening] + [""] * bool(opening)
    outside, comments = list(range(1, len(opening) + 1)), []
    for number, (((title, chinese_title), (abstract, chinese), affiliation), paper) in (
            enumerate(zip(chunk, items, strict=True), start=1)):
        lines += [f"【{number}】 {title}", f"标题：{chinese_title}",
                  f"链接：https://arxiv.org/abs/{paper['id']}",
                  "作者：" + ", ".join(author["name"] for author in paper["authors"]),
                  *([f"机构：{affiliation}"] if affiliation else []),
                  f"备注：{ARXIV_COMMENTS[number % len(ARXIV_COMMENTS)]}",
                  f"摘要：{chinese}", f"Abstract: {abstract}", ""]
        comments.append(len(lines) - 3)
    for line in closing:
        lines.append(line)
        outside += [len(lines)] if "欢迎" in line else []
    return "\n".join(lines) + "\n", outside, comments


@pytest.mark.parametrize("size", [1, 2, 3, 561])
def test_a_chinese_digest_of_arxiv_reads_whole_without_its_opening_and_closing_words(size):
    """Every real paper in the shape of the Chinese digests of arXiv ("【1】 Title", 标题,
    链接, 作者, 机构, 备注, 摘要, Abstract), in a day's digest of one to three entries and
    in one of all 561, under a caption and above a sign-off: each entry reads whole, with
    its arXiv id, authors and affiliation; the caption and sign-off are left out and
    named; "备注" in English is arXiv's comments, left out and named. Before, the caption
    was read as a title (ten problems in a digest of three), and the sign-off as the last
    paragraph of the last translated abstract, with no problem."""
    _, expected = real_digest(True, True)
    papers = [item["paper"] for _, item in daily_items()]
    failed = []
    for start in range(0, len(expected) - size + 1, size):
        chunk, items = expected[start:start + size], papers[start:start + size]
        shape = start // size
        text, outside, comments = arxiv_daily_digest(
            chunk, items, OPENINGS[shape % len(OPENINGS)], CLOSINGS[shape % len(CLOSINGS)])
        entries, problems, left_out = read_digest(text, "arxiv-daily.txt", LANGUAGES)
        read = [(e.title, e.abstract, e.affiliation, e.authors, e.links[0].arxiv, e.left_out)
                for e in entries]
        if problems or left_out != tuple(outside) or read != [
                (titles, abstracts, affiliation,
                 tuple(author["name"] for author in paper["authors"]), None, (comment,))
                for ((titles, abstracts, affiliation), paper, comment) in zip(
                    chunk, items, comments, strict=True)]:
            failed.append(start)
    assert failed == []


def test_the_import_report_names_the_lines_of_a_digests_opening_and_closing_words(
        tmp_path, capsys):
    root = make_project(tmp_path / "site", {})
    _, expected = real_digest(True, False)
    papers = [item["paper"] for _, item in daily_items()]
    text, _, _ = arxiv_daily_digest(expected[:2], papers[:2], OPENINGS[0], CLOSINGS[0])
    (tmp_path / "arxiv-daily.txt").write_text(text, "utf-8")
    assert main(["--root", str(root), "import", "--dry-run",
                 str(tmp_path / "arxiv-daily.txt")]) == 0
    report = capsys.readouterr().out
    assert (f"{tmp_path / 'arxiv-daily.txt'}: lines 1, 19 left out (no paper's: the "
            "digest's opening or closing words)") in report
    assert "2 created" in report and "left out: line 7]" in report


# Shapes of entries that read wrong or not at all before: each gives an entry's lines from
# its number, titles, abstracts and daily-papers item.
MARKED_SHAPES = {
    # Before, "🔗 https://…" was no line of links, and broke every entry.
    "emoji": lambda number, titles, abstracts, paper: [
        f"📌 {number}. {titles[0]}", f"🏷️ {titles[1]}",
        "👥 作者：" + ", ".join(author["name"] for author in paper["authors"]),
        f"🔗 https://arxiv.org/abs/{paper['id']}", f"📝 摘要：{abstracts[1]}",
        f"📄 Abstract: {abstracts[0]}"],
    # Before, "## Abstract" and "## 摘要" were read as titles: seven problems in three.
    "sections": lambda number, titles, abstracts, paper: [
        f"# {titles[0]}", f"中文标题：{titles[1]}", f"arXiv: {paper['id']}", "",
        "## Abstract", "", abstracts[0], "", "**摘要**", "", abstracts[1], ""],
    # Before, each abstract kept its quote's mark, and its page showed it as a quotation.
    "quoted": lambda number, titles, abstracts, paper: [
        f"### {titles[0]}", f"**{titles[1]}**", "", f"> {abstracts[0]}", ">",
        f"> {abstracts[1]}"],
    # Before, the translated title kept its label "中文：".
    "language labels": lambda number, titles, abstracts, paper: [
        f"{number}. {titles[0]}", f"   中文：{titles[1]}", f"   EN: {abstracts[0]}",
        f"   {abstracts[1]}"],
    # Before, the line of Markdown links became the abstract's first paragraph.
    "markdown links": lambda number, titles, abstracts, paper: [
        f"## {number}. {titles[0]}", "", f"**{titles[1]}**", "",
        f"📄 [arXiv](https://arxiv.org/abs/{paper['id']}) | "
        f"🤗 [HF](https://huggingface.co/papers/{paper['id']})", "", abstracts[0], "",
        abstracts[1], "", "---"],
}
# The shapes that give each paper's arXiv address.
SHAPES_WITH_LINKS = ("emoji", "sections", "markdown links")


def marked_days(shape: str, size: int) -> Iterator[tuple[int, list, list[str]]]:
    """The real papers in day's digests of `size` entries in one of `MARKED_SHAPES`: each
    digest's first paper's place, its (fields, daily-papers item) pairs, and its lines."""
    _, expected = real_digest(True, False)
    papers = [item["paper"] for _, item in daily_items()]
    for start in range(0, len(expected) - size + 1, size):
        chunk = list(zip(expected[start:start + size], papers[start:start + size],
                         strict=True))
        lines = []
        for number, ((titles, abstracts, _), paper) in enumerate(chunk, start=1):
            lines += [*MARKED_SHAPES[shape](number, titles, abstracts, paper), ""]
        yield start, chunk, lines


@pytest.mark.parametrize("shape", MARKED_SHAPES)
@pytest.mark.parametrize("size", [1, 2, 3])
def test_entries_marked_with_emoji_sections_quotes_or_languages_read_whole(shape, size):
    """Every real paper in a day's digest of one to three entries, in shapes that Markdown
    digests use: each entry reads with its titles and abstracts as written, and its arXiv
    id where the shape gives it."""
    failed = []
    for start, chunk, lines in marked_days(shape, size):
        entries, problems = parse_digest("\n".join(lines), "day.md", LANGUAGES)
        ids = [next((link.arxiv or link.url for link in e.links), None) for e in entries]
        if problems or [(e.title, e.abstract) for e in entries] != [
                (titles, abstracts) for (titles, abstracts, _), _ in chunk] or (
                    shape in SHAPES_WITH_LINKS and not all(
                        paper["id"] in (link or "") for link, (_, paper) in zip(
                            ids, chunk, strict=True))):
            failed.append(start)
    assert failed == []


@pytest.mark.parametrize("size", [1, 3, 561])
def test_an_unlabelled_line_of_authors_gives_the_authors(size):
    """Every real paper with its real list of authors on a line of its own under its
    title, without a label (names parted by commas: 554 of the 561 have two or more), in
    a digest of one, three or 561 entries: the names are the paper's authors, and the
    entry reads as without them. Before, the list was the paper's affiliation, or (longer
    than any title) a problem."""
    _, expected = real_digest(True, True)
    papers = [item["paper"] for _, item in daily_items()]
    failed = []
    for start in range(0, len(expected) - size + 1, size):
        lines, wanted = [], []
        for ((title, chinese_title), (abstract, chinese), _), paper in zip(
                expected[start:start + size], papers[start:start + size], strict=True):
            names = [author["name"] for author in paper["authors"]]
            authors = [", ".join(names)] if len(names) > 1 else []
            lines += [title, *authors, chinese_title, abstract, chinese, ""]
            wanted.append(((title, chinese_title), (abstract, chinese), None,
                           tuple(names) if authors else ()))
        entries, problems = parse_digest("\n".join(lines), "authors.txt", LANGUAGES)
        if problems or [(e.title, e.abstract, e.affiliation, e.authors)
                        for e in entries] != wanted:
            failed.append(start)
    assert failed == []


def test_a_title_read_as_an_affiliation_is_a_problem_where_it_reads_as_a_title():
    """Every real paper under a line of no entry ("Worth reading, see the demo"), which
    reads as its title, the real title as its affiliation: where that title has a
    subtitle after a colon or ends with a question (430 of the 561), a problem names the
    line above it. Before, each imported silently with the line as its title. (The other
    131 still do: nothing in the lines tells such a title from an affiliation.)"""
    from bitext.digest import TITLE_MARK

    _, expected = real_digest(False, False)
    named = []
    for (title, chinese_title), (abstract, chinese), _ in expected:
        text = "\n".join(["Worth reading, see the demo", title, chinese_title, abstract,
                          chinese])
        _, problems = parse_digest(text, "d.txt", LANGUAGES)
        named.append([problem.format() for problem in problems] == [
            f"d.txt:2: an affiliation that reads as a title (expected an organisation's name, "
            f"without a subtitle or a question, found {title!r}) — is line 1 ('Worth "
            "reading, see the demo') a line of no entry? (label a real affiliation: "
            '"机构：…")'])
    assert named == [bool(TITLE_MARK.search(title)) for (title, _), _, _ in expected]
    assert sum(named) == 430


@pytest.mark.parametrize("line", ["Hugging Face, Stanford University", "Meta FAIR, NYU",
                                  "Tsinghua University, Zhipu AI", "阿里、腾讯",
                                  "Shanghai AI Lab; Fudan University"])
def test_a_line_of_organisations_stays_the_affiliation(line):
    text = "\n".join(["Qwen3 Technical Report", line, "Qwen3 技术报告",
                      "In this work, we present Qwen3.", "在本工作中，我们推出了 Qwen3。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == [] and [(e.affiliation, e.authors) for e in entries] == [(line, ())]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_closing_words_after_a_rule_in_a_markdown_digest_are_left_out(size):
    """A Markdown digest with a blank line after every line, its entries parted by rules,
    and a sign-off after the last rule: the sign-off is left out and named. Before, it
    became the last paragraph of the last translated abstract, with no problem (blank
    lines part nothing in such a file)."""
    failed = []
    for start, chunk, lines in marked_days("markdown links", size):
        lines.append("本期内容由 AI 辅助翻译，如有错误欢迎指正。")
        entries, problems, outside = read_digest("\n".join(lines), "day.md", LANGUAGES)
        if problems or outside != (len(lines),) or [(e.title, e.abstract) for e in entries] != [
                (titles, abstracts) for (titles, abstracts, _), _ in chunk]:
            failed.append(start)
    assert failed == []


@pytest.mark.parametrize("line, text", [
    ("中文：通义千问 3 技术报告", "通义千问 3 技术报告"), ("**EN:** Qwen3 Technical Report",
                                                "Qwen3 Technical Report"),
    ("Chinese: A Benchmark of Chinese Questions", "Chinese: A Benchmark of Chinese Questions"),
    ("> In this work, we present Qwen3.", "In this work, we present Qwen3."),
    (">= 90% of it", ">= 90% of it")])
def test_a_label_of_a_language_is_taken_off_where_its_line_is_in_it(line, text):
    """A label that names the line's language only says nothing of its field: it is taken
    off where the text after it is in that language, and stays otherwise (a title may
    start "Chinese:"); a quote's mark is taken off too."""
    from bitext.digestlines import read_lines
    from bitext.scripts import script_of_language

    assert [found.text for found in read_lines(line, script_of_language("zh-Hans"))] == [text]


def test_a_translated_abstract_after_a_blank_line_is_no_closing_words():
    """One entry whose translated abstract follows a blank line, under a title pair that
    could read as a title and an affiliation: the translation stays the entry's. Before,
    it was left out as the digest's closing words, and the paper awaited its translation
    (the reading without it has no problem either)."""
    text = "\n".join(["Qwen3 Technical Report", "GPT-4o 与 Transformer 的 Scaling Law",
                      "In this work, we present Qwen3.", "", "在本工作中，我们推出了 Qwen3。"])
    entries, problems, left_out = read_digest(text, "d.txt", LANGUAGES)
    assert problems == [] and left_out == ()
    assert [e.abstract for e in entries] == [("In this work, we present Qwen3.",
                                              "在本工作中，我们推出了 Qwen3。")]


@pytest.mark.parametrize("closing, problem", [
    ("Thanks for reading!", "expected the translated title"),
    ("Subscribe for more papers", "expected the translated title")])
def test_closing_words_in_the_primary_language_stay_a_problem(closing, problem):
    """A last line in English after the last entry is no different from a title whose
    other lines are missing: it is not left out, and the problem names it."""
    text = "\n".join(["Qwen3 Technical Report", "Qwen3 技术报告", "In this work, we present Qwen3.",
                       "在本工作中，我们推出了 Qwen3。", "", closing])
    entries, problems, left_out = read_digest(text, "d.txt", LANGUAGES)
    assert left_out == () and len(entries) == 1
    assert [(p.line, p.message) for p in problems] == [(7, problem)]


@pytest.mark.parametrize("remark, note, left_out", [
    ("备注：这篇论文的消融实验很扎实。", (None, "这篇论文的消融实验很扎实。"), ()),
    ("备注：12 pages, 5 figures", (None, None), (5,))])
def test_a_remark_in_the_translation_is_a_note_and_in_english_the_authors_comments(
        remark, note, left_out):
    text = "\n".join(["Qwen3 Technical Report", "Qwen3 技术报告", "In this work, we present Qwen3.",
                       "在本工作中，我们推出了 Qwen3。", remark])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == []
    assert [(e.note, e.left_out) for e in entries] == [(note, left_out)]


@pytest.mark.parametrize("line, title", [
    ("1. **Qwen3 Technical Report**", "Qwen3 Technical Report"),
    ("1. Qwen3 Technical Report", "Qwen3 Technical Report"), ("【1】Qwen3", "Qwen3"),
    ("2. Qwen3 Technical Report", "2. Qwen3 Technical Report"),  # (one entry: no list)
    ("1.58-bit LLMs", "1.58-bit LLMs")])
def test_a_digest_of_one_numbered_entry_loses_its_number_one(line, title):
    """A day's list of one paper: its number 1 (and the bold after it) is taken off, as a
    longer list's numbers are. Before, "1. **Qwen3 Technical Report**" was its title."""
    text = "\n".join([line, "Qwen3 技术报告", "In this work, we present Qwen3.",
                      "在本工作中，我们推出了 Qwen3。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == [] and [entry.title[0] for entry in entries] == [title]


def test_an_abstract_in_the_place_of_an_affiliation_is_a_problem():
    """A long line between a title and its translation is no affiliation: before, the
    entry imported with a 419-character affiliation and no problem."""
    text = "\n".join(["Qwen3 Technical Report", ("We present a method. " * 20).strip(),
                      "Qwen3 技术报告", "In this work, we present Qwen3.",
                      "在本工作中，我们推出了 Qwen3。"])
    _, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert [problem.format() for problem in problems] == [
        "d.txt:2: a line too long for an affiliation (expected at most 300 characters, found "
        "419 characters) — is it an abstract out of its place, or a line missing above it?"]


def test_a_note_after_a_blank_line_is_no_paragraph_of_the_abstract():
    """A note's further paragraph after a blank line could be the translation's: it is
    neither, and the problem says where a note's paragraphs go. Before, it became a
    paragraph of the translated abstract, and no problem was found."""
    text = "\n".join(["Qwen3 Technical Report", "Qwen3 技术报告", "In this work, we present Qwen3.",
                      "在本工作中，我们推出了 Qwen3。", "点评：第一段。", "", "第二段，也是点评。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert [problem.format() for problem in problems] == [
        "d.txt:7: expected the title (expected a line in English, found a line in 简体中文 "
        "'第二段，也是点评。') — a note's further paragraphs go right under it, with no blank "
        "line between, in its language"]
    assert [(e.abstract[1], e.note) for e in entries] == [
        ("在本工作中，我们推出了 Qwen3。", (None, "第一段。"))]


@pytest.mark.parametrize("cut", [", et al.", " et al", ", …", "..."])
def test_a_list_of_authors_cut_short_gives_the_names_it_has(cut):
    """Every real list of three authors or more, cut to its first three as digests often
    cut it: the three names, and no author "et al." (which the citation meta tags and
    the JSON-LD would name)."""
    from bitext.digest import author_names

    lists = [[author["name"] for author in item["paper"]["authors"]]
             for _, item in daily_items() if len(item["paper"]["authors"]) > 3]
    assert [author_names(", ".join(names[:3]) + cut) for names in lists] == [
        tuple(names[:3]) for names in lists]
    assert author_names("张三、李四等") == ("张三", "李四")
    assert len(lists) > 400


def test_a_label_alone_on_its_line_takes_the_line_after_it():
    """"Authors:" alone, the names on the next line (as a form or a copied page lays them
    out), likewise tags; an abstract's label alone keeps its lines after it."""
    text = "\n".join(["Qwen3 Technical Report", "Authors:", "An Yang, Anfeng Li and Baosong Yang",
                      "阿里", "Qwen3 技术报告", "标签：", "大语言模型、推理",
                      "In this work, we present Qwen3.", "在本工作中，我们推出了 Qwen3。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.affiliation, e.authors, e.tags) for e in entries] == [
        (("Qwen3 Technical Report", "Qwen3 技术报告"), "阿里",
         ("An Yang", "Anfeng Li", "Baosong Yang"), ("大语言模型", "推理"))]


def test_entries_copied_from_arxivs_listings_import_awaiting_their_translation():
    """Every real paper as arXiv's listing pages show it (arxiv.org/list/…/new, copied):
    "[n] arXiv:ID [pdf, html, other]", then labelled fields, the title and the authors
    wrapped to indented lines as the daily papers give the titles, comments for some and
    the subjects. Each paper imports with its id, whole title and authors, the subjects
    for the tag rules and the comments left out, awaiting its translation. Before, the
    first line and the wrapped lines stopped the labelled reading, and every entry failed."""
    from bitext.sources import read_records

    lines, expected = [], []
    for index, (_, item) in enumerate(daily_items()):
        paper = item["paper"]
        names = [author["name"] for author in paper["authors"]]
        authors = ", ".join(names)
        wrapped = textwrap.wrap(authors, 70, break_on_hyphens=False)  # (at a space)
        lines += [f"[{index + 1}] arXiv:{paper['id']} [pdf, html, other]",
                  f"Title: {paper['title']}", f"Authors: {wrapped[0]}",
                  *[f"  {part}" for part in wrapped[1:]],
                  *([f"Comments: {index % 40 + 8} pages, accepted at ICML 2025"]
                    if index % 3 == 0 else []),
                  "Subjects: Computation and Language (cs.CL); Machine Learning (cs.LG)",
                  f"Abstract: {' '.join(paper['summary'].split())}", ""]
        expected.append((normalise_title(paper["title"]), paper["id"]))
    records, problems = read_records("\n".join(lines), "new.txt", "digest", LANGUAGES)
    assert problems == []
    assert [(r.titles[0], r.arxiv) for r in records] == expected
    assert all(r.titles[1] is None and r.abstracts[1] is None for r in records)
    assert sum("\n" in item["paper"]["title"] for _, item in daily_items()) > 100
    assert [", ".join(r.authors) for r in records] == [
        ", ".join(author["name"] for author in item["paper"]["authors"])
        for _, item in daily_items()]
    assert [bool(r.left_out) for r in records] == [index % 3 == 0 for index in range(561)]
    assert {r.extra_terms for r in records} == {("Computation and Language (cs.CL)",
                                                 "Machine Learning (cs.LG)")}


def arxiv_email(items: list[dict], every_replaced: int = 7) -> str:
    """The papers as arXiv's daily e-mail lists them: its head, then for each paper its id
    (every fifth a cross-listing), its date and size, its fields wrapped at 80 columns with
    two spaces before each further line (a GitHub address, a journal and a DOI for some),
    its abstract as arXiv's text with the first line indented; every seventh paper (by
    default) is a replaced one, which the e-mail lists without its abstract."""
    import email.utils

    lines = ["Submissions to:", "Computation and Language", "received from  Mon  2 Jun 24 "
             "18:00:00 GMT  to  Tue  3 Jun 24 18:00:00 GMT", "-" * 78]
    for index, paper in enumerate(items):
        published = dt.datetime.fromisoformat(paper["publishedAt"].replace("Z", "+00:00"))
        names = [author["name"] for author in paper["authors"]]
        authors = (", ".join(names[:-1]) + " and " + names[-1] if index % 2 and len(names) > 1
                   else ", ".join(names))
        fields = [f"Title: {' '.join(paper['title'].split())}", f"Authors: {authors}",
                  "Categories: cs.CL cs.LG"]
        if paper.get("githubRepo"):
            fields.append(f"Comments: 12 pages; code at {paper['githubRepo']}")
        if index % 6 == 0:
            fields += ["Journal-ref: Proceedings of the 42nd International Conference on "
                       "Machine Learning, PMLR 267, 2025", f"DOI: 10.48550/example.{index}"]
        lines += ["\\\\", f"arXiv:{paper['id']}" + " (*cross-listing*)" * (index % 5 == 4)]
        replaced = index % every_replaced == every_replaced - 1
        if replaced:
            lines += [f"replaced with revised version {email.utils.format_datetime(published)}"
                      "   (1234kb)", ""]
        else:
            lines += [f"Date: {email.utils.format_datetime(published)}   (1234kb,D)", ""]
        for field in fields:
            wrapped = textwrap.wrap(field, 80, break_on_hyphens=False, break_long_words=False)
            lines += [wrapped[0], *[f"  {part}" for part in wrapped[1:]]]
        if not replaced:  # (the daily papers give 455 of the 561 abstracts wrapped so)
            summary = paper["summary"].strip()
            lines += ["\\\\", "  " + (summary if "\n" in summary else "\n".join(textwrap.wrap(
                summary, 80, break_on_hyphens=False, break_long_words=False)))]
        lines += [f"\\\\ ( https://arxiv.org/abs/{paper['id']} ,  1234kb)", "-" * 78]
    return "\n".join(lines + ["%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%", ""])


def test_every_real_paper_imports_from_arxivs_email():
    """Every real paper in arXiv's daily e-mail, as arXiv writes it: each new paper awaiting
    its translation, with its id, whole title, authors, day, abstract (in the daily
    papers' import's paragraphs), categories for the tag rules, code and DOI links; the
    replaced ones, which come without their abstracts, left out. Before, each entry failed
    with a problem a line."""
    from bitext.sources import detect_format, read_records

    items = [item["paper"] for _, item in daily_items()]
    text = arxiv_email(items)
    assert detect_format(text, "mail.txt", LANGUAGES) == "arxiv"
    records, problems = read_records(text, "mail.txt", None, LANGUAGES)
    assert problems == []
    new = [paper for index, paper in enumerate(items) if index % 7 != 6]
    assert [(r.arxiv, r.titles, r.abstracts) for r in records] == [
        (paper["id"], (normalise_title(paper["title"]), None),
         (normalise_abstract(paper["summary"]), None)) for paper in new]
    assert [list(r.authors) for r in records] == [
        [author["name"] for author in paper["authors"]] for paper in new]
    assert [r.date.isoformat() for r in records] == [paper["publishedAt"][:10] for paper in new]
    assert [r.links.get("code") for r in records] == [
        paper["githubRepo"].rstrip("/") if paper.get("githubRepo") else None for paper in new]
    assert sum("doi" in r.links for r in records) == len(range(0, len(items), 6)) - sum(
        1 for index in range(0, len(items), 6) if index % 7 == 6)
    assert {r.extra_terms for r in records} == {("cs.CL", "cs.LG")}
    lines = text.split("\n")
    assert all(lines[r.line - 1] == f"arXiv:{r.arxiv}" or lines[r.line - 1].startswith(
        f"arXiv:{r.arxiv} (") for r in records)
    assert len(records) == 481 and sum("\n  " in f"\n{line}" for line in lines) > 500


# Two papers as arXiv's e-mails listed them (copied from public repositories' parsers
# of those e-mails, abstracts cut): arXiv's metadata writes accents in TeX.
TEX_EMAIL = r"""------------------------------------------------------------------------------
\\
arXiv:2309.02553
Date: Tue, 5 Sep 2023 19:40:45 GMT   (1295kb,D)

Title: Automating Behavioral Testing in Machine Translation
Authors: Javier Ferrando, Matthias Sperber, Hendra Setiawan, Dominic Telaar,
  Sa\v{s}a Hasan
Categories: cs.CL cs.AI
\\
  Behavioral testing in NLP allows fine-grained evaluation of systems by
examining their linguistic capabilities through the analysis of input-output
behavior.
\\ ( https://arxiv.org/abs/2309.02553 ,  1295kb)
------------------------------------------------------------------------------
\\
arXiv:2306.07429
Date: Mon, 12 Jun 2023 21:15:25 GMT   (15219kb,D)

Title: Explaining CLIP through Co-Creative Drawings and Interaction
Authors: Varvara Guljajeva and Mar Canet Sol\`a and Isaac Joseph Clarke
Categories: cs.AI cs.CV cs.CY
ACM-class: I.2.0; I.2.m
\\
 This paper analyses a visual archive of drawings produced by an interactive
robotic art installation.
\\ ( https://arxiv.org/abs/2306.07429 ,  15219kb)
------------------------------------------------------------------------------
"""


def test_arxivs_tex_accents_become_letters_outside_math():
    """Names and titles as arXiv's metadata writes them: "Sa\\v{s}a" is Saša on the page and
    in the citation tags; math stays for the math renderer, and a title's characters that
    TeX would read as markup (un^2CLIP, "A & B", 50%) stay as they are."""
    from bitext.sources import read_records, tex_text

    records, problems = read_records(TEX_EMAIL, "mail.txt", None, LANGUAGES)
    assert problems == []
    assert [r.authors[-1] for r in records] == ["Saša Hasan", "Isaac Joseph Clarke"]
    assert records[1].authors == ("Varvara Guljajeva", "Mar Canet Solà", "Isaac Joseph Clarke")
    assert [r.date.isoformat() for r in records] == ["2023-09-05", "2023-06-12"]
    assert tex_text(r"Dark Matter in Draco and Bo\"otes I") == "Dark Matter in Draco and Boötes I"
    assert tex_text(r"The homology of $\overline M_{g,n}$ by G\"odel, {\L}ukasz") == (
        r"The homology of $\overline M_{g,n}$ by Gödel, Łukasz")
    assert tex_text(r"85\% of SDXL\_NCP: un^2CLIP & L_2, 50% on \emph{\#1}") == (
        "85% of SDXL_NCP: un^2CLIP & L_2, 50% on #1")
    titles = [item["paper"]["title"] for _, item in daily_items()]
    assert [tex_text(title) for title in titles] == titles  # (the daily papers' hold no TeX)


def test_latexs_parenthesized_math_is_math_on_the_page():
    """A real abstract of the daily papers writes its math as LaTeX's `\\(TPP\\)`, which
    arXiv renders as math: it imports as `$TPP$`, which the page renders as MathML (before,
    Markdown's escapes showed it as "((TPP))"); so do a RIS record's `\\[…\\]` and a
    digest's."""
    from bitext.markdown import MarkdownRenderer
    from bitext.sources import read_records

    day = next(path for path in DAILY if path.name == "2026-08-17.json")
    records, problems = read_records(day.read_text("utf-8"), day.name, "hf", LANGUAGES)
    [abstract] = [record.abstracts[0] for record in records if "TPP" in record.abstracts[0]]
    assert "tokens-per-parameter ratio ($TPP$)." in abstract and "\\(" not in abstract
    rendered, warnings = MarkdownRenderer().render(abstract)
    html = "".join(rendered.block_html)
    assert warnings == [] and "<math" in html and "(TPP)" not in html
    ris = "TY  - JOUR\nTI  - A\nAB  - We bound \\[ \\sum_i x_i \\] and \\(y\\).\nER  - \n"
    [record], problems = read_records(ris, "x.ris", None, LANGUAGES)
    assert record.abstracts[0] == "We bound $$ \\sum_i x_i $$ and $y$."
    # (a digest's abstract copied from arXiv: its math too, but in a code span)
    digest = ("Qwen3 Technical Report\nQwen3 技术报告\nWe scale \\(x_i\\) with `\\(kept\\)`.\n"
              "我们扩展了 x。\n")
    [record], problems = read_records(digest, "d.txt", None, LANGUAGES)
    assert record.abstracts[0] == "We scale $x_i$ with `\\(kept\\)`."


def test_an_arxiv_email_of_replacements_only_says_so():
    from bitext.sources import read_records

    items = [item["paper"] for _, item in daily_items()][:2]
    records, problems = read_records(arxiv_email(items, every_replaced=1), "mail.txt", None,
                                     LANGUAGES)
    assert records == [] and [problem.format() for problem in problems] == [
        "mail.txt: no new paper in the arXiv e-mail (expected papers with their abstracts "
        "between '\\\\' lines, found 2 replaced papers, which come without an abstract) "
        "— import an e-mail's new submissions, or the papers' ids from the arXiv API"]


def test_an_abstract_indented_under_a_labelled_title_is_no_part_of_it():
    """Every real paper as "Title: …" (wrapped to an indented line as the daily papers
    give the titles) and its abstract on one indented line under it: the title takes its
    own wrapped line only, and each paper awaits its translation. (An indented line goes
    on a labelled title only where it is no prose.)"""
    lines = []
    for _, item in daily_items():
        paper = item["paper"]
        lines += [f"Title: {paper['title']}", f"  {' '.join(paper['summary'].split())}", ""]
    entries, problems = parse_digest("\n".join(lines), "indented.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract) for e in entries] == [
        ((title, None), (abstract, None)) for title, abstract in REAL]


@pytest.mark.parametrize("lines, message", [
    (["Title: A Title", "Abstract: An abstract.", "摘要：一段摘要。"],
     "d.txt:1: expected the titles (expected a title in English and one in 简体中文, or in "
     "English only for a paper awaiting its translation, found 1) — each entry of a "
     "labelled digest has its title and abstract in both languages, or in the first one "
     "only"),
    (["Title: A Title", "标题：标题", "Abstract: An abstract.", "Abstract: Another one."],
     "d.txt:4: expected the translated abstract (expected a line in 简体中文, found a line in "
     "English 'Another one.') — is the translated abstract missing, or a label wrong?"),
    (["Title: A Title", "标题：标题", "Abstract:", "摘要：一段摘要。"],
     "d.txt:3: the abstract label alone (expected the abstract after the label, or on the lines "
     "after it, found nothing) — write the text after the label"),
    (["Title: A Title", "Authors: A, B", "Authors: C", "标题：标题", "Abstract: An abstract.",
      "摘要：一段摘要。"],
     "d.txt:3: a line of authors with no paper of its own (expected the authors of the entry "
     "before it, once, found another line of authors) — give each paper one line of authors "
     "(\"Authors: A, B and C\"), after its title"),
    (["Title: A Title", "标题：标题", "Tags: LLM", "Abstract: An abstract.", "Tags: RL",
      "摘要：一段摘要。"],
     "d.txt:5: a line of tags with no paper of its own (expected the tags of the entry before "
     "it, once, found another line of tags) — give each paper one line of tags (\"Tags: LLM, "
     "reasoning\"), after its title"),
    # (a file that starts with a line of authors has them before each title: a note
    # after the last entry is then of no entry)
    (["Authors: A", "A Title", "标题", "An abstract.", "一段摘要。", "点评：好。"],
     "d.txt:6: a line of notes with no paper of its own (expected the notes of the entry after "
     "it, found no entry) — write a paper's notes (\"点评：…\") after its title")])
def test_a_labelled_entry_that_lacks_a_field_names_its_line(lines, message):
    assert [problem.format() for problem in parse_digest("\n".join(lines), "d.txt",
                                                         LANGUAGES)[1]] == [message]


def test_a_labelled_entry_in_the_primary_language_only_awaits_its_translation():
    text = "\n".join(["Title: A Title", "Abstract:", "An abstract,", "wrapped.", "",
                      "Title: Another Title", "标题：另一个标题", "Abstract: Another abstract.",
                      "摘要：另一段摘要。"])
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract) for e in entries] == [
        (("A Title", None), ("An abstract, wrapped.", None)),
        (("Another Title", "另一个标题"), ("Another abstract.", "另一段摘要。"))]


@pytest.mark.parametrize("style", ["## {}", "**{}**", "### **{}**"])
def test_titles_written_as_markdown_headings_or_in_bold_lose_their_marks(style):
    text, expected = real_digest(True, True)
    titles = {title for (title, _), _, _ in expected}
    marked = [style.format(line) if line in titles else line for line in text.split("\n")]
    entries, problems = parse_digest("\n".join(marked), "marked.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


@pytest.mark.parametrize("rule", ["---", "* * *", "———", "~~~~~~", "·"])
def test_rules_between_entries_part_them_as_blank_lines(rule):
    text, expected = real_digest(True, True)
    entries, problems = parse_digest(text.replace("\n\n", f"\n{rule}\n"), "rules.txt",
                                     LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


def test_markdown_headings_that_are_not_titles_head_parts_of_the_file():
    """A heading over the file and one over each day's papers, as a digest kept in
    Markdown has them: a heading that holds a day gives the papers under it that day (the
    days take turns: "## 2024-06-03", "## Papers of 2024-06-04", and "## The next day",
    a heading only, whose papers keep the day before)."""
    lines = ["# Hugging Face daily papers, in English and Chinese", ""]
    expected, day_before, dated, day = [], None, 0, None
    for (path, _), ((title, chinese_title), (english, chinese), affiliation) in zip(
            daily_items(), real_digest(True, True)[1], strict=True):
        if path.stem != day_before:
            day_before = path.stem
            dated += 1
            heading = ["## {}", "## Papers of {}", "## The next day"][dated % 3]
            lines += [heading.format(path.stem), ""]
            if "{}" in heading:
                day = dt.date.fromisoformat(path.stem)
        lines += [title, *([affiliation] if affiliation else []), chinese_title, english,
                  chinese, ""]
        expected.append((title, day))
    entries, problems = parse_digest("\n".join(lines), "headed.txt", LANGUAGES)
    assert problems == []
    assert [(e.title[0], e.date) for e in entries] == expected
    assert len({day for _, day in expected}) == 20


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
@pytest.mark.parametrize("several_lines", [False, True], ids=["one-line", "wrapped"])
def test_entries_awaiting_their_translation_import_so(blank_lines, several_lines):
    """Every third real paper without its Chinese title and abstract (every sixth with an
    English affiliation), its abstract in one line or in arXiv's lines: those import
    awaiting their translation, the others whole."""
    lines, expected = [], []
    for index, ((title, abstract), (_, item)) in enumerate(zip(REAL, daily_items(),
                                                                strict=True)):
        english = item["paper"]["summary"].strip().split("\n") if several_lines else [abstract]
        awaiting = index % 3 == 0
        affiliation = "Google DeepMind" if index % 6 == 0 else None
        chinese = (CHINESE_TITLES[index % len(CHINESE_TITLES)],
                   CHINESE_ABSTRACTS[index % len(CHINESE_ABSTRACTS)])
        lines += [title, *([affiliation] if affiliation else []),
                  *([] if awaiting else [chinese[0]]), *english,
                  *([] if awaiting else [chinese[1]]), *([""] if blank_lines else [])]
        expected.append((title, None if awaiting else chinese[0], affiliation,
                         None if awaiting else chinese[1]))
    entries, problems = parse_digest("\n".join(lines), "awaiting.txt", LANGUAGES)
    assert problems == []
    assert [(e.title[0], e.title[1], e.affiliation, e.abstract[1]) for e in entries] == expected
    assert [" ".join(e.abstract[0].split()) for e in entries] == [
        words_but_links(entry, item["paper"]["summary"] if several_lines else abstract)
        for entry, (_, abstract), (_, item) in zip(entries, REAL, daily_items(), strict=True)]


def test_a_digest_without_translations_or_blank_lines_reads_a_paper_an_entry():
    """The 561 real papers, a title and an abstract a line each, nothing between them and
    no translation: before, each entry awaiting its translation cost the same, so fewer
    entries cost less, and the file read as 19 (one abstract of many lines, or an abstract
    as an affiliation and the next title as its abstract), without a problem."""
    entries, problems = parse_digest("\n".join(line for pair in REAL for line in pair),
                                     "english.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.abstract, entry.affiliation) for entry in entries] == [
        ((title, None), (abstract, None), None) for title, abstract in REAL]


@pytest.mark.parametrize("title_style", ["{title}", "{number}. {title}", "## {title}"])
def test_a_digest_without_translations_in_arxivs_lines_reads_a_paper_a_paragraph(title_style):
    """The 561 real papers in English alone, each abstract in arXiv's lines, a blank line
    between entries: before, each line after a sentence's end could start an entry (a
    title has no language of its own there), and the file read as a paper for each two
    lines, then as prose. Now each paragraph is a paper, its title numbered or a heading
    too."""
    lines = []
    for number, (_, item) in enumerate(daily_items(), start=1):
        title = normalise_title(item["paper"]["title"])
        lines += [title_style.format(number=number, title=title),
                  *item["paper"]["summary"].strip().split("\n"), ""]
    entries, problems = parse_digest("\n".join(lines), "english.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.abstract[1], entry.affiliation) for entry in entries] == [
        ((title, None), None, None) for title, _ in REAL]
    assert [" ".join(entry.abstract[0].split()) for entry in entries] == [
        words_but_links(entry, item["paper"]["summary"])
        for entry, (_, item) in zip(entries, daily_items(), strict=True)]


@pytest.mark.parametrize("words, first", [
    (["Papers to translate this week"],
     "english.txt:1: a paragraph of one line (expected a paper: its title, then its "
     "abstract, found 'Papers to translate this week') — is its abstract missing?"),
    (["Papers to translate this week", "Collected by the editors"],
     "english.txt:2: an abstract that holds no sentence (expected an abstract: sentences, "
     "found 'Collected by the editors') — is it a paper?"),
    (["Papers to translate", "this week, from the daily papers"],
     "english.txt:2: an abstract that goes on with its title's sentence (expected an "
     "abstract that begins a sentence, found 'this week, from the daily papers') — is it a "
     "paper?")])
def test_words_before_a_digest_of_paragraphs_are_named_as_such(words, first):
    """A line or two of the editor's before the papers of a digest in English alone, in
    arXiv's lines: one line read whole only as lines that run sentences on, with a
    problem at each wrapped line and none at its own; two lines read as a paper. Each is
    now the one problem, at its line, and says what to do. (Two lines whose second goes on
    with the first's sentence were told to be prose: "is the file a digest?")"""
    lines = [*words, ""]
    for _, item in daily_items()[:12]:
        lines += [normalise_title(item["paper"]["title"]),
                  *item["paper"]["summary"].strip().split("\n"), ""]
    entries, problems = parse_digest("\n".join(lines), "english.txt", LANGUAGES)
    assert [problem.format() for problem in problems] == [
        first + " (words before the papers can be a heading, \"# …\", which import leaves "
        "out)"]
    heading = parse_digest("\n".join(["# " + words[0], *lines[len(words):]]), "english.txt",
                           LANGUAGES)
    assert heading[1] == [] and len(heading[0]) == 12


def test_a_digest_of_short_summaries_without_translations_imports():
    """A phrase for an abstract, in every entry, is the digest's way, not words before it."""
    lines = []
    for title, _ in REAL[:6]:
        lines += [title, "A new benchmark for long-context agents", ""]
    entries, problems = parse_digest("\n".join(lines), "english.txt", LANGUAGES)
    assert problems == [] and [entry.title[0] for entry in entries] == [
        title for title, _ in REAL[:6]]


def test_a_digest_without_translations_in_wrapped_lines_needs_its_blank_lines():
    """The same without blank lines: a line that starts a sentence after one that ends
    another reads as a title as well as a wrapped line, so that is still an error, which
    says what to do."""
    lines = []
    for _, item in daily_items()[:3]:
        lines += [normalise_title(item["paper"]["title"]),
                  *item["paper"]["summary"].strip().split("\n")]
    entries, problems = parse_digest("\n".join(lines), "english.txt", LANGUAGES)
    assert problems and problems[0].format().endswith(
        "(in a digest without translations, write each abstract on one line, or a blank "
        "line between entries)")


@pytest.mark.parametrize("width", [76, 100])
def test_wrapped_lines_without_translations_or_blank_lines_are_never_read_wrongly(width):
    """Every two real papers one after the other, in English alone, their abstracts wrapped
    at `width`, no blank line between them: an error, never a wrong reading (read with
    abstracts of several lines, 13 and 20 of the 199 pairs read wrongly, without a
    problem: as one paper, or as three with a wrapped line as a title)."""
    papers = [(normalise_title(item["paper"]["title"]), " ".join(item["paper"]["summary"].split()))
              for _, item in daily_items()[:200]]
    for first, second in itertools.pairwise(papers):
        lines = [line for title, abstract in (first, second)
                 for line in (title, *textwrap.wrap(abstract, width))]
        entries, problems = parse_digest("\n".join(lines), "english.txt", LANGUAGES)
        assert problems or [entry.title[0] for entry in entries] == [first[0], second[0]]


ZEN = """The Zen of Python, by Tim Peters

Beautiful is better than ugly.
Explicit is better than implicit.
Simple is better than complex.
Complex is better than complicated.
"""


@pytest.mark.parametrize("name, first", [
    ("README.md", "tests/fixtures/arxiv/README.md:2: an abstract that goes on with its "
                  "title's sentence (expected an abstract that begins a sentence, found "
                  "'written from the format its user manual documents (https://i')"),
    ("zen.txt", "zen.txt:4: a title that ends as a sentence or a clause (expected a paper's "
                "title, found 'Explicit is better than implicit.')")])
def test_prose_is_no_digest(tmp_path, capsys, name, first):
    """A README or a poem imported by mistake: each read as papers awaiting their
    translation (a wrapped sentence's lines as a title and an abstract, sentences as
    titles) and written, without a problem. Now an error names the lines and asks."""
    project = make_project(tmp_path / "site", {})
    if name == "zen.txt":
        (tmp_path / name).write_text(ZEN, "utf-8")
        path, shown = tmp_path / name, name
    else:
        path = FIXTURES / "arxiv" / name
        shown = "tests/fixtures/arxiv/README.md"
    capsys.readouterr()
    assert run(project, "import", str(path)) == 1
    err = capsys.readouterr().err.replace(str(path), shown).splitlines()
    assert err[0] == first + (" — is the file a digest? its lines read as prose (in a digest "
                              "without translations, write each abstract on one line, or a "
                              "blank line between entries)")
    assert err[-1].endswith("nothing was written.")
    assert not list((project / "content/papers").iterdir())


def test_a_digest_entry_awaiting_its_translation_is_written_so(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    (title, abstract), (other, other_abstract) = REAL[:2]
    digest = tmp_path / "d.txt"
    digest.write_text("\n".join([title, abstract, "", other, "另一个标题", other_abstract,
                                 "另一段摘要。"]), "utf-8")
    assert run(project, "import", str(digest)) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(
        "2 created, 0 updated, 0 skipped; 1 awaiting translation")
    papers = {paper.title.primary: paper for paper in imported(project).values()}
    assert papers[title].awaiting_translation and not papers[other].awaiting_translation


def test_a_translated_title_without_its_translated_abstract_is_no_entry_awaiting_one():
    """Title, Chinese title, abstract, then the next entry: not a paper awaiting its
    translation with the Chinese title as its affiliation, but a line missing."""
    (title, abstract), (other, other_abstract) = REAL[:2]
    entries, problems = parse_digest("\n".join([
        title, "一个标题", abstract, other, "另一个标题", other_abstract, "另一段摘要。"]),
        "d.txt", LANGUAGES)
    assert [problem.format()[:60] for problem in problems] == [
        "d.txt:4: expected the translated abstract (expected a line i"]


@pytest.mark.parametrize("style", ["[{id}] {title}", "{title} (arXiv:{id})",
                                   "arXiv:{id}v2 {title}", "{title} [{id}]"])
def test_a_title_with_its_arxiv_id_gives_the_id(style):
    """Every real title with its arXiv id as arXiv's listings and digests write it: the id
    is the paper's, the title is without it, and a file that starts with "[2406…]" is
    read as a digest, not as JSON."""
    from bitext.sources import read_records

    text, expected = real_digest(True, True)
    ids = {normalise_title(item["paper"]["title"]): item["paper"]["id"]
           for _, item in daily_items()}
    lines = [style.format(id=ids[line], title=line) if line in ids else line
             for line in text.split("\n")]
    records, problems = read_records("\n".join(lines), "ids.txt", None, LANGUAGES)
    assert problems == []
    assert [(r.titles[0], r.arxiv, r.links["pdf"]) for r in records] == [
        (title, ids[title], f"https://arxiv.org/pdf/{ids[title]}")
        for (title, _), _, _ in expected]


def two_paragraphs(text: str) -> list[str]:
    """Two lines of the sentences of a text, when it has three or more, else one."""
    sentences = re.split(r"(?<=\.) (?=[A-Z])|(?<=。)(?=.)", text)
    if len(sentences) < 3:
        return [text]
    space = "" if text.endswith("。") else " "
    return [space.join(sentences[:2]), space.join(sentences[2:])]


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_abstracts_of_a_paragraph_a_line_import_as_paragraphs(blank_lines):
    """Every real abstract of three sentences or more written as two paragraphs, a line
    each (and the Chinese ones, twice as long, too): the abstracts keep their paragraphs."""
    _, expected = real_digest(blank_lines, True)
    expected = [(title, (english, chinese + chinese), affiliation)
                for title, (english, chinese), affiliation in expected]
    text = digest_written(expected, blank_lines, lambda _, text: two_paragraphs(text),
                          lambda _, text: two_paragraphs(text))
    entries, problems = parse_digest(text, "paragraphs.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == [
        (title, tuple("\n\n".join(two_paragraphs(text)) for text in abstracts), affiliation)
        for title, abstracts, affiliation in expected]
    assert sum("\n\n" in entry.abstract[0] for entry in entries) > 500


def test_an_abstract_of_several_lines_in_a_paper_file(tmp_path, capsys):
    """A digest whose abstracts take several lines imports to paper files whose abstracts
    render as the paragraphs they were."""
    project = make_project(tmp_path / "site", {})
    (title, _), (other_title, _) = REAL[:2]
    digest = tmp_path / "d.txt"
    digest.write_text("\n".join([
        title, "第一个标题", "The first paragraph, hard-", "wrapped.", "", "The second one, over",
        "two lines.", "第一段，换", "行了。", "", "第二段。",
        "", other_title, "第二个标题", "One paragraph.", "A second one.", "一。"]), "utf-8")
    assert run(project, "import", str(digest)) == 0
    papers = {p.title.primary: p for p in imported(project).values()}
    assert papers[title].abstract.primary.blocks == (
        "<p>The first paragraph, hard-wrapped.</p>\n", "<p>The second one, over two lines.</p>\n")
    assert papers[title].abstract.secondary.blocks == (
        "<p>第一段，换行了。</p>\n", "<p>第二段。</p>\n")
    assert papers[other_title].abstract.primary.blocks == (
        "<p>One paragraph.</p>\n", "<p>A second one.</p>\n")
    assert papers[other_title].abstract.secondary.text == "一。"


# Lines of a date as editors head a day's papers, each drawn for a day in turn.
DATE_STYLES = ["{:%Y-%m-%d}", "## {:%Y/%m/%d}", "**{:%Y.%m.%d}**",
               "{d.year}年{d.month}月{d.day}日（周三）", "{:%B %d, %Y}", "Date: {:%d %b %Y}",
               "【{:%Y-%m-%d}】", "{:%A, %B %d, %Y}",
               "日期：{:%Y-%m-%d}", "HF Daily Papers {:%Y-%m-%d}",
               "{d.year}年{d.month}月{d.day}日 每日论文精选"]


@pytest.mark.parametrize("blank_lines", [False, True], ids=["no-blank-lines", "blank-lines"])
def test_lines_of_a_date_give_the_day_of_the_papers_after_them(blank_lines):
    """Every real paper under a line of the day the daily papers listed it on (each of the
    30 days in another style), with its links: each paper gets its own day."""
    from bitext.sources import read_records

    lines, expected, day_before = [], [], None
    for index, (path, item) in enumerate(daily_items()):
        day = dt.date.fromisoformat(path.stem)
        if day != day_before:
            style = DATE_STYLES[len({e[1] for e in expected}) % len(DATE_STYLES)]
            lines += [style.format(day, d=day), *([""] if blank_lines else [])]
            day_before = day
        title, abstract = REAL[index]
        lines += [title, CHINESE_TITLES[index % len(CHINESE_TITLES)], abstract,
                  CHINESE_ABSTRACTS[index % len(CHINESE_ABSTRACTS)],
                  f"https://arxiv.org/abs/{item['paper']['id']}", *([""] if blank_lines else [])]
        expected.append((title, day, item["paper"]["id"]))
    records, problems = read_records("\n".join(lines), "days.txt", "digest", LANGUAGES)
    assert problems == []
    assert [(r.titles[0], r.date, r.arxiv) for r in records] == expected
    assert len({day for _, day, _ in expected}) == 30


@pytest.mark.parametrize("line, day", [
    ("## 2025-05-14 Daily Papers", "2025-05-14"), ("### 2025年5月14日 论文速递", "2025-05-14"),
    ("# Daily papers, 2025/05/14 (12)", "2025-05-14"),
    ("## 2025-05-14 to 2025-05-20", None),  # (two days: which one?)
    # a few words and a day, no sentence: a day's caption (no real title holds a day)
    ("Papers of 2025-05-14", "2025-05-14"), ("HF 每日论文 2025年5月14日", "2025-05-14"),
    ("We released it on 2025-05-14.", None),  # (a sentence: the end of an abstract)
    ("A Study of What Happened on 2025-05-14 in Markets", None),  # (words: a title)
    ("2025-05-14", "2025-05-14"), ("  ## 2025-5-4 ", "2025-05-04"),
    ("2025年5月14日 星期三", "2025-05-14"),
    ("Wed, 14 May 2025", "2025-05-14"), ("Sept. 3, 2025 (Wed)", "2025-09-03"),
    ("2025-05", "2025-05-01"), ("# May 2025", "2025-05-01"), ("2025年5月", "2025-05-01"),
    ("2025-02-30", "2025-02-30"),  # the form of a date that names no day: an error
    ("2505.09388", None), ("2025-05-14 Daily Papers", "2025-05-14"), ("Marching 2025", None),
    ("1. 2025-05-14", None), ("May the Force Be with You 2025", None)])
def test_a_line_of_a_date_holds_a_date_only(line, day):
    from bitext.digestlines import day_of_line

    found = day_of_line(line)
    assert (None if found is None else str(found)) == day


def test_a_digest_day_gives_way_to_the_date_option_and_papers_before_it_take_the_file_name(
        tmp_path, capsys):
    entries = [[title, CHINESE_TITLES[0], abstract, CHINESE_ABSTRACTS[0]]
               for title, abstract in REAL[:3]]
    digest = tmp_path / "hf-papers-2025-05.txt"
    digest.write_text("\n".join(entries[0] + ["2025-05-14"] + entries[1] + ["2025-02-30"]
                                 + entries[2]), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(digest)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{digest}:10: not a day of the calendar (expected a date such as 2025-05-14, found "
        "2025-02-30) — a line that holds only a date gives the day of the entries after it",
        "1 error in 1 file; nothing was written."]
    # (--date gives every paper its day: a date of the digest's that names none is not read)
    assert run(project, "import", "--dry-run", "--date", "2025-05-30", str(digest)) == 0
    assert [line.split("; ")[1] for line in capsys.readouterr().out.splitlines()[:-1]] == [
        "2025-05-30"] * 3
    digest.write_text(digest.read_text("utf-8").replace("2025-02-30", "2025-05-21"), "utf-8")
    assert run(project, "import", str(digest)) == 0
    assert [line.split("; ")[1] for line in capsys.readouterr().out.splitlines()[:-1]] == [
        "2025-05-01", "2025-05-14", "2025-05-21"]  # (the report shows each paper's date)
    days = {p.title.primary: str(p.date) for p in imported(project).values()}
    assert days == {REAL[0][0]: "2025-05-01", REAL[1][0]: "2025-05-14", REAL[2][0]: "2025-05-21"}
    for path in (project / "content/papers").iterdir():
        path.unlink()
    assert run(project, "import", str(digest), "--date", "2025-06-02") == 0
    assert {str(p.date) for p in imported(project).values()} == {"2025-06-02"}


def test_a_numbered_title_loses_its_leading_number_only():
    lines = ["1. Scaling (3) Laws, 2. Edition", "第一个标题", "An abstract.", "一段摘要。",
             "2. Second Title", "第二个标题", "Another abstract.", "另一段摘要。"]
    entries, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
    assert problems == [] and [e.title[0] for e in entries] == [
        "Scaling (3) Laws, 2. Edition", "Second Title"]


@pytest.mark.parametrize("bullet", ["- ", "* ", "• "])
@pytest.mark.parametrize("every_line", [False, True], ids=["titles", "every-line"])
def test_a_digest_written_as_a_list_loses_its_bullets(bullet, every_line):
    """Bullets before every title (the other lines indented under them, or not), or
    before every line: the texts are without them."""
    text, expected = real_digest(True, True)
    titles = {title for (title, _), _, _ in expected}
    marked = [f"{bullet}{line}" if line and (every_line or line in titles) else
              f"  {line}" if line else line for line in text.split("\n")]
    entries, problems = parse_digest("\n".join(marked), "list.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.abstract, e.affiliation) for e in entries] == expected


def test_a_title_that_starts_with_a_number_keeps_it_when_others_have_none():
    lines = ["1. A First Title", "第一个标题", "An abstract.", "一段摘要。",
             "Second Title", "第二个标题", "Another abstract.", "另一段摘要。"]
    entries, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
    assert problems == [] and [e.title[0] for e in entries] == ["1. A First Title",
                                                                 "Second Title"]


def test_a_digest_of_every_real_paper_imports_whole(tmp_path, capsys):
    digest = tmp_path / "hf-papers-2025-06.txt"
    digest.write_text(real_digest(True, True)[0], "utf-8")
    project = make_project(tmp_path / "site", {})
    assert main(["--root", str(project), "import", str(digest)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "561 created, 0 updated, 0 skipped; 0 awaiting translation")
    papers = imported(project)
    assert len(papers) == 561
    assert not any(paper.awaiting_translation for paper in papers.values())


def test_the_titles_that_were_refused_import():
    """Two titles of a real January-2025 digest, and real shapes of titles and lines."""
    entries = [
        ("The GAN is dead; long live the GAN! A Modern GAN Baseline", None,
         "GAN 已死；GAN 万岁！一个现代 GAN 基线"),
        ("Are VLMs Ready for Autonomous Driving? An Empirical Study from the Reliability, "
         "Data, and Metric Perspectives", "阿里", "视觉语言模型准备好自动驾驶了吗？"),
        ("Why Has Predicting Downstream Capabilities of Frontier AI Models with Scale "
         "Remained Elusive?", "Google DeepMind", "为何预测前沿模型的下游能力仍难以捉摸。"),
        ("Don't Look Only Once: “Quotes”, `code` and $O(n^2)$…", None, "不止看一次"),
    ]
    lines = []
    for title, affiliation, chinese in entries:
        lines += [title, *([affiliation] if affiliation else []), chinese,
                  "We study it. Code: https://github.com/x/y", "我们研究了它。"]
    parsed, problems = parse_digest("\n".join(lines), "jan.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.affiliation) for e in parsed] == [
        ((title, chinese), affiliation) for title, affiliation, chinese in entries]


def test_each_problem_names_its_own_line(tmp_path, capsys):
    text = real_digest(False, False)[0].split("\n")
    text[9] = "Bad\u202etitle"  # lines 10 and 11: a title and its translation
    text[10] = "坏\u202e标题"
    digest = tmp_path / "d.txt"
    digest.write_text("\n".join(text), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert main(["--root", str(project), "import", str(digest)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [
        f"{digest}:10: forbidden character (expected printable text, found U+202E) — delete "
        "it; control and direction-override characters are never published",
        f"{digest}:11: forbidden character (expected printable text, found U+202E) — delete "
        "it; control and direction-override characters are never published"]
    assert list((project / "content/papers").iterdir()) == []


ENDINGS = list("?!.…;:,\"')]") + ["?!", "...", " (v2)", ""]
CHINESE_ENDINGS = list("？！。…；：”）") + [""]
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-",
               min_size=1, max_size=10)
han = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1,
              max_size=12)
titles = st.tuples(st.lists(word, min_size=1, max_size=8).map(" ".join),
                   st.sampled_from(["", ": ", "; ", "? ", "! ", ". "]),
                   st.lists(word, min_size=0, max_size=5).map(" ".join),
                   st.sampled_from(ENDINGS)).map("".join).filter(
    # (a title that starts as a number, "0. ?", loses it when every title does: tested
    # with the numbered entries; one that starts as a language's label, "EN: ?", or a
    # field's, "HIGHLIGHTS: ?" (a note), is read as that label and the text after it)
    lambda t: slug_from_title(t) and not ENTRY_NUMBER.match(t) and not LANGUAGE_LABEL.match(t)
    and field_label(t)[0] is None and is_papers(t))


def is_papers(text: str) -> bool:
    """A title or an abstract that names organisations alone, "Ai Lab", "一团队", is an
    affiliation's text, which a digest tells from a title or an abstract by nothing else
    (see bitext.digest.with_affiliations_in_place and affiliations_as_abstracts); a
    newsletter's link text, "Read more", "查看详情", is no paper's, and "Translated by X"
    says who translated."""
    return (not names_organisations(text) and not is_call_to_action(text)
            and provenance_said(text) is None and not NUMBER_ALONE.fullmatch(text))


chinese_titles = st.tuples(han, st.sampled_from(["", "？", "；", " GPT-4o "]), han,
                           st.sampled_from(CHINESE_ENDINGS)).map("".join).filter(is_papers)
abstracts = st.tuples(st.lists(word, min_size=3, max_size=30).map(" ".join),
                      st.sampled_from([".", "", " https://x.org/a", "?", ". More text."])
                      ).map("".join).filter(is_papers)
chinese_abstracts = st.tuples(han, st.sampled_from(["。", "", "！", "；"]), han).map(
    "".join).filter(is_papers)
affiliations = st.one_of(st.none(), st.sampled_from(["阿里", "Google DeepMind", "清华大学",
                                                      "Meta AI; FAIR", "OpenAI."]))
entries = st.tuples(titles, affiliations, chinese_titles, abstracts, chinese_abstracts)


@settings(max_examples=200, deadline=None)
@given(st.lists(entries, min_size=1, max_size=6), st.booleans())
def test_titles_ending_in_any_punctuation_import(drawn, blank_lines):
    lines = []
    for title, affiliation, chinese_title, abstract, chinese_abstract in drawn:
        lines += [title, *([affiliation] if affiliation else []), chinese_title, abstract,
                  chinese_abstract, *([""] if blank_lines else [])]
    parsed, problems = parse_digest("\n".join(lines), "p.txt", LANGUAGES)
    assert problems == []
    assert [(e.title, e.affiliation, e.abstract) for e in parsed] == [
        ((t.strip(), ct.strip()), a, (ab.strip(), cab.strip()))
        for t, a, ct, ab, cab in drawn]


# -- Hugging Face daily-papers JSON ----------------------------------------------------


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def paper_file(project: Path, slug: str) -> str:
    return (project / "content/papers" / f"{slug}.md").read_text("utf-8")


def test_daily_papers_of_each_era_import_to_the_exact_fields(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2024-06-03.json")) == 0
    # 2024: no submittedOnDailyAt (the date is the file's), authors with user profiles;
    # the file as it should be, whole
    ssm = "transformers-are-ssms-generalized-models-and-efficient-algorithms-through.md"
    assert (project / "content/papers" / ssm).read_text("utf-8") == (
        FIXTURES / "imported" / ssm).read_text("utf-8")

    # 2025: submittedOnDailyAt, githubRepo and projectPage
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2025-06-02.json")) == 0
    alpha = imported(project)["alphaone-reasoning-models-thinking-slow-and-fast-at-test-time"]
    assert alpha.date == dt.date(2025, 6, 2) and alpha.arxiv == "2505.24863"
    assert alpha.authors[:3] == ("Junyu Zhang", "Runpei Dong", "Han Wang")
    assert alpha.link("code") == "https://github.com/ASTRAL-Group/AlphaOne"
    assert alpha.link("project") == "https://alphaone-project.github.io/"
    assert alpha.link("pdf") == "https://arxiv.org/pdf/2505.24863"
    assert alpha.awaiting_translation and alpha.title.secondary is None

    # 2026: an organization, which becomes the affiliation
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2026-08-17.json")) == 0
    crisis = next(p for p in imported(project).values() if p.arxiv == "2608.14391")
    assert crisis.title.primary.startswith("Can We Defend Against AI-Generated Video Attacks")
    assert crisis.affiliation == "Hugging Face" and crisis.date == dt.date(2026, 8, 17)
    assert len(crisis.authors) > 20
    assert crisis.link("code") == "https://github.com/24029100313/RA-Bench"


def test_every_sample_day_imports_and_a_second_import_creates_nothing(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    days = [str(path) for path in DAILY]
    assert run(project, "import", *days) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "561 created, 0 updated, 0 skipped; 561 awaiting translation"
    assert all(line.endswith("awaiting translation]") for line in out[:-1])
    papers = imported(project)
    assert len(papers) == 561
    by_arxiv = {paper.arxiv: paper for paper in papers.values()}
    for path, item in daily_items():
        paper = by_arxiv[item["paper"]["id"]]
        assert paper.title.primary == normalise_title(item["paper"]["title"])
        assert paper.authors == tuple(a["name"].strip() for a in item["paper"]["authors"])
        listed = item["paper"].get("submittedOnDailyAt") or path.stem
        assert paper.date == dt.date.fromisoformat(listed[:10])
    before = snapshot(project / "content")
    assert run(project, "import", *days) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 0 updated, 561 skipped; 561 awaiting translation")
    assert run(project, "import", "--update", *days) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 0 updated, 561 skipped; 561 awaiting translation")
    assert snapshot(project / "content") == before


def test_each_day_of_the_daily_papers_is_listed_as_hugging_face_lists_it(tmp_path, capsys):
    """The daily papers come most upvoted first; the files keep that place in their day
    (`order`), and the site lists each day so, not by title."""
    project = make_project(tmp_path / "site", {},
                           SITE_YAML + "awaiting_translation: publish\n")
    assert run(project, "import", *map(str, DAILY)) == 0
    by_arxiv = {paper.arxiv: paper for paper in imported(project).values()}
    for path in DAILY:
        listed = [by_arxiv[item["paper"]["id"]] for item in json.loads(path.read_text("utf-8"))]
        for day in {paper.date for paper in listed}:
            orders = [paper.order for paper in listed if paper.date == day]
            assert orders == (list(range(1, len(orders) + 1)) if len(orders) > 1 else [0])
    assert run(project, "build") == 0
    capsys.readouterr()
    newest = json.loads(DAILY[-1].read_text("utf-8"))
    upvotes = [item["paper"]["upvotes"] for item in newest]
    assert upvotes == sorted(upvotes, reverse=True) and upvotes[0] > upvotes[-1]
    month = (project / "_site/archive" / DAILY[-1].stem[:7] / "index.html").read_text("utf-8")
    shown = re.findall(r'href="\.\./\.\./papers/([^/"]+)/"', month)
    assert shown[:len(newest)] == [by_arxiv[item["paper"]["id"]].slug for item in newest]


def test_a_digest_of_a_day_already_imported_places_its_papers_after_the_days(tmp_path,
                                                                              capsys):
    """The daily papers of a day, then a digest of three more papers of that day: the
    digest's papers follow the day's, in the digest's order (before, they were placed 1,
    2, 3 too, among the day's first papers by slug)."""
    project = make_project(tmp_path / "site", {})
    day = DAILY[-1]
    assert run(project, "import", str(day)) == 0
    listed = len(json.loads(day.read_text("utf-8")))
    digest = tmp_path / "more.txt"
    more = [item["paper"] for _, item in daily_items()[:3]]
    digest.write_text("\n".join(
        line for number, paper in enumerate(more)
        for line in [normalise_title(paper["title"]), CHINESE_TITLES[number],
                     " ".join(paper["summary"].split()), CHINESE_ABSTRACTS[number], ""]),
        "utf-8")
    assert run(project, "import", str(digest), "--date", day.stem) == 0
    capsys.readouterr()
    by_title = {paper.title.primary: paper for paper in imported(project).values()}
    assert [by_title[normalise_title(paper["title"])].order for paper in more] == [
        listed + 1, listed + 2, listed + 3]
    assert sorted(paper.order for paper in by_title.values()) == list(range(1, listed + 4))


def test_abstracts_keep_paragraphs_and_show_as_plain_text():
    text = normalise_abstract("  First line\nwraps here, state-of-\nthe-art -\nor not.\n\n"
                              "A second ``quoted''\nparagraph with "
                              "$x_1 * y$, 85\\% and V*Bench_v2 _words_.\n  A third,\n"
                              "indented as arXiv starts a paragraph.\n")
    assert text == ("First line wraps here, state-of-the-art - or not.\n\nA second "
                    "\\`\\`quoted'' paragraph with $x_1 * y$, 85\\% and V\\*Bench_v2 "
                    "\\_words\\_.\n\nA third, indented as arXiv starts a paragraph.")


def test_tex_commands_of_style_in_an_abstract_show_as_what_they_mean(tmp_path):
    """Three of the 561 real abstracts write TeX's bold and addresses outside math
    ("\\textbf{Ventor-QTest}", "\\url{https://github.com/bytedance/SALMONN/}"). Before,
    the pages showed the commands; now they are Markdown's bold and a link, and the math
    keeps its TeX."""
    project = make_project(tmp_path / "site", {}, SITE_YAML + "awaiting_translation: publish\n")
    days = [FIXTURES / f"hf-daily-papers/{day}.json"
            for day in ("2024-06-25", "2026-08-18", "2026-08-19")]
    assert run(project, "import", *map(str, days)) == 0
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    salmonn, ventor, skills = (papers[arxiv].abstract.primary
                               for arxiv in ("2406.15704", "2608.16391", "2608.14036"))
    assert "\\" not in salmonn.text + ventor.text + skills.text
    assert "at https://github.com/bytedance/SALMONN/." in salmonn.text
    assert "<strong>Ventor-QTest</strong>" in "".join(ventor.html)
    assert re.findall(r"<strong>(.*?)</strong>", "".join(skills.html)) == [
        "When do skills help, why do they work, and where do they fail?"]
    assert normalise_abstract(r"$\textbf{x}$ and \textbf{a_b} \href{https://x.org/}{page} "
                              r"\href{javascript:alert(1)}{bad} \emph{}") == (
        r"$\textbf{x}$ and **a_b** [page](https://x.org/) bad ")


@pytest.mark.parametrize("shape", ["digest", "csv"])
def test_tex_quotes_in_a_markdown_abstract_show_as_written_not_as_code(shape):
    """arXiv's abstracts keep TeX's quotes (WildBench's "``slightly better/worse'' to
    ``tie''", "`zero' models"), which a digest or a table copies: Markdown read the text
    from one opening quote to the next as a code span. A code span stays one."""
    abstract = ("We map ``slightly better/worse'' to ``tie'' unlike `zero' models; "
                "call `run()` and ``a `b` c``, don't.")
    text = ("title,abstract\nWildBench Benchmarking LLMs,\"" + abstract + "\"\n"
            if shape == "csv" else f"WildBench Benchmarking LLMs\n{CHINESE_TITLES[0]}\n"
            f"{abstract}\n{CHINESE_ABSTRACTS[0]}\n")
    (record,), problems = read_records(text, f"d.{shape}", None, LANGUAGES)
    assert problems == []
    rendered, _ = MarkdownRenderer().render(record.abstracts[0])
    assert rendered.text == ("We map ``slightly better/worse'' to ``tie'' unlike `zero' models; "
                             "call run() and a `b` c, don't.")
    assert re.findall(r"<code>(.*?)</code>", rendered.block_html[0]) == [
        "run()", "a `b` c"]


def test_standard_input_and_the_format_option(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "site", {})
    data = (FIXTURES / "hf-daily-papers/2025-06-02.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(project, "import", "--format", "hf", "-") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "20 created, 0 updated, 0 skipped; 20 awaiting translation")


@pytest.mark.parametrize("data", [b"", b"\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_input_is_a_problem_and_a_day_without_papers_is_not(tmp_path, monkeypatch,
                                                                     capsys, data):
    """`curl -s … | bitext import -` whose download failed pipes nothing: it said "0
    created", as for a day without papers (`[]`, or daily-arXiv-ai-enhanced's digest of a
    day without: a heading and "今日没有找到新论文。"), which stays so, and says which
    input gave none (before, nothing said it)."""
    project = make_project(tmp_path / "site", {})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(project, "import", "-") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "-: empty (expected papers: a digest, a table, the daily papers' JSON or arXiv's "
        "answer, found nothing) — did a download fail? `curl -f` makes a failed one an error")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[]\n")))
    assert run(project, "import", "-") == 0
    assert capsys.readouterr().out.splitlines() == [
        "-: no papers in it", "0 created, 0 updated, 0 skipped; 0 awaiting translation"]
    day = tmp_path / "2025-06-29.md"
    day.write_text("# AI-Enhanced arXiv Daily 2025-06-29\n\n### 今日没有找到新论文。\n", "utf-8")
    assert run(project, "import", str(day), str(SCROLL_DAY)) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"{day}: no papers in it", "3 created, 0 updated, 0 skipped; 3 awaiting translation"]


@pytest.mark.parametrize("data, found", [
    (b"<!DOCTYPE html>\n<html lang=en><head><title>429 Too Many\n  Requests</title></head>"
     b"<body><h1>Rate limited</h1></body></html>\n",
     "a web page, not papers (expected papers: a digest, a table, the daily papers' JSON or "
     "arXiv's answer, found an HTML page titled '429 Too Many Requests') — did a download "
     "fail? `curl -f` makes a failed one an error; or save the papers of the page as text"),
    (b"<html><body>Sign in to continue</body></html>",
     "a web page, not papers (expected papers: a digest, a table, the daily papers' JSON or "
     "arXiv's answer, found an HTML page) — did a download fail? `curl -f` makes a failed "
     "one an error; or save the papers of the page as text"),
    # (a page saved from the browser, whose papers an API holds: its head names it, a
    # paper's page on arXiv by its canonical link, a day of the daily papers by og:url)
    (b'<!DOCTYPE html>\n<html lang="en">\n<head>  <title>[2505.09388] Qwen3 Technical '
     b'Report</title>\n  <link rel="canonical" href="https://arxiv.org/abs/2505.09388"/>\n'
     b'  <meta property="og:url" content="https://arxiv.org/abs/2505.09388v1"/>\n</head>',
     "a web page, not papers (expected papers: a digest, a table, the daily papers' JSON or "
     "arXiv's answer, found an HTML page titled '[2505.09388] Qwen3 Technical Report') — "
     "import the page's address, whose papers import reads from the API that holds them "
     "(python build.py import 'https://arxiv.org/abs/2505.09388')"),
    (b'<!doctype html><html><head><meta property="og:url" content="https://huggingface.co/'
     b'papers/date/2025-06-02"><link rel="canonical" href="https://example.org/x">'
     b'<title>Daily Papers - Hugging Face</title></head>',
     "a web page, not papers (expected papers: a digest, a table, the daily papers' JSON or "
     "arXiv's answer, found an HTML page titled 'Daily Papers - Hugging Face') — import the "
     "page's address, whose papers import reads from the API that holds them (python "
     "build.py import 'https://huggingface.co/papers/date/2025-06-02')")])
def test_a_download_that_ended_at_a_web_page_says_so(tmp_path, monkeypatch, capsys, data, found):
    """`curl -s` of an address that answers with an error page (a rate limit, a proxy's
    login): it was "XML with a DOCTYPE or ENTITY declaration (expected an arXiv API answer
    …)", or "not valid XML". (The API's own error: see the test below.)"""
    project = make_project(tmp_path / "site", {})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(project, "import", "-") == 1
    assert capsys.readouterr().err.splitlines()[0] == "-:1: " + found


@pytest.mark.parametrize("text, expected", [
    ('[{"paper": {"id": "2505.24863", "title": "A"', ":1: not valid JSON (expected the JSON of "
     "the Hugging Face daily papers, found Expecting ',' delimiter at column 45) — import "
     "the API's address itself, which bitext downloads (python build.py import "
     "'https://huggingface.co/api/daily_papers?date=YYYY-MM-DD'), or save its answer as it "
     "came"),
    ('[\n  {"paper": {"id": "2501.00001", "title": "A", "summary": "B."}},\n'
     '  {"paper": {"id": "2501.00002", "summary": "C."}}\n]',
     ":3: paper.title: missing (expected text, found None) — is this the daily-papers JSON?"),
    ('[\n  {"paper": {"id": "www", "title": "A", "summary": "B."}}\n]',
     ":2: paper.id: not an arXiv id (expected an id such as 2505.09388, found 'www') — is "
     "this the daily-papers JSON?"),
    ('{"error": "Invalid date"}', ":1: not a list of daily papers (expected a JSON list of "
     "items with a 'paper', or one paper, found the API's error 'Invalid date') — give the "
     "papers that https://huggingface.co/api/daily_papers?date=YYYY-MM-DD answers (an error "
     "answers a wrong address)"),
])
def test_malformed_json_is_refused_with_its_line_and_nothing_is_written(tmp_path, capsys,
                                                                         text, expected):
    project = make_project(tmp_path / "site", {})
    bad = tmp_path / "day.json"
    bad.write_text(text, "utf-8")
    good = str(FIXTURES / "hf-daily-papers/2025-06-02.json")
    assert run(project, "import", good, str(bad)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{bad}{expected}"
    assert err[-1].endswith("nothing was written.")
    assert list((project / "content/papers").iterdir()) == []


@pytest.mark.parametrize("source", [FIXTURES / "hf-daily-papers/2026-08-17.json",
                                    ARXIV / "one-paper.xml"], ids=["daily papers", "arxiv"])
def test_english_sources_are_refused_by_a_site_whose_primary_language_is_another(
        tmp_path, capsys, source):
    """Their English would be written as the primary (Chinese) text, for translation
    into English."""
    english, chinese = ("  - code: en\n    name: English\n",
                        "  - code: zh-Hans\n    name: 简体中文\n")
    assert SITE_YAML.count(english + chinese) == 1
    project = make_project(tmp_path / "site", {}, SITE_YAML.replace(english + chinese,
                                                                    chinese + english))
    assert run(project, "import", str(source)) == 1
    name = "the Hugging Face daily papers" if source.suffix == ".json" else "arXiv"
    assert capsys.readouterr().err.splitlines() == [
        f"{source}: {name} give titles and abstracts in English, which is not the site's "
        "primary language (expected en first under languages: in site.yaml, found zh-Hans "
        "first) — the primary language is the one papers are translated from: put en "
        "first, or import a plain-text digest, which gives both languages",
        "1 error in 1 file; nothing was written."]
    assert list((project / "content/papers").iterdir()) == []


# -- arXiv API -------------------------------------------------------------------------


def test_an_arxiv_answer_with_one_paper_imports_to_the_exact_fields(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(ARXIV / "one-paper.xml")) == 0
    paper = imported(project)["alphaone-reasoning-models-thinking-slow-and-fast-at-test-time"]
    day = next(item["paper"] for path, item in daily_items()
               if item["paper"]["id"] == "2505.24863")
    assert paper.arxiv == "2505.24863"  # the id without its version
    assert paper.title.primary == normalise_title(day["title"])
    assert paper.abstract.primary.text == " ".join(day["summary"].split())
    assert paper.authors == tuple(a["name"] for a in day["authors"])
    assert paper.date == dt.date(2025, 5, 30)  # <published>: no listing date in arXiv
    assert dict((link.kind, link.url) for link in paper.links) == {
        "arxiv": "https://arxiv.org/abs/2505.24863", "pdf": "https://arxiv.org/pdf/2505.24863",
        "code": "https://github.com/ASTRAL-Group/AlphaOne"}  # from <arxiv:comment>
    assert paper.awaiting_translation


def test_an_arxiv_answer_with_several_papers_a_v3_and_a_doi(tmp_path, capsys):
    project = make_project(tmp_path / "site", {}, SITE_YAML + "  vision:\n    match: [cs.CV]\n")
    assert run(project, "import", str(ARXIV / "several-papers.xml")) == 0
    by_arxiv = {p.arxiv: p for p in imported(project).values()}
    assert sorted(by_arxiv) == ["2405.21060", "2505.24864", "2608.14391"]
    assert by_arxiv["2505.24864"].link("doi") is None  # the v3, with no DOI
    assert by_arxiv["2405.21060"].link("doi") == (
        "https://doi.org/10.5555/bitext.fixture.2405.21060")
    assert by_arxiv["2608.14391"].tags == ("vision",)  # a tag rule matched its category
    assert "vision ← 'cs.CV'" in capsys.readouterr().out


@pytest.mark.parametrize("feed", ["listing-cs.CL.rss", "listing-cs.CL.atom"])
def test_a_day_of_arxivs_listing_of_a_category_imports(tmp_path, capsys, feed):
    """arXiv's daily listing of a category, as `curl https://rss.arxiv.org/rss/cs.CL` (or
    /atom/) gives it: two new papers, a cross-listed one and the revised version of an
    older one, each abstract after "arXiv:…v1 Announce Type: new Abstract:". The day's
    papers are created, dated by the announcement, their abstracts without arXiv's
    announcement; the revision is left out and named. Before: "not an arXiv API answer
    (… found <rss>)", and the Atom's entries were "not an arXiv paper". (The two files are
    written from the format arXiv's RSS specifications document, info.arxiv.org/help/
    rss_specifications.html, with the real papers of the daily papers of 2025-06-02 and
    video-SALMONN of 2024-06-25 as the replacement.)"""
    project = make_project(tmp_path / "site", {}, SITE_YAML + (
        "  software:\n    match: [cs.SE]\n  vision:\n    match: [cs.CV]\n"))
    path = ARXIV / feed
    assert run(project, "import", str(path)) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[-2:] == [
        f"{path}: 1 revised version of an older paper left out (arXiv announces it as a "
        "replacement): 2406.15704",
        "3 created, 0 updated, 0 skipped; 3 awaiting translation"]
    day = [item["paper"] for item in json.loads(
        (FIXTURES / "hf-daily-papers/2025-06-02.json").read_text("utf-8"))[:3]]
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    assert sorted(papers) == sorted(paper["id"] for paper in day)
    for listed in day:
        paper = papers[listed["id"]]
        assert paper.title.primary == normalise_title(listed["title"])
        assert paper.abstract.primary.text == " ".join(listed["summary"].split())
        assert paper.authors == tuple(author["name"] for author in listed["authors"])
        assert (paper.date, paper.link("pdf")) == (
            dt.date(2025, 6, 2), f"https://arxiv.org/pdf/{listed['id']}")
        assert paper.awaiting_translation
    assert papers["2505.24098"].tags == ("software",)  # (its categories, cs.SE first)
    # the same day from the daily papers afterwards: the same papers, no second file
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2025-06-02.json")) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "17 created, 0 updated, 3 skipped; 20 awaiting translation")


def test_arxivs_listing_of_a_revised_paper_the_site_has_updates_it(tmp_path, capsys):
    """A paper of the site that arXiv's listing announces as revised (a replacement): not
    left out, as the revision of a paper the site does not have is, but named ("already
    there; arXiv announces a revised version"); `--update` takes the new abstract, keeps
    the paper's day and place, and says its translation is out of date. Before: left out as
    any replacement ("1 revised version of an older paper left out"), the site's abstract
    and translation left as they were, the editor not told."""
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2024-06-25.json")) == 0
    capsys.readouterr()
    slug = "video-salmonn-speech-enhanced-audio-visual-large-language-models"
    original = paper_file(project, slug)
    translated = original.replace("  zh-Hans:\n", "  zh-Hans: video-SALMONN：语音增强的视听大语言"
                                  "模型\ntranslator: machine\ntranslation_model: deepseek-chat\n",
                                  1).replace("::: zh-Hans\n:::", "::: zh-Hans\n语音理解是……\n:::")
    (project / "content/papers" / f"{slug}.md").write_text(translated, "utf-8")
    listing = tmp_path / "cs.CL.rss"  # (the revision: 25% became 27%)
    listing.write_text((ARXIV / "listing-cs.CL.rss").read_text("utf-8").replace(
        "more than 25\\%", "more than 27\\%"), "utf-8")

    assert run(project, "import", "--dry-run", str(listing)) == 0
    report = capsys.readouterr().out.splitlines()
    assert f"would skip content/papers/{slug}.md  [{listing}:57; already there; arXiv " \
           "announces a revised version (--update refreshes it)]" in report
    assert report[-1] == ("3 created, 0 updated, 1 skipped; 3 awaiting translation (dry run: "
                          "nothing written)")
    assert not any("revised version of an older paper left out" in line for line in report)

    assert run(project, "import", "--update", str(listing)) == 0
    report = capsys.readouterr().out.splitlines()
    assert f"updated content/papers/{slug}.md  [{listing}:57; 2024-06-25; no tag rule fired; " \
           "translation out of date]" in report
    assert report[-1].startswith("3 created, 1 updated, 0 skipped; 3 awaiting translation; 1 "
                                 "translation out of date")
    paper = next(paper for paper in imported(project).values() if paper.arxiv == "2406.15704")
    assert "more than 27% absolute" in paper.abstract.primary.text
    assert (paper.title.secondary, str(paper.date), paper.order) == (
        "video-SALMONN：语音增强的视听大语言模型", "2024-06-25", 22)
    assert paper.translation_stale and paper.machine_translated


def test_arxivs_journal_reference_is_where_the_paper_was_published(tmp_path, capsys):
    """arXiv's `arxiv:journal_ref` is the paper's `venue`, which the page shows and the
    citations give; `import --update` of the daily papers, which give none, keeps it."""
    text = (ARXIV / "several-papers.xml").read_text("utf-8")
    first = text.index("</entry>")
    answer = tmp_path / "answer.xml"
    answer.write_text(text[:first] + "    <arxiv:journal_ref xmlns:arxiv=\"http://arxiv.org/schemas/"
                      "atom\">Trans. Mach. Learn. Res. (2025)"
                      "</arxiv:journal_ref>\n  " + text[first:], "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(answer)) == 0
    capsys.readouterr()
    venues = {paper.arxiv: paper.venue for paper in imported(project).values()}
    assert sorted(venues.values(), key=str) == [None, None, "Trans. Mach. Learn. Res. (2025)"]
    assert run(project, "import", "--update",
               str(FIXTURES / "hf-daily-papers/2025-06-02.json")) == 0
    assert "updated content/papers/prorl-" in capsys.readouterr().out
    assert {paper.arxiv: paper.venue for paper in imported(project).values()
            if paper.arxiv in venues} == venues


def test_a_post_of_a_paper_from_arxivs_listing_with_its_announcement(tmp_path, capsys):
    """A real post a script saved of one paper of arXiv's listing: the title, the address
    and the RSS date in its front matter, and as its body the listing's description,
    "arXiv:2606.17399v1 Announce Type: new Abstract: When small transformers …". Before:
    "expected the translated title … found the end of the file". Now the body is the
    abstract, without the announcement, and the paper awaits its translation."""
    post = FIXTURES / "digests" / "2026-06-17-discrete-log-clock.md"
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(post)) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"{post}: columns left out (no field of a paper file holds them): source, score, guid, "
        "generated", "1 created, 0 updated, 0 skipped; 1 awaiting translation"]
    (paper,) = imported(project).values()
    assert paper.title.primary == ("The Discrete-Log Clock: How a Transformer Learns Modular "
                                   "Multiplication")
    assert paper.abstract.primary.text.startswith("When small transformers grok modular")
    assert paper.abstract.primary.text.endswith("where standard tools see noise.")
    assert (paper.arxiv, str(paper.date)) == ("2606.17399", "2026-06-17")


def test_a_blog_post_under_its_title_is_no_paper(tmp_path, capsys):
    """A post of prose longer than an abstract can be, under front matter with its title,
    imported by mistake, is still refused as prose is, not taken for one paper."""
    post = tmp_path / "2026-06-17-thoughts.md"
    post.write_text("---\ntitle: \"Thoughts on the Zen of Python\"\ndate: 2026-06-17\n---\n\n"
                    + "\n".join(line for line in ZEN.splitlines()[1:] * 6 if line.strip())
                    + "\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(post)) == 1
    assert capsys.readouterr().err.splitlines()[-1].endswith("nothing was written.")
    assert not list((project / "content/papers").iterdir())


def test_an_abstract_copied_with_arxivs_announcement_names_its_paper():
    """A digest's entry whose English abstract is the listing's description: the
    announcement is no text of the abstract, and it gives the paper's arXiv id."""
    title, abstract = REAL[0]
    digest = "\n".join([title, "标题", f"arXiv:2406.01234v1 Announce Type: cross Abstract: "
                         f"{abstract}", "摘要。"])
    (record,), problems = read_records(digest, "d.md", "digest", LANGUAGES)
    assert problems == []
    assert (record.abstracts[0], record.arxiv) == (abstract, "2406.01234")
    (record,), _ = read_records(digest.replace("2406.01234v1", "2406.x"), "d.md", "digest",
                                LANGUAGES)  # (an id that is none: the paper has none)
    assert (record.abstracts[0], record.arxiv) == (abstract, None)


def test_arxivs_listing_names_authors_without_their_affiliations():
    """arXiv's lists of authors write affiliations in brackets after names ("Huu Danh
    Nguyen (Stanford University)", as the listing's dc:creator gave the post above)."""
    from bitext.sources import arxiv_author_names

    assert arxiv_author_names("Huu Danh Nguyen (Stanford University), Ada Lovelace (MIT, "
                              "CSAIL) and Alan Turing") == (
        "Huu Danh Nguyen", "Ada Lovelace", "Alan Turing")


def test_arxivs_listing_on_a_day_without_papers_and_of_revisions_alone(tmp_path, capsys):
    """A weekend's listing (a real one: physics on 2025-12-31 has a channel and no item)
    has no papers, as a day of the daily papers without any; a paper listed twice is one
    paper; a listing of revised versions alone is a problem, as arXiv's e-mail of replaced
    papers alone is."""
    weekend = tmp_path / "physics.rss"
    weekend.write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<rss xmlns:arxiv=\"http://arxiv.org/schemas/"
        "atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/"
        "2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" version=\"2.0"
        "\">\n<channel>\n<title>physics updates on arXiv.org</title>\n<link>http://rss.arxiv."
        "org/rss/physics</link>\n<description>physics updates on the arXiv.org e-print archive."
        "</description>\n<atom:link href=\"http://rss.arxiv.org/rss/physics\" rel=\"self\" "
        "type=\"application/rss+xml\"/>\n<docs>http://www.rssboard.org/rss-specification</docs>"
        "\n<language>en-us</language>\n<lastBuildDate>Wed, 31 Dec 2025 05:00:02 +0000"
        "</lastBuildDate>\n<managingEditor>rss-help@arxiv.org</managingEditor>\n<pubDate>Wed, "
        "31 Dec 2025 00:00:00 -0500</pubDate>\n<skipDays>\n<day>Saturday</day>\n<day>Sunday"
        "</day>\n</skipDays>\n</channel>\n</rss>", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(weekend)) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{weekend}: no papers in it", "0 created, 0 updated, 0 skipped; 0 awaiting translation"]
    text = (ARXIV / "listing-cs.CL.rss").read_text("utf-8")
    first = text[text.index("    <item>"):text.index("</item>") + len("</item>\n")]
    twice = tmp_path / "twice.rss"  # (as two categories' listing may give a paper)
    twice.write_text(text.replace(first, first + first, 1), "utf-8")
    assert run(project, "import", "--dry-run", str(twice)) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("3 created")
    revisions = tmp_path / "revisions.rss"
    revisions.write_text(re.sub(r"Announce Type: (?:new|cross)|>(?:new|cross)<", lambda mark: (
        "Announce Type: replace" if mark[0].startswith("A") else ">replace<"), text), "utf-8")
    assert run(project, "import", str(revisions)) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{revisions}: no new paper in arXiv's listing (expected papers announced as new or "
        "cross-listed, or revised versions of papers the site has, found 4 revised versions of "
        "older papers (announced as replacements)) — import an older paper by its id from the "
        "arXiv API")


def test_the_same_paper_from_arxiv_and_the_daily_papers_is_one_paper(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2025-06-02.json")) == 0
    capsys.readouterr()
    assert run(project, "import", str(ARXIV / "several-papers.xml")) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 created, 0 updated, 1 skipped; 3 awaiting translation")


@pytest.mark.parametrize("name, text, expected", [
    ("error.xml", None, ":10: the arXiv API answered with an error (found 'incorrect id format "
     "for 1234.12345') — check the ids of the query"),
    ("cut.xml", '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<title>A</title>\n',
     ":4: not valid XML (expected the Atom feed of the arXiv API, found no element found at "
     "column 1) — import the API's address itself, which bitext downloads (python build.py "
     "import 'http://export.arxiv.org/api/query?id_list=…'), or save its answer as it came"),
    ("blog.xml", '<rss version="2.0"><channel><item><title>A post</title><link>https://'
     'example.org/post</link><description>Text.</description></item></channel></rss>',
     ":1: link: not an arXiv paper (expected a <link> such as https://arxiv.org/abs/2505.09388, "
     "found 'https://example.org/post')"),
    ("sitemap.xml", '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
     'sitemap/0.9"/>', ":1: not an arXiv API answer (expected an Atom <feed> (namespace "
     "http://www.w3.org/2005/Atom) or arXiv's RSS listing of a category, found "
     "<{http://www.sitemaps.org/schemas/sitemap/0.9}urlset>)"),
    ("entity.xml", '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "aaaa">]>\n<feed/>',
     ":2: XML with a DOCTYPE or ENTITY declaration (expected an arXiv API answer (an Atom "
     "feed), found a declaration) — bitext reads no XML declarations"),
])
def test_malformed_xml_is_refused_with_its_line_and_nothing_is_written(tmp_path, capsys, name,
                                                                        text, expected):
    project = make_project(tmp_path / "site", {})
    path = ARXIV / name if text is None else tmp_path / name
    if text is not None:
        path.write_text(text, "utf-8")
    assert run(project, "import", str(ARXIV / "one-paper.xml"), str(path)) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"{path}{expected}"
    assert list((project / "content/papers").iterdir()) == []


def test_papers_whose_long_titles_start_alike_are_told_apart_by_their_ids(tmp_path, capsys):
    """Slugs keep a title's first 80 characters: two papers may share them."""
    start = "Scaling Laws for Mixture-of-Experts Language Models Trained on Synthetic Data"
    items = [{"paper": {"id": f"2506.0000{n}", "title": f"{start}: Part {n}",
                        "summary": f"Part {n}.", "authors": []}} for n in (1, 2)]
    day = tmp_path / "2025-06-02.json"
    day.write_text(json.dumps(items), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(day)) == 0
    assert run(project, "build", "--out", str(tmp_path / "out")) == 0  # (--drafts aside)
    slugs = sorted(p.slug for p in imported(project).values())
    assert slugs == ["scaling-laws-for-mixture-of-experts-language-models-trained-on-2506-00002",
                     "scaling-laws-for-mixture-of-experts-language-models-trained-on-synthetic-data"]
    capsys.readouterr()
    assert run(project, "import", str(day)) == 0  # the second import knows both
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 0 updated, 2 skipped; 2 awaiting translation")


def test_digest_entries_whose_titles_give_one_file_name_are_refused(tmp_path, capsys):
    start = "Scaling Laws for Mixture-of-Experts Language Models Trained on Synthetic Data"
    digest = tmp_path / "d.txt"
    digest.write_text(f"{start}: Part 1\n第一部分\nOne.\n一。\n"
                      f"{start}: Part 2\n第二部分\nTwo.\n二。\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(digest)) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{digest}:5: the same file name as the paper at {digest}:1 (found '{start}: Part 2') "
        "— titles give names of at most 80 characters: make the first words of one title "
        "differ, or import them apart and give one a 'slug:'")


def yaml_block(value: str) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, width=1 << 30).removesuffix(
        "\n...\n").strip()


def yaml_flow(values: list[str]) -> str:
    import yaml

    return yaml.safe_dump(values, allow_unicode=True, width=1 << 30,
                          default_flow_style=True).strip()


def test_paper_files_write_every_real_value_as_yaml_would():
    from bitext.paperfile import flow_list, scalar

    values = []
    for _, item in daily_items():
        paper = item["paper"]
        values += [normalise_title(paper["title"]), paper["id"],
                   *(author["name"] for author in paper["authors"]),
                   *(paper[key] for key in ("githubRepo", "projectPage") if paper.get(key))]
    assert len(values) > 6000
    assert [scalar(value) for value in values] == [yaml_block(value) for value in values]
    assert [flow_list([value, value]) for value in values] == [
        yaml_flow([value, value]) for value in values]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZ09 .,()/+-:#'\"[]{}!&*?|>%@`~\\yesnoYESNOtrufalsNL",
               min_size=1, max_size=12))
def test_a_value_written_without_the_dumper_is_what_the_dumper_writes(value):
    from bitext.paperfile import flow_list, scalar

    assert scalar(value) == yaml_block(value)
    assert flow_list([value]) == yaml_flow([value])


def test_a_field_added_to_a_file_goes_where_format_paper_writes_it():
    """`with_field` (translate, confirm) follows `FIELD_ORDER`, which is format_paper's."""
    import datetime as dt

    from bitext.paperfile import FIELD_ORDER, format_paper, with_field

    every = {"order": 2, "tags": ["rl"], "authors": ["A. Author"], "affiliation": "Lab",
             "arxiv": "2505.09388",
             "links": {"code": "https://example.org/"}, "slug": "s", "translator": "machine",
             "translation_model": "m", "title_translator": "Wang Fang",
             "title_translation_model": "n", "reviewed_by": "Li Hua",
             "translated_from": "0" * 12, "draft": True}
    whole = format_paper({"en": "T", "zh-Hans": "标题"}, {"en": "A.", "zh-Hans": "摘要。"},
                         dt.date(2025, 5, 1), **every)
    written = [line.split(":")[0] for line in whole.split("---")[1].splitlines()
               if line and not line.startswith(" ")]
    assert written == list(FIELD_ORDER)
    for name in ("affiliation", "slug", "translator", "translation_model", "title_translator",
                 "title_translation_model", "reviewed_by", "translated_from"):
        without = with_field(whole, name, None)
        assert without != whole and with_field(without, name, every[name]) == whole, name


def test_a_digest_that_translates_papers_awaiting_it_says_that_update_adds_it(tmp_path,
                                                                              capsys):
    """Papers imported from the daily papers await their translation; a translated digest
    of the same papers, imported after, skips them as any paper already there, and says
    that it holds their translation (`--update` adds it)."""
    project = make_project(tmp_path / "site", {})
    day = FIXTURES / "hf-daily-papers/2025-06-02.json"
    assert run(project, "import", str(day)) == 0
    capsys.readouterr()
    paper = json.loads(day.read_text("utf-8"))[0]["paper"]
    title, abstract = normalise_title(paper["title"]), " ".join(paper["summary"].split())
    digest = tmp_path / "digest-2025-06.txt"
    digest.write_text(f"{title}\nProRL：延长强化学习拓展大语言模型的推理边界\n{abstract}\n"
                      "延长的强化学习训练可以发现基础模型无法获得的新推理策略。\n", "utf-8")
    slug = slug_from_title(title)

    assert run(project, "import", str(digest)) == 0
    report = capsys.readouterr().out.splitlines()
    assert report == [
        f"skipped content/papers/{slug}.md  [{digest}:1; already there, awaiting the "
        "translation this input gives (--update refreshes it)]",
        "0 created, 0 updated, 1 skipped; 1 awaiting translation; this input translates 1 "
        "of them (`import --update` adds the translation)"]

    assert run(project, "import", "--update", str(digest)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 1 updated, 0 skipped; 0 awaiting translation")
    assert "ProRL：延长强化学习" in (project / f"content/papers/{slug}.md").read_text("utf-8")
    # a paper there with its translation is skipped as before
    assert run(project, "import", str(digest)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 0 updated, 1 skipped; 0 awaiting translation")


@dataclasses.dataclass
class Translations:
    """A digest of translations alone, of three papers of the daily papers of 2025-06-02,
    and what it gives beyond them."""

    path: Path
    ids: list[str | None]
    """The arXiv id of each paper that its links give."""
    original_titles: bool
    """Whether it gives the papers' own titles."""
    lines: list[int]
    """Where its entries start."""
    day: str
    """The day its papers' entries give, or the hint's placeholder."""
    left_out: tuple[int, ...]


DAILY_IDS = ["2505.24864", "2505.24863", "2505.24098"]
# As newsletters for Chinese readers lay their days out: that of a public repository of
# them (hf-daily-paper-newsletter-chinese) in 2026, and in 2025 before it linked the
# papers; and a day's file of Chinese titles and abstracts alone, kept beside one in
# English (a public repository's data/zh/YYYYMMDD.md). (The lines left out at the end:
# the parts of links; the headings of the parts of a figure alone, "## 🔍 关键词云图" over
# "![关键词云图](…)", go with their figures, no paper's text and no part's.)
TRANSLATIONS = [
    Translations(FIXTURES / "digests" / "newsletter-2025-06-02.md", DAILY_IDS, True,
                 [11, 24, 37], "2025-06-02", (5, 6, 58, 61)),
    Translations(FIXTURES / "digests" / "newsletter-older-2025-06-02.md", [None] * 3, True,
                 [11, 25, 38], "2025-06-02", (5, 6, 59, 62)),
    Translations(FIXTURES / "digests" / "translations-20250602.md", DAILY_IDS, False,
                 [7, 17, 27], "YYYY-MM-DD", ()),
    # (the same without labels, as a post in Chinese alone gives a day: a title a heading,
    # its arXiv link, its abstract)
    Translations(FIXTURES / "digests" / "translations-unlabelled-20250602.md", DAILY_IDS,
                 False, [3, 9, 15], "2025-06-02", ()),
    # (and that post copied as plain text, its headings lost)
    Translations(FIXTURES / "digests" / "translations-plain-20250602.txt", DAILY_IDS,
                 False, [3, 9, 15], "2025-06-02", ())]


@pytest.mark.parametrize("given", TRANSLATIONS, ids=lambda given: given.path.stem)
def test_a_digest_of_translations_alone_reads_as_the_translations_of_its_papers(given):
    """The newsletter's day in its heading beside a logo's <img>, a part of counts, then
    per paper its Chinese title as a heading, "**原文标题：**" (the original title, wrapped
    as the daily papers wrap it), "**摘要：**" over the Chinese abstract alone, a line of
    links (Hugging Face and arXiv, or "[]()"); then parts of pictures and addresses; or per
    paper a Chinese title, its arXiv link, its date and its Chinese abstract, labelled or
    not, its titles headings or not. Before, "原文标题" was no label, the counts were a
    paper's title, the papers ran into one entry ("a second arXiv link for one paper"),
    and a title in Chinese alone was "expected the title … found a line in 简体中文"."""
    entries, problems, outside = read_digest(given.path.read_text("utf-8"), "n.md", LANGUAGES)
    assert problems == [] and outside == given.left_out
    daily = json.loads((FIXTURES / "hf-daily-papers/2025-06-02.json").read_text("utf-8"))[:3]
    assert [(entry.title[0], entry.abstract[0], entry.line) for entry in entries] == [
        (normalise_title(item["paper"]["title"]) if given.original_titles else None, None,
         line) for item, line in zip(daily, given.lines, strict=True)]
    assert [entry.title[1] for entry in entries] == [
        "ProRL：延长强化学习拓展大语言模型的推理边界", "AlphaOne：推理模型在测试时的快慢思考",
        "HardTests：为 LLM 编程合成高质量测试用例"]
    assert entries[1].abstract[1] == (
        "本文提出 AlphaOne（α1），一个在测试时调节大型推理模型（LRM）推理进程的通用框架。α1 首先"
        "引入 α 时刻，以通用参数 α 表示缩放后的思考阶段。项目主页：https://alphaone-project.github.io/")
    assert [{re.sub(r"v\d$", "", link.url.rsplit("/", 1)[1]) for link in entry.links} or {None}
            for entry in entries] == [{paper_id} for paper_id in given.ids]


def front_lines_but_translation(text: str) -> list[str]:
    """A paper file's front matter without the lines that its translation changes."""
    return [line for line in text.split("---")[1].splitlines() if not line.startswith(
        ("  zh-Hans:", "tags:", "translator:", "translation_model:", "translated_from:"))]


@pytest.mark.parametrize("given", TRANSLATIONS, ids=lambda given: given.path.stem)
def test_a_digest_of_translations_alone_fills_in_the_papers_of_the_daily_papers(
        tmp_path, capsys, given):
    """The translations alone of a digest go into the papers that the daily papers of the
    day gave (`--update`; found by arXiv id, else by title), whose English stays and is
    what they translate. Imported before the papers, the digest is refused with the
    commands that import them."""
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(given.path)) == 1
    arxiv = (" or arXiv (python build.py import 'http://export.arxiv.org/api/query?id_list="
             f"{','.join(given.ids)}' {given.path})") if given.ids[0] else ""
    assert capsys.readouterr().err.splitlines() == [
        f"{given.path}:{given.lines[0]}: 3 translations without their papers' abstracts in "
        "English (expected their papers, in content/papers/ or another input, found none "
        f"with the arXiv id or title of lines {', '.join(map(str, given.lines))}) — import "
        "them with this file, from the daily papers of their day (python build.py import "
        f"'https://huggingface.co/api/daily_papers?date={given.day}' {given.path}){arxiv}",
        "1 error in 1 file; nothing was written."]
    assert not list((project / "content/papers").iterdir())

    day = FIXTURES / "hf-daily-papers/2025-06-02.json"
    assert run(project, "import", str(day)) == 0
    before = {path.name: path.read_text("utf-8")
              for path in (project / "content/papers").iterdir()}
    capsys.readouterr()
    assert run(project, "import", str(given.path)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 0 updated, 3 skipped; 3 awaiting translation; this input translates 3 "
        "of them (`import --update` adds the translations)")
    assert run(project, "import", "--update", "--translation-model", "glm-4",
               str(given.path)) == 0
    report = capsys.readouterr().out.splitlines()
    left_out = [f"{given.path}: lines {', '.join(map(str, given.left_out))} left out (no "
                "paper's: the digest's opening or closing words)"] if given.left_out else []
    assert report[3:] == [*left_out, "0 created, 3 updated, 0 skipped; 0 awaiting translation"]
    papers = imported(project)
    alphaone = papers["alphaone-reasoning-models-thinking-slow-and-fast-at-test-time"]
    english = json.loads(day.read_text("utf-8"))[1]["paper"]
    assert alphaone.abstract.primary.text == normalise_abstract(english["summary"])
    assert alphaone.title.primary == english["title"]
    assert alphaone.title.secondary == "AlphaOne：推理模型在测试时的快慢思考"
    assert alphaone.abstract.secondary.text.startswith("本文提出 AlphaOne（α1）")
    assert (alphaone.translator, alphaone.translation_model) == ("machine", "glm-4")
    assert not alphaone.translation_stale  # (it translates the English that the file holds)
    fingerprint = text_fingerprint(english["title"], alphaone.abstract.primary.text)
    assert f"translated_from: {fingerprint}" in paper_file(project, alphaone.slug)
    # the three papers changed by their translations alone (no link of the newsletter's
    # parts of addresses came in, nor the arXiv ids' versions), the other 17 not at all
    after = {path.name: path.read_text("utf-8") for path in (project / "content/papers").iterdir()}
    changed = [name for name in before if before[name] != after[name]]
    assert len(changed) == 3 and len(after) == 20
    for name in changed:
        english_text = before[name].split("::: en\n")[1].split("\n:::")[0]
        assert english_text in after[name] and "2404589803" not in after[name]
        assert front_lines_but_translation(before[name]) == front_lines_but_translation(
            after[name])
    # imported again, it finds the papers by their ids or titles and has nothing new
    assert run(project, "import", "--update", "--translation-model", "glm-4",
               str(given.path)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 0 updated, 3 skipped; 0 awaiting translation")
    assert run(project, "check") == 0


ARXIV_POST = FIXTURES / "digests" / "2025-06-02-arxiv.md"


def test_a_post_of_a_models_translations_under_english_titles_reads(tmp_path, capsys):
    """A day of arXiv as a public script posts it to a Jekyll site ("arXiv Daily"): front
    matter, two lines of its own counts, then per paper "## Title", "- **Authors**: …",
    "- **Categories**: …", "- **arXiv**: […](…)", "- **PDF**: […](…)" and the model's
    translation of the abstract without a label, perhaps its analysis folded under
    "详细解读". Its template, with the papers of 2025-06-02 and the Chinese abstracts
    of the newsletter's day (the analysis written for the test). Before: "a line of
    authors with no paper of its own", for every paper. The translations go into the
    papers that the daily papers give; the titles await theirs."""
    entries, problems, outside = read_digest(ARXIV_POST.read_text("utf-8"), "post.md",
                                             LANGUAGES)
    daily = json.loads((FIXTURES / "hf-daily-papers/2025-06-02.json").read_text("utf-8"))[:3]
    newsletter = (AI_ENHANCED / "newsletter-2025-06-02.md").read_text("utf-8")
    chinese = re.findall(r"\*\*摘要：\*\*\n(.+)", newsletter)
    assert problems == [] and outside == (2, 3, 4, 8, 9)
    assert [(entry.title, entry.abstract) for entry in entries] == [
        ((normalise_title(item["paper"]["title"]), None), (None, translation))
        for item, translation in zip(daily, chinese, strict=True)]
    assert [entry.authors for entry in entries] == [
        tuple(author["name"] for author in item["paper"]["authors"]) for item in daily]
    assert entries[0].keywords == ("cs.LG", "cs.AI", "cs.CL")
    # (the analysis: its lines of text, not the `<div markdown="1">` around them)
    assert entries[0].left_out == (24, 25, 26, 27, 28)

    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(FIXTURES / "hf-daily-papers/2025-06-02.json")) == 0
    assert run(project, "import", "--update", "--translation-model", "deepseek-chat",
               str(ARXIV_POST)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 3 updated, 0 skipped; 3 awaiting translation; 5 lines left out (the "
        "authors' comments, counts, a model's readings, a line said again in the other "
        "language: no field of a paper file holds them)")
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    for item, translation in zip(daily, chinese, strict=True):
        paper = papers[item["paper"]["id"]]
        assert (paper.title.secondary, paper.abstract.secondary.text) == (None, translation)
        assert (paper.translator, paper.translation_model) == ("machine", "deepseek-chat")
    assert run(project, "check") == 0


def test_opening_words_under_the_heading_of_a_markdown_digest_are_no_paper():
    """A Markdown digest's heading with its day, a line of the editor's, then the papers
    under headings: before, the line was "expected the title … found a line in 简体中文"."""
    lines = ["# HF 每日论文速递 2025-06-02", "", "今天共有 3 篇论文，欢迎阅读。", ""]
    for number, (title, translated, abstract, translation) in enumerate(sample_papers(),
                                                                      start=1):
        lines += [f"## {number}. {title}", "", f"**中文标题**：{translated}", "",
                  f"**Abstract**: {abstract}", "", f"**摘要**：{translation}", ""]
    entries, problems, outside = read_digest("\n".join(lines), "d.md", LANGUAGES)
    assert problems == [] and outside == (3,)
    assert [(entry.title, entry.abstract, entry.date) for entry in entries] == [
        ((title, translated), (abstract, translation), dt.date(2025, 6, 2))
        for title, translated, abstract, translation in sample_papers()]


def test_translations_of_more_papers_than_arxiv_answers_at_once_ask_for_them_all(tmp_path,
                                                                                capsys):
    """The arXiv API answers 10 entries unless told more: the command for 11 papers asks
    for 11, and the problem names 10 lines and how many more."""
    items = json.loads((FIXTURES / "hf-daily-papers/2025-06-02.json").read_text("utf-8"))[:11]
    lines = ["# 论文日报", ""]
    for number, item in enumerate(items, start=1):
        lines += [f"### {number}. {CHINESE_TITLES[number % len(CHINESE_TITLES)]}", "",
                  f"**原文标题：** {normalise_title(item['paper']['title'])}", "",
                  "**摘要：**", CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], "",
                  f"**论文链接：** [arXiv](https://arxiv.org/abs/{item['paper']['id']})", ""]
    newsletter = tmp_path / "newsletter.md"
    newsletter.write_text("\n".join(lines), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(newsletter)) == 1
    error = capsys.readouterr().err.splitlines()[0]
    ids = ",".join(item["paper"]["id"] for item in items)
    assert "11 translations without their papers' abstracts in English" in error
    assert "lines 3, 12, 21, 30, 39, 48, 57, 66, 75, 84 and 1 more)" in error
    assert f"id_list={ids}&max_results=11' {newsletter})" in error
    assert "daily_papers?date=YYYY-MM-DD'" in error  # (the file gives no day)


@pytest.mark.parametrize("given", TRANSLATIONS, ids=lambda given: given.path.stem)
@pytest.mark.parametrize("translations_first", [False, True])
def test_translations_alone_and_their_papers_import_in_one_run(tmp_path, capsys, given,
                                                               translations_first):
    """`import day.json newsletter.md` (either way round): the newsletter's translations
    go into the papers the daily papers give, which are created translated. Before, the
    newsletter was refused: its papers were not in content/ yet."""
    project = make_project(tmp_path / "site", {})
    day = FIXTURES / "hf-daily-papers/2025-06-02.json"
    inputs = [str(given.path), str(day)] if translations_first else [str(day), str(given.path)]
    assert run(project, "import", *inputs) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[-1] == "20 created, 0 updated, 0 skipped; 17 awaiting translation"
    # each translated paper names its translation's line, and the newsletter its lines
    # that are no paper's, though it writes no paper of its own
    translations = [re.search(r"translation: (\S+:\d+)\]", line) for line in report]
    assert [found[1] for found in translations if found] == [
        f"{given.path}:{line}" for line in given.lines]
    left_out = (f"{given.path}: lines {', '.join(map(str, given.left_out))} left out (no "
                "paper's: the digest's opening or closing words)")
    assert (left_out in report) is bool(given.left_out)
    papers = imported(project)
    alphaone = papers["alphaone-reasoning-models-thinking-slow-and-fast-at-test-time"]
    english = json.loads(day.read_text("utf-8"))[1]["paper"]
    assert alphaone.abstract.primary.text == normalise_abstract(english["summary"])
    assert alphaone.title.secondary == "AlphaOne：推理模型在测试时的快慢思考"
    assert not alphaone.translation_stale
    assert sum(not paper.awaiting_translation for paper in papers.values()) == 3


# -- daily-arXiv-ai-enhanced ------------------------------------------------------------
# A public project that many fork (dw-dengwei/daily-arXiv-ai-enhanced) writes each day of
# arXiv papers as JSON Lines and as Markdown, with a model's readings of each paper in
# Chinese. In its layout of 2025-06, beside them, a model's translation of the abstract
# alone ("AI.translation", "## 摘要翻译:"); later, none, and the English abstract in the
# Markdown ("Abstract: …", wrapped as arXiv wraps it). The fixtures give the first three
# daily papers of 2025-06-02 so.
AI_ENHANCED = FIXTURES / "digests"


@pytest.mark.parametrize("name, translated, left_out, outside", [
    ("daily-arxiv-2025-06-02.md", True, [21, 27, 30, 33, 36, 39], (7, 8, 9)),
    ("daily-arxiv-later-2025-06-02.md", False, [19, 24, 26, 28, 30], (5, 6, 7))])
def test_a_markdown_day_of_daily_arxiv_ai_enhanced_reads(name, translated, left_out, outside):
    """`<div id=toc></div>`, a table of contents, a part per arXiv category, then per paper
    "### [1] [Title](https://arxiv.org/abs/…)", the authors in italics, "Main category:",
    the model's "TL;DR", "<details>" around its readings (motivation, method, result,
    conclusion) and the abstract or its translation. The readings are left out, and the
    TL;DR with them: beside them it is the model's, no editor's note. Before, the file was
    "not valid XML" (it starts with "<") or, without its first line, the readings were
    translated titles and the authors a title."""
    entries, problems, found_outside = read_digest((AI_ENHANCED / name).read_text("utf-8"),
                                                   name, LANGUAGES)
    assert problems == [] and found_outside == outside
    day = [item["paper"] for item in json.loads(
        (FIXTURES / "hf-daily-papers/2025-06-02.json").read_text("utf-8"))[:3]]
    assert [entry.title for entry in entries] == [(normalise_title(paper["title"]), None)
                                                  for paper in day]
    assert [entry.authors for entry in entries] == [
        tuple(author["name"] for author in paper["authors"]) for paper in day]
    assert [entry.keywords for entry in entries] == [("cs.LG",), ("cs.CL",), ("cs.SE",)]
    assert [{link.url for link in entry.links} for entry in entries] == [
        {f"https://arxiv.org/abs/{paper['id']}"} for paper in day]
    newsletter = (AI_ENHANCED / "newsletter-2025-06-02.md").read_text("utf-8")
    chinese = re.findall(r"\*\*摘要：\*\*\n(.+)", newsletter)
    assert [entry.abstract for entry in entries] == [
        (None, translation) if translated else (normalise_abstract(paper["summary"]), None)
        for paper, translation in zip(day, chinese, strict=True)]
    assert {entry.note for entry in entries} == {(None, None)}
    assert list(entries[0].left_out) == left_out


def test_a_forks_json_lines_give_the_models_title_and_key_words(tmp_path, capsys):
    """A fork of daily-arXiv-ai-enhanced (a real day of it) writes arXiv's category as
    "cate" and, in "AI", the model's "title_translation" and "keywords" beside its
    translation of the abstract. Before, all three were left out: the titles awaited a
    translation the file gives, and the key words reached no tag rule."""
    project = make_project(tmp_path / "site", {}, SITE_YAML + (
        "  automata:\n    match: [被动学习]\n  language:\n    match: [cs.CL]\n"))
    path = AI_ENHANCED / "daily-arxiv-fork-2025-06-10_AI_enhanced_Chinese.jsonl"
    assert run(project, "import", str(path)) == 0
    report = capsys.readouterr().out.splitlines()
    assert [line.split("; ")[2:] for line in report[:3]] == [
        ["automata ← '被动学习'", "machine translation]"],
        ["no tag rule fired", "machine translation]"],
        ["language ← 'cs.CL'", "machine translation]"]]
    assert report[3:] == [
        f"{path}: columns left out (no field of a paper file holds them): comment, AI.tldr, "
        "AI.motivation, AI.method, AI.result, AI.conclusion, AI.summary, AI.comments",
        "3 created, 0 updated, 0 skipped; 0 awaiting translation"]
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    for record in records:
        paper = papers[record["id"]]
        assert paper.title.secondary == record["AI"]["title_translation"]
        assert paper.abstract.secondary.text == record["AI"]["translation"]
        assert (paper.translator, paper.title_translator) == ("machine", None)
    assert run(project, "check") == 0


def test_a_field_its_template_left_unfilled_says_nothing():
    """A fork of daily-arXiv-ai-enhanced adds "**AI_Comments:** {ai_comment}" to its
    template, which its script leaves unfilled on every paper (and "**Result:** {results}",
    "> **摘要翻译:** {abstract_translation}"). Before, the line was read as an entry's text:
    the day above, with it before each TL;DR, had the readings of its last paper "with no
    paper of its own"."""
    text = (AI_ENHANCED / "daily-arxiv-2025-06-02.md").read_text("utf-8")
    unfilled = text.replace("## TL;DR: \n", "**AI_Comments:** {ai_comment}\n\n## TL;DR: \n")
    assert unfilled.count("{ai_comment}") == 3
    entries, problems, _ = read_digest(text, "day.md", LANGUAGES)
    found, problems, _ = read_digest(unfilled, "day.md", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.abstract, entry.authors) for entry in found] == [
        (entry.title, entry.abstract, entry.authors) for entry in entries]


def test_a_markdown_day_of_model_translations_goes_into_its_papers(tmp_path, capsys):
    """The 2025-06 layout gives a model's translation of each abstract under the English
    title alone: a translation whose paper comes from another input, found by its arXiv
    id. The titles then await their translation (`translate --pending` makes it)."""
    project = make_project(tmp_path / "site", {})
    digest = AI_ENHANCED / "daily-arxiv-2025-06-02.md"
    assert run(project, "import", str(digest)) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith(
        f"{digest}:16: 3 translations without their papers' abstracts in English")
    day = FIXTURES / "hf-daily-papers/2025-06-02.json"
    assert run(project, "import", "--translation-model", "gemini-2.0-flash", str(day),
               str(digest)) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[-1] == "20 created, 0 updated, 0 skipped; 20 awaiting translation"
    assert [line.endswith("awaiting the title's translation]") for line in report[:3]] == [
        True] * 3
    alphaone = imported(project)["alphaone-reasoning-models-thinking-slow-and-fast-at-test-time"]
    assert alphaone.title.secondary is None and alphaone.awaiting_translation
    assert alphaone.abstract.secondary.text.startswith("本文提出 AlphaOne（α1）")
    assert (alphaone.translator, alphaone.translation_model) == ("machine", "gemini-2.0-flash")
    assert not alphaone.translation_stale
    assert run(project, "check") == 0


@pytest.mark.parametrize("name, translated", [
    ("daily-arxiv-2025-06-02_AI_enhanced_Chinese.jsonl", True),
    ("daily-arxiv-later-2025-06-02_AI_enhanced_Chinese.jsonl", False)])
def test_a_day_of_daily_arxiv_ai_enhanced_as_json_lines_imports(tmp_path, capsys, name,
                                                                 translated):
    """A paper a line: arXiv's id, title, wrapped abstract ("summary"), authors and
    categories, and the model's readings in an object of their own ("AI": tldr,
    motivation, …, and in 2025-06 "translation", of the abstract). Before, JSON Lines with
    an "id" and a "summary" were read as the daily papers' JSON: "not valid JSON … Extra
    data". The readings are left out, the translation is the model's (the command line
    names it), and the titles await theirs."""
    project = make_project(tmp_path / "site", {})
    path = AI_ENHANCED / name
    assert run(project, "import", str(path)) == 0
    report = capsys.readouterr().out.splitlines()
    awaits = "the title's translation" if translated else "translation"
    assert [line.endswith(f"awaiting {awaits}]") for line in report[:3]] == [True] * 3
    assert report[3] == (f"{path}: columns left out (no field of a paper file holds them): abs, "
                         "comment, AI.tldr, AI.motivation, AI.method, AI.result, AI.conclusion"
                         + ", AI.summary" * translated)
    assert report[-1] == "3 created, 0 updated, 0 skipped; 3 awaiting translation"
    papers = imported(project)
    day = [item["paper"] for item in json.loads(
        (FIXTURES / "hf-daily-papers/2025-06-02.json").read_text("utf-8"))[:3]]
    prorl = papers[slug_from_title(normalise_title(day[0]["title"]))]
    assert prorl.abstract.primary.text == normalise_abstract(day[0]["summary"])
    assert prorl.date == dt.date(2025, 6, 2)  # (the file's name gives it)
    assert [author for author in prorl.authors] == [author["name"]
                                                    for author in day[0]["authors"]]
    assert prorl.arxiv == "2505.24864"
    if translated:
        assert prorl.abstract.secondary.text.startswith("以推理为中心的语言模型")
        assert (prorl.translator, prorl.translation_model) == ("machine", None)
    else:
        assert prorl.abstract.secondary is None and prorl.translator is None
    assert run(project, "check") == 0


SCROLL_DAY = FIXTURES / "digests" / "arxiv-daily-scroll-2025-12-16-ai_summary.json"


def test_a_day_of_an_arxiv_fetchers_model_summaries_imports(tmp_path, capsys):
    """`{"papers": [...]}` as arxiv-daily-scroll writes a day (`ai_summary.json`: arXiv's
    fields, "categories" beside "primary_category", the model's "summary_zh" of the
    abstract and "tags_zh", its key phrases). Three real records, their readings cut short.
    Before, import stopped at the header: "2 keywords columns (expected at most one)";
    and "tags_zh" would have been tags that site.yaml does not name. Now both category
    columns and the key phrases are words for the tag rules, and the titles await their
    translation ("headline_zh" is a model's headline, left out)."""
    project = make_project(tmp_path / "site", {}, SITE_YAML + (
        "  robotics:\n    match: [cs.RO]\n  urban:\n    match: [城市建模]\n"))
    assert run(project, "import", str(SCROLL_DAY)) == 0
    report = capsys.readouterr().out.splitlines()
    assert [line.split("; ")[2:] for line in report[:3]] == [
        [tag, "awaiting the title's translation]"] for tag in (
            "robotics ← 'cs.RO'", "urban ← '城市建模'", "robotics ← 'cs.RO'")]
    assert report[3].endswith("columns left out (no field of a paper file holds them): "
                              "updated, comment, matched_interests, relevance_score, "
                              "headline_zh, intro_zh, application_zh, highlight_zh, _index, "
                              "_used_api")  # (not journal_ref, empty in every record)
    records = json.loads(SCROLL_DAY.read_text("utf-8"))["papers"]
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    for record in records:
        paper = papers[record["arxiv_id"].removesuffix("v1")]
        assert paper.title.primary == normalise_title(record["title"])
        assert paper.title.secondary is None
        # (TeX's "55.2\%", which Markdown shows as "55.2%")
        assert paper.abstract.primary.text == normalise_abstract(
            record["summary"]).replace("\\%", "%")
        assert paper.abstract.secondary.text == record["summary_zh"]
        assert paper.authors == tuple(record["authors"])
        assert (str(paper.date), paper.link("pdf")) == ("2025-12-16", record["pdf_url"][:-2])
    assert papers["2512.14696"].tags == ("robotics",)
    assert run(project, "check") == 0


def test_a_records_links_as_objects_and_its_abstracts_tex(tmp_path, capsys):
    """Another fork of the same script (two real records of its day 2025-12-21, their
    readings cut short) lists the code as objects, `"code_links": [{"url": …, "type":
    "github"}]`, and keeps arXiv's abstract with its TeX ("\\textbf{Code}:
    \\url{https://github.com/…}"). Before: "code_links: not a link", and once read, the
    page would have shown the TeX."""
    path = FIXTURES / "digests" / "arxiv-daily-pillars-2025-12-21-ai_summary.json"
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(path)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 created, 0 updated, 0 skipped; 2 awaiting translation")
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    look = papers["2512.17227"]
    assert look.link("code") == "https://github.com/gaozilve-max/learning-when-to-look"
    assert look.abstract.primary.text.endswith(
        "a strategic, grounded reasoner. Code: "
        "https://github.com/gaozilve-max/learning-when-to-look.")
    assert "<strong>Code</strong>" in "".join(look.abstract.primary.html)
    assert papers["2512.17853"].link("code") is None
    assert {str(paper.date) for paper in papers.values()} == {"2025-12-19"}
    assert run(project, "check") == 0


def test_a_github_address_in_a_records_comment_is_the_papers_code(tmp_path, capsys):
    """arXiv's comment in a record ("comment", as arxiv-daily-scroll keeps it; AlphaOne's
    real one) gives the paper's code, as an import from arXiv's API takes it."""
    record = {"title": "AlphaOne: Reasoning Models Thinking Slow and Fast at Test Time",
              "arxiv_id": "2505.24863v1", "summary": "This paper presents AlphaOne.",
              "summary_zh": "本文提出了 AlphaOne。",
              "comment": "Code: https://github.com/ASTRAL-Group/AlphaOne. 24 pages"}
    path = tmp_path / "ai_summary.json"
    path.write_text(json.dumps({"papers": [record]}, ensure_ascii=False), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(path)) == 0
    (paper,) = imported(project).values()
    assert paper.link("code") == "https://github.com/ASTRAL-Group/AlphaOne"


@pytest.mark.parametrize("opening", [
    '<p align="center"><img src="logo.png" width="80"/></p>', "<div id=toc></div>",
    "<!-- written by a script -->"])
def test_a_markdown_digest_that_opens_with_html_is_a_digest(opening):
    """HTML of a Markdown digest's own before its papers (a centred logo, an anchor): a
    digest, and the lines of tags alone are no paper's text. Before, a text that started
    with "<" was read as arXiv's XML: "not valid XML"."""
    lines = [opening, "", "# 论文速递 2025-06-02", ""]
    for title, translated, abstract, translation in sample_papers():
        lines += [f"## {title}", "<details>", "<summary>中文</summary>", "", translated, "",
                  abstract, "", translation, "</details>", ""]
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.abstracts) for record in records] == [
        ((title, translated), (abstract, translation))
        for title, translated, abstract, translation in sample_papers()]


def test_a_line_in_italics_is_a_byline_only_where_it_lists_people():
    """"*Alice Smith, Bob Lee*" under a title names its authors, commas with or without a
    space after them (as arXiv's listing joins them); a title in italics stays a title."""
    (title, translated, abstract, translation), *_ = sample_papers()
    for byline in ["*An Yang, Baosong Yang, Beichen Zhang*", "*An Yang,Baosong Yang,Beichen "
                   "Zhang*", "_An Yang, Baosong Yang, Beichen Zhang_"]:
        text = "\n".join([f"## {title}", byline, translated, abstract, translation])
        (entry,), problems, _ = read_digest(text, "d.md", LANGUAGES)
        assert problems == [] and entry.authors == ("An Yang", "Baosong Yang", "Beichen Zhang")
    text = "\n".join([f"*{title}*", translated, abstract, translation])
    (entry,), problems, _ = read_digest(text, "d.md", LANGUAGES)
    assert problems == [] and entry.title == (title, translated) and entry.authors == ()


def test_a_tldr_is_an_editors_note_unless_a_models_readings_go_with_it():
    """"TL;DR:" is an editor's note in a digest; beside "Motivation:", "Method:" … (a
    model's readings of the paper) it is the model's, and left out with them."""
    (title, translated, abstract, translation), *_ = sample_papers()
    lines = [f"## {title}", translated, "TL;DR: 值得一读。", abstract, translation]
    (entry,), problems, _ = read_digest("\n".join(lines), "d.md", LANGUAGES)
    assert problems == [] and entry.note == (None, "值得一读。") and entry.left_out == ()
    lines.insert(3, "Method: 方法。")
    (entry,), problems, _ = read_digest("\n".join(lines), "d.md", LANGUAGES)
    assert problems == [] and entry.note == (None, None) and entry.left_out == (3, 4)


# Daily digests of arXiv that a family of public scripts ("arXiv Papers Fetcher", forked
# under many names) writes with an OpenAI-compatible model's translations: "## 1. Title",
# "**中文标题**: …", authors, one line of "**Date**: … | **arXiv**: [id](…) | **PDF**:
# [Link](…)", each abstract folded in "<details><summary><b>Abstract</b></summary>", and
# "[翻译失败: …]" where the service refused. The fixtures are written as the script's code
# writes them: the English variant from daily-arXiv-ai-enhanced's papers of 2025-06-02
# (their translations) and a paper of the daily papers of 2025-06-03, whose translation
# failed; the Chinese-labelled variant from the sample digest's four translated papers.
FETCHED = FIXTURES / "digests" / "arxiv-fetcher-2025-06-03.md"
FETCHED_ZH = FIXTURES / "digests" / "arxiv-fetcher-zh-2025-05-16.md"


def test_an_arxiv_fetchers_digest_imports_each_paper_whole(tmp_path, capsys):
    """Before, "**Update Time**: …" and "**Paper Count**: 4" were a paper awaiting its
    translation, the titles kept their numbers ("1-prorl-…"), the line of the date, the
    arXiv id and the PDF started each abstract, the <details> tags were its text, and the
    failed translation was the paper's translation."""
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(FETCHED)) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[-2:] == [
        f"{FETCHED}: lines 3, 5 left out (no paper's: the digest's opening or closing words)",
        "4 created, 0 updated, 0 skipped; 1 awaiting translation"]
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    records = [json.loads(line) for line in (FIXTURES / "digests" / (
        "daily-arxiv-2025-06-02_AI_enhanced_Chinese.jsonl")).read_text("utf-8").splitlines()]
    for record in records:
        paper = papers[record["id"]]
        assert paper.title.primary == normalise_title(record["title"])
        assert paper.abstract.primary.text == " ".join(record["summary"].split())
        assert paper.abstract.secondary.text == record["AI"]["translation"].strip()
        assert paper.authors == tuple(record["authors"][:5])
        assert (str(paper.date), paper.link("pdf")) == (
            "2025-05-30", f"https://arxiv.org/pdf/{record['id']}")
    assert papers["2505.24864"].title.secondary == "ProRL：延长强化学习拓展大语言模型的推理边界"
    assert papers["2505.24864"].link("project") == (
        "https://huggingface.co/nvidia/Nemotron-Research-Reasoning-Qwen-1.5B")
    failed = papers["2506.01939"]
    assert failed.awaiting_translation
    assert (failed.title.secondary, failed.abstract.secondary) == (None, None)
    assert str(failed.date) == "2025-06-02"


def test_an_arxiv_fetchers_digest_with_chinese_labels_imports_each_paper_whole(tmp_path,
                                                                                capsys):
    """"**作者**", "**发布日期**", "**arXiv ID**: [2505.09388](…)", "**PDF**: [下载链接](…)",
    "**类别**", an abstract folded under "摘要 (Abstract)". Before, the abstracts of the
    first paper were "**arXiv ID**: …" and "**类别**: cs.CL", and the second paper's title
    was its line of the arXiv id."""
    project = make_project(tmp_path / "site", {})
    assert run(project, "import", str(FETCHED_ZH)) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[-2:] == [
        f"{FETCHED_ZH}: lines 3, 4, 5 left out (no paper's: the digest's opening or closing "
        "words)",
        "4 created, 0 updated, 0 skipped; 0 awaiting translation"]
    papers = {paper.arxiv: paper for paper in imported(project).values()}
    assert sorted(papers) == ["2505.03335", "2505.09388", "2505.17894", "2505.21497"]
    entries, _, _ = read_digest(SAMPLE_DIGEST.read_text("utf-8"), "s.txt", LANGUAGES)
    sample = {entry.title[0]: (entry.title[1], entry.abstract[0], entry.abstract[1])
              for entry in entries if entry.abstract[1]}
    assert len(sample) == 4
    for paper in papers.values():
        translated, abstract, translation = sample[paper.title.primary]
        assert (paper.title.secondary, paper.abstract.primary.text,
                paper.abstract.secondary.text) == (translated, abstract, translation)
        assert str(paper.date) == "2025-05-15"
        assert paper.link("pdf") == f"https://arxiv.org/pdf/{paper.arxiv}"
    assert papers["2505.09388"].authors == (
        "An Yang", "Anfeng Li", "Baosong Yang", "Beichen Zhang", "Binyuan Hui")


@pytest.mark.parametrize("failed", ["[翻译失败: Recent advances in reasoning-centric...]",
                                    "翻译失败", "【翻译出错】",
                                    "[Translation failed - Claude error]"])
def test_a_translation_that_says_it_failed_is_no_translation(failed):
    """What a script writes where its translation service failed is awaited, not taken
    for the translation; a title translated beside it stays. (In English, "[Translation
    failed …]", it was before "expected the translated abstract … found English".)"""
    (title, translated, abstract, _), *_ = sample_papers()
    text = "\n".join([f"Title: {title}", f"标题：{translated}", f"Abstract: {abstract}",
                      f"摘要：{failed}"])
    (record,), problems = read_records(text, "d.txt", "digest", LANGUAGES)
    assert problems == []
    assert (record.titles, record.abstracts) == ((title, translated), (abstract, None))



@pytest.mark.parametrize("line", [
    "- **arXiv**: [http://arxiv.org/abs/2505.09388v1](http://arxiv.org/abs/2505.09388v1)",
    "- **arXiv**: [Link](http://arxiv.org/abs/2505.09388v1)"])
def test_a_line_of_links_with_a_bullet_in_a_file_of_few_bullets_is_its_entrys(line):
    """As a Jekyll post of arXiv's papers lists each paper's links under its title (the
    address its own link's text), in a file whose other lines have no bullet. Before,
    such a line was the first line of the abstract."""
    (title, translated, abstract, translation), *_ = sample_papers()
    text = "\n".join([f"## {title}", line, "", translated, "", abstract, "", translation])
    (record,), problems = read_records(text, "d.md", "digest", LANGUAGES)
    assert problems == []
    assert (record.arxiv, record.abstracts) == ("2505.09388", (abstract, translation))


@pytest.mark.parametrize("count", ["- 论文数量：3", "- 总论文数：3"])
def test_counts_under_a_heading_of_their_own_are_that_part_s_not_details(count):
    """The newsletter's part of counts ("## 📊 今日论文统计") is left out whole, whatever
    words its count line uses. (A first reading of the fetchers' details above the papers
    took "论文数量：3" there for a detail, and the next line of the part, "热门领域：LLM, RL,
    Reasoning", for the first paper's translated title: every title one paper off.)"""
    text = (FIXTURES / "digests" / "newsletter-2025-06-02.md").read_text("utf-8")
    entries, problems, outside = read_digest(text.replace("- 总论文数：3", count), "n.md",
                                             LANGUAGES)
    assert problems == [] and outside == (5, 6, 58, 61)
    assert [entry.line for entry in entries] == [11, 24, 37]


def test_a_fetchers_folded_analysis_of_each_paper_is_left_out_as_a_models_readings():
    """The scripts' later version folds a model's analysis of the paper after the two
    abstracts ("<details><summary><b>🤖 AI 阅读分析</b></summary>" over "**核心观点**: …",
    "**技术方法**: …" …, in the shape its documentation shows). Before, the analysis was
    the translated abstract's last paragraph, and no problem said so."""
    analysis = ["<details><summary><b>🤖 AI 阅读分析</b></summary>", "",
                "**核心观点**: 延长的强化学习训练能拓展模型的推理边界。",
                "**技术方法**: 引入 KL 散度控制与参考策略重置。",
                "**实验验证**: 在多种 pass@k 评测上优于基础模型。", "", "</details>", ""]
    plain = FETCHED.read_text("utf-8")
    text = plain.replace("</details>\n\n---", "</details>\n\n" + "\n".join(analysis) + "---")
    entries, problems, outside = read_digest(text, "f.md", LANGUAGES)
    expected, _, _ = read_digest(plain, "f.md", LANGUAGES)
    assert problems == [] and outside == (3, 5)
    assert [(entry.title, entry.abstract) for entry in entries] == [
        (entry.title, entry.abstract) for entry in expected]
    assert entries[0].left_out == (33, 34, 35)



def test_a_line_of_model_readings_without_its_paper_is_named_in_words_that_read():
    """Before, "expected the a model's readings of the entry before it"."""
    from bitext.digest import attached_problem
    from bitext.digestlines import Line

    line = Line(4, "动机。", 1.0, label="readings")
    assert attached_problem(line, None, False, "d.md").format() == (
        "d.md:4: a line of model readings with no paper of its own (expected the model "
        "readings of the entry before it, found no entry) — write a paper's model readings "
        "(\"Motivation: …\") after its title")
