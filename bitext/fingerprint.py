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
import functools
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
    kind = type(value)
    if kind is Paper:
        parts.append(value.digest)  # type: ignore[attr-defined]
    elif kind is tuple or kind is list:
        parts.append(f"[{len(value)}")  # type: ignore[arg-type]
        for item in value:  # type: ignore[attr-defined]
            describe(item, parts)
    elif kind is dict:
        parts.append(f"{{{len(value)}")  # type: ignore[arg-type]
        for key in sorted(value):  # type: ignore[call-overload]
            parts.append(str(key))
            describe(value[key], parts)  # type: ignore[index]
    elif names := field_names(kind):
        parts.append(kind.__name__)
        for name in names:
            describe(getattr(value, name), parts)
    else:
        parts.append(f"{kind.__name__}:{value!r}")


@functools.cache
def field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass (asked once per type: a build describes 200,000 values)."""
    if dataclasses.is_dataclass(kind):
        return tuple(field.name for field in dataclasses.fields(kind))
    return ()
