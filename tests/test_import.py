"""`import`: plain-text digests into paper files."""

import codecs
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.cli import main
from bitext.config import Language, load_config
from bitext.content import load_papers, slug_from_title
from bitext.digest import Entry, parse_digest
from bitext.digestlines import (
    NUMBER_ALONE,
    is_call_to_action,
    is_count_line,
    names_organisations,
    provenance_said,
    section_label,
)
from bitext.markdown import MarkdownRenderer
from bitext.sources import read_records
from tests.conftest import SAMPLE_DIGEST, make_project, snapshot

LANGUAGES = (Language("en", "English", "ltr"), Language("zh-Hans", "简体中文", "ltr"))


def imported(project: Path) -> dict:
    config = load_config(project)
    return {p.slug: p for p in load_papers(project, config, MarkdownRenderer(), True)}


def abstracts_in_file(project: Path, paper) -> tuple[str, str]:
    """The two abstracts as the paper's file holds them, character for character."""
    text = (project / paper.source).read_text("utf-8")
    blocks = dict(re.findall(r"^::: (\S+)\n(.*?)\n:::$", text, re.S | re.M))
    return blocks["en"], blocks["zh-Hans"]


def run_import(project: Path, *args: str) -> int:
    return main(["--root", str(project), "import", *args])


def test_sample_digest_imports_into_four_exact_papers(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(SAMPLE_DIGEST), "--date", "2025-05-01") == 0
    lines = SAMPLE_DIGEST.read_text("utf-8").splitlines()
    papers = imported(project)
    assert len(papers) == 4
    qwen = papers["qwen3-technical-report"]
    assert (qwen.title.primary, qwen.title.secondary) == (lines[0], lines[2])
    assert qwen.affiliation == lines[1] == "阿里"
    assert abstracts_in_file(project, qwen) == (lines[3], lines[4])
    by_title = {p.title.primary: p for p in papers.values()}
    for start in (5, 9, 13):
        paper = by_title[lines[start]]
        assert paper.affiliation is None
        assert paper.title.secondary == lines[start + 1]
        assert abstracts_in_file(project, paper) == (lines[start + 2], lines[start + 3])
        assert paper.date == dt.date(2025, 5, 1)
    assert "4 created, 0 updated, 0 skipped" in capsys.readouterr().out


def test_importing_twice_creates_no_duplicates(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    run_import(project, str(SAMPLE_DIGEST))
    before = snapshot(project / "content")
    capsys.readouterr()
    assert run_import(project, str(SAMPLE_DIGEST)) == 0
    assert "0 created, 0 updated, 4 skipped" in capsys.readouterr().out
    assert snapshot(project / "content") == before


def test_papers_in_subfolders_are_recognised(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    run_import(project, str(SAMPLE_DIGEST))
    papers = project / "content/papers"
    (papers / "2025").mkdir()
    for path in papers.glob("*.md"):
        path.rename(papers / "2025" / path.name)
    capsys.readouterr()
    assert run_import(project, str(SAMPLE_DIGEST)) == 0
    assert "0 created, 0 updated, 4 skipped" in capsys.readouterr().out


def test_dry_run_writes_nothing(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(SAMPLE_DIGEST), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would create content/papers/qwen3-technical-report.md" in out
    assert "(dry run: nothing written)" in out
    assert list((project / "content/papers").iterdir()) == []


def test_update_rewrites_text_and_keeps_hand_added_fields(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    run_import(project, str(SAMPLE_DIGEST))
    path = project / "content/papers/qwen3-technical-report.md"
    text = path.read_text("utf-8").replace("affiliation: 阿里", "affiliation: 阿里\n"
                                           "authors: [An Yang]\narxiv: '2505.09388'")
    path.write_text(text.replace("Qwen3 技术报告", "旧标题"), "utf-8")
    assert run_import(project, str(SAMPLE_DIGEST), "--update") == 0
    qwen = imported(project)["qwen3-technical-report"]
    assert qwen.title.secondary == "Qwen3 技术报告"
    assert qwen.authors == ("An Yang",) and qwen.arxiv == "2505.09388"
    # the digest brings its own translation, made from the text it gives: not out of date
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 created, 1 updated, 3 skipped; 0 awaiting translation")


def test_update_keeps_an_editors_note_the_input_does_not_give(tmp_path, capsys):
    """An editor's note written by hand stays through `import --update`; a note the input
    gives for that language replaces it, and the other language's stays."""
    project = make_project(tmp_path / "site", {})
    run_import(project, str(SAMPLE_DIGEST))
    path = project / "content/papers/qwen3-technical-report.md"
    path.write_text(path.read_text("utf-8") + "\n::: note en\nRead §3 first.\n:::\n\n"
                    "::: note zh-Hans\n先读第三节。\n:::\n", "utf-8")
    path.write_text(path.read_text("utf-8").replace("Qwen3 技术报告", "旧标题"), "utf-8")
    assert run_import(project, str(SAMPLE_DIGEST), "--update") == 0
    qwen = imported(project)["qwen3-technical-report"]
    assert qwen.title.secondary == "Qwen3 技术报告"
    assert (qwen.note.primary.text, qwen.note.secondary.text) == ("Read §3 first.", "先读第三节。")
    lines = SAMPLE_DIGEST.read_text("utf-8").splitlines()
    digest = tmp_path / "noted.txt"
    digest.write_text("\n".join(lines[:5] + ["点评：新的点评。"]), "utf-8")
    assert run_import(project, str(digest), "--update") == 0
    qwen = imported(project)["qwen3-technical-report"]
    assert (qwen.note.primary.text, qwen.note.secondary.text) == ("Read §3 first.", "新的点评。")
    assert "editor's note" in capsys.readouterr().out


def test_tag_rules_fire_and_are_reported(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    site_yaml = (project / "site.yaml").read_text("utf-8")
    (project / "site.yaml").write_text(site_yaml + "    match: [reinforcement learning, 强化学习]\n"
                                       "  moe:\n    match: ['/\\bMoE\\b/']\n", "utf-8")
    assert run_import(project, str(SAMPLE_DIGEST), "--tag", "hf-daily") == 0
    out = capsys.readouterr().out
    assert "rl ← 'reinforcement learning'" in out
    papers = imported(project)
    assert papers["absolute-zero-reinforced-self-play-reasoning-with-zero-data"].tags == (
        "hf-daily", "rl")
    assert papers["qwen3-technical-report"].tags == ("hf-daily", "moe")


def test_a_digests_tags_keywords_notes_and_comments(tmp_path, capsys):
    """A line of tags names tags by slug, name (in either language) or keyword of
    site.yaml, or by a name in ASCII that makes a new tag; a line of keywords is read by
    the tag rules; a note becomes the paper's editor's note in its language; the authors'
    comments are left out, and the report says where."""
    project = make_project(tmp_path / "site", {})
    site_yaml = (project / "site.yaml").read_text("utf-8")
    (project / "site.yaml").write_text(site_yaml + "    match: [policy gradient]\n"
                                       "  posters:\n    match: [posters]\n", "utf-8")
    digest = tmp_path / "week.txt"
    digest.write_text("\n".join([
        "Absolute Zero: Reinforced Self-play Reasoning with Zero Data",
        "绝对零：零数据的强化自博弈推理",
        "Tags: Reinforcement Learning, Diffusion Models, #LLM",
        "We propose a new paradigm.", "我们提出了一种新范式。", "点评：值得一读。",
        "Comments: 12 pages, 4 figures", "TL;DR: A model that *teaches itself*.", "",
        "Paper2Poster: Towards Multimodal Poster Automation",
        "Paper2Poster：面向科学论文的海报生成",
        "标签：强化学习", "Keywords: policy gradient, posters",
        "Academic poster generation is hard.", "学术海报生成很难。", ""]), "utf-8")
    assert run_import(project, str(digest)) == 0
    out = capsys.readouterr().out
    papers = imported(project)
    assert papers["absolute-zero-reinforced-self-play-reasoning-with-zero-data"].tags == (
        "diffusion-models", "llm", "rl")
    assert papers["paper2poster-towards-multimodal-poster-automation"].tags == ("posters", "rl")
    assert "rl ← tags: 'Reinforcement Learning', diffusion-models ← tags: 'Diffusion Models'" in out
    absolute_zero = papers["absolute-zero-reinforced-self-play-reasoning-with-zero-data"]
    assert absolute_zero.note.primary.html == "<p>A model that <em>teaches itself</em>.</p>\n"
    assert absolute_zero.note.secondary.text == "值得一读。"
    assert papers["paper2poster-towards-multimodal-poster-automation"].note is None
    assert "editor's note; left out: line 7]" in out
    assert ("1 line left out (the authors' comments, counts, a model's readings, a line said "
            "again in the other language: no field of a paper file holds them)" in out)
    # the keywords are read by the rules ("posters" is in no title or abstract); rl's rule
    # fired too, but the line of tags named rl first
    assert "rl ← tags: '强化学习', posters ← 'posters'" in out
    assert "policy gradient" not in out


def test_a_digests_line_of_a_venue_is_the_papers_venue(tmp_path, capsys):
    """"Venue: ICLR 2025", "会议：NAACL 2025", "Journal: Nature" say where a paper was
    published: its `venue`, which its page and citations give (before: left out, as
    counts are); a preprint server names none; a second line of a venue for one paper is a
    problem, as a second line of authors is."""
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "week.txt"
    entries = [("Qwen3 Technical Report", "Qwen3 技术报告", "Venue: ICLR 2025"),
               ("Are We Done with MMLU?", "我们完成 MMLU 了吗？", "会议：NAACL 2025"),
               ("A Paper of a Journal", "一篇期刊论文", "Journal: Nature Machine Intelligence"),
               ("A Preprint", "一篇预印本", "Venue: arXiv")]
    digest.write_text("\n".join(
        line for title, translated, venue in entries
        for line in (title, translated, "An abstract; with a semicolon.", "一段摘要。", venue,
                     "Upvotes: 12", "")), "utf-8")
    assert run_import(project, str(digest), "--date", "2025-06-02") == 0
    assert "4 lines left out" in capsys.readouterr().out  # (the counts)
    assert {paper.title.primary: paper.venue for paper in imported(project).values()} == {
        "Qwen3 Technical Report": "ICLR 2025", "Are We Done with MMLU?": "NAACL 2025",
        "A Paper of a Journal": "Nature Machine Intelligence", "A Preprint": None}
    # (a line of a venue over a conference's papers is the digest's, not its first paper's)
    opening = tmp_path / "cvpr.txt"
    opening.write_text("# CVPR 2025 论文速递\n**会议**: CVPR 2025\n\nA Title\n一个标题\n"
                       "An abstract.\n一段摘要。\n", "utf-8")
    records, problems = read_records(opening.read_text("utf-8"), str(opening), None,
                                     LANGUAGES)
    assert (problems, records[0].venue, records[0].left_out_outside) == ([], None, (2,))
    twice = tmp_path / "twice.txt"
    twice.write_text("A Title\n一个标题\nVenue: ICLR 2025\nAn abstract.\n一段摘要。\n"
                     "会议：ICLR 2025\n", "utf-8")
    assert run_import(project, str(twice)) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{twice}:6: a line of venue with no paper of its own (expected the venue of the "
        "entry before it, once, found another line of venue) — give each paper one line of "
        'venue ("Venue: ICLR 2025"), after its title')


def test_a_tag_named_in_another_script_must_be_in_site_yaml(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "week.txt"
    digest.write_text("\n".join(["A Title", "一个标题", "标签：大模型、强化学习", "An abstract.",
                                  "一段摘要。", ""]), "utf-8")
    assert run_import(project, str(digest)) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{digest}:3: tags: a tag that site.yaml does not name (expected a tag's slug, name or "
        "keyword in site.yaml, or a name in ASCII, found '大模型') — add the tag to site.yaml's "
        "tags, with its names: my-tag: {name: {en: …, zh-Hans: 大模型}}")
    assert imported(project) == {}


def test_who_translated_the_papers_of_an_import(tmp_path, capsys):
    """--translation-model makes each translation the input gives a machine's, awaiting
    review; a digest's own lines (or a table's columns) say otherwise for their paper; a
    paper awaiting its translation gets none of it."""
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "week.txt"
    sample = SAMPLE_DIGEST.read_text("utf-8").splitlines()
    untranslated = ["", "An Untranslated Paper", "An abstract still to be translated."]
    digest.write_text("\n".join(sample[:5] + ["译者：王芳", "审校：李雷"] + sample[5:9]
                                + ["Translation model: qwen-max"] + sample[9:]
                                + untranslated), "utf-8")
    assert run_import(project, str(digest), "--translation-model", "deepseek-chat") == 0
    papers = {p.title.primary.split(":")[0]: p for p in imported(project).values()}
    provenance = {title: (p.translator, p.translation_model, p.reviewed_by)
                  for title, p in papers.items()}
    assert provenance == {"Qwen3 Technical Report": ("王芳", None, "李雷"),
                          "Mutarjim": ("machine", "qwen-max", None),
                          "Absolute Zero": ("machine", "deepseek-chat", None),
                          "Paper2Poster": ("machine", "deepseek-chat", None),
                          "An Untranslated Paper": (None, None, None)}
    assert papers["Absolute Zero"].awaiting_review
    assert not papers["Qwen3 Technical Report"].awaiting_review


def test_a_tables_columns_say_who_translated_each_paper(tmp_path):
    project = make_project(tmp_path / "site", {})
    table = tmp_path / "week.csv"
    table.write_text("Title,中文标题,Abstract,中文摘要,Translator,Translation model,Reviewed by\n"
                     "A Title,一个标题,An abstract.,一段摘要。,Wang Fang,,\n"
                     "Another Title,另一个标题,Another abstract.,另一段摘要。,,gpt-4o,Li Lei\n",
                     "utf-8")
    assert run_import(project, str(table), "--translator", "Zhang San") == 0
    assert {p.title.primary: (p.translator, p.translation_model, p.reviewed_by)
            for p in imported(project).values()} == {
        "A Title": ("Wang Fang", None, None),
        # (the row names a model: its translator is the machine, not --translator's person)
        "Another Title": ("machine", "gpt-4o", "Li Lei")}


def test_a_model_and_a_person_as_translator_is_a_usage_error(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(SAMPLE_DIGEST), "--translator", "Wang Fang",
                      "--translation-model", "deepseek-chat") == 2
    assert "--reviewed-by 'Wang Fang'" in capsys.readouterr().err
    assert imported(project) == {}


def test_date_comes_from_the_file_name(tmp_path):
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "digest-2024-11.txt"
    digest.write_bytes(SAMPLE_DIGEST.read_bytes())
    run_import(project, str(digest))
    assert {p.date for p in imported(project).values()} == {dt.date(2024, 11, 1)}


def test_standard_input(tmp_path, monkeypatch, capsys):
    import io
    import sys

    project = make_project(tmp_path / "site", {})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SAMPLE_DIGEST.read_bytes())))
    assert run_import(project, "-", "--date", "2025-05-01") == 0
    assert len(imported(project)) == 4


FIXTURE_DIGEST = (
    "\ufeffA Study of Everything: Why Titles in This Digest Can Be Much Longer Than The "
    "Abstracts That Follow Them, Which Is Fine\r\n"
    "Google DeepMind\r\n"
    "万物研究：为何标题可以比摘要更长\r\n"
    "Short. It works.\r\n"
    "很短。有效。\r\n"
    "\r\n"
    "\r\n"
    "Math and Markup: $x^2 < y$ & \"quotes\"\r\n"
    "清华大学\r\n"
    "数学与标记：$x^2 < y$ 与“引号”\r\n"
    "We show $\\sum_i a_i < b$ & <b>bold</b> \"quoted\" at https://example.org/a?b=1&c=2 and "
    "quote مترجم in Arabic.\r\n"
    "我们证明 $\\sum_i a_i < b$，详见 https://example.org/a?b=1&c=2 。\r\n"
    "Transformer Scaling\r\n"
    "GPT-4o 与 Transformer 的 Scaling Law\r\n"
    "Scaling matters.\r\n"
    "规模很重要。\r\n"
)


def test_fixture_digest_with_every_kind_of_line():
    entries, problems = parse_digest(FIXTURE_DIGEST, "f.txt", LANGUAGES)
    assert problems == []
    assert [entry.affiliation for entry in entries] == ["Google DeepMind", "清华大学", None]
    assert entries[0].abstract == ("Short. It works.", "很短。有效。")
    # (the digest's inline HTML as the Markdown it stands for, the "<" of its math kept)
    assert entries[1].abstract[0].startswith("We show $\\sum_i a_i < b$ & **bold**")
    assert entries[1].title[1] == "数学与标记：$x^2 < y$ 与“引号”"
    assert entries[2].title == ("Transformer Scaling", "GPT-4o 与 Transformer 的 Scaling Law")
    assert [entry.line for entry in entries] == [1, 8, 13]


def test_fixture_digest_survives_the_whole_import_exactly(tmp_path):
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "fixture.txt"
    digest.write_bytes(FIXTURE_DIGEST.encode("utf-8"))
    assert run_import(project, str(digest), "--date", "2025-01-01") == 0
    papers = {p.title.primary: p for p in imported(project).values()}
    math = papers['Math and Markup: $x^2 < y$ & "quotes"']
    assert abstracts_in_file(project, math)[0] == FIXTURE_DIGEST.split("\r\n")[10].replace(
        "<b>bold</b>", "**bold**")
    assert "&amp; <strong>bold</strong>" in math.abstract.primary.html


@pytest.mark.parametrize("lines, expected", [
    # the Chinese abstract of the first entry is missing
    ([0, 1, 2, 3, 5, 6, 7, 8], "d.txt:5: expected the translated abstract (expected a line in "
                               "简体中文, found a line in English 'Mutarjim: Advancing "
                               "Bidirectional Arabic-English T') — it reads as a title: is "
                               "the translated abstract missing above it?"),
    # the Chinese title of the second entry is missing: its abstract is not a title
    ([0, 1, 2, 3, 4, 5, 7, 8], "d.txt:7: expected the translated title (expected a line in "
                               "简体中文, found a line in English 'We introduce Mutarjim, a "
                               "compact yet powerful lang') — it reads as an abstract: is "
                               "the translated title missing above it?"),
    # an entry that starts with its Chinese title
    ([2, 3, 4], "d.txt:1: expected the title (expected a line in English, found a line in "
                "简体中文 'Qwen3 技术报告') — is the title missing, or a line in the wrong "
                "language?"),
    # the file ends in the middle of an entry
    ([0, 1, 2, 3], "d.txt:5: expected the translated abstract (expected a line in 简体中文, "
                   "found the end of the file) — is the last entry missing a line?"),
])
def test_malformed_digest_points_at_the_line(lines, expected):
    sample = SAMPLE_DIGEST.read_text("utf-8").splitlines()
    text = "\n".join(sample[i] for i in lines)
    entries, problems = parse_digest(text, "d.txt", LANGUAGES)
    assert problems[0].format() == expected


def test_every_problem_is_reported_and_nothing_is_written(tmp_path, capsys):
    sample = SAMPLE_DIGEST.read_text("utf-8").splitlines()
    broken = sample[:4] + sample[5:12] + sample[13:]  # two entries lose their Chinese abstract
    digest = tmp_path / "broken.txt"
    digest.write_text("\n".join(broken), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(digest)) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[1] for line in err[:-1]] == ["5", "12"]
    assert err[-1] == "2 errors in 1 file; nothing was written."
    assert list((project / "content/papers").iterdir()) == []


def test_same_paper_twice_in_one_import_is_an_error(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(SAMPLE_DIGEST), str(SAMPLE_DIGEST)) == 1
    assert "the same paper as" in capsys.readouterr().err


def test_languages_in_one_script_cannot_be_told_apart():
    languages = (Language("en", "English", "ltr"), Language("fr", "Français", "ltr"))
    _, problems = parse_digest("Title\nTitre\n", "d.txt", languages)
    assert "cannot tell the languages apart" in problems[0].format()


# -- property: any well-formed digest imports back to the same fields ----------------------

latin_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                     min_size=1, max_size=10)
han_text = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                   min_size=1, max_size=20)
# (a line of a label alone, "摘要", "中文翻译", "ABSTRACT", says what follows it: no title,
# no affiliation; a title that names organisations alone, "Ai Lab", "一团队", is an
# affiliation's text, see bitext.digest.with_affiliations_in_place; a newsletter's link
# text, "Read more", "查看详情", is no paper's, and "Translated by X" says who translated)


def of_a_paper(text: str) -> bool:
    return (section_label(text) is None and not is_call_to_action(text)
            and provenance_said(text) is None and not NUMBER_ALONE.fullmatch(text))


title = st.lists(latin_word, min_size=1, max_size=12).map(" ".join).filter(
    lambda t: slug_from_title(t) != "" and of_a_paper(t) and not names_organisations(t))
cjk_title = st.tuples(han_text, st.sampled_from(["", " GPT-4o", " LLM 的研究"])).map(
    "".join).filter(lambda text: of_a_paper(text) and not names_organisations(text))
sentence = st.lists(latin_word, min_size=1, max_size=30).map(lambda w: " ".join(w) + ".")
# ("0.": an entry's number, alone; "AI.": an affiliation, which import says it read as
# an abstract; "0 LIKES.": a line of counts, which the daily papers' pages give)
abstract = st.lists(sentence, min_size=1, max_size=4).map(" ".join).filter(
    lambda text: not NUMBER_ALONE.fullmatch(text) and not names_organisations(text)
    and not is_count_line(text, text))
cjk_abstract = st.lists(han_text.map(lambda t: t + "。"), min_size=1, max_size=4).map("".join)
affiliation = st.one_of(st.none(), st.lists(latin_word, min_size=1, max_size=3).map(
    " ".join).filter(of_a_paper), han_text.filter(of_a_paper))
entry = st.builds(lambda t, ct, a, ca, af: Entry(0, (t, ct), (a, ca), af),
                  title, cjk_title, abstract, cjk_abstract, affiliation)


def write_digest(entries: list[Entry], blank_lines: list[bool]) -> str:
    lines = []
    for item, blank in zip(entries, blank_lines, strict=False):
        lines.append(item.title[0])
        if item.affiliation:
            lines.append(item.affiliation)
        lines += [item.title[1], item.abstract[0], item.abstract[1]]
        if blank:
            lines.append("")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(entry, min_size=1, max_size=6), st.lists(st.booleans(), min_size=6,
                                                          max_size=6))
def test_well_formed_entries_import_back_to_the_same_fields(entries, blanks):
    parsed, problems = parse_digest(write_digest(entries, blanks), "p.txt", LANGUAGES)
    assert problems == []
    strip = [(e.title, e.abstract, e.affiliation) for e in entries]
    assert [(e.title, e.abstract, e.affiliation) for e in parsed] == strip


paragraphs = st.lists(abstract, min_size=1, max_size=3).map("\n\n".join)
cjk_paragraphs = st.lists(cjk_abstract, min_size=1, max_size=3).map("\n\n".join)
entry_of_paragraphs = st.builds(lambda t, ct, a, ca, af: Entry(0, (t, ct), (a, ca), af),
                                title, cjk_title, paragraphs, cjk_paragraphs, affiliation)


@settings(max_examples=150, deadline=None)
@given(st.lists(entry_of_paragraphs, min_size=1, max_size=6),
       st.lists(st.booleans(), min_size=6, max_size=6))
def test_entries_with_a_paragraph_a_line_import_back_to_the_same_fields(entries, blanks):
    """Abstracts of one to three paragraphs, each paragraph a line of its own."""
    parsed, problems = parse_digest(write_digest_of_lines(entries, blanks), "p.txt", LANGUAGES)
    assert problems == []
    strip = [(e.title, e.abstract, e.affiliation) for e in entries]
    assert [(e.title, e.abstract, e.affiliation) for e in parsed] == strip


def write_digest_of_lines(entries: list[Entry], blank_lines: list[bool]) -> str:
    """write_digest, with each paragraph of an abstract on a line of its own."""
    lines = write_digest([Entry(0, e.title, tuple(text.replace("\n\n", "\x00")
                                                   for text in e.abstract), e.affiliation)
                          for e in entries], blank_lines)
    return lines.replace("\x00", "\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aiksKİıſ ABC-_é强化学习", max_size=30),
       st.sampled_from(["ks", "AI", "Kiss", "a-b", "é", "强化学习", "sI", "ki ss"]))
def test_a_rule_with_a_needle_fires_exactly_where_its_pattern_matches(text, keyword):
    """The needle looked for first (ASCII keywords) never hides a case-insensitive match,
    also of the letters such as 'ſ' and 'K' that ASCII letters match."""
    from bitext.config import TagInfo
    from bitext.importer import compile_rules, fire_rules
    from bitext.sources import Record

    rules = compile_rules({"t": TagInfo("t", {}, (keyword,))})
    fired = fire_rules(rules, Record("d", 1, (text, None), ("", None))) != []
    assert fired == bool(rules[0].pattern.search(text))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_digest_in_utf16_with_its_byte_order_mark_imports_as_in_utf8(tmp_path, capsys,
                                                                       encoding):
    """A spreadsheet's "Unicode text" (Excel's tab-separated export) is UTF-16 after a byte
    order mark. Before, it was "not UTF-8 text (found byte 0xff)"."""
    text = SAMPLE_DIGEST.read_text("utf-8").replace("\n", "\r\n")
    mark = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    digest = tmp_path / "digest-2025-05.txt"
    digest.write_bytes(mark[encoding] + text.encode(encoding))
    in_utf8 = make_project(tmp_path / "utf8", {})
    assert run_import(in_utf8, str(SAMPLE_DIGEST), "--date", "2025-05-01") == 0
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(digest), "--date", "2025-05-01") == 0
    assert imported(project) == imported(in_utf8) and len(imported(project)) == 4


def test_a_digest_in_gbk_is_refused_with_the_way_to_convert_it(tmp_path, capsys):
    """Notepad on Chinese Windows saves "ANSI", GBK: the file is not read as such (Latin-1
    text, "é" before a letter, reads as GBK too), but the hint says how to convert it, if
    it is GBK. A file that does not read as Chinese in GBK gets the plain hint."""
    gbk = tmp_path / "digest.txt"
    gbk.write_bytes(SAMPLE_DIGEST.read_text("utf-8").encode("gb18030"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Qwen3 Technical Report\nUn café.\n".encode("latin-1"))
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(gbk), str(latin)) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"{gbk}:2: not UTF-8 text (found byte 0xb0) — save the file as UTF-8; if it is GBK, "
        "as Notepad on Chinese Windows saves \"ANSI\": Save as, Encoding UTF-8, or iconv -f "
        "GB18030 -t UTF-8",
        f"{latin}:2: not UTF-8 text (found byte 0xe9) — save the file as UTF-8"]
    assert imported(project) == {}


def test_update_with_another_translation_drops_who_made_and_reviewed_the_old_one(tmp_path):
    """A reviewer's name stood on a translation that `import --update` had replaced with a
    model's: the page said that Li Lei reviewed what glm-4 wrote. The same translation
    again keeps its reviewer, and a model named for it replaces its translator."""
    project = make_project(tmp_path / "site", {})
    lines = SAMPLE_DIGEST.read_text("utf-8").splitlines()
    assert run_import(project, str(SAMPLE_DIGEST), "--translator", "Wang Fang",
                      "--reviewed-by", "Li Lei") == 0
    qwen3 = "qwen3-technical-report"
    same = tmp_path / "same.txt"
    same.write_text("\n".join(lines[:5]), "utf-8")  # (Qwen3's entry)
    assert run_import(project, "--update", str(same)) == 0
    paper = imported(project)[qwen3]
    assert (paper.translator, paper.translation_model, paper.reviewed_by) == (
        "Wang Fang", None, "Li Lei")
    assert run_import(project, "--update", "--translation-model", "glm-4", str(same)) == 0
    paper = imported(project)[qwen3]
    assert (paper.translator, paper.translation_model, paper.reviewed_by) == (
        "machine", "glm-4", "Li Lei")  # (the text Li Lei reviewed)

    another = tmp_path / "another.txt"
    retranslated = "在本工作中，我们介绍 Qwen3，Qwen 模型家族的最新版本。"
    another.write_text("\n".join([*lines[:4], retranslated]), "utf-8")
    for flags, expected in (([], (None, None, None)),
                            (["--translation-model", "glm-4"], ("machine", "glm-4", None)),
                            (["--translator", "Zhang San"], ("Zhang San", None, None))):
        assert run_import(project, "--update", *flags, str(same)) == 0  # (the sample's again)
        assert run_import(project, "--update", *flags, str(another)) == 0
        paper = imported(project)[qwen3]
        assert (paper.translator, paper.translation_model, paper.reviewed_by) == expected
        assert paper.abstract.secondary.text.startswith("在本工作中，我们介绍 Qwen3")
