"""Machine-readable descriptions of a paper: schema.org JSON-LD."""

from __future__ import annotations

import re

from bitext.config import Config
from bitext.content import MACHINE, Paper
from bitext.strings import strings_for


def scholarly_article(paper: Paper, config: Config) -> dict:
    """schema.org ScholarlyArticle in the primary language, with the other language's title
    and abstract as its `workTranslation`. Rendered with Jinja's `tojson`, which escapes
    `<`, `>` and `&`, so no text can close the <script> element it sits in."""
    url = config.base_url + paper.url
    first, second = paper.title.languages
    article: dict = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": url,
        "url": url,
        "name": paper.title.primary,
        "headline": paper.title.primary,
        "inLanguage": first.code,
        # (the day of the digest that lists it, unless its file gives the year it was
        # published)
        "datePublished": str(paper.year) if paper.year else paper.date.isoformat(),
        "abstract": paper.abstract.primary.text,
        "keywords": list(paper.tags),
        "author": [{"@type": "Person", "name": name} for name in paper.authors],
        "workTranslation": work_translation(paper, second.code, url),
    }
    if paper.translator_known:
        article["workTranslation"].update(translator_of(paper))
    if paper.affiliation:
        article["sourceOrganization"] = {"@type": "Organization", "name": paper.affiliation}
    if paper.venue:  # (a journal, a conference's proceedings: schema.org's whole of it)
        article["isPartOf"] = {"@type": "CreativeWork", "name": paper.venue}
    identifiers = [{"@type": "PropertyValue", "propertyID": name, "value": value}
                   for name, value in (("arXiv", paper.arxiv), ("DOI", paper.doi)) if value]
    if identifiers:
        article["identifier"] = one_or_all(identifiers)
    elsewhere = [url for url in (paper.link("arxiv"), paper.link("page"),
                                 paper.doi and paper.link("doi")) if url]
    if elsewhere:  # (the paper's own pages elsewhere: arXiv's, where it was published, its DOI)
        article["sameAs"] = one_or_all(elsewhere)
    if paper.link("pdf"):
        article["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf",
                               "contentUrl": paper.link("pdf")}
    return article


def one_or_all(values: list) -> object:
    """A property's value, or its values when there are several (as schema.org writes a
    property given more than once)."""
    return values[0] if len(values) == 1 else values


def work_translation(paper: Paper, code: str, url: str) -> dict:
    """The translation's own description; while it is missing, an Incomplete work whose
    description says it is coming (in its language), as the page does."""
    translation: dict = {"@type": "ScholarlyArticle", "inLanguage": code,
                         "translationOfWork": {"@id": url}}
    if paper.awaiting_translation:
        translation["creativeWorkStatus"] = "Incomplete"
        translation["description"] = strings_for(code)["awaiting_note"]
        if paper.title.secondary:
            translation["name"] = paper.title.secondary
        if paper.abstract.secondary:  # (the title's translation alone is coming)
            translation["abstract"] = paper.abstract.secondary.text
        return translation
    translation["name"] = paper.title.secondary
    translation["abstract"] = paper.abstract.secondary.text
    if paper.translation_stale:
        translation["description"] = strings_for(code)["stale_note"]
    return translation


def translator_of(paper: Paper) -> dict:
    """Who made the translation: a Person, or the model as a SoftwareApplication (two,
    when another translated the title); and the person who reviewed it as its editor
    (schema.org has no reviewer of a translation)."""
    translators = []
    if paper.translator:
        translators.append(agent(paper.translator, paper.translation_model))
    if paper.title_translator and paper.title.secondary:
        translators.append(agent(paper.title_translator, paper.title_translation_model))
    found: dict = {"translator": translators[0] if len(translators) == 1 else translators}
    if paper.reviewed_by:
        found["editor"] = {"@type": "Person", "name": paper.reviewed_by}
    return found


def agent(translator: str, model: str | None) -> dict:
    if translator == MACHINE:
        return {"@type": "SoftwareApplication", "name": model or "machine translation"}
    return {"@type": "Person", "name": translator}


BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                  "#": r"\#", "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}
BIBTEX_SPECIAL_FORM = re.compile("[" + re.escape("".join(BIBTEX_SPECIAL)) + "]")
MONTHS_BIBTEX = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                 "dec"]


# The entry type of a paper, and the field of its venue, by the venue's kind (see
# `bitext.venues.venue_kind`); a preprint, or a venue of no known kind, is a @misc.
ENTRY_OF_VENUE = {"conference": ("inproceedings", "booktitle"),
                  "journal": ("article", "journal")}
MISC = ("misc", "howpublished")


def bibtex(paper: Paper, config: Config) -> str:
    """A BibTeX entry for the paper: @inproceedings with its conference's name as the
    `booktitle`, @article with its journal's, else @misc (the form arXiv itself exports),
    with its arXiv id when it has one, its DOI, and the address of its page: arXiv's,
    else where it was published, else the digest's. Every value is escaped for LaTeX (the
    addresses as LaTeX reads them, see `bibtex_verbatim`), so no text can end the entry."""
    entry_type, venue_field = ENTRY_OF_VENUE.get(paper.venue_kind, MISC)
    fields = [("title", "{" + bibtex_text(paper.title.primary) + "}")]
    if paper.authors:
        fields.append(("author", " and ".join(bibtex_text(name) for name in paper.authors)))
    fields.append(("year", str(paper.published_year)))
    if not paper.year:  # (a year of its own says nothing of a month)
        fields.append(("month", MONTHS_BIBTEX[paper.date.month - 1]))
    if paper.arxiv:
        fields += [("eprint", bibtex_text(paper.arxiv)), ("archivePrefix", "arXiv")]
    if paper.venue:
        fields.append((venue_field, bibtex_text(paper.venue)))
    if paper.doi:
        fields.append(("doi", bibtex_verbatim(paper.doi)))
    fields.append(("url", bibtex_verbatim(paper.link("arxiv") or paper.link("page")
                                          or config.base_url + paper.url)))
    if paper.affiliation:
        fields.append(("institution", bibtex_text(paper.affiliation)))
    lines = [f"@{entry_type}{{{bibtex_key(paper)},"]
    lines += [f"  {name} = {value if name == 'month' else '{' + value + '}'}," for name, value
              in fields]
    lines.append("}")
    return "\n".join(lines) + "\n"


def bibtex_text(text: str) -> str:
    # (A search in C that rarely finds anything: str.translate with a dict looked up each
    # character in Python's dict, a tenth of a paper page.)
    return BIBTEX_SPECIAL_FORM.sub(lambda match: BIBTEX_SPECIAL[match.group()], text)


# Braces and backslashes of an address, as percent-encoded (the address's own form).
VERBATIM_SPECIAL = {"{": "%7B", "}": "%7D", "\\": "%5C"}
VERBATIM_SPECIAL_FORM = re.compile(r"[{}\\]")


def bibtex_verbatim(text: str) -> str:
    """An address or a DOI as a BibTeX value. LaTeX reads these fields as they are written
    (biblatex's `url` and `doi`, the url package's \\url): "\\_" would be two characters of
    the address. Only what could end the value, or the entry, is written otherwise."""
    return VERBATIM_SPECIAL_FORM.sub(lambda match: VERBATIM_SPECIAL[match.group()], text)


def bibtex_key(paper: Paper) -> str:
    """Google Scholar's form: first author's last name, year, first long title word, in
    ASCII letters ("García" as garcia, not garca; "Łukasz" as lukasz)."""
    author = ascii_words(paper.authors[0].split()[-1]) if paper.authors else ""
    words = [word for word in re.findall(r"[A-Za-z0-9]+", ascii_words(paper.title.primary))
             if len(word) > 3] or [paper.slug]
    key = re.sub(r"[^a-z0-9]", "", f"{author}{paper.published_year}{words[0]}".lower())
    return key or f"paper{paper.published_year}"


def ascii_words(text: str) -> str:
    """Text in ASCII letters, as python-slugify writes a letter beyond ASCII ("García"
    as Garcia); ASCII text as it is (most names and titles: no transliteration to pay)."""
    if text.isascii():
        return text
    from slugify import slugify

    return slugify(text, separator=" ", lowercase=False)
