"""Stage 4, convert: allowlisted article HTML to Markdown.

Only what the converter understands passes: paragraphs, headings, lists, quotes, code, tables,
figures, links, emphasis, strikethrough (`~~`, which the site's reader enables). Everything else
is reduced to its text, and script-like content is dropped whole. Output is one line per
paragraph (no wrapping), so it is stable: the same input always gives byte-identical Markdown.

Figures are written as a container the site's reader turns back into <figure>:

    ::: figure
    ![alt text](images/ab12cd.jpg)

    Caption text.

    Credit: PHOTOGRAPHER/AGENCY
    :::
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from quietpress.parse import append_text, parse_fragment, unnest_void_elements

DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button", "input",
           "select", "textarea", "svg", "math", "canvas", "head", "title", "meta", "link", "nav", "aside"}
BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
          "ol", "li", "blockquote", "pre", "table", "figure", "hr", "dl", "dt", "dd", "body", "html", "center",
          "details", "summary", "address", "figcaption", "picture", "video", "audio"}
# Elements whose images sit in a line of text rather than between blocks.
RUNNING_TEXT = {"p", "span", "a", "em", "strong", "b", "i", "small", "sup", "sub", "li", "td", "th", "cite", "q"}
SAFE_SCHEMES = {"http", "https", "mailto", "ftp", ""}
TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_hs.*|ref_src|cmpid|ocid|smid)$", re.I)
CREDIT_PREFIX = "Credit: "
# A caption's paragraph the page labels "Credit:" is the figure's credit, as one of class "credit" is.
PAGE_CREDIT_LABEL = re.compile(r"^Credit:\s*")
# A line opening a container (::: figure), inside quotations or not.
CONTAINER_START = re.compile(r"(?:>\s*)*:::")
CAPTION_BLOCKS = ("p", "div", "li", "blockquote", "h2", "h3", "h4", "h5", "h6")
# Characters that would start Markdown syntax inside a line.
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
SCHEME_LIKE = re.compile(r"^[^/?#]*:")
LINK_TEXT_LEAD = re.compile(r"^(?:\s|\\\n)*")
LINK_TEXT_TRAIL = re.compile(r"(?:\s|\\\n)*$")
HARD_BREAKS_AT_ENDS = re.compile(r"^(?:\s*\\\n)+|(?:\\\n\s*)+$")
LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+=:-]|\d+[.)]|~~~|```)")
# Compiled here, not passed as text to re.sub: the converter squashes every text piece of a body,
# and the module's cache look-up cost about as much as the substitution itself.
SPACE_RUNS = re.compile(r"[ \t\n\r\f\v]+")
DOUBLE_SPACES = re.compile(r" {2,}")
BARE_PIPE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class ConvertOptions:
    """How links and images are written: against the page URL, and to local copies where kept."""

    base_url: str | None = None
    image_paths: Mapping[str, str] = field(default_factory=dict)


def html_to_markdown(body_html: str, options: ConvertOptions | None = None) -> str:
    """Return the Markdown for an article body given as HTML.

    >>> html_to_markdown("<p>Hello <em>world</em></p>")
    'Hello *world*\\n'
    """
    options = options or ConvertOptions()
    if not body_html.strip():
        return ""
    root = parse_fragment(body_html)
    unnest_void_elements(root)
    _items_only(root)
    writer = _Writer(options, outline_levels(root))
    blocks = writer.blocks(root)
    text = "\n\n".join(b for b in blocks if b.strip())
    return text + "\n" if text else ""


def escape_text(text: str) -> str:
    """Return text escaped so that Markdown renders it as exactly this text."""
    text = INLINE_SPECIAL.sub(r"\\\1", text)
    text = ENTITY_LIKE.sub("&amp;", text)
    return text


def escape_line_start(text: str) -> str:
    """Return text with every line's start escaped where Markdown would read a block marker.

    Every line, not only the first: after a hard break (`<br>`) a line starting with `#` became a
    heading and one of `---` a setext underline (tests/test_properties.py found both).
    """
    if "\n" in text:
        return "\n".join(_escape_one_line_start(line) for line in text.split("\n"))
    return _escape_one_line_start(text)


def _escape_one_line_start(text: str) -> str:
    match = LINE_START_SPECIAL.match(text)
    if not match:
        return text
    lead, token = match.group(1), match.group(2)
    rest = text[match.end():]
    if token[0].isdigit():
        return lead + token[:-1] + "\\" + token[-1] + rest
    return lead + "\\" + token + rest


def clean_link(href: str | None, base: str | None) -> str | None:
    """Return an absolute link without tracking parameters, or None for unsafe or empty ones."""
    if not href:
        return None
    # Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`).
    href = URL_NOISE.sub("", "".join(href.split()))
    try:
        href = urljoin(base, href) if base else href
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or (not parts.scheme and href.startswith("//")):
        return None
    if not parts.scheme and SCHEME_LIKE.match(href):
        # A scheme hidden by percent-encoding (`jav%09ascript:`) is none to a browser, but such
        # a link leads nowhere either: the text stays, the link goes.
        return None
    if parts.scheme in ("http", "https"):
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
        href = urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
    return href


def _without_directives(url: str) -> str:
    """`{` and `|` open Pelican's link directives (`{attach}../../etc/passwd` copied that file into
    the site); percent-encoded they are the same address to a browser and none to Pelican."""
    return url.replace("{", "%7B").replace("|", "%7C").replace("}", "%7D")


def _destination(url: str) -> str:
    url = _without_directives(url)
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _squash(text: str) -> str:
    return SPACE_RUNS.sub(" ", text)


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def outline_levels(root: etree._Element) -> dict[etree._Element, int]:
    """Map each heading of a body to its level in the article page's outline.

    The page's title is its only h1, so the body's shallowest heading becomes h2, and no heading
    goes more than one level below the one before it: pages start bodies at h3 or skip from h2
    to h4, which leaves holes in the outline screen readers navigate by.
    """
    headings = [h for h in root.iter(*HEADINGS)]
    if not headings:
        return {}
    offset = min(int(h.tag[1]) for h in headings) - 2
    levels: dict[etree._Element, int] = {}
    previous = 1
    for heading in headings:
        level = min(max(2, int(heading.tag[1]) - offset), previous + 1)
        levels[heading] = previous = level
    return levels


class _Writer:
    def __init__(self, options: ConvertOptions, levels: dict[etree._Element, int] | None = None) -> None:
        self.options = options
        self.levels = levels or {}

    # --- blocks ----------------------------------------------------------------------------------
    def blocks(self, element: etree._Element) -> list[str]:
        out: list[str] = []
        inline: list[etree._Element | str] = []
        if element.text:
            inline.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                if child.tail:
                    inline.append(child.tail)
                continue
            tag = child.tag.lower()
            if tag in DROPPED:
                if child.tail:
                    inline.append(child.tail)
                continue
            if tag in BLOCKS or (tag == "img" and self._standalone(child)):
                self._flush(inline, out)
                inline = []
                out.extend(self.block(child))
                if child.tail and child.tail.strip():
                    inline.append(child.tail)
            else:
                inline.append(child)
                if child.tail:
                    inline.append(child.tail)
        self._flush(inline, out)
        return out

    def _standalone(self, img: etree._Element) -> bool:
        """An image is a figure of its own unless it sits inside running text (an icon, a smiley):
        a photo splitting "the vote was <img> final" left the sentence in two paragraphs."""
        parent = img.getparent()
        if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() not in RUNNING_TEXT:
            return True
        return not _squash(parent.text_content()).strip()

    def _flush(self, inline: list, out: list[str]) -> None:
        text = _trim_breaks(self.inline_list(inline))
        if text:
            out.append(escape_line_start(text))

    def block(self, el: etree._Element) -> list[str]:
        tag = el.tag.lower()
        if tag in HEADINGS:
            level = self.levels.get(el, max(2, int(tag[1])))
            # A heading is one line: a hard break inside would end it and start a paragraph, and
            # blocks inside (a list, a table's cells) would run together.
            _space_blocks(el)
            text = self.inline(el).replace("\\\n", " ").strip()
            if text.endswith("#") and not text.endswith("\\#"):
                text = text[:-1] + "\\#"  # a closing sequence of #s is not heading text
            return [f"{'#' * level} {text}"] if text else []
        if tag in ("ul", "ol"):
            return [self.list_block(el, ordered=tag == "ol")]
        if tag == "blockquote":
            inner = self.blocks(el)
            return ["\n>\n".join(_quote(b) for b in inner)] if inner else []
        if tag == "pre":
            return [self.code_block(el)]
        if tag == "table":
            if not _own_rows(el):
                # No rows, no table to draw: what it holds (paragraphs a page set straight in it) is written as blocks.
                return self.blocks(el)
            if el.find(".//pre") is not None:
                # A Markdown table cell is one line: a table holding a listing is read cell by cell.
                return [block for row in _own_rows(el) for cell in row if isinstance(cell.tag, str)
                        and cell.tag.lower() in ("td", "th") for block in self.blocks(cell)]
            return [self.table(el)]
        if tag == "figure":
            return self.figure(el)
        if tag == "img":
            return self.figure_from_parts(el, None, None)
        if tag == "hr":
            return ["* * *"]
        if tag in ("picture", "video", "audio"):
            img = el.find(".//img")
            return self.figure_from_parts(img, None, None) if img is not None else self.embed_link(el)
        return self.blocks(el)

    def list_block(self, el: etree._Element, ordered: bool) -> str:
        items = []
        number = int(el.get("start") or 1) if (el.get("start") or "1").isdigit() else 1
        for li in el:
            if not isinstance(li.tag, str) or li.tag.lower() != "li":
                continue
            inner = [block for block in self.blocks(li) if block.strip()]  # an empty nested list writes ""
            if not inner:
                continue  # an empty item shows nothing; nested, its markers alone ("- - -") make a rule
            marker = f"{number}." if ordered else "-"
            number += 1
            pad = " " * (len(marker) + 1)
            body = inner[0]
            for block in inner[1:]:
                tight = block.startswith(("- ", "1. ")) or re.match(r"\d+\. ", block)
                body += ("\n" if tight else "\n\n") + block
            lines = body.split("\n")
            # A container (::: figure) is only read as one at the start of a line (a quotation's
            # too): the item opens empty.
            first = "\n" + pad + lines[0] if CONTAINER_START.match(lines[0]) else " " + lines[0]
            text = marker + first + "".join("\n" + (pad + l if l else "") for l in lines[1:])
            items.append(text.rstrip())
        loose = any("\n\n" in i for i in items)
        return ("\n\n" if loose else "\n").join(items)

    def code_block(self, el: etree._Element) -> str:
        code = el.text_content().rstrip("\n")
        fence = "```"
        while fence in code:
            fence += "`"
        return f"{fence}\n{code}\n{fence}"

    def table(self, el: etree._Element) -> str:
        rows = []
        # A cell is one line of Markdown: its paragraphs (a list's items) must not run together.
        _space_blocks(el)
        for tr in _own_rows(el):
            # A pipe left bare by the inline writer is in a code span: a table's row is split at
            # every bare pipe, code spans included, so there it is escaped too.
            cells = [BARE_PIPE.sub(r"\\|", DOUBLE_SPACES.sub(" ", _trim_breaks(self.inline(c)).replace("\\\n", " "))) or " "
                     for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            if cells:
                rows.append(cells)
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        rows = [r + [" "] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)

    def figure(self, el: etree._Element) -> list[str]:
        img = el.find(".//img")
        caption_el = el.find(".//figcaption")
        credit = None
        caption = None
        if caption_el is not None:
            credit_el = None
            for candidate in caption_el.iter():
                if candidate is not caption_el and isinstance(candidate.tag, str) and _is_credit(candidate):
                    credit_el = candidate
                    break
            if credit_el is not None:
                credit = PAGE_CREDIT_LABEL.sub("", _squash(credit_el.text_content()).strip())
                tail = credit_el.tail
                credit_el.drop_tree() if tail is None else _drop_keep_tail(credit_el)
            # The caption is one paragraph of Markdown: its own paragraphs must not run together.
            _space_blocks(caption_el)
            caption = DOUBLE_SPACES.sub(" ", _trim_breaks(self.inline(caption_el)).strip())
        if img is None and not caption and not credit:
            return self.embed_link(el)
        return self.figure_from_parts(img, caption or None, credit or None)

    def figure_from_parts(self, img: etree._Element | None, caption: str | None, credit: str | None) -> list[str]:
        parts = []
        if img is not None:
            src = self._image_src(img)
            if src:
                alt = escape_text(_squash(img.get("alt") or "").strip())
                parts.append(f"![{alt}]({_destination(src)})")
        if caption:
            parts.append(escape_line_start(caption))
        if credit:
            parts.append(CREDIT_PREFIX + escape_text(credit))
        if not parts:
            return []
        return ["::: figure\n" + "\n\n".join(parts) + "\n:::"]

    def embed_link(self, el: etree._Element) -> list[str]:
        """Embeds (video, social posts) become a link with their text, never markup."""
        text = _squash(el.text_content()).strip()
        link = None
        for a in el.iter("a", "iframe", "video", "source"):
            link = clean_link(a.get("href") or a.get("src"), self.options.base_url)
            if link:
                break
        if link and text:
            return [f"[{escape_text(text)}]({_destination(link)})"]
        if link:
            return [f"<{_without_directives(link)}>" if not re.search(r"[\s<>]", link) else f"[{escape_text(link)}]({_destination(link)})"]
        return [escape_line_start(escape_text(text))] if text else []

    def _image_src(self, img: etree._Element) -> str | None:
        src = img.get("src") or ""
        if not src or src.startswith("data:") and src not in self.options.image_paths:
            src = img.get("data-src") or img.get("data-original") or (img.get("srcset") or "").split(" ")[0] or src
        if src in self.options.image_paths:
            return self.options.image_paths[src]
        if src.startswith("data:"):
            return None
        absolute = clean_link(src, self.options.base_url)
        if absolute in self.options.image_paths:
            return self.options.image_paths[absolute]
        # A relative source the capture holds no bytes for, on a page without a URL, would be a
        # broken image in the archive (and mailto: is no image): the caption stays, the image goes.
        return absolute if absolute and absolute.startswith(("http://", "https://")) else None

    # --- inline ----------------------------------------------------------------------------------
    def inline(self, el: etree._Element) -> str:
        return place_emphasis(self.inline_pieces(el))

    def inline_pieces(self, el: etree._Element) -> list[str | _Emphasis]:
        parts: list[etree._Element | str] = []
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                parts.append(child)
            if child.tail:
                parts.append(child.tail)
        return self.written_pieces(parts)

    def inline_list(self, parts: list) -> str:
        return DOUBLE_SPACES.sub(" ", place_emphasis(self.written_pieces(parts)))

    def written_pieces(self, parts: list) -> list[str | _Emphasis]:
        return [escape_text(_squash(part)) if isinstance(part, str) else self.inline_element(part) for part in parts]

    def inline_element(self, el: etree._Element) -> str | _Emphasis:
        tag = el.tag.lower()
        if tag in DROPPED:
            return ""
        if tag == "br":
            return "\\\n"
        # Emphasis inside the same emphasis says nothing more, and its marks would end the outer's.
        if tag in EMPHASIS and not _inside(el, EMPHASIS):
            return _Emphasis("*", self.inline_pieces(el))
        if tag in STRONG and not _inside(el, STRONG):
            return _Emphasis("**", self.inline_pieces(el))
        if tag in STRUCK and not _inside(el, STRUCK):
            return _Emphasis("~~", self.inline_pieces(el))
        inner = self.inline(el)
        if tag == "code":
            code = _squash(el.text_content())
            fence = "`"
            while fence in code:
                fence += "`"
            pad = " " if code.startswith("`") or code.endswith("`") else ""
            return f"{fence}{pad}{code}{pad}{fence}" if code.strip() else ""
        if tag == "a":
            href = clean_link(el.get("href"), self.options.base_url)
            if not href or not _trim_breaks(inner) or href.startswith("#"):
                return inner
            # Spaces at the ends (a no-break space too) stay outside the brackets, as for emphasis.
            # So do hard breaks: one just before `]` left the link unread.
            lead = LINK_TEXT_LEAD.match(inner).group(0)
            trail = LINK_TEXT_TRAIL.search(inner).group(0)
            return f"{lead}[{inner[len(lead): len(inner) - len(trail)]}]({_destination(href)}){trail}"
        if tag == "img":
            return ""
        return inner


EMPHASIS = ("em", "i", "cite")
STRONG = ("strong", "b")
STRUCK = ("del", "s", "strike")


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(isinstance(a.tag, str) and a.tag.lower() in tags for a in element.iterancestors())


@dataclass
class _Emphasis:
    """Emphasis waiting for its neighbours: whether `*` opens and closes depends on the characters
    on either side (CommonMark's flanking rules), known only once the whole line is written."""

    mark: str
    pieces: list

    @property
    def inner(self) -> str:
        """The content written for a place between marks (a mark, punctuation, on either side)."""
        return place_emphasis(self.pieces)


# Punctuation that may move from inside emphasis to outside it without changing what it means in
# Markdown (not brackets, parentheses, backslashes, backticks or emphasis marks of its own, nor the
# "&" that starts an escaped "&amp;").
MOVABLE_PUNCTUATION = re.compile(r"[^\w\s\\\[\]()`*_~<>!&]")


def place_emphasis(pieces: list[str | _Emphasis], before: str = "", after: str = "") -> str:
    """Join written inline pieces, writing each emphasis so that a CommonMark reader sees it.

    `**Note:**The` does not close (a closing run after punctuation must be followed by a space or
    punctuation), and `*.*` between two words does not open: the reader then shows the asterisks.
    Punctuation at the ends moves outside the marks (`**Note**:The`, the same text); emphasis of
    punctuation alone is dropped; two runs of the same emphasis side by side are one. `before`
    and `after` are the characters around the pieces ("" at a line's ends).
    """
    merged: list[str | _Emphasis] = []
    for piece in pieces:
        if isinstance(piece, _Emphasis) and merged and isinstance(merged[-1], _Emphasis) \
                and merged[-1].mark == piece.mark:
            merged[-1] = _Emphasis(piece.mark, merged[-1].pieces + piece.pieces)
        else:
            merged.append(piece)
    out = ""
    for index, piece in enumerate(merged):
        written = piece if isinstance(piece, str) else _wrap_between(piece, merged[index + 1:], out or before, after)
        # "!" and a link would read as an image; so would "!" and an emphasis written without marks.
        if written.startswith("[") and out.endswith("!") and not out.endswith("\\!"):
            out = out[:-1] + "\\!"
        # Two code spans side by side would make one run of backticks, closing neither.
        if written.startswith("`") and out.endswith("`") and not out.endswith("\\`"):
            out += " "
        out += written
    return out


def _wrap_between(emphasis: _Emphasis, following: list[str | _Emphasis], written_before: str, after: str) -> str:
    """Write one emphasis of a line, given what is written before it and the pieces after it."""
    # A piece written as nothing (an empty link) does not stand between the marks and the next word.
    following = [piece for piece in following if piece != ""]
    next_piece = following[0] if following else after
    # Marks of two emphases side by side would fuse into one run (`*a.***b**`): the first is
    # written as if a letter stood after it (punctuation at the seam moves out between), and
    # the second, if a mark still stands before it, without marks of its own.
    if isinstance(next_piece, _Emphasis):
        right = " " if next_piece.inner[:1].isspace() else "a"
    else:
        right = next_piece[:1]
    return _wrap(emphasis, written_before[-1:], right)


def _wrap(emphasis: _Emphasis, before: str, after: str) -> str:
    """Write one emphasis between the characters `before` and `after` ("" at a line's ends)."""
    text, mark = emphasis.inner, emphasis.mark
    if before == mark[0] and not text[:1].isspace():
        return place_emphasis(emphasis.pieces, before, after)
    stripped = text
    # Moved out: spaces (never just inside a mark), and punctuation that keeps a mark from
    # opening or closing (`**Note:**The` becomes `**Note**:The`).
    opening = ""
    while stripped and (stripped[0].isspace() or not _opens(before, stripped[0])
                        and MOVABLE_PUNCTUATION.match(stripped[0])):
        before, stripped = stripped[0], stripped[1:]
        opening += before
    if stripped.startswith("\\\n"):  # a hard break at the start goes out whole, and what follows
        rest = _after_leading_break(emphasis.pieces, opening)
        return opening + "\\\n" + _wrap(_Emphasis(mark, rest or [stripped[2:]]), "\n", after)
    closing = ""
    while stripped and (stripped[-1].isspace() or not _closes(stripped[-1], after)
                        and MOVABLE_PUNCTUATION.match(stripped[-1])):
        after, stripped = stripped[-1], stripped[:-1]
        closing = after + closing
        if after == "\n" and stripped.endswith("\\"):  # a hard break goes out whole
            stripped, closing = stripped[:-1], "\\" + closing
    if not any(c.isalnum() for c in stripped) or not _opens(before, stripped[0]) or not _closes(stripped[-1], after):
        # Without marks, what was inside stands beside the words around: written again for them.
        return place_emphasis(emphasis.pieces, before, after)
    return f"{opening}{mark}{stripped}{mark}{closing}"


def _after_leading_break(pieces: list[str | _Emphasis], moved: str = "") -> list[str | _Emphasis] | None:
    """The pieces after the hard break their text starts with (after `moved`, the text moved out
    before the marks), or None when it is not a piece's own.

    Kept as pieces, an emphasis inside (`<em><br><strong>Note.</strong></em>Note`, or
    `<del>.<br><em>Note</em></del>`) is still written for the characters around it, not as text
    already marked for the line's end."""
    for index, piece in enumerate(pieces):
        if not isinstance(piece, str):
            if piece.inner.strip():
                return None
            piece = piece.inner  # an emphasis of spaces alone is written as its spaces, without marks
        taken = min(len(moved), len(piece))
        if piece[:taken] != moved[:taken]:
            return None
        head, moved = piece[taken:], moved[taken:]
        if moved:
            continue
        head = head.lstrip()
        if head.startswith("\\\n"):
            return [head[2:], *pieces[index + 1:]]
        if head:
            return None
    return None


def _opens(before: str, first: str) -> bool:
    """True when a mark between these characters only opens (CommonMark: left-flanking, not right):
    a space or the line's start before it, or punctuation before and a letter or digit after.
    A mark that could also close (inside a word, between punctuation) pairs with the wrong one."""
    return not first.isspace() and (not before or before.isspace() or not before.isalnum() and first.isalnum())


def _closes(last: str, after: str) -> bool:
    """True when a mark between these characters only closes (the mirror of `_opens`)."""
    return not last.isspace() and (not after or after.isspace() or not after.isalnum() and last.isalnum())


def _items_only(root: etree._Element) -> None:
    """Put what a list holds outside its items into an item, in place: a list written straight in a
    list (`<ul><li>Size</li><ul><li>S</li></ul></ul>`, browsers show it nested under the item before)
    joins that item, as do a paragraph and text between items; before the first item, it opens one.
    A Markdown list holds items only, and the rest would be lost."""
    for listing in list(root.iter("ul", "ol")):
        previous = None
        if (listing.text or "").strip():
            previous = etree.Element("li")
            previous.text, listing.text = listing.text, None
            listing.insert(0, previous)
        for child in list(listing):
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                previous = child
                if (child.tail or "").strip():
                    append_text(child, child.tail)
                    child.tail = None
                continue
            if not isinstance(child.tag, str) and not (child.tail or "").strip():
                continue  # a comment between items
            if previous is None:
                previous = etree.Element("li")
                child.addprevious(previous)
            previous.append(child)  # with its tail


def _space_blocks(element: etree._Element) -> None:
    """Put a space around each block inside an element that Markdown writes as one line (the cells
    of a table inside a table's cell too)."""
    for block in element.iter(*CAPTION_BLOCKS, "td", "th"):
        if block is not element:
            block.text = " " + (block.text or "")
            block.tail = " " + (block.tail or "")


def _is_credit(element: etree._Element) -> bool:
    if "credit" in (element.get("class") or ""):
        return True
    return element.tag in CAPTION_BLOCKS and bool(PAGE_CREDIT_LABEL.match((element.text or "").lstrip()))


def _own_rows(table: etree._Element) -> list[etree._Element]:
    """Return a table's rows, not those of a table inside one of its cells (whose text the cell's
    line already holds)."""
    return [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]


def _trim_breaks(text: str) -> str:
    """Strip whitespace and hard breaks from both ends: a `<br>` ending a paragraph left a lone
    backslash on the page (tests/test_properties.py found it).

    Text without a hard break is only stripped: the pattern, tried at every position of every
    paragraph, took an eighth of the converter's time."""
    if "\\\n" not in text:
        return text.strip()
    return HARD_BREAKS_AT_ENDS.sub("", text).strip()


def _quote(block: str) -> str:
    return "\n".join("> " + line if line else ">" for line in block.split("\n"))


def _drop_keep_tail(el: etree._Element) -> None:
    el.drop_tree()
