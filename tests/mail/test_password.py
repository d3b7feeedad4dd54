"""Where the IMAP password comes from: the environment, the keyring, a prompt; never a file."""

from __future__ import annotations

import sys
import types

import pytest

from followup.errors import UserError
from followup.mail.password import KEYRING_SERVICE, PASSWORD_ENV, imap_password


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring -> ImportError


def test_the_environment_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert imap_password("dana", "imap.example.com", interactive=True, prompt=lambda _: "typed") == "from-env"


def test_then_the_keyring_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    def get_password(service: str, user: str) -> str:
        asked.append((service, user))
        return "from-keyring"

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=get_password))
    assert imap_password("dana", "imap.example.com", interactive=False) == "from-keyring"
    assert asked == [(KEYRING_SERVICE, "dana@imap.example.com")]


def test_a_broken_keyring_falls_through_to_the_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(service: str, user: str) -> str:
        raise RuntimeError("locked")

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=broken))
    prompts: list[str] = []
    assert imap_password("dana", "imap.example.com", interactive=True,
                         prompt=lambda text: prompts.append(text) or "typed") == "typed"
    assert prompts == ["IMAP password for dana on imap.example.com: "]


def test_without_any_source_it_says_how_to_give_one() -> None:
    with pytest.raises(UserError) as caught:
        imap_password("dana", "imap.example.com", interactive=False)
    assert str(caught.value).startswith("no IMAP password for dana on imap.example.com (set FOLLOWUP_IMAP_PASSWORD")
