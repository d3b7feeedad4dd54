"""Profiles: beside the notes, in parent folders, in the config folder; merged key by key."""

from __future__ import annotations

from pathlib import Path

import pytest
from notes_texts import MINIMAL

from followup.errors import NotesError
from followup.notes import load_notes
from followup.notes.profile import (
    MailSettings,
    find_profiles,
    mail_settings,
    read_profile,
)

NO_CANDIDATE = MINIMAL.replace('[candidate]\nname = "Dana Whitfield"\n', "")


def test_profile_beside_the_notes_supplies_candidate_and_style(write, config_dir: Path) -> None:
    profile = write('[candidate]\nname = "Sam Rivera"\nemail = "sam@example.com"\n[style]\ntone = "formal"\n',
                    "profile.toml")
    loaded = load_notes(write(NO_CANDIDATE))
    assert loaded.notes.candidate.name == "Sam Rivera"
    assert loaded.notes.candidate.email == "sam@example.com"
    assert loaded.notes.style.tone == "formal"
    assert loaded.sources == [loaded.path, profile]
    assert loaded.profiles == [profile]


def test_notes_win_key_by_key(write, config_dir: Path) -> None:
    write('[candidate]\nname = "Sam Rivera"\nemail = "sam@example.com"\n[style]\ntone = "formal"\npaper = "a4"\n',
          "profile.toml")
    loaded = load_notes(write(MINIMAL + '\n[style]\ntone = "warm"\n'))
    assert loaded.notes.candidate.name == "Dana Whitfield"  # the notes' own key
    assert loaded.notes.candidate.email == "sam@example.com"  # the profile fills the rest
    assert loaded.notes.style.tone == "warm"
    assert loaded.notes.style.paper == "a4"


def test_nearer_profile_wins_over_farther_and_config(write, config_dir: Path) -> None:
    (config_dir / "profile.toml").write_text(
        '[candidate]\nname = "Config Name"\ncity = "Config City"\nphone = "config phone"\n', encoding="utf-8")
    far = write('[candidate]\nname = "Far Name"\ncity = "Far City"\n', "profile.toml")
    near = write('[candidate]\nname = "Near Name"\n', "jobs/profile.toml")
    notes = write(NO_CANDIDATE, "jobs/acme.toml")
    loaded = load_notes(notes)
    candidate = loaded.notes.candidate
    assert (candidate.name, candidate.city, candidate.phone) == ("Near Name", "Far City", "config phone")
    assert loaded.sources == [notes, near, far, config_dir / "profile.toml"]


def test_config_dir_comes_from_the_environment(write, config_dir: Path) -> None:
    (config_dir / "profile.toml").write_text('[candidate]\nname = "From Config"\n', encoding="utf-8")
    notes = write(NO_CANDIDATE)
    assert find_profiles(notes) == [config_dir / "profile.toml"]
    assert load_notes(notes).notes.candidate.name == "From Config"


def test_no_candidate_anywhere_says_where_to_put_it(write, config_dir: Path) -> None:
    with pytest.raises(NotesError) as caught:
        load_notes(write(NO_CANDIDATE))
    [problem] = caught.value.problems
    assert problem.key_path == "candidate" and problem.message == "is required but missing"
    assert "profile.toml" in (problem.hint or "")


def test_profile_problems_name_the_profile_and_its_line(write, config_dir: Path) -> None:
    profile = write('# me\n[candidate]\nname = "Sam"\n\n[style]\ntone = "chatty"\n', "profile.toml")
    with pytest.raises(NotesError) as caught:
        load_notes(write(NO_CANDIDATE))
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.key_path) == (profile, 6, "style.tone")
    assert problem.message == "must be one of: warm, formal (got 'chatty')"


def test_profile_syntax_error_names_the_profile(write, config_dir: Path) -> None:
    profile = write('[candidate]\nname = \n', "profile.toml")
    with pytest.raises(NotesError) as caught:
        load_notes(write(MINIMAL))
    [problem] = caught.value.problems
    assert problem.file == profile and problem.line == 2


def test_other_tables_in_a_profile_are_warnings(write, config_dir: Path) -> None:
    profile = write('[candidate]\nname = "Sam"\nnmae = "x"\n[company]\nname = "Not here"\n', "profile.toml")
    loaded = load_notes(write(NO_CANDIDATE))
    assert loaded.notes.company.name == "Acme Robotics"
    found = {(w.file, w.line, w.key_path) for w in loaded.warnings}
    assert found == {(profile, 3, "candidate.nmae"), (profile, 4, "company")}
    assert all(w.severity == "warning" for w in loaded.warnings)


# --- [mail]: profiles only, for followup drafts ------------------------------------------------------------


def _mail(notes: Path) -> MailSettings | None:
    return mail_settings([read_profile(path) for path in find_profiles(notes)])


def test_mail_in_a_profile_is_read_merged_and_never_reaches_the_notes(write, config_dir: Path) -> None:
    (config_dir / "profile.toml").write_text('[mail]\nimap_host = "imap.gmail.com"\nuser = "far@gmail.com"\n',
                                             encoding="utf-8")
    write('[candidate]\nname = "Sam"\n[mail]\nuser = "near@gmail.com"\ndrafts_folder = "[Gmail]/Drafts"\n',
          "profile.toml")
    notes = write(NO_CANDIDATE)
    loaded = load_notes(notes)
    assert loaded.warnings == []
    assert _mail(notes) == MailSettings(imap_host="imap.gmail.com", imap_port=993, user="near@gmail.com",
                                        drafts_folder="[Gmail]/Drafts")


def test_no_mail_anywhere_is_none(write, config_dir: Path) -> None:
    write('[candidate]\nname = "Sam"\n', "profile.toml")
    assert _mail(write(NO_CANDIDATE)) is None


def test_mail_problems_name_the_profile_line_and_key(write, config_dir: Path) -> None:
    profile = write('[candidate]\nname = "Sam"\n\n[mail]\nimap_host = "imap.gmail.com"\nimap_port = 99999\n'
                    'usr = "x"\n', "profile.toml")
    notes = write(NO_CANDIDATE)
    warnings = load_notes(notes).warnings
    assert [(w.file, w.line, w.key_path, w.hint) for w in warnings] == [(profile, 7, "mail.usr", "did you mean user?")]
    with pytest.raises(NotesError) as caught:
        _mail(notes)
    found = {(problem.file, problem.line, problem.key_path) for problem in caught.value.problems}
    assert found == {(profile, 6, "mail.imap_port"), (profile, 4, "mail.user")}


@pytest.mark.parametrize("host", ["imap.gmail.com:993", "dana@imap.gmail.com", "imap gmail", "https://imap/"])
def test_a_host_must_be_a_host_name(host: str, write, config_dir: Path) -> None:
    write(f'[candidate]\nname = "Sam"\n[mail]\nimap_host = "{host}"\nuser = "x"\n', "profile.toml")
    with pytest.raises(NotesError) as caught:
        _mail(write(NO_CANDIDATE))
    assert [problem.key_path for problem in caught.value.problems] == ["mail.imap_host"]
