"""The profile: ``[candidate]`` and ``[style]`` kept once instead of in every notes file.

Where profiles are looked for, nearest first:

1. ``profile.toml`` beside the notes file,
2. ``profile.toml`` in each parent folder, up to the filesystem root,
3. ``profile.toml`` in the user's config folder
   (``platformdirs.user_config_dir("followup")``, or ``$FOLLOWUP_CONFIG_DIR``).

Every profile found is used. They are merged key by key: the notes file's own
keys win over the nearest profile's, which win over farther ones. A profile may
hold only ``[candidate]``, ``[style]`` and ``[mail]``; anything else is a warning.

``[mail]`` (where ``followup drafts`` puts the email drafts) lives in profiles
only: it is never merged into the notes. :func:`mail_settings` merges it key by
key over the profiles (nearest wins) and validates it, with the profile's file,
line and key path in every error. It never holds a password.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from followup.errors import NotesError, Problem
from followup.notes.model import Candidate, Style
from followup.notes.positions import join, line_of
from followup.notes.suggestions import closest, remove_unknown_keys

PROFILE_NAME = "profile.toml"
CONFIG_DIR_ENV = "FOLLOWUP_CONFIG_DIR"
PROFILE_TABLES: dict[str, type[BaseModel]] = {"candidate": Candidate, "style": Style}
MAIL_TABLE = "mail"


class MailSettings(BaseModel):
    """``[mail]`` in a profile: the IMAP account ``followup drafts`` puts drafts into (no password here)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    imap_host: str = Field(description="The IMAP server, e.g. imap.gmail.com.", min_length=1)
    imap_port: int = Field(993, ge=1, le=65535, description="993 (TLS, the default); 143 means STARTTLS.")
    user: str = Field(description="The user name to log in with, usually your email address.", min_length=1)
    drafts_folder: str | None = Field(
        None, description="The Drafts folder, e.g. '[Gmail]/Drafts'; default: the server's \\Drafts folder, "
                          "else 'Drafts'.")

    @field_validator("imap_host", "user", "drafts_folder")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if any(character in value for character in "\r\n\x00"):
            raise ValueError("must be one line")
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("imap_host")
    @classmethod
    def _host(cls, value: str) -> str:
        if any(character.isspace() or character in "/@:" for character in value):
            raise ValueError(f"{value!r} is not a host name; write it like imap.gmail.com")
        return value


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
    tables: dict[str, type[BaseModel]] = {**PROFILE_TABLES, MAIL_TABLE: MailSettings}
    for key, value in data.items():
        if key not in tables:
            suggestion = closest(key, list(tables))
            warnings.append(Problem(
                f"a profile may hold only [candidate], [style] and [mail]; {key!r} is ignored",
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
            value, tables[key], file=path,
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


def mail_settings(profiles: list[Profile]) -> MailSettings | None:
    """The ``[mail]`` settings of these profiles (nearest first), merged key by key; None when none has one.

    Raises :class:`NotesError` naming the profile, line and key path of a wrong value.
    """
    combined: dict[str, Any] = {}
    origins: dict[str, Profile] = {}
    for profile in reversed(profiles):  # farthest first, nearer ones overwrite
        for key, value in profile.data.get(MAIL_TABLE, {}).items():
            combined[key] = value
            origins[key] = profile
    if not origins:
        return None
    try:
        return MailSettings.model_validate(combined)
    except ValidationError as error:
        from followup.notes.messages import message_for

        nearest = next(candidate for candidate in profiles if MAIL_TABLE in candidate.data)
        problems = []
        for item in error.errors():
            key = str(item["loc"][0]) if item["loc"] else ""
            where = origins.get(key, nearest)  # a missing key: the nearest [mail]
            path = join(MAIL_TABLE, key) if key else MAIL_TABLE
            problems.append(Problem(message_for(dict(item)), file=where.path, line=line_of(where.positions, path),
                                    key_path=path))
        raise NotesError(problems) from None
