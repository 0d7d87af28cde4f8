"""Where papers are published, as the addresses of their pages tell."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

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


# The hosts of a DOI's address (https://doi.org/10.…/…), "www." aside.
DOI_HOSTS = frozenset({"doi.org", "dx.doi.org"})


def doi_of(url: str) -> str | None:
    """The DOI (10.…/…) that an address of doi.org names; None for any other address (a
    publisher's own names no DOI that bitext could tell)."""
    if host_of(url) not in DOI_HOSTS:
        return None
    name = unquote(urlsplit(url).path.removeprefix("/"))
    return name if name.startswith("10.") and "/" in name else None


# A preprint server's name, which names no place of publication ("arXiv", DBLP's "CoRR
# abs/2505.09388", NASA ADS's "arXiv e-prints"): the paper's arXiv id says as much.
PREPRINT_SERVER = re.compile(r"(?:arxiv(?:\.org)?(?: preprint.*| e-?prints?)?|corr(?: abs/.*)?)",
                             re.IGNORECASE)


def published_venue(text: str) -> str | None:
    """Where a paper was published, as an input names it (its spaces collapsed); None for
    nothing, or a preprint server's name."""
    venue = " ".join(text.split())
    return venue if venue and not PREPRINT_SERVER.fullmatch(venue) else None


# Conferences' and journals' names as inputs give them ("ICLR 2025 Poster", "NeurIPS",
# "Nature Machine Intelligence"; a digest's title tagged "(ICLR 2025)", see
# `bitext.digest.TITLE_VENUE`).
VENUE_NAMES = ("ICLR", "NeurIPS", "NIPS", "ICML", "COLT", "UAI", "AISTATS", "TMLR", "JMLR",
               "CVPR", "ICCV", "ECCV", "WACV", "BMVC", "3DV", "TPAMI", "IJCV", "SIGGRAPH Asia",
               "SIGGRAPH", "ACL", "EMNLP", "NAACL", "EACL", "AACL", "COLING", "COLM", "TACL",
               "LREC", "ICASSP", "Interspeech", "AAAI", "IJCAI", "KDD", "WWW", "SIGIR",
               "WSDM", "CIKM", "RecSys", "ACM MM", "MICCAI", "CoRL", "RSS", "ICRA", "IROS",
               "MLSys")
JOURNAL_NAMES = ("TMLR", "JMLR", "TPAMI", "IJCV", "TACL", "PNAS")
# What says a venue is a journal, a conference, or (after both) a journal: "Transactions
# of the ACL" is a journal, "Robotics: Science and Systems" a conference, "Proceedings of
# the National Academy of Sciences" a journal.
JOURNAL = re.compile(r"\b(?:journal|transactions|letters|magazine|proceedings of the "
                     r"(?:national academy|ieee)|"
                     + "|".join(JOURNAL_NAMES) + r")\b", re.IGNORECASE)
CONFERENCE = re.compile(
    r"\b(?:conference|proceedings|workshops?|symposium|meeting|congress|findings|"
    r"science and systems|"
    + "|".join(re.escape(name) for name in VENUE_NAMES if name not in JOURNAL_NAMES)
    + r")\b", re.IGNORECASE)
JOURNAL_AFTER = re.compile(r"\b(?:nature|science|cell|reviews?|plos|frontiers|annals|acta|"
                           r"bulletin|quarterly|communications)\b", re.IGNORECASE)


def venue_kind(venue: str) -> str | None:
    """"journal" or "conference" where a venue's name says which (see `JOURNAL`); None
    where it does not (a citation then says where the paper appeared as a `@misc`'s)."""
    if JOURNAL.search(venue):
        return "journal"
    if CONFERENCE.search(venue):
        return "conference"
    return "journal" if JOURNAL_AFTER.search(venue) else None
