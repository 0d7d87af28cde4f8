"""What bitext asks of web servers: an import's input downloaded (`fetch`), and how a
server's refusal reads (shared with `bitext.translate`)."""

from __future__ import annotations

import contextlib
import http.client
import json
import random
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from bitext import __version__

WEB_ADDRESS_SCHEMES = ("http://", "https://")
FETCH_TIMEOUT_SECONDS = 60
FETCH_ATTEMPTS = 4
FIRST_WAIT_SECONDS = 2.0  # (then 4, 8: twice as long each time)
FETCH_MAX_BYTES = 64 * 2**20  # (a day of the daily papers is 0.1 MB)
MAX_BACKOFF_SECONDS = 60.0


class FetchFailed(Exception):
    """Why an address gave no input; the second argument, a hint."""


def names_download(name: str) -> bool:
    """Whether an input named on the command line is to be downloaded, not opened as a
    file: it starts as a web address does (one without a host then fails with why; see
    `bitext.schema.is_web_address` for a valid address)."""
    return name.lower().startswith(WEB_ADDRESS_SCHEMES)


# The answer's kind that an address of PAGE_ANSWERS is asked for (HTTP's Accept), where
# the address answers more than one (doi.org).
CSL_JSON = "application/vnd.citationstyles.csl+json"
ANY = "*/*"

# Pages that editors copy from the browser's address bar, and the address of the API's
# answer that holds their papers (the page itself is HTML that import cannot read), with
# the kind of answer to ask it for where that is not any.
HUGGING_FACE = r"https?://(?:www\.)?huggingface\.co"
ARXIV_ID = r"(\d{4}\.\d{4,5}(?:v\d+)?)"
PAGE_ANSWERS = (
    (re.compile(HUGGING_FACE + r"/papers/date/(\d{4}-\d{2}-\d{2})/?"),
     "https://huggingface.co/api/daily_papers?date={}"),
    (re.compile(HUGGING_FACE + r"/papers/?\?date=(\d{4}-\d{2}-\d{2})"),
     "https://huggingface.co/api/daily_papers?date={}"),
    (re.compile(HUGGING_FACE + r"/papers/?()"), "https://huggingface.co/api/daily_papers{}"),
    # (a week's and a month's papers, in pages: see `fetch_papers`)
    (re.compile(HUGGING_FACE + r"/papers/week/(\d{4}-W\d{2})/?"),
     "https://huggingface.co/api/daily_papers?week={}"),
    (re.compile(HUGGING_FACE + r"/papers/month/(\d{4}-\d{2})/?"),
     "https://huggingface.co/api/daily_papers?month={}"),
    (re.compile(HUGGING_FACE + r"/papers/" + ARXIV_ID + r"/?"),
     "https://huggingface.co/api/papers/{}"),
    (re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/" + ARXIV_ID
                + r"(?:\.pdf)?/?"), "https://export.arxiv.org/api/query?id_list={}"),
    (re.compile(r"https?://(?:www\.)?alphaxiv\.org/(?:abs|overview|pdf)/" + ARXIV_ID + r"/?"),
     "https://export.arxiv.org/api/query?id_list={}"),
    # (a paper's page on PubMed: its MEDLINE record, as PubMed's E-utilities give it)
    (re.compile(r"https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|(?:www\.)?ncbi\.nlm\.nih\.gov/"
                r"pubmed)/(\d{1,9})/?"),
     "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?db=pubmed&id={}"
     "&rettype=medline&retmode=text"),
    # (a paper's forum on OpenReview, or its PDF there: the forum's notes, the submission
    # among its reviews, as API 2 gives them; a venue before 2023 is API 1's, see
    # `bitext.sources.openreview_without_notes`)
    (re.compile(r"https?://(?:www\.)?openreview\.net/(?:forum|pdf)\?id=([\w-]+)"
                r"(?:&[^\s#]*)?(?:#\S*)?"), "https://api2.openreview.net/notes?forum={}"),
    # (a DOI: arXiv's, its paper on arXiv; any other, its record as CSL JSON, which doi.org
    # answers for any DOI by content negotiation, from Crossref, DataCite or mEDRA)
    (re.compile(r"https?://(?:dx\.)?doi\.org/10\.48550/arXiv\." + ARXIV_ID, re.IGNORECASE),
     "https://export.arxiv.org/api/query?id_list={}"),
    (re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)"), "https://doi.org/{}",
     CSL_JSON),
    # (a category's new submissions of the day: the papers its listing's feed holds; the
    # pages of several days, /recent and /pastweek, have no such answer)
    (re.compile(r"https?://(?:www\.)?arxiv\.org/list/([a-z-]+(?:\.[A-Za-z-]+)?"
                r"(?:\+[a-z-]+(?:\.[A-Za-z-]+)?)*)/new/?"), "https://rss.arxiv.org/rss/{}"),
)


def answer_of(url: str) -> tuple[str, str] | None:
    """The address of the API's answer for a page (see `answer_address`) and the kind of
    answer to ask it for (see `ANY`, `CSL_JSON`), else None."""
    for page, answer, *kind in PAGE_ANSWERS:
        if found := page.fullmatch(url):
            return answer.format(found[1]), (kind[0] if kind else ANY)
    return None


def answer_address(url: str) -> str | None:
    """The API's address for a page of the daily papers (a day's, the latest day's, a
    paper's), of an arXiv paper (its abstract's, PDF's or HTML's, or alphaXiv's page of
    it), of a category's new submissions on arXiv, of a paper on PubMed, of a forum on
    OpenReview or of a DOI, else None."""
    answer = answer_of(url)
    return answer[0] if answer else None


# The daily papers' API answers at most `limit` papers a time (50 unless asked, 100 at
# most), the next ones at `p=1`, `p=2` …: a month of them is 400 to 900 papers.
DAILY_PAPERS = re.compile(r"https?://[^/?#]+/api/daily_papers\?(?:date|week|month)=[\w-]+")
DAILY_PAPERS_PAGE = 100
DAILY_PAPERS_MOST_PAGES = 40


def fetch_papers(url: str, told: Callable[[str], None] = lambda said: None,
                 accept: str = ANY) -> bytes:
    """`fetch`; a day's, week's or month's papers of the daily papers' API asked page by
    page until one holds fewer than a page's worth, as one answer (the first page's bytes
    as they are when it is all), `told` how many pages they took."""
    if not DAILY_PAPERS.fullmatch(url):
        return fetch(url, told, accept)
    papers: list = []
    seen: set[str] = set()
    for page in range(DAILY_PAPERS_MOST_PAGES):
        body = fetch(f"{url}&limit={DAILY_PAPERS_PAGE}&p={page}", told, accept)
        answer = json_or_none(body)
        if not isinstance(answer, list):  # (the API's error: read as it is, and said so)
            if page == 0:
                return body
            raise FetchFailed(f"page {page + 1} of its papers is not a list of papers",
                              "try again later")
        fresh = 0
        for item in answer:
            if (key := paper_key(item)) not in seen:
                seen.add(key)
                papers.append(item)
                fresh += 1
        # (no paper it had not given: a server that answers every page with the first)
        if len(answer) < DAILY_PAPERS_PAGE or not fresh:
            if page == 0:
                return body
            told(f"{len(papers):,} papers in {page + 1} pages")
            return json.dumps(papers, ensure_ascii=False).encode()
    raise FetchFailed(f"more than {DAILY_PAPERS_MOST_PAGES * DAILY_PAPERS_PAGE:,} papers",
                      "import a shorter time: a week or a day")


def json_or_none(body: bytes):
    try:
        return json.loads(body)
    except ValueError:
        return None


def paper_key(item: object) -> str:
    """What tells a paper of the daily papers from the others: its arXiv id."""
    paper = item.get("paper") if isinstance(item, dict) else None
    if isinstance(paper, dict) and isinstance(paper.get("id"), str):
        return paper["id"]
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def fetch(url: str, waiting: Callable[[str], None] = lambda said: None, accept: str = ANY
          ) -> bytes:
    """The body of a GET of `url`, tried again after 429, a 5xx answer, a timeout or a
    dropped connection, waiting twice as long each time (or what Retry-After says), which
    `waiting` is told; after a refusal that asking again would not change (404, 403 …),
    or the last attempt, FetchFailed says why. `accept`: the kind of answer asked for
    (urllib keeps it over a redirect, as doi.org's to its registration agency)."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": f"bitext/{__version__}",
                                                       "Accept": accept})
    except ValueError as error:  # (no host, a space …)
        raise FetchFailed(f"not an address to download from ({error})",
                          "check the address") from None
    for attempt in range(FETCH_ATTEMPTS):
        wait = None
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
                body = response.read(FETCH_MAX_BYTES + 1)
            if len(body) > FETCH_MAX_BYTES:
                raise FetchFailed(f"more than {FETCH_MAX_BYTES // 2**20} MiB",
                                  "save it to a file and import its parts")
            return body
        except urllib.error.HTTPError as error:
            said = service_message(error)
            why = f"the server answered {error.code} {error.reason or ''}".strip() + (
                f" ({said})" if said else "")
            if error.code != 429 and error.code < 500:
                raise FetchFailed(why, hint_for(error.code)) from None
            wait = retry_after(error.headers.get("Retry-After"))
        except http.client.InvalidURL as error:
            raise FetchFailed(f"not an address to download from ({error})",
                              "check the address") from None
        except (TimeoutError, ConnectionResetError, ConnectionAbortedError,
                http.client.HTTPException) as error:  # (passing: asked again)
            why = (f"no answer within {FETCH_TIMEOUT_SECONDS} s"
                   if isinstance(error, TimeoutError) else
                   f"the connection dropped ({type(error).__name__})")
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            if not isinstance(reason, TimeoutError):  # (no such host, refused, no network)
                host = urllib.parse.urlsplit(url).netloc or url
                raise FetchFailed(f"cannot reach {host} ({reason})",
                                  "check the address and the connection") from None
            why = f"no answer within {FETCH_TIMEOUT_SECONDS} s"
        if attempt + 1 == FETCH_ATTEMPTS:
            raise FetchFailed(f"{why}, after {FETCH_ATTEMPTS} attempts",
                              "try again later, or save the answer to a file and import it")
        backoff = FIRST_WAIT_SECONDS * 2 ** attempt
        seconds = min(MAX_BACKOFF_SECONDS, wait if wait is not None else
                      backoff * (1 + random.random() / 4))
        waiting(f"{why}; asking again in {seconds:.0f} s")
        time.sleep(seconds)
    raise AssertionError("unreachable")


def hint_for(code: int) -> str:
    if code in (401, 403):
        return "the server lets no one download this without signing in; save it from a browser"
    if code == 404:
        return "check the address"
    return "check the address and its query"


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (its date form is not followed)."""
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def service_message(error: urllib.error.HTTPError) -> str:
    """What the server says went wrong: the `error.message` of an OpenAI-style answer
    ({"error": {"message": …}} or {"error": "…"}, as the daily-papers API's too), the title
    of an HTML error page, else the start of its text."""
    try:
        text = error.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""
    if text.lstrip().startswith("<"):
        title = re.search(r"<title[^>]*>([^<]*)</title>", text, re.IGNORECASE)
        text = title[1] if title else ""
    with contextlib.suppress(ValueError, TypeError, AttributeError):
        found = json.loads(text)["error"]
        text = found["message"] if isinstance(found, dict) else found
    return " ".join(str(text).split())[:200]
