"""The `quietpress` command: options, summary lines, exit status, interruption."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from captures import ROOT, Page, article_html, articles, run_import, write_jsonl
from quietpress.cli import build_parser, main

BRIDGE = Page("Council approves the new bridge plan", "https://news.example.org/2024/05/bridge")


def test_every_command_has_help_text():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0]  # argparse keeps sub-commands here
    for name, sub in commands.choices.items():
        assert sub.description, name
        for action in sub._actions:
            assert action.help, f"{name} {action.dest}"


@pytest.mark.parametrize("bad", ["0/2", "3/2", "a/b", "2"])
def test_shard_must_be_k_of_n(bad, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["import", "src", "--shard", bad])
    assert "K/N" in capsys.readouterr().err


def test_field_option_names_export_fields():
    args = build_parser().parse_args(["import", "src", "--field", "html=body", "--field", "url=link"])
    assert dict(args.field) == {"html": "body", "url": "link"}
    with pytest.raises(SystemExit):
        build_parser().parse_args(["import", "src", "--field", "colour=red"])


def test_summary_counts_and_one_line_per_failure_naming_file_and_reason(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.html").write_text(article_html(BRIDGE), encoding="utf-8")
    (src / "empty.html").write_text("   ", encoding="utf-8")
    write_jsonl(src / "export.jsonl", [{"link": "https://x.example/1", "page": article_html(BRIDGE)}])
    result = run_import(src, tmp_path / "content", "--field", "html=page", "--field", "url=link")
    assert result.returncode == 1
    assert "1 imported, 0 updated, 0 unchanged, 1 duplicate, 0 kept, 1 failed" in result.stdout
    assert "  empty.html: empty file: skipped" in result.stderr


def test_exit_status_zero_when_nothing_failed_and_kept_files_are_named(tmp_path):
    src, content = tmp_path / "src", tmp_path / "content"
    src.mkdir()
    (src / "good.html").write_text(article_html(BRIDGE), encoding="utf-8")
    assert run_import(src, content).returncode == 0
    path = articles(content)[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    again = run_import(src, content)
    assert again.returncode == 0
    assert f"kept {path.relative_to(content).as_posix()}: edited since it was written; use --force" in again.stdout


def test_thousands_of_failures_for_one_reason_are_one_line(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(40):
        (src / f"blank-{n:02d}.html").write_text(" ", encoding="utf-8")
    status = main(["import", str(src), "--into", str(tmp_path / "content"), "--quiet", "--jobs", "1"])
    err = capsys.readouterr().err
    assert status == 1
    assert "40 captures failed: empty file: skipped (first: blank-00.html)" in err
    assert err.count("\n") == 1


def test_missing_source_is_reported_without_a_traceback(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nowhere"), "--into", str(tmp_path / "content")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_sigterm_stops_the_import_cleanly(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(200):
        page = Page(f"Notes {n}", f"https://news.example.org/n/{n}", topic=f"item {n}")
        (src / f"n{n:03d}.html").write_text(article_html(page), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "quietpress", "import", str(src), "--into", str(tmp_path / "c"),
                                "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The content folder appears once the command has parsed its arguments and set its handlers.
    deadline = time.monotonic() + 60
    while not (tmp_path / "c").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not list((tmp_path / "c").rglob(".tmp-*"))
