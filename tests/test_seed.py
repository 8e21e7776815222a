"""The capture the project started from: a text dump of a cluttered WordPress news page."""

from __future__ import annotations

import yaml

from conftest import CORPUS
from golden import import_case

CASE = CORPUS / "text_seed_us_inquirer"


def _imported():
    prepared, text = import_case(CASE)
    front = yaml.safe_load(text.split("---\n")[1])
    body = text.split("---\n", 2)[2].lstrip("\n")
    return front, body


def test_seed_metadata_is_the_articles_own():
    front, _ = _imported()
    assert front["title"] == "Trump eyes asylum agreement with El Salvador to deport migrants there"
    assert front["authors"] == ["Camilo Montoya-Galvez"]
    assert front["date"] == "2025-01-26"
    assert front["category"] == "politics" and front["section"] == "Politics"
    assert front["site"] == "The US Inquirer"
    assert front["captured"] == "2025-06-12"
    assert front["author_bio"].startswith("Camilo Montoya-Galvez is the immigration reporter at CBS News.")
    assert len(front["capture_sha256"]) == 64


def test_seed_body_runs_from_first_to_last_paragraph():
    _, body = _imported()
    assert body.startswith("Washington — The Trump administration is developing")
    assert body.rstrip().endswith("all three accords were suspended once Biden took office.")


def test_seed_figures_keep_caption_and_credit_together():
    _, body = _imported()
    figures = body.split("::: figure")[1:]
    assert len(figures) == 2
    assert "Migrants wait outside the regional office" in figures[0]
    assert "Credit: ALFREDO ESTRELLA/AFP via Getty Images" in figures[0]
    assert "An asylum seeker from El Salvador, Silvia Martinez" in figures[1]
    assert "Credit: Carlos Moreno/NurPhoto via Getty Images" in figures[1]


def test_seed_clutter_is_gone():
    _, body = _imported()
    for clutter in ("RELATED POSTS", "Related Posts", "Reading Time", "Share6Tweet4Share1", "Popular Stories",
                    "Recommended Stories", "Login", "Forgotten Password", "MEXICO-US-MIGRATION", "No Result",
                    "© 2023", "Top diplomat in Ukraine", "Next Post", "camilo-montoya-galvez-bio-2.jpg",
                    "Trump Shuts Down CBP One Asylum App", "PRICING", "SUBSCRIBE"):
        assert clutter not in body, clutter
