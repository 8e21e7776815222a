"""Each article's entry in a list, rendered once per heading level and page depth, not once per list.

An article is listed on the home pages, its topic, each of its tags, its authors, its publication,
its month and the related lists of other articles: about a dozen times in a build, which made list
entries the largest part of the template work. The entry depends only on the article, the heading
level and the relative site URL (which differs by page depth), so `article_card` keeps what it
rendered for that triple. The theme calls it from _article_list.html.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

CARD_TEMPLATE = "_article_card.html"


class ArticleCards:
    """The `article_card(item, level, SITEURL)` global of one generator's template environment."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.template = None
        self.cards: dict[tuple[int, int, str], tuple[Any, Markup]] = {}

    def __call__(self, item: Any, level: int, siteurl: str) -> Markup:
        key = (id(item), level, siteurl)
        known = self.cards.get(key)
        if known is not None and known[0] is item:
            return known[1]
        if self.template is None:
            self.template = self.env.get_template(CARD_TEMPLATE)
        card = Markup(self.template.render(item=item, level=level, SITEURL=siteurl))
        self.cards[key] = (item, card)  # the item is kept with its card, so its id cannot be reused
        return card


def add_card_renderer(generator: Any) -> None:
    """Receiver for generator_init: give the generator's templates `article_card`."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["article_card"] = ArticleCards(env)
