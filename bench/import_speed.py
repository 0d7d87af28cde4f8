#!/usr/bin/env python3
"""How long `import` takes per 1,000 entries, on real papers.

    python bench/import_speed.py [--sizes 1000 10000] [--runs 3]

Writes plain-text digests of N entries from the 561 real titles and abstracts of the
Hugging Face daily-papers samples (tests/fixtures/hf-daily-papers/), with Chinese lines
and affiliations, cycling through them (a repeated paper's title starts with a number,
so that every entry is a new paper), and times `build.py import --dry-run` on each in a new
project, as a separate process, median of the runs; then the same for a digest of the 561
papers in English alone, each abstract in the lines arXiv wrapped it in, a blank line
between entries (read by the parser of abstracts of several lines), and for the 30 sample
days of daily-papers JSON. A dry run reads, parses, tags and checks every paper file it would
write, with the code `build` uses, and writes nothing: the import's own work. Hugo has no
importer, so there is nothing to set beside it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DAILY = sorted((REPO / "tests/fixtures/hf-daily-papers").glob("*.json"))
CHINESE = [("大模型真的会推理吗？", "在本工作中，我们推出了 Qwen3，这是 Qwen 模型系列的最新版本。"),
           ("GAN 已死；GAN 万岁！", "我们提出 Absolute Zero 范式；模型自己提出任务并解决它们"),
           ("绝对零：零数据强化自博弈推理", "实验表明，该方法提升了 5.2%，代码见 https://github.com/x/y")]
AFFILIATIONS = [None, "阿里", "Google DeepMind", None, "清华大学"]


def real_papers() -> list[tuple[str, str]]:
    papers = []
    for path in DAILY:
        for item in json.loads(path.read_text("utf-8")):
            papers.append((" ".join(item["paper"]["title"].split()),
                           " ".join(item["paper"]["summary"].split())))
    return papers


def digest_of(size: int) -> str:
    papers, lines = real_papers(), []
    for index in range(size):
        title, abstract = papers[index % len(papers)]
        if index >= len(papers):  # (in front: the file name holds a title's first words)
            title = f"Part {index // len(papers) + 1}: {title}"
        affiliation = AFFILIATIONS[index % len(AFFILIATIONS)]
        chinese_title, chinese_abstract = CHINESE[index % len(CHINESE)]
        lines += [title, *([affiliation] if affiliation else []), chinese_title, abstract,
                  chinese_abstract, ""]
    return "\n".join(lines)


def english_wrapped_digest() -> str:
    """The real papers without translations, their abstracts in arXiv's lines."""
    lines = []
    for path in DAILY:
        for item in json.loads(path.read_text("utf-8")):
            lines += [" ".join(item["paper"]["title"].split()),
                      *item["paper"]["summary"].strip().split("\n"), ""]
    return "\n".join(lines)


def project_in(folder: Path) -> Path:
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy(REPO / "site.yaml", folder / "site.yaml")
    (folder / "content/papers").mkdir(parents=True)
    return folder


def time_import(inputs: list[str], runs: int) -> float:
    """Median wall time of `import --dry-run` of the inputs into an empty project."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as temporary:
            project = project_in(Path(temporary) / "site")
            started = time.perf_counter()
            subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(project),
                            "import", "--dry-run", *inputs], check=True,
                           stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"median of {args.runs} runs; Python {sys.version.split()[0]}\n")
    print("| input | entries | import --dry-run | per 1,000 entries |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as temporary:
        for size in args.sizes:
            digest = Path(temporary) / f"digest-{size}.txt"
            digest.write_text(digest_of(size), "utf-8")
            seconds = time_import([str(digest)], args.runs)
            print(f"| plain-text digest | {size:,} | {seconds:.2f} s | "
                  f"{seconds / size * 1000:.2f} s |")
        english = Path(temporary) / "english-wrapped.txt"
        english.write_text(english_wrapped_digest(), "utf-8")
        entries = sum(len(json.loads(path.read_text("utf-8"))) for path in DAILY)
        seconds = time_import([str(english)], args.runs)
        print(f"| plain-text digest in English alone, arXiv's lines | {entries:,} | "
              f"{seconds:.2f} s | {seconds / entries * 1000:.2f} s |")
    seconds = time_import([str(path) for path in DAILY], args.runs)
    print(f"| daily-papers JSON, {len(DAILY)} days | {entries:,} | {seconds:.2f} s | "
          f"{seconds / entries * 1000:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
