"""Starting an archive of one's own, as the README tells a newcomer, on a fresh clone.

The README's "Starting your own archive" commands run one by one in a copy of the repository's
files (what a clone holds, committed into a new git repository), with captures of the test's own
and this test run's virtual environment (no network). The built site must hold those articles
and none of the sample's, and the clone must be left as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build import ROOT
from captures import Page, article_html, png, write_saved_page
from quietpress.errors import QuietpressError
from quietpress.extract.profiles import load_profile, load_profiles
from quietpress.site.archive_folder import archive_settings, create_archive

SITENAME = "Harbour news archive"
OWN = [Page(title="Quay wall repairs begin before the spring tides", url="https://harbour.example/news/quay-wall",
            topic="quay wall"),
       Page(title="Volunteers count seals on the sandbank at dawn", url="https://harbour.example/news/seal-count",
            topic="seal count", author="Mira Holm")]
SAVED = Page(title="Lifeboat crew trains with a new inshore boat", url="https://harbour.example/news/lifeboat",
             topic="lifeboat")


def readme_steps() -> list[str]:
    """The commands of the README's "Starting your own archive" section, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Starting your own archive", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def fresh_clone(target: Path) -> Path:
    """The repository's files as a clone holds them, committed in a new repository at `target`."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: there is no clone to follow the README on")
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)  # times kept: the environment's stamp stays newer
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "fresh clone"]):
        subprocess.run([*git, *command], cwd=target, check=True, capture_output=True)
    return target


def own_captures(folder: Path) -> None:
    folder.mkdir(parents=True)
    for n, page in enumerate(OWN):
        (folder / f"page-{n}.html").write_text(article_html(page), encoding="utf-8")
    write_saved_page(folder, "lifeboat", SAVED, png((20, 90, 160), 8))


def sample_titles() -> list[str]:
    return [yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["title"]
            for path in sorted((ROOT / "content" / "articles").rglob("*.md"))]


def test_readme_steps_build_an_archive_of_ones_own_without_the_sample(tmp_path):
    if shutil.which("git") is None or shutil.which("make") is None:
        pytest.skip("git and make are needed to follow the README")
    clone, home = fresh_clone(tmp_path / "clone"), tmp_path / "home"
    own_captures(home / "captures")
    venv = Path(sys.executable).parent.parent
    env = {**os.environ, "HOME": str(home), "VENV": str(venv), "TZ": "UTC", "LC_ALL": "C.UTF-8",
           # Never reinstall into the environment running the tests (it is the checkout's, editable):
           # the clone's files are newer than its stamp, so the stamp is made to depend on nothing.
           "VENV_INPUTS": "", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("ARCHIVE", None)
    env.pop("QUIETPRESS_ARCHIVE", None)
    steps = readme_steps()
    assert any(step.startswith("make archive") for step in steps) and any(s.startswith("make html") for s in steps)
    # Run as one script, as a person pastes the block: an `export` holds for the lines after it.
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", "\n".join(steps)], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    archive = home / "news-archive"
    output = archive / "output"
    pages = {p: p.read_text(encoding="utf-8") for p in output.rglob("*.html")}
    articles = [text for path, text in pages.items() if "articles" in path.relative_to(output).parts]
    assert len(articles) == len(OWN) + 1
    everything = "\n".join(pages.values())
    for page in [*OWN, SAVED]:
        assert page.title in everything
    assert f"<title>{SITENAME}</title>" in pages[output / "index.html"]
    assert not [title for title in sample_titles() if title in everything], "a sample article is in the archive"
    assert any(output.joinpath("images").iterdir()), "the saved page's photo was not archived"
    assert "https://you.github.io/news/" in (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert (archive / "cache").is_dir() and (archive / "content" / "articles").is_dir()
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=clone, capture_output=True, text=True)
    assert status.stdout == "", f"the steps wrote into the clone:\n{status.stdout}"


def test_archive_settings_are_kept_and_checked(tmp_path):
    created = create_archive(tmp_path / "news", "Quay & Harbour: notes")
    assert archive_settings(tmp_path / "news") == {"SITENAME": "Quay & Harbour: notes"}
    again = create_archive(tmp_path / "news", "Another name")
    assert created.written and not again.written
    assert archive_settings(tmp_path / "news")["SITENAME"] == "Quay & Harbour: notes"
    (tmp_path / "news" / "archive.yaml").write_text("OUTPUT_PATH: /elsewhere\n", encoding="utf-8")
    with pytest.raises(QuietpressError, match=r"archive\.yaml: OUTPUT_PATH is set by the archive's layout"):
        archive_settings(tmp_path / "news")
    (tmp_path / "news" / "archive.yaml").write_text("sitename: lower case\n", encoding="utf-8")
    with pytest.raises(QuietpressError, match="not a Pelican setting"):
        archive_settings(tmp_path / "news")


def test_the_shipped_example_profile_loads_and_maps_its_site():
    profile = load_profile(ROOT / "sites" / "example-gazette.yaml")
    assert profile.domains == ("gazette.example",) and profile.name == "The Example Gazette"
    assert profile.sections == {"US News": "National"} and profile.authors == {"J. Doe": "Jane Doe"}
    assert profile.clutter_lines[0].match("Listen to this article")
    found = load_profiles(ROOT / "sites").for_page("https://www.gazette.example/us/2025/story")
    assert found is not None and found.path.endswith("example-gazette.yaml")
    # The README shows the same profile.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "# sites/example-gazette.yaml" in readme


@pytest.mark.parametrize("given, folder", [("~/My news", "{home}/My news"), ("/srv/Local papers", "/srv/Local papers"),
                                           ("rel dir/news", "{root}/rel dir/news")])
def test_an_archive_folder_with_spaces_stays_one_folder(given, folder):
    if shutil.which("make") is None:
        pytest.skip("make is needed")
    folder = folder.format(home=os.environ.get("HOME", ""), root=ROOT)
    env = {k: v for k, v in os.environ.items() if k not in ("ARCHIVE", "QUIETPRESS_ARCHIVE", "MAKEFLAGS")}
    planned = subprocess.run(["make", "-n", "import", "html", f"ARCHIVE={given}"], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True).stdout
    assert f'import "{folder}/captures" --into "{folder}/content"' in planned, planned
    assert f'"{folder}/content" -o "{folder}/output"' in planned, planned
