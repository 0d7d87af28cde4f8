"""`import` of a web address: the daily-papers API's answer downloaded by bitext itself (no
curl, nor a shell's quoting and piping: PowerShell's `curl` is another program), against a
server of the tests' own on 127.0.0.1."""

import http.server
import json
import re
import shlex
import threading
from collections.abc import Iterator

import pytest

import bitext.importer
import bitext.web
from bitext.cli import main
from bitext.web import answer_address
from tests.conftest import FIXTURES, SAMPLE_DIGEST, SITE_YAML, make_project, snapshot

DAY = FIXTURES / "hf-daily-papers/2024-06-03.json"
# What import adds to an address of the daily papers' API: it asks for pages of 100 papers
# until one holds fewer (the API gives 50 unless asked).
FIRST_PAGE = "&limit=100&p=0"


class Server(http.server.ThreadingHTTPServer):
    """Answers each path with the answers queued for it, in turn (the last one again once
    the others are used), and keeps the paths asked."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers: dict[str, list[tuple[int, dict, bytes]]] = {}
        self.asked: list[str] = []
        self.accepted: list[str | None] = []  # (each request's Accept)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def do_GET(self):
        self.server.asked.append(self.path)
        self.server.accepted.append(self.headers.get("Accept"))
        queued = self.server.answers.get(self.path) or [(404, {}, b"<title>Not here</title>")]
        status, headers, body = queued.pop(0) if len(queued) > 1 else queued[0]
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(tmp_path):
    return make_project(tmp_path / "site", {}, SITE_YAML)


def run(site, *args: str) -> int:
    return main(["--root", str(site), "import", *args])


def test_a_day_of_daily_papers_is_imported_from_the_api_address(server, site, tmp_path,
                                                                capsys):
    """The same papers as from the answer saved to a file, in the same files."""
    path = "/api/daily_papers?date=2024-06-03"
    server.answers[path + FIRST_PAGE] = [(200, {"Content-Type": "application/json"},
                                          DAY.read_bytes())]
    assert run(site, server.url(path)) == 0
    assert server.asked == [path + FIRST_PAGE]
    downloaded = snapshot(site / "content/papers")
    assert len(downloaded) == len(json.loads(DAY.read_bytes())) == 6
    assert f"[{server.url(path)}:" in capsys.readouterr().out

    saved = make_project(tmp_path / "saved", {}, SITE_YAML)
    assert run(saved, str(DAY)) == 0
    assert snapshot(saved / "content/papers") == downloaded


def test_a_date_in_the_address_dates_papers_as_a_file_name_does(server, site, capsys):
    """A digest of a month without dates of its own: its papers take the month the
    address names, as they take the file name's."""
    server.answers["/digests/hf-papers-2025-05.txt"] = [(200, {}, SAMPLE_DIGEST.read_bytes())]
    assert run(site, server.url("/digests/hf-papers-2025-05.txt")) == 0
    written = snapshot(site / "content/papers")
    assert len(written) == 4
    assert all(b"\ndate: 2025-05-01\n" in text for text in written.values())


def test_a_rate_limit_and_a_server_error_are_waited_out(server, site, capsys):
    path = "/api/daily_papers?date=2024-06-03"
    server.answers[path + FIRST_PAGE] = [
        (429, {"Retry-After": "0"}, b'{"error": "Too many requests"}'),
        (503, {"Retry-After": "0"}, b"<title>Service Unavailable</title>"),
        (200, {}, DAY.read_bytes())]
    assert run(site, server.url(path)) == 0
    assert server.asked == [path + FIRST_PAGE] * 3
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{server.url(path)}: the server answered 429 Too Many Requests (Too many requests); "
        "asking again in 0 s",
        f"{server.url(path)}: the server answered 503 Service Unavailable (Service "
        "Unavailable); asking again in 0 s"]
    assert len(snapshot(site / "content/papers")) == 6


def test_a_refusal_is_said_with_the_servers_words_and_nothing_is_written(server, site,
                                                                        capsys):
    path = "/api/daily_papers?date=2024-13-03"
    server.answers[path + FIRST_PAGE] = [(400, {"Content-Type": "application/json"},
                                          b'{"error": "Invalid date"}')]
    server.answers["/ok.json"] = [(200, {}, DAY.read_bytes())]
    assert run(site, server.url("/ok.json"), server.url(path)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{server.url(path)}: cannot download it: the server answered 400 Bad Request "
        "(Invalid date) — check the address and its query",
        "1 error in 1 file; nothing was written."]
    assert server.asked.count(path + FIRST_PAGE) == 1  # (asking again would get the same)
    assert snapshot(site / "content/papers") == {}


def test_every_address_that_fails_is_named_and_only_passing_failures_asked_again(
        server, site, capsys):
    server.answers["/busy"] = [(503, {"Retry-After": "0"}, b"")]
    closed = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    port = closed.server_address[1]
    closed.server_close()  # (a port nothing listens on)
    assert run(site, server.url("/busy"), f"http://127.0.0.1:{port}/x",
               "http://exa mple.org/x") == 1
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if "asking again" in line] == [
        f"{server.url('/busy')}: the server answered 503 Service Unavailable; asking again "
        "in 0 s"] * 3
    assert [line for line in err if "asking again" not in line] == sorted([
        f"http://127.0.0.1:{port}/x: cannot download it: cannot reach 127.0.0.1:{port} "
        "([Errno 111] Connection refused) — check the address and the connection",
        f"{server.url('/busy')}: cannot download it: the server answered 503 Service "
        "Unavailable, after 4 attempts — try again later, or save the answer to a file and "
        "import it",
        "http://exa mple.org/x: cannot download it: not an address to download from (URL "
        "can't contain control characters. 'exa mple.org' (found at least ' ')) — check "
        "the address"]) + ["3 errors in 3 files; nothing was written."]
    assert server.asked == ["/busy"] * 4


@pytest.mark.parametrize("page, answer", [
    ("https://huggingface.co/papers/date/2025-06-02",
     "https://huggingface.co/api/daily_papers?date=2025-06-02"),
    ("https://huggingface.co/papers?date=2025-06-02",
     "https://huggingface.co/api/daily_papers?date=2025-06-02"),
    ("https://huggingface.co/papers", "https://huggingface.co/api/daily_papers"),
    # (a week's and a month's papers, which the API gives in pages)
    ("https://huggingface.co/papers/week/2025-W23",
     "https://huggingface.co/api/daily_papers?week=2025-W23"),
    ("https://huggingface.co/papers/month/2025-06/",
     "https://huggingface.co/api/daily_papers?month=2025-06"),
    ("https://huggingface.co/papers/2505.09388", "https://huggingface.co/api/papers/2505.09388"),
    ("https://arxiv.org/abs/2505.09388v2",
     "https://export.arxiv.org/api/query?id_list=2505.09388v2"),
    ("http://arxiv.org/pdf/2505.09388v1.pdf",
     "https://export.arxiv.org/api/query?id_list=2505.09388v1"),
    ("https://arxiv.org/html/2505.09388v1", "https://export.arxiv.org/api/query?id_list="
     "2505.09388v1"),
    ("https://www.alphaxiv.org/abs/2505.09388", "https://export.arxiv.org/api/query?id_list="
     "2505.09388"),
    ("https://www.alphaxiv.org/overview/2505.09388v2", "https://export.arxiv.org/api/query?"
     "id_list=2505.09388v2"),
    # (a paper on PubMed: its MEDLINE record)
    ("https://pubmed.ncbi.nlm.nih.gov/16734914/", "https://eutils.ncbi.nlm.nih.gov/entrez/"
     "eutils/efetch.fcgi?db=pubmed&id=16734914&rettype=medline&retmode=text"),
    # (a paper's forum on OpenReview, with a reply's anchor too, or its PDF there)
    ("https://openreview.net/forum?id=nZeVKeeFYf9", "https://api2.openreview.net/notes?"
     "forum=nZeVKeeFYf9"),
    ("https://openreview.net/forum?id=Hq-3sD8fKe&noteId=abc#discussion", "https://api2."
     "openreview.net/notes?forum=Hq-3sD8fKe"),
    ("https://openreview.net/pdf?id=b_4RtYv9Wn", "https://api2.openreview.net/notes?forum="
     "b_4RtYv9Wn"),
    ("https://openreview.net/group?id=ICLR.cc/2025/Conference", None),
    # (a DOI: arXiv's is its paper on arXiv; another's, doi.org's record of it)
    ("https://doi.org/10.48550/arXiv.2505.09388", "https://export.arxiv.org/api/query?"
     "id_list=2505.09388"),
    ("https://doi.org/10.18653/v1/2024.acl-long.1", "https://doi.org/10.18653/v1/2024.acl-long.1"),
    ("http://dx.doi.org/10.1038/s41586-021-03819-2", "https://doi.org/10.1038/s41586-021-03819-2"),
    # (a category's new papers of the day, as its listing's feed holds them)
    ("https://arxiv.org/list/cs.CL/new", "https://rss.arxiv.org/rss/cs.CL"),
    ("https://arxiv.org/list/cs.CL+cs.AI/new/", "https://rss.arxiv.org/rss/cs.CL+cs.AI"),
    ("https://arxiv.org/list/hep-th/new", "https://rss.arxiv.org/rss/hep-th"),
    # (an API's own address, and pages that list no day's or paper's papers, as they are)
    ("https://huggingface.co/api/daily_papers?date=2025-06-02", None),
    ("https://huggingface.co/papers/trending", None),
    ("https://arxiv.org/list/cs.CL/recent", None),
    ("https://arxiv.org/list/cs.CL/pastweek?show=500", None),
])
def test_a_page_copied_from_the_browser_is_read_from_its_api(page, answer):
    assert answer_address(page) == answer


def test_import_of_a_page_downloads_the_apis_answer_and_says_so(server, site, capsys,
                                                                monkeypatch):
    """(The daily papers' page is HTML that import refuses; its API holds its papers.)"""
    api = server.url("/api/daily_papers?date=2024-06-03")
    server.answers["/api/daily_papers?date=2024-06-03" + FIRST_PAGE] = [
        (200, {}, DAY.read_bytes())]
    page = server.url("/papers/date/2024-06-03")
    monkeypatch.setattr(bitext.web, "PAGE_ANSWERS", (
        (re.compile(re.escape(server.url("/papers/date/")) + r"(\S+)"),
         server.url("/api/daily_papers?date={}")),))
    assert run(site, page) == 0
    assert server.asked == ["/api/daily_papers?date=2024-06-03" + FIRST_PAGE]
    assert capsys.readouterr().err.splitlines() == [
        f"{page}: its papers as the API gives them: {api}"]
    assert len(snapshot(site / "content/papers")) == 6


def serve_in_pages(server: Server, query: str, items: list) -> list[str]:
    """The daily papers' API's answers to `query`: `items` in pages of 100, `p=0` first
    (after a full last page, an empty one); the paths of the pages."""
    paths = [f"/api/daily_papers?{query}&limit=100&p={page}"
             for page in range(len(items) // 100 + 1)]
    for page, path in enumerate(paths):
        body = json.dumps(items[page * 100: (page + 1) * 100]).encode()
        server.answers[path] = [(200, {"Content-Type": "application/json"}, body)]
    return paths


def days_of_papers(*days: str) -> list:
    return [item for day in days
            for item in json.loads((FIXTURES / f"hf-daily-papers/{day}.json").read_bytes())]


def first_week_of_june_2025() -> list:
    """The papers of 2025-06-02 to 2025-06-06: 135, in two pages of the API."""
    return days_of_papers(*(f"2025-06-0{day}" for day in range(2, 7)))


def test_a_week_of_daily_papers_is_asked_page_by_page_until_a_page_is_not_full(
        server, site, capsys, monkeypatch):
    """A week's papers (the first five days of June 2025: 135) come in two pages of the
    API's; each paper is dated by the day the list showed it, as from the days' files."""
    week = first_week_of_june_2025()
    assert len(week) == 135
    paths = serve_in_pages(server, "week=2025-W23", week)
    monkeypatch.setattr(bitext.web, "PAGE_ANSWERS", (
        (re.compile(re.escape(server.url("/papers/week/")) + r"(\S+)"),
         server.url("/api/daily_papers?week={}")),))
    page = server.url("/papers/week/2025-W23")
    assert run(site, page) == 0
    assert server.asked == paths[:2]
    assert capsys.readouterr().err.splitlines() == [
        f"{page}: its papers as the API gives them: "
        f"{server.url('/api/daily_papers?week=2025-W23')}",
        f"{page}: 135 papers in 2 pages"]
    written = snapshot(site / "content/papers")
    assert len(written) == 135
    days = [re.search(rb"\ndate: (\S+)\n", text)[1].decode() for text in written.values()]
    assert sorted(set(days)) == [f"2025-06-0{day}" for day in range(2, 7)]
    assert days.count("2025-06-05") == 30


def test_a_month_of_2024_is_dated_by_each_papers_day_not_by_the_month_in_the_address(
        server, site):
    """Papers of 2024 have no `submittedOnDailyAt`: the day the list showed them is their
    `publishedAt`, not the first of the month that the address names."""
    month = days_of_papers("2024-06-03", "2024-06-04", "2024-06-05")
    serve_in_pages(server, "month=2024-06", month)
    assert run(site, server.url("/api/daily_papers?month=2024-06")) == 0
    written = snapshot(site / "content/papers").values()
    days = sorted(re.search(rb"\ndate: (\S+)\n", text)[1].decode() for text in written)
    assert len(days) == len(month)
    assert set(days) == {"2024-06-03", "2024-06-04", "2024-06-05"}


def test_a_server_that_answers_each_page_with_the_first_is_asked_twice_not_for_ever(
        server, site, capsys):
    """(Should the API leave `p` out one day: the second page brings no new paper.)"""
    items = first_week_of_june_2025()[:100]
    body = json.dumps(items).encode()
    for page in range(3):
        server.answers[f"/api/daily_papers?week=2025-W23&limit=100&p={page}"] = [
            (200, {}, body)]
    assert run(site, server.url("/api/daily_papers?week=2025-W23")) == 0
    assert len(server.asked) == 2
    assert len(snapshot(site / "content/papers")) == 100


WEEK = "/api/daily_papers?week=2025-W23"


@pytest.mark.parametrize("second_page, said", [
    ((404, {}, b'{"error": "Not found"}'),
     "the server answered 404 Not Found (Not found) — check the address"),
    ((200, {}, b'{"error": "Internal Error"}'),
     "page 2 of its papers is not a list of papers — try again later"),
], ids=["refused", "not-papers"])
def test_a_second_page_that_fails_writes_nothing(server, site, capsys, second_page, said):
    paths = serve_in_pages(server, "week=2025-W23",
                           first_week_of_june_2025())
    server.answers[paths[1]] = [second_page]
    assert run(site, server.url(WEEK)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{server.url(WEEK)}: cannot download it: {said}",
        "1 error in 1 file; nothing was written."]
    assert snapshot(site / "content/papers") == {}


def test_more_pages_than_import_asks_for_are_refused(server, site, capsys, monkeypatch):
    """(A month has 400 to 900 papers; 4,000 would be a server that never ends.)"""
    monkeypatch.setattr(bitext.web, "DAILY_PAPERS_MOST_PAGES", 1)
    week = first_week_of_june_2025()
    serve_in_pages(server, "week=2025-W23", week)
    address = server.url("/api/daily_papers?week=2025-W23")
    assert run(site, address) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{address}: cannot download it: more than 100 papers — import a shorter time: a "
        "week or a day")
    assert snapshot(site / "content/papers") == {}


def test_an_address_that_asks_for_a_page_itself_is_asked_as_it_is(server, site):
    path = "/api/daily_papers?date=2024-06-03&limit=3"
    server.answers[path] = [(200, {}, json.dumps(days_of_papers("2024-06-03")[:3]).encode())]
    assert run(site, server.url(path)) == 0
    assert server.asked == [path]
    assert len(snapshot(site / "content/papers")) == 3


def test_a_workbook_is_imported_from_its_download_address(server, site, capsys):
    """A spreadsheet's download (Google Sheets' `export?format=xlsx`), told a workbook by
    its content: the address names no .xlsx."""
    import openpyxl

    from tests.test_import_spreadsheet import HEADER, workbook_bytes

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["Are We Done with MMLU?", "我们完成 MMLU 了吗？", "Aryo Pradipta Gema",
                        "2025-06-10", None, "We identify errors in MMLU.",
                        "我们发现 MMLU 中存在错误。"])
    path = "/spreadsheets/d/1AbC/export?format=xlsx"
    server.answers[path] = [(200, {"Content-Type": "application/vnd.openxmlformats-"
                                   "officedocument.spreadsheetml.sheet"}, workbook_bytes(book))]
    assert run(site, server.url(path)) == 0
    assert f"created content/papers/are-we-done-with-mmlu.md  [{server.url(path)}:2; " \
           "2025-06-10" in capsys.readouterr().out


def test_a_word_document_is_imported_from_its_download_address(server, site, capsys):
    """A document's download (Google Docs' `export?format=docx`), told a Word document by
    its content: the address names no .docx."""
    from tests.test_import_word import document_bytes, document_of

    document = document_of("HF Daily Papers 2025-06-10", "", "Are We Done with MMLU?",
                           "我们完成 MMLU 了吗？", "We identify errors in MMLU.",
                           "我们发现 MMLU 中存在错误。")
    path = "/document/d/1AbC/export?format=docx"
    server.answers[path] = [(200, {"Content-Type": "application/vnd.openxmlformats-"
                                   "officedocument.wordprocessingml.document"},
                             document_bytes(document))]
    assert run(site, server.url(path)) == 0
    assert f"created content/papers/are-we-done-with-mmlu.md  [{server.url(path)}:3; " \
           "2025-06-10" in capsys.readouterr().out


def test_the_command_that_a_translations_alone_problem_gives_imports_them(server, site,
                                                                          monkeypatch, capsys):
    """A newsletter's translations, imported before their papers, are refused with the
    command that imports them with the day's daily papers: an address that import itself
    downloads, so the command works as it is written, in PowerShell too (it piped `curl`
    before). Run as the problem gives it, it imports the papers with their translations."""
    monkeypatch.setattr(bitext.importer, "DAILY_PAPERS_URL", server.url("/api/daily_papers"))
    day = FIXTURES / "hf-daily-papers/2025-06-02.json"
    server.answers["/api/daily_papers?date=2025-06-02" + FIRST_PAGE] = [
        (200, {}, day.read_bytes())]
    newsletter = FIXTURES / "digests/newsletter-2025-06-02.md"
    assert run(site, str(newsletter)) == 1
    problem = capsys.readouterr().err.splitlines()[0]
    command = re.search(r"from the daily papers of their day \((python build\.py [^)]*)\)",
                        problem)
    assert command, problem
    program, arguments = shlex.split(command[1])[:3], shlex.split(command[1])[3:]
    assert program == ["python", "build.py", "import"]
    assert run(site, *arguments) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "20 created, 0 updated, 0 skipped; 17 awaiting translation")
    papers = snapshot(site / "content/papers")
    assert len(papers) == len(json.loads(day.read_bytes())) == 20
    assert "  zh-Hans: AlphaOne：推理模型在测试时的快慢思考\n".encode() in papers[
        "alphaone-reasoning-models-thinking-slow-and-fast-at-test-time.md"]


def test_a_forum_on_openreview_is_read_from_api_2_and_one_it_lacks_names_api_1(
        server, site, capsys, monkeypatch):
    """A forum's page: its notes as API 2 answers them (the submission among its replies);
    a forum API 2 holds no note of (a venue before 2023): the problem names API 1's
    address of it, and nothing is written (before: "not a list of daily papers")."""
    answer = (FIXTURES / "openreview/notes-v2.json").read_text("utf-8")
    notes = json.loads(answer)["notes"]
    forum = {"notes": [notes[0], {**notes[1], "id": "Rv1", "forum": notes[0]["id"]}]}
    server.answers["/notes?forum=X7kQp2LmZa"] = [(200, {}, json.dumps(forum).encode())]
    server.answers["/notes?forum=old2022"] = [(200, {}, b'{"notes": [], "count": 0}')]
    monkeypatch.setattr(bitext.web, "PAGE_ANSWERS", (
        (re.compile(re.escape(server.url("/forum?id=")) + r"([\w-]+)"),
         server.url("/notes?forum={}")),))
    assert run(site, server.url("/forum?id=X7kQp2LmZa")) == 0
    [written] = (site / "content/papers").iterdir()  # (the submission, not the reply)
    assert notes[0]["content"]["title"]["value"] in written.read_text("utf-8")
    capsys.readouterr()
    before = snapshot(site / "content/papers")
    assert run(site, server.url("/forum?id=old2022")) == 1
    assert ("no paper in OpenReview's answer" in (error := capsys.readouterr().err)
            and "'https://api.openreview.net/notes?forum=old2022'" in error)
    assert snapshot(site / "content/papers") == before


def test_a_doi_is_read_as_its_csl_json_record_over_doi_orgs_redirect(server, site, capsys,
                                                                   monkeypatch):
    """A DOI's address: asked of doi.org as CSL JSON (content negotiation), which redirects
    to the DOI's registration agency; the kind asked for holds over the redirect, and the
    record is a paper (see test_import_zotero's Crossref record)."""
    from tests.test_import_zotero import CROSSREF

    record = {**CROSSREF, "abstract": "<jats:p>We study a protein model.</jats:p>"}
    server.answers["/10.1038/x"] = [(302, {"Location": server.url("/works/10.1038/x/transform")},
                                     b"")]
    server.answers["/works/10.1038/x/transform"] = [(200, {}, json.dumps(record).encode())]
    monkeypatch.setattr(bitext.web, "PAGE_ANSWERS", (
        (re.compile(re.escape(server.url("/")) + r"(10\.\d+/\S+)"), server.url("/{}"),
         bitext.web.CSL_JSON),))
    assert run(site, server.url("/10.1038/x")) == 0
    assert server.asked == ["/10.1038/x", "/works/10.1038/x/transform"]
    assert server.accepted == [bitext.web.CSL_JSON] * 2
    assert "(asked as application/vnd.citationstyles.csl+json)" in capsys.readouterr().err
    [written] = (site / "content/papers").iterdir()
    text = written.read_text("utf-8")
    assert "A protein model: what it learns and why" in text and "venue: Nature" in text
