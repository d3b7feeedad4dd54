"""The profile: ``[candidate]`` and ``[style]`` kept once instead of in every notes file.

Where profiles are looked for, nearest first:

1. ``profile.toml`` beside the notes file,
2. ``profile.toml`` in each parent folder, up to the filesystem root,
3. ``profile.toml`` in the user's config folder
   (``platformdirs.user_config_dir("followup")``, or ``$FOLLOWUP_CONFIG_DIR``).

Every profile found is used. They are merged key by key: the notes file's own
keys win over the nearest profile's, which win over farther ones. A profile may
hold only ``[candidate]`` and ``[style]``; anything else is a warning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followup.errors import Problem
from followup.notes.model import Candidate, Style
from followup.notes.positions import join, line_of
from followup.notes.suggestions import closest, remove_unknown_keys

PROFILE_NAME = "profile.toml"
CONFIG_DIR_ENV = "FOLLOWUP_CONFIG_DIR"
PROFILE_TABLES = {"candidate": Candidate, "style": Style}


def config_dir() -> Path:
    """The user's followup config folder (``$FOLLOWUP_CONFIG_DIR`` overrides it)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("followup"))


def find_profiles(notes_path: Path) -> list[Path]:
    """The profile files that apply to ``notes_path``, nearest first."""
    found: list[Path] = []
    seen: set[Path] = set()
    folder = Path(notes_path).resolve().parent
    candidates = [folder / PROFILE_NAME] + [parent / PROFILE_NAME for parent in folder.parents]
    candidates.append(config_dir() / PROFILE_NAME)
    for candidate in candidates:
        try:
            key = candidate.resolve()
        except OSError:
            continue
        if key in seen:
            continue
        seen.add(key)
        if candidate.is_file():
            found.append(candidate)
    return found


@dataclass
class Profile:
    """One profile file, read and cleaned: only the tables and keys a profile may hold."""

    path: Path
    data: dict[str, dict[str, Any]]
    positions: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def read_profile(path: Path) -> Profile:
    """Read one profile; raise :class:`~followup.errors.NotesError` if it cannot be read or parsed."""
    from followup.notes.loader import read_toml

    data, positions = read_toml(path)
    warnings: list[Problem] = []
    cleaned: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key not in PROFILE_TABLES:
            suggestion = closest(key, list(PROFILE_TABLES))
            warnings.append(Problem(
                f"a profile may hold only [candidate] and [style]; {key!r} is ignored",
                file=path, line=line_of(positions, key), key_path=key, severity="warning",
                hint=f"did you mean {suggestion}?" if suggestion else "put it in the notes file",
            ))
            continue
        if not isinstance(value, dict):
            warnings.append(Problem(
                "must be a table ([" + key + "]); it is ignored",
                file=path, line=line_of(positions, key), key_path=key, severity="warning",
            ))
            continue
        warnings += remove_unknown_keys(
            value, PROFILE_TABLES[key], file=path,
            line_of=lambda p: line_of(positions, p), prefix=key,
        )
        cleaned[key] = value
    return Profile(path=path, data=cleaned, positions=positions, warnings=warnings)


@dataclass
class Merged:
    """The notes data with the profiles merged in, and where each profile-supplied key came from."""

    data: dict[str, Any]
    origins: dict[str, tuple[Path, int | None]] = field(default_factory=dict)


def merge_profiles(notes_data: dict[str, Any], profiles: list[Profile]) -> Merged:
    """Merge ``profiles`` (nearest first) under ``notes_data``, key by key; notes win."""
    merged = dict(notes_data)
    origins: dict[str, tuple[Path, int | None]] = {}
    for table in PROFILE_TABLES:
        combined: dict[str, Any] = {}
        for profile in reversed(profiles):  # farthest first, nearer ones overwrite
            for key, value in profile.data.get(table, {}).items():
                combined[key] = value
                path = join(table, key)
                origins[path] = (profile.path, line_of(profile.positions, path))
        if not combined:
            continue
        own = notes_data.get(table)
        if own is None:
            merged[table] = combined
        elif isinstance(own, dict):
            for key in own:
                origins.pop(join(table, key), None)
            merged[table] = {**combined, **own}
        else:  # a wrong type in the notes: leave it for validation to report
            for key in combined:
                origins.pop(join(table, key), None)
    return Merged(data=merged, origins=origins)
