from pathlib import Path

import pytest

from bitext.config import load_config
from bitext.errors import InputError
from tests.conftest import SITE_YAML


def write_config(folder: Path, text: str) -> Path:
    (folder / "site.yaml").write_text(text, encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_config(folder)
    return [problem.format() for problem in caught.value.problems]


def test_valid_config_is_read(tmp_path):
    config = load_config(write_config(tmp_path, SITE_YAML))
    assert [language.code for language in config.languages] == ["en", "zh-Hans"]
    assert config.primary.name == "English"
    assert config.base_url == "https://example.github.io/digest/"
    assert config.base_path == "/digest/"
    assert config.per_page == 2
    assert config.tags["rl"].names["zh-Hans"] == "强化学习"


def test_every_error_is_reported_at_once(tmp_path):
    text = (SITE_YAML.replace("per_page: 2", "per_page: many")
            .replace("feed_size: 3", "feed_size: 0")
            .replace("base_url: https://example.github.io/digest/", "base_url: ftp://x/")
            .replace("  zh-Hans: 测试文摘\n", "") + "colour: blue\n")
    assert problems_of(write_config(tmp_path, text)) == [
        "site.yaml:1: title.zh-Hans: missing (expected text) — give the title in every "
        "language of the pair",
        "site.yaml:6: base_url: not a web address (expected an http:// or https:// URL, "
        "found 'ftp://x/')",
        "site.yaml:12: per_page: not a whole number (expected 1 to 1000, found 'many')",
        "site.yaml:13: feed_size: out of range (expected 1 to 1000, found 0)",
        "site.yaml:18: colour: unknown field (expected one of title, description, base_url, "
        "domain, languages, per_page, list_per_page, feed_size, editor, tags, search, "
        "awaiting_translation, translation, glossary, found 'colour')",
    ]


def test_language_code_no_stays_a_language(tmp_path):
    text = SITE_YAML.replace("code: zh-Hans", "code: no").replace("zh-Hans:", "no:")
    config = load_config(write_config(tmp_path, text))
    assert config.secondary.code == "no"


def test_arabic_is_right_to_left(tmp_path):
    text = SITE_YAML.replace("code: zh-Hans", "code: ar").replace("zh-Hans:", "ar:")
    config = load_config(write_config(tmp_path, text))
    assert config.secondary.dir == "rtl"
    assert config.primary.dir == "ltr"


def test_a_pair_means_two_languages(tmp_path):
    text = SITE_YAML.replace("  - code: zh-Hans\n    name: 简体中文\n", "")
    assert any("languages: not a pair of languages" in p
               for p in problems_of(write_config(tmp_path, text)))


def test_unknown_field_suggests_the_right_name(tmp_path):
    text = SITE_YAML.replace("per_page:", "per_pgae:")
    assert any("did you mean 'per_page'?" in p for p in problems_of(write_config(tmp_path, text)))


def test_base_url_override_wins_and_gets_a_slash(tmp_path):
    config = load_config(write_config(tmp_path, SITE_YAML), "https://a.example/sub")
    assert config.base_url == "https://a.example/sub/"


def test_missing_base_url_falls_back_to_localhost(tmp_path):
    text = SITE_YAML.replace("base_url: https://example.github.io/digest/\n", "")
    config = load_config(write_config(tmp_path, text))
    assert config.base_url == "http://localhost:8000/"
    assert not config.base_url_set


def test_bad_tag_regex_is_reported(tmp_path):
    text = SITE_YAML + "    match: ['/(unclosed/']\n"
    assert any("tags.rl.match.0: not a regular expression" in p
               for p in problems_of(write_config(tmp_path, text)))


def test_a_control_character_in_site_yaml_is_named_with_its_line(tmp_path, capsys):
    # (paper files are checked before YAML reads them; site.yaml reached PyYAML's reader,
    # which refused the character with a traceback)
    from bitext.cli import main
    from tests.conftest import make_project, paper

    project = make_project(tmp_path / "site", {"one.md": paper()},
                           SITE_YAML + 'editor: "a bell \a here"\n')
    line = (SITE_YAML + "editor").count("\n") + 1
    assert main(["--root", str(project), "build", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"site.yaml:{line}: forbidden character U+0007" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("url, message", [
    ("http://a b/", "not a web address"),
    ("https://example.org/?page=1", "not a site address"),
    ("https://example.org/digest/#top", "not a site address"),
])
def test_a_base_url_every_page_address_can_follow_is_required(tmp_path, url, message):
    # (a space, a query or a fragment made every page's address in feeds and the sitemap
    # broken; --base-url took a space where site.yaml did not)
    text = SITE_YAML.replace("base_url: https://example.github.io/digest/", f"base_url: {url}")
    assert f"base_url: {message}" in problems_of(write_config(tmp_path, text))[0]
    with pytest.raises(InputError) as caught:
        load_config(write_config(tmp_path, SITE_YAML), url)
    assert caught.value.problems[0].format().startswith(f"--base-url: {message}")


def test_an_editor_and_a_tag_name_written_once(tmp_path):
    """`editor: Wang Fang` names the editor and `name: LLM` names a tag in both languages:
    before, each was "wrong type (expected a mapping of names to values …)"."""
    text = (SITE_YAML.replace("    name: {en: Reinforcement learning, zh-Hans: 强化学习}",
                              "    name: RL")
            + "editor: Wang Fang\n")
    assert "name: RL" in text
    config = load_config(write_config(tmp_path, text))
    assert config.editor == "Wang Fang" and config.editor_email is None
    assert config.tags["rl"].names == {"en": "RL", "zh-Hans": "RL"}


def test_a_language_written_as_its_code_names_what_to_write(tmp_path):
    text = SITE_YAML.replace("  - code: en\n    name: English\n", "  - en\n")
    assert "  - en\n" in text
    assert problems_of(write_config(tmp_path, text)) == [
        "site.yaml:9: languages.0: wrong type (expected a language's code and name, such as "
        "{code: en, name: …}, found 'en')"]


@pytest.mark.parametrize("written, expected", [
    ("translation: deepseek-chat\n", "translation: wrong type (expected the translation "
     "service's settings, such as {base_url: https://…/v1, model: …}, found 'deepseek-chat')"),
    ("glossary: [LLM]\n", "glossary: wrong type (expected the terms with their translations "
     "and the words to keep, such as {terms: {…}, keep: […]}, found a list)"),
])
def test_a_section_of_the_wrong_shape_shows_the_shape_to_write(tmp_path, written, expected):
    problems = problems_of(write_config(tmp_path, SITE_YAML + written))
    assert [problem.split(": ", 1)[1] for problem in problems] == [expected]
