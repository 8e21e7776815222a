"""`sitemap.xml` and `robots.txt`, written with an XML library.

A sitemap must list absolute addresses, which only exist once SITEURL is set (`make publish`,
the Pages workflow). A local build (`make html`, SITEURL empty) writes no sitemap.xml and a
robots.txt without a Sitemap line: a sitemap of relative or invented addresses would be wrong
wherever the folder is later served.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterable

from pelican.generators import Generator

from quietpress.site.annotate import absolute_url
from quietpress.site.files import write_if_changed

logger = logging.getLogger(__name__)
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(entries: Iterable[tuple[str, str | None]]) -> bytes:
    """The sitemap document for (absolute URL, last-modified date or None) entries."""
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for location, modified in entries:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = location
        if modified:
            ET.SubElement(url, "lastmod").text = modified
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(sitemap: str | None) -> str:
    """robots.txt allowing everything, pointing at the sitemap when there is one."""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap:
        lines.append(f"Sitemap: {sitemap}")
    return "\n".join(lines) + "\n"


def sitemap_entries(context: dict[str, Any], siteurl: str) -> list[tuple[str, str | None]]:
    """Home, articles, pages and every taxonomy page, each once, as absolute URLs."""
    seen: set[str] = set()
    entries: list[tuple[str, str | None]] = []

    def add(relative: str, modified: str | None = None) -> None:
        location = absolute_url(siteurl, relative)
        if location and location not in seen:
            seen.add(location)
            entries.append((location, modified))

    add("index.html")
    for article in context.get("articles", []):
        stamp = getattr(article, "modified", None) or (None if getattr(article, "undated", False) else article.date)
        add(article.url, stamp.date().isoformat() if stamp else None)
    for page in context.get("pages", []):
        add(page.url)
    for key in ("categories", "tags", "authors", "publications"):
        for term, _ in context.get(key, []):
            add(term.url)
    return entries


class SitemapGenerator(Generator):
    """Writes sitemap.xml (when SITEURL is absolute) and robots.txt."""

    def generate_output(self, writer) -> None:
        siteurl = self.settings.get("SITEURL") or ""
        root = Path(self.output_path)
        sitemap = absolute_url(siteurl, "sitemap.xml")
        if sitemap:
            write_if_changed(root, "sitemap.xml", sitemap_xml(sitemap_entries(self.context, siteurl)).decode("utf-8"))
        else:
            logger.info("sitemap.xml not written: SITEURL is not an absolute http(s) address (local build)")
        write_if_changed(root, "robots.txt", robots_txt(sitemap))
