"""One generic taxonomy generator: an index page and one page per term.

Pelican builds topics (categories), tags and authors itself, with their feeds; the taxonomies it
does not know are described by a `Taxonomy` and served by this one generator, so a new one (a
publication's section, say) is a new `Taxonomy`, not a near-copy of a generator.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Callable

from urllib.parse import urlsplit

from pelican.generators import Generator
from pelican.urlwrappers import URLWrapper

from quietpress.site.reader import term_with_slug


# Words after a surname that are not the surname ("Martin Luther King Jr.").
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def folded(text: str) -> str:
    """Return text for sorting: accents taken off letters (Maëlle sorts as Maelle), case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def surname_key(name: str) -> tuple[str, str]:
    """Return the key that sorts a person by surname, then by the whole name.

    >>> sorted(["Rosa Kim", "Hollis Grant"], key=surname_key)
    ['Hollis Grant', 'Rosa Kim']
    """
    words = [w for w in name.split() if w.casefold() not in NAME_SUFFIXES] or name.split() or [""]
    return folded(words[-1]), folded(name)


def by_surname(terms: list[Any]) -> list[Any]:
    """Jinja filter: [(author, articles)] or [author] sorted by surname, accents folded."""
    def name(term: Any) -> str:
        return str(getattr(term[0] if isinstance(term, tuple) else term, "name", term))
    return sorted(terms, key=lambda term: surname_key(name(term)))


def grouping_first(terms: list[tuple[Any, list[Any]]]) -> list[tuple[Any, list[Any]]]:
    """Jinja filter: [(tag, articles)] with the tags that group most articles first, then by name.

    A tag on one article only leads nowhere; the index opens with the ones that gather a subject.
    """
    return sorted(terms, key=lambda term: (-len(term[1]), folded(str(getattr(term[0], "name", term[0])))))


def add_sort_filters(generator: Any) -> None:
    """Receiver for generator_init: give templates the `by_surname` and `grouping_first` filters."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters["by_surname"] = by_surname
        env.filters["grouping_first"] = grouping_first


class Publication(URLWrapper):
    """A publication (the `site` metadata); its URL comes from PUBLICATION_URL / PUBLICATION_SAVE_AS."""


@dataclass(frozen=True)
class Taxonomy:
    """How to find an article's terms and where their pages go."""

    name: str                                   # attribute set on each article (a list of terms)
    plural: str                                 # context key of [(term, articles)] and of the index template
    wrapper: type[URLWrapper]                   # gives each term its name, slug, url and save_as
    values: Callable[[Any], list[str]]          # an article's term names
    template: str                               # template of one term's page
    index_save_as_setting: str                  # setting naming the index page's file


def _site_names(article: Any) -> list[str]:
    site = getattr(article, "publication_name", None) or getattr(article, "site", None)
    return [str(site).strip()] if site and str(site).strip() else []


def name_publications(articles: list[Any]) -> None:
    """Give every article of one domain the same publication name (`publication_name`).

    Pages of one site name it differently ("PolitiFact" and "PolitiFact West Virginia", "Inexhibit"
    and "Inexhibit magazine"): the name most of the domain's articles give wins, the shorter on a tie.
    """
    names: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        site = str(getattr(article, "site", None) or "").strip()
        if site:
            names[_domain(article) or folded(site)][site] += 1
    chosen = {domain: max(counts.items(), key=lambda item: (item[1], -len(item[0]), item[0]))[0]
              for domain, counts in names.items()}
    for article in articles:
        site = str(getattr(article, "site", None) or "").strip()
        article.publication_name = chosen[_domain(article) or folded(site)] if site else None


def _domain(article: Any) -> str | None:
    try:
        host = urlsplit(str(getattr(article, "source_url", None) or "")).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


TAXONOMIES = (
    Taxonomy(name="publications", plural="publications", wrapper=Publication, values=_site_names,
             template="publication", index_save_as_setting="PUBLICATIONS_SAVE_AS"),
)


def group_by_terms(articles: list[Any], taxonomy: Taxonomy, settings: dict[str, Any]) -> list[tuple[URLWrapper, list[Any]]]:
    """Return [(term, its articles in archive order)] sorted by term name, and set each article's terms."""
    terms: dict[str, URLWrapper] = {}
    grouped: dict[URLWrapper, list[Any]] = defaultdict(list)
    for article in articles:
        mine = []
        for value in taxonomy.values(article):
            # term_with_slug: a publication named only in markup or emoji got the page sites/.html.
            term = terms.get(value) or terms.setdefault(value, term_with_slug(taxonomy.wrapper, value, settings))
            grouped[term].append(article)
            mine.append(term)
        setattr(article, taxonomy.name, mine)
    return sorted(grouped.items(), key=lambda item: folded(item[0].name))


class TaxonomyGenerator(Generator):
    """Adds each taxonomy's [(term, articles)] to the context and writes its pages."""

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])
        name_publications(articles)
        for taxonomy in TAXONOMIES:
            self.context[taxonomy.plural] = group_by_terms(articles, taxonomy, self.settings)

    def generate_output(self, writer) -> None:
        position = {id(article): n for n, article in enumerate(self.context.get("dates", []))}
        for taxonomy in TAXONOMIES:
            grouped = self.context[taxonomy.plural]
            template = self.get_template(taxonomy.template)
            for term, articles in grouped:
                # `dates` as Pelican's own term pages have it: the term's articles in date order.
                dates = sorted(articles, key=lambda article: position.get(id(article), 0))
                writer.write_file(term.save_as, template, self.context, self.settings["RELATIVE_URLS"],
                                  template_name=taxonomy.template, url=term.url, term=term, articles=articles,
                                  dates=dates, page_name=term.page_name)
            index_save_as = self.settings[taxonomy.index_save_as_setting]
            if index_save_as:
                writer.write_file(index_save_as, self.get_template(taxonomy.plural), self.context,
                                  self.settings["RELATIVE_URLS"], template_name=taxonomy.plural, url=index_save_as)
