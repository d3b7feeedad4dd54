"""Texts shared by the notes tests (a module of its own: every conftest is called conftest)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

MINIMAL = '''\
[candidate]
name = "Dana Whitfield"

[company]
name = "Acme Robotics"

[role]
title = "Regional Sales Manager"

[interview]
date = 2026-11-20

[[interviewers]]
name = "Jordan Lee"
topics = ["pipeline"]
'''
