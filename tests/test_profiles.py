"""Site profiles: found by domain or by the site name a text capture shows, and refused when broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from quietpress.cli import main
from quietpress.errors import ProfileError
from quietpress.extract import extract_article
from quietpress.extract.profiles import load_profile, load_profiles
from quietpress.model import Capture, CaptureKind, Document

DUMP = """\
The Kessel Post
  • Home
  • US News
  • Sport

Home US News

Kessel Street baths to close after 90 years

By A. Brook
May 2, 2025

The council voted on Monday to close the old swimming baths on Kessel Street at the end of the summer season.

Kessel Post Plus: read every story for a pound a week.

Swimmers will be able to use the new leisure centre on the ring road, which opens in September after two years of building work.

© 2025 The Kessel Post
"""

PROFILE = """\
names: [The Kessel Post]
name: Kessel Post
clutter_lines:
  - '^Kessel Post Plus:'
sections:
  US News: National
authors:
  A. Brook: Ada Brook
"""


def extract(dump: str, folder: Path | None, url: str | None = None):
    capture = Capture(source="dump.txt", path=Path("dump.txt"), kind=CaptureKind.TEXT,
                      payload=dump.encode("utf-8"), sha256="0" * 64, url=url)
    return extract_article(Document(capture, dump, "utf-8"), load_profiles(folder))


def write_profile(folder: Path, text: str, name: str = "kessel.yaml") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_without_profile_defaults_apply(tmp_path):
    article = extract(DUMP, None)
    assert article.section == "US News" and article.category is None
    assert article.authors == ("A. Brook",)
    assert article.site == "The Kessel Post"
    assert "Kessel Post Plus: read every story for a pound a week." in article.body_html


def test_profile_found_by_site_name_in_dump_changes_the_outcome(tmp_path):
    write_profile(tmp_path / "sites", PROFILE)
    article = extract(DUMP, tmp_path / "sites")
    assert "Kessel Post Plus" not in article.body_html          # a clutter line removed
    assert "Swimmers will be able" in article.body_html
    assert article.category == "National"                        # a section mapped to a topic
    assert article.authors == ("Ada Brook",)                     # an author alias
    assert article.site == "Kessel Post"                         # the display name


def test_profile_found_by_domain_of_the_capture_url(tmp_path):
    write_profile(tmp_path / "sites", "domains: [kesselpost.example]\nsections:\n  US News: National\n")
    dump = DUMP.replace("The Kessel Post", "Another Paper")
    assert extract(dump, tmp_path / "sites", url="https://www.kesselpost.example/news/1").category == "National"
    assert extract(dump, tmp_path / "sites").section == "US News"


def test_profile_of_another_site_does_not_apply(tmp_path):
    write_profile(tmp_path / "sites", PROFILE.replace("The Kessel Post", "The Ring Road Times").replace("name: Kessel Post", "name: Ring Road Times"))
    article = extract(DUMP, tmp_path / "sites")
    assert article.section == "US News" and article.category is None and "Kessel Post Plus" in article.body_html


def test_site_name_in_a_body_sentence_does_not_pick_the_profile(tmp_path):
    write_profile(tmp_path / "sites", "names: [Ring Road Times]\nsections:\n  US News: National\n")
    dump = DUMP.replace("Swimmers will be able", "As first reported by the Ring Road Times in a long story last spring, swimmers will be able")
    article = extract(dump, tmp_path / "sites")
    assert article.section == "US News" and article.category != "National"


@pytest.mark.parametrize("text, problem", [
    ("names: [Kessel\n  bad: - yaml", "not valid YAML at line 2"),
    ("names: [Kessel Post]\nclutter: ['x']\n", "unknown key 'clutter'"),
    ("names: Kessel Post\nsections: [National]\n", "key 'sections' must map strings to strings"),
    ("names: [Kessel Post]\nclutter_lines: 12\n", "key 'clutter_lines' must be a list of strings"),
    ("names: [Kessel Post]\nclutter_lines: ['(unclosed']\n", "bad regular expression '(unclosed'"),
    ("- just\n- a list\n", "expected a mapping of keys"),
    ("sections:\n  US News: National\n", "names no site"),
])
def test_broken_profile_names_file_and_problem(tmp_path, text, problem):
    path = write_profile(tmp_path, text, "broken.yaml")
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and problem in message


def test_cli_refuses_broken_profile_at_start_with_one_line(tmp_path, capsys):
    sites = tmp_path / "sites"
    write_profile(sites, "names: [Kessel Post]\nclutter_lines: ['(unclosed']\n", "broken.yaml")
    captures = tmp_path / "captures"
    captures.mkdir()
    (captures / "dump.txt").write_text(DUMP, encoding="utf-8")
    status = main(["import", str(captures), "--into", str(tmp_path / "content"), "--sites", str(sites), "--jobs", "1", "--quiet"])
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err.count("\n") == 0 and "broken.yaml" in err and "bad regular expression" in err
    assert not list((tmp_path / "content").rglob("*.md"))
