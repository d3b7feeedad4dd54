"""Where templates are found: a user's folder first, then the built-in ones.

The built-in templates live in ``templates/`` at the top of a checkout and ship
inside the wheel as ``followup/_templates``; :func:`builtin_templates_dir` finds
them in both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from followup.errors import Problem, TemplateError


@lru_cache(maxsize=1)
def builtin_templates_dir() -> Path:
    """The folder of built-in templates, in an install or in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_templates"
    if installed.is_dir():
        return installed
    checkout = package.parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise TemplateError("the built-in templates are missing from this installation; reinstall followup")


def fonts_dir() -> Path:
    """The bundled fonts (see templates/fonts/README.md)."""
    return builtin_templates_dir() / "fonts"


@dataclass(frozen=True)
class TemplateSet:
    """The folders templates are looked up in, the user's first.

    A user's folder overrides the built-ins file by file: any file it does not
    have is taken from the built-in folder.
    """

    user_dir: Path | None = None

    @property
    def search_path(self) -> tuple[Path, ...]:
        folders: list[Path] = []
        if self.user_dir is not None:
            folders.append(self.user_dir)
        folders.append(builtin_templates_dir())
        return tuple(folders)

    def find(self, relative: str) -> Path:
        """The first file called ``relative`` on the search path; a TemplateError if there is none."""
        for folder in self.search_path:
            candidate = folder / relative
            if candidate.is_file():
                return candidate
        raise TemplateError(
            Problem(f"no template {relative!r} in {', '.join(str(folder) for folder in self.search_path)}")
        )

    def exists(self, relative: str) -> bool:
        return any((folder / relative).is_file() for folder in self.search_path)

    def validate(self) -> None:
        """Fail early and clearly when a user's template folder is not a readable folder."""
        if self.user_dir is None:
            return
        try:
            if not self.user_dir.is_dir():
                raise TemplateError(Problem("the templates folder does not exist or is not a folder", file=self.user_dir))
            self.user_dir.resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise TemplateError(Problem(f"the templates folder cannot be read: {error}", file=self.user_dir)) from None
