"""Every feed parses (feedparser, no bozo) and follows the RSS 2.0 rules a feed validator
checks: required elements, RFC 822 dates, absolute links, a self link, stable guids."""

import email.utils
import math
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from bitext.pipeline import Options, build
from tests.conftest import REPO, make_project, paper

BASE = "https://example.github.io/digest/"
ATOM = "{http://www.w3.org/2005/Atom}"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("feeds") / "_site"
    build(Options(root=REPO, out=out, base_url=BASE))
    return out


def sample_papers() -> list:
    """The sample site's papers, as their files give them."""
    from bitext.config import load_config
    from bitext.content import load_papers
    from bitext.markdown import MarkdownRenderer

    return load_papers(REPO, load_config(REPO), MarkdownRenderer(), False)


def feeds(folder: Path) -> list[Path]:
    return sorted(folder.rglob("feed.xml"))


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_rfc822(text: str) -> None:
    parsed = email.utils.parsedate_to_datetime(text)
    assert parsed.tzinfo is not None, text
    assert text.startswith(DAYS[parsed.weekday()] + ", "), text  # day name must match the date


class Langs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.langs, self.relative = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "lang" in attrs:
            self.langs.append(attrs["lang"])
        for name in ("href", "src"):
            if name in attrs and not is_absolute(attrs[name]):
                self.relative.append(attrs[name])


def check_feed(path: Path, site: Path) -> None:
    data = path.read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    rss = ET.fromstring(data)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channels = rss.findall("channel")
    assert len(channels) == 1
    channel = channels[0]
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), f"{path}: channel {required}"
    assert is_absolute(channel.findtext("link"))
    self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1
    assert self_links[0].get("href") == BASE + path.relative_to(site).as_posix()
    assert self_links[0].get("type") == "application/rss+xml"
    check_rfc822(channel.findtext("lastBuildDate"))
    guids = set()
    for item in channel.findall("item"):
        assert item.findtext("title").strip()
        assert is_absolute(item.findtext("link"))
        guid = item.find("guid")
        assert guid is not None and guid.text not in guids
        guids.add(guid.text)
        if guid.get("isPermaLink", "true") == "true":
            assert is_absolute(guid.text)
        check_rfc822(item.findtext("pubDate"))
        html = Langs()
        html.feed(item.findtext("description"))
        assert {"en", "zh-Hans"} <= set(html.langs), f"{path}: both languages marked"
        assert html.relative == [], f"{path}: relative links in a feed item"


def test_every_sample_feed_is_valid(sample_out):
    found = feeds(sample_out)
    assert len(found) == 1 + len(list((sample_out / "tags").glob("*/feed.xml")))
    assert len(found) > 5
    for path in found:
        check_feed(path, sample_out)


def test_site_feed_carries_both_titles_and_abstracts(sample_out):
    parsed = feedparser.parse((sample_out / "feed.xml").read_bytes())
    titles = [entry.title for entry in parsed.entries]
    assert titles[0] == ("Paper2Poster: Towards Multimodal Poster Automation from Scientific "
                         "Papers · Paper2Poster:面向科学论文的多模态海报自动化生成")
    qwen = next(entry for entry in parsed.entries if entry.title.startswith("Qwen3"))
    assert qwen.id == "arXiv:2505.09388"
    assert qwen.link == BASE + "papers/qwen3-technical-report/"
    # The authors, as a reader shows an item's (dc:creator; RSS's <author> is an address).
    authors = {BASE + paper.url: ", ".join(paper.authors) for paper in sample_papers()}
    assert len(parsed.entries) > 3
    assert {entry.link: entry.author for entry in parsed.entries} == {
        entry.link: authors[entry.link] for entry in parsed.entries}
    assert qwen.author.startswith("An Yang, Anfeng Li, Baosong Yang, ")
    assert "思考预算机制" in qwen.description and "thinking budget mechanism" in qwen.description
    # Each tag by its name, as a reader shows it, in the domain of its page.
    assert {(tag.term, tag.scheme) for tag in qwen.tags} == {
        ("Large language models", BASE + "tags/llm/"),
        ("Mixture of experts", BASE + "tags/mixture-of-experts/"),
        ("Multilingual", BASE + "tags/multilingual/"), ("Reasoning", BASE + "tags/reasoning/")}
    # The editor's note, after the abstracts, headed in its own language.
    note = qwen.description.split("思考预算机制")[1]
    assert "<p><strong>编者按</strong></p><p>一个模型兼有" in note
    assert '<a href="https://arxiv.org/abs/2412.15115">Qwen2.5 技术报告</a>' in note


def test_tag_feed_lists_only_its_papers(sample_out):
    parsed = feedparser.parse((sample_out / "tags/arabic/feed.xml").read_bytes())
    assert [entry.title.split(":")[0] for entry in parsed.entries] == ["Mutarjim"]


def test_feed_size_limits_items(tmp_path):
    project = make_project(tmp_path / "p", {
        f"p{n}.md": paper(f"Paper {n}", date=f"2025-05-{n + 1:02d}") for n in range(5)})
    build(Options(root=project, out=tmp_path / "o"))
    parsed = feedparser.parse((tmp_path / "o/feed.xml").read_bytes())
    assert [entry.title.split(" ·")[0] for entry in parsed.entries] == [
        "Paper 4", "Paper 3", "Paper 2"]


def test_hostile_text_stays_text_in_feeds(tmp_path):
    hostile = 'Evil ]]></title><script>alert(1)</script> & "quotes"'
    project = make_project(tmp_path / "p", {"evil.md": paper(
        hostile, "邪恶 </description>", "<script>alert(2)</script> ]]> &amp;", "<b>粗</b>",
        slug="evil") + "\n::: note en\n<img src=x onerror=alert(3)> ]]>\n:::\n"})
    build(Options(root=project, out=tmp_path / "o"))
    data = (tmp_path / "o/feed.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    entry = parsed.entries[0]
    assert entry.title == hostile + " · 邪恶 </description>"
    assert "<script>" not in entry.description  # raw HTML in Markdown arrives as text
    assert "&lt;img src=x onerror=alert(3)&gt; ]]&gt;" in entry.description  # the note's too
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in entry.description
    check_feed(tmp_path / "o/feed.xml", tmp_path / "o")


def test_a_sitemap_past_its_limit_becomes_an_index_of_parts(sample_out, tmp_path,
                                                            monkeypatch):
    """sitemaps.org allows 50,000 addresses a file (a site of about 45,000 papers has
    more): past them, sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml …, which
    together list every address of the one sitemap, each once, in its order."""
    import bitext.render

    monkeypatch.setattr(bitext.render, "SITEMAP_URLS", 10)
    out = tmp_path / "o"
    build(Options(root=REPO, out=out, base_url=BASE))
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring((out / "sitemap.xml").read_bytes())
    assert index.tag == f"{namespace}sitemapindex"
    parts = [sitemap.findtext(f"{namespace}loc") for sitemap in index]
    whole = ET.fromstring((sample_out / "sitemap.xml").read_bytes())
    assert len(parts) == math.ceil(len(whole) / 10) > 1
    assert parts == [f"{BASE}sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
    listed = []
    for location in parts:
        urlset = ET.fromstring((out / location.removeprefix(BASE)).read_bytes())
        assert urlset.tag == f"{namespace}urlset" and 0 < len(urlset) <= 10
        listed += [ET.tostring(url) for url in urlset]
    assert listed == [ET.tostring(url) for url in whole]
    assert f"Sitemap: {BASE}sitemap.xml" in (out / "robots.txt").read_text("utf-8")


def test_sitemap_lists_every_page_with_absolute_urls(sample_out):
    root = ET.fromstring((sample_out / "sitemap.xml").read_bytes())
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{namespace}loc") for url in root]
    html_pages = sorted(p for p in sample_out.rglob("*.html")  # not the 404 and search pages
                        if p.name != "404.html" and p.parent.name != "search")
    assert len(locations) == len(html_pages)
    assert BASE + "papers/qwen3-technical-report/" in locations
    assert all(location.startswith(BASE) for location in locations)
    robots = (sample_out / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots
