"""Where papers are published, as the addresses of their pages tell."""

from __future__ import annotations

from urllib.parse import urlsplit

# Where papers are published whose pages readers know by name, by host ("www." aside).
# Names of their own, the same in every language.
VENUES = {
    "openreview.net": "OpenReview", "aclanthology.org": "ACL Anthology",
    "aclweb.org": "ACL Anthology", "pubmed.ncbi.nlm.nih.gov": "PubMed",
    "pmc.ncbi.nlm.nih.gov": "PubMed Central", "dl.acm.org": "ACM Digital Library",
    "ieeexplore.ieee.org": "IEEE Xplore", "proceedings.neurips.cc": "NeurIPS Proceedings",
    "papers.nips.cc": "NeurIPS Proceedings", "proceedings.mlr.press": "PMLR",
    "openaccess.thecvf.com": "CVF Open Access", "ojs.aaai.org": "AAAI", "ijcai.org": "IJCAI",
    "jmlr.org": "JMLR", "link.springer.com": "Springer", "sciencedirect.com": "ScienceDirect",
    "nature.com": "Nature", "science.org": "Science", "biorxiv.org": "bioRxiv",
    "medrxiv.org": "medRxiv", "chemrxiv.org": "ChemRxiv", "papers.ssrn.com": "SSRN",
    "semanticscholar.org": "Semantic Scholar",
}


def venue_of(url: str) -> str | None:
    return VENUES.get(host_of(url))


def host_of(url: str) -> str:
    """An address's host in lowercase, without "www."; "" where it names none."""
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:  # ("https://[abc/": a bracket that opens an IPv6 host and no host)
        return ""
