"""Every command documents itself with an example, and --help stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from followup.cli import app

runner = CliRunner()


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for command in group.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        found.append((*prefix, name))
    for sub in group.registered_groups:
        found.extend(_commands(sub.typer_instance, (*prefix, sub.name)))
    return found


COMMANDS = _commands(app)


def test_every_command_of_the_spec_exists() -> None:
    names = {" ".join(command) for command in COMMANDS}
    assert {"new", "check", "render", "status", "schema", "watch", "templates list", "templates show",
            "templates eject"} <= names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: followup " + " ".join(command) in result.output


def test_help_imports_no_rendering_library() -> None:
    script = (
        "import sys\n"
        "from followup.cli import main\n"
        "sys.argv = ['followup', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'docxtpl', 'docx', 'matplotlib', 'pydantic') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_version() -> None:
    from followup import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"followup {__version__}"
