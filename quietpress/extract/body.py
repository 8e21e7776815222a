"""The article body of an HTML page, as allowlisted HTML (the contract of `quietpress.markdown`).

One parse, then four steps on that tree:
1. prune what a reader never sees or never reads as the article (hidden copies, scripts, forms,
   furniture-named blocks with little text), turn embeds into links, and join a body split into
   sibling containers;
2. find the main content with trafilatura's fast extractor on the pruned tree, falling back to its
   full cascade only when the fast result looks like a menu or is too short;
3. rebuild that result as allowlisted HTML, putting back figure captions and credits the
   extractor does not keep;
4. drop what the extractor kept but is not body: the headline and standfirst repeated, tag lists,
   sharing and newsletter lines, moderation notices, trailing link lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from quietpress.extract import boilerplate as rules
from quietpress.extract.dates import MONTHS, parse_date
from quietpress.extract.figures import FigureIndex, collect_figures


@dataclass(frozen=True)
class BodyHints:
    """What the metadata already says, so the body does not repeat it."""

    title: str | None = None
    summary: str | None = None
    url: str | None = None
    # The text JSON-LD gives as articleBody: used when the markup holds no body (script-rendered).
    text: str | None = None


# Hosts whose iframes are embeds worth a link (video, audio, social posts); other iframes are ads.
EMBED_HOSTS = re.compile(r"(?:^|\.)(?:youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion\.com|twitter\.com|x\.com|"
                         r"instagram\.com|facebook\.com|tiktok\.com|soundcloud\.com|spotify\.com|podcasts\.apple\.com)$", re.I)
VIDEO_HOSTS = re.compile(r"(?:^|\.)(?:youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion\.com)$", re.I)
AUDIO_HOSTS = re.compile(r"(?:^|\.)(?:soundcloud\.com|spotify\.com|podcasts\.apple\.com)$", re.I)
SOCIAL_QUOTE = re.compile(r"(?:^|\s)(?:twitter-tweet|instagram-media|tiktok-embed|fb-post|twitter-video)(?:$|\s)")


def extract_body(root: etree._Element, hints: BodyHints) -> str:
    """Return the main content of a parsed page as allowlisted HTML, or "" when none is found.

    The tree is modified in place (pruned); parse again if the original is needed.
    """
    prune_page(root)
    figures = collect_figures(root)
    body = _main_content(root, fast=True)
    if body is None or not _plausible(body):
        fallback = _main_content(root, fast=False)
        if fallback is not None and (body is None or _text_length(fallback) > _text_length(body)):
            body = fallback
    if body is None or _page_dump(body):
        densest = _densest_block(root)
        body = densest if densest is not None else body
    if (body is None or _text_length(body) < rules.MIN_BODY_CHARS) and hints.text \
            and len(hints.text) > rules.MIN_BODY_CHARS and (body is None or len(hints.text) > _text_length(body)):
        body = _body_from_text(hints.text)
    if body is None:
        return ""
    html = to_allowlisted_html(body, figures)
    clean_body(html, hints, figures)
    if not _text_length(html) and html.find(".//img") is None:
        return ""
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in html)


# --- 1. pruning ----------------------------------------------------------------------------------

@dataclass
class _Marked:
    """Elements of one page sorted by what pruning does with them, found in a single walk."""

    never: list = field(default_factory=list)
    hidden: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    frames: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    furniture: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    hints: list = field(default_factory=list)
    bodies: dict = field(default_factory=dict)


def prune_page(root: etree._Element) -> None:
    """Remove in place what is never article body: hidden, non-text and furniture elements.

    Also joins a body split into same-class containers. One walk over the tree marks the
    elements (one XPath per rule cost about twice as much on the benchmark pages).
    """
    marked = _mark(root)
    for element in marked.never:
        _drop(element)
    for element in marked.hidden:
        if _hidden(element):
            _drop(element)
        else:
            # Visibility is settled: the extractor reads "overflow:hidden" as hidden and would
            # drop a visible image wrapper (Next.js wraps every image in one).
            element.attrib.pop("style", None)
    for element in marked.roles:
        _drop(element)
    for table in marked.tables:
        if _attached(table, root) and _layout_table(table):
            _unwrap_table(table)
    embeds = _embeds_to_links(marked.frames, marked.quotes)
    # ASP.NET pages wrap the whole page in one <form>: only small forms are widgets.
    for element in marked.forms:
        if _attached(element, root) and _small_or_links(element):
            _drop(element)
    for element in marked.furniture:
        if _attached(element, root) and _small_or_links(element) and not _holds(element, embeds):
            _drop(element)
    join_split_bodies(root, marked.bodies)
    if not marked.bodies:
        _mark_body_hint(root, marked.hints)


def _mark_body_hint(root: etree._Element, hints: list) -> None:
    """Mark the body container a page names in its own language ("texte", "inhalt") as schema.org's
    articleBody, which main-content detection looks for first; its own names are English."""
    for element in hints:
        if _attached(element, root) and len(" ".join(element.xpath("string()").split())) > rules.MIN_BODY_CHARS:
            element.set("itemprop", "articleBody")
            return


def _mark(root: etree._Element) -> _Marked:
    marked = _Marked()
    never, furniture_tags, body_tags = rules.NEVER_CONTENT, rules.FURNITURE_TAGS, rules.BODY_TAGS
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in never:
            marked.never.append(element)
            continue
        if tag == "iframe":
            marked.frames.append(element)
            continue
        if tag in rules.AMP_RENAMES:
            # AMP pages write their images and videos as custom elements the extractor ignores.
            element.tag = tag = rules.AMP_RENAMES[tag]
            if tag == "iframe":
                video = element.get("data-videoid")
                if video:
                    element.set("src", f"https://www.youtube.com/embed/{video}")
                marked.frames.append(element)
                continue
        if tag == "form":
            marked.forms.append(element)
        elif tag == "table":
            marked.tables.append(element)
        attrib = element.attrib
        if not attrib:
            continue
        if tag == "img" and "/_next/image" in (attrib.get("src") or ""):
            _unwrap_image_proxy(element)
        if "hidden" in attrib or "aria-hidden" in attrib or "style" in attrib or "type" in attrib:
            marked.hidden.append(element)
        if attrib.get("role") in rules.FURNITURE_ROLES:
            marked.roles.append(element)
            continue
        names = attrib.get("class") or ""
        if tag == "blockquote" and names:
            marked.quotes.append(element)
        if tag in body_tags and (attrib.get("itemprop") == "articleBody" or rules.BODY_CLASS.search(names)):
            marked.bodies.setdefault((tag, names), []).append(element)
            continue
        if tag in body_tags and names and rules.BODY_HINT_CLASS.search(names):
            marked.hints.append(element)
        if tag in furniture_tags and (names or "id" in attrib) and \
                rules.FURNITURE_WORDS.search(f"{names} {attrib.get('id') or ''}"):
            marked.furniture.append(element)
    return marked


def _layout_table(table: etree._Element) -> bool:
    """True for a table used to lay out a page (old CMSs): its cells hold headings and paragraphs.

    Data tables hold short values; read as a data table, a layout table became one huge cell.
    """
    if len(" ".join(table.xpath("string()").split())) < rules.LAYOUT_TABLE_MIN_TEXT:
        return False
    return bool(table.xpath(rules.LAYOUT_TABLE_BLOCKS_XPATH))


def _unwrap_table(table: etree._Element) -> None:
    """Turn a layout table's own rows and cells into plain blocks, leaving nested tables to their own test."""
    for part in table.xpath("./thead|./tbody|./tfoot|./tr|./thead/tr|./tbody/tr|./tfoot/tr|"
                            "./tr/td|./tr/th|./*/tr/td|./*/tr/th"):
        part.tag = "div"
    table.tag = "div"


def _unwrap_image_proxy(img: etree._Element) -> None:
    """Point an image served through Next.js's resizer (`/_next/image?url=...`) at the original."""
    query = parse_qs(urlsplit(img.get("src") or "").query)
    original = (query.get("url") or [""])[0]
    if original:
        img.set("src", original)
        img.attrib.pop("srcset", None)
        img.attrib.pop("srcSet", None)


def _attached(element: etree._Element, root: etree._Element) -> bool:
    """False for an element inside a block already dropped: no need to measure it."""
    return element.getroottree().getroot() is root


def _hidden(element: etree._Element) -> bool:
    if element.tag in ("html", "body") or element.getparent() is None:
        return False
    if element.get("hidden") is not None or element.get("aria-hidden") == "true" or element.get("type") == "hidden":
        return True
    return bool(rules.HIDDEN_STYLE.search(element.get("style") or ""))


def _small_or_links(element: etree._Element) -> bool:
    text = " ".join(element.text_content().split())
    if len(text) < rules.FURNITURE_MAX_TEXT:
        return True
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked > rules.MAX_LINK_DENSITY * len(text)


def _embeds_to_links(frames: list, quotes: list) -> set:
    """Turn video and social embeds into a paragraph with a link and their text; return those blocks.

    Their wrappers are often named "social" or "embed", like sharing bars: the returned blocks
    keep them from being pruned as furniture.
    """
    embeds = set()
    for frame in frames:
        if frame.getparent() is None:
            continue
        src = frame.get("src") or frame.get("data-src") or ""
        host = urlsplit(src if "//" in src else "").hostname or ""
        if not EMBED_HOSTS.search(host):
            _drop(frame)
            continue
        # A label before the link: a paragraph that is only a link reads as navigation to the
        # main-content detection, which drops it.
        paragraph = etree.Element("p")
        paragraph.text = f"{_embed_kind(host)}: "
        link = etree.SubElement(paragraph, "a", href=src)
        link.text = (frame.get("title") or "").strip() or host.removeprefix("www.")
        parent = frame.getparent()
        if parent.tag == "figure" and not parent.xpath("string()").strip() and parent.find(".//img") is None:
            frame = parent
        _replace(frame, paragraph)
        embeds.add(paragraph)
    for quote in quotes:
        if SOCIAL_QUOTE.search(quote.get("class") or ""):
            # A plain quote keeps the post's words; its class would mark it as a widget.
            for name in list(quote.attrib):
                del quote.attrib[name]
            embeds.add(quote)
    for block in embeds:
        _unname_wrappers(block)
    return embeds


def _unname_wrappers(block: etree._Element) -> None:
    """Take furniture-like names ("social-embed") off an embed's close wrappers, which the
    extractor would otherwise drop with the post in them."""
    for wrapper in list(block.iterancestors())[: rules.EMBED_WRAPPER_DEPTH]:
        for name in ("class", "id"):
            if rules.FURNITURE_WORDS.search(wrapper.get(name) or ""):
                del wrapper.attrib[name]


def _holds(element: etree._Element, embeds: set) -> bool:
    return bool(embeds) and any(block in embeds for block in element.iter("p", "blockquote"))


def _embed_kind(host: str) -> str:
    if AUDIO_HOSTS.search(host):
        return "Audio"
    if VIDEO_HOSTS.search(host):
        return "Video"
    return "Post"


def join_split_bodies(root: etree._Element, groups: dict[tuple[str, str], list[etree._Element]]) -> None:
    """Move the parts of a body split into same-class containers into the first one."""
    for parts in groups.values():
        parts = [p for p in parts if _attached(p, root) and not any(other is not p and _contains(other, p) for other in parts)]
        if len(parts) < 2:
            continue
        first = parts[0]
        for part in parts[1:]:
            first.extend(list(part))
            _drop(part)


def _contains(ancestor: etree._Element, element: etree._Element) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


# --- 2. main content -----------------------------------------------------------------------------

def _main_content(root: etree._Element, fast: bool) -> etree._Element | None:
    try:
        document = trafilatura.bare_extraction(
            root, fast=fast, include_comments=False, include_images=True, include_links=True,
            include_formatting=True, include_tables=True, with_metadata=False,
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None
    return document.body if document is not None else None


def _plausible(body: etree._Element) -> bool:
    length = _text_length(body)
    if length < rules.MIN_BODY_CHARS:
        return False
    linked = sum(len(" ".join((ref.xpath("string()") or "").split())) for ref in body.iter("ref", "a"))
    return linked <= rules.MAX_LINK_DENSITY * length


def _page_dump(body: etree._Element) -> bool:
    """True when the extractor gave up and returned the page's text: hundreds of menu-like lines."""
    lines = [line for line in body.xpath("string()").split("\n") if line.strip()]
    short = sum(1 for line in lines if len(line.split()) <= rules.DUMP_LINE_WORDS)
    return len(lines) > rules.DUMP_MIN_LINES and short > rules.DUMP_SHORT_SHARE * len(lines)


def _densest_block(root: etree._Element) -> etree._Element | None:
    """Return, as a body of paragraphs, the element holding the most text of its own.

    For pages that write the article as loose text in a <div> (no <p>), which main-content
    detection does not see as a paragraph.
    """
    best, best_length = None, rules.MIN_BODY_CHARS
    for element in root.iter("div", "td", "section", "article", "main", "font", "center"):
        own = _own_text(element, links=False)
        if len(own) > best_length:
            best, best_length = element, len(own)
    if best is None:
        return None
    body = etree.Element("body")
    for img in best.iterchildren("img"):
        etree.SubElement(body, "graphic", src=img.get("src") or "", alt=img.get("alt") or "")
    for chunk in re.split(r"\n\s*\n", _own_text(best, keep_breaks=True)):
        if chunk.strip():
            etree.SubElement(body, "p").text = " ".join(chunk.split())
    return body


def _body_from_text(text: str) -> etree._Element:
    """Return a body of paragraphs from plain text, one paragraph per line."""
    body = etree.Element("body")
    for line in re.split(r"\s*\n\s*", text):
        if line.strip():
            etree.SubElement(body, "p").text = " ".join(line.split())
    return body


def _own_text(element: etree._Element, keep_breaks: bool = False, links: bool = True) -> str:
    """Return an element's text outside its block children: its text, inline children, tails.

    Without `links`, link text is left out: a tag cloud is all links and no prose.
    """
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in rules.INLINE_TAGS and (links or child.tag != "a"):
            parts.append(child.xpath("string()"))
        elif keep_breaks and child.tag in ("br", "p", "div"):
            parts.append("\n")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split(" ")) if keep_breaks else " ".join("".join(parts).split())


def _text_length(element: etree._Element) -> int:
    return len(" ".join(element.xpath("string()").split()))


# --- 3. allowlisted HTML -------------------------------------------------------------------------

# Set on paragraphs the page names as a standfirst; removed before the body leaves this module.
STANDFIRST_MARK = "data-standfirst"
BLOCK_TAGS = {"p": "p", "quote": "blockquote", "code": "pre", "table": "table", "row": "tr"}
INLINE_RENDS = {"#i": "em", "#b": "strong", "#u": "em", "#t": "code"}


def to_allowlisted_html(body: etree._Element, figures: FigureIndex) -> etree._Element:
    """Return a <div> holding the extractor's body rebuilt with the tags of the Markdown contract.

    Text the extractor left directly in the body becomes paragraphs, so every later rule and the
    Markdown writer see blocks only.
    """
    out = etree.Element("div")
    _convert_children(body, out, figures)
    blocks = etree.Element("div")
    loose: list = []
    for item in [out.text, *[node for child in out for node in (child, child.tail)]]:
        if item is None:
            continue
        if isinstance(item, str) or item.tag in ("a", "em", "strong", "code", "span", "br"):
            loose.append(item)
            continue
        _flush_loose(loose, blocks)
        item.tail = None
        blocks.append(item)
    _flush_loose(loose, blocks)
    return blocks


def _flush_loose(loose: list, blocks: etree._Element) -> None:
    if any(isinstance(i, str) and i.strip() or not isinstance(i, str) for i in loose):
        paragraph = etree.SubElement(blocks, "p")
        for item in loose:
            if isinstance(item, str):
                _append_text(paragraph, item)
            else:
                item.tail = None
                paragraph.append(item)
        if not " ".join(paragraph.xpath("string()").split()):
            blocks.remove(paragraph)
    loose.clear()


def _convert_children(source: etree._Element, target: etree._Element, figures: FigureIndex) -> None:
    _append_text(target, source.text)
    for child in source:
        converted = _convert(child, figures) if isinstance(child.tag, str) else None
        if converted is not None:
            target.append(converted)
            converted.tail = None
        _append_text(target, child.tail)


def _convert(element: etree._Element, figures: FigureIndex) -> etree._Element | None:
    tag = element.tag
    if tag == "graphic":
        if rules.NOT_FIGURE.search(f"{element.get('src') or ''} {element.get('alt') or ''}"):
            return None
        return figures.figure_for(element.get("src") or "", element.get("alt") or "")
    if tag == "list" and _is_gallery(element):
        # A slideshow: each item is an image with its caption (and "more/less" toggles); the
        # captions come back from the figure index, the item's text is dropped.
        gallery = etree.Element("div")
        for graphic in element.iter("graphic"):
            converted = _convert(graphic, figures)
            if converted is not None:
                gallery.append(converted)
        return gallery if len(gallery) else None
    if tag == "head":
        level = (element.get("rend") or "h2").lstrip("h")
        new = etree.Element(f"h{min(6, max(2, int(level) if level.isdigit() else 2))}")
    elif tag == "list":
        new = etree.Element("ol" if element.get("rend") == "ol" else "ul")
    elif tag == "item":
        new = etree.Element("li")
    elif tag == "cell":
        new = etree.Element("th" if element.get("role") == "head" else "td")
    elif tag == "hi":
        new = etree.Element(INLINE_RENDS.get(element.get("rend") or "", "span"))
    elif tag == "ref":
        new = etree.Element("a")
        if element.get("target"):
            new.set("href", element.get("target"))
    elif tag == "lb":
        return etree.Element("br")
    elif tag in BLOCK_TAGS:
        new = etree.Element(BLOCK_TAGS[tag])
        if tag == "p" and rules.STANDFIRST_CLASS.search(element.get("class") or ""):
            new.set(STANDFIRST_MARK, "")
    else:
        new = etree.Element("span")
    _convert_children(element, new, figures)
    if tag == "code":
        code = etree.SubElement(new, "code")
        code.text = new.xpath("string()")
        new.text = None
        for child in list(new)[:-1]:
            new.remove(child)
    return new


def _is_gallery(element: etree._Element) -> bool:
    items = [item for item in element if item.tag == "item"]
    return bool(items) and all(item.find(".//graphic") is not None for item in items)


def _append_text(target: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(target):
        target[-1].tail = (target[-1].tail or "") + text
    else:
        target.text = (target.text or "") + text


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _replace(old: etree._Element, new: etree._Element) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)


# --- 4. cleaning ---------------------------------------------------------------------------------

def clean_body(html: etree._Element, hints: BodyHints, figures: FigureIndex | None = None) -> None:
    """Drop in place the blocks the extractor kept that are not the article's own text."""
    _drop_repeated_head(html, hints)
    _drop_head_datelines(html)
    _drop_caption_copies(html, figures or FigureIndex(), hints)
    for block in list(html):
        if block.tag in ("p", "h2", "h3", "h4", "h5", "h6", "li") and rules.CLUTTER_PARAGRAPH.match(_squash(block)):
            _drop(block)
    _drop_trailing_link_lists(html)
    for marked in html.iter("p"):
        marked.attrib.pop(STANDFIRST_MARK, None)


def _drop_repeated_head(html: etree._Element, hints: BodyHints) -> None:
    """Drop the headline when the body opens by repeating it, and the standfirst right after it.

    Short blocks above the headline (kicker, section link, date line) go with it. The summary
    alone is not enough: many pages use their first paragraph as description, and that paragraph
    is body. A standfirst is only recognised right under a repeated headline.
    """
    title, summary = _words(hints.title), _words(hints.summary)
    blocks = [b for b in list(html)[: rules.HEAD_BLOCKS] if b.tag != "figure"]
    position = next((i for i, b in enumerate(blocks) if _same(_words(_squash(b)), title)), None) if title else None
    if position is None or any(len(_squash(b).split()) > rules.KICKER_MAX_WORDS for b in blocks[:position]):
        return
    for block in blocks[: position + 1]:
        _drop(block)
    following = blocks[position + 1] if position + 1 < len(blocks) else None
    # Only a heading or a paragraph named as a standfirst: a plain first paragraph equal to the
    # description is the lead, which pages copy into their description.
    if following is not None and summary and _same(_words(_squash(following)), summary) and \
            (following.tag in ("h2", "h3", "h4", "h5", "h6") or following.get(STANDFIRST_MARK) is not None):
        _drop(following)


def _drop_head_datelines(html: etree._Element) -> None:
    """Drop date and byline lines left at the top of the body ("Monday, 22 January 2018, 0:13")."""
    for block in list(html)[: rules.HEAD_BLOCKS]:
        if block.tag == "figure":
            continue
        text = _squash(block)
        if len(text.split()) <= rules.DATELINE_MAX_WORDS and (_dateline(text) or rules.BYLINE_LINE.match(text)):
            _drop(block)
        else:
            break


def _dateline(text: str) -> bool:
    """True when a line is a date and nothing else: every word a number, month, weekday or link word."""
    if not parse_date(text):
        return False
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return all(w in MONTHS or w in rules.DATELINE_WORDS for w in words)


def _same(words: str, reference: str) -> bool:
    """True when two word strings are equal, or nearly so for long ones (one cut with "...")."""
    if not words or not reference:
        return False
    if words == reference:
        return True
    shorter, longer = sorted((words, reference), key=len)
    return len(shorter) > 40 and shorter in longer and len(shorter) > 0.9 * len(longer)


def _drop_caption_copies(html: etree._Element, figures: FigureIndex, hints: BodyHints) -> None:
    """Drop paragraphs that repeat a figure's caption or credit, or only give the page's address."""
    known = figures.caption_words()
    page = (hints.url or "").rstrip("/")
    for block in list(html):
        if block.tag not in ("p", "h2", "h3", "h4", "h5", "h6"):
            continue
        text = _squash(block)
        if (known and _words(text) in known) or (page and text.rstrip("/") == page):
            _drop(block)


def _drop_trailing_link_lists(html: etree._Element) -> None:
    """Drop links standing alone at the end of the body: related stories and share rows, not text."""
    while len(html):
        last = html[-1]
        text = _squash(last)
        links = sum(len(_squash(a)) for a in last.iter("a"))
        if last.tag in ("ul", "ol", "p") and text and links > rules.TRAILING_LINK_SHARE * len(text):
            _drop(last)
        elif last.tag in ("h2", "h3", "h4", "h5", "h6"):
            _drop(last)
        elif not text and last.tag not in ("figure", "table"):
            _drop(last)
        else:
            break


def _squash(element: etree._Element) -> str:
    return " ".join(element.xpath("string()").split())


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))
