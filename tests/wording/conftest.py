"""The wording tests' fixtures live in wording_support.py (a module name no other test folder uses)."""

from wording_support import *  # noqa: F403 - fixtures are registered by name
