"""The mail tests' fixtures live in mail_support.py (a module name no other test folder uses)."""

from mail_support import *  # noqa: F403 - fixtures are registered by name
