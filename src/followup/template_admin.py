"""Templates users can own: list them, describe them, eject a copy to edit.

- :func:`list_templates` - each document's template files, which formats use
  them, and whether the built-in file or the user's override is used;
- :func:`describe_template` - one document's files and the variables its
  templates receive (generated from the code, see
  :mod:`followup.documents.variables`) and the filters they can use;
- :func:`eject_template` - a copy of a document's built-in files into a folder
  that ``--templates`` then reads. Only the document's own folder is copied;
  the shared page frame and stylesheet (``base/``) are ejected on their own
  with the name ``base``, so a restyled letter does not freeze a copy of the
  shared files nobody meant to change. Nothing is ever overwritten.

Overrides work file by file: a file the user's folder has (at the same
relative path) wins; every other file comes from the built-in folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from followup.errors import Problem, TemplateError, UsageError, UserError
from followup.templates import TemplateSet, builtin_templates_dir

SHARED_FOLDER = "base"

# Which formats read a file, by how its name ends (longest ending first).
FORMATS_BY_SUFFIX: tuple[tuple[str, tuple[str, ...]], ...] = (
    (".email.html", ("eml",)),
    (".html", ("pdf",)),
    (".css", ("pdf",)),
    (".docx", ("docx",)),
    (".txt", ("txt", "eml")),
)


@dataclass(frozen=True)
class TemplateEntry:
    """One template file of one document, and where it is read from."""

    document: str
    formats: tuple[str, ...]
    relative: str
    path: Path
    source: str  # "built-in", "override" (replaces a built-in file) or "added" (a file of the user's own)

    def as_row(self) -> tuple[str, str, str, str]:
        """(document, formats, file, source) for the CLI's table."""
        return self.document, ", ".join(self.formats), str(self.path), self.source


def formats_of(relative: str, document_formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats of a document that read the file ``relative`` (images and fonts: pdf)."""
    for suffix, formats in FORMATS_BY_SUFFIX:
        if relative.endswith(suffix):
            return tuple(fmt for fmt in formats if fmt in document_formats)
    return tuple(fmt for fmt in ("pdf",) if fmt in document_formats)


def _files(folder: Path) -> list[str]:
    """The files under ``folder`` as relative POSIX paths, sorted; none if it is not a folder."""
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                  if path.is_file() and not path.name.startswith("."))


def _template_set(templates_dir: Path | None) -> TemplateSet:
    templates = TemplateSet(templates_dir)
    templates.validate()
    return templates


def _folder_entries(name: str, formats: tuple[str, ...], templates: TemplateSet) -> list[TemplateEntry]:
    builtin = builtin_templates_dir() / name
    user = templates.user_dir / name if templates.user_dir is not None else None
    builtin_files = _files(builtin)
    user_files = _files(user) if user is not None else []
    entries = []
    for relative in sorted(set(builtin_files) | set(user_files)):
        file_formats = formats_of(relative, formats)
        if relative in user_files and user is not None:
            source = "override" if relative in builtin_files else "added"
            entries.append(TemplateEntry(name, file_formats, f"{name}/{relative}", user / relative, source))
        else:
            entries.append(TemplateEntry(name, file_formats, f"{name}/{relative}", builtin / relative, "built-in"))
    return entries


def list_templates(templates_dir: Path | None) -> list[TemplateEntry]:
    """Every template file of every document, then the shared ``base/`` files, built-in or overridden."""
    from followup.documents import available_documents

    templates = _template_set(templates_dir)
    entries: list[TemplateEntry] = []
    for document in available_documents():
        entries.extend(_folder_entries(document.name, document.formats, templates))
    entries.extend(_folder_entries(SHARED_FOLDER, ("pdf",), templates))
    entries.extend(language_entries(templates))
    return entries


def language_entries(templates: TemplateSet) -> list[TemplateEntry]:
    """The files of every language pack (built-in and the user's own), as ``language <code>`` rows.

    A pack's wording templates and labels are read for every format of the documents it words.
    """
    from dataclasses import replace

    from followup.wording.language import available_languages

    entries: list[TemplateEntry] = []
    for code in available_languages(templates):
        for entry in _folder_entries(f"languages/{code}", (), templates):
            entries.append(replace(entry, document=f"language {code}", formats=("all",)))
    return entries


def _known_document(document: str) -> None:
    from followup.documents import available_documents

    names = [item.name for item in available_documents()]
    if document not in names:
        raise UsageError(f"{document!r} is not a document; choose from {', '.join(names)}")


def describe_template(document: str, templates_dir: Path | None) -> str:
    """The files of ``document`` (and which one is used) and the variables and filters its templates can use."""
    from followup.documents import get_document
    from followup.documents.variables import document_variables
    from followup.render.environment import CUSTOM_FILTERS

    _known_document(document)
    templates = _template_set(templates_dir)
    info = get_document(document)
    lines = [f"{info.name}: {info.title}", f"formats: {', '.join(info.formats)}"
             + ("; one per interviewer" if info.per_interviewer else "; one per interview"), ""]
    lines.append("Files (a file in your --templates folder at the same path wins; the rest are built-in):")
    entries = _folder_entries(document, info.formats, templates)
    if any(fmt in info.formats for fmt in ("pdf", "eml")):
        entries += _folder_entries(SHARED_FOLDER, ("pdf",), templates)
    width = max((len(entry.relative) for entry in entries), default=0)
    for entry in entries:
        lines.append(f"  {entry.relative:<{width}}  {', '.join(entry.formats) or '-':<9}  {entry.source:<8}  "
                     f"{entry.path}")
    lines += ["", "Variables (every format gets the same ones; [] means each item of a list, in a {% for %} loop):"]
    variables = document_variables(document)
    width = max((len(variable.path) + 2 * variable.depth for variable in variables), default=0)
    kind_width = max((len(variable.kind) for variable in variables), default=0)
    for variable in variables:
        name = "  " * variable.depth + variable.path
        lines.append(f"  {name:<{width}}  {variable.kind:<{kind_width}}  {variable.description}".rstrip())
    lines += ["", "Filters: Jinja's built-in filters (escape, default, join, length, upper, ...) and "
              + ", ".join(f"{name} ({function.__doc__.splitlines()[0].rstrip('.') if function.__doc__ else ''})"
                          for name, function in CUSTOM_FILTERS.items())
              + " for HTML templates.",
              "Guide: docs/templates.md"]
    return "\n".join(lines) + "\n"


def eject_template(document: str, to: Path) -> list[Path]:
    """Copy the built-in files of ``document`` (or of ``base``) into ``to/<document>/``, and its wording
    templates into ``to/languages/<lang>/``; the paths written.

    Nothing is overwritten: when any of the files already exists, nothing is
    copied and a :class:`UserError` names the files in the way.
    """
    if document != SHARED_FOLDER:
        _known_document(document)
    source = builtin_templates_dir() / document
    files = _files(source)
    if not files:
        raise TemplateError(Problem(f"there are no built-in templates for {document}", file=source))
    to = Path(to).expanduser()
    if to.resolve().is_relative_to(builtin_templates_dir().resolve()):
        raise UsageError(Problem("cannot eject into the built-in template folder; choose another --to", file=to))
    targets = [(source / relative, to / document / relative) for relative in files]
    # Its wording, in every language: editing a sentence there changes it in every format.
    for wording in sorted((builtin_templates_dir() / "languages").glob(f"*/{document}.jinja")):
        relative_path = wording.relative_to(builtin_templates_dir())
        targets.append((wording, to / relative_path))
    existing = [target for _, target in targets if target.exists() or target.is_symlink()]
    if existing:
        raise UserError([Problem("already exists; eject never overwrites (move it away or choose another --to)",
                                 file=target) for target in existing])
    written = []
    try:
        for origin, target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as handle:  # "x": fail rather than overwrite a file made meanwhile
                handle.write(origin.read_bytes())
            written.append(target)
    except FileExistsError as error:
        raise UserError(Problem("already exists; eject never overwrites", file=Path(error.filename))) from None
    except OSError as error:
        raise UserError(Problem(f"cannot write the templates: {error.strerror or error}",
                                file=Path(error.filename) if error.filename else to)) from None
    return written
