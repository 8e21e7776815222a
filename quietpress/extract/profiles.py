"""Site profiles: optional YAML files under `sites/` adding what no general rule can know.

A profile names its site by `domains` and/or `names`, and may give:
  name: display name of the publication
  clutter_lines: regular expressions; a text-capture line matching one is clutter
  clutter_selectors: CSS selectors; matching HTML elements are removed before extraction
  sections: mapping of the site's section names to archive topics
  authors: mapping of byline spellings to the canonical author name

One more file in the same folder, `sections.yaml`, maps section names to topics for every site at
once (`Markets: economy, business and finance`); a site's own profile wins over it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import urlsplit

import yaml

from quietpress.errors import ProfileError
from quietpress.model import Article

# A line naming the site in a text capture is a masthead, a copyright or a footer line: short.
# The longest in the text corpus ("© 2025 Harbour Lights Gazette. Powered by Ghost.") has 8 words.
MAX_NAME_LINE_WORDS = 12
PROFILE_KEYS = {"domains", "names", "name", "clutter_lines", "clutter_selectors", "sections", "authors"}


@dataclass(frozen=True)
class Profile:
    path: str
    domains: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    name: str | None = None
    clutter_lines: tuple[re.Pattern[str], ...] = ()
    clutter_selectors: tuple[str, ...] = ()
    sections: Mapping[str, str] = field(default_factory=dict)
    authors: Mapping[str, str] = field(default_factory=dict)


SECTIONS_FILE = "sections.yaml"


@dataclass(frozen=True)
class Profiles:
    profiles: tuple[Profile, ...] = ()
    # The archive-wide section aliases of sections.yaml, by casefolded section name.
    sections: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> "Profiles":
        return cls(())

    def for_page(self, url: str | None = None, site: str | None = None) -> Profile | None:
        """Return the profile whose domain matches the URL's host or whose name matches the site."""
        host = (urlsplit(url).hostname or "").lower() if url else ""
        for profile in self.profiles:
            if host and any(host == d or host.endswith("." + d) for d in profile.domains):
                return profile
            if site and site.casefold() in {n.casefold() for n in (*profile.names, profile.name or "")}:
                return profile
        return None

    def for_text(self, lines: Iterable[str]) -> Profile | None:
        """Return the profile whose site name or domain a text capture shows (text has no URL).

        A name counts on a short line of its own or in a copyright line, so a body sentence that
        mentions another paper does not pick that paper's profile.
        """
        short = [line for line in lines if len(line.split()) <= MAX_NAME_LINE_WORDS]
        for profile in self.profiles:
            labels = [n for n in (*profile.names, profile.name or "") if n] + list(profile.domains)
            pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in labels) + r")(?![\w-])", re.I) if labels else None
            if pattern and any(pattern.search(line) for line in short):
                return profile
        return None

    def apply(self, article: Article) -> Article:
        """Return the article with the matching profile's names and mappings applied, and the
        archive-wide section aliases where its site's profile maps nothing."""
        profile = self.for_page(article.source_url, article.site)
        sections = {**self.sections, **{k.casefold(): v for k, v in (profile.sections if profile else {}).items()}}
        section = article.section or article.category
        category = sections.get(section.casefold(), article.category) if section else article.category
        if profile is None:
            return dataclasses.replace(article, category=category) if category != article.category else article
        aliases = {k.casefold(): v for k, v in profile.authors.items()}
        authors = tuple(dict.fromkeys(aliases.get(a.casefold(), a) for a in article.authors))
        return dataclasses.replace(article, site=profile.name or article.site, category=category, authors=authors)


def load_profiles(folder: Path | None) -> Profiles:
    """Read every `*.yaml`/`*.yml` profile in a folder. Raises ProfileError naming file and key."""
    if folder is None or not Path(folder).is_dir():
        return Profiles.empty()
    files = sorted([*Path(folder).glob("*.yaml"), *Path(folder).glob("*.yml")])
    aliases = Path(folder) / SECTIONS_FILE
    return Profiles(tuple(load_profile(path) for path in files if path.name != SECTIONS_FILE),
                    load_section_aliases(aliases) if aliases.is_file() else {})


def load_section_aliases(path: Path) -> dict[str, str]:
    """Read sections.yaml: section name -> topic. Raises ProfileError naming the file and the entry."""
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
        raise ProfileError(where, f"cannot read section aliases ({type(error).__name__})") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ProfileError(where, "expected a mapping of section names to topics")
    return {name.casefold(): topic for name, topic in data.items()}


def load_profile(path: Path) -> Profile:
    """Read one profile file. Raises ProfileError naming the file, the key and the bad value."""
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise ProfileError(where, f"not valid YAML{line}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProfileError(where, f"cannot read file ({error})") from None
    if not isinstance(data, dict):
        raise ProfileError(where, "expected a mapping of keys at the top level")
    unknown = sorted(set(data) - PROFILE_KEYS)
    if unknown:
        raise ProfileError(where, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(PROFILE_KEYS))})")
    profile = Profile(
        path=where,
        domains=tuple(d.lower().removeprefix("www.") for d in _strings(data, "domains", where)),
        names=_strings(data, "names", where),
        name=_string(data, "name", where),
        clutter_lines=tuple(_pattern(p, where) for p in _strings(data, "clutter_lines", where)),
        clutter_selectors=_strings(data, "clutter_selectors", where),
        sections=_mapping(data, "sections", where),
        authors=_mapping(data, "authors", where),
    )
    if not profile.domains and not profile.names and not profile.name:
        raise ProfileError(where, "names no site: give 'domains', 'names' or 'name'")
    return profile


def _strings(data: dict, key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(where, f"key {key!r} must be a list of strings, got {value!r}")
    return tuple(value)


def _string(data: dict, key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ProfileError(where, f"key {key!r} must be a string, got {value!r}")
    return value


def _mapping(data: dict, key: str, where: str) -> dict[str, str]:
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ProfileError(where, f"key {key!r} must map strings to strings, got {value!r}")
    return dict(value)


def _pattern(text: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise ProfileError(where, f"bad regular expression {text!r} in 'clutter_lines' ({error})") from None
