"""Where templates are found: a user's folder first, then the built-in ones.

The built-in templates live in ``templates/`` at the top of a checkout and ship
inside the wheel as ``followup/_templates``; :func:`builtin_templates_dir` finds
them in both places.
"""

from __future__ import annotations

import errno
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


def style_templates_dir(notes_path: Path, folder: str) -> Path:
    """The folder ``[style] templates`` names: ``~`` expanded, relative to the notes file's folder."""
    return Path(notes_path).parent / Path(folder).expanduser()


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
        """The first file called ``relative`` on the search path; a TemplateError if there is none.

        A file whose real path (after symlinks) leaves the template folders is
        refused, as the Jinja loader and the PDF fetcher refuse it.
        """
        roots = [folder.resolve() for folder in self.search_path]
        for folder in self.search_path:
            candidate = folder / relative
            if candidate.is_file():
                real = candidate.resolve()
                if not any(real.is_relative_to(root) for root in roots):
                    raise TemplateError(Problem(f"refused: the template leads outside the template folders (to {real})",
                                                file=candidate))
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
            self.user_dir.resolve(strict=True)
            if not self.user_dir.is_dir():
                raise TemplateError(Problem("the templates folder does not exist or is not a folder",
                                            file=self.user_dir))
        except RuntimeError:  # Python < 3.13 reports a symlink loop this way
            raise TemplateError(Problem("the templates folder is a symlink loop", file=self.user_dir)) from None
        except OSError as error:
            reason = "is a symlink loop" if error.errno == errno.ELOOP else \
                "does not exist" if error.errno == errno.ENOENT else f"cannot be read: {error.strerror or error}"
            raise TemplateError(Problem(f"the templates folder {reason}", file=self.user_dir)) from None
