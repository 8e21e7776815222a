"""Fuzzing the importer: mutated and generated pages through decode, parse, extract and convert.

Whatever the bytes, a capture either becomes an article whose file reads back and renders with
nothing active, or fails with one of our typed errors (QuietpressError): never another exception,
never a hang. `make test` runs a few seconds; `make fuzz` runs QUIETPRESS_FUZZ_SECONDS (300 by
default there). QUIETPRESS_FUZZ_SEED picks the run; a failing input is saved and its path shown.
"""

from __future__ import annotations

import html
import os
import random
import signal
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import CORPUS
from quietpress.errors import QuietpressError
from quietpress.extract.profiles import Profiles
from quietpress.frontmatter import split_front_matter
from quietpress.model import Capture, CaptureKind
from quietpress.pipeline import prepare_capture
from quietpress.site.reader import render_markdown
from safety import findings_in_html
from test_properties import hostile_markup

BUDGET_SECONDS = float(os.environ.get("QUIETPRESS_FUZZ_SECONDS", "4"))
SEED = int(os.environ.get("QUIETPRESS_FUZZ_SEED", "8"))
# One input taking longer than this is a hang: the slowest real page takes well under a second.
HANG_SECONDS = 30
SNIPPETS = [
    b"<script>alert('QP-fuzz')</script>", b"<img src=x onerror=alert('QP-fuzz')>", b"<a href='javascript:alert(1)'>x</a>",
    b"<iframe src=//evil>", b"<svg onload=alert(1)>", b"<embed src=x>", b"<source src=x>", b"<wbr>", b"</p>", b"<p>",
    b"<table><tr><td>", b"</table>", b"<figure><img src='data:image/png;base64,iVBORw0KGgo='><figcaption>",
    b"&#0;", b"&#xD800;", b"&#150;", b"&#14;", b"&#x110000;", b"&#99999999999;", b"\x00", b"\x1b", b"\xff\xfe",
    b"\xef\xbb\xbf", b"\xc3", b"\xe2\x80", b"<![CDATA[", b"<!--", b"-->", b"<?xml ?>", b"<meta charset='utf-7'>",
    b"<meta charset='utf-16'>", b"<meta http-equiv='refresh' content='0;url=javascript:x'>", b"<base href=//evil>",
    b"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", b"<noscript><p title='</noscript><img src=x>'>",
    b"\n---\n", b"\n...\n", b"# ", b"- ", b"1. ", b"> ", b"```", b"::: figure", b"[^1]", b"<h1>", b"</h1>",
    b"<title>", b"</title>", b"<article>", b"</article>", b"<br>", b"<pre>", b"<code>", b"<blockquote>",
    b"<ul><li>", b"<ol start='-5'><li>", b"<ol start='99999999999999999999'><li>", b"\xe2\x80\xa8", b"\xc2\x85",
    b"<script type='application/ld+json'>" + b"[" * 5000 + b"</script>", b"<meta property='article:tag' content='index'>",
    b"<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"<script>\", \"author\": [[[{}]]]}</script>",
    b"<meta name='author' content='" + b"x " * 300 + b"'>", b"<html lang='\" onload=x'>", b"<link rel=canonical href=javascript:x>",
]


def seeds() -> list[bytes]:
    pages = [p.read_bytes() for case in sorted(CORPUS.iterdir()) if case.is_dir()
             for p in sorted(case.iterdir()) if p.suffix == ".html" and p.stat().st_size < 300_000]
    return pages or [b"<html><body><article><h1>T</h1><p>Text of an article.</p></article></body></html>"]


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """Return the bytes changed by one to four random edits: insertions, deletions, copies, flips."""
    data = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        where = rnd.randrange(len(data) + 1)
        choice = rnd.randrange(8)
        if choice == 0 and data:
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        elif choice == 1:
            data[where:where] = rnd.choice(SNIPPETS) * rnd.choice((1, 1, 1, 3, 50))
        elif choice == 2 and data:
            end = min(len(data), where + rnd.randint(1, 2000))
            del data[where:end]
        elif choice == 3 and data:
            end = min(len(data), where + rnd.randint(1, 500))
            data[where:where] = data[where:end] * rnd.randint(2, 5)
        elif choice == 4:
            depth = rnd.randint(10, 400)
            tag = rnd.choice((b"div", b"b", b"blockquote", b"ul><li", b"table><tr><td", b"span", b"a href=x"))
            data[where:where] = b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth
        elif choice == 5:
            del data[where:]
        elif choice == 6:
            data[where:where] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 40)))
        else:
            data[where:where] = html.escape(rnd.choice(("<script>", "a & b", "\"quoted\"", "𝔘𝔫𝔦"))).encode()
    return bytes(data)


def check_capture(payload: bytes, kind: CaptureKind = CaptureKind.HTML, charset: str | None = None) -> None:
    """Run one capture through the importer and the site reader; fail on anything but our errors."""
    capture = Capture(source="fuzz.html", path=Path("fuzz.html"), kind=kind, payload=payload, sha256="0" * 64,
                      charset=charset)
    try:
        prepared = prepare_capture(capture, Profiles.empty())
    except QuietpressError:
        return
    text = prepared.data.decode("utf-8")
    front, _, _ = split_front_matter(text, "fuzz.md")
    assert isinstance(front.get("title"), str) and front["title"].strip(), front
    _, body, block = render_markdown(text)
    assert block is not None
    assert findings_in_html(body, "fuzz") == []


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"one input took more than {HANG_SECONDS} s")


def test_mutated_pages_never_raise_anything_but_our_errors(tmp_path_factory):
    rnd = random.Random(SEED)
    corpus = seeds()
    deadline = time.monotonic() + BUDGET_SECONDS
    previous = signal.signal(signal.SIGALRM, _alarm)
    runs = 0
    try:
        while runs == 0 or time.monotonic() < deadline:
            data = mutate(rnd.choice(corpus), rnd)
            kind = CaptureKind.TEXT if rnd.random() < 0.15 else CaptureKind.HTML
            charset = rnd.choice((None, None, None, "utf-8", "iso-8859-1", "shift_jis", "utf-16", "bogus"))
            signal.alarm(HANG_SECONDS)
            try:
                check_capture(data, kind, charset)
            except BaseException as error:
                saved = tmp_path_factory.mktemp("fuzz-failure") / "input.bin"
                saved.write_bytes(data)
                pytest.fail(f"run {runs} (seed {SEED}, kind {kind.value}, charset {charset}): "
                            f"{type(error).__name__}: {error}; input saved to {saved}")
            finally:
                signal.alarm(0)
            runs += 1
    finally:
        signal.signal(signal.SIGALRM, previous)
    print(f"{runs} mutated inputs in {BUDGET_SECONDS:.0f} s (seed {SEED})")
    assert runs >= 1


@settings(max_examples=max(10, int(BUDGET_SECONDS * 4)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.text(max_size=60), hostile_markup(), st.sampled_from(["", "<article>", "<main><div>"]))
def test_generated_pages_never_raise_anything_but_our_errors(title, markup, wrapper):
    paragraph = "<p>" + "The council met on Tuesday to discuss the harbour plan in detail. " * 4 + "</p>"
    page = (f"<html><head><title>{html.escape(title)}</title></head><body>{wrapper}<h1>{html.escape(title)}</h1>"
            f"{paragraph}{markup}{paragraph}</body></html>")
    check_capture(page.encode("utf-8", "surrogatepass"))


def test_json_ld_nested_too_deeply_is_ignored_not_fatal():
    paragraph = "<p>" + "The committee heard evidence from residents and traders for most of the day. " * 4 + "</p>"
    page = ('<html><head><title>Deep data</title><script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000
            + "</script></head><body><article>" + paragraph + "</article></body></html>")
    capture = Capture(source="deep.html", path=Path("deep.html"), kind=CaptureKind.HTML, payload=page.encode(),
                      sha256="0" * 64)
    assert prepare_capture(capture, Profiles.empty()).entry.metadata["title"] == "Deep data"


@pytest.mark.parametrize("url", ["http://[bad/", "https://[::1/x", "http://example.com:99999999/", "http://[x"])
def test_malformed_urls_in_metadata_are_ignored_not_fatal(url):
    paragraph = "<p>" + "The committee heard evidence from residents and traders for most of the day. " * 4 + "</p>"
    page = (f'<html><head><title>Bad URLs</title><meta property="og:url" content="{url}">'
            f'<meta property="og:site_name" content="{url}"><meta property="og:image" content="{url}">'
            f'<link rel="canonical" href="{url}"></head><body><article>{paragraph}<p><a href="{url}">a link</a>'
            f' and <img src="{url}"> words.</p></article></body></html>')
    capture = Capture(source="bad.html", path=Path("bad.html"), kind=CaptureKind.HTML, payload=page.encode(),
                      sha256="0" * 64)
    assert prepare_capture(capture, Profiles.empty()).entry.metadata["title"] == "Bad URLs"
