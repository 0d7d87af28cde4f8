import pytest

from bitext.strictyaml import YamlError, load


@pytest.mark.parametrize("text", ["no", "on", "yes", "off", "2101.10010", "0123", "12:30",
                                  "1e3", "0x1F", "2025-05-14", "~x"])
def test_yaml_11_lookalikes_stay_text(text):
    assert load(f"value: {text}").value == {"value": text}


@pytest.mark.parametrize("text", ["", "~", "null"])
def test_plain_empty_and_null_are_none(text):
    assert load(f"value: {text}").value == {"value": None}


def test_quoted_null_is_text():
    assert load("value: 'null'").value == {"value": "null"}


def test_lines_of_fields_are_recorded():
    document = load("a: 1\nb:\n  c: 2\n  d: [x, y]\n")
    assert document.lines[("a",)] == 1
    assert document.lines[("b", "c")] == 3
    assert document.line_of(("b", "d", 1)) == 4


@pytest.mark.parametrize("text, line, message", [
    ("a: 1\nb: 2\na: 3", 3, "duplicate key 'a' (first on line 1)"),
    ("a: &x 1\nb: *x", 1, "anchor &x is not allowed"),
    ("a: !!python/object:os.system x", 1, "explicit tag"),
    ("a: 1\n---\nb: 2", 2, "more than one YAML document"),
    ("a:\n\t- b", 2, "not valid YAML"),
    ("a: [1, 2", 2, "not valid YAML"),
    # Of several problems, the first in the text (the parser's events are all taken before
    # composing: a syntax error further down must not hide a problem above it).
    ("a: &x 1\nb: [c\n", 1, "anchor &x is not allowed"),
    ("a: 1\na: 2\nb: [c\n", 2, "duplicate key 'a'"),
    ("a: !!str 1\nb: {c\n", 1, "explicit tag"),
    ("a: [c\nb: &x 1\n", 2, "not valid YAML"),
])
def test_refused_yaml(text, line, message):
    with pytest.raises(YamlError) as caught:
        load(text)
    assert caught.value.line == line
    assert message in caught.value.message


def test_tab_indentation_gets_a_hint():
    with pytest.raises(YamlError) as caught:
        load("a:\n\t- b")
    assert caught.value.hint == "indent with spaces, not tabs"


@pytest.mark.parametrize(("text", "hint"), [
    ("title: Qwen3: Think Deeper\n", 'put the value in double quotes: title: "Qwen3: Think '
                                     'Deeper"'),
    ('title:\n  en: Say "no": a study\n', 'put the value in double quotes: en: "Say \\"no\\": '
                                         'a study"'),
    ("title: 'Qwen3': Think\n", None),  # (quoted already: no quoting mends it)
])
def test_a_value_that_holds_a_colon_gets_a_hint_to_quote_it(text, hint):
    with pytest.raises(YamlError) as caught:
        load(text)
    assert caught.value.message == ("not valid YAML: mapping values are not allowed in this "
                                    "context")
    assert caught.value.hint == hint


def test_deep_nesting_is_refused():
    text = "a: " + "[" * 20 + "]" * 20
    with pytest.raises(YamlError, match="nested deeper"):
        load(text)


def test_alias_bomb_is_refused_before_expansion():
    text = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]"
    with pytest.raises(YamlError):
        load(text)


@pytest.mark.parametrize("text, line, code", [
    ("a: \x07", 1, "U+0007"),
    ("a: 中文\nb: x\nc: \x01", 3, "U+0001"),  # (PyYAML's C reader counts bytes, not characters)
    ("a: \ud800", 1, "U+D800"),
])
def test_a_character_the_reader_refuses_is_a_problem_not_a_crash(text, line, code):
    with pytest.raises(YamlError) as caught:
        load(text)
    assert (caught.value.line, caught.value.message) == (line, f"forbidden character {code}")
