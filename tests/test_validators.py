"""Every page passes the Nu HTML checker (npm's vnu-jar, run with the machine's Java)."""

import json
import shutil
import subprocess

import pytest

from bitext.pipeline import Options, build
from tests.conftest import REPO, make_project, paper, require

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
pytestmark = pytest.mark.validator


def vnu_messages(*arguments: str) -> list[dict]:
    require(VNU.is_file(), "vnu.jar (npm install)")
    require(shutil.which("java") is not None, "Java")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", *arguments],
                            capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr)["messages"]


def test_every_sample_page_is_valid_html(tmp_path):
    # The sample with one paper a tag's or a month's page: their later pages too.
    project = tmp_path / "project"
    for name in ("content", "templates", "static"):
        shutil.copytree(REPO / name, project / name)
    (project / "site.yaml").write_text((REPO / "site.yaml").read_text("utf-8").replace(
        "list_per_page: 100", "list_per_page: 1"), "utf-8")
    out = tmp_path / "site"
    build(Options(root=project, out=out, base_url="https://example.github.io/digest/"))
    pages = sorted(str(p) for p in out.rglob("*.html"))
    assert any("/tags/" in page and "/page/2/" in page for page in pages)
    assert any("/archive/" in page and "/page/2/" in page for page in pages)
    assert len(pages) > 20
    messages = vnu_messages(*pages)
    assert [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_hostile_and_rtl_content_stays_valid_html(tmp_path):
    from tests.conftest import SITE_YAML

    project = make_project(tmp_path / "p", {
        "evil.md": paper('Title "quoted" </title><script>x</script>', "标题 <b>",
                         "Text with <div onclick=x> and [link](javascript:alert(1)) and "
                         "<!-- comment -->\n\n| a | b |\n|---|---|\n| 1 | 2 |",
                         "中文 & <i>", slug="evil", authors=[f"Author {n}" for n in range(12)],
                         links={"page": 'https://openreview.net/forum?id=x"><script>y</script>',
                                "doi": 'https://doi.org/10.1/x"}</code><b>'}),
    }, site_yaml=SITE_YAML)
    out = tmp_path / "site"
    build(Options(root=project, out=out))
    html = (out / "papers/evil/index.html").read_text("utf-8")
    assert "<script>x</script>" not in html and "<script>y</script>" not in html
    assert "</code><b>" not in html
    assert "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<div onclick" not in html
    messages = vnu_messages(*sorted(str(p) for p in out.rglob("*.html")))
    assert [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_stylesheet_is_valid_css():
    messages = vnu_messages("--css", str(REPO / "static/css/site.css"))
    assert [m["message"] for m in messages if m["type"] == "error"] == []


@pytest.mark.parametrize("path", ["", "papers/qwen3-technical-report/", "tags/reasoning/",
                                  "search/?q=reasoning"])
def test_lighthouse_scores_each_page_kind_at_least_95(tmp_path, path):
    from tests.conftest import CHROMIUM
    from tests.lighthouse_run import LIGHTHOUSE, lighthouse_scores
    from tests.pages_server import serve_pages

    require(LIGHTHOUSE.exists(), "npm's lighthouse")
    require(CHROMIUM.exists(), "Debian's chromium")
    out = tmp_path / "site"
    build(Options(root=REPO, out=out, base_url="https://example.github.io/digest/"))
    with serve_pages(out, "/digest/") as base:
        scores = lighthouse_scores(base + path)
    assert min(scores.values()) >= 95, scores
