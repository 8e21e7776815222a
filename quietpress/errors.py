"""Typed errors. Each names the file it concerns so the CLI can print an actionable line."""

from __future__ import annotations


class QuietpressError(Exception):
    """Base error: `<path>: <what failed>: <what was done>`."""

    def __init__(self, path: str, problem: str, action: str = "skipped") -> None:
        self.path = path
        self.problem = problem
        self.action = action
        super().__init__(f"{path}: {problem}: {action}")


class CaptureError(QuietpressError):
    """A capture could not be read or decoded."""


class ExtractionError(QuietpressError):
    """No article could be taken out of a capture."""


class ProfileError(QuietpressError):
    """A site profile is malformed; raised at start-up, never ignored."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem, "fix the profile or remove it")


class FrontMatterError(QuietpressError):
    """A Markdown file's front matter cannot be read."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(where, problem, "article left out of the build")
