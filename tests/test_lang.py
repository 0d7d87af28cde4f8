"""Language of parts (WCAG 3.1.2): every piece of Chinese or Arabic text in a built page
sits inside an element whose `lang` is a language written in that script, so that a
screen reader reads it with the right voice: the sample site, a paper with a Chinese
affiliation and Chinese author names, and a site whose second language is Arabic."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.pipeline import Options, build
from bitext.render import MARKED_SCRIPTS, RUN_GROUP, marked_runs
from bitext.scripts import character_script
from tests.conftest import REPO, SITE_YAML, make_project, paper

SCRIPTS = {"CJK": re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
           "Arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")}
LANGUAGES_OF = {"CJK": ("zh", "ja"), "Arabic": ("ar", "fa", "ur")}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SKIPPED = {"script", "style"}


class LanguageOfParts(HTMLParser):
    """Collects (line, text, lang) for each text in a script whose element's language is
    written in another."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.wrong: list[tuple[int, str, str]] = []

    def lang(self) -> str:
        return next((lang for _, lang in reversed(self.stack) if lang is not None), "")

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if any(tag in SKIPPED for tag, _ in self.stack):
            return
        lang = self.lang().split("-")[0].lower()
        for script, pattern in SCRIPTS.items():
            if pattern.search(data) and lang not in LANGUAGES_OF[script]:
                self.wrong.append((self.getpos()[0], data.strip()[:40], lang or "none"))


def wrong_parts(folder: Path) -> list[str]:
    found = []
    for page in sorted(folder.rglob("*.html")):
        parser = LanguageOfParts()
        parser.feed(page.read_text("utf-8"))
        found += [f"{page.relative_to(folder)}:{line}: {text!r} in lang={lang}"
                  for line, text, lang in parser.wrong]
    return found


def test_the_walker_finds_chinese_inside_english():
    parser = LanguageOfParts()
    parser.feed('<html lang="en"><p>Alibaba <span>阿里</span></p><p lang="zh-Hans">阿里</p>'
                '<script>var a = "阿里";</script></html>')
    assert parser.wrong == [(1, "阿里", "en")]


def test_every_sample_page_marks_the_language_of_its_parts(tmp_path):
    out = tmp_path / "site"
    build(Options(root=REPO, out=out, base_url="https://example.github.io/digest/",
                  drafts=True))
    assert len(list(out.rglob("*.html"))) > 20
    assert wrong_parts(out) == []


MIXED = paper("Scaling Laws", "规模定律", "An abstract.", "摘要。", tags=["rl"],
              authors=["Li Hua", "王芳", "Ahmed مرسي"], affiliation="阿里巴巴达摩院",
              slug="mixed")


@pytest.mark.parametrize("secondary", ["zh-Hans", "ar"])
def test_chinese_and_arabic_names_and_affiliations_carry_their_language(tmp_path, secondary):
    site_yaml = SITE_YAML
    papers = {"mixed.md": MIXED}
    if secondary == "ar":
        site_yaml = SITE_YAML.replace("code: zh-Hans", "code: ar").replace(
            "name: 简体中文", "name: العربية").replace("zh-Hans:", "ar:").replace(
            "测试文摘", "ملخص الاختبار").replace("测试用的论文。", "أوراق للاختبار.").replace(
            "强化学习", "التعلم المعزز")
        papers = {"mixed.md": MIXED.replace("zh-Hans", "ar").replace("规模定律", "قوانين التوسع")
                  .replace("摘要。", "ملخص.")}
    project = make_project(tmp_path / "site", papers, site_yaml)
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    assert wrong_parts(out) == []
    page = (out / "papers/mixed/index.html").read_text("utf-8")
    assert '<span lang="zh" dir="ltr">阿里巴巴达摩院</span>' in page or (
        secondary == "zh-Hans" and '<span lang="zh-Hans" dir="ltr">阿里巴巴达摩院</span>' in page)


def test_the_golden_site_marks_the_language_of_its_parts(tmp_path):
    """Its translator is 译者甲, its reviewer and authors Latin, a paper awaits translation."""
    import shutil

    from tests.conftest import FIXTURES

    project = make_project(tmp_path / "site", {})
    shutil.copytree(FIXTURES / "golden/site/content", project / "content", dirs_exist_ok=True)
    (project / "site.yaml").write_text(
        (FIXTURES / "golden/site/site.yaml").read_text("utf-8"), "utf-8")
    build(Options(root=project, out=tmp_path / "out", drafts=True))
    assert wrong_parts(tmp_path / "out") == []


def marked_runs_letter_by_letter(text: str) -> list[tuple[int, int, set[str]]]:
    """The rule, said another way: the text's letters in order, each with its script;
    consecutive letters of one marked group make a run (what lies between them is not a
    letter), and any other letter ends it."""
    letters = [(index, script) for index, char in enumerate(text)
               if (script := character_script(char)) is not None]

    def group(letter: tuple[int, str]) -> str | None:
        script = letter[1]
        return RUN_GROUP.get(script, script) if script in MARKED_SCRIPTS else None

    runs = []
    for marked, run in itertools.groupby(letters, key=group):
        run = list(run)
        if marked is not None:
            runs.append((run[0][0], run[-1][0] + 1, {script for _, script in run}))
    return runs


# Names, affiliations and BibTeX as digests have them: Latin with accents, Han, kana,
# Hangul, Arabic, Hebrew, Devanagari, Thai, digits, spaces, punctuation, combining marks.
MIXED_TEXT = st.text(st.sampled_from(
    list("Ab z.,-{}()=\"'&@ 09") + list("éüøßİıçñ") + list("阿里巴巴達摩院大学")
    + list("カタカナひらがなー") + list("한국어") + list("مرسي") + list("עברית") + list("हिन्दी")
    + list("ภาษาไทย") + ["\u0301", "\u3000", "\u00a0", "·", "—"]), max_size=60)


@settings(max_examples=400, deadline=None)
@given(MIXED_TEXT)
def test_marked_runs_are_those_found_letter_by_letter(text):
    assert marked_runs(text) == marked_runs_letter_by_letter(text)


def test_marked_runs_keep_punctuation_inside_and_end_at_latin_letters():
    assert marked_runs("Ahmed مرسي, بن علي") == [(6, 18, {"ARABIC"})]
    assert marked_runs("阿里 Alibaba 达摩院") == [(0, 2, {"CJK"}), (11, 14, {"CJK"})]
    assert marked_runs("カタカナ・阿里") == [(0, 7, {"KATAKANA", "CJK"})]
