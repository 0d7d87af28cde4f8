"""Load, then render, then write: the whole build as a short script."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bitext.config import load_config
from bitext.content import ParseCache, load_papers
from bitext.errors import InputError
from bitext.markdown import MarkdownRenderer
from bitext.model import Site, build_site
from bitext.render import make_environment, render_site
from bitext.write import StaticFile, check_output_folder, collect_static, write_site


@dataclass(frozen=True)
class Options:
    root: Path
    """The project folder (site.yaml, content/, templates/, static/)."""
    out: Path
    base_url: str | None = None
    """Overrides site.yaml's base_url."""
    drafts: bool = False
    source_date_epoch: int | None = None


@dataclass(frozen=True)
class Output:
    """A rendered site, not yet written."""

    site: Site
    files: dict[str, bytes]
    """Generated files by output path."""
    static: list[StaticFile]


@dataclass(frozen=True)
class Result:
    output: Output
    written: int
    seconds: float


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def load(options: Options, cache: ParseCache | None = None) -> tuple[Site, list[StaticFile]]:
    """The site model and the static files; InputError lists every problem of the stage
    that failed (config, then content, then static files)."""
    config = load_config(options.root, options.base_url)
    papers = load_papers(options.root, config, MarkdownRenderer(), options.drafts, cache)
    site = build_site(config, papers, options.source_date_epoch)
    return site, collect_static(options.root)


def render(options: Options) -> Output:
    """Everything a build does but writing (template problems raise InputError too)."""
    site, static = load(options)
    return Output(site, render_site(site, make_environment(options.root)), static)


def build(options: Options) -> Result:
    started = time.perf_counter()
    problems = check_output_folder(options.out, options.root)
    if problems:
        raise InputError(problems)
    output = render(options)
    written = write_site(output.files, output.static, options.out)
    return Result(output, written, time.perf_counter() - started)
