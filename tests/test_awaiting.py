"""Papers awaiting their translation (held back or published, as site.yaml says) and
translations that went stale, through the commands an editor runs."""

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest

from bitext.cli import main
from tests.conftest import FIXTURES, REPO, SITE_YAML, make_project, paper, require
from tests.pages_server import serve_pages
from tests.test_browser import axe_violations
from tests.test_validators import vnu_messages

AWAITING = (FIXTURES / "golden/site/content/papers/epsilon.md").read_text("utf-8")
SLUG = "are-we-done-with-mmlu"
GAMMA = "gamma-ray"  # (a machine translation that nobody reviewed)
PUBLISH = SITE_YAML + "awaiting_translation: publish\n"


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def built(project: Path, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out"
    assert run(project, "build", "--out", str(out), *args) == 0
    return out


def json_ld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])


def test_held_back_by_default_and_listed_by_check(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"a.md": paper(tags=["rl"]), "mmlu.md": AWAITING})
    out = built(project, tmp_path)
    err = capsys.readouterr().err
    assert ("note: 1 paper awaiting translation held back until translated (awaiting_translation:"
            " publish in site.yaml publishes them; `bitext check` lists them)") in err
    assert not (out / "papers" / SLUG).exists()
    for name in ("index.html", "feed.xml", "sitemap.xml", "tags/rl/index.html"):
        assert "MMLU" not in (out / name).read_text("utf-8"), name
    assert run(project, "check") == 0
    assert capsys.readouterr().out.splitlines() == [
        "content/papers/mmlu.md: awaiting translation (held back)",
        "ok: 1 paper, 12 pages and feeds, 4 static files; 1 awaiting translation, 0 machine "
        "translations to review, 0 warnings"]


def test_a_build_with_nothing_to_do_counts_the_papers_the_site_shows(tmp_path, capsys):
    """As the build before it did: the held-back paper's file is not one of them."""
    project = make_project(tmp_path / "site", {"a.md": paper(), "mmlu.md": AWAITING})
    built(project, tmp_path)
    assert capsys.readouterr().out.startswith("built 1 paper: ")
    built(project, tmp_path)
    assert capsys.readouterr().out.startswith("no changes: 1 paper, ")


def test_the_preview_shows_held_papers_with_their_badge(tmp_path):
    from bitext.pipeline import Options, build

    project = make_project(tmp_path / "site", {"a.md": paper(), "mmlu.md": AWAITING})
    build(Options(root=project, out=tmp_path / "preview", drafts=True))  # as `serve` builds
    home = (tmp_path / "preview/index.html").read_text("utf-8")
    entry = home.split("Are We Done with MMLU?")[1].split("</li>")[0]
    assert '<span class="badge badge-awaiting">' in entry
    assert (tmp_path / "preview/papers" / SLUG / "index.html").is_file()


def test_published_with_a_note_in_the_page_the_feeds_and_json_ld(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"a.md": paper(), "mmlu.md": AWAITING},
                           PUBLISH)
    out = built(project, tmp_path)
    page = (out / "papers" / SLUG / "index.html").read_text("utf-8")
    assert '<span class="title-primary" lang="en" dir="ltr">Are We Done with MMLU?</span>' in page
    assert 'class="title-secondary' not in page.split("<h1")[1].split("</h1>")[0]
    assert '<p class="translation-note" role="note">本文的译文即将推出。</p>' in page
    assert ('data-alt="译文即将推出" data-alt-lang="zh-Hans" data-alt-dir="ltr">Translation '
            'coming') in page
    # the English abstract shows in every reading mode: it has no in-primary class
    assert '<section class="abstract" lang="en"' in page
    translation = json_ld(page)["workTranslation"]
    assert translation == {"@type": "ScholarlyArticle", "inLanguage": "zh-Hans",
                           "creativeWorkStatus": "Incomplete",
                           "description": "本文的译文即将推出。",
                           "translationOfWork": {"@id": f"https://example.github.io/digest/"
                                                        f"papers/{SLUG}/"}}
    listing = (out / "tags/rl/index.html").read_text("utf-8")
    assert "Translation coming" in listing
    for name in ("feed.xml", "tags/rl/feed.xml"):
        feed = feedparser.parse((out / name).read_bytes())
        assert not feed.bozo
        item = next(entry for entry in feed.entries if "MMLU" in entry.title)
        assert item.title == "Are We Done with MMLU?"
        assert '<p dir="ltr" lang="zh-Hans"><em>本文的译文即将推出。</em></p>' in item.description
        assert "Maybe not." in item.description
    assert "published with a note" in capsys.readouterr().err


def test_a_paper_awaiting_its_title_alone_names_its_abstract_s_translator(tmp_path):
    """The translated abstract of a paper whose title awaits its translation (as
    daily-arXiv-ai-enhanced gives them) is shown with who made it, and the badge says
    that the title's translation is coming."""
    project = make_project(tmp_path / "site", {"a.md": paper(
        "Are We Done with MMLU?", None, "Maybe not.", "也许还没有。", tags=["rl"],
        translator="machine", translation_model="qwen-mt-plus")}, PUBLISH)
    out = built(project, tmp_path)
    page = (out / "papers" / SLUG / "index.html").read_text("utf-8")
    assert ('data-alt="标题译文即将推出" data-alt-lang="zh-Hans" data-alt-dir="ltr">Title’s '
            'translation coming') in page
    assert ">Machine translation (qwen-mt-plus), not reviewed</dd>" in page
    assert '<p class="translation-note" role="note">本文的译文即将推出。</p>' not in page
    translation = json_ld(page)["workTranslation"]
    assert translation["creativeWorkStatus"] == "Incomplete"
    assert translation["abstract"] == "也许还没有。"
    assert translation["translator"] == {"@type": "SoftwareApplication",
                                         "name": "qwen-mt-plus"}
    assert "Title’s translation coming" in (out / "tags/rl/index.html").read_text("utf-8")
    item = feedparser.parse((out / "feed.xml").read_bytes()).entries[0]
    assert "<em>译者：机器翻译（qwen-mt-plus），未经审校</em>" in item.description


def test_a_wrong_choice_in_site_yaml_is_named(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"a.md": paper()},
                           SITE_YAML + "awaiting_translation: later\n")
    assert run(project, "check") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "site.yaml:19: awaiting_translation: unknown choice (expected hold or publish, found "
        "'later') — hold keeps such papers out of the site until they are translated")


def translate(path: Path, title: str, abstract: str) -> None:
    """What an editor does: write the translated title and abstract into the file."""
    text = path.read_text("utf-8")
    text = text.replace("  zh-Hans:\n", f"  zh-Hans: {title}\n", 1)
    path.write_text(text.replace("::: zh-Hans\n:::", f"::: zh-Hans\n{abstract}\n:::"), "utf-8")


def test_import_translate_publish_then_arxiv_revises_the_abstract(tmp_path, capsys):
    """The whole path: a day of daily papers awaits translation; one is translated and
    published; arXiv revises its abstract; check and the page say the translation is
    stale until the editor confirms it."""
    project = make_project(tmp_path / "site", {})
    day = FIXTURES / "hf-daily-papers/2024-06-13.json"
    assert run(project, "import", str(day)) == 0
    path = project / "content/papers" / f"{SLUG}.md"
    translate(path, "MMLU 做完了吗？", "也许没有。我们发现并分析了流行基准 MMLU 中的错误，并开放 "
              "MMLU-Redux：https://huggingface.co/datasets/edinburgh-dawg/mmlu-redux")
    capsys.readouterr()
    assert run(project, "check") == 0
    out = capsys.readouterr()
    assert f"content/papers/{SLUG}.md" not in out.out and "warning" not in out.err
    assert "ok: 1 paper, " in out.out and "20 awaiting translation" in out.out

    revised = json.loads(day.read_text("utf-8"))
    for item in revised:
        if item["paper"]["id"] == "2406.04127":
            item["paper"]["summary"] = "Maybe not (revised). " + item["paper"]["summary"]
    changed = tmp_path / "2024-06-13.json"
    changed.write_text(json.dumps(revised), "utf-8")
    assert run(project, "import", "--update", str(changed)) == 0
    report = capsys.readouterr().out
    updated = next(line for line in report.splitlines() if line.startswith("updated "))
    assert updated.startswith("updated content/papers/are-we-done-with-mmlu.md  [")
    assert updated.endswith("; translation out of date]")
    assert report.splitlines()[-1] == (
        "0 created, 1 updated, 20 skipped; 20 awaiting translation; 1 translation out of "
        "date (`bitext translate --stale` makes again those a machine made and no one "
        "reviewed)")
    text = path.read_text("utf-8")
    assert "Maybe not (revised)." in text and "MMLU 做完了吗？" in text  # translation kept
    line = next(number for number, content in enumerate(text.splitlines(), start=1)
                if content.startswith("translated_from:"))

    assert run(project, "check") == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/papers/{SLUG}.md:{line}: translated_from: warning: the translation may be out "
        "of date (expected the zh-Hans text translated from this en text, found the en title "
        "or abstract changed since it was translated) — update the translation, then run "
        f"`bitext confirm content/papers/{SLUG}.md`")
    out = built(project, tmp_path)
    page = (out / "papers" / SLUG / "index.html").read_text("utf-8")
    assert "此译文依据摘要的较早版本译出，原文此后有改动。" in page

    capsys.readouterr()
    assert run(project, "confirm", str(path)) == 0
    assert capsys.readouterr().out.startswith(f"confirmed content/papers/{SLUG}.md")
    assert run(project, "check") == 0
    assert "warning" not in capsys.readouterr().err
    out = built(project, tmp_path)
    assert "较早版本" not in (out / "papers" / SLUG / "index.html").read_text("utf-8")
    capsys.readouterr()
    assert run(project, "confirm", str(path)) == 0
    assert capsys.readouterr().out.startswith(f"up to date content/papers/{SLUG}.md")


def test_an_abstract_edited_by_hand_makes_the_translation_stale(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    digest = tmp_path / "d.txt"
    digest.write_text("A Title?\n一个标题？\nAn abstract.\n一段摘要。\n", "utf-8")
    assert run(project, "import", str(digest), "--date", "2025-01-01") == 0
    path = project / "content/papers/a-title.md"
    assert re.search(r"^translated_from: [0-9a-f]{12}$", path.read_text("utf-8"), re.M)
    path.write_text(path.read_text("utf-8").replace("An abstract.", "An abstract,\nre-wrapped."),
                    "utf-8")
    capsys.readouterr()
    assert run(project, "check") == 0
    assert "translation may be out of date" in capsys.readouterr().err
    # white space alone is no change: re-wrapping a line does not make it stale
    path.write_text(path.read_text("utf-8").replace("An abstract,\nre-wrapped.", "An\nabstract."),
                    "utf-8")
    assert run(project, "check") == 0
    assert "out of date" not in capsys.readouterr().err


def test_confirm_refuses_what_it_cannot_confirm_and_writes_nothing(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"mmlu.md": AWAITING, "a.md": paper()})
    before = (project / "content/papers/a.md").read_bytes()
    assert run(project, "confirm", str(project / "content/papers/a.md"),
               str(project / "content/papers/mmlu.md"), str(project / "site.yaml")) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/papers/mmlu.md: nothing to confirm (found no translation yet) — write the "
        "translation first",
        "site.yaml: not a paper file (expected a file in content/papers/)",
        "2 errors in 2 files; nothing was written."]
    assert (project / "content/papers/a.md").read_bytes() == before


def test_pages_with_awaiting_and_stale_translations_are_valid_html(tmp_path):
    project = make_project(tmp_path / "site", {})
    shutil.copytree(FIXTURES / "golden/site/content", project / "content", dirs_exist_ok=True)
    (project / "site.yaml").write_text(PUBLISH, "utf-8")
    out = built(project, tmp_path)
    pages = sorted(str(p) for p in out.rglob("*.html"))
    messages = vnu_messages(*pages)
    assert [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


# -- in the browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def awaiting_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("awaiting")
    project = make_project(folder / "site", {})
    shutil.copytree(FIXTURES / "golden/site/content", project / "content", dirs_exist_ok=True)
    (project / "site.yaml").write_text(PUBLISH, "utf-8")
    assert main(["--root", str(project), "build", "--out", str(folder / "out")]) == 0
    with serve_pages(folder / "out", "/digest/") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("mode, english_abstract, note", [
    ("en", True, False), ("zh-Hans", True, True), ("both", True, True),
])
def test_an_awaiting_paper_in_each_reading_mode(browser, awaiting_site, mode, english_abstract,
                                                 note):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{awaiting_site}papers/{SLUG}/?read={mode}")
    assert page.locator("h1 .title-primary").is_visible()  # never an empty heading
    assert page.locator("section.abstract[lang='en'] .block").first.is_visible() == english_abstract
    assert page.locator(".abstracts > section .translation-note").is_visible() == note
    assert page.locator(".badge-awaiting").is_visible()
    page.close()


@pytest.mark.browser
def test_a_translation_note_leaves_the_paragraphs_side_by_side(browser, awaiting_site):
    """A machine translation nobody reviewed has a note above its abstract: in aligned
    abstracts it shares the headings' row, and each paragraph starts beside its
    counterpart (in a row of its own, the note overlapped the first paragraph)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{awaiting_site}papers/{GAMMA}/")
    note = page.locator("section.in-secondary .translation-note").bounding_box()
    blocks = {side: page.locator(f"section.in-{side} .block").first.bounding_box()
              for side in ("primary", "secondary")}
    assert note["y"] + note["height"] <= blocks["secondary"]["y"]
    assert blocks["primary"]["y"] == blocks["secondary"]["y"]
    # ... and on the heading's line, where it fits: on a line of its own, it pushed the
    # first paragraphs of both columns a line down, below an empty space in the first
    heading = page.locator("section.in-secondary .abstract-heading").bounding_box()
    assert abs(note["y"] - heading["y"]) < 2
    primary_heading = page.locator("section.in-primary .abstract-heading").bounding_box()
    assert blocks["primary"]["y"] - (primary_heading["y"] + primary_heading["height"]) < 20
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("slug, note", [
    (GAMMA, "机器翻译，未经人工审校。"),
    ("beta-results", "此译文依据摘要的较早版本译出，原文此后有改动。"),
    (SLUG, "本文的译文即将推出。")])
def test_a_phone_reading_paragraph_by_paragraph_sees_the_translations_note(
        browser, awaiting_site, slug, note):
    """Paragraph by paragraph, a phone's default, pairs the abstracts' paragraphs and left
    the translation's heading out, and its note with it: a phone's reader never learned
    that the translation was a machine's, or made from an earlier abstract."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{awaiting_site}papers/{slug}/")
    assert page.locator("html").get_attribute("data-reading") == "interleaved"
    shown = page.locator(".translation-note:visible")
    assert shown.all_inner_texts() == [note]
    assert shown.evaluate("note => note.closest('[lang]').lang") == "zh-Hans"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
@pytest.mark.parametrize("path", ["", f"papers/{SLUG}/", "papers/beta-results/", "tags/rl/"])
def test_axe_finds_no_violations_on_awaiting_and_stale_pages(browser, awaiting_site, path,
                                                             width, height):
    axe = REPO / "node_modules/axe-core/axe.min.js"
    require(axe.exists(), "npm's axe-core")
    for scheme in ("light", "dark"):
        page = browser.new_page(viewport={"width": width, "height": height},
                                color_scheme=scheme)
        page.goto(awaiting_site + path)
        violations = axe_violations(page, axe)
        assert violations == [], f"{path} {width}x{height} {scheme}: {violations}"
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("mode, note, label", [
    ("en", False, "Machine translation (deepseek-chat), not reviewed"),
    ("zh-Hans", True, "机器翻译（deepseek-chat），未经审校"),
    ("both", True, "Machine translation (deepseek-chat), not reviewed"),
])
def test_a_machine_translation_says_so_in_each_reading_mode(browser, awaiting_site, mode, note,
                                                            label):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{awaiting_site}papers/gamma-ray/?read={mode}")
    notes = page.locator(".abstracts > section .translation-note")
    assert notes.count() == 1 and notes.is_visible() == note
    assert notes.text_content() == "机器翻译，未经人工审校。"
    assert page.locator(".paper-meta dd", has_text=label).is_visible()
    page.close()
