"""Machine-readable descriptions of a paper: schema.org JSON-LD."""

from __future__ import annotations

from bitext.config import Config
from bitext.content import Paper


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
        "datePublished": paper.date.isoformat(),
        "abstract": paper.abstract.primary.text,
        "keywords": list(paper.tags),
        "author": [{"@type": "Person", "name": name} for name in paper.authors],
        "workTranslation": {
            "@type": "ScholarlyArticle",
            "name": paper.title.secondary,
            "inLanguage": second.code,
            "abstract": paper.abstract.secondary.text,
            "translationOfWork": {"@id": url},
        },
    }
    if paper.translator:
        article["workTranslation"]["translator"] = {"@type": "Person", "name": paper.translator}
    if paper.affiliation:
        article["sourceOrganization"] = {"@type": "Organization", "name": paper.affiliation}
    if paper.arxiv:
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "arXiv",
                                 "value": paper.arxiv}
        article["sameAs"] = f"https://arxiv.org/abs/{paper.arxiv}"
    if paper.link("pdf"):
        article["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf",
                               "contentUrl": paper.link("pdf")}
    return article
