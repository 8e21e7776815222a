"""Fuzzing the importer and the site: mutated and generated pages through decode, parse, extract and
convert, and whole archives of them, with links among the captures, through import and build.

Whatever the bytes, a capture either becomes an article whose file reads back and renders with
nothing active, no Pelican link directive and no noncharacter, or fails with one of our typed
errors (QuietpressError): never another exception, never a hang. An archive of such pages and of
symbolic links (to the machine's files and folders, loops, dangling) imports and builds with no
traceback, nothing of the machine in content/ or output/, nothing written elsewhere. `make test` runs a few seconds; `make fuzz` runs QUIETPRESS_FUZZ_SECONDS (300 by
default there). QUIETPRESS_FUZZ_SEED picks the run; a failing input is saved and its path shown.
"""

from __future__ import annotations

import html
import os
import random
import re
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
    # Pelican's link directives, where a capture can put them: alt and title text, links, images.
    b"<img src='data:image/png;base64,iVBORw0KGgo=' alt=\"src='{attach}../../../../etc/passwd'\">",
    b"<a href='{static}/../../../etc/passwd' title=\"href='|attach|../../x'\">x</a>", b"{filename}/../../a.md",
    b"<img src='|static|../../../../proc/self/environ'>", b"{tag}x", b"{category}", b"{author}", b"{index}", b"|attach|",
    # Unicode noncharacters (U+FFFF, U+FFFE, U+FDD0, U+10FFFF), never XML.
    b"\xef\xbf\xbf", b"\xef\xbf\xbe", b"\xef\xb7\x90", b"\xf4\x8f\xbf\xbf",
]
# Pelican's pattern for a link directive inside a tag (its default INTRASITE_LINK_REGEX).
PELICAN_DIRECTIVE = re.compile(r"""<[^>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*(["'])[{|]""")
NONCHARACTERS = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0010fffe\U0010ffff]")


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
    assert NONCHARACTERS.search(text) is None
    _, body, block = render_markdown(text)
    assert block is not None
    assert findings_in_html(body, "fuzz") == []
    assert PELICAN_DIRECTIVE.search(body) is None, body


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


# --- whole archives: import and build, with links among the captures ---------------------------
# What a folder of captures from a stranger can hold besides pages: links to files and folders of
# the building machine, to each other, to nothing and to themselves, and saved pages' folders.
LINK_KINDS = ("outside_file", "outside_folder", "files_folder", "loop", "dangling", "inside_file", "nested_folder")
SECRET = b"QP-fuzz-secret: this file is the building machine's own"


def plant_link(captures: Path, outside: Path, kind: str, n: int) -> None:
    """Put one link of the given kind among the captures."""
    name = captures / f"link{n}.html"
    if kind == "outside_file":
        name.symlink_to(outside / "secret.html")
    elif kind == "outside_folder":
        (captures / f"folder{n}").symlink_to(outside, target_is_directory=True)
    elif kind == "files_folder":
        (captures / f"page{n}_files").symlink_to(outside, target_is_directory=True)
    elif kind == "loop":
        name.symlink_to(name)
    elif kind == "dangling":
        name.symlink_to(outside / "nothing.html")
    elif kind == "inside_file":
        name.symlink_to(captures / "page0.html")
    else:
        (captures / f"page{n}_files").mkdir(exist_ok=True)
        (captures / f"page{n}_files" / "deeper").symlink_to(outside, target_is_directory=True)


def build_fuzzed_archive(base: Path, rnd: random.Random, corpus: list[bytes]) -> list[str]:
    """Import mutated pages and planted links into base/content, build base/output; return findings."""
    from build import run_import, run_pelican
    from safety import findings_in_site

    captures, outside = base / "captures", base / "outside"
    captures.mkdir(parents=True)
    (outside / "sub").mkdir(parents=True)
    for place in (outside / "secret.html", outside / "photo.jpg", outside / "sub" / "photo.jpg"):
        place.write_bytes(SECRET if place.suffix != ".jpg" else b"\xff\xd8\xff" + SECRET)
    for n in range(rnd.randint(1, 4)):
        page = mutate(rnd.choice(corpus), rnd)
        (captures / f"page{n}.html").write_bytes(page.replace(b"<img ", b"<img src='page%d_files/photo.jpg' " % n, 1))
    for n in range(rnd.randint(1, 4)):
        plant_link(captures, outside, rnd.choice(LINK_KINDS), n)
    imported = run_import([captures], base / "content", "--jobs", "1")
    found = [f"import: {line}" for line in (imported.stdout + imported.stderr).splitlines() if "Traceback" in line]
    built = run_pelican(base / "content", base / "output") if (base / "content" / "articles").is_dir() else None
    if built is not None and built.returncode != 0:
        found.append(f"build failed: {built.stderr[-2000:]}")
    for folder in (base / "content", base / "output"):
        found += [f"{p}: the machine's own file" for p in folder.rglob("*") if p.is_file() and SECRET in p.read_bytes()]
    if (base / "output").is_dir():
        found += findings_in_site(base / "output")
    unexpected = {p.name for p in base.iterdir()} - {"captures", "outside", "content", "output", "cache"}
    return found + [f"written outside content and output: {sorted(unexpected)}"] * bool(unexpected)


def test_fuzzed_archives_with_links_import_and_build_with_nothing_leaked(tmp_path_factory):
    """Whole archives through `quietpress import` and `pelican`: whatever the pages and links,
    no file of the machine is read into the site, nothing is written outside content/ and output/,
    nothing active is published, and neither command shows a traceback."""
    rnd = random.Random(SEED)
    corpus = seeds()
    deadline = time.monotonic() + BUDGET_SECONDS
    rounds = 0
    while rounds == 0 or time.monotonic() < deadline:
        base = tmp_path_factory.mktemp("fuzz-archive")
        findings = build_fuzzed_archive(base, rnd, corpus)
        assert findings == [], f"round {rounds} (seed {SEED}), archive kept in {base}"
        rounds += 1
    print(f"{rounds} fuzzed archives in {BUDGET_SECONDS:.0f} s (seed {SEED})")
