"""The docs are part of the product: the README shows the commands, `make help` lists every target."""

from __future__ import annotations

import re
import subprocess

from build import ROOT
from quietpress.cli import build_parser


def _phony_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^\.PHONY:(.*?)(?<!\\)\n", text, re.S | re.M).group(1)
    return set(block.replace("\\", " ").split())


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make html" in readme
    assert "make test" in readme


def test_make_help_lists_every_target():
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    for target in _phony_targets():
        assert re.search(rf"make {re.escape(target)}\b", result.stdout), f"make help does not list {target}"


def test_every_cli_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for name, sub in commands.choices.items():
        assert sub.description or sub.format_help(), name
        assert f"quietpress {name}" in readme, f"README does not show `quietpress {name}`"
