"""Digests of the real papers in the shapes editors mix: drawn at random (with a fixed
seed) from a dozen features, each file in one shape, and read whole with every paper's
titles, affiliation and arXiv id; and the shapes that such drawing found read wrong."""

from __future__ import annotations

import random
import textwrap

import pytest

from bitext.config import Language
from bitext.digest import parse_digest, read_digest
from bitext.digestlines import HASHTAGS, title_pair
from bitext.scripts import script_of_language, script_share
from bitext.sources import normalise_title, read_records
from tests.conftest import FIXTURES, SAMPLE_DIGEST
from tests.test_import_sources import (
    CHINESE_ABSTRACTS,
    CHINESE_TITLES,
    LANGUAGES,
    daily_items,
)

# Translated titles and abstracts beyond those of test_import_sources: brackets of their
# own, a colon before an address, a sentence left unended.
TRANSLATED_TITLES = [*CHINESE_TITLES, "「扩散模型」综述", "面向 LLM 的 RL（强化学习）"]
TRANSLATED_ABSTRACTS = [*CHINESE_ABSTRACTS, "我们发布了代码和数据：https://github.com/x/y",
                        "本文提出 GPT-4o（一个多模态模型）的评测。",
                        "我们的方法（见图 1）显著优于基线（p < 0.05）"]
NOTES = ["点评：值得一读。", "推荐理由：方法简单有效", "Note: a must-read.",
         "TL;DR: small model, big gains."]
AFFILIATIONS = ["阿里", "Google DeepMind", "清华大学", "Meta AI; FAIR", "字节跳动 Seed"]
FEATURES = ["blank lines", "numbers", "bold titles", "labels", "affiliations", "arXiv lines",
            "authors", "translation first", "wrapped abstracts", "heading", "notes", "tags",
            "title pairs", "days", "closing words", "Markdown links", "collapsed abstracts",
            "fields on one line", "opening details", "badges"]
BADGES = ["🏆 Paper of the day", "🔥 热门", "【编辑推荐】", "**⭐ Editor's pick**"]


def drawn_digest(rng: random.Random, items: list[dict]) -> tuple[str, list[tuple], dict]:
    """A digest of the papers of `items` in a shape drawn from `FEATURES`, what each
    paper should read as (title, translated title, affiliation, arXiv id), and the shape."""
    shape = {feature: rng.random() < 0.4 for feature in FEATURES}
    if shape["labels"]:
        shape["bold titles"] = shape["title pairs"] = False
    if shape["title pairs"]:
        shape["translation first"] = False
    if shape["notes"] and len(items) == 1:
        # (the only note of a file, then a blank line and a line: its paragraph out of its
        # place, or closing words, is a problem: see test_import_sources)
        shape["closing words"] = False
    if shape["collapsed abstracts"]:
        # (as arXiv fetchers' scripts fold them, with a blank line around each part)
        shape["labels"] = shape["wrapped abstracts"] = shape["title pairs"] = False
        shape["blank lines"] = True
    lines = ["# 2025-06 论文速递", ""] if shape["heading"] else []
    if shape["opening details"]:
        lines += ["**Update Time**: 2025-06-03 08:14:52", "", f"**Paper Count**: {len(items)}",
                  "", "---", ""]
    expected = []
    first = shape["translation first"]
    for number, item in enumerate(items):
        paper = item["paper"]
        title, abstract = normalise_title(paper["title"]), " ".join(paper["summary"].split())
        # (first, a translated title that no English one could be, nor a note's next
        # paragraph: one with more Latin words than Chinese, "GPT-4o 与 Transformer 的
        # Scaling Law", is read as the entry's English title there, and one that ends as a
        # sentence, "基于 $x^2$ 的方法。", right under a note, as the note's)
        translated = (rng.choice([text for text in TRANSLATED_TITLES if not first or (
                                  script_share(text, SECONDARY) >= 0.5
                                  and not text.endswith("。"))]),
                      rng.choice(TRANSLATED_ABSTRACTS))
        affiliation = rng.choice(AFFILIATIONS) if shape["affiliations"] else None
        parts = [title, translated[0], abstract, translated[1]]
        if shape["title pairs"]:
            parts[0] = f"{title} | {translated[0]}"
        lead = 1 if first else 0  # (the entry's first line is numbered, or bold)
        if shape["numbers"]:
            parts[lead] = f"{number + 1}. {parts[lead]}"
        if shape["bold titles"]:
            parts[lead] = f"**{parts[lead]}**"
        if shape["labels"]:
            parts = [f"Title: {parts[0]}", f"标题：{parts[1]}", f"Abstract: {abstract}",
                     f"摘要：{translated[1]}"]
        elif shape["wrapped abstracts"]:
            parts[2] = "\n".join(textwrap.wrap(abstract, 80))
        if shape["collapsed abstracts"]:
            parts[2] = f"<details><summary><b>Abstract</b></summary>\n\n{abstract}\n\n</details>"
            parts[3] = ("<details>\n<summary><b>中文摘要</b></summary>\n\n"
                        f"{translated[1]}\n\n</details>")
        heads = [parts[0], *([f"机构：{affiliation}"] if affiliation else [])]
        if shape["title pairs"]:
            entry = [*heads, parts[2], parts[3]]
        elif first:
            entry = [parts[1], *heads, parts[3], parts[2]]
        else:
            entry = [*heads, parts[1], parts[2], parts[3]]
        if shape["authors"]:
            entry.insert(1, "Authors: " + ", ".join(a["name"] for a in paper["authors"][:3]))
        if shape["tags"]:
            entry.append("Tags: llm, reasoning")
        if shape["notes"]:
            entry.append(rng.choice(NOTES))
        if shape["arXiv lines"] and shape["fields on one line"]:
            entry.insert(1, f"**Date**: 2025-06-02 | **arXiv**: [{paper['id']}]"
                            f"(http://arxiv.org/abs/{paper['id']}v1) | **PDF**: [Link]"
                            f"(http://arxiv.org/pdf/{paper['id']}v1)")
        elif shape["arXiv lines"]:
            entry.append(f"[arXiv](https://arxiv.org/abs/{paper['id']}) | "
                         f"[PDF](https://arxiv.org/pdf/{paper['id']})"
                         if shape["Markdown links"] else f"arXiv: {paper['id']}")
        if shape["badges"]:  # (over the entry, or under its first line)
            entry.insert(number % 2, rng.choice(BADGES))
        if shape["days"] and number % 2 == 0:
            lines += [f"## 2025-06-0{number // 2 + 1}", ""]
        if shape["collapsed abstracts"]:  # (a blank line after every line and a rule after
            # every entry, as they write)
            entry = [part for line in entry for part in (line, "")] + ["---"]
        lines += entry + ([""] if shape["blank lines"] else [])
        expected.append((title, translated[0], affiliation,
                         paper["id"] if shape["arXiv lines"] else None))
    if shape["closing words"]:
        lines += ["", "以上就是今天的论文，欢迎关注！"]
    return "\n".join(lines), expected, shape


def test_digests_drawn_in_mixed_shapes_read_whole():
    """400 digests of one to six real papers, each in a shape drawn from the features
    editors mix. Before this test, 100 of them failed or read wrong (158 before the fixes
    of bold labels of links and of a Chinese sentence before an address): a "Title | 标题"
    line over a wrapped abstract, a heading over translation-first entries, closing words
    after several notes, links after an unended abstract. With the shapes of arXiv
    fetchers' scripts added (abstracts folded in <details>, a line of "**Date**: … |
    **arXiv**: … | **PDF**: …", "**Update Time**: …" above the papers), 212 failed. With
    newsletters' badges over or under an entry's first line added, the 171 digests drawn
    with them failed before badges were read as such."""
    items = [item for _, item in daily_items()]
    rng = random.Random(2026)
    wrong = []
    for _ in range(400):
        count = rng.randint(1, 6)
        start = rng.randrange(0, len(items) - count)
        text, expected, shape = drawn_digest(rng, items[start:start + count])
        records, problems = read_records(text, "digest.txt", "digest", LANGUAGES)
        found = [(r.titles[0], r.titles[1], r.affiliation, r.arxiv) for r in records]
        if problems or found != expected:
            wrong.append(([name for name, on in shape.items() if on], problems[:1]))
    assert wrong == []


SECONDARY = script_of_language("zh-Hans")


@pytest.mark.parametrize("line, pair", [
    ("Qwen3 Technical Report | 面向 LLM 的 RL（强化学习）",
     ("Qwen3 Technical Report", "面向 LLM 的 RL（强化学习）")),
    ("Qwen3 Technical Report（Qwen3 技术报告）", ("Qwen3 Technical Report", "Qwen3 技术报告")),
    ("CRAG -- Comprehensive RAG Benchmark — CRAG 综合基准",
     ("CRAG -- Comprehensive RAG Benchmark", "CRAG 综合基准"))])
def test_a_title_pair_parts_where_its_first_part_is_the_least_translated(line, pair):
    """Before, the brackets that end the translation took the place of the bar: "Qwen3
    Technical Report | 面向 LLM 的 RL" and "强化学习"."""
    assert title_pair(line, SECONDARY) == pair


def chinese_numeral(number: int) -> str:
    """1–99 as Chinese numerals: 一, 十, 十二, 二十一."""
    digits = "一二三四五六七八九"
    tens, ones = divmod(number, 10)
    return ((digits[tens - 1] if tens > 1 else "") + ("十" if tens else "")
            + (digits[ones - 1] if ones else ""))


def real_entries(count: int, title_line: str, labels: tuple[str, str] = ("", ""),
                 indent: str = "") -> tuple[str, list[dict], list[tuple[str, str]]]:
    """The first `count` real papers as a digest's entries, each its title's line (or
    lines) as `title_line` writes it (from `title`, `translated`, `id`, `number` from 1,
    `numeral` the same in Chinese numerals, `n` from 0), then its abstract, the translated
    abstract (after `labels`) and a blank line; the papers, and the pair of titles each
    should read as."""
    papers = [item["paper"] for _, item in daily_items()[:count]]
    lines, titles = [], []
    for n, paper in enumerate(papers):
        title = normalise_title(paper["title"])
        translated = CHINESE_TITLES[n % len(CHINESE_TITLES)]
        lines += [title_line.format(title=title, translated=translated, id=paper["id"],
                                    number=n + 1, n=n, numeral=chinese_numeral(n + 1)),
                  indent + labels[0] + " ".join(paper["summary"].split()),
                  indent + labels[1] + CHINESE_ABSTRACTS[n % len(CHINESE_ABSTRACTS)], ""]
        titles.append((title, translated))
    return "\n".join(lines), papers, titles


@pytest.mark.parametrize("title_line", [
    "{title} // {translated}", "{title} <br> {translated}", "{title}\t{translated}",
    "{title}（{translated}）"])
def test_a_title_pair_on_one_line_reads_as_the_pair_in_each_parting(title_line):
    """Real titles over their translations, which hold marks of their own
    ("绝对零：零数据强化自博弈推理", "GAN 已死；GAN 万岁！"). (A full-width colon parts
    none: "ProRL：延长强化学习…" is a translated title alone, tested with
    translations-20250602.md.)"""
    text, _, titles = real_entries(18, title_line)
    entries, problems = parse_digest(text, "pairs.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles


@pytest.mark.parametrize("title_line", [
    "Title: {title}（{translated}）", "Paper {number}: {title} ({translated})",
    "标题：{title} | {translated}", "{number}. Title: {title} / {translated}"])
@pytest.mark.parametrize("labels", [("", ""), ("EN: ", "ZH: ")])
def test_a_labelled_title_pair_reads_as_the_title_and_its_translation(title_line, labels):
    """A title and its translation on the line of a title's label (before, such a line
    read as one title in both scripts, and the digest with a problem at every entry),
    over abstracts with or without their labels ("EN: …", "ZH: …")."""
    text, _, titles = real_entries(12, title_line, labels)
    entries, problems = parse_digest(text, "pairs.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles


@pytest.mark.parametrize("title_line", [
    "- **{title}** [[Paper](https://arxiv.org/abs/{id})] [[Code](https://github.com/a/{n})]",
    "- [{title}](https://arxiv.org/abs/{id}) ([Code](https://github.com/a/{n}))",
    "**{title}** [[arXiv]](https://arxiv.org/abs/{id}) "
    "[![Stars](https://img.shields.io/github/stars/a/{n}.svg)](https://github.com/a/{n})",
    "{title} [PDF](https://arxiv.org/pdf/{id}) | [Code](https://github.com/a/{n})"])
def test_a_title_with_its_links_on_its_line_as_lists_of_papers_write_it(title_line):
    """Lists of papers (GitHub's "awesome" lists, Markdown digests) give a title's links
    after it on its line, in brackets or as a badge: before, the links stayed in the title
    ("**[Title](…)** [[Code](…)]" was the title), and the paper had none."""
    text, papers, titles = real_entries(8, title_line + "\n  {translated}", indent="  ")
    records, problems = read_records(text, "list.md", "digest", LANGUAGES)
    assert problems == []
    assert [(record.titles, record.arxiv, record.links["code"]) for record in records] == [
        (pair, paper["id"], f"https://github.com/a/{n}")
        for n, (pair, paper) in enumerate(zip(titles, papers, strict=True))]


@pytest.mark.parametrize(("title_line", "venue", "year"), [
    ("- **{title}** (ICLR 2025) [[Paper](https://arxiv.org/abs/{id})]", "ICLR 2025", 2025),
    ("[NeurIPS 2024 Oral] {title}", "NeurIPS 2024 Oral", 2024),
    ("{title} [CVPR'24]", "CVPR'24", 2024),
    ("- [{title}](https://arxiv.org/abs/{id}) (ACL 2025 Findings)", "ACL 2025 Findings", 2025),
    ("{title}（EMNLP 2024）", "EMNLP 2024", 2024)])
def test_a_title_tagged_with_its_venue_gives_the_paper_its_venue(title_line, venue, year):
    """Lists of papers tag titles with where they were published: before, the tag stayed
    in the title, and the paper had no venue."""
    text, _, titles = real_entries(6, title_line + "\n{translated}")
    records, problems = read_records(text, "list.md", "digest", LANGUAGES)
    assert problems == []
    assert [(record.titles, record.venue, record.year) for record in records] == [
        (pair, venue, year) for pair in titles]


def test_brackets_of_no_venue_stay_in_the_title():
    from bitext.digest import TITLE_VENUE

    for title in ["Qwen2.5-VL (GPT-4o 2024)", "Attention Is All You Need (ICLR)",
                  "[CLS] Token Is All You Need", "A Survey of RSS (Really Simple)"]:
        assert TITLE_VENUE.fullmatch(title) is None, title


def test_a_text_that_ends_with_one_link_of_its_words_keeps_it():
    """An abstract's line that ends with a link of other words, or a line of links after
    its label, is no title with its links."""
    from bitext.digestlines import title_and_links

    assert title_and_links("Our code is released [here](https://github.com/a/b)") is None
    assert title_and_links("Code: [GitHub](https://github.com/a/b)") is None
    assert title_and_links("See [the paper](https://arxiv.org/abs/2505.09388)") is None
    assert title_and_links("**Qwen3** [[Code](https://github.com/a/b)]") == (
        "**Qwen3**", "[Code](https://github.com/a/b)")


def test_a_digest_of_one_bulleted_entry_loses_its_bullet():
    text = ("- **Qwen3 Technical Report**\n  Qwen3 技术报告\n  In this work, we present Qwen3."
            "\n  在本工作中，我们推出了 Qwen3。\n")
    (record,), problems = read_records(text, "one.md", "digest", LANGUAGES)
    assert problems == []
    assert record.titles == ("Qwen3 Technical Report", "Qwen3 技术报告")


@pytest.mark.parametrize("numbered", ["{number}.{title}", "{number}．{title}", "#{number} {title}",
                                      "No.{number} {title}", "【{number}/12】{title}",
                                      "{number}/12 {title}", "Paper {number}/12: {title}"])
def test_titles_numbered_in_other_ways_lose_their_numbers(numbered):
    """"1.Title" without a space (as Chinese documents write it: "1.58-bit LLMs" is no
    number), "#1 ", "No.1 ", and a count of the day's papers, "【1/12】", "1/12 ": before,
    the number stayed in every title."""
    text, _, titles = real_entries(12, numbered + "\n{translated}")
    entries, problems = parse_digest(text, "numbered.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles


def test_titles_that_start_with_a_decimal_keep_it():
    """"1.58-bit LLMs", "2.5D …", "3.5 Sonnet …": numbers that happen to count the
    entries, but before digits (and a space), are no entry's numbers."""
    text, _, _ = real_entries(3, "{title}\n{translated}")
    for number, decimal in enumerate(["1.58-bit LLMs Are Enough", "2.5D Vision Models Work",
                                      "3.5 Sonnet Tells All"]):
        text = text.replace(real_entries(3, "{title}")[2][number][0], decimal)
    entries, problems = parse_digest(text, "decimals.txt", LANGUAGES)
    assert problems == []
    assert [entry.title[0] for entry in entries] == [
        "1.58-bit LLMs Are Enough", "2.5D Vision Models Work", "3.5 Sonnet Tells All"]


@pytest.mark.parametrize("parting", [" - arXiv:", " | arXiv ", " — arXiv: "])
def test_an_arxiv_id_after_a_title_parted_by_a_dash_or_a_bar_is_its_id(parting):
    text, papers, titles = real_entries(6, "{title}" + parting + "{id}\n{translated}")
    records, problems = read_records(text, "ids.md", "digest", LANGUAGES)
    assert problems == []
    assert [(record.titles, record.arxiv) for record in records] == [
        (pair, paper["id"]) for pair, paper in zip(titles, papers, strict=True)]


@pytest.mark.parametrize("numbered", ["{numeral}、{title}", "（{numeral}）{title}",
                                      "{numeral}、标题：{title}"])
def test_titles_numbered_in_chinese_numerals_lose_their_numbers(numbered):
    """"一、Title", "（十二）Title", as Chinese documents number their parts: before, the
    number stayed in every title ("一、Bootstrapping Language Models …")."""
    text, _, titles = real_entries(12, numbered + "\n{translated}")
    entries, problems = parse_digest(text, "numbered.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles


@pytest.mark.parametrize("contents", [[], ["## 目录", "{number}. {title}"],
                                      ["## Contents", "- [{title}](#{number})"]])
@pytest.mark.parametrize("file_heading", ["# 今日论文", ""])
def test_a_files_heading_and_its_contents_above_the_papers_are_no_papers(
        file_heading, contents):
    """A Markdown digest titled by a heading above its papers' ("# 今日论文" over "## 1.
    Title" / "### 标题"), perhaps with a table of contents that repeats the titles: before,
    the heading was read as the first paper's title ("expected the title … '今日论文'")."""
    text, _, titles = real_entries(6, "## {number}. {title}\n### {translated}")
    top = [file_heading] if file_heading else []
    if contents:
        top += [contents[0], *(contents[1].format(number=number, title=title) for number,
                               (title, _) in enumerate(titles, start=1)), "", "---"]
    entries, problems, outside = read_digest("\n\n".join(top) + "\n\n" + text,
                                             "daily.md", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles
    assert len(outside) == len(top) - 2 * bool(contents)  # (a blank and a rule: no text)


def test_only_plain_lines_that_repeat_a_later_headings_title_are_contents():
    """A labelled line ("Title: …"), a line of links or a heading is no line of contents,
    whatever heading comes after it."""
    from bitext.digest import without_contents
    from bitext.digestlines import read_lines
    from bitext.scripts import script_of_language

    text = ("Title: Qwen3 Technical Report\n\n[Code](https://github.com/QwenLM/Qwen3)\n\n"
            "## Code\n\n## Qwen3 Technical Report\n")
    lines = read_lines(text, script_of_language("zh-Hans"))
    assert without_contents(lines) == (lines, ())


def test_a_models_readings_as_a_list_under_their_label_are_left_out():
    """"**核心贡献**：" over the items of a list, under each paper's abstracts, as Chinese
    digests give a model's analysis: before, the items after the first were read as the
    next paper's lines, and every title one paper off."""
    text, _, titles = real_entries(6, "### {title}\n**{translated}**")
    text = text.replace("\n\n", "\n\n**一句话总结**：提出了一种新方法。\n\n**核心贡献**：\n"
                        "- 提出了新框架\n- 在多个基准上取得最优\n1. 开源了代码\n\n")
    records, problems = read_records(text, "analysis.md", "digest", LANGUAGES)
    assert problems == []
    assert [record.titles for record in records] == titles
    # (the summary, the label, its three items, each line named; the last paper has none)
    assert [len(record.left_out) for record in records] == [5, 5, 5, 5, 5, 0]
    label_and_items = records[0].left_out[1:]  # (after the summary and a blank line)
    assert label_and_items == tuple(range(label_and_items[0], label_and_items[0] + 4))


@pytest.mark.parametrize("labels", [("Abstract", "摘要"), ("English Abstract", "中文摘要")])
def test_labels_alone_on_plain_lines_say_what_follows(labels):
    """A web page copied as text gives the labels of abstracts on lines of their own,
    without a colon, bold or a heading's marks: before, "Abstract" read as a paper's
    affiliation, and every entry had a problem. (A title's label so, "标题", may be a
    title: not read as a label.)"""
    items = [item["paper"] for _, item in daily_items()[:8]]
    lines = []
    for number, paper in enumerate(items):
        lines += [normalise_title(paper["title"]),
                  CHINESE_TITLES[number % len(CHINESE_TITLES)], "", labels[0], "",
                  " ".join(paper["summary"].split()), "", labels[1], "",
                  CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], "", "---", ""]
    entries, problems = parse_digest("\n".join(lines), "copied.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.abstract[1], entry.affiliation) for entry in entries] == [
        ((normalise_title(paper["title"]), CHINESE_TITLES[number % len(CHINESE_TITLES)]),
         CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], None)
        for number, paper in enumerate(items)]


def test_title_pairs_over_wrapped_abstracts_read_as_pairs():
    """"Title | 标题" over an abstract in arXiv's lines: before, the lines also read whole
    with the pair as one title, each entry's title the first line of its abstract."""
    items = [item["paper"] for _, item in daily_items()[:3]]
    lines = []
    for number, paper in enumerate(items):
        lines += [f"{normalise_title(paper['title'])} | {CHINESE_TITLES[number]}",
                  *textwrap.wrap(" ".join(paper["summary"].split()), 80),
                  CHINESE_ABSTRACTS[number], ""]
    entries, problems = parse_digest("\n".join(lines), "pairs.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == [
        (normalise_title(paper["title"]), CHINESE_TITLES[number])
        for number, paper in enumerate(items)]


def test_closing_words_after_the_last_of_several_notes_are_left_out():
    """Each entry with its note, and the digest's closing words: before, the words were
    a problem (the last note's paragraph out of its place, which they are after the only
    note of a file)."""
    text = "\n".join([
        "Qwen3 Technical Report", "Qwen3 技术报告", "We present Qwen3.", "我们推出了 Qwen3。",
        "点评：值得一读。", "", "Absolute Zero: Reinforced Self-play Reasoning with Zero Data",
        "绝对零：零数据强化自博弈推理", "We propose a new paradigm.", "我们提出了新范式。",
        "点评：方法简单有效。", "", "以上就是今天的论文，欢迎关注！"])
    records, problems = read_records(text, "day.txt", "digest", LANGUAGES)
    assert problems == []
    assert [(r.note[1], r.left_out_outside) for r in records] == [
        ("值得一读。", (13,)), ("方法简单有效。", (13,))]


@pytest.mark.parametrize("count", [1, 3])
def test_a_heading_over_translation_first_entries_is_the_files(count):
    """"# 2025-06 论文速递" over entries whose translated title comes first: before, it read
    as the first entry's translated title, and that title as its affiliation."""
    items = [item["paper"] for _, item in daily_items()[:count]]
    lines = ["# 2025-06 论文速递", ""]
    for number, paper in enumerate(items):
        lines += [CHINESE_TITLES[number], normalise_title(paper["title"]),
                  CHINESE_ABSTRACTS[0], " ".join(paper["summary"].split()), ""]
    entries, problems = parse_digest("\n".join(lines), "day.md", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.affiliation) for entry in entries] == [
        ((normalise_title(paper["title"]), CHINESE_TITLES[number]), None)
        for number, paper in enumerate(items)]


@pytest.mark.parametrize("translated", ["GPT-4o 与 Transformer 的 Scaling Law", "Qwen3 技术报告"])
def test_a_heading_over_one_title_pair_is_the_files(translated):
    """"# 2025-06 论文速递" over one entry whose first line is "Title | 标题": before, of the
    pairs' readings, the first to read without a problem won, the heading as the translated
    title over a title taken from the translation ("GPT-4o 与 Transformer 的 Scaling Law"
    reads as either language) and an affiliation taken from the title, an error."""
    paper = daily_items()[0][1]["paper"]
    title = normalise_title(paper["title"])
    text = "\n".join(["# 2025-06 论文速递", "", f"{title} | {translated}",
                      " ".join(paper["summary"].split()), CHINESE_ABSTRACTS[0]])
    entries, problems = parse_digest(text, "day.md", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.affiliation) for entry in entries] == [((title, translated),
                                                                        None)]


def test_a_title_pair_that_ends_as_a_sentence_under_a_note_is_the_next_entry():
    """In a file without blank lines, a note, then the next entry's "Quantitative LLM Judges |
    基于 $x^2$ 的方法。": a short title, so the pair has more Chinese than English, and it
    ends with a full stop. It read as the note's next paragraph, and the file with no
    title pairs as a problem."""
    papers = {normalise_title(item["paper"]["title"]): item["paper"]
              for _, item in daily_items()}
    titles = [("Adapt before Continual Learning", "Qwen3 技术报告"),
              ("Quantitative LLM Judges", "基于 $x^2$ 的方法。")]
    notes = [("推荐理由：方法简单有效", (None, "方法简单有效")),
             ("TL;DR: small model, big gains.", ("small model, big gains.", None))]
    lines = []
    for number, (title, translated) in enumerate(titles):
        lines += [f"{title} | {translated}", " ".join(papers[title]["summary"].split()),
                  CHINESE_ABSTRACTS[number], notes[number][0]]
    entries, problems = parse_digest("\n".join(lines), "day.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.note) for entry in entries] == [
        (pair, note) for pair, (_, note) in zip(titles, notes, strict=True)]


@pytest.mark.parametrize("title_line", [
    "{translated}（{title}）", "**{translated}**（{title}）", "{number}. {translated} ({title})",
    "### {translated} | {title}", "{translated}《{title}》"])
def test_a_translated_title_with_its_title_after_it_reads_as_the_pair(title_line):
    """Chinese digests name a paper by its translated title, the title after it in
    brackets: each real title and its translation (before, the line read as one title in
    both scripts, and the digest as a problem at every entry)."""
    text, _, titles = real_entries(18, title_line)
    entries, problems = parse_digest(text, "pairs.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles


def test_a_translated_title_that_ends_with_a_terms_letters_stays_whole():
    """"检索增强生成（RAG）", "大模型推理综述（LLM Reasoning）": a term in brackets after a
    translated title alone, under its title, is no title of its own."""
    translations = ["检索增强生成（RAG）", "大模型推理综述（LLM Reasoning）"]
    text, _, titles = real_entries(2, "{title}")
    lines = text.split("\n")
    lines[0], lines[4] = (f"{lines[0]}\n{translations[0]}", f"{lines[4]}\n{translations[1]}")
    entries, problems = parse_digest("\n".join(lines), "terms.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == [
        (title, translated) for (title, _), translated in zip(titles, translations,
                                                              strict=True)]


def test_a_translated_title_between_title_marks_loses_them():
    """"《Qwen3 技术报告》": Chinese marks a work's title so; the translated title is
    what is inside (one that holds other marks, "基于《论语》的…", keeps them)."""
    text, _, titles = real_entries(9, "{title}\n《{translated}》")
    records, problems = read_records(text, "marks.txt", None, LANGUAGES)
    assert problems == []
    assert [record.titles for record in records] == titles
    marked = text.replace("《Qwen3 技术报告》", "基于《论语》的《Qwen3》")
    records, problems = read_records(marked, "marks.txt", None, LANGUAGES)
    assert "基于《论语》的《Qwen3》" in [record.titles[1] for record in records]


def test_titles_numbered_by_keycaps_lose_them():
    """"1️⃣ Title" … "🔟 Title", as posts number a day's ten papers."""
    keycaps = [f"{number}\ufe0f\u20e3" for number in range(1, 10)] + ["\U0001f51f"]
    text, _, titles = real_entries(10, "@{n}@ {title}\n{translated}")
    for n, keycap in enumerate(keycaps):
        text = text.replace(f"@{n}@ ", f"{keycap} ")
    entries, problems = parse_digest(text, "keycaps.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles


def sample_shaped(count: int, affiliations: list[str | None]) -> tuple[list[list[str]], list]:
    """Real papers in the sample digest's shape, each entry's lines: its title, its
    affiliation (when it has one), the translated title, the abstract on one line and a
    real translated abstract (the sample's, hundreds of characters)."""
    sample = (FIXTURES / "digests" / "hf-papers-2025-05.txt").read_text("utf-8").splitlines()
    translated = [line for line in sample if len(line) > 200 and script_share(
        line, SECONDARY) > 0.5]
    papers = [item["paper"] for _, item in daily_items()[:count]]
    entries = []
    for n, paper in enumerate(papers):
        affiliation = affiliations[n % len(affiliations)]
        entries.append([normalise_title(paper["title"]), *([affiliation] if affiliation else []),
                        TRANSLATED_TITLES[n % len(TRANSLATED_TITLES)],
                        " ".join(paper["summary"].split()), translated[n % len(translated)]])
    return entries, papers


def test_a_translated_title_missing_under_a_chinese_affiliation_is_a_problem():
    """The sample's shape (title / 阿里 / 中文标题 / abstract / 摘要) with one translated
    title left out: the entry read whole with "阿里" as its translated title, nothing
    said. Now a problem at that line asks whether the translation is missing."""
    entries, _ = sample_shaped(8, ["阿里", "Google DeepMind", "清华大学", None])
    complete, problems = parse_digest("\n".join(sum(entries, [])), "d.txt", LANGUAGES)
    assert problems == [] and [entry.affiliation for entry in complete][:3] == [
        "阿里", "Google DeepMind", "清华大学"]
    for missing in (0, 2):
        lines = sum(entries[:missing], []) + [entries[missing][0], entries[missing][1],
                                              *entries[missing][3:]] + sum(
            entries[missing + 1:], [])
        _, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
        at = sum(map(len, entries[:missing])) + 2
        assert [(problem.line, problem.message) for problem in problems] == [
            (at, "a translated title that reads as an affiliation")]
        assert f'"机构：{entries[missing][1]}"' in problems[0].hint


def test_a_translated_abstract_missing_above_a_mostly_latin_title_is_a_problem():
    """A translated abstract left out above an entry whose translated title is mostly
    Latin ("GPT-4o 与 Transformer 的 Scaling Law"): that entry's lines read as the
    abstract's, and the entry was lost. Now a problem names its title's line."""
    entries, _ = sample_shaped(8, ["Google DeepMind", None])
    latin = TRANSLATED_TITLES.index("GPT-4o 与 Transformer 的 Scaling Law")
    assert entries[latin][-3] == "GPT-4o 与 Transformer 的 Scaling Law"
    for blank in ([], [""]):  # (entries one under the other, or a blank line between)
        lines = [line for n, entry in enumerate(entries) for line in (
            entry[:-1] if n == latin - 1 else entry) + blank]
        _, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
        title_line = lines.index(entries[latin][0]) + 1
        assert (title_line, "a title within an abstract") in [
            (problem.line, problem.message) for problem in problems]


ENGLISH_AFFILIATIONS = ["Google DeepMind", "ByteDance Seed", "Shanghai AI Lab", "Meta FAIR"]


def test_titles_under_headings_over_an_english_affiliation_in_every_entry():
    """"## Title" / "Google DeepMind" / "**标题**" / abstract / 摘要 in every entry read
    as well with the headings left out: each affiliation was the title, and the titles
    were lost. Of two such readings, the one whose titles name no organisations."""
    entries, papers = sample_shaped(6, ENGLISH_AFFILIATIONS)
    lines = [line for title, affiliation, translated, abstract, chinese in entries
             for line in (f"## {title}", affiliation, f"**{translated}**", "", abstract, "",
                          chinese, "", "---", "")]
    found, problems = parse_digest("\n".join(lines), "d.md", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.affiliation) for entry in found] == [
        ((title, translated), affiliation)
        for title, affiliation, translated, _, _ in entries]


def test_an_affiliation_after_both_titles_is_the_affiliation():
    """"Title" / "标题" / "清华大学", and "标题" / "Title" / "ByteDance Seed": the
    affiliation read as the title of its language, the title as the affiliation."""
    entries, _ = sample_shaped(8, ["清华大学", "阿里", None])
    lines = [line for entry in entries for line in (
        [entry[0], entry[2], entry[1], *entry[3:]] if len(entry) == 5 else entry)]
    found, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.affiliation) for entry in found] == [
        ((entry[0], entry[-3]), entry[1] if len(entry) == 5 else None) for entry in entries]
    entries, _ = sample_shaped(8, ENGLISH_AFFILIATIONS[:2] + [None])
    lines = [line for entry in entries for line in (
        [entry[-3], entry[0], *entry[1:-3], entry[-1], entry[-2]])]
    found, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
    assert problems == []
    assert [(entry.title, entry.affiliation) for entry in found] == [
        ((entry[0], entry[-3]), entry[1] if len(entry) == 5 else None) for entry in entries]


def test_an_affiliation_read_as_an_abstract_is_a_problem():
    """An affiliation after both titles, above an abstract that is missing: the
    affiliation was the abstract ("Meta FAIR"), or its first line, joined to the next
    entry's ("Meta FAIR Recent advances …"), and nothing said."""
    entries, _ = sample_shaped(6, ENGLISH_AFFILIATIONS)
    lines = []
    for number, (title, affiliation, translated, abstract, chinese) in enumerate(entries):
        lines += [f"**{number + 1}. {title}**", translated, affiliation,
                  *([abstract] if number != 3 else []), chinese, ""]
    _, problems = parse_digest("\n".join(lines), "d.txt", LANGUAGES)
    assert problems, "a missing abstract read without a word"
    assert {problem.message for problem in problems} <= {
        "an affiliation read as an abstract", "a title within an abstract"}
    assert lines.index(entries[3][1]) + 1 in {problem.line for problem in problems}


@pytest.mark.parametrize("line, names", [
    ("Google DeepMind", True), ("ByteDance Seed", True), ("Meta FAIR", True),
    ("Shanghai AI Lab", True), ("Stanford University", True), ("清华大学", True),
    ("阿里巴巴集团、清华大学", True), ("字节跳动 Seed", True),
    ("Qwen3 Technical Report", False), ("DeepSeek-V3 Technical Report", False),
    ("Meta Reinforcement Learning", False), ("Are We Done with MMLU?", False),
    ("智能体实验室：使用大模型智能体作为研究助理", False), ("一。大学", False)])
def test_a_line_that_names_organisations(line, names):
    """What may be exchanged with a title, or named as an affiliation read as a title or an
    abstract: not a company's model's report ("Qwen3 Technical Report": before, "qwen",
    an organisation's word, made it one)."""
    from bitext.digestlines import names_organisations

    assert names_organisations(line) is names


def test_titles_quoted_whole_in_every_entry_lose_their_quotes():
    """"\"Title\"" and "“标题”" in every entry: the digest's way of writing a title (before,
    the quotes were the titles' and named the files). A title that quotes its own words
    keeps them, "“少即是多”：长上下文推理" inside its marks too; and where one title is
    not quoted whole, none loses its marks."""
    text, _, titles = real_entries(12, '"{title}"\n“{translated}”')
    entries, problems = parse_digest(text, "quoted.txt", LANGUAGES)
    assert problems == []
    assert [entry.title for entry in entries] == titles
    assert "“少即是多”：长上下文推理" in [translated for _, translated in titles]
    first = titles[0][0]
    mixed = text.replace(f'"{first}"', f'"Why Should I Trust You?": {first}', 1)
    entries, problems = parse_digest(mixed, "quoted.txt", LANGUAGES)
    assert problems == []
    assert entries[0].title[0] == f'"Why Should I Trust You?": {first}'
    assert entries[1].title[0] == f'"{titles[1][0]}"'


def test_obsidian_callouts_label_the_quoted_parts_they_begin():
    """A daily note of Obsidian (and GitHub's alerts): each paper's parts in callouts,
    "> [!abstract]- Abstract" over the quoted abstract, "> [!tldr] 中文摘要" over its
    translation, "> [!info]- 论文信息" over its fields. The callout's title names the
    field, else its kind does ("> [!abstract]"); one that names none ("[!info]") is no
    paper's text. Before, "[!abstract]- Abstract" began the abstract and "[!tldr] 中文摘要"
    the translation, nothing said."""
    papers = [item["paper"] for _, item in daily_items()[:6]]
    lines = ["---", "date: 2025-06-02", "---", "", "# 论文日报 2025-06-02", ""]
    for n, paper in enumerate(papers):
        titled = n % 2 == 0  # (the others' callouts name their kind alone)
        lines += [f"## {n + 1}. {normalise_title(paper['title'])}", "",
                  "> [!info]- 论文信息",
                  f"> - **中文标题**：{TRANSLATED_TITLES[n]}",
                  f"> - **作者**：{', '.join(author['name'] for author in paper['authors'])}",
                  f"> - **链接**：[arXiv](https://arxiv.org/abs/{paper['id']})", "",
                  "> [!abstract]- Abstract" if titled else "> [!ABSTRACT]",
                  f"> {' '.join(paper['summary'].split())}", "",
                  "> [!tldr] 中文摘要" if titled else "> [!note]+ 摘要",
                  f"> {CHINESE_ABSTRACTS[n % len(CHINESE_ABSTRACTS)]}", ""]
    records, problems = read_records("\n".join(lines), "2025-06-02.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.arxiv, record.authors) for record in records] == [
        ((normalise_title(paper["title"]), TRANSLATED_TITLES[n]), paper["id"],
         tuple(author["name"] for author in paper["authors"]))
        for n, paper in enumerate(papers)]
    assert [record.abstracts[1] for record in records] == [
        CHINESE_ABSTRACTS[n % len(CHINESE_ABSTRACTS)] for n in range(len(papers))]
    assert [record.abstracts[0].split()[:6] for record in records] == [
        paper["summary"].split()[:6] for paper in papers]


def test_a_digest_labelled_in_traditional_characters_reads_as_one_in_simplified():
    """A digest from Taiwan or Hong Kong labels its lines in traditional characters
    ("中文標題", "作者單位", "摘要翻譯（機器翻譯）", "點評"), for a site of zh-Hant: before,
    no label was one, and the entries ran together ("expected the abstract"). Its text
    stays as written; a table's header row is read alike ("標題", "中文摘要")."""
    traditional = (Language("en", "English", "ltr"), Language("zh-Hant", "繁體中文", "ltr"))
    papers = [item["paper"] for _, item in daily_items()[:5]]
    translations = ["延長強化學習拓展大型語言模型的推理邊界", "推理模型在測試時的快慢思考",
                    "為大型語言模型程式設計合成高品質測試案例", "以獎勵對齊模型", "多模態評測基準"]
    abstracts = ["以推理為中心的語言模型近期進展凸顯了強化學習的前景。", "本文提出一個通用框架。"]
    lines = ["# 每日論文精選 2025-06-02", ""]
    for n, (paper, translation) in enumerate(zip(papers, translations, strict=True)):
        lines += [f"## {n + 1}. {normalise_title(paper['title'])}",
                  f"- **中文標題**：{translation}", "- **作者單位**：國立臺灣大學",
                  f"- **摘要**：{' '.join(paper['summary'].split())}",
                  f"- **摘要翻譯（機器翻譯）**：{abstracts[n % 2]}",
                  *(["- **點評**：值得一讀。"] if n % 2 else []), ""]
    records, problems = read_records("\n".join(lines), "tw.md", None, traditional)
    assert problems == []
    assert [(record.titles, record.affiliation, record.abstracts[1], record.note,
             record.provenance) for record in records] == [
        ((normalise_title(paper["title"]), translation), "國立臺灣大學", abstracts[n % 2],
         (None, "值得一讀。") if n % 2 else (None, None), (("translator", "machine"),))
        for n, (paper, translation) in enumerate(zip(papers, translations, strict=True))]

    rows = ["標題\t中文標題\t摘要\t中文摘要"] + [
        f"{normalise_title(paper['title'])}\t{translation}\t{' '.join(paper['summary'].split())}"
        f"\t{abstracts[0]}" for paper, translation in zip(papers, translations, strict=True)]
    records, problems = read_records("\n".join(rows), "papers.tsv", None, traditional)
    assert problems == [] and [record.titles[1] for record in records] == translations


def test_a_posts_linked_titles_between_emoji_and_its_hashtags():
    """A post's papers: "🔥 [Title](arXiv) 🔥" (the title a link, emoji on both sides), "👉
    标题", a line of hashtags, the abstracts. Before, the link after the first emoji stayed
    the title ("[Title](https://…) 🔥"), and the hashtags were read as the translated
    title ("an affiliation that reads as a title"). Now the link gives the arXiv id and
    the hashtags are words for the tag rules, as a line of keywords is; "#5" alone, which
    numbers an entry, is none."""
    papers = [item["paper"] for _, item in daily_items()[:6]]
    lines = []
    for n, paper in enumerate(papers):
        lines += [f"🔥 [{normalise_title(paper['title'])}](https://arxiv.org/abs/{paper['id']}) 🔥",
                  f"👉 {TRANSLATED_TITLES[n]}", "#LLM #Reasoning #强化学习", "",
                  " ".join(paper["summary"].split()), "",
                  CHINESE_ABSTRACTS[n % len(CHINESE_ABSTRACTS)], "", "———", ""]
    records, problems = read_records("\n".join(lines), "post.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.arxiv, record.extra_terms) for record in records] == [
        ((normalise_title(paper["title"]), TRANSLATED_TITLES[n]), paper["id"],
         ("LLM", "Reasoning", "强化学习")) for n, paper in enumerate(papers)]
    assert HASHTAGS.fullmatch("#LLM, #大模型") and not HASHTAGS.fullmatch("#5")


def translated_papers(count: int) -> list[tuple[str, str, str, str]]:
    """Real papers' titles and abstracts (one line each), with Chinese translations."""
    return [(normalise_title(item["paper"]["title"]), TRANSLATED_TITLES[n],
             " ".join(item["paper"]["summary"].split()),
             CHINESE_ABSTRACTS[n % len(CHINESE_ABSTRACTS)])
            for n, (_, item) in enumerate(daily_items()[:count])]


def read_back(lines: list[str]) -> list[tuple]:
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    return [(record.titles, record.abstracts[1]) for record in records]


def test_a_table_a_paper_of_its_two_languages_side_by_side():
    """A table a paper, its columns the two languages ("| English | 中文 |"), a row its
    titles and a row its abstracts, perhaps after a column of their labels, as a document
    kept side by side writes it. Before: "expected the translated abstract", no paper."""
    entries = translated_papers(6)
    two, three = ["# Papers of the day", ""], []
    for n, (title, translated, abstract, translation) in enumerate(entries, start=1):
        two += [f"### {n}", "", "| English | 中文 |", "|---|---|", f"| {title} | {translated} |",
                f"| {abstract} | {translation} |", ""]
        three += ["| | Original | 简体中文 (Chinese) |", "| --- | :--- | :--- |",
                  f"| Title | {title} | {translated} |",
                  f"| **Abstract** | {abstract} | {translation} |", ""]
    expected = [((title, translated), translation)
                for title, translated, _, translation in entries]
    assert read_back(two) == read_back(three) == expected


def test_a_table_a_paper_of_its_fields_by_their_labels():
    """A table a paper, a row a field by its label ("| Title | … |", "| 摘要 | … |"), under
    a header of no field ("| Field | Content |") or the first field as its header, as
    Notion writes a table; and over it a heading that numbers the paper ("## Paper 3",
    "### 论文三"), which was read as a title's label alone ("the title label alone")."""
    entries = translated_papers(6)
    lines, notion = [], []
    for n, (title, translated, abstract, translation) in enumerate(entries, start=1):
        lines += [f"## Paper {n}", "", "| Field | Content |", "|---|---|", f"| Title | {title} |",
                  f"| 标题 | {translated} |", f"| Abstract | {abstract} |",
                  f"| 摘要 | {translation} |", ""]
        notion += [f"### 论文{'一二三四五六'[n - 1]}", "", f"| **Title** | {title} |",
                   "| --- | --- |",
                   f"| **标题** | {translated} |", f"| **Abstract** | {abstract} |",
                   f"| **摘要** | {translation} |", ""]
    expected = [((title, translated), translation)
                for title, translated, _, translation in entries]
    assert read_back(lines) == read_back(notion) == expected
    # (a table of neither kind in an abstract stays as it is)
    results = ["| Model | Score |", "|---|---|", "| Ours | 91.2 |"]
    entries_with_table = ["A Title of a Paper", "一篇论文的标题", "", "We report these results.",
                          *results, "", "我们报告了这些结果。"]
    records, problems = read_records("\n".join(entries_with_table), "d.md", None, LANGUAGES)
    assert problems == [] and "| Ours | 91.2 |" in records[0].abstracts[0]


def test_a_line_that_says_who_translated_is_the_translations_provenance():
    """"（译文由 DeepSeek 生成）" or "(Translated by GPT-4o)" alone on its line under a
    paper says who translated it, as "翻译模型：" or "译者：" would; "Read more →" and "阅读原文"
    (a newsletter's link, copied as text) are no paper's text. Before, either was a line
    the grammar could not place: "expected the translated title", no paper."""
    entries = translated_papers(4)
    said = ["_（译文由 DeepSeek-V3 生成）_", "(Translated by GPT-4o)", "本文由王芳翻译。",
            "（机器翻译）"]
    lines = []
    for n, (title, translated, abstract, translation) in enumerate(entries):
        lines += [f"**{title}**", abstract, "", f"**{translated}**", translation, said[n], "",
                  "Read more →" if n % 2 else "👉 阅读原文", "", "---", ""]
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles[1], record.provenance) for record in records] == [
        (entries[0][1], (("translation_model", "DeepSeek-V3"),)),
        (entries[1][1], (("translation_model", "GPT-4o"),)),
        (entries[2][1], (("translator", "王芳"),)),
        (entries[3][1], (("translator", "machine"),))]


def test_the_texts_of_links_lost_after_a_title_are_no_part_of_it():
    """A list of papers copied from a web page as text keeps its links' words after each
    title ("Title [PDF] [Code]", "标题 【论文】【代码】", "Title | [arXiv] | [Project
    Page]"), which stayed the title's end. A title's own brackets stay ("… [v2]")."""
    entries = translated_papers(4)
    after = [" [PDF] [Code]", " | [arXiv] | [Project Page]", " [v2]", " [Paper]"]
    lines = []
    for n, (title, translated, abstract, translation) in enumerate(entries):
        lines += [f"{title}{after[n]}", f"{translated} 【论文】【代码】", abstract, translation, ""]
    assert [titles for titles, _ in read_back(lines)] == [
        (f"{title} [v2]" if n == 2 else title, translated)
        for n, (title, translated, _, _) in enumerate(entries)]


def test_a_japanese_digest_labels_its_lines_in_japanese():
    """A site of English and Japanese, its digest labelled in Japanese ("タイトル", "著者",
    "所属", "要旨"): before, no label was one, and each stayed in the text it labels
    ("**タイトル**：…" the translated title), nothing said."""
    japanese = (Language("en", "English", "ltr"), Language("ja", "日本語", "ltr"))
    titles = ["Transformerは状態空間モデルである", "動画理解の総合的評価ベンチマーク",
              "拡散モデルの改善"]
    abstracts = ["本研究では、状態空間モデルとアテンションの関係を示す。",
                 "動画を理解する能力を評価する。", "条件付き拡散モデルを改善する手法を提案する。"]
    lines = []
    for n, (title, _, abstract, _) in enumerate(translated_papers(3)):
        lines += [f"## {n + 1}. {title}", f"**タイトル**：{titles[n]}", "**著者**：A. Gu, T. Dao",
                  "**所属**：Carnegie Mellon University", f"**Abstract**: {abstract}",
                  f"**要旨**：{abstracts[n]}", ""]
    records, problems = read_records("\n".join(lines), "ja.md", None, japanese)
    assert problems == []
    assert [(record.titles[1], record.authors, record.affiliation, record.abstracts[1])
            for record in records] == [
        (title, ("A. Gu", "T. Dao"), "Carnegie Mellon University", abstract)
        for title, abstract in zip(titles, abstracts, strict=True)]


def test_who_translated_and_a_links_words_in_traditional_characters():
    """"（譯文由 DeepSeek 生成）", "本文由王芳翻譯。", "（機器翻譯）" and "閱讀原文", as a
    digest from Taiwan or Hong Kong writes them, read as their simplified forms do
    (before: lines no grammar could place, "expected the translated title"); the names
    stay as written."""
    entries = translated_papers(3)
    said = ["（譯文由 DeepSeek 生成）", "本文由王芳翻譯。", "（機器翻譯）"]
    lines = []
    for n, (title, translated, abstract, translation) in enumerate(entries):
        lines += [f"**{title}**", abstract, "", f"**{translated}**", translation, said[n], "",
                  "👉 閱讀原文", "", "---", ""]
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    assert [record.provenance for record in records] == [
        (("translation_model", "DeepSeek"),), (("translator", "王芳"),),
        (("translator", "machine"),)]


@pytest.mark.parametrize("number", ["{n:02d}", "{n}.", "#{n}", "No.{n}", "【{n}】", "## {n:02d}",
                                    "**{n:02d}**", "{n}/6"])
def test_a_line_of_an_entrys_number_alone_over_each_paper_is_no_title(number):
    """"01" alone over each paper, as a WeChat post numbers them, then the paper's lines
    (before: "01" read as its title, "an affiliation that reads as a title")."""
    entries = translated_papers(6)
    lines = ["今日论文速递 | 2025.06.02", ""]
    for n, (title, translated, abstract, translation) in enumerate(entries, start=1):
        lines += [number.format(n=n), "", title, translated, "",
                  f"论文链接：https://arxiv.org/abs/2506.0000{n}", "", f"摘要：{translation}", "",
                  f"Abstract: {abstract}", ""]
    assert read_back(lines) == [((title, translated), translation)
                                for title, translated, _, translation in entries]


def test_zero_width_spaces_that_a_copied_page_holds_are_left_out():
    """A WeChat article or a web page copied: zero-width spaces and word joiners around
    words and alone on a line (which read as a line of text, no gap), a byte-order mark
    where two files were joined (before: kept in the titles, the lines of one alone
    joined two papers)."""
    entries = translated_papers(5)
    lines = []
    for title, translated, abstract, translation in entries:
        lines += [f"\u200b{title}\u2060", f"{translated}\u200b", f"\u3000\u3000{abstract}",
                  f"\u3000\u3000{translation}\u00a0", "\u200b", "\ufeff"]
    assert read_back(lines) == [((title, translated), translation)
                                for title, translated, _, translation in entries]


def test_markdowns_backslash_escapes_in_titles_are_the_characters_they_stand_for():
    """A Markdown digest escapes what Markdown would read as its marks: "V\\*Bench" (else
    italics), "1\\." before a title (else a list), "GPT\\-4o", as pandoc's and Google Docs'
    export write them. A title is text: the characters alone (before, "V\\*Bench" kept its
    backslash on the page, and "1\\." stayed before the title); math keeps TeX's, and an
    escaped dollar, which would start math, stays."""
    entries = translated_papers(4)
    titles = [r"V\*Bench: Guided Visual Search as a Core Mechanism in Multimodal LLMs",
              r"GPT\-4o \[Tech Report\] for $x\_1$ at \$5", entries[2][0], entries[3][0]]
    lines = []
    for n, (title, (_, translated, abstract, translation)) in enumerate(
            zip(titles, entries, strict=True), start=1):
        lines += [f"## {n}\\. **{title}**", "", translated, "", abstract, "", translation, ""]
    assert [titles for titles, _ in read_back(lines)] == [
        ("V*Bench: Guided Visual Search as a Core Mechanism in Multimodal LLMs",
         entries[0][1]), (r"GPT-4o [Tech Report] for $x\_1$ at \$5", entries[1][1]),
        *((title, translated) for title, translated, _, _ in entries[2:])]


def sample_papers() -> list[tuple[tuple, tuple]]:
    """The sample digest's four papers: their titles and abstracts, both languages (its
    Chinese abstracts are real translations, of a paragraph each)."""
    records, problems = read_records(SAMPLE_DIGEST.read_text("utf-8"), "s.txt", None,
                                     LANGUAGES)
    assert problems == [] and len(records) == 4
    return [(record.titles, record.abstracts) for record in records]


@pytest.mark.parametrize("caption", [[], ["以下为中文翻译", ""], ["## 中文版", ""],
                                     ["---", "", "**中文翻译**", ""]])
@pytest.mark.parametrize("headings, gap", [(False, 0), (False, 1), (True, 1)])
def test_a_digest_of_two_halves_pairs_its_papers_with_their_translations_in_order(
        caption, headings, gap):
    """A newsletter's papers in English, then the same papers in Chinese in the same order,
    under a caption of the second half or none, each title over its abstract (a blank line
    between, or not; numbered, under headings, or not). Before: "expected the translated
    title", or, with blank lines between titles and abstracts, one paper whose abstract
    was every English paragraph, without a problem."""
    papers = sample_papers()
    lines = ["# Papers of the week", "", "## English", ""] if headings else []
    for half in (0, 1):
        lines += caption * half
        for n, (titles, abstracts) in enumerate(papers, start=1):
            lines += [f"### {n}. {titles[half]}" if headings else titles[half], *[""] * gap,
                      abstracts[half], ""]
    records, problems = read_records("\n".join(lines), "halves.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.abstracts) for record in records] == papers


@pytest.mark.parametrize("blank", [True, False], ids=["blank-lines", "no-blank-lines"])
def test_paragraphs_each_above_its_translation_are_an_abstract_and_its_translation(blank):
    """Every real paper whose abstract has several paragraphs (15 of the 561), each
    paragraph above its translation, as Immersive Translate shows a page it translated
    and a copy of it keeps, among papers of one paragraph: the paragraphs of each
    language are its abstract (before: "expected the translated title" at the second
    paragraph). A paragraph of an address alone ("Code: https://…", left untranslated)
    after them is a line of the paper's links, as in any digest."""
    import json
    import re

    from tests.test_import_bibtex import paragraphs

    items = [item for _, item in daily_items()]
    several = [item for item in items if len(paragraphs(item["paper"]["summary"])) > 1]
    papers = several + [item for item in items if item not in several][:5]
    assert len(several) == 15
    expected, problems = read_records(json.dumps(papers), "day.json", "hf", LANGUAGES)
    assert problems == []
    lines, abstracts = [], []
    for number, (item, record) in enumerate(zip(papers, expected, strict=True)):
        texts = record.abstracts[0].split("\n\n")
        prose = [text for text in texts if not re.fullmatch(r"[\w ]+: https?://\S+", text)]
        parts = [f"{CHINESE_ABSTRACTS[(number + at) % len(CHINESE_ABSTRACTS)]}（第 {at + 1} 段）"
                 for at in range(len(prose))]
        lines += [" ".join(item["paper"]["title"].split()), TRANSLATED_TITLES[number % 9],
                  *[""] * blank]
        for paragraph, translation in zip(prose, parts, strict=True):
            lines += [paragraph, translation, *[""] * blank]
        lines += [text for text in texts if text not in prose] + [""]
        abstracts.append(("\n\n".join(prose), "\n\n".join(parts)))
    records, problems = read_records("\n".join(lines), "immersive.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles[0], record.abstracts) for record in records] == [
        (record.titles[0], abstract) for record, abstract in zip(expected, abstracts,
                                                                 strict=True)]
    assert records[2].links["code"] == "https://github.com/davidbrandfonbrener/color-filter-olmo"


def test_a_newsletter_made_bilingual_line_by_line_reads_its_papers_once():
    """An English newsletter that Immersive Translate made bilingual, each line's
    translation below it: the headings twice, "Authors: …" and "作者：…", "Read more" and
    "阅读更多". The line of authors again is the first's (left out and named, not a
    problem: before, "a line of authors with no paper of its own"), "阅读更多" a link's
    words (before, joined to the translated abstract). Two different lines of authors
    stay a problem."""
    entries = translated_papers(6)
    lines = ["# Daily Papers — June 2, 2025", "# 每日论文 — 2025 年 6 月 2 日", ""]
    for n, (title, translated, abstract, translation) in enumerate(entries, start=1):
        lines += [f"## {n}. {title}", f"## {n}. {translated}", "",
                  "Authors: An Yang, Anfeng Li", "作者：An Yang、Anfeng Li", "",
                  abstract, "", translation, "", "Read more", "阅读更多", ""]
    records, problems = read_records("\n".join(lines), "news.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.abstracts[1], record.authors) for record in records] == [
        ((title, translated), translation, ("An Yang", "Anfeng Li"))
        for title, translated, _, translation in entries]
    # (each "作者：…", and the link's words, as any digest's are left out and named)
    assert [record.left_out for record in records] == [
        (8 + 13 * n, 14 + 13 * n, 15 + 13 * n) for n in range(6)]
    two = "\n".join(lines).replace("作者：An Yang、Anfeng Li", "Authors: Bo Zheng", 1)
    _, problems = read_records(two, "news.md", None, LANGUAGES)
    assert [problem.message for problem in problems] == [
        "a line of authors with no paper of its own"]


def test_setext_headings_are_headings_and_a_short_rule_stays_a_rule():
    """A Markdown newsletter's setext headings ("Daily Papers" / "====", a title over a
    line of "-" as long): headings, as "#" ones (before: the underline a rule, "Daily
    Papers" a title). A rule of "---" under an abstract, or under a short note, still
    parts entries."""
    entries = translated_papers(5)
    lines = ["Daily Papers", "============", ""]
    for title, translated, abstract, translation in entries:
        lines += [title, "-" * len(title), "", translated, "", abstract, "", translation, ""]
    assert read_back(lines) == [((title, translated), translation)
                                for title, translated, _, translation in entries]
    ruled = []
    for title, translated, abstract, translation in entries:
        ruled += [title, translated, abstract, translation, "点评：好", "---"]
    records, problems = read_records("\n".join(ruled), "d.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.note[1]) for record in records] == [
        ((title, translated), "好") for title, translated, _, _ in entries]


def test_reference_links_are_their_papers_links():
    """A Markdown newsletter's reference links, its addresses gathered at its end
    ("### [Title][1]" … "[1]: https://arxiv.org/abs/…"): each paper's link (before: every
    definition the last paper's, "a second arXiv link for one paper")."""
    entries = translated_papers(5)
    ids = [f"2506.0{1000 + n}" for n in range(5)]
    lines = []
    for n, (title, translated, abstract, translation) in enumerate(entries, start=1):
        lines += [f"### [{title}][{n}]", translated, "", abstract, "", translation, ""]
    lines += [f"[{n}]: https://arxiv.org/abs/{arxiv}" for n, arxiv in enumerate(ids, start=1)]
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.arxiv) for record in records] == [
        ((title, translated), arxiv)
        for (title, translated, _, _), arxiv in zip(entries, ids, strict=True)]


@pytest.mark.parametrize("link_line", [
    "- **论文地址**：[arXiv](https://arxiv.org/abs/{id})",
    "- **论文地址**：[{id}](https://arxiv.org/abs/{id})",
    "论文地址：[arXiv:{id}](https://arxiv.org/abs/{id})",
    "- **Paper**: [arXiv:{id}](https://arxiv.org/abs/{id})",
    "- **Paper link**: [https://arxiv.org/abs/{id}](https://arxiv.org/abs/{id})",
    "[arXiv:{id}](https://arxiv.org/abs/{id})",
    "**原文地址**：[arXiv {id}](https://arxiv.org/abs/{id})",
    "- **HF 链接**：[huggingface.co/papers/{id}](https://huggingface.co/papers/{id})",
    "**链接**：arxiv.org/abs/{id}",
    "论文：arxiv.org/abs/{id} | 代码：github.com/QwenLM/Qwen3",
])
def test_a_link_labelled_by_what_it_leads_to_or_named_by_its_id_is_a_link(link_line):
    """A WeChat or Zhihu post's link lines: a label that ends as labels of links do ("论文
    地址", "Paper link") before a Markdown link, a link whose text is the paper's arXiv
    id or its address, an address after a label without its scheme. (Before: the line
    went into the English abstract, or became the paper's title, "arXiv:2505.09388",
    without a problem.)"""
    entries = translated_papers(2)
    ids = ["2505.09388", "2505.03335"]
    lines = []
    for n, ((title, translated, abstract, translation), arxiv) in enumerate(
            zip(entries, ids, strict=True), start=1):
        lines += [f"## {n}. {title}", "", f"- **中文标题**：{translated}",
                  link_line.format(id=arxiv), f"- **Abstract**: {abstract}",
                  f"- **摘要**：{translation}", ""]
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.abstracts, record.arxiv) for record in records] == [
        ((title, translated), (abstract, translation), arxiv)
        for (title, translated, abstract, translation), arxiv in zip(entries, ids,
                                                                     strict=True)]


@pytest.mark.parametrize("line, title", [
    ("Paper: [Qwen3 Technical Report](https://arxiv.org/abs/2505.09388)",
     "Qwen3 Technical Report"),
    ("[Qwen3 Technical Report](https://arxiv.org/abs/2505.09388)", "Qwen3 Technical Report"),
])
def test_a_link_of_other_words_is_still_a_linked_title(line, title):
    """(The texts of links that name no kind, an id or an address stay titles.)"""
    lines = [line, "Qwen3 技术报告", "In this work, we present Qwen3, the latest version of "
             "the Qwen model family.", "在本工作中，我们推出了 Qwen3。"]
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles[0], record.arxiv) for record in records] == [(title, "2505.09388")]


@pytest.mark.parametrize("count", [1, 3])
def test_the_last_paragraph_of_the_last_translation_is_no_closing_words(count):
    """Abstracts of two paragraphs, each under its label alone, their translations of two:
    the last entry's last paragraph, after a blank line, was left out as the digest's
    closing words (it is as many paragraphs as the abstract only with it); closing words
    after it still are."""
    lines = []
    for title, translated, abstract, translation in translated_papers(count):
        first, _, second = abstract.partition(". ")
        lines += [f"【{title}】", f"【{translated}】", "", "Abstract:", first + ".", "", second,
                  "", "摘要：", translation, "", "这是译文的第二段。", ""]
    records, problems = read_records("\n".join(lines), "post.md", None, LANGUAGES)
    assert problems == []
    assert [record.abstracts[1].split("\n\n")[-1] for record in records] == [
        "这是译文的第二段。"] * count
    assert [record.titles for record in records] == [
        (title, translated) for title, translated, _, _ in translated_papers(count)]
    closing = "\n".join([*lines, "以上就是今天的论文速递，欢迎关注！"])
    records, problems = read_records(closing, "post.md", None, LANGUAGES)
    assert problems == []
    assert records[-1].abstracts[1].endswith("这是译文的第二段。")


def test_labels_in_bold_after_an_emoji_are_their_fields():
    """A digest as a model writes one up: each label in bold after an emoji, a flag among
    them ("**🇨🇳 中文标题：** …", "**🏛️ 机构：** …", "**🇬🇧 Abstract**" alone). Before, the
    translated title was the affiliation and the affiliation the translated title, each
    with its label and marks, and nothing said so."""
    lines = ["# 📚 Hugging Face 每日论文精选 | 2025-05-14", ""]
    papers = translated_papers(3)
    for number, (title, translated, abstract, translation) in enumerate(papers, start=1):
        lines += [f"## {number}\ufe0f\u20e3 {title}", "", f"**🇨🇳 中文标题：** {translated}",
                  "**🏛️ 机构：** 阿里", f"**🔗 论文链接：** https://arxiv.org/abs/2505.0{number}",
                  "", "**🇬🇧 Abstract**", abstract, "", "**🇨🇳 摘要**", translation, "", "---", ""]
    records, problems = read_records("\n".join(lines), "post.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.affiliation, r.abstracts) for r in records] == [
        ((title, translated), "阿里", (abstract, translation))
        for title, translated, abstract, translation in papers]


@pytest.mark.parametrize("labels", [
    ("EN Title", "CN Title", "EN Abstract", "CN Abstract"),
    ("title", "title_zh", "abstract", "abstract_zh"),
    ("Title-EN", "Title-ZH", "Abstract-EN", "Abstract-ZH"),
    ("**English Title**", "**中文 Title**", "**EN abstract**", "**ZH abstract**")])
def test_a_labels_language_before_or_after_it(labels):
    """Labels that name their language by its code or name beside them, as scripts and
    posts write them: before, "EN Abstract:" and "title_zh:" were no labels, and stayed
    at the start of their texts."""
    papers = translated_papers(2)
    lines = []
    for title, translated, abstract, translation in papers:
        lines += [f"{label}: {text}" for label, text in zip(
            labels, (title, translated, abstract, translation), strict=True)] + [""]
    records, problems = read_records("\n".join(lines), "d.txt", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts) for r in records] == [
        ((title, translated), (abstract, translation))
        for title, translated, abstract, translation in papers]


def test_a_note_apps_properties_of_a_paper_are_left_out():
    """A paper's page as a note-taking app exports it (Notion's, Obsidian's): its title,
    then its properties, "Status: Done" and "Created: …" among them, then the abstract and
    its translation under their headings. Before, "Status: Done" began the abstract."""
    title, translated, abstract, translation = translated_papers(1)[0]
    lines = [f"# {title}", "", f"中文标题: {translated}", "Date: May 14, 2025",
             "Tags: LLM, Reasoning", "Status: Done", "Type: Paper", "状态：已读",
             "arXiv: https://arxiv.org/abs/2505.09388", "", "## Abstract", "", abstract, "",
             "## 摘要", "", translation]
    records, problems = read_records("\n".join(lines), "page.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts, r.date.isoformat(), r.arxiv) for r in records] == [
        ((title, translated), (abstract, translation), "2025-05-14", "2505.09388")]
    assert [lines[number - 1] for number in records[0].left_out] == [
        "Status: Done", "Type: Paper", "状态：已读"]


@pytest.mark.parametrize("abstract_label", ["## Abstract", "Abstract:"])
def test_a_line_above_an_abstracts_label_is_a_problem(abstract_label):
    """A line no label names between the titles and the abstract's label ("Topic: RL", a
    property the app's user made): it was read as the abstract's first words, and nothing
    said so. Import now names it."""
    title, translated, abstract, translation = translated_papers(1)[0]
    label_line = [abstract_label, "", abstract] if abstract_label.startswith("#") else [
        f"{abstract_label} {abstract}"]
    lines = [f"# {title}", "", f"中文标题: {translated}", "Topic: Reinforcement Learning", "",
             *label_line, "", "## 摘要", "", translation]
    _, problems = read_records("\n".join(lines), "page.md", None, LANGUAGES)
    assert [(p.line, p.message, p.found) for p in problems] == [
        (4, "a line above an abstract's label", "'Topic: Reinforcement Learning'")]
    assert "line 6" in problems[0].expected


def test_html_line_breaks_part_lines():
    """A digest copied from a web editor as HTML's line breaks within lines ("Title<br>标题
    <br><br>In this work …"): each part is a line, two breaks a blank line. Before, each
    paper was one line of both languages, and the file a problem."""
    papers = translated_papers(3)
    lines = [f"{title}<br>{translated}<BR/><br />{abstract}<br><br>{translation}<br>"
             for title, translated, abstract, translation in papers]
    records, problems = read_records("\n".join(lines), "post.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts, r.line) for r in records] == [
        ((title, translated), (abstract, translation), number)
        for number, (title, translated, abstract, translation) in enumerate(papers, start=1)]


@pytest.mark.parametrize("caption", ["## 2025年5月14日（周三）", "# 2025-05-14 每日论文",
                                     "2025年5月14日 星期三 论文速递"])
def test_a_days_caption_in_chinese_over_one_paper_dates_it(caption):
    """One paper under a day's caption that has Chinese words: it read without a problem
    with the caption as the translated title, the translated title as the translated
    abstract, and the translated abstract left out as the digest's closing words."""
    title, translated, abstract, translation = translated_papers(1)[0]
    text = "\n".join([caption, "", title, translated, "", abstract, "", translation, ""])
    entries, problems, outside = read_digest(text, "day.md", LANGUAGES)
    assert problems == [] and outside == ()
    assert [(e.title, e.abstract, e.date.isoformat()) for e in entries] == [
        ((title, translated), (abstract, translation), "2025-05-14")]


@pytest.mark.parametrize(("authors", "affiliation"), [
    ("Authors: An Yang¹, Anfeng Li²*, Baosong Yang¹˒², Jingren Zhou†",
     "Affiliation: ¹Alibaba Group ²Tsinghua University"),
    ("作者：An Yang^1, Anfeng Li^2, Baosong Yang^{1,2}, Jingren Zhou^{1*}",
     "机构：^1 Alibaba Group, ^2 Tsinghua University"),
    ("Authors: An Yang1, Anfeng Li2, Baosong Yang1,2, Jingren Zhou1*",
     "机构：$^1$Alibaba Group; $^2$Tsinghua University")])
def test_the_marks_that_tie_authors_to_affiliations_are_no_part_of_names(authors, affiliation):
    """Authors and affiliations as a paper's first page gives them, copied with the marks
    that tie each name to its affiliation or a note: the names were kept with them ("An
    Yang¹", "Jingren Zhou†"), and the page and its citations showed them."""
    title, translated, abstract, translation = translated_papers(1)[0]
    text = "\n".join([title, translated, authors, affiliation, "", abstract, "", translation])
    records, problems = read_records(text, "d.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.authors, r.affiliation, r.abstracts) for r in records] == [
        ((title, translated), ("An Yang", "Anfeng Li", "Baosong Yang", "Jingren Zhou"),
         "Alibaba Group; Tsinghua University", (abstract, translation))]


@pytest.mark.parametrize(("line", "authors"), [
    ("An Yang¹, Anfeng Li², Baosong Yang¹˒², Jingren Zhou*",
     ("An Yang", "Anfeng Li", "Baosong Yang", "Jingren Zhou")),
    ("Shenzhi Wang, Le Yu, Chang Gao", ("Shenzhi Wang", "Le Yu", "Chang Gao")),
    ("Large Language Models, Vision Transformers, Diffusion Policies", ())])
def test_a_list_of_names_under_both_titles_gives_the_authors(line, authors):
    """A line of people's names, without a label, under the title and its translation and
    a paragraph of its own above the abstract: it began the abstract. A line of the
    field's words in capitals (keywords) is no list of names, and stays where it was."""
    title, translated, abstract, translation = translated_papers(1)[0]
    text = "\n".join([title, translated, line, "", abstract, "", translation])
    records, problems = read_records(text, "d.md", None, LANGUAGES)
    assert problems == []
    expected = abstract if authors else f"{line}\n\n{abstract}"
    assert [(r.titles, r.authors, r.abstracts) for r in records] == [
        ((title, translated), authors, (expected, translation))]


def test_a_tex_accent_in_a_name_is_no_mark():
    """TeX's circumflex ("Ch{\\^a}teau", as BibTeX writes names) is no superscript mark."""
    from bitext.digestlines import author_names

    assert author_names(r"Ch{\^a}teau, Jean and M\^uller^{1,2}, Anna$^*$") == (
        r"Ch{\^a}teau", "Jean", r"M\^uller", "Anna")


def test_a_list_in_an_abstract_stays_a_list():
    """An abstract, and its translation, whose paragraph introduces a list ("Our
    contributions:" / "- …" / "• …"): the items were joined into the paragraph's words
    ("… contributions: - We propose … - We release …"); each is now a line of a Markdown
    list, which the page shows as one."""
    lines = []
    papers = translated_papers(2)
    for title, translated, abstract, translation in papers:
        lines += [title, translated, "", f"{abstract} Our contributions:",
                  "- We propose a method.", "• We release the code.", "",
                  f"{translation}我们的贡献：", "- 我们提出了一种方法。", "- 我们开源了代码。", ""]
    records, problems = read_records("\n".join(lines), "d.md", None, LANGUAGES)
    assert problems == []
    assert [r.abstracts for r in records] == [
        (f"{abstract} Our contributions:\n- We propose a method.\n- We release the code.",
         f"{translation}我们的贡献：\n- 我们提出了一种方法。\n- 我们开源了代码。")
        for _, _, abstract, translation in papers]


@pytest.mark.parametrize("figure", [
    ["![Figure 1](https://example.com/fig1.png)"],
    ["![](https://example.com/fig1.png)", "*图1：方法概览*"],
    ['![overview](https://example.com/fig1.png "Overview") ![](https://example.com/fig2.png)',
     "Figure 1: Overview of the method."]])
def test_a_figure_and_its_caption_are_no_paper_text(figure):
    """A post's figure of each paper between its titles and its abstract, as a Markdown
    image, perhaps with its caption under it: the image was the abstract's first
    paragraph, and the caption an entry's title. (An image that links somewhere, a star
    badge, stays a link.)"""
    lines = []
    papers = translated_papers(3)
    for title, translated, abstract, translation in papers:
        lines += [f"## {title}", translated, "", *figure, "", abstract, "", translation, ""]
    records, problems = read_records("\n".join(lines), "post.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts) for r in records] == [
        ((title, translated), (abstract, translation))
        for title, translated, abstract, translation in papers]


@pytest.mark.parametrize("title_line", ["## {title}[^{n}]", "**{title}**[^{n}]",
                                        "{n}. {title} [^{n}]"])
def test_a_titles_footnote_to_an_address_links_its_paper(title_line):
    """A post that links each paper by a footnote after its title ("## Title[^1]", "[^1]:
    https://arxiv.org/abs/…" at its end): the title kept "[^1]", and the paper lost its
    address, the definitions being left out as a reference link's are."""
    papers = translated_papers(3)
    ids = [f"2505.0{number}" for number in range(1001, 1004)]
    lines = []
    for n, (title, translated, abstract, translation) in enumerate(papers, start=1):
        lines += [title_line.format(title=title, n=n), translated, "", abstract, "",
                  translation, ""]
    lines += [f"[^{n}]: https://arxiv.org/abs/{arxiv}" for n, arxiv in enumerate(ids, 1)]
    records, problems = read_records("\n".join(lines), "post.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.arxiv) for r in records] == [
        ((title, translated), arxiv) for (title, translated, _, _), arxiv in zip(
            papers, ids, strict=True)]


def test_an_obsidian_notes_links_and_inline_fields():
    """Papers kept in Obsidian: titles as links to their notes ("## [[Title]]", "[[id|Title]]")
    and fields as its Dataview plugin reads them inline ("Authors:: …", "摘要:: …"). Before,
    the titles kept their brackets, and every field's text began with ": "."""
    papers = translated_papers(2)
    linked = ["## [[{title}]]", "## [[2505.01001|{title}]]"]
    lines = []
    for (title, translated, abstract, translation), heading in zip(papers, linked, strict=True):
        lines += [heading.format(title=title), f"中文标题:: {translated}",
                  "Authors:: An Yang, Anfeng Li", f"Abstract:: {abstract}",
                  f"摘要:: {translation}", ""]
    records, problems = read_records("\n".join(lines), "vault.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.authors, r.abstracts) for r in records] == [
        ((title, translated), ("An Yang", "Anfeng Li"), (abstract, translation))
        for title, translated, abstract, translation in papers]
