"""Fixture sites: a golden site whose whole output is compared byte for byte, and invalid
sites that must fail with their exact messages and leave the previous output untouched.

Regenerate the golden output on purpose, then review the diff:
    pytest tests/test_fixture_sites.py --regen-golden && git diff tests/fixtures/golden
Write an invalid site's expected messages the first time with the same flag.
"""

import shutil
from pathlib import Path

import pytest

from bitext.cli import main
from tests.conftest import FIXTURES, SITE_YAML, make_project, paper, snapshot

GOLDEN = FIXTURES / "golden"
INVALID = sorted(path.name for path in (FIXTURES / "invalid").iterdir() if path.is_dir())


def fixture_project(source: Path, folder: Path) -> Path:
    """The fixture's site.yaml and content with the repository's templates and static."""
    site_yaml = source / "site.yaml"
    project = make_project(folder, {}, site_yaml.read_text("utf-8") if site_yaml.is_file()
                           else SITE_YAML)
    shutil.copytree(source / "content", project / "content", dirs_exist_ok=True)
    return project


def test_golden_site_output_is_unchanged(tmp_path, request, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")
    project = fixture_project(GOLDEN / "site", tmp_path / "site")
    out = tmp_path / "out"
    assert main(["--root", str(project), "build", "--out", str(out)]) == 0
    expected = GOLDEN / "expected"
    if request.config.getoption("--regen-golden"):
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(out, expected)
    produced, wanted = snapshot(out), snapshot(expected)
    assert sorted(produced) == sorted(wanted)
    for path in wanted:
        assert produced[path] == wanted[path], f"{path} differs from the golden output"


@pytest.mark.parametrize("name", INVALID)
def test_invalid_site_fails_with_its_message_and_keeps_the_old_output(name, tmp_path, capsys,
                                                                        request):
    out = tmp_path / "out"
    good = make_project(tmp_path / "good", {"a.md": paper()})
    assert main(["--root", str(good), "build", "--out", str(out)]) == 0
    before = snapshot(out)
    capsys.readouterr()

    project = fixture_project(FIXTURES / "invalid" / name, tmp_path / "bad")
    assert main(["--root", str(project), "build", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    expected_file = FIXTURES / "invalid" / name / "expected.txt"
    if request.config.getoption("--regen-golden"):
        expected_file.write_text(captured.err, "utf-8")
    assert captured.err == expected_file.read_text("utf-8")
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["bad", "good", "out"]
