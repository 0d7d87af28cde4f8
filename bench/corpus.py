"""A synthetic bilingual corpus for benchmarks: N papers with realistic lengths.

About 200-word English abstracts in 1–3 paragraphs, 300–450 Chinese characters, 2–5 tags
out of 60, authors, affiliations, three years of dates, occasional math and markup.
Deterministic for a given N and seed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from bitext.paperfile import format_paper

REPO = Path(__file__).resolve().parent.parent
WORDS = [
    "model", "language", "learning", "training", "data", "reasoning", "benchmark",
    "transformer", "attention", "scaling", "agent", "policy", "reward", "retrieval", "vision",
    "multimodal", "token", "inference", "latency", "alignment", "evaluation", "dataset",
    "robust", "efficient", "sparse", "expert", "diffusion", "graph",
]
HAN = ("模型语言学习训练数据推理基准注意力规模智能体策略奖励"
       "检索视觉多模态推断延迟对齐评估稀疏专家扩散图")
TAGS = [f"topic-{n:02d}" for n in range(60)]


# Formulas as abstracts have them, with their numbers varied, so that few repeat exactly.
FORMULAS = [
    lambda rng: f"$O(n^{rng.randint(2, 4)} \\log n)$",
    lambda rng: f"$\\alpha = {rng.randint(1, 99) / 100}$",
    lambda rng: f"$\\mathbb{{R}}^{{{rng.randint(2, 4096)}}}$",
    lambda rng: f"$p_\\theta(x_{rng.randint(1, 9)} \\mid x_{{<t}})$",
    lambda rng: f"$\\frac{{{rng.randint(1, 9)}}}{{{rng.randint(2, 99)}}}$",
]


# Names with capitals inside, as models and methods are named, in compounds
# ("DeepSeek-Coder", "Point-MoE"): the search indexes their words alone.
NAMES = ["MoE", "LLaMA", "LoRA", "DeepSeek", "CoT", "LLaVA", "DiT", "NeRF"]


def english_abstract(rng: random.Random) -> str:
    """Words of the field in 1-3 paragraphs, with some bold, math and compounds of names,
    and, as 182 of the 561 real abstracts of the daily papers do, a third end with the
    address of their code."""
    paragraphs = []
    for _ in range(rng.randint(1, 3)):
        sentences = []
        for _ in range(rng.randint(3, 5)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 18))).split()
            words[0] = words[0].capitalize()
            if rng.random() < 0.1:
                words.insert(3, "**strong**")
            if rng.random() < 0.05:
                words.insert(5, rng.choice(FORMULAS)(rng))
            if rng.random() < 0.05:
                words.insert(7, f"{rng.choice(NAMES)}-{rng.choice(WORDS)}")
            sentences.append(" ".join(words) + ".")
        paragraphs.append(" ".join(sentences))
    if rng.random() < 1 / 3:
        paragraphs[-1] += (f" Code: https://github.com/{rng.choice(WORDS)}-lab/"
                           f"{rng.choice(WORDS)}-{rng.randint(1, 999)}.")
    return "\n\n".join(paragraphs)


def chinese_abstract(rng: random.Random, english: str) -> str:
    """As a translation is: as many paragraphs as the English, its formulas and addresses
    carried over (bitext's translation checks warn otherwise)."""
    length = rng.randint(300, 450)
    text = "".join(rng.choice(HAN) for _ in range(length))
    sentences = [text[i:i + 30] + "。" for i in range(0, length, 30)]
    paragraphs = english.split("\n\n")
    per = -(-len(sentences) // len(paragraphs))
    return "\n\n".join("".join(sentences[i * per:(i + 1) * per]) + " ".join(
        re.findall(r"\$[^$]+\$|https://\S+(?=\.$)", paragraph))
        for i, paragraph in enumerate(paragraphs))


def abstracts(rng: random.Random) -> tuple[str, str]:
    english = english_abstract(rng)
    return english, chinese_abstract(rng, english)


def generate(count: int, seed: int = 1) -> Iterator[dict]:
    """`count` papers as the keyword arguments of `format_paper`."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    for number in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).title()
        yield dict(
            titles={"en": f"{title} {number}", "zh-Hans": "".join(rng.choice(HAN)
                                                                  for _ in range(12))},
            abstracts=dict(zip(("en", "zh-Hans"), abstracts(rng), strict=True)),
            date=start + dt.timedelta(days=rng.randint(0, 3 * 365)),
            tags=sorted(rng.sample(TAGS, rng.randint(2, 5))),
            authors=[f"Author {rng.randint(1, 5000)}" for _ in range(rng.randint(2, 8))],
            affiliation=rng.choice(["阿里", "Google", "Misraj AI", "清华大学", None]),
            arxiv=f"25{rng.randint(1, 12):02d}.{number:05d}",
        )


def write_corpus(folder: Path, count: int, seed: int = 1, search: bool = False) -> Path:
    """A site folder (templates and static from this repository) with `count` papers;
    without search unless asked (the Hugo site it is compared with has none)."""
    if folder.exists():
        shutil.rmtree(folder)
    papers = folder / "content" / "papers"
    papers.mkdir(parents=True)
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, folder / name)
    set_search(folder, search)
    for number, fields in enumerate(generate(count, seed)):
        (papers / f"paper-{number:05d}.md").write_text(format_paper(**fields), encoding="utf-8")
    return folder


def set_search(folder: Path, search: bool) -> None:
    text = (REPO / "site.yaml").read_text("utf-8")
    (folder / "site.yaml").write_text(f"{text.rstrip()}\nsearch: {str(search).lower()}\n",
                                      encoding="utf-8")
