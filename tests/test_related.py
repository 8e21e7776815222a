"""Related articles kept between builds (quietpress/site/related.py): a list reused from the last
build must be the list computed from nothing, whatever was added, edited or removed meanwhile."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings, strategies as st

from quietpress.site.related import related_articles, size_class


class _Term:
    def __init__(self, name):
        self.name = self.slug = name


class _Article:
    def __init__(self, name, day, category, tags):
        self.source_path = name
        self.date = datetime(2020, 1, 1) + timedelta(days=day)
        self.category, self.tags = _Term(category), [_Term(t) for t in tags]


articles_strategy = st.lists(
    st.tuples(st.integers(min_value=0, max_value=60), st.sampled_from(["news", "sport", "arts"]),
              st.lists(st.sampled_from(["rail", "floods", "budget", "courts", "schools"]), max_size=3, unique=True)),
    max_size=40)


def archive(spec, prefix=""):
    made = [_Article(f"{prefix}{n}", day, category, tags) for n, (day, category, tags) in enumerate(spec)]
    return sorted(made, key=lambda a: (a.date, a.source_path), reverse=True)  # newest first, as Pelican orders


def names(related):
    return {path: [a.source_path for a in chosen] for path, chosen in related.items()}


@settings(max_examples=150, deadline=None)
@given(first=articles_strategy, added=articles_strategy, kept=st.integers(min_value=0, max_value=40))
def test_lists_reused_from_the_last_build_equal_lists_made_from_nothing(first, added, kept, tmp_path_factory):
    memory = tmp_path_factory.mktemp("related") / "related.pickle"
    before = archive(first)
    # The next build: some of the first articles kept (the others deleted), some new ones added.
    after = sorted(before[:kept] + archive(added, prefix="new"), key=lambda a: (a.date, a.source_path), reverse=True)
    identity = lambda article: article.source_path  # noqa: E731
    related_articles(before, 3, 4, identity=identity, memory=memory)
    reused = related_articles(after, 3, 4, identity=identity, memory=memory)
    assert names(reused) == names(related_articles(after, 3, 4, identity=identity))


def test_a_new_article_recomputes_only_the_lists_near_it_along_its_terms(tmp_path, monkeypatch):
    from quietpress.site import related

    # 22 articles on news and rail, 22 on sport and floods; a 23rd on news and rail stays in the
    # same count class (quarter powers of two), so only the lists within the window of it change.
    spec = [(day, ("news", "sport")[day % 2], [("rail", "floods")[day % 2]]) for day in range(44)]
    before = archive(spec)
    identity = lambda article: article.source_path  # noqa: E731
    related_articles(before, 3, 4, identity=identity, memory=tmp_path / "r.pickle")
    ranked = []
    best = related._Ranking.best
    monkeypatch.setattr(related._Ranking, "best", lambda self, index, *args: ranked.append(index) or best(self, index, *args))
    after = archive(spec + [(100, "news", ["rail"])])
    assert related.count_class(22) == related.count_class(23) and size_class(44) == size_class(45)
    reused = related_articles(after, 3, 4, identity=identity, memory=tmp_path / "r.pickle")
    # The new article (index 44) and the four news-and-rail articles next to it in date order.
    assert sorted(int(after[i].source_path) for i in ranked) == [36, 38, 40, 42, 44]
    assert names(reused) == names(related_articles(after, 3, 4, identity=identity))


def test_a_term_moving_to_another_count_class_recomputes_all_its_members(tmp_path, monkeypatch):
    from quietpress.site import related

    spec = [(day, "news", ["rail"] if day < 20 else []) for day in range(40)]
    identity = lambda article: article.source_path  # noqa: E731
    related_articles(archive(spec), 3, 4, identity=identity, memory=tmp_path / "r.pickle")
    ranked = []
    best = related._Ranking.best
    monkeypatch.setattr(related._Ranking, "best", lambda self, index, *args: ranked.append(index) or best(self, index, *args))
    after = archive(spec + [(-1, "sport", ["rail"])])  # the oldest article: rail goes from 20 to 21 members
    assert related.count_class(20) != related.count_class(21)
    related_articles(after, 3, 4, identity=identity, memory=tmp_path / "r.pickle")
    assert {after[i].source_path for i in ranked} == {a.source_path for a in after if a.tags}


def test_rarity_is_measured_against_the_archive_size_rounded_up_to_a_power_of_two():
    assert [size_class(n) for n in (0, 1, 2, 3, 1000, 1024, 1025)] == [1, 1, 2, 4, 1024, 1024, 2048]


def test_an_article_keeping_its_path_date_and_terms_keeps_every_list(tmp_path, monkeypatch):
    from quietpress.site import related

    spec = [(day, ("news", "sport")[day % 2], [("rail", "floods")[day % 3 % 2]]) for day in range(30)]
    related_articles(archive(spec), 3, 4, memory=tmp_path / "r.pickle")  # identity: path, date and terms
    ranked = []
    best = related._Ranking.best
    monkeypatch.setattr(related._Ranking, "best", lambda self, index, *args: ranked.append(index) or best(self, index, *args))
    # The same articles made afresh (as after an edit of a body: a new object, same path, date, terms).
    again = related_articles(archive(spec), 3, 4, memory=tmp_path / "r.pickle")
    assert ranked == []
    assert names(again) == names(related_articles(archive(spec), 3, 4))


def test_the_default_topic_alone_relates_nothing():
    # The topic Pelican files an article under when its capture named none is no evidence: a French
    # lavoir and an English lighthouse sharing only "Uncategorised" are not related; a shared tag is.
    made = archive([(1, "Uncategorised", []), (2, "Uncategorised", []), (3, "Uncategorised", ["floods"]),
                    (4, "Uncategorised", ["floods"]), (5, "Politics", [])])
    for article in made:
        article.settings = {"DEFAULT_CATEGORY": "Uncategorised"}
    related = names(related_articles(made, count=3, window=10))
    assert related["0"] == related["1"] == related["4"] == []
    assert related["2"] == ["3"] and related["3"] == ["2"]
