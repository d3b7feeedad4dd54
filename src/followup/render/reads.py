"""Which top-level keys of a template context each format of a document reads.

An output depends on its document's context only through the keys its format
reads, so a save that changes other keys need not render it again (``watch``:
changing Jordan's personal note re-renders Jordan's card and letter, not
Priya's letter nor the territory plan). Found without rendering:

- a Jinja template (HTML, plain text): the names it uses that it does not set
  itself (``jinja2.meta.find_undeclared_variables``), with those of every
  template it extends, includes or imports; a template named by a variable
  makes it "every key";
- a DOCX template: docxtpl's own list of the variables it uses;
- the facts an email draft's headers and a calendar are made from: the keys
  render/eml.py and render/ics.py name (``DRAFT_KEYS``/``draft_reads``,
  ``CALENDAR_KEYS``); no code of a document runs to build a format;
- charts (``draw_charts``, the only Python of a document a format depends on):
  the keys the last drawing *in this process* read (:func:`record_chart_reads`,
  on a :class:`KeyRecorder`, kept in :data:`CHART_READS`); before any, every
  key. Anything that reads the context as a whole (iterating, copying, printing
  it) counts as reading every key. Drawing charts to find out would cost as much as the render it could
  save; a long-lived process (``watch``) learns them from its own renders. That
  is sound: code that reads the same values from the same keys reads the same
  keys, so equal values under the keys read last time mean the same charts;
- anything not understood: every key.

``None`` stands for "every key". A wrong guess can only make a render happen that
was not needed, never skip one that was: every way of reading the context that
is not a plain key lookup counts as reading all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.documents.base import Context, Document
    from followup.templates import TemplateSet

Keys = frozenset[str] | None  # None: every key


class KeyRecorder(dict[str, Any]):
    """A context that notes which top-level keys are read; reading it as a whole sets ``everything``."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.read: set[str] = set()
        self.everything = False

    def keys_read(self) -> Keys:
        return None if self.everything else frozenset(self.read)

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def _whole(self) -> None:
        self.everything = True


def _reading_all(name: str) -> Callable[..., Any]:
    method = getattr(dict, name)

    def whole(self: KeyRecorder, *args: Any, **kwargs: Any) -> Any:
        self._whole()
        return method(self, *args, **kwargs)

    whole.__name__ = name
    return whole


for _name in ("__iter__", "__len__", "__reversed__", "__eq__", "__ne__", "__repr__", "__or__", "__ror__",
              "__ior__", "__reduce__", "__reduce_ex__", "__copy__", "__deepcopy__", "keys", "values", "items",
              "copy", "pop", "popitem", "setdefault", "update"):
    if hasattr(dict, _name):
        setattr(KeyRecorder, _name, _reading_all(_name))
KeyRecorder.__hash__ = None


#: (output folder, document) -> the context keys its charts read when this process last drew them
CHART_READS: dict[tuple[str, str], Keys] = {}


def record_chart_reads(where: tuple[str, str], draw: Callable[[dict[str, Any]], Any],
                       context: dict[str, Any], digest: str | None = None) -> Any:
    """``draw(context)``, noting which keys it read under ``where`` for :func:`format_reads`.

    With ``digest`` (the drawing code's, see render/charts.py), they are also kept in
    the cache folder for :func:`learned_chart_reads` in later processes.
    """
    recorder = KeyRecorder(context)
    try:
        return draw(recorder)
    finally:
        CHART_READS[where] = recorder.keys_read()
        if digest is not None:
            _write_stored(_chart_reads_name(where, digest), CHART_READS[where])


def remember_chart_reads(where: tuple[str, str], keys: Keys) -> None:
    """Take ``keys`` as what the charts under ``where`` read (learned by an earlier process: their images
    were read back, not drawn), unless this process has drawn them itself."""
    CHART_READS.setdefault(where, keys)


def learned_chart_reads(where: tuple[str, str], digest: str) -> tuple[bool, Keys]:
    """``(known, keys)``: the keys the charts under ``where`` read when last drawn by the code of ``digest``,
    in this process or an earlier one (the chart images' cache key is made from their values)."""
    if where in CHART_READS:
        return True, CHART_READS[where]
    return _read_stored(_chart_reads_name(where, digest))


def _chart_reads_name(where: tuple[str, str], digest: str) -> str:
    return f"charts|{where[0]}|{where[1]}|{digest}"


def _stored(what: str, compute: Callable[[], Keys]) -> Keys:
    """``compute()``, kept in the cache folder under ``what`` (which says everything the answer depends on).

    The names a template reads change only with the template, and finding them
    (parsing every template a document reaches, opening a DOCX template) cost
    about 0.5 s of CPU per full package: each process now reads them back instead.
    """
    known, keys = _read_stored(what)
    if not known:
        keys = compute()
        _write_stored(what, keys)
    return keys


def _stored_name(what: str) -> str:
    import hashlib

    from followup import __version__

    return f"{hashlib.sha256(f'{__version__}|{what}'.encode()).hexdigest()}.json"


def _read_stored(what: str) -> tuple[bool, Keys]:
    """``(True, keys)`` kept under ``what``, or ``(False, None)`` when nothing (readable) is."""
    import json

    from followup.cache import read_kept

    text = read_kept("reads", _stored_name(what))
    if text is not None:
        try:
            stored = json.loads(text)
            return True, None if stored is None else frozenset(str(name) for name in stored)
        except (ValueError, TypeError):
            pass
    return False, None


def _write_stored(what: str, keys: Keys) -> None:
    """Keep ``keys`` under ``what``; a cache that cannot be written is not used."""
    import json

    from followup.cache import keep

    keep("reads", _stored_name(what), json.dumps(None if keys is None else sorted(keys)))


@lru_cache(maxsize=256)
def _jinja_names(templates: TemplateSet, name: str, stamp: str) -> Keys:
    """The undeclared names of ``name`` and of every template it reaches (``stamp``: the templates' digest)."""
    folders = "|".join(str(folder) for folder in templates.search_path)
    return _stored(f"jinja|{folders}|{stamp}|{name}", lambda: _parsed_names(templates, name))


def _parsed_names(templates: TemplateSet, name: str) -> Keys:
    from jinja2 import meta

    from followup.render.environment import html_environment

    environment = html_environment(templates)
    names: set[str] = set()
    seen: set[str] = set()
    pending = [name]
    try:
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            assert environment.loader is not None
            source = environment.loader.get_source(environment, current)[0]
            tree = environment.parse(source)
            names |= meta.find_undeclared_variables(tree)
            for referenced in meta.find_referenced_templates(tree):
                if referenced is None:
                    return None
                pending.append(referenced)
    except Exception:  # noqa: BLE001 - a template that does not load or parse: the render reports it
        return None
    return frozenset(names)


@lru_cache(maxsize=64)
def _docx_names(path: Path, stamp: tuple[int, int]) -> Keys:
    return _stored(f"docx|{path}|{stamp[0]}|{stamp[1]}", lambda: _opened_names(path))


def _opened_names(path: Path) -> Keys:
    try:
        from docxtpl import DocxTemplate

        from followup.render.environment import docx_environment

        return frozenset(DocxTemplate(str(path)).get_undeclared_template_variables(docx_environment()))
    except Exception:  # noqa: BLE001 - the render reports a broken template
        return None


def _docx_template_names(templates: TemplateSet, name: str) -> Keys:
    try:
        path = templates.find(name)
        stat = path.stat()
    except Exception:  # noqa: BLE001
        return None
    return _docx_names(path, (stat.st_mtime_ns, stat.st_size))


def _union(*parts: Keys | Iterable[str]) -> Keys:
    keys: set[str] = set()
    for part in parts:
        if part is None:
            return None
        keys.update(part)
    return frozenset(keys)


def format_reads(document: Document, fmt: str, context: Context, templates: TemplateSet, stamp: str,
                 where: tuple[str, str] | None = None) -> Keys:
    """The top-level context keys format ``fmt`` of ``document`` reads (None: every key).

    ``stamp`` identifies the template files' content (their digest), so an edited
    template is parsed again; ``where`` is the key of :data:`CHART_READS` for a
    document with charts.
    """
    name = document.name
    if fmt == "ics":
        from followup.render.ics import CALENDAR_KEYS

        return CALENDAR_KEYS
    charts: Keys = frozenset()
    if document.draw_charts is not None:
        charts = CHART_READS.get(where) if where is not None else None
    if fmt == "pdf":
        return _union(_jinja_names(templates, f"{name}/{name}.html", stamp), {"interviewer", "document"}, charts)
    if fmt == "docx":
        return _union(_docx_template_names(templates, f"{name}/{name}.docx"), {"document", "style"}, charts)
    if fmt == "txt":
        return _union(_jinja_names(templates, f"{name}/{name}.txt", stamp), {"document"})
    if fmt == "eml":
        from followup.render.eml import draft_reads

        return _union(_jinja_names(templates, f"{name}/{name}.txt", stamp),
                      _jinja_names(templates, f"{name}/{name}.email.html", stamp), {"document"},
                      draft_reads(context))
    return None


__all__ = ["CHART_READS", "KeyRecorder", "Keys", "format_reads", "learned_chart_reads", "record_chart_reads",
           "remember_chart_reads"]
