"""Fingerprints: short hashes of what a page shows, so that a page is rendered again
exactly when something it shows has changed.

A page's fingerprint covers its template set, the config, the build options, a summary of
the whole site (paper count, tags and months with their counts, the build date: what
every page may show through `site`), and the page's own context. In the context a paper
counts by the hash of its file (so editing a paper changes the pages that list it, its
neighbours' pages and the pages of papers that show it as related), and everything else
by its value.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bitext.content import Paper
from bitext.model import Site

if TYPE_CHECKING:  # importing render would load Jinja, which a no-change build never needs
    from bitext.render import PageJob


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def text_digest(parts: Iterable[str]) -> str:
    # Parts are hashes, names and repr()s, none of which holds a NUL: joining is unambiguous.
    return bytes_digest("\0".join(parts).encode("utf-8", "surrogatepass"))


def site_summary(site: Site) -> str:
    parts = [str(len(site.papers)), site.updated.isoformat(), str(len(site.pages))]
    parts += [f"{tag.slug}={len(tag.papers)}" for tag in site.tags.values()]
    parts += [f"{month.key}={len(month.papers)}" for month in site.months]
    return text_digest(parts)


def page_fingerprint(shared: str, job: PageJob) -> str:
    """`shared` covers what all pages share: templates, config, options, site summary."""
    parts = [shared, job.path, job.template]
    describe(job.context, parts)
    return text_digest(parts)


def describe(value: object, parts: list[str]) -> None:
    if isinstance(value, Paper):
        parts.append(value.digest)
    elif isinstance(value, (tuple, list)):
        parts.append(f"[{len(value)}")
        for item in value:
            describe(item, parts)
    elif isinstance(value, dict):
        parts.append(f"{{{len(value)}")
        for key in sorted(value):
            parts.append(str(key))
            describe(value[key], parts)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts.append(type(value).__name__)
        for field in dataclasses.fields(value):
            describe(getattr(value, field.name), parts)
    else:
        parts.append(f"{type(value).__name__}:{value!r}")
