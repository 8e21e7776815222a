"""A capture must never make the archive publish, or write, a file that is not its own.

Pelican reads `{attach}`, `{static}` and `{filename}` (or `|attach|`...) in an article's HTML as
"copy this file into the site"; the importer and the reader never leave one where Pelican looks,
and the plugin refuses any that points outside `content/`, whichever reader made the content.
The end-to-end case (a capture whose alt texts name /etc/passwd and the raw capture) is
tests/corpus/hostile_directives, imported, built and opened in Chromium by tests/test_hostile.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime

from build import ROOT, run_import, run_pelican
from captures import Page, article_html, png, write_jsonl, write_saved_page
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
    """`{static}/../outside/x` is read from beside content/ and written beside output/: with the
    output folder deeper than the content folder, outside it."""
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("not the site's", encoding="utf-8")
    page = (CORPUS / "hostile_directives" / "page.html").read_text(encoding="utf-8")
    (captures / "page.html").write_text(page.replace("{static}/../.git/config", "{static}/../outside/secret.txt"),
                                        encoding="utf-8")
    assert run_import([captures], content).returncode == 0
    built = run_pelican(content, tmp_path / "deep" / "er" / "output")
    assert built.returncode == 0, built.stderr
    names = {p.name for p in (tmp_path / "deep").rglob("*")}
    assert not names & {"secret.txt", "passwd", "environ", "config", "page.html"}, names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["captures", "content", "deep", "outside"]


# --- symbolic links ----------------------------------------------------------------------------
def _saved_page(folder: Path, topic: str) -> None:
    write_saved_page(folder, "page", Page(f"The {topic} plan approved", f"https://news.example.org/{topic}", topic=topic),
                     png((1, 2, 3)))


def test_saved_page_whose_files_folder_links_elsewhere_publishes_none_of_it(tmp_path):
    captures, content, outside = tmp_path / "captures", tmp_path / "content", tmp_path / "outside"
    outside.mkdir()
    (outside / "photo.jpg").write_bytes(png((9, 9, 9)))
    (outside / "private").mkdir()
    (outside / "private" / "photo.jpg").write_bytes(png((8, 8, 8)))
    _saved_page(captures / "a", "harbour")
    shutil.rmtree(captures / "a" / "page_files")
    (captures / "a" / "page_files").symlink_to(outside, target_is_directory=True)
    _saved_page(captures / "b", "bridge")
    (captures / "b" / "page_files" / "nested").symlink_to(outside / "private", target_is_directory=True)
    (captures / "b" / "page_files" / "photo.jpg").unlink()
    (captures / "b" / "page_files" / "photo.jpg").symlink_to(outside / "photo.jpg")
    imported = run_import([captures], content)
    assert imported.returncode == 0, imported.stderr
    published = {p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert not published & {png((9, 9, 9)), png((8, 8, 8))}
    assert len(list((content / "articles").rglob("*.md"))) == 2


def test_folder_links_among_the_captures_are_not_followed(tmp_path):
    captures, content, outside = tmp_path / "captures", tmp_path / "content", tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "secret.html").write_text(article_html(Page("Secret plan", "https://x.example/s")))
    captures.mkdir()
    (captures / "linked").symlink_to(outside, target_is_directory=True)
    (captures / "sub").mkdir()
    (captures / "sub" / "deeper").symlink_to(outside / "deep", target_is_directory=True)
    (captures / "page.html").write_text(article_html(Page("Harbour plan approved", "https://news.example.org/h")))
    imported = run_import([captures], content)
    assert imported.returncode == 0, imported.stderr
    assert [p.name for p in (content / "articles").rglob("*.md")] == ["harbour-plan-approved.md"]


def test_link_loops_pipes_and_dangling_links_get_one_line_each(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    (captures / "loop-a.html").symlink_to(captures / "loop-b.html")
    (captures / "loop-b.html").symlink_to(captures / "loop-a.html")
    (captures / "self.html").symlink_to(captures / "self.html")
    (captures / "gone.html").symlink_to(captures / "nothing-here.html")
    os.mkfifo(captures / "pipe.html")
    (captures / "page.html").write_text(article_html(Page("Harbour plan approved", "https://news.example.org/h")))
    imported = run_import([captures], content, "--jobs", "2")
    assert imported.returncode == 1
    assert "Traceback" not in imported.stderr
    lines = sorted(line for line in imported.stderr.splitlines() if line.strip())
    assert lines == ["  gone.html: symbolic link to nothing: skipped",
                     "  loop-a.html: symbolic link loop: skipped",
                     "  loop-b.html: symbolic link loop: skipped",
                     "  pipe.html: a named pipe, not a regular file: skipped",
                     "  self.html: symbolic link loop: skipped"], imported.stderr
    assert "1 imported" in imported.stdout


# --- merging shard parts -----------------------------------------------------------------------
def test_merge_takes_only_article_files_and_images_named_by_their_hash(tmp_path):
    captures, part, content = tmp_path / "captures", tmp_path / "part", tmp_path / "content"
    captures.mkdir()
    (captures / "page.html").write_text(article_html(Page("Harbour plan approved", "https://news.example.org/h")))
    assert run_import([captures], part).returncode == 0
    manifest = json.loads((part / ".quietpress-manifest.json").read_text(encoding="utf-8"))
    (article, record), = manifest["files"].items()
    (part / "pages").mkdir()
    evil = "---\ntitle: Evil page\n---\n\nPublished as a page.\n"
    (part / "pages" / "evil.md").write_text(evil, encoding="utf-8")
    (part / "images" / ("0" * 64 + ".png")).parent.mkdir(exist_ok=True)
    (part / "images" / ("0" * 64 + ".png")).write_bytes(png((5, 5, 5)))
    record["images"] = ["pages/evil.md", "images/" + "0" * 64 + ".png"]
    manifest["files"]["pages/evil.md"] = {**record, "images": []}
    (part / ".quietpress-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    merged = subprocess.run([sys.executable, "-m", "quietpress", "merge", str(part), "--into", str(content)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert merged.returncode == 1
    assert "part/pages/evil.md: not an article file an import writes: skipped" in merged.stderr
    assert "is not an image named by its hash" in merged.stderr
    assert not (content / "pages").exists() and not (content / "images").exists()
    assert evil not in {p.read_text(encoding="utf-8") for p in content.rglob("*.md")}


# --- canonical URL hijack ----------------------------------------------------------------------
def test_a_capture_date_in_the_future_does_not_win_an_article(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    url = "https://news.example.org/harbour"
    real = article_html(Page("Harbour plan approved", url))
    fake = article_html(Page("Harbour plan approved", url), ["Fake text planted by a stranger, " * 12] * 3)
    write_jsonl(captures / "real.jsonl", [{"url": url, "html": real, "fetched_at": "2024-05-04T08:00:00Z"}])
    write_jsonl(captures / "stranger.jsonl", [{"url": url, "html": fake, "fetched_at": "2099-01-01T00:00:00Z"},
                                               {"url": url, "html": fake, "fetched_at": "yesterday"}])
    imported = run_import([captures], content)
    assert imported.returncode == 0, imported.stderr
    (path,) = (content / "articles").rglob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "Paragraph 0 about the bridge" in text and "Fake text" not in text
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["captured"] == "2024-05-04T08:00:00Z"
    assert {c.get("captured") for c in front["captures"]} == {None}


def test_capture_dates_that_are_not_dates_are_not_written_and_the_article_builds(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    records = [{"url": f"https://news.example.org/{i}", "html": article_html(Page(f"Story {i} of the day", f"https://news.example.org/{i}", topic=f"topic{i}", date="")),
                "fetched_at": value} for i, value in enumerate(("yesterday", "2024-13-45", "2099-12-31"))]
    write_jsonl(captures / "records.jsonl", records)
    assert run_import([captures], content).returncode == 0
    for path in (content / "articles").rglob("*.md"):
        assert "captured:" not in path.read_text(encoding="utf-8").split("---\n")[1]
    built = run_pelican(content, tmp_path / "output")
    assert built.returncode == 0 and "Could not process" not in built.stderr, built.stderr
    assert len(list((tmp_path / "output" / "articles").rglob("*.html"))) == 3


@pytest.mark.parametrize("image", ["../../../../../etc/passwd", "/etc/passwd", "images/../../x.png", "~/.ssh/id_rsa"])
def test_a_lead_image_that_is_not_a_web_url_or_a_local_copy_is_not_written(image):
    from quietpress.frontmatter import render_front_matter, split_front_matter

    read, _, _ = split_front_matter(render_front_matter({"title": "T", "image": image}))
    assert read == {"title": "T"}
