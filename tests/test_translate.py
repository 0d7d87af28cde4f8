"""`translate` against an OpenAI-compatible chat-completions server of our own, on
127.0.0.1 (real HTTP, real JSON), and the translation checks of `check`."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.cli import main
from bitext.content import text_fingerprint
from bitext.paperfile import with_field
from tests.chat_server import chat_answer, faithful, serve_model
from tests.conftest import FIXTURES, REPO, SITE_YAML, make_project, paper, snapshot

KEY = "sk-test-Secret-4f9a1c"
ABSTRACT = ("We bound the error by $O(n^2)$ with `torch.compile`; code at "
            "https://github.com/example/fast and details in 2505.09388.\n\n"
            "A second paragraph on reinforcement learning with LLM judges.")


def awaiting(title: str, abstract: str = ABSTRACT) -> str:
    return paper(title, None, abstract, None)


@pytest.fixture
def model():
    with serve_model() as behaviour:
        yield behaviour


def site_yaml(url: str, **settings) -> str:
    values = {"base_url": url, "model": "test-model", "api_key_env": "BITEXT_TEST_KEY",
              "retry_seconds": 0, "timeout_seconds": 1, **settings}
    lines = "".join(f"  {name}: {value}\n" for name, value in values.items())
    # (feeds of 10: the papers of these tests share a day, and `check` would warn of a
    # day past the feeds' 3)
    return (SITE_YAML.replace("feed_size: 3", "feed_size: 10") + "translation:\n" + lines
            + "glossary:\n  terms: {reinforcement learning: 强化学习}\n  keep: [LLM]\n")


@pytest.fixture
def project(tmp_path, model, monkeypatch):
    monkeypatch.setenv("BITEXT_TEST_KEY", KEY)
    return make_project(tmp_path / "site", {
        "one.md": awaiting("Fast Kernels for $O(n^2)$ Attention"),
        "two.md": awaiting("A Second Paper", "Just one paragraph. LLM inside."),
    }, site_yaml(model.url))


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def no_key_anywhere(project: Path, *outputs: str) -> None:
    for name, data in snapshot(project).items():
        assert KEY.encode() not in data, name
    for output in outputs:
        assert KEY not in output


def test_pending_papers_are_translated_with_their_provenance(project, model, capsys):
    assert run(project, "translate", "--pending") == 0
    out, err = capsys.readouterr()
    assert sorted(out.splitlines()[:-1]) == [
        "translated content/papers/one.md  [test-model; 1 request]",
        "translated content/papers/two.md  [test-model; 1 request]"]
    assert re.fullmatch(r"2 translated \(0 from the cache\), 0 failed, 0 skipped; 2 requests "
                        r"in \d+\.\d s", out.splitlines()[-1])
    text = (project / "content/papers/one.md").read_text("utf-8")
    assert "  zh-Hans: 论文标题的中文译文$O(n^2)$\n" in text
    assert re.search(r"^translator: machine\ntranslation_model: test-model\n"
                     r"translated_from: [0-9a-f]{12}\n---$", text, re.M)
    assert "::: zh-Hans\n这是一段忠实的中文译文" in text
    # the request: the key in its header only, the glossary in the instructions
    assert {r["path"] for r in model.requests} == {"/v1/chat/completions"}
    assert {r["authorization"] for r in model.requests} == {f"Bearer {KEY}"}
    system = model.requests[0]["body"]["messages"][0]["content"]
    assert "reinforcement learning → 强化学习" in system and "untranslated: LLM" in system
    no_key_anywhere(project, out, err)
    assert run(project, "check") == 0
    assert "warning" not in capsys.readouterr().err


def test_an_editors_note_is_neither_sent_nor_changed(project, model, capsys):
    """A note is the editor's own words, in its language: translate sends the primary title
    and abstract only, and writes the translation beside the notes, which stay as they
    were."""
    path = project / "content/papers/one.md"
    notes = "\n::: note zh-Hans\n编者：先读第三节。\n:::\n\n::: note en\nRead §3 first.\n:::\n"
    path.write_text(path.read_text("utf-8") + notes, "utf-8")
    assert run(project, "translate", str(path)) == 0
    text = path.read_text("utf-8")
    assert text.endswith(notes) and "::: zh-Hans\n这是一段忠实的中文译文" in text
    asked = json.dumps(model.requests[0]["body"], ensure_ascii=False)
    assert "先读第三节" not in asked and "Read §3 first" not in asked
    assert run(project, "check") == 0


def test_a_429_is_tried_again(project, model, capsys):
    model.answers = [(429, b'{"error": "slow down"}', 0, {"Retry-After": "0"}),
                     (200, None, 0, {})]
    assert run(project, "translate", str(project / "content/papers/one.md")) == 0
    assert "translated content/papers/one.md  [test-model; 2 requests]" in capsys.readouterr().out
    assert len(model.requests) == 2


def fails_leaving_its_file(project: Path, capsys, name: str, reason: str) -> None:
    """`translate` of the one paper fails for this reason, and no file changes."""
    before = snapshot(project / "content")
    assert run(project, "translate", str(project / "content/papers" / name)) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"failed content/papers/{name}: {reason} (the file is as it was)")
    assert snapshot(project / "content") == before


def test_a_timeout_fails_the_paper_and_leaves_its_file(project, model, capsys):
    model.answers = [(200, None, 3, {})]  # after the one-second timeout
    fails_leaving_its_file(project, capsys, "two.md", "no answer within 1 s, after 6 attempts")


def test_a_malformed_answer_fails_the_paper(project, model, capsys):
    model.answers = [(200, chat_answer("Sure! Here is the translation: 标题"), 0, {})]
    before = snapshot(project / "content")
    assert run(project, "translate", str(project / "content/papers/two.md")) == 1
    assert capsys.readouterr().out.startswith(
        "failed content/papers/two.md: the answer is not the JSON object asked for")
    assert snapshot(project / "content") == before


@pytest.mark.parametrize("wrap", [
    "<think>\nThe user wants {{title, abstract}} in Chinese. Keep $O(n^2)$.\n</think>\n\n{}",
    "Keep the formula {{as is}}.\n</think>\n\n```json\n{}\n```",  # the opening tag in the prompt
    "Here is the translation:\n```json\n{}\n```\nI kept every formula."],
    ids=["think block", "closing tag only", "a sentence before"])
def test_the_json_object_is_found_where_models_put_it(project, model, capsys, wrap):
    """Reasoning models (Qwen3, DeepSeek-R1) through Ollama or vLLM answer with their
    thinking first, and chat models with a sentence around the JSON."""
    def wrapped(request):
        user = json.loads(request["body"]["messages"][1]["content"])
        answer = json.dumps(faithful(user["title"], user["abstract"]), ensure_ascii=False)
        return chat_answer(wrap.format(answer))

    model.answers = [(200, wrapped, 0, {})]
    path = project / "content/papers/one.md"
    assert run(project, "translate", str(path)) == 0
    assert "translated content/papers/one.md" in capsys.readouterr().out
    text = path.read_text("utf-8")
    assert "  zh-Hans: 论文标题的中文译文$O(n^2)$\n" in text
    assert "::: zh-Hans\n这是一段忠实的中文译文" in text and "think" not in text


def test_an_answer_cut_off_at_the_token_limit_says_so(project, model, capsys):
    cut = json.dumps({"choices": [{"index": 0, "finish_reason": "length", "message": {
        "role": "assistant", "content": '{"title": "论文", "abstract": "这是一段'}}]})
    model.answers = [(200, cut.encode(), 0, {})]
    fails_leaving_its_file(project, capsys, "two.md", "the answer was cut off at the "
                           "service's limit of tokens (finish_reason: length)")


def test_a_cached_answer_that_the_glossary_now_refuses_is_asked_for_anew(
        project, model, capsys):
    path = project / "content/papers/one.md"
    assert run(project, "translate", str(path)) == 0
    (project / "site.yaml").write_text(site_yaml(model.url).replace(
        "terms: {reinforcement learning: 强化学习}", "terms: {second paragraph: 第二段}"),
        "utf-8")

    def with_term_when_told(request):
        user = json.loads(request["body"]["messages"][1]["content"])
        answer = faithful(user["title"], user["abstract"])
        if "第二段" in request["body"]["messages"][-1]["content"]:
            answer["abstract"] += "第二段"
        return chat_answer(json.dumps(answer, ensure_ascii=False))

    model.answers = [(200, with_term_when_told, 0, {})]
    asked = len(model.requests)
    capsys.readouterr()
    assert run(project, "translate", str(path), "--force") == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "translated content/papers/one.md  [test-model; 2 requests, asked again with what "
        "the first answer lacked]")
    assert len(model.requests) == asked + 2
    assert "第二段" in path.read_text("utf-8")


def test_a_translation_that_drops_a_formula_is_refused(project, model, capsys):
    def dropping(request):
        user = json.loads(request["body"]["messages"][1]["content"])
        answer = faithful(user["title"], user["abstract"])
        answer["abstract"] = answer["abstract"].replace("$O(n^2)$", "n 的平方")
        return chat_answer(json.dumps(answer, ensure_ascii=False))

    model.answers = [(200, dropping, 0, {})]
    fails_leaving_its_file(project, capsys, "one.md", "the zh-Hans text lacks a formula of "
                           "the en text '$O(n^2)$' (asked twice)")
    assert len(model.requests) == 2


def test_an_answer_that_fails_a_check_is_asked_for_again_with_what_it_lacked(
        project, model, capsys):
    """At temperature 0 the same request gets the same answer: the second request says
    what the first answer lacked, and its answer is checked as the first was."""
    def dropping_once(request):
        user = json.loads(request["body"]["messages"][1]["content"])
        answer = faithful(user["title"], user["abstract"])
        if len(request["body"]["messages"]) == 2:
            answer["abstract"] = answer["abstract"].replace("$O(n^2)$", "n 的平方")
        return chat_answer(json.dumps(answer, ensure_ascii=False))

    model.answers = [(200, dropping_once, 0, {})]
    path = project / "content/papers/one.md"
    assert run(project, "translate", str(path)) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "translated content/papers/one.md  [test-model; 2 requests, asked again with what "
        "the first answer lacked]")
    first, second = (request["body"]["messages"] for request in model.requests)
    assert second[:2] == first
    assert second[2]["role"] == "assistant" and "n 的平方" in second[2]["content"]
    assert second[3] == {"role": "user", "content": (
        "This translation cannot be used: the zh-Hans text lacks a formula of the en text "
        "'$O(n^2)$'. Translate the title and abstract again with this fixed, and answer "
        "with the JSON object only.")}
    assert "$O(n^2)$" in path.read_text("utf-8").split("::: zh-Hans")[1]
    # the answer is cached for the first request: translating it again asks nothing
    assert run(project, "translate", str(path), "--force") == 0
    assert "from the cache" in capsys.readouterr().out and len(model.requests) == 2


def test_a_second_run_takes_the_cache_and_asks_nothing(project, model, capsys):
    originals = snapshot(project / "content/papers")
    assert run(project, "translate", "--pending") == 0
    translated = snapshot(project / "content/papers")
    for name, data in originals.items():  # as if the files had been reverted in git
        (project / "content/papers" / name).write_bytes(data)
    capsys.readouterr()
    assert run(project, "translate", "--pending", "--dry-run") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 to translate with test-model: 0 requests, 2 from the cache (dry run: nothing sent "
        "or written)")
    assert run(project, "translate", "--pending") == 0
    assert "2 translated (2 from the cache), 0 failed, 0 skipped; 0 requests" in (
        capsys.readouterr().out)
    assert len(model.requests) == 2
    assert snapshot(project / "content/papers") == translated


def test_a_dry_run_of_one_paper_counts_one_request(project, model, capsys):
    assert run(project, "translate", str(project / "content/papers/one.md"), "--dry-run") == 0
    assert capsys.readouterr().out.splitlines() == [
        "would translate content/papers/one.md",
        "1 to translate with test-model: 1 request, 0 from the cache (dry run: nothing sent "
        "or written)"]
    assert model.requests == []


def test_a_person_s_translation_is_kept_unless_forced(project, model, capsys):
    (project / "content/papers/three.md").write_text(paper("Done", "已译", "Text.", "文本。",
                                                           translator="Li Hua"), "utf-8")
    before = (project / "content/papers/three.md").read_bytes()
    assert run(project, "translate", str(project / "content/papers/three.md")) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "skipped content/papers/three.md  [translated already; --force translates it again]")
    assert (project / "content/papers/three.md").read_bytes() == before
    assert model.requests == []
    # --force with --pending forces the papers awaiting translation, not every paper
    assert run(project, "translate", "--pending", "--force") == 0
    assert len(model.requests) == 2
    assert (project / "content/papers/three.md").read_bytes() == before


def test_the_key_is_never_printed_even_when_the_server_echoes_it(project, model, capsys):
    model.answers = [(401, lambda request: json.dumps(
        {"error": f"bad key {request['authorization']}"}).encode(), 0, {})]
    assert run(project, "translate", "--pending") == 1
    out, err = capsys.readouterr()
    assert "failed content/papers/one.md: the service answered HTTP 401 Unauthorized (bad " \
           "key Bearer [key]): check the key in the environment variable that site.yaml " \
           "names" in out
    no_key_anywhere(project, out, err)


def test_a_service_that_refuses_every_request_stops_the_run(project, model, capsys):
    """A wrong key (or model, address, no credit) fails every paper alike: one request,
    not one per paper."""
    for number in range(3, 7):
        (project / f"content/papers/p{number}.md").write_text(
            awaiting(f"Paper {number}", "Plain text."), "utf-8")
    (project / "site.yaml").write_text(site_yaml(model.url, concurrency=1), "utf-8")
    model.answers = [(429, json.dumps({"error": {
        "message": "You exceeded your current quota, please check your plan and billing "
                   "details.", "type": "insufficient_quota"}}).encode(), 0, {})]
    before = snapshot(project / "content")
    assert run(project, "translate", "--pending") == 1
    out = capsys.readouterr().out.splitlines()
    assert len(model.requests) == 1  # not tried again, and no other paper asked
    assert out[0].endswith(": the service answered HTTP 429 Too Many Requests (You exceeded "
                           "your current quota, please check your plan and billing details.): "
                           "check the account's credit or plan at the service (the file is "
                           "as it was)")
    assert out[1] == ("stopped: the service refuses every request; 5 papers not asked (their "
                      "files are as they were)")
    assert out[2].startswith("0 translated (0 from the cache), 1 failed, 0 skipped; 1 request in")
    assert snapshot(project / "content") == before


def closed_port() -> int:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        return closed.getsockname()[1]  # (closed again: nothing listens there)


def test_a_service_that_cannot_be_reached_stops_the_run_at_once(project, capsys):
    """A server not started, or a wrong address: its first request is refused, and no
    paper waits through the attempts a dropped connection gets (with the default five,
    four papers side by side took 72 s to fail so)."""
    port = closed_port()
    (project / "site.yaml").write_text(site_yaml(f"http://127.0.0.1:{port}/v1", retries=2,
                                                 concurrency=1), "utf-8")
    assert run(project, "translate", "--pending") == 1
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"failed content/papers/(one|two)\.md: cannot reach "
                        rf"http://127\.0\.0\.1:{port}/v1 \(connection refused\): is the "
                        r"server running, and is translation\.base_url in site\.yaml its "
                        r"address\? \(the file is as it was\)", out[0])
    assert out[1] == ("stopped: the service refuses every request; 1 paper not asked (their "
                      "files are as they were)")
    assert out[2].startswith("0 translated (0 from the cache), 1 failed, 0 skipped; 1 request")


def test_a_connection_refused_after_the_service_answered_is_tried_again(project):
    """A server that has answered this run and now refuses is restarting: it gets the
    attempts of a dropped connection."""
    import dataclasses

    from bitext.config import load_config
    from bitext.translate import Client, ServiceRefused

    settings = dataclasses.replace(load_config(project).translation, retries=2,
                                   base_url=f"http://127.0.0.1:{closed_port()}/v1")
    waits: list[float] = []
    client = Client(settings, None, waits.append)
    client.answered = True
    with pytest.raises(ServiceRefused, match=r"refused\), after 3 attempts$"):
        client.complete({"model": "test-model", "messages": []})
    assert client.sent == 3 and len(waits) == 2


def test_a_server_error_to_the_last_attempt_fails_that_paper_only(project, model, capsys):
    model.answers = [(503, b'{"error": "overloaded"}', 0, {})] * 3 + [(200, None, 0, {})]
    (project / "site.yaml").write_text(site_yaml(model.url, retries=2, concurrency=1),
                                       "utf-8")
    assert run(project, "translate", "--pending") == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(": HTTP 503 Service Unavailable (overloaded), after 3 attempts (the "
                           "file is as it was)")
    assert out[1].startswith("translated content/papers/")
    assert out[2].startswith("1 translated (0 from the cache), 1 failed, 0 skipped; 4 requests")


def test_a_masked_key_in_the_service_s_answer_is_not_printed_either(project, model, capsys):
    masked = KEY[:8] + "*" * 12 + KEY[-4:]
    model.answers = [(401, json.dumps({"error": {
        "message": f"Incorrect API key provided: {masked}. You can find your API key at "
                   "https://platform.openai.com/account/api-keys.",
        "type": "invalid_request_error", "code": "invalid_api_key"}}).encode(), 0, {})]
    assert run(project, "translate", str(project / "content/papers/one.md")) == 1
    out, err = capsys.readouterr()
    assert "(Incorrect API key provided: [key]. You can find your API key at" in out
    assert KEY[-4:] not in out + err
    no_key_anywhere(project, out, err)


def test_a_model_that_takes_no_temperature_says_how_to_send_none(project, model, capsys):
    """OpenAI's reasoning models refuse `temperature: 0` with a 400 that says so."""
    def reasoning_model(request):
        if "temperature" in request["body"]:
            return json.dumps({"error": {
                "message": "Unsupported value: 'temperature' does not support 0 with this "
                           "model. Only the default (1) value is supported.",
                "type": "invalid_request_error", "param": "temperature",
                "code": "unsupported_value"}}).encode()
        user = json.loads(request["body"]["messages"][1]["content"])
        return chat_answer(json.dumps(faithful(user["title"], user["abstract"]),
                                      ensure_ascii=False))

    model.answers = [(400, reasoning_model, 0, {})]
    path = project / "content/papers/one.md"
    assert run(project, "translate", str(path)) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "failed content/papers/one.md: the service answered HTTP 400 Bad Request (Unsupported "
        "value: 'temperature' does not support 0 with this model. Only the default (1) value "
        "is supported.): set `temperature: none` under translation: in site.yaml (the file "
        "is as it was)")
    (project / "site.yaml").write_text(site_yaml(model.url, temperature="none"), "utf-8")
    model.answers = [(200, reasoning_model, 0, {})]
    assert run(project, "translate", str(path)) == 0
    assert "temperature" not in model.requests[-1]["body"]


def test_json_mode_asks_for_a_json_object_and_a_model_that_refuses_it_says_so(
        project, model, capsys):
    """`json_mode: true` sends `response_format: {type: json_object}` (OpenAI's and
    DeepSeek's JSON output); a model that takes none answers 400, which stops the run
    with how to leave it out (the message is the one deepseek-reasoner gave, as quoted
    in gomate-community/TrustRAG#140)."""
    def strict_model(request):
        user = json.loads(request["body"]["messages"][1]["content"])
        return chat_answer(json.dumps(faithful(user["title"], user["abstract"]),
                                      ensure_ascii=False))

    def reasoner(request):
        return json.dumps({"error": {
            "message": "deepseek-reasoner does not support Json Output.",
            "type": "invalid_request_error", "param": None,
            "code": "invalid_request_error"}}).encode()

    (project / "site.yaml").write_text(site_yaml(model.url, json_mode="true"), "utf-8")
    model.answers = [(200, strict_model, 0, {})]
    assert run(project, "translate", "--pending") == 0
    assert [request["body"]["response_format"] for request in model.requests] == [
        {"type": "json_object"}] * 2
    capsys.readouterr()
    path = project / "content/papers/one.md"
    path.write_text(awaiting("A Third Paper"), "utf-8")
    model.answers = [(400, reasoner, 0, {})]
    assert run(project, "translate", str(path)) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "failed content/papers/one.md: the service answered HTTP 400 Bad Request "
        "(deepseek-reasoner does not support Json Output.): this model takes no "
        "response_format: leave json_mode out of site.yaml (the file is as it was)")
    assert len(model.requests) == 3  # (no retry: every request would meet it)


def test_no_key_in_the_environment_is_named(project, monkeypatch, capsys):
    monkeypatch.delenv("BITEXT_TEST_KEY")
    assert run(project, "translate", "--pending") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "site.yaml: translation.api_key_env: the environment variable BITEXT_TEST_KEY is not "
        "set — export BITEXT_TEST_KEY=… in the shell that runs bitext (never write the key "
        "in a file), or api_key_env: none for a server that wants no key")


def test_ctrl_c_leaves_every_file_whole(project, model, tmp_path):
    """One paper translated at once, the others slow: Ctrl-C after the first is written."""
    for number in range(3, 7):
        (project / f"content/papers/p{number}.md").write_text(
            awaiting(f"Paper {number}", "Plain text."), "utf-8")
    (project / "site.yaml").write_text(site_yaml(model.url, concurrency=1, timeout_seconds=5),
                                       "utf-8")
    model.answers = [(200, None, 0, {})] + [(200, None, 2, {})]
    before = snapshot(project / "content/papers")
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(project),
                                "translate", "--pending"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "BITEXT_TEST_KEY": KEY})
    first = process.stdout.readline()
    assert first.startswith("translated content/papers/")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.strip().endswith("stopped")
    after = snapshot(project / "content/papers")
    changed = [name for name in after if after[name] != before[name]]
    assert changed == [first.split()[1].removeprefix("content/papers/")]
    assert sorted(after) == sorted(before)  # no temporary file left
    assert run(project, "check") == 0


def test_confirm_marks_a_machine_translation_reviewed(project, model, capsys):
    assert run(project, "translate", str(project / "content/papers/one.md")) == 0
    assert run(project, "build", "--out", str(project / "out")) == 0
    page = (project / "out/papers/fast-kernels-for-o-n-2-attention/index.html").read_text()
    assert "机器翻译，未经人工审校。" in page
    assert "Machine translation (test-model), not reviewed" in page
    capsys.readouterr()
    assert run(project, "check") == 0  # (two.md awaits its translation, held back)
    assert capsys.readouterr().out.splitlines()[1:] == [
        "content/papers/one.md: machine translation (test-model) to review",
        "ok: 1 paper, 10 pages and feeds, 4 static files; 1 awaiting translation, 1 machine "
        "translation to review, 0 warnings"]
    assert run(project, "confirm", "--reviewed-by", "Li Hua",
               str(project / "content/papers/one.md")) == 0
    assert "reviewed_by: Li Hua]" in capsys.readouterr().out
    assert run(project, "check") == 0
    assert "0 machine translations to review" in capsys.readouterr().out
    assert "reviewed_by: Li Hua\n" in (project / "content/papers/one.md").read_text()
    assert run(project, "build", "--out", str(project / "out")) == 0
    page = (project / "out/papers/fast-kernels-for-o-n-2-attention/index.html").read_text()
    assert "未经人工审校" not in page and "Machine translation (test-model), reviewed by Li " \
                                       "Hua" in page
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page)[1])["workTranslation"]
    assert ld["translator"] == {"@type": "SoftwareApplication", "name": "test-model"}
    assert ld["editor"] == {"@type": "Person", "name": "Li Hua"}


def test_a_stale_machine_translation_is_made_again_as_the_warning_says(project, model,
                                                                          capsys):
    """After the English abstract changes, `check` says how to bring an unreviewed machine
    translation up to date, and doing so clears the warning."""
    path = project / "content/papers/two.md"
    assert run(project, "translate", str(path)) == 0
    path.write_text(path.read_text("utf-8").replace("Just one paragraph.", "One paragraph."),
                    "utf-8")
    capsys.readouterr()
    assert run(project, "check") == 0
    warning = capsys.readouterr().err.splitlines()[0]
    assert warning.startswith("content/papers/two.md:") and "out of date" in warning
    assert warning.endswith("— translate it again with `bitext translate "
                            "content/papers/two.md --force`, or update the translation, then "
                            "run `bitext confirm content/papers/two.md`")
    assert run(project, "translate", str(path), "--force") == 0
    assert run(project, "check") == 0
    assert "warning" not in capsys.readouterr().err


def revise(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")


def test_stale_makes_again_the_machine_translations_no_one_reviewed(project, model, capsys):
    """After their English texts change, --stale translates again what a machine made
    and no one reviewed; it names a reviewed translation and a person's and leaves them,
    unless --force; a paper awaiting its translation stays as it is."""
    papers = project / "content/papers"
    (papers / "three.md").write_text(awaiting("Third Paper", "Plain text. LLM."), "utf-8")
    (papers / "four.md").write_text(paper(
        "Done", "已译", "Text by hand.", "人工译文。", translator="Wang Fang",
        translated_from=text_fingerprint("Done", "Text by hand.")), "utf-8")
    assert run(project, "translate", *(str(papers / name) for name in
                                       ("one.md", "two.md", "three.md"))) == 0
    assert run(project, "confirm", "--reviewed-by", "Li Hua", str(papers / "two.md")) == 0
    (papers / "five.md").write_text(awaiting("Fifth Paper", "Waits."), "utf-8")
    revise(papers / "one.md", "A second paragraph", "The second paragraph")
    revise(papers / "two.md", "Just one paragraph.", "One paragraph.")
    revise(papers / "three.md", "Plain text.", "Plain text, revised.")
    revise(papers / "four.md", "Text by hand.", "Text by hand, revised.")
    before, asked = snapshot(papers), len(model.requests)
    capsys.readouterr()

    assert run(project, "translate", "--stale", "--dry-run") == 0
    assert sorted(capsys.readouterr().out.splitlines()[:-1]) == [
        "left content/papers/four.md  [its translation is out of date but a person's or a "
        "reviewed one: update it, then run `bitext confirm content/papers/four.md`; --force "
        "translates it again]",
        "left content/papers/two.md  [its translation is out of date but a person's or a "
        "reviewed one: update it, then run `bitext confirm content/papers/two.md`; --force "
        "translates it again]",
        "would translate content/papers/one.md",
        "would translate content/papers/three.md"]
    assert snapshot(papers) == before and len(model.requests) == asked

    assert run(project, "translate", "--stale") == 0
    out = capsys.readouterr().out.splitlines()
    assert sorted(line for line in out if line.startswith("translated")) == [
        "translated content/papers/one.md  [test-model; 1 request]",
        "translated content/papers/three.md  [test-model; 1 request]"]
    assert out[-1].startswith("2 translated (0 from the cache), 0 failed, 2 skipped; 2 requests")
    after = snapshot(papers)
    assert [name for name in sorted(after) if after[name] != before[name]] == [
        "one.md", "three.md"]
    assert run(project, "check") == 0
    stale = [line.split(":")[0] for line in capsys.readouterr().err.splitlines()
             if "out of date" in line]
    assert stale == ["content/papers/four.md", "content/papers/two.md"]

    assert run(project, "translate", "--stale", "--force") == 0
    assert "reviewed_by" not in (papers / "two.md").read_text("utf-8")
    assert "translator: machine\n" in (papers / "four.md").read_text("utf-8")
    assert (papers / "five.md").read_bytes() == before["five.md"]
    capsys.readouterr()
    assert run(project, "check") == 0
    assert "warning" not in capsys.readouterr().err


def test_import_update_finds_nothing_new_in_what_translate_and_confirm_wrote(
        tmp_path, model, monkeypatch, capsys):
    """translate and confirm add their fields where import writes them, so importing the
    same day again with --update leaves every file as it is."""
    monkeypatch.setenv("BITEXT_TEST_KEY", KEY)
    project = make_project(tmp_path / "site", {}, site_yaml(model.url))
    day = FIXTURES / "hf-daily-papers/2024-06-13.json"
    assert run(project, "import", str(day)) == 0
    papers = sorted((project / "content/papers").iterdir())
    # (one abstract translated by a person: `translate` fills in its title alone)
    revise(papers[2], "::: zh-Hans\n:::", "::: zh-Hans\n一段人工译文。\n:::")
    papers[2].write_text(with_field(papers[2].read_text("utf-8"), "translator", "Wang Fang"),
                         "utf-8")
    assert run(project, "translate", "--pending") == 0
    assert "title_translator: machine\n" in papers[2].read_text("utf-8")
    assert run(project, "confirm", "--reviewed-by", "Li Hua", str(papers[0])) == 0
    assert run(project, "confirm", str(papers[1])) == 0
    before = snapshot(project / "content/papers")
    capsys.readouterr()
    assert run(project, "import", "--update", str(day)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"0 created, 0 updated, {len(papers)} skipped; 0 awaiting translation")
    assert snapshot(project / "content/papers") == before


# -- translation checks in `check` -----------------------------------------------------


CHECKED = paper(
    "Checks for $x^2$", "检查 $x^2$",
    "Uses $x^2$ and `make` at https://example.org/a and 2501.00001 with reinforcement "
    "learning and LLM.\n\nSecond paragraph.",
    "使用了 https://example.org/a 的方法。", slug="checked")


def test_check_names_what_a_translation_lacks(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"c.md": CHECKED},
                           site_yaml("http://127.0.0.1:9/v1"))
    assert run(project, "check") == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert err == [
        "content/papers/c.md:15: warning: the zh-Hans text lacks a formula of the en text "
        "(found '$x^2$') — copy formulas unchanged: they are not translated",
        "content/papers/c.md:15: warning: the zh-Hans text lacks a code span of the en text "
        "(found '`make`') — copy `code` unchanged",
        "content/papers/c.md:15: warning: the zh-Hans text lacks an arXiv id of the en text "
        "(found '2501.00001') — copy arXiv ids unchanged",
        "content/papers/c.md:15: warning: the abstracts have different numbers of paragraphs "
        "(found '2 in en, 1 in zh-Hans') — split the translation as the original, or add "
        "'paragraphs_differ: true'",
        "content/papers/c.md:15: warning: the glossary's translation of 'reinforcement "
        "learning' is missing (found '强化学习') — translate the term as the glossary says, or "
        "change the glossary",
        "content/papers/c.md:15: warning: a term the glossary keeps is missing (found 'LLM') "
        "— the glossary keeps it as it is: do not translate it",
    ]


def test_an_untranslated_copy_is_flagged(tmp_path, capsys):
    project = make_project(tmp_path / "site", {
        "c.md": paper("Copied", "Copied", "The same English text.", "The same English text.")})
    assert run(project, "check") == 0
    assert ("content/papers/c.md:12: warning: the zh-Hans text is mostly not in its "
            "language's script (found '0% of its words') — is it an untranslated copy, or did "
            "the model answer in another language?") in capsys.readouterr().err


def test_a_failed_translations_message_in_a_file_is_flagged_alone(tmp_path, capsys):
    """What an arXiv fetcher's script writes where its service refused, kept in a file by
    an earlier import: one warning, not also what the message lacks of the English."""
    failed = "[翻译失败: We bound the error by $O(n^2)$ with...]"
    project = make_project(tmp_path / "site", {
        "c.md": paper("Fast Kernels", "快速内核", ABSTRACT, failed)})
    assert run(project, "check") == 0
    assert [line for line in capsys.readouterr().err.splitlines() if "warning" in line] == [
        "content/papers/c.md:14: warning: the zh-Hans text is the message of a failed "
        "translation (found '[翻译失败: We bound the error by $O(n^2)$ wi')"
        " — delete it, so that the paper awaits its translation (`bitext translate` then "
        "makes it)"]


def test_a_model_that_answers_that_it_failed_is_asked_again(project, model, capsys):
    """A model (or a proxy in front of it) that answers with a failure's message gets the
    request again, with what was wrong."""
    def failed_then_faithful(request: dict) -> bytes:
        user = json.loads(request["body"]["messages"][1]["content"])
        answer = faithful(user["title"], user["abstract"])
        if len(model.requests) == 1:
            answer["abstract"] = "翻译失败：服务暂时不可用"
        return chat_answer(json.dumps(answer, ensure_ascii=False))

    model.answers = [(200, failed_then_faithful, 0, {})]
    path = project / "content/papers/two.md"
    assert run(project, "translate", str(path)) == 0
    assert "asked again with what the first answer lacked" in capsys.readouterr().out
    assert "翻译失败" not in path.read_text("utf-8")
    assert "the message of a failed translation" in model.requests[1]["body"]["messages"][-1][
        "content"]


def test_translation_settings_are_checked(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"a.md": awaiting("A")}, SITE_YAML + (
        "translation:\n  base_url: ftp://x\n  api_key_env: sk-live-123\n  concurrency: 0\n"
        "  temperature: 3\n"))
    assert run(project, "translate", "--pending") == 1
    assert capsys.readouterr().err.splitlines() == [
        "site.yaml:19: translation.model: missing (expected text) — the model's name at that "
        "service, such as deepseek-chat",
        "site.yaml:20: translation.base_url: not a web address (expected an http:// or "
        "https:// URL, found 'ftp://x')",
        "site.yaml:21: translation.api_key_env: not a variable name (expected the name of an "
        "environment variable, such as DEEPSEEK_API_KEY, or none, found 'sk-live-123') — "
        "never write the key itself in a file",
        "site.yaml:22: translation.concurrency: out of range (expected 1 to 64, found 0)",
        "site.yaml:23: translation.temperature: not a temperature (expected a number from 0 "
        "to 2, or none, found '3') — none sends no temperature, for models that take only "
        "their own",
        "5 errors in 1 file; nothing was written."]


def test_translate_without_settings_says_how_to_set_it_up(tmp_path, capsys):
    project = make_project(tmp_path / "site", {"a.md": awaiting("A")})
    assert run(project, "translate", "--pending") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "site.yaml: translation: not set up (expected translation: {base_url: …, model: …}) — "
        "see README.md, Translating")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="$ab 1\\\n_x.", max_size=16))
def test_the_literal_first_math_pattern_finds_what_the_lookbehind_first_one_did(text):
    """INLINE_MATH starts with its `$` so that it is searched for quickly; the matches are
    those of the pattern as first written, lookbehind first."""
    from bitext.math import INLINE_MATH

    first = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])")
    assert [(m.span(), m.group(1)) for m in INLINE_MATH.finditer(text)] == [
        (m.span(), m.group(1)) for m in first.finditer(text)]


def test_a_title_written_on_one_line_gets_its_translation(project, model, capsys):
    """A paper written by hand with its title as site.yaml's example writes one, `title:
    {en: …}`: the translation is written in, the title turned to one line per language.
    Before, that paper failed ("the file's title is not written as 'title:' …")."""
    path = project / "content/papers/one.md"
    text = path.read_text("utf-8")
    block = "title:\n  en: Fast Kernels for $O(n^2)$ Attention\n  zh-Hans:\n"
    assert block in text
    path.write_text(text.replace(block, "title: {en: 'Fast Kernels for $O(n^2)$ Attention'}\n"),
                    "utf-8")
    assert run(project, "translate", str(path)) == 0
    written = path.read_text("utf-8")
    assert written.startswith("---\ntitle:\n  en: Fast Kernels for $O(n^2)$ Attention\n"
                              "  zh-Hans: 论文标题的中文译文$O(n^2)$\n")
    assert run(project, "check") == 0


def test_pending_fills_in_the_title_of_a_paper_whose_abstract_is_translated(project, model,
                                                                              capsys):
    """A paper imported with a model's translation of its abstract alone (as
    daily-arXiv-ai-enhanced gives them) awaits its title's: `--pending` asks for that,
    and the abstract's translation stays as it was."""
    path = project / "content/papers/one.md"
    path.write_text(paper("Fast Kernels for Attention", None, ABSTRACT, "模型译出的摘要。",
                          translator="machine"), "utf-8")
    assert run(project, "translate", "--pending") == 0
    assert "translated content/papers/one.md  [the title alone; test-model; 1 request]" in (
        capsys.readouterr().out.splitlines())
    text = path.read_text("utf-8")
    assert "  zh-Hans: 论文标题的中文译文\n" in text
    assert "::: zh-Hans\n模型译出的摘要。\n:::" in text
    # the title alone is asked for, with the abstract and its translation as context
    asked = [request["body"]["messages"] for request in model.requests
             if "Kernels" in request["body"]["messages"][1]["content"]]
    assert len(asked) == 1
    assert json.loads(asked[0][1]["content"]) == {
        "title": "Fast Kernels for Attention",
        "context": {"abstract": ABSTRACT, "translated_abstract": "模型译出的摘要。"}}
    assert asked[0][0]["content"].endswith(
        'Translate the title alone: the abstract and its translation come as context, so '
        'that the title\'s terms agree with them. Answer with one JSON object and nothing '
        'else: {"title": "…"}.')
    # (the model that translated the abstract is not known: it is not said to be ours)
    assert front_lines(text, "translat") == [
        "translator: machine", "title_translator: machine",
        "title_translation_model: test-model", "translated_from: " + text_fingerprint(
            "Fast Kernels for Attention", ABSTRACT)]
    capsys.readouterr()
    assert run(project, "check") == 0
    assert "content/papers/one.md: machine translation (a model; title: test-model) to " \
           "review" in capsys.readouterr().out.splitlines()
    assert run(project, "build", "--out", str(project / "out")) == 0
    page = (project / "out/papers/fast-kernels-for-attention/index.html").read_text()
    assert ">Machine translation; title: Machine translation (test-model), not reviewed<" \
        in page


def test_a_title_asked_for_alone_takes_no_abstract_from_the_answer(project, model, capsys):
    """A model that translates the abstract it was given as context too: the answer's
    title is taken, and the file's abstract stays the translation it was."""
    def both(request: dict) -> bytes:
        user = json.loads(request["body"]["messages"][1]["content"])
        return chat_answer(json.dumps(faithful(user["title"], user["context"]["abstract"]),
                                      ensure_ascii=False))

    model.answers = [(200, both, 0, {})]
    path = project / "content/papers/one.md"
    path.write_text(paper("Fast Kernels for Attention", None, ABSTRACT, "人工译出的摘要。"),
                    "utf-8")
    assert run(project, "translate", str(path)) == 0
    text = path.read_text("utf-8")
    assert "  zh-Hans: 论文标题的中文译文\n" in text
    assert "::: zh-Hans\n人工译出的摘要。\n:::" in text


def front_lines(text: str, start: str) -> list[str]:
    """The lines of a paper file's front matter that hold `start`."""
    return [line for line in text.split("---")[1].splitlines() if start in line]


def test_a_title_translated_beside_a_person_s_abstract_keeps_who_did_what(project, model,
                                                                           capsys):
    """`--pending` fills in the title of a paper whose abstract a person translated and
    another reviewed: the file, the page, its JSON-LD and `check` name the person for the
    abstract and the model for the title; the review, which did not see the title, is
    gone until someone confirms again. A person's work is never made again by --stale."""
    path = project / "content/papers/one.md"
    path.write_text(paper("Fast Kernels for Attention", None, ABSTRACT, "人工译出的摘要。",
                          translator="王芳", reviewed_by="李华"), "utf-8")
    assert run(project, "translate", "--pending") == 0
    assert front_lines(path.read_text("utf-8"), "translat")[:3] == [
        "translator: 王芳", "title_translator: machine", "title_translation_model: test-model"]
    assert "reviewed_by" not in path.read_text("utf-8")
    capsys.readouterr()
    assert run(project, "check") == 0
    assert "content/papers/one.md: machine translation of the title (test-model) to review" \
        in capsys.readouterr().out.splitlines()

    assert run(project, "build", "--out", str(project / "out")) == 0
    page = (project / "out/papers/fast-kernels-for-attention/index.html").read_text()
    assert ('<dd data-alt="王芳；标题：机器翻译（test-model），未经审校" data-alt-lang="zh-Hans" '
            'data-alt-dir="ltr"><span lang="zh-Hans" dir="ltr">王芳</span>; title: Machine '
            'translation (test-model), not reviewed</dd>') in page
    assert "机器翻译，未经人工审校。" not in page  # (the abstract is a person's)
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page)[1])["workTranslation"]
    assert ld["translator"] == [{"@type": "Person", "name": "王芳"},
                                {"@type": "SoftwareApplication", "name": "test-model"}]

    assert run(project, "confirm", "--reviewed-by", "李华", str(path)) == 0
    assert run(project, "build", "--out", str(project / "out")) == 0
    page = (project / "out/papers/fast-kernels-for-attention/index.html").read_text()
    # (the reviewer's name in its language, as markup: it was shown as escaped tags)
    assert ('title: Machine translation (test-model), reviewed by <span lang="zh-Hans" '
            'dir="ltr">李华</span></dd>') in page
    feed = (project / "out/feed.xml").read_text()
    assert "译者：王芳；标题：机器翻译（test-model），经李华审校" in feed

    revise(path, "A second paragraph", "The second paragraph")
    asked = len(model.requests)
    capsys.readouterr()
    assert run(project, "translate", "--stale") == 0
    assert capsys.readouterr().out.startswith("left content/papers/one.md  [its translation "
                                              "is out of date but a person's or a reviewed")
    assert len(model.requests) == asked


def test_an_abstract_translated_beside_a_person_s_title_keeps_who_did_what(project, model,
                                                                           capsys):
    """The other way round: the model's abstract beside a person's title; translating
    both again makes the model the translator of both."""
    path = project / "content/papers/one.md"
    path.write_text(paper("Fast Kernels for Attention", "注意力的快速内核", ABSTRACT, None,
                          translator="Wang Fang"), "utf-8")
    assert run(project, "translate", "--pending") == 0
    assert front_lines(path.read_text("utf-8"), "translat")[:3] == [
        "translator: machine", "translation_model: test-model", "title_translator: Wang Fang"]
    assert run(project, "build", "--out", str(project / "out")) == 0
    page = (project / "out/papers/fast-kernels-for-attention/index.html").read_text()
    assert ">Machine translation (test-model); title: Wang Fang, not reviewed</dd>" in page
    assert "机器翻译，未经人工审校。" in page
    assert run(project, "translate", str(path), "--force") == 0
    assert front_lines(path.read_text("utf-8"), "translat")[:2] == [
        "translator: machine", "translation_model: test-model"]
    assert "title_translat" not in path.read_text("utf-8")


@pytest.mark.parametrize(("kept", "fill", "written"), [
    # both parts: the model made all of it
    ({"translator": "Li Hua", "title_translator": "machine", "reviewed_by": "Wang Fang"},
     (True, True), {"translator": "machine", "translation_model": "m"}),
    # the title, beside the same model's abstract: nothing of the title's own
    ({"translator": "machine", "translation_model": "m"}, (True, False),
     {"translator": "machine", "translation_model": "m"}),
    # the title, beside another model's abstract
    ({"translator": "machine", "translation_model": "n"}, (True, False),
     {"translator": "machine", "translation_model": "n", "title_translator": "machine",
      "title_translation_model": "m"}),
    # the title, beside an abstract whose translator the file does not name
    ({}, (True, False), {"title_translator": "machine", "title_translation_model": "m"}),
    # the abstract, beside the title the file's own title fields name
    ({"translator": "machine", "translation_model": "n", "title_translator": "Li Hua"},
     (False, True), {"translator": "machine", "translation_model": "m",
                     "title_translator": "Li Hua"}),
    # the abstract, beside a title by the same model: one translator again
    ({"translator": "Li Hua", "title_translator": "machine", "title_translation_model": "m"},
     (False, True), {"translator": "machine", "translation_model": "m"}),
])
def test_provenance_written_names_who_made_each_part(kept, fill, written):
    from bitext.translate import provenance_written

    fields = provenance_written(kept, fill, "m")
    assert {name: value for name, value in fields.items() if value} == written
    assert fields["reviewed_by"] is None


def test_a_pattern_the_shell_left_names_the_paper_files_it_matches(project, model, capsys):
    """`python build.py translate content\\papers\\*.md` in PowerShell, which hands the
    pattern to the program as written: the papers it matches (before, "not a paper
    file"); a pattern that matches none still is none."""
    pattern = str(project / "content/papers/*.md")
    assert run(project, "translate", pattern) == 0
    assert sorted(line.split()[:2] for line in capsys.readouterr().out.splitlines()[:2]) == [
        ["translated", "content/papers/one.md"], ["translated", "content/papers/two.md"]]
    assert run(project, "confirm", "--reviewed-by", "Li Hua", pattern) == 0
    assert all("reviewed_by: Li Hua\n" in text.decode()
               for text in snapshot(project / "content/papers").values())
    capsys.readouterr()
    assert run(project, "confirm", str(project / "content/papers/three*.md")) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/papers/three*.md: not a paper file (expected a file in content/papers/)")
