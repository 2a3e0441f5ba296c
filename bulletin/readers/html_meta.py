"""What a saved web page says about its article: title, byline, date and language.

Read from the page's meta tags and JSON-LD, and from a byline element when those say nothing.
"""
from __future__ import annotations

import json

from ..article import language_tag
from .text import byline_for


def meta(doc, *names: str) -> str | None:
    for n in names:
        for el in doc.xpath(f"//meta[@name='{n}' or @property='{n}' or @itemprop='{n}']"):
            v = " ".join((el.get("content") or "").split())
            if v:
                return v
    return None


def json_ld(doc) -> dict:
    """The first schema.org article object in the page's JSON-LD, if any."""
    for script in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if "@graph" in item and isinstance(item["@graph"], list):
                    stack += item["@graph"]
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.endswith(("Article", "BlogPosting", "Report")) for k in kinds):
                    return item
    return {}


def ld_author(ld: dict) -> str | None:
    author = ld.get("author")
    authors = author if isinstance(author, list) else [author]
    names = []
    for a in authors:
        if isinstance(a, dict):
            a = a.get("name")
        if isinstance(a, str) and a.strip() and not a.startswith("http"):
            names.append(" ".join(a.split()))
    return " and ".join(names) if names else None


def metadata(doc, default_language: str) -> dict[str, str]:
    from readability import Document

    fields: dict[str, str] = {}
    ld = json_ld(doc)
    title = Document(doc).short_title() or meta(doc, "og:title", "twitter:title")
    if title:
        fields["title"] = " ".join(title.split())
    author = (meta(doc, "author", "article:author", "byl", "sailthru.author", "parsely-author")
              or ld_author(ld) or byline_element(doc))
    lang = doc.get("lang") or doc.get("{http://www.w3.org/XML/1998/namespace}lang") or meta(doc, "og:locale")
    content_language = http_equiv_language(doc)
    if content_language:
        fields["content_language"] = content_language
    if lang or content_language:
        fields["language"] = language_tag(lang or content_language)
    if author and not author.startswith("http"):
        fields["byline"] = byline_for(author, fields.get("language") or default_language)
    date = (meta(doc, "article:published_time", "datePublished", "date", "pubdate", "publish-date",
                  "sailthru.date", "dc.date", "DC.date.issued")
            or (ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
            or next((t.get("datetime") for t in doc.xpath("//time[@datetime]")), None))
    if date:
        fields["date"] = date
    return fields


def http_equiv_language(doc) -> str | None:
    """The first language of ``<meta http-equiv="content-language">`` ("de, en" -> "de")."""
    for el in doc.xpath("//meta[@http-equiv]"):
        if (el.get("http-equiv") or "").strip().lower() == "content-language":
            first = (el.get("content") or "").split(",")[0].strip()
            if first:
                return language_tag(first)
    return None


def byline_element(doc) -> str | None:
    for el in doc.xpath("//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')]"):
        text = " ".join(el.text_content().split())
        if 2 <= len(text) <= 80 and len(text.split()) <= 10:
            return text
    return None


# ---------------------------------------------------------------------------- cleaning
