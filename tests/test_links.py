"""Link checker over the built sample: every href and src resolves to a file inside output/, with its
fragment id, so the archive works from file:// and under a sub-path (https://user.github.io/repo/)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from sitebuild import PUBLISHED_SITEURL, built

EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        root = lxml.html.parse(str(path)).getroot()
        cache[path] = {e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    return cache[path]


def broken_links(output: Path) -> tuple[list[str], int]:
    """(problems, number of internal links checked) for every page of a built archive."""
    problems, checked, ids = [], 0, {}
    root_dir = output.resolve()
    for page in sorted(output.rglob("*.html")):
        where = page.relative_to(output)
        document = lxml.html.parse(str(page)).getroot()
        for element in document.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                if not value.strip():
                    problems.append(f"{where}: empty {attribute} on <{element.tag}>")
                    continue
                if EXTERNAL.match(value):
                    if element.tag in ("img", "script", "link") and element.get("rel") != "canonical":
                        problems.append(f"{where}: <{element.tag}> loads {value} from elsewhere")
                    continue
                checked += 1
                if value.startswith("/"):
                    problems.append(f"{where}: {value} is absolute (breaks under a sub-path and on file://)")
                    continue
                parts = urlsplit(value)
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
                if root_dir not in target.parents:
                    problems.append(f"{where}: {value} leaves the archive")
                elif target.is_dir() or not target.exists():
                    problems.append(f"{where}: {value} does not resolve to a file")
                elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target, ids):
                    problems.append(f"{where}: {value} has no element with id {parts.fragment!r}")
    return problems, checked


@pytest.mark.parametrize("variant", ["local", "published"])
def test_every_internal_link_resolves_to_a_file_and_fragment(variant):
    output = built(variant).output
    problems, checked = broken_links(output)
    assert checked > 100, "the checker saw too few links to mean anything"
    assert not problems, "\n".join(problems[:30])


def test_links_stay_under_the_sub_path_when_served_from_one():
    output = built("published").output
    base = PUBLISHED_SITEURL + "/"
    for page in sorted(output.rglob("*.html")):
        address = urljoin(base, page.relative_to(output).as_posix())
        document = lxml.html.parse(str(page)).getroot()
        for value in document.xpath("//@href | //@src"):
            if EXTERNAL.match(value):
                continue
            resolved = urljoin(address, value)
            assert resolved.startswith(base), f"{page.relative_to(output)}: {value} -> {resolved}"


def test_checker_catches_a_missing_file_a_missing_fragment_and_an_absolute_link(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html">b</a> <a href="a.html#gone">x</a>'
                                     ' <a href="#here">ok</a> <img src="/logo.png" alt=""></p>')
    problems, checked = broken_links(tmp_path)
    assert checked == 4
    assert len(problems) == 3, problems


def test_search_index_files_named_by_the_manifest_exist():
    output = built("local").output
    manifest = (output / "search" / "manifest.js").read_text(encoding="utf-8")
    data = json.loads(manifest.split(",", 2)[2].rsplit(");", 1)[0])
    for key in data["shards"]:
        assert (output / "search" / "t" / ((key.encode().hex() or "_") + ".js")).exists(), key
    for n in range(data["docs"]):
        chunk = output / "search" / "d" / f"{n // data['docsPerFile']}.js"
        assert f'"{n}":{{' in chunk.read_text(encoding="utf-8"), n
    for kind, values in data["facets"].items():
        for n in range(len(values)):
            assert (output / "search" / "f" / f"{kind}-{n}.js").exists(), (kind, n)
