"""Building sites: what the pages hold, the output contract, determinism and safety."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bitext.cli import main
from bitext.errors import InputError
from bitext.pipeline import Options, build
from bitext.write import MARKER
from tests.conftest import REPO, SAMPLE_DIGEST, SITE_YAML, make_project, paper, snapshot


def run(*args: str) -> int:
    return main(list(args))


class Blocks(HTMLParser):
    """Collects the lang of every abstract section and every link of a page."""

    def __init__(self):
        super().__init__()
        self.abstract_langs, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "abstract" in (attrs.get("class") or ""):
            self.abstract_langs.append((attrs.get("lang"), attrs.get("dir")))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def parse(path: Path) -> Blocks:
    parser = Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "_site"
    build(Options(root=REPO, out=out, base_url="https://example.github.io/digest/"))
    return out


def test_build_output_has_no_preview_script(sample_site):
    for path in sample_site.rglob("*"):
        if path.is_file():
            assert b"livereload" not in path.read_bytes(), path


def test_every_page_title_is_plain_text(sample_site):
    """A <title> shows its text as it is: markup in it (the 404 page's title held the span
    that switches a label's language) appears in the browser's tab as written."""
    for page in sample_site.rglob("*.html"):
        html = page.read_text("utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "<" not in title and title.strip(), page


def test_sample_site_has_the_output_layout(sample_site):
    for path in ["index.html", "tags/index.html", "archive/index.html",
                 "archive/2025-05/index.html", "feed.xml", "sitemap.xml", "robots.txt",
                 "404.html", ".nojekyll", "static/css/site.css",
                 "papers/qwen3-technical-report/index.html", "tags/llm/index.html",
                 "tags/llm/feed.xml"]:
        assert (sample_site / path).is_file(), path


def test_every_sample_paper_page_holds_both_abstracts_with_their_language(sample_site):
    pages = sorted((sample_site / "papers").glob("*/index.html"))
    assert len(pages) == 4
    for page in pages:
        assert parse(page).abstract_langs == [("en", "ltr"), ("zh-Hans", "ltr")], page


def test_sample_abstracts_are_the_digest_text(sample_site):
    digest = SAMPLE_DIGEST.read_text(encoding="utf-8")
    html = (sample_site / "papers/qwen3-technical-report/index.html").read_text("utf-8")
    chinese_abstract = digest.splitlines()[4]
    assert chinese_abstract in html
    assert ('<span class="title-secondary in-secondary" lang="zh-Hans" dir="ltr">'
            'Qwen3 技术报告</span>') in html


def test_tag_pages_and_archives_list_the_right_papers(sample_site):
    rl = parse(sample_site / "tags/reinforcement-learning/index.html").links
    assert "../../papers/absolute-zero-reinforced-self-play-reasoning-with-zero-data/" in rl
    assert not any("qwen3" in link for link in rl)
    month = (sample_site / "archive/2025-05/index.html").read_text("utf-8")
    assert month.count('<li class="entry">') == 4


def test_home_is_newest_first_and_paginated(project, tmp_path):
    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    home = parse(out / "index.html").links
    papers = [link for link in home if link.startswith("./papers/")]
    assert papers == ["./papers/third-paper/", "./papers/second-paper/"]
    second_page = (out / "page/2/index.html").read_text("utf-8")
    assert "../../papers/first-paper/" in second_page
    assert 'rel="prev" href="../../"' in second_page


def test_tag_and_month_pages_are_paginated(tmp_path):
    papers = {f"p{n}.md": paper(f"Paper {n}", f"论文{n}", date=f"2025-05-0{n}", tags=["rl"])
              for n in range(1, 6)}
    site_yaml = SITE_YAML.replace("per_page: 2\n", "per_page: 2\nlist_per_page: 2\n")
    project = make_project(tmp_path / "site", papers, site_yaml)
    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    for listing in ("tags/rl/", "archive/2025-05/"):
        pages = [out / listing / "index.html", out / listing / "page/2/index.html",
                 out / listing / "page/3/index.html"]
        assert not (out / listing / "page/4").exists()
        shown = [[link for link in parse(page).links if "/papers/" in link] for page in pages]
        depth = "../" * listing.count("/")
        assert shown == [[f"{depth}papers/paper-5/", f"{depth}papers/paper-4/"],
                         [f"{depth}../../papers/paper-3/", f"{depth}../../papers/paper-2/"],
                         [f"{depth}../../papers/paper-1/"]]
        middle = pages[1].read_text("utf-8")
        assert f'<link rel="prev" href="{depth}../../{listing}">' in middle
        assert f'<link rel="next" href="{depth}../../{listing}page/3/">' in middle
        assert "Page 2 of 3" in middle and ">5 papers<" in middle  # the count of them all
        assert "rel=\"next\"" not in pages[2].read_text("utf-8")
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "https://example.github.io/digest/tags/rl/page/3/" in sitemap
    assert "https://example.github.io/digest/archive/2025-05/page/2/" in sitemap


class Outline(HTMLParser):
    """A listing page's headings in order, as (level, text): a day's or month's <h2> and
    its papers' titles (the primary language's)."""

    def __init__(self):
        super().__init__()
        self.headings, self.open = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self.open = [int(tag[1]), ""]
        elif self.open and tag == "span" and "title-secondary" in (dict(attrs).get("class")
                                                                    or ""):
            self.headings.append((self.open[0], self.open[1].strip()))
            self.open = None

    def handle_data(self, data):
        if self.open:
            self.open[1] += data

    def handle_endtag(self, tag):
        if self.open and tag in ("h1", "h2", "h3"):
            self.headings.append((self.open[0], " ".join(self.open[1].split())))
            self.open = None


def outline(path: Path) -> list[tuple[int, str]]:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.headings


def test_listings_show_their_papers_under_each_day_or_month(tmp_path):
    dated = [("Paper A", "2025-05-02", 1), ("Paper B", "2025-05-02", 2),
             ("Paper C", "2025-05-01", None), ("Paper D", "2025-04-30", None)]
    papers = {f"p{n}.md": paper(title, f"论文{n}", date=date, tags=["rl"],
                                **({"order": order} if order else {}))
              for n, (title, date, order) in enumerate(dated)}
    site_yaml = SITE_YAML.replace("per_page: 2\n", "per_page: 10\n")
    project = make_project(tmp_path / "site", papers, site_yaml)
    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    by_day = [(2, "May 2, 2025"), (3, "Paper A"), (3, "Paper B"),
              (2, "May 1, 2025"), (3, "Paper C"), (2, "April 30, 2025"), (3, "Paper D")]
    assert outline(out / "index.html") == [(1, "Papers")] + by_day
    assert outline(out / "archive/2025-05/index.html")[1:] == by_day[:5]
    assert outline(out / "tags/rl/index.html")[1:] == [
        (2, "May 2025"), (3, "Paper A"), (3, "Paper B"), (3, "Paper C"),
        (2, "April 2025"), (3, "Paper D")]
    home = (out / "index.html").read_text("utf-8")
    assert ('<h2 class="entry-group-title"><time datetime="2025-05-02" data-alt="2025年5月2日"'
            in home)  # (each heading in both languages, as the dates of entries are)


def test_paper_page_links_neighbours_and_related(project, tmp_path):
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    html = (out / "papers/second-paper/index.html").read_text("utf-8")
    assert 'rel="prev" href="../../papers/first-paper/"' in html
    assert 'rel="next" href="../../papers/third-paper/"' in html
    related = html.split('class="related"')[1]
    assert "first-paper" in related and "third-paper" not in related


def test_machine_metadata_on_paper_pages(project, tmp_path):
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    html = (out / "papers/first-paper/index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.github.io/digest/papers/first-paper/">' \
        in html
    assert '<meta name="citation_title" content="First Paper">' in html
    assert '<meta name="citation_publication_date" content="2025/04/20">' in html
    og_url = "https://example.github.io/digest/papers/first-paper/"
    assert f'<meta property="og:url" content="{og_url}">' in html
    import json
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))
    assert data["@type"] == "ScholarlyArticle"
    assert data["workTranslation"]["name"] == "第一篇"
    assert data["workTranslation"]["inLanguage"] == "zh-Hans"
    assert data["identifier"]["value"] == "2504.00001"


def test_a_paper_published_elsewhere_than_arxiv_links_and_cites_its_page_and_doi(tmp_path):
    """A conference paper arXiv does not have: its page where it was published, named by
    its place, where it was published (`venue`), and its DOI in the citations (BibTeX,
    JSON-LD, Google Scholar's meta)."""
    import html
    import json

    bert = paper("BERT: Pre-training of Deep Bidirectional Transformers for Language "
                 "Understanding", authors=["Jacob Devlin", "Ming-Wei Chang"],
                 venue="NAACL-HLT 2019 & ACL_Anthology", year=2019,
                 links={"page": "https://aclanthology.org/N19-1423/",
                        "pdf": "https://aclanthology.org/N19-1423.pdf",
                        "doi": "https://doi.org/10.18653/v1/N19-1423"})
    lora = paper("LoRA: Low-Rank Adaptation of Large Language Models", date="2025-05-02",
                 links={"page": "https://openreview.net/forum?id=nZeVKeeFYf9_{x}",
                        "doi": "https://doi.org/10.1000/a%7Bb%7D"})
    journal = paper("A Paper of a Journal", date="2025-05-03", authors=["Ada Lovelace"],
                    venue="Nature Machine Intelligence", year=2020,
                    links={"page": "https://journal.example.org/articles/42"})
    project = make_project(tmp_path / "site", {"bert.md": bert, "lora.md": lora,
                                               "journal.md": journal})
    out = tmp_path / "out"
    build(Options(root=project, out=out, search=False))

    def page(slug: str) -> str:
        return (out / f"papers/{slug}/index.html").read_text("utf-8")

    def links(text: str) -> list[tuple[str, str]]:
        listed = text.split('class="link-list"')[1].split("</ul>")[0]
        return [(html.unescape(url), label) for url, label
                in re.findall(r'<a href="([^"]+)" rel="noopener">([^<]+)</a>', listed)]

    def json_ld(text: str) -> dict:
        return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                    text, re.S).group(1))

    def bibtex(text: str) -> str:
        return html.unescape(re.search(r'<pre class="bibtex" id="bibtex"><code[^>]*>(.*?)'
                                       r"</code>", text, re.S).group(1))

    bert_page = page("bert-pre-training-of-deep-bidirectional-transformers-for-language-"
                     "understanding")
    assert links(bert_page) == [("https://aclanthology.org/N19-1423/", "ACL Anthology"),
                                ("https://aclanthology.org/N19-1423.pdf", "PDF"),
                                ("https://doi.org/10.18653/v1/N19-1423", "DOI")]
    assert '<meta name="citation_doi" content="10.18653/v1/N19-1423">' in bert_page
    assert ('<dt><span data-alt="发表于" data-alt-lang="zh-Hans" data-alt-dir="ltr">Published in'
            '</span></dt><dd>NAACL-HLT 2019 &amp; ACL_Anthology</dd>') in bert_page
    described = json_ld(bert_page)
    assert described["isPartOf"] == {"@type": "CreativeWork",
                                     "name": "NAACL-HLT 2019 & ACL_Anthology"}
    assert described["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI",
                                       "value": "10.18653/v1/N19-1423"}
    assert described["sameAs"] == ["https://aclanthology.org/N19-1423/",
                                   "https://doi.org/10.18653/v1/N19-1423"]
    # (a conference's paper: @inproceedings, its booktitle the conference's name)
    assert ("  booktitle = {NAACL-HLT 2019 \\& ACL\\_Anthology},\n  doi = {10.18653/v1/N19-"
            "1423},\n  url = {https://aclanthology.org/N19-1423/},\n") in bibtex(bert_page)
    # (the year it was published, which the venue's name holds: said once)
    assert bibtex(bert_page).startswith("@inproceedings{devlin2019bert,\n")
    assert "  year = {2019},\n  booktitle" in bibtex(bert_page)
    assert ('<meta name="citation_conference_title" content="NAACL-HLT 2019 &amp; '
            'ACL_Anthology">') in bert_page
    assert described["datePublished"] == "2019"

    lora_page = page("lora-low-rank-adaptation-of-large-language-models")
    # (a brace is no character of an address: the page links it as a browser asks for it)
    assert links(lora_page) == [("https://openreview.net/forum?id=nZeVKeeFYf9_%7Bx%7D",
                                 "OpenReview"), ("https://doi.org/10.1000/a%7Bb%7D", "DOI")]
    assert json_ld(lora_page)["identifier"]["value"] == "10.1000/a{b}"
    # (LaTeX reads an address or a DOI as it is written: an underscore stays one; a brace,
    # which could end the value, is written as the address's own %7B)
    assert ("  doi = {10.1000/a%7Bb%7D},\n  url = {https://openreview.net/forum?id=nZeVKeeFYf9_"
            "%7Bx%7D},\n") in bibtex(lora_page)

    journal_page = page("a-paper-of-a-journal")
    assert links(journal_page) == [("https://journal.example.org/articles/42", "Paper page")]
    # A paper of 2020 in a digest of 2025: its page and citations give the year it was
    # published, not the day of the digest (nor that day's month).
    assert ("Published in</span></dt><dd>Nature Machine Intelligence, 2020</dd>"
            in journal_page)
    assert '<meta name="citation_publication_date" content="2020">' in journal_page
    assert json_ld(journal_page)["datePublished"] == "2020"
    # (a journal's paper: @article, its journal's name)
    assert bibtex(journal_page) == (
        "@article{lovelace2020paper,\n  title = {{A Paper of a Journal}},\n  author = {Ada "
        "Lovelace},\n  year = {2020},\n  journal = {Nature Machine Intelligence},\n  url = "
        "{https://journal.example.org/articles/42},\n}\n")
    assert ('<meta name="citation_journal_title" content="Nature Machine Intelligence">'
            in journal_page)
    assert '<meta name="citation_publication_date" content="2025/05/02">' in lora_page


def test_two_builds_are_byte_identical(project, tmp_path):
    build(Options(root=project, out=tmp_path / "a"))
    build(Options(root=project, out=tmp_path / "b"))
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_source_date_epoch_sets_the_build_stamp(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("--root", str(project), "build", "--out", str(tmp_path / "o")) == 0
    feed = (tmp_path / "o/feed.xml").read_text("utf-8")
    assert "<lastBuildDate>Tue, 14 Nov 2023 22:13:20 +0000</lastBuildDate>" in feed


def test_without_source_date_epoch_the_stamp_is_the_newest_paper(project, tmp_path):
    build(Options(root=project, out=tmp_path / "o"))
    feed = (tmp_path / "o/feed.xml").read_text("utf-8")
    assert "<lastBuildDate>Sat, 10 May 2025 00:00:00 +0000</lastBuildDate>" in feed


def test_base_url_flag_overrides_site_yaml(project, tmp_path):
    run("--root", str(project), "build", "--out", str(tmp_path / "o"),
        "--base-url", "https://digest.example.org")
    feed = (tmp_path / "o/feed.xml").read_text("utf-8")
    assert "<link>https://digest.example.org/papers/third-paper/</link>" in feed
    not_found = (tmp_path / "o/404.html").read_text("utf-8")
    assert 'href="/static/css/site.css"' in not_found


@pytest.mark.parametrize("before", [[], ["--root={root}"], ["--root", "{root}"]])
def test_the_build_options_need_no_command(project, tmp_path, capsys, monkeypatch, before):
    """`build` is the default command, so its options work without it, as `hugo
    --baseURL …` does (argparse took `--base-url URL` for a command: "invalid choice")."""
    monkeypatch.chdir(project)
    assert run(*[arg.format(root=project) for arg in before], "--out", str(tmp_path / "o"),
               "--base-url", "https://digest.example.org") == 0
    assert "<link>https://digest.example.org/papers/third-paper/</link>" in (
        tmp_path / "o/feed.xml").read_text("utf-8")
    assert "built 3 papers" in capsys.readouterr().out


def test_404_page_links_from_the_base_path(project, tmp_path):
    build(Options(root=project, out=tmp_path / "o"))
    not_found = (tmp_path / "o/404.html").read_text("utf-8")
    assert 'href="/digest/static/css/site.css"' in not_found
    assert 'href="/digest/tags/"' in not_found


def test_drafts_are_left_out_unless_asked(project, tmp_path):
    (project / "content/papers/draft.md").write_text(paper("Draft Paper", draft=True), "utf-8")
    build(Options(root=project, out=tmp_path / "o"))
    assert not (tmp_path / "o/papers/draft-paper").exists()
    build(Options(root=project, out=tmp_path / "d", drafts=True))
    assert (tmp_path / "d/papers/draft-paper/index.html").is_file()


# -- errors and the previous build ---------------------------------------------------------

def test_bad_content_exits_1_and_keeps_the_previous_site(project, tmp_path, capsys):
    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    before = snapshot(out)
    (project / "content/papers/two.md").write_text(
        paper("Second Paper").replace("2025-05-01", "2025-13-01"), "utf-8")
    (project / "content/papers/three.md").write_text(paper("Third", tags=["Bad Tag"]), "utf-8")
    assert run("--root", str(project), "build", "--out", str(out)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/papers/three.md:6: tags.0: not a tag name (expected lowercase letters, digits "
        "and hyphens, found 'Bad Tag') — write 'bad-tag'",
        "content/papers/two.md:5: date: no such date (expected a real calendar date, found "
        "'2025-13-01')",
        "2 errors in 2 files; nothing was written.",
    ]
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".bitext")] == []


def test_template_error_names_the_template_and_line(project, tmp_path, capsys):
    template = project / "templates/tag.html"
    text = template.read_text("utf-8").replace("{% block main %}",
                                                 "{% block main %}\n{{ tag.no_such_field }}")
    template.write_text(text, "utf-8")
    assert run("--root", str(project), "build", "--out", str(tmp_path / "o")) == 1
    line = text.splitlines().index("{{ tag.no_such_field }}") + 1
    err = capsys.readouterr().err
    assert f"templates/tag.html:{line}: template error:" in err
    assert "no_such_field" in err
    assert "Traceback" not in err


def test_a_template_error_in_parallel_rendering_is_reported_and_loses_nothing(
        tmp_path, capsys, monkeypatch):
    """Paper pages go to the worker processes first, the newest first: a template error
    on the newest paper's page is met by a worker, and reported like any other (it ended
    the build in a traceback, or left it waiting for ever)."""
    import bitext.pipeline

    monkeypatch.setattr(bitext.pipeline, "PARALLEL_MIN", 1)
    monkeypatch.setattr(bitext.pipeline, "CHUNK", 2)
    project = make_project(tmp_path / "site", {
        f"p{number:02d}.md": paper(f"Paper {number}", f"论文{number}",
                                   date=f"2025-04-{number:02d}") for number in range(1, 21)})
    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out), "--jobs", "2") == 0
    before = snapshot(out)
    template = project / "templates/paper.html"
    broken = '{% if paper.slug == "paper-20" %}{{ paper.no_such_field }}{% endif %}'
    text = template.read_text("utf-8").replace("{% block main %}",
                                                 "{% block main %}\n" + broken)
    template.write_text(text, "utf-8")
    capsys.readouterr()
    assert run("--root", str(project), "build", "--out", str(out), "--jobs", "2") == 1
    line = text.splitlines().index(broken) + 1
    err = capsys.readouterr().err
    assert f"templates/paper.html:{line}: template error:" in err
    assert "Traceback" not in err
    assert snapshot(out) == before


def test_a_file_where_the_site_needs_a_folder_is_named(project, tmp_path, capsys):
    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    shutil.rmtree(out / "papers")
    (out / "papers").write_text("put here by hand", "utf-8")
    before = snapshot(out)
    capsys.readouterr()
    assert run("--root", str(project), "build", "--out", str(out), "--no-cache") == 1
    err = capsys.readouterr().err
    assert f"{out / 'papers'}: a file stands where the site needs a folder" in err
    assert "Traceback" not in err
    assert snapshot(out) == before


def test_a_full_disk_is_said_plainly(project, tmp_path, capsys, monkeypatch):
    import errno
    import os

    import bitext.write

    def full(self, relative, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    before = snapshot(out)
    (project / "content/papers/one.md").write_text(paper("One, edited"), "utf-8")
    monkeypatch.setattr(bitext.write.Changes, "stage", full)
    capsys.readouterr()
    assert run("--root", str(project), "build", "--out", str(out)) == 1
    assert capsys.readouterr().err == (
        f"error: {os.strerror(errno.ENOSPC)} — free some space on that disk and run it "
        "again; nothing was written.\n")
    assert snapshot(out) == before


@pytest.mark.parametrize("first", [True, False])
def test_sigterm_stops_a_build_as_ctrl_c_does(project, tmp_path, capsys, monkeypatch, first):
    """A cancelled CI job or `timeout` sends SIGTERM: the build removes what it staged
    (it used to die on the spot, leaving a half-written first build that the next build
    refused, or temporaries among the published files)."""
    import os
    import signal

    import bitext.write

    out = tmp_path / "out"
    if not first:
        assert run("--root", str(project), "build", "--out", str(out)) == 0
        (project / "templates/base.html").write_text(
            (project / "templates/base.html").read_text("utf-8").replace(
                "<body>", "<body class=\"changed\">"), "utf-8")
    before = snapshot(out) if not first else None
    stage = bitext.write.Changes.stage
    staged = []

    def stage_then_terminate(self, relative, data):
        stage(self, relative, data)
        staged.append(relative)
        if len(staged) == 5:
            os.kill(os.getpid(), signal.SIGTERM)

    def ignored(number, frame):  # (without bitext's handler: the build goes on, and fails)
        pass

    monkeypatch.setattr(bitext.write.Changes, "stage", stage_then_terminate)
    previous = signal.signal(signal.SIGTERM, ignored)
    capsys.readouterr()
    try:
        assert run("--root", str(project), "build", "--out", str(out)) == 130
        assert signal.getsignal(signal.SIGTERM) is ignored  # (put back)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert capsys.readouterr().err.strip().endswith("stopped")
    assert len(staged) == 5
    if first:
        assert not out.exists()
    else:
        assert snapshot(out) == before
        assert [path for path in out.rglob("*") if ".bitext-tmp-" in path.name] == []


KILLED_BUILD = """
import os, signal, sys
import bitext.write
from bitext.cli import main
stage, staged = bitext.write.Changes.stage, []
def stage_then_die(self, relative, data):
    stage(self, relative, data)
    staged.append(relative)
    if len(staged) == 5:
        os.kill(os.getpid(), signal.SIGKILL)
bitext.write.Changes.stage = stage_then_die
main(sys.argv[1:])
"""


def test_a_first_build_killed_outright_leaves_a_folder_the_next_build_replaces(project,
                                                                                 tmp_path):
    """SIGKILL or the out-of-memory killer stops a first build with no chance to remove
    what it wrote in place. The folder was then refused by the next build as holding
    files that bitext did not write; it is marked as bitext's before the first file."""
    import os
    import signal
    import subprocess
    import sys

    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BUILD, "--root", str(project), "build", "--out",
         str(out), "--jobs", "1"], env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert 5 <= len(snapshot(out)) < 10  # (the marker and the pages written)
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    clean = tmp_path / "clean"
    assert run("--root", str(project), "build", "--out", str(clean), "--no-cache") == 0
    assert snapshot(out) == snapshot(clean)


ONE_SHOT = """
import atexit, sys
from bitext.cli import main
atexit.register(lambda: print("exit functions ran", file=sys.stderr))
sys.exit(main())
"""


def test_a_command_that_builds_once_ends_its_process_with_everything_said_and_written(
        project, tmp_path):
    """The command line ends a one-shot build or check without freeing its objects one by
    one (see `bitext.cli.end_process`): what it printed, the output folder, the exit
    status and the exit functions of its libraries are as before. A build with a problem
    ends as it did (status 1, the problems printed)."""
    import os
    import subprocess
    import sys

    def command(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", ONE_SHOT, "--root", str(project), *args],
                              env={**os.environ, "PYTHONPATH": str(REPO)},
                              capture_output=True, text=True, timeout=120)

    out = tmp_path / "out"
    for expected in ("built 3 papers: ", "no changes: 3 papers, "):
        built = command("build", "--out", str(out), "--jobs", "2")
        assert built.returncode == 0, built.stderr
        assert built.stdout.startswith(expected)
        assert built.stderr.endswith("exit functions ran\n")
    clean = tmp_path / "clean"
    assert run("--root", str(project), "build", "--out", str(clean), "--no-cache") == 0
    assert snapshot(out) == snapshot(clean)
    checked = command("check")
    assert (checked.returncode, checked.stdout.splitlines()[-1][:12]) == (0, "ok: 3 papers")
    (project / "content/papers/bad.md").write_text("---\ntitle: x\n---\n", "utf-8")
    failed = command("build", "--out", str(out))
    assert failed.returncode == 1
    assert "content/papers/bad.md" in failed.stderr and "nothing was written" in failed.stderr
    assert snapshot(out) == snapshot(clean)


@pytest.mark.parametrize("number", ["SIGINT", "SIGTERM"])
def test_an_interrupt_while_the_update_is_put_in_place_finishes_it_and_says_so(
        project, tmp_path, capsys, monkeypatch, number):
    """Ctrl-C during the commit waits for it (a half-moved site would be worse): the folder
    then holds the new site, and the command must not say only "stopped", as if nothing
    had changed; the index is kept, so the next build has nothing to do."""
    import os
    import signal

    import bitext.write

    out = tmp_path / "out"
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    edit = project / "content/papers/one.md"
    edit.write_text(edit.read_text("utf-8").replace("First Paper", "Edited Paper"), "utf-8")
    write_marker = bitext.write.write_marker

    def interrupted_marker(folder, token):
        os.kill(os.getpid(), getattr(signal, number))  # (held until the commit is done)
        write_marker(folder, token)

    monkeypatch.setattr(bitext.write, "write_marker", interrupted_marker)
    capsys.readouterr()
    assert run("--root", str(project), "build", "--out", str(out)) == 130
    assert capsys.readouterr().err.strip() == (
        "stopped (after the output folder was brought up to date)")
    assert "Edited Paper" in (out / "papers/edited-paper/index.html").read_text("utf-8")
    monkeypatch.setattr(bitext.write, "write_marker", write_marker)
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    assert capsys.readouterr().out.startswith("no changes: 3 papers")


@pytest.mark.parametrize("expression, message", [
    ("1 / 0", "template error: ZeroDivisionError: division by zero"),
    ('ui("autors")', "template error: ui('autors'): no such interface string "
                     "(did you mean 'authors'?)"),
    ('ui("count")', "template error: ui('count') needs a value for count: "
                    "ui('count', count=…)"),
    ("site.newest.title", "template error: 'bitext.siteview.SiteView object' has no "
                          "attribute 'newest' — README.md, Templates and styles, lists what "
                          "each template is given and what `site` and a paper hold"),
])
def test_a_template_that_fails_as_it_runs_is_named_with_its_line(project, tmp_path, capsys,
                                                                  expression, message):
    # (Jinja reports its own errors; what the template's Python raises used to end the
    # build in a traceback)
    template = project / "templates/paper.html"
    lines = template.read_text("utf-8").split("\n")
    lines.insert(9, "{{ " + expression + " }}")
    template.write_text("\n".join(lines), "utf-8")
    assert run("--root", str(project), "build", "--out", str(tmp_path / "o")) == 1
    err = capsys.readouterr().err
    assert f"templates/paper.html:10: {message}" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_template_syntax_error(project, tmp_path, capsys):
    (project / "templates/tags.html").write_text("{% block main %}\n{% if %}\n", "utf-8")
    assert run("--root", str(project), "build", "--out", str(tmp_path / "o")) == 1
    assert "templates/tags.html:2: template syntax:" in capsys.readouterr().err


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"),
                                     KeyboardInterrupt()])
def test_failure_while_writing_keeps_the_previous_site(project, tmp_path, monkeypatch,
                                                       failure):
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    before = snapshot(out)
    edit = project / "content/papers/one.md"
    edit.write_text(edit.read_text("utf-8").replace("First", "Edited"), "utf-8")
    import bitext.write

    original, calls = bitext.write.Changes.stage, []

    def failing_stage(self, relative, data):
        calls.append(relative)
        if len(calls) == 3:  # some files are staged already
            raise failure
        original(self, relative, data)

    monkeypatch.setattr(bitext.write.Changes, "stage", failing_stage)
    with pytest.raises(type(failure)):
        build(Options(root=project, out=out))
    assert len(calls) == 3
    assert snapshot(out) == before
    assert not [path for path in out.rglob("*") if ".bitext-tmp" in path.name]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "site"]


def test_a_failed_first_build_leaves_no_folder_that_blocks_the_next(project, tmp_path,
                                                                    monkeypatch):
    out = tmp_path / "out"
    import bitext.write

    original, calls = bitext.write.Changes.stage, []

    def failing_stage(self, relative, data):
        calls.append(relative)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        original(self, relative, data)

    monkeypatch.setattr(bitext.write.Changes, "stage", failing_stage)
    with pytest.raises(OSError):
        build(Options(root=project, out=out))
    assert not out.exists() or not any(out.iterdir())
    monkeypatch.setattr(bitext.write.Changes, "stage", original)
    assert run("--root", str(project), "build", "--out", str(out)) == 0


def test_an_error_late_in_rendering_keeps_the_previous_site(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    before = snapshot(out)
    (project / "templates/404.html").write_text("{{ no_such_name }}", "utf-8")
    assert run("--root", str(project), "build", "--out", str(out)) == 1
    assert snapshot(out) == before


def test_a_stopped_update_removes_what_its_workers_wrote_without_telling(tmp_path):
    """A worker stopped in the middle of a chunk (Ctrl-C, or a failure elsewhere ending the
    pool) never lists its staged files back; the update's `discard` removes them too: the
    whole folder of a first build, this update's temporaries in an existing one."""
    from bitext.write import Changes

    new = tmp_path / "new"
    first = Changes(new)
    first.stage("index.html", b"home")
    first.part().stage("papers/a/index.html", b"unreported")
    first.discard()
    assert not new.exists()

    site = tmp_path / "site"
    (site / "papers/old").mkdir(parents=True)
    (site / "papers/old/index.html").write_bytes(b"published")
    before = snapshot(site)
    update = Changes(site)
    update.stage("index.html", b"home")
    worker = update.part()
    worker.stage("papers/new/index.html", b"unreported")
    worker.stage("papers/old/index.html", b"unreported")
    update.discard()
    assert snapshot(site) == before
    assert not (site / "papers/new").exists()


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", "--no-such-flag"])
    assert caught.value.code == 2


# -- the output folder ----------------------------------------------------------------------

@pytest.mark.parametrize("target", [".", "..", "content", "content/papers", "templates",
                                    "static"])
def test_refuses_output_folders_that_hold_the_project(project, target, capsys):
    assert run("--root", str(project), "build", "--out", str(project / target)) == 1
    assert "refusing to use" in capsys.readouterr().err
    assert (project / "content/papers/one.md").is_file()


def test_refuses_a_folder_it_did_not_make(project, tmp_path, capsys):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious", "utf-8")
    assert run("--root", str(project), "build", "--out", str(foreign)) == 1
    assert "has files that bitext did not write" in capsys.readouterr().err
    assert (foreign / "thesis.tex").read_text("utf-8") == "precious"


def test_replaces_its_own_folder_and_marks_it(project, tmp_path):
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    (project / "content/papers/three.md").unlink()
    build(Options(root=project, out=out))
    assert (out / MARKER).is_file()
    assert not (out / "papers/third-paper").exists()


@pytest.mark.parametrize("cache", [True, False])
def test_a_version_control_folder_in_the_output_folder_stays(project, tmp_path, capsys,
                                                              cache):
    """An output folder that is also a worktree (a gh-pages branch, say) holds .git: a
    build without the cache's index, the first after a clone or with --no-cache, took
    every file there for a stale output and deleted it. Other files the project does not
    produce go, as the marker says, in a build without an index (with one, a build
    deletes only the outputs it knows)."""
    out = tmp_path / "out"
    options = ["--root", str(project), "build", "--out", str(out)] + (
        [] if cache else ["--no-cache"])
    assert run(*options) == 0
    for name in (".git/HEAD", ".git/objects/ab/cdef", ".svn/entries", "notes.txt"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("mine", "utf-8")
    (project / "content/papers/three.md").unlink()
    assert run(*options) == 0
    assert not (out / "papers/third-paper").exists()
    assert (out / ".git/HEAD").read_text("utf-8") == "mine"
    assert (out / ".git/objects/ab/cdef").is_file() and (out / ".svn/entries").is_file()
    assert (out / "notes.txt").exists() == cache  # (an index knows its own outputs only)


def test_sibling_with_a_shared_prefix_is_not_inside(project, tmp_path):
    from bitext.write import safe_target

    (tmp_path / "out").mkdir()
    with pytest.raises(InputError):
        safe_target(tmp_path / "out", "../out-evil/x.html")
    with pytest.raises(InputError):
        safe_target(tmp_path / "out", "/etc/passwd")


@pytest.mark.parametrize("relative", ["", "a//b.html", "a/./b.html", "a/../../b.html",
                                      "a\\..\\..\\b.html", "a/"])
def test_output_paths_that_are_not_plain_are_refused(tmp_path, relative):
    from bitext.write import safe_target

    with pytest.raises(InputError):
        safe_target(tmp_path, relative)


def test_a_link_inside_the_output_folder_to_elsewhere_is_refused(tmp_path):
    from bitext.write import safe_target

    (tmp_path / "out/tags").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out/tags/x").symlink_to(tmp_path / "elsewhere")
    assert safe_target(tmp_path / "out", "tags/y/index.html") == tmp_path / "out/tags/y/index.html"
    with pytest.raises(InputError):
        safe_target(tmp_path / "out", "tags/x/index.html")
    with pytest.raises(InputError):
        safe_target(tmp_path / "out", "tags/x/deeper/index.html")


def test_static_symlink_out_of_the_project_is_refused(project, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", "utf-8")
    (project / "static/leak.txt").symlink_to(secret)
    assert run("--root", str(project), "build", "--out", str(tmp_path / "o")) == 1
    assert "static/leak.txt: symbolic link out of the project" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_slug_collision_names_both_files(project, tmp_path, capsys):
    (project / "content/papers/again.md").write_text(paper("First Paper!"), "utf-8")
    assert run("--root", str(project), "build", "--out", str(tmp_path / "o")) == 1
    err = capsys.readouterr().err
    assert ("content/papers/again.md: slug: papers/first-paper/ is also the page of "
            "content/papers/one.md") in err
    assert ("content/papers/one.md: slug: papers/first-paper/ is also the page of "
            "content/papers/again.md") in err


def test_check_writes_nothing(project, tmp_path, capsys):
    assert run("--root", str(project), "check") == 0
    assert "ok: 3 papers" in capsys.readouterr().out
    assert not (project / "_site").exists()


def test_check_warns_of_two_papers_at_one_place_of_a_day(project, capsys):
    """Two papers of a day with the same `order` (a hand edit: imports place new papers
    after the day's others) are listed by slug; `check` names both, at their field."""
    config = (project / "site.yaml").read_text("utf-8")  # (a feed of the day's 4 papers)
    (project / "site.yaml").write_text(config.replace("feed_size: 3", "feed_size: 4"), "utf-8")
    papers = project / "content/papers"
    for name, title, order in [("four.md", "Fourth Paper", 2), ("five.md", "Fifth Paper", 2),
                               ("six.md", "Sixth Paper", 1)]:
        (papers / name).write_text(paper(title, date="2025-05-10", order=order), "utf-8")
    assert run("--root", str(project), "check") == 0
    captured = capsys.readouterr()
    line = (papers / "four.md").read_text("utf-8").split("\n").index("order: 2") + 1
    hint = "give one of them another 'order:' (meanwhile they are listed by slug)"
    assert captured.err.splitlines() == [
        f"content/papers/five.md:{line}: order: warning: place 2 on 2025-05-10 is also that "
        f"of content/papers/four.md — {hint}",
        f"content/papers/four.md:{line}: order: warning: place 2 on 2025-05-10 is also that "
        f"of content/papers/five.md — {hint}"]
    assert "6 papers" in captured.out and "2 warnings" in captured.out

    (papers / "five.md").write_text(paper("Fifth Paper", date="2025-05-10", order=3), "utf-8")
    assert run("--root", str(project), "check") == 0
    assert "order" not in capsys.readouterr().err


def test_check_warns_of_a_paper_dated_after_tomorrow(project, capsys):
    """A year mistyped (2205 for 2025) keeps a paper first on the home page and in the
    feeds; tomorrow is allowed, for an editor whose day begins before the build's."""
    import datetime as dt

    today = dt.date.today()
    papers = project / "content/papers"
    for name, title, days in [("soon.md", "Tomorrow's Paper", 1), ("far.md", "Far Paper", 3)]:
        (papers / name).write_text(
            paper(title, date=(today + dt.timedelta(days=days)).isoformat()), "utf-8")
    assert run("--root", str(project), "check") == 0
    line = (papers / "far.md").read_text("utf-8").split("\n").index(
        f"date: {today + dt.timedelta(days=3)}") + 1
    assert capsys.readouterr().err.splitlines() == [
        f"content/papers/far.md:{line}: date: warning: {today + dt.timedelta(days=3)} is after "
        f"today ({today}) — a typo in the year? the paper is listed first until that day "
        "passes"]


def test_check_warns_when_the_newest_day_has_more_papers_than_a_feed_holds(project, capsys):
    """A day of the Hugging Face daily papers had 6 to 30 papers in the samples, and feeds
    hold 20 by default: on 11 of those 30 days a feed reader that looks once a day would
    never have seen some of the day's papers, and no one said so."""
    papers = project / "content/papers"
    for number in range(4):  # (the fixture's feeds hold 3)
        (papers / f"day-{number}.md").write_text(paper(f"Paper {number}", date="2025-06-02"),
                                                   "utf-8")
    assert run("--root", str(project), "check") == 0
    line = (project / "site.yaml").read_text("utf-8").split("\n").index("feed_size: 3") + 1
    assert capsys.readouterr().err.splitlines() == [
        f"site.yaml:{line}: feed_size: warning: the feeds hold the 3 newest papers, and "
        "2025-06-02 alone has 4: a feed reader that looks once a day misses 1 of them — set "
        "feed_size: 4 or more in site.yaml"]
    assert run("--root", str(project), "build") == 0
    assert "feed_size: warning" in capsys.readouterr().err
    assert (project / "_site/feed.xml").read_text("utf-8").count("<item>") == 3

    config = (project / "site.yaml").read_text("utf-8")
    (project / "site.yaml").write_text(config.replace("feed_size: 3", "feed_size: 4"), "utf-8")
    assert run("--root", str(project), "check") == 0
    assert "feed_size" not in capsys.readouterr().err


def test_build_warns_as_check_does_of_the_papers_together(project, capsys):
    """A tie of places and a date to come: `build` gives the warnings `check` gives (and
    builds), so that an editor who never runs `check` sees them too."""
    import datetime as dt

    papers = project / "content/papers"
    later = dt.date.today() + dt.timedelta(days=3)
    for name, title, date, order in [("four.md", "Fourth Paper", "2025-05-10", 2),
                                     ("five.md", "Fifth Paper", "2025-05-10", 2),
                                     ("far.md", "Far Paper", later.isoformat(), 1)]:
        (papers / name).write_text(paper(title, date=date, order=order), "utf-8")
    assert run("--root", str(project), "check") == 0
    checked = sorted(capsys.readouterr().err.splitlines())
    assert len(checked) == 3 and all(": warning: " in line for line in checked)
    assert run("--root", str(project), "build") == 0
    assert sorted(capsys.readouterr().err.splitlines()) == checked
    assert (project / "_site/papers/far-paper/index.html").exists()


def test_new_scaffolds_a_draft_that_builds(project, tmp_path):
    assert run("--root", str(project), "new", "A Brand New Paper", "--date", "2025-06-01") == 0
    created = project / "content/papers/a-brand-new-paper.md"
    assert "draft: true" in created.read_text("utf-8")
    build(Options(root=project, out=tmp_path / "o", drafts=True))
    assert (tmp_path / "o/papers/a-brand-new-paper/index.html").is_file()


def test_new_leaves_the_translation_awaited_and_its_abstract_unpublishable(project, tmp_path,
                                                                         capsys):
    """`new` wrote placeholders in the translation's place ("(简体中文: abstract to
    translate)"), which a paper set to `draft: false` published as its translation, with
    no warning. Now the paper awaits its translation, as an imported one does, and its
    placeholder abstract, published, is an error that names its line."""
    assert run("--root", str(project), "new", "A Brand New Paper", "--date", "2025-06-01") == 0
    capsys.readouterr()
    created = project / "content/papers/a-brand-new-paper.md"
    published = created.read_text("utf-8").replace("draft: true", "draft: false")
    created.write_text(published, "utf-8")
    assert run("--root", str(project), "build", "--out", str(tmp_path / "o")) == 1
    block_line = published.splitlines().index("::: en") + 1  # (the line a problem names)
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/papers/a-brand-new-paper.md:{block_line}: abstract in en not written yet "
        "(expected the paper's abstract, found 'Abstract to write.') — write it, or keep "
        "'draft: true' until it is written")
    assert not (tmp_path / "o").exists()

    created.write_text(published.replace("Abstract to write.", "We study new papers."),
                       "utf-8")
    assert run("--root", str(project), "check") == 0
    assert ("content/papers/a-brand-new-paper.md: awaiting translation (held back)"
            in capsys.readouterr().out)


def test_arabic_secondary_language_is_marked_rtl(tmp_path):
    from tests.conftest import SITE_YAML

    text = SITE_YAML.replace("code: zh-Hans", "code: ar").replace("zh-Hans:", "ar:")
    import datetime as dt

    from bitext.paperfile import format_paper
    project = make_project(tmp_path / "ar", {"a.md": format_paper(
        titles={"en": "Mutarjim", "ar": "مترجم"}, abstracts={"en": "An abstract.",
                                                             "ar": "ملخص قصير."},
        date=dt.date(2025, 5, 23))}, site_yaml=text)
    build(Options(root=project, out=tmp_path / "o"))
    page = parse(tmp_path / "o/papers/mutarjim/index.html")
    assert page.abstract_langs == [("en", "ltr"), ("ar", "rtl")]


@pytest.mark.parametrize("code, shown, not_shown", [
    ("zh-Hant", ["較新的論文", "按 ← 和 → 鍵前往較早和較新的論文。", "譯者"], ["较新的论文"]),
    ("zh-TW", ["較新的論文"], ["较新的论文"]),
    ("zh-Hans", ["较新的论文", "译者"], ["較新的論文"]),
    ("ja", ["新しい論文", "← キーで古い論文へ、→ キーで新しい論文へ移動します。", "翻訳"],
     ["较新的论文", "Newer paper\""]),
])
def test_the_secondary_languages_labels_are_its_own(tmp_path, code, shown, not_shown):
    """Reading the secondary language alone shows the interface in it: Chinese in
    traditional characters (zh-Hant, and the regions that write it) had the labels of
    simplified Chinese ("较新的论文"), Japanese had English's."""
    import datetime as dt

    from bitext.paperfile import format_paper
    from tests.conftest import SITE_YAML

    text = SITE_YAML.replace("code: zh-Hans", f"code: {code}").replace("zh-Hans:", f"{code}:")
    papers = {f"{name}.md": format_paper(
        titles={"en": f"Paper {name.upper()}", code: f"論文 {name.upper()}"},
        abstracts={"en": "An abstract.", code: "要旨。"}, date=dt.date(2025, 5, day),
        translator="Li Hua") for name, day in (("a", 1), ("b", 2))}
    project = make_project(tmp_path / "site", papers, site_yaml=text)
    build(Options(root=project, out=tmp_path / "o"))
    page = (tmp_path / "o/papers/paper-a/index.html").read_text("utf-8")
    assert [label for label in shown if f'data-alt="{label}"' not in page] == []
    assert [label for label in not_shown if f'data-alt="{label}' in page] == []


def test_every_languages_interface_has_the_labels_and_placeholders_of_english():
    """A label missing in one language would fail its pages' rendering; a placeholder
    missing would drop a count or a name."""
    from bitext.strings import STRINGS

    placeholders = {key: set(re.findall(r"\{\w+\}", text))
                    for key, text in STRINGS["en"].items()}
    for language, strings in STRINGS.items():
        assert strings.keys() == placeholders.keys(), language
        assert {key: set(re.findall(r"\{\w+\}", text)) for key, text in strings.items()} \
            == placeholders, language


def test_new_refuses_a_title_that_gives_a_reserved_file_name(project, capsys):
    assert run("--root", str(project), "new", "CON") == 1
    assert ("title: the title gives a reserved file name (expected a name Windows can store "
            "as a folder") in capsys.readouterr().err
    assert not (project / "content/papers/con.md").exists()


def test_new_refuses_a_title_with_a_control_character(project, capsys):
    # (it wrote a paper file that the next build refused)
    assert run("--root", str(project), "new", "A \a bell") == 1
    assert ("title: forbidden character (expected printable text, found U+0007)"
            in capsys.readouterr().err)
    assert not (project / "content/papers/a-bell.md").exists()


def test_links_planted_in_the_output_folder_never_lead_a_write_outside(project, tmp_path,
                                                                       capsys):
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.html").write_text("precious", "utf-8")
    build(Options(root=project, out=out))
    page = out / "papers/first-paper/index.html"
    page.unlink()
    page.symlink_to(outside / "precious.html")  # a link in place of a page
    assert run("--root", str(project), "build", "--out", str(out)) == 0
    assert not page.is_symlink() and "First Paper" in page.read_text("utf-8")
    shutil.rmtree(out / "tags/rl")
    (out / "tags/rl").symlink_to(outside)  # a link in place of a folder
    shutil.rmtree(project / ".bitext-cache")  # so that every file is written again
    assert run("--root", str(project), "build", "--out", str(out)) == 1
    assert "refusing to write outside the output folder: 'tags/rl/" in capsys.readouterr().err
    assert sorted(path.name for path in outside.iterdir()) == ["precious.html"]
    assert (outside / "precious.html").read_text("utf-8") == "precious"


def test_counts_in_messages_read_as_english():
    from bitext.errors import counted

    assert [counted(n, "paper") for n in (0, 1, 2, 10_000)] == [
        "0 papers", "1 paper", "2 papers", "10,000 papers"]


def test_a_paper_file_whose_name_is_not_utf8_is_named_not_a_traceback(project, tmp_path,
                                                                      capsys):
    import os

    name = os.fsdecode(b"caf\xe9-paper.md")  # (Latin-1, as an old archive may hold)
    try:
        (project / "content/papers" / name).write_text(paper("Cafe"), "utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system holds UTF-8 names only")
    assert run("--root", str(project), "build", "--out", str(tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert "content/papers/caf\\xe9-paper.md: the file name is not UTF-8 text" in err
    assert "Traceback" not in err


def test_search_indexes_in_memory_only_when_there_is_room(tmp_path, monkeypatch):
    """Pagefind's pages and bundles go to a file system in memory (10,000 papers: 8 s of
    writing and 17 s of indexing on this machine's disk, 0.8 s and 12 s in memory), but a
    container's /dev/shm often holds only 64 MiB: then to the system's temporary folder."""
    import bitext.search

    monkeypatch.setattr(bitext.search, "MEMORY", str(tmp_path))
    free = shutil.disk_usage(tmp_path).free
    assert bitext.search.scratch_parent(free // 8) == str(tmp_path)
    assert bitext.search.scratch_parent(free) is None
    monkeypatch.setattr(bitext.search, "MEMORY", str(tmp_path / "missing"))
    assert bitext.search.scratch_parent(0) is None


def readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text("utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def named(text: str) -> set[str]:
    """The names in backticks, leaving out what parentheses say of them and call
    arguments: "`tag` (its `papers`)" and "`ui(key, …)`" name `tag` and `ui`."""
    return {name.split("(")[0] for name in
            re.findall(r"`([^`]+)`", re.sub(r" \([^)]*\)", "", text))}


def test_the_readme_says_what_each_template_is_given(tmp_path):
    """The template reference in the README, against the pages the sample site plans and
    what the renderer gives every template."""
    from bitext.pipeline import render
    from bitext.render import Renderer, make_environment, plan_pages

    section = readme_section("Templates and styles")
    documented = {}
    for row in re.findall(r"^\| (`.*)$", section, re.MULTILINE):
        templates, _, given = row.split(" | ")[:3]
        for template in named(templates):
            documented[template] = named(given) - {"nothing more"}
    project = make_project(tmp_path / "site", {"a.md": paper(tags=["rl"])},
                           SITE_YAML.replace("search: false", "search: true"))
    site = render(Options(root=project, out=tmp_path / "out"))[0]
    planned: dict[str, set[str]] = {"entry.html": {"paper"}}
    for job in plan_pages(site).values():
        planned.setdefault(job.template, set()).update(job.context)
    assert documented == planned

    environment = make_environment(project)
    every = section.split("Every template has:", 1)[1].split("\n\n", 1)[0]
    jinjas_own = {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}
    our_globals = set(environment.globals) - jinjas_own
    our_filters = {name for name, value in environment.filters.items()
                   if getattr(value, "__module__", "").startswith("bitext")}
    given_to_all = set(Renderer(site, environment).base) | {"root", "page_url"}
    assert given_to_all | our_globals | our_filters <= named(every)


def test_the_readme_names_what_a_paper_has():
    import dataclasses

    from bitext.content import Paper

    section = readme_section("Templates and styles")
    described = section.split("A paper has ", 1)[1].split("\n\n", 1)[0]
    attributes = {field.name for field in dataclasses.fields(Paper)} - {
        "source", "digest", "warnings"}  # (the build's own)
    attributes |= {name for name, value in vars(Paper).items()
                   if isinstance(value, property) or name == "link"}
    nested = {"None", "primary", "secondary", "html", "blocks", "text", "kind"}  # (of
    # a title, an abstract, a link)
    assert {name.split("(")[0] for name in re.findall(r"`([^`]+)`", described)} - nested \
        == attributes


def test_the_readmes_sidebar_of_the_newest_papers_builds(tmp_path):
    sidebar = re.search(r"```jinja\n(.*?)```", readme_section("Templates and styles"),
                        re.DOTALL).group(1)
    project = make_project(tmp_path / "site", {
        f"p{day}.md": paper(f"Paper of day {day}", date=f"2025-05-{day:02d}")
        for day in range(1, 8)})
    base = project / "templates/base.html"
    base.write_text(base.read_text("utf-8").replace("</footer>", sidebar + "</footer>"),
                    "utf-8")
    build(Options(root=project, out=tmp_path / "out"))
    footer = (tmp_path / "out/tags/index.html").read_text("utf-8").split("<footer")[1]
    assert re.findall(r'<a href="../(papers/[^"]+)">Paper of day (\d)</a>', footer) == [
        (f"papers/paper-of-day-{day}/", str(day)) for day in range(7, 2, -1)]


@pytest.mark.parametrize("venue, kind", [
    ("ICLR 2025 Poster", "conference"), ("NeurIPS", "conference"),
    ("NAACL-HLT 2019 & ACL_Anthology", "conference"), ("CVPR 2024 Workshop", "conference"),
    ("Findings of the Association for Computational Linguistics: EMNLP 2024", "conference"),
    ("Proceedings of the 41st International Conference on Machine Learning", "conference"),
    ("Robotics: Science and Systems", "conference"),
    ("Nature Machine Intelligence", "journal"), ("TMLR", "journal"),
    ("Transactions of the Association for Computational Linguistics", "journal"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "journal"),
    ("Proceedings of the National Academy of Sciences", "journal"),
    ("Science Robotics", "journal"), ("Nature Communications", "journal"),
    ("OpenAI blog", None), ("Technical report", None)])
def test_a_venues_kind_makes_its_citations_entry_type(venue, kind):
    """A conference's paper is cited as @inproceedings, a journal's as @article, another
    as @misc (see the BERT and journal pages above)."""
    from bitext.venues import venue_kind

    assert venue_kind(venue) == kind


def test_a_citations_key_writes_letters_beyond_ascii_as_ascii_ones(tmp_path):
    """Google Scholar's key of an author and a title with letters beyond ASCII: "García"
    is garcia (before: garca), "Søgaard" sogaard, "Évaluation" evaluation (before: the
    first long word after it); a Chinese name its pinyin."""
    import html

    papers = {"a.md": paper("Évaluation des modèles de langue", date="2025-05-01",
                            authors=["Ana García"], year=2025),
              "b.md": paper("We Need to Talk About Random Splits", date="2025-05-02",
                            authors=["Anders Søgaard"], year=2021),
              "c.md": paper("Qwen3 Technical Report", date="2025-05-03", authors=["张伟"],
                            year=2025)}
    project = make_project(tmp_path / "site", papers)
    build(Options(root=project, out=tmp_path / "out", search=False))
    keys = sorted(re.search(r"@\w+\{([^,]+),", html.unescape(page.read_text("utf-8")))[1]
                  for page in (tmp_path / "out/papers").glob("*/index.html"))
    assert keys == ["garcia2025evaluation", "sogaard2021need", "zhangwei2025qwen3"]
