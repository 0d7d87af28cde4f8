#!/usr/bin/env python3
"""Fuzz `import` for a minute or so (kept out of the normal test run).

    python scripts/fuzz_import.py [--examples 50000]

Feeds the import texts built from the pieces that digests, Org files, tables, JSON
records, BibTeX, RIS, MEDLINE, Web of Science and CSL JSON are made of (labels, emoji, bars,
brackets, quotes, dates, links, both languages) in every
format and under every name it tells a format by, with and without provenance options,
and fails on anything but papers planned or a list of problems that each name the input
(never an exception). Prints how many inputs it tried.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bitext.config import load_config  # noqa: E402
from bitext.errors import InputError  # noqa: E402
from bitext.importer import Digest, plan_import, report_lines  # noqa: E402
from tests.conftest import make_project  # noqa: E402

PIECES = [
    "Title: ", "标题：", "Authors:", "作者：", "Tags: ", "标签：", "Keywords: ", "点评：",
    "TL;DR: ", "Comments: ", "译者：", "Translation model: ", "审校：", "机构：", "Abstract: ",
    "摘要：",
    "📄 ", "🇨🇳", "▶️", "**", "## ", "# ", "- ", "  ", "1. ",
    "[1] arXiv:2505.09388 [pdf, html, other]",
    "Qwen3 Technical Report", "Qwen3 技术报告", " | ", " / ", "（", "）", "(", ")", "\n", "\n\n",
    "\t", ",", ";", '"', '""', "In this work, we present Qwen3.", "在本工作中，我们推出了 Qwen3。",
    "et al.", "等", "2025-05-14", "HF Daily Papers 2025-05-30", "https://arxiv.org/abs/2505.09388",
    "[PDF](https://arxiv.org/pdf/2505.09388)", "|---|---|", "| title | abstract |",
    "title,中文标题,abstract,中文摘要", '{"title": "A", "abstract": "B"}', "[", "]", "{", "}",
    "\\", "…", "#", "\\\\\n", "\\\\\narXiv:2505.09388\n", "arXiv:2505.09388 (*cross-listing*)",
    "Date: Wed, 14 May 2025 17:59:02 GMT   (5067kb,D)", "Categories: cs.CL",
    "\\\\ ( https://arxiv.org/abs/2505.09388 ,  5067kb)", "replaced with revised version ",
    "【1】 ", "备注：", "12 pages, 5 figures", "cs.CL 方向，今日共计3篇", "---",
    "以上就是今天的论文速递，欢迎关注！", "摘要（DeepSeek 翻译）：", "Abstract—",
    "arXiv 2505.09388", "<https://arxiv.org/abs/2505.09388>", "## Abstract", "**摘要**",
    "> ", "中文：", "🔗 ", "Shenzhi Wang, Le Yu, Chang Gao", "Qwen3: A Technical Report",
    "OpenReview: https://openreview.net/forum?id=nZeVKeeFYf9", "https://openreview.net/pdf?id=x",
    "Paper page: ", "https://doi.org/10.18653/v1/N19-1423", "论文页面：",
    "Venue: ", "会议：", "ICLR 2025",
    # (lists of papers: links after a title, venue tags, Chinese numbers)
    "[[Code](https://github.com/a/b)]", "[[Paper]](https://arxiv.org/abs/2505.09388)",
    "([Code](https://github.com/a/b))", "**[PDF](https://arxiv.org/pdf/2505.09388)**",
    "[![Stars](https://img.shields.io/github/stars/a/b.svg)](https://github.com/a/b)",
    "(ICLR 2025)", "[CVPR'24] ", "（NeurIPS 2024 Oral）", "一、", "（二）", "<br>", " // ",
    "1.", "2.", "#1 ", "No.1 ", "【1/10】", "1/10 ", " - arXiv:2505.09388", "## 目录",
    "[Qwen3 Technical Report](#1)", "**核心贡献**：",
    # (inline HTML: see bitext.inline_html)
    "<b>", "</b>", "<i>", "</i>", '<a href="https://arxiv.org/abs/2505.09388">', "</a>",
    "<p>", "</p>", "<div>", "</div>", "<sup>", "</sup>", "<sub>", "</sub>", "<code>", "</code>",
    '<img alt="arXiv" src="b.svg">', "&amp;", "&nbsp;", "&lt;", "&#42;", "</think>", "<ACTOR>",
    # (BibTeX's)
    "@inproceedings{key,", "@misc(", "@string{acl = ", "@proceedings{v,", " title = ",
    " abstract = ", " author = ", " year = 2025", " month = jun", " # ", "{\\'e}", "{D}a{NE}",
    "{'}", "\\href{", "\\textbf{", "\\(", "\\)", "$x^2$", "\\%", "%", "~", "--", "``",
    "''", " and ", "others", "Peng, Hao", " eprint = {2505.09388}", " archivePrefix = {arXiv}",
    " date = {2025-06-02}", " doi = {10.18653/v1/P18-1173}", " = ", " crossref = {key}",
    " crossref = {v}",
    # (RIS's)
    "TY  - JOUR\n", "TY  - ", "ER  - \n", "ER  -", "TI  - ", "T1  - ", "TT  - ", "AB  - ",
    "N2  - ", "AU  - ", "AU  - Yang, An\n", "AD  - ", "DA  - 2025/05/14/\n", "PY  - 2025\n",
    "Y1  - 2025///", "DA  - 2025/02/30/", "DO  - 10.48550/arXiv.2505.09388\n", "UR  - ",
    "T2  - ", "KW  - ", "N1  - arXiv:2505.09388 [cs]\n", "PB  - arXiv\n", "ZZ  - ", "\r\n",
    # (MEDLINE's)
    "PMID- 16734914\n", "PMID- ", "TI  - [A title].\n", "AB  - ", "FAU - Kane, David W\n",
    "AU  - Kane DW\n", "AD  - x@y.org\n", "DP  - 2006 Feb 30\n", "DP  - 2012 Sep\n",
    "DEP - 20060530\n", "DEP - 20061399\n", "JT  - BMC bioinformatics\n", "MH  - *A/b\n",
    "AID - 10.1186/1471-2105-7-273 [doi]\n", "LID - ", "      ", "OT  - ",
    # (Web of Science's)
    "FN Clarivate Analytics Web of Science\n", "VR 1.0\n", "PT J\n", "AU Yang, A\n",
    "AF Yang, An\n", "   ", "TI ", "AB ", "SO NATURE\n", "C1 [Yang, An] Alibaba Grp\n",
    "PD MAY 14\n", "PD FEB 30\n", "PY 2025\n", "EY 2025\n", "DI 10.1038/x\n", "DE a; b\n",
    "ER\n", "EF\n",
    # (a copy of arXiv's abstract page)
    "[Submitted on 14 May 2025]\n", "[Submitted on 30 Feb 2025]\n", "Abstract:",
    "Cite as:\tarXiv:2505.09388 [cs.CL]\n", "Subjects:\tComputation and Language (cs.CL)\n",
    "Journal reference:\t", "Related DOI:\t", "View PDF HTML (experimental)\n",
    # (CSL JSON's and Zotero's Extra)
    '[{"type": "article", "title": "Qwen3", "author": [{"family": "Yang", "given": "An"}], ',
    '{"type": "journal-article", "title": ["A"], "issued": {"date-parts": [[2025, 2, 30]]}',
    '"issued": {"date-parts": [["2025"]]}', '"issued": {"raw": "2025-05-14"}', '"issued": 3',
    '"abstract": "<jats:title>Abstract</jats:title><jats:p>B <jats:italic>x</jats:italic>',
    '"</jats:p>"', '"author": [{"literal": "Qwen Team"}, 3, {"family": null}]',
    '"note": "arXiv:2505.09388 [cs]\\ntitleTranslation: Qwen3 技术报告\\nabstractTranslation: ',
    "titleTranslation: ", "abstractTranslation: ", "Extra", '"container-title": ["Nature"]',
    '"subtitle": [], ', '"keyword": "a, b; c"', '"subject": [1, "x"]', "}, ", "]",
    # (Org mode's)
    "#+TITLE: ", "#+title: Qwen3\n", "#+TODO: TOREAD | READ\n", "#+FILETAGS: :llm:\n",
    "#+DATE: [2025-06-03 Tue]\n", "* ", "** ", "*** TODO ", "**** DONE [#A] ", "* COMMENT ",
    " :llm:rl:", " :noexport:", " [1/2]", "<2025-06-03 Tue>", "[2025-06-03 Tue 10:12]",
    ":PROPERTIES:\n", ":END:\n", ":ARXIV: 2505.09388\n", ":ROAM_REFS: cite:x\n", ":ID: x\n",
    ":AUTHORS: An Yang\n", ":LOGBOOK:\n", "CLOSED: [2025-06-03 Tue]\n", "#+begin_quote\n",
    "#+end_quote\n", "#+BEGIN_SRC python\n", "#+END_SRC\n", "# \n", ": fixed\n", "-----\n",
    "|---+---|\n", " :: ", "[[https://arxiv.org/abs/2505.09388][arXiv]]", "[[id:x]]",
    "[[file:a.pdf][", "*b*", "/i/", "=v=", "~c~", "+s+", "_u_",
    # (Hugo's TOML front matter)
    "+++\n", 'title = "Qwen3"\n', "date = 2025-06-02T09:30:00+08:00\n", 'tags = ["llm"]\n',
    "[params]\n", "date = 2025-02-30\n", 'title = "\n', "translationKey = ",
    # (Pelican's metadata)
    "Slug: qwen3\n", "Lang: zh\n", "Category: Papers\n", "Translation: true\n",
    "Summary: ", "Date: 2025-06-02 10:20\n"]
PROVENANCE = [{}, {"translation_model": "deepseek-chat"},
              {"translator": "Wang Fang", "reviewed_by": "Li Lei"}]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50_000)
    args = parser.parse_args()
    root = make_project(Path(tempfile.mkdtemp()) / "site", {})
    config = load_config(root)
    tried = 0
    text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join)

    @settings(max_examples=args.examples, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(text, st.sampled_from([None, "digest", "org", "table", "bibtex", "ris", "medline",
                                  "wos", "csl"]),
           st.sampled_from(["week.txt", "week.csv", "week.md", "week.org", "week.json",
                            "week.bib", "week.ris", "week.nbib", "week.ciw"]),
           st.sampled_from(PROVENANCE))
    def imports(digest: str, format_name: str | None, name: str, provenance: dict) -> None:
        nonlocal tried
        tried += 1
        try:
            planned = plan_import(root, config, [Digest(name, digest)], None, [], False,
                                  dt.date(2025, 1, 1), format_name, provenance)
            report_lines(planned, root, dry_run=True, inputs=(name,))
        except InputError as error:
            for problem in error.problems:
                assert problem.path == name, problem
                problem.format()

    started = time.perf_counter()
    imports()
    print(f"{tried} inputs in {time.perf_counter() - started:.0f} s: no exception")
    return 0


if __name__ == "__main__":
    sys.exit(main())
