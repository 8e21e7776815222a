"""Each article's entry in a list, rendered once per heading level and page depth, not once per list.

An article is listed on the home page, its topic, each of its tags, its authors, its publication,
its month and the related lists of other articles: about a dozen times in a build, which made list
entries the largest part of the template work. An entry depends only on the article, its form (a
card with a summary, or a one-line entry), the heading level and the relative site URL (which
differs by page depth), so each is rendered once and reused. The theme calls `article_card` from
_article_list.html and `article_line` from _term_page.html; `by_year` groups a term's older articles.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from jinja2 import TemplateNotFound
from markupsafe import Markup

CARD_TEMPLATE = "_article_card.html"
MACROS_TEMPLATE = "_macros.html"
LINE_TEMPLATE = "_article_line.html"


class ArticleEntries:
    """The `article_card(item, level, SITEURL)` (or `article_line`) global of one template environment."""

    def __init__(self, env: Any, template_name: str) -> None:
        self.env = env
        self.template_name = template_name
        self.template = None
        self.entries: dict[tuple[int, int, str], tuple[Any, Markup]] = {}

    def __call__(self, item: Any, level: int, siteurl: str) -> Markup:
        key = (id(item), level, siteurl)
        known = self.entries.get(key)
        if known is not None and known[0] is item:
            return known[1]
        if self.template is None:
            self.template = self.env.get_template(self.template_name)
        entry = Markup(self.template.render(item=item, level=level, SITEURL=siteurl))
        self.entries[key] = (item, entry)  # the item is kept with its entry, so its id cannot be reused
        return entry


def by_year(items: list[Any]) -> list[tuple[int, list[Any]]]:
    """[(year, its articles)] in the order given (newest first on term pages): consecutive runs,
    where Jinja's groupby filter would sort the years first."""
    return [(year, list(group)) for year, group in groupby(items, key=lambda item: item.date.year)]


def add_card_renderer(generator: Any) -> None:
    """Receiver for generator_init: give the generator's templates `article_card`, `article_line`,
    `by_year` and `macros` (the theme's _macros.html, made once: an `{% from ... import %}` in a
    list entry made the macros again for each of its tens of thousands of renderings)."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["article_card"] = ArticleEntries(env, CARD_TEMPLATE)
        env.globals["article_line"] = ArticleEntries(env, LINE_TEMPLATE)
        env.globals["by_year"] = by_year
        try:
            env.globals["macros"] = env.get_template(MACROS_TEMPLATE).module
        except TemplateNotFound:
            pass  # a theme without them
