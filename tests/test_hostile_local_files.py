"""A capture must never make the archive publish, or write, a file that is not its own.

Pelican reads `{attach}`, `{static}` and `{filename}` (or `|attach|`...) in an article's HTML as
"copy this file into the site"; the importer and the reader never leave one where Pelican looks,
and the plugin refuses any that points outside `content/`, whichever reader made the content.
The end-to-end case (a capture whose alt texts name /etc/passwd and the raw capture) is
tests/corpus/hostile_directives, imported, built and opened in Chromium by tests/test_hostile.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime

from build import ROOT, run_import, run_pelican
from conftest import CORPUS
from quietpress.site.cache import Rendered, RenderCache
from quietpress.site.directives import refuse_outside_links
from quietpress.site.reader import render_markdown

# Pelican's own pattern for a link directive in a tag, with its default INTRASITE_LINK_REGEX.
PELICAN_DIRECTIVE = re.compile(r"""<[^>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*(["'])[{|]""")


def _article(content: Path, html: str) -> Article:
    settings = {**DEFAULT_CONFIG, "PATH": str(content)}
    source = content / "articles" / "2024" / "a.md"
    return Article(html, metadata={"title": "A", "date": SafeDatetime(2024, 1, 1)}, settings=settings, source_path=str(source))


def test_directives_leaving_the_content_folder_are_left_as_text_whatever_the_reader(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"png")
    html = ('<a href="{attach}../../../etc/passwd">x</a> <img src="|static|/../../proc/self/environ">'
            '<a href="{filename}%2e%2e/%2e%2e/%2e%2e/x">y</a> <img src="{static}/images/a.png"> <a href="{tag}news">t</a>')
    article = _article(tmp_path, html)
    refuse_outside_links(article)
    assert article._content == (
        '<a href="&#123;attach}../../../etc/passwd">x</a> <img src="&#124;static|/../../proc/self/environ">'
        '<a href="&#123;filename}%2e%2e/%2e%2e/%2e%2e/x">y</a> <img src="{static}/images/a.png"> <a href="{tag}news">t</a>')


def test_directives_through_a_symbolic_link_out_of_the_content_folder_are_refused(tmp_path):
    content = tmp_path / "content"
    (content / "articles" / "2024").mkdir(parents=True)
    (content / "images").symlink_to("/etc")
    article = _article(content, '<img src="{static}/images/passwd">')
    refuse_outside_links(article)
    assert "{static}" not in article._content


def test_reader_output_never_holds_a_directive_pelican_would_follow():
    markdown = ("![src='{attach}../../etc/passwd' x=\"|static|/a\"](../../images/a.png)\n\n"
                "[a]({filename}/../../x) [b](<|attach|../y>) <{static}/z> ![c](x \"src='{attach}/t'\")\n")
    _, html, _ = render_markdown(markdown)
    assert PELICAN_DIRECTIVE.search(html) is None, html
    assert "src='&#123;attach}../../etc/passwd'" in html


def test_a_fix_to_the_renderer_reaches_articles_rendered_before_it(tmp_path):
    """The render cache kept each file's key by its size and time: an unchanged article kept the
    rendering of the old renderer, directive and all, after the reader was fixed."""
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: A\n---\n\ntext\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def render_with(label: str):
        return lambda data, path: Rendered(label, {}, 1, label)

    for fingerprint, label in ((b"old", "old renderer"), (b"new", "new renderer")):
        renders = RenderCache(cache, render_with(label), fingerprint)
        renders.prerender([str(article)], 1)
        assert renders.get(str(article)).html == label
        renders.finish()


def test_static_directive_cannot_write_outside_an_output_folder_at_another_depth(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    page = (CORPUS / "hostile_directives" / "page.html").read_text(encoding="utf-8")
    (captures / "page.html").write_text(page.replace("../../../../../../tmp/qp-outside", "../../../qp-outside"),
                                        encoding="utf-8")
    assert run_import([captures], content).returncode == 0
    (tmp_path / "qp-outside").write_text("not the site's", encoding="utf-8")
    built = run_pelican(content, tmp_path / "deep" / "er" / "output")
    assert built.returncode == 0, built.stderr
    names = {p.name for p in (tmp_path / "deep").rglob("*")}
    assert not names & {"qp-outside", "passwd", "environ", "config", "page.html"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["captures", "content", "deep", "qp-outside"]
