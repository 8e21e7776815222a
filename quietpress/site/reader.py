"""A Pelican reader for quietpress Markdown: YAML front matter, markdown-it-py, sanitised output."""

from __future__ import annotations

import hashlib
import html
import logging
import re
from datetime import date, datetime
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it import helpers as stock_helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.common.normalize_url import normalizeLink as stock_normalize_link
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from dateutil import tz
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from quietpress.errors import FrontMatterError
from quietpress.frontmatter import parse_front_matter
from quietpress.markdown import CREDIT_PREFIX
from quietpress.site.annotate import opening_words, visible_words
from quietpress.site.cache import Rendered, cache_for
from quietpress.site.dispatch import use_rule_dispatch
from quietpress.site.sanitize import sanitize_html

logger = logging.getLogger(__name__)

# Values the theme shows as text; everything else Pelican processes (dates, people, topics).
UNDATED = "1970-01-01"
# Longest slug of a tag, topic, author or publication page (file names stop at 255 bytes).
MAX_TERM_SLUG = 80
# Values the theme puts in href or src: only web URLs (and, for the image, a local path) pass.
URL_KEYS = ("source_url", "image")
PLAIN_KEYS = ("site", "section", "agency", "source_url", "captured", "capture_sha256", "capture", "captures", "image", "author_bio")


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The parser articles are rendered with: configured_parser(), trying fewer rules (dispatch.py)."""
    return use_rule_dispatch(configured_parser())


def configured_parser() -> MarkdownIt:
    """CommonMark with tables, strikethrough (`~~`), footnotes and figure containers; raw HTML off
    (shown as text)."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(container_plugin, "figure", render=_render_figure)
    _container_stops_at_end_of_input(md)
    _front_matter_only_at_start(md)
    md.core.ruler.push("quietpress_figures", _figure_captions)
    md.normalizeLink = normalize_link
    md.helpers = SimpleNamespace(**{name: getattr(stock_helpers, name) for name in stock_helpers.__all__})
    md.helpers.parseLinkDestination = parse_link_destination
    md.add_render_rule("image", _render_image)
    return md


def _container_stops_at_end_of_input(md: MarkdownIt) -> None:
    """The container plugin reads the character a line starts at, and a last line that is only a
    blockquote's marker ("> -\n> \n> ") starts past the end of the text: IndexError, and the
    article would not build. No character there, no container."""
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == "container_figure")
    stock = rule.fn

    def container_figure(state, start_line: int, end_line: int, silent: bool) -> bool:
        if state.bMarks[start_line] + state.tShift[start_line] >= len(state.src):
            return False
        return stock(state, start_line, end_line, silent)

    md.block.ruler.at("container_figure", container_figure, {"alt": list(rule.alt)})


# A web address with a plain host (letters, digits, dots, hyphens; a port at most) or a relative
# path, made only of characters percent-encoding leaves alone, every % starting an escape:
# markdown-it's normalizeLink returns it unchanged (tests/test_properties.py checks against it).
# That is almost every link of a news article; skipping the parse, punycode and re-encoding was
# 15% of parsing one. Anything else (user info, brackets, other schemes) goes the stock way.
_SAFE = r"(?:[A-Za-z0-9\-._~:/?#!$&'()*+,;=]|%[0-9A-Fa-f]{2})"
_PLAIN_ADDRESS = re.compile(
    rf"(?:https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#]{_SAFE}*)?"      # http(s)://host[:port][/path?query#fragment]
    rf"|(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{{2}})*(?:[?#]{_SAFE}*)?)")  # a relative path[?query#fragment]


def normalize_link(url: str) -> str:
    """markdown-it's normalizeLink, without its work for addresses it would return unchanged."""
    return url if _PLAIN_ADDRESS.fullmatch(url) else stock_normalize_link(url)


# What markdown-it's parseLinkDestination reads a character at a time until a space, a control
# character or a closing parenthesis: without a backslash or an opening parenthesis (escapes and
# nesting), the run it returns is the pattern's match (7% of parsing a news article).
_PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f()\\]*")


class _Destination:
    __slots__ = ("ok", "pos", "str")

    def __init__(self, end: int, text: str) -> None:
        self.ok, self.pos, self.str = True, end, text


def parse_link_destination(string: str, pos: int, maximum: int) -> Any:
    """markdown-it's parseLinkDestination, found by a pattern when the destination is plain."""
    if pos < maximum and string[pos] != "<":
        end = _PLAIN_DESTINATION.match(string, pos, maximum).end()
        if end > pos and (end == maximum or string[end] not in "(\\"):
            return _Destination(end, unescapeAll(string[pos:end]))
    return stock_helpers.parseLinkDestination(string, pos, maximum)


def _front_matter_only_at_start(md: MarkdownIt) -> None:
    """Let the front-matter rule match only at the very start of the document.

    mdit-py-plugins checks "line 0 and the text starts with '-'", which also holds inside a list
    that opens the document: `- \\--` became an empty item (tests/test_properties.py found it).
    """
    rule = next(r for r in md.block.ruler.__rules__ if r.name == "front_matter")
    original = rule.fn

    def at_start(state, start_line: int, end_line: int, silent: bool) -> bool:
        if state.bMarks[start_line] + state.tShift[start_line] != 0:
            return False
        return original(state, start_line, end_line, silent)

    rule.fn = at_start
    md.block.ruler.__compile__()


def render_markdown(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Return (front matter block text, sanitised HTML) for a Markdown document."""
    md = markdown_parser()
    tokens = md.parse(text)
    block = next((t.content for t in tokens if t.type == "front_matter"), None)
    return {}, sanitize_html(md.renderer.render(tokens, md.options, {})), block


def render_document(data: bytes, path: str) -> Rendered:
    """Render one Markdown file's bytes: sanitised HTML and its front matter (cached by content hash).

    Raises FrontMatterError (with path and line) when the YAML is broken or the file is not UTF-8.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Pelican would log only "Could not process <path>": name the byte and its line instead.
        line = data.count(b"\n", 0, error.start) + 1
        raise FrontMatterError(path, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
                               line) from None
    _, content, block = render_markdown(text)
    front = parse_front_matter(block, path) if block is not None else {}
    words = visible_words(content)
    return Rendered(content, front, len(words), opening_words(words))


def _render_figure(renderer, tokens: list[Token], idx: int, options, env) -> str:
    return '<figure class="article-figure">\n' if tokens[idx].nesting == 1 else "</figure>\n"


def _figure_captions(state) -> None:
    """Inside a figure container: the image loses its <p>; the other paragraphs become its caption,
    and a paragraph starting with "Credit: " becomes the credit."""
    tokens = state.tokens
    inside, caption_open, pictured, opened_at = False, False, False, 0
    out: list[Token] = []
    for i, token in enumerate(tokens):
        if token.type == "container_figure_open":
            inside, caption_open, pictured, opened_at = True, False, False, len(out) + 1
        elif token.type == "container_figure_close" and inside:
            if caption_open:
                out.append(_html("</figcaption>\n"))
            if not pictured:
                # The capture kept the caption but not the photo: the same box as a remote image,
                # so a caption never stands under nothing (tests/test_browser.py pins both alike).
                out.insert(opened_at, _html(MISSING_IMAGE))
            inside = False
        elif inside and token.type == "paragraph_open" and token.level == 1:
            inline = tokens[i + 1]
            children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip())]
            if len(children) == 1 and children[0].type == "image":
                token.hidden = tokens[i + 2].hidden = True
                pictured = True
            else:
                if not caption_open:
                    out.append(_html("<figcaption>\n"))
                    caption_open = True
                first = inline.children[0] if inline.children else None
                if first is not None and first.type == "text" and first.content.startswith(CREDIT_PREFIX):
                    first.content = first.content[len(CREDIT_PREFIX):]
                    token.tag = tokens[i + 2].tag = "small"
                    token.attrSet("class", "credit")
        out.append(token)
    state.tokens = out


MISSING_IMAGE = ('<span class="remote-image missing-image"><span class="remote-image-label">'
                 'Image not archived: the capture kept only its caption</span></span>\n')


def _html(content: str) -> Token:
    token = Token("html_block", "", 0)
    token.content = content
    return token


def _render_image(renderer, tokens: list[Token], idx: int, options, env) -> str:
    """Local images are shown; remote ones become a placeholder linking to the original,
    so the archive never loads anything from another host."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = html.escape(renderer.renderInlineAsText(token.children or [], options, env))
    if src.startswith(("http://", "https://", "//")):
        return (f'<a class="remote-image" href="{html.escape(src)}">'
                f'<span class="remote-image-label">Image not archived: view the original</span>'
                f'{" <span class=" + chr(34) + "remote-image-alt" + chr(34) + ">" + alt + "</span>" if alt else ""}</a>')
    return f'<img src="{html.escape(src)}" alt="{alt}" loading="lazy" decoding="async">'


class QuietpressReader(BaseReader):
    """Reads `.md` articles written by the importer (or by hand, in the same form)."""

    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        try:
            rendered = cache_for(self.settings, render_document).get(source_path)
            metadata = self._metadata(rendered.front, source_path)
            # Identifies the article's content for the page memo (memo.py): pages showing only
            # unchanged articles are not rendered again.
            metadata["quietpress_digest"] = rendered.digest
            metadata["word_count"], metadata["opening_text"] = rendered.words, rendered.opening
            return rendered.html, metadata
        except FrontMatterError as error:
            # Pelican logs only "Could not process <path>"; say what is wrong and on which line.
            logger.error("%s", error)
            raise

    def _metadata(self, front: dict[str, Any], source_path: str) -> dict[str, Any]:
        metadata: dict[str, Any] = {}
        title = front.get("title")
        if not isinstance(title, str) or not title.strip():
            raise FrontMatterError(source_path, "front matter has no 'title'", 2)
        metadata["title"] = title
        for key in ("date", "modified"):
            if front.get(key):
                metadata[key] = self._date(key, front[key])
        if "date" not in metadata:
            # Pelican needs a date to place an article; the page says "undated" and the file keeps none.
            metadata["undated"] = True
            metadata["date"] = self._date("date", front.get("captured") or UNDATED)
        authors = [str(a) for a in _as_list(front.get("authors")) if str(a).strip()]
        if authors:
            metadata["authors"] = [self._wrap("author", a) for a in authors]
        if front.get("category"):
            metadata["category"] = self._wrap("category", str(front["category"]))
        tags = [str(t) for t in _as_list(front.get("tags")) if str(t).strip()]
        if tags:
            metadata["tags"] = [self._wrap("tag", t) for t in tags]
        if front.get("summary"):
            metadata["summary"] = html.escape(str(front["summary"]))
        if front.get("lang"):
            metadata["article_lang"] = str(front["lang"])
        for key in PLAIN_KEYS:
            if front.get(key) not in (None, "", []):
                metadata[key] = front[key]
        for key in URL_KEYS:
            # The theme links these; a hand-written or hostile file could make one `javascript:`.
            if key in metadata and not _safe_url(metadata[key], allow_relative=key == "image"):
                del metadata[key]
        return metadata

    def _date(self, key: str, value: Any) -> datetime:
        """The date Pelican's metadata processor would make of the value's ISO text.

        YAML has already parsed most dates; building the same SafeDatetime (with dateutil's UTC and
        offset zones, as its parser gives) skips a dateutil parse per article (9% of a 5,000-article
        rebuild). Anything else goes through the processor.
        """
        if isinstance(value, datetime):
            zone = value.tzinfo
            if zone is not None:
                offset = value.utcoffset()
                zone = tz.tzutc() if not offset else tz.tzoffset(None, int(offset.total_seconds()))
            return SafeDatetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                                value.microsecond, tzinfo=zone)
        if isinstance(value, date):
            return SafeDatetime(value.year, value.month, value.day)
        return self.process_metadata(key, _date_text(value))

    def _wrap(self, kind: str, name: str):
        from pelican.urlwrappers import Author, Category, Tag

        return term_with_slug({"author": Author, "category": Category, "tag": Tag}[kind], name, self.settings)


def term_with_slug(wrapper: type, name: str, settings: dict[str, Any]):
    """Return wrapper(name, settings) with a slug that is never empty.

    Pelican strips markup and punctuation from a name to make its slug, so a tag such as
    `<svg onload=...>` or an emoji got the slug "" and the page `tags/.html`, shared by every such
    tag; those get `<kind>-<hash of the name>` instead.
    """
    term = wrapper(name, settings)
    subs = settings.get(f"{wrapper.__name__.upper()}_REGEX_SUBSTITUTIONS", settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    # Set explicitly, so the wrapper does not slugify the name again; names repeat across thousands
    # of articles, so each distinct one is slugified once.
    term.slug = _term_slug(wrapper.__name__, term.name, name, tuple(map(tuple, subs)), settings.get("SLUGIFY_PRESERVE_CASE", False),
                           settings.get("SLUGIFY_USE_UNICODE", False))
    return term


@lru_cache(maxsize=65536)
def _term_slug(kind: str, shown: str, name: str, subs: tuple, preserve_case: bool, use_unicode: bool) -> str:
    """Pelican's slug of the term's shown name, or `<kind>-<hash of the name>` when that is empty."""
    from pelican.utils import slugify

    slug = slugify(shown, regex_subs=list(subs), preserve_case=preserve_case, use_unicode=use_unicode)
    if not slug:
        return f"{kind.lower()}-{hashlib.sha256(name.encode('utf-8', 'replace')).hexdigest()[:10]}"
    # "index" names each taxonomy's index page (tags/index.html): a tag "Index" overwrote it, and
    # Pelican stopped the whole build (FileOverwriteFailedError; tests/test_hostile.py pins it).
    if slug == "index":
        return f"index-{kind.lower()}"
    if len(slug) > MAX_TERM_SLUG:
        # A 400-character tag made a file name longer than the file system allows, and Pelican
        # stopped the whole build (OSError: File name too long); the hash keeps long names apart.
        digest = hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:10]
        cut = slug[: MAX_TERM_SLUG - 11]
        return f"{cut.rsplit('-', 1)[0] or cut}-{digest}"
    return slug


def _safe_url(value: Any, allow_relative: bool) -> bool:
    """True for an http(s) URL, or (allow_relative) a path without scheme or host."""
    if not isinstance(value, str):
        return False
    compact = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    if compact.startswith(("http://", "https://")):
        return True
    return allow_relative and not re.match(r"^([a-z][a-z0-9+.-]*:|//|\\)", compact)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _date_text(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def install(readers) -> None:
    for extension in QuietpressReader.file_extensions:
        readers.reader_classes[extension] = QuietpressReader


def replace_markdown_reader() -> None:
    """Keep Pelican from warning on every file that Python-Markdown is missing: ours reads `.md`.

    Pelican files a reader whose library is absent under "disabled" before plugins can claim its
    extensions, and then warns per file; marking it enabled lets our reader take its place.
    """
    from pelican.readers import MarkdownReader

    MarkdownReader.enabled = True
