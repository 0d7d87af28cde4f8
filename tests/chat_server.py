"""An OpenAI-compatible chat-completions server of our own, on 127.0.0.1, for the tests
and the translation benchmark: real HTTP and real JSON, answering as a script says."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bitext.checks import ARXIV_ID, CODE_SPAN, FORMULA, WEB_ADDRESS


def faithful(title: str, abstract: str | None) -> dict:
    """What a good model answers: Chinese text that carries every formula, address, code
    span and arXiv id over, paragraph for paragraph; the title alone when no abstract is
    asked for."""
    def carried(text: str) -> str:
        return " ".join(match.group() for pattern in (FORMULA, WEB_ADDRESS, CODE_SPAN, ARXIV_ID)
                        for match in pattern.finditer(text))

    answer = {"title": "论文标题的中文译文" + carried(title)}
    if abstract is not None:
        answer["abstract"] = "\n\n".join("这是一段忠实的中文译文，内容完整。" + carried(part)
                                         + "强化学习与 LLM。" for part in abstract.split("\n\n"))
    return answer


class Model:
    """The server's behaviour: each request gets the next of `answers` (then the last
    again); an answer is (status, body or a function of the request, delay, headers)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[tuple] = [(200, None, 0, {})]
        self.lock = threading.Lock()

    def next(self, request: dict) -> tuple:
        with self.lock:
            self.requests.append(request)
            index = min(len(self.requests) - 1, len(self.answers) - 1)
            return self.answers[index]


def chat_answer(content: str) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "model": "test-model",
                       "choices": [{"index": 0, "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": content}}]},
                      ensure_ascii=False).encode("utf-8")


@contextlib.contextmanager
def serve_model():
    """A chat-completions server on 127.0.0.1 (a free port) that answers as its `Model`
    says; its `url` is the base URL to put in site.yaml."""
    behaviour = Model()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            request = {"path": self.path, "authorization": self.headers.get("Authorization"),
                       "body": body}
            status, answer, delay, headers = behaviour.next(request)
            time.sleep(delay)
            if answer is None:
                user = json.loads(body["messages"][1]["content"])
                # (a request with the abstract as context asks for the title alone)
                answer = chat_answer(json.dumps(faithful(user["title"], user.get("abstract")),
                                                ensure_ascii=False))
            elif callable(answer):
                answer = answer(request)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    behaviour.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield behaviour
    server.shutdown()
    server.server_close()
