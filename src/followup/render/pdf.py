"""HTML to PDF with WeasyPrint, fetching nothing outside the template folders.

Every URL WeasyPrint wants (images, stylesheets, fonts, ``@import``, PDF
attachments from ``<link rel=attachment>`` and ``<a rel=attachment>``) goes
through one fetcher that serves ``data:`` URLs and files inside the template
folders, and refuses everything else without opening it: ``http(s)://`` never
touches the network, ``file:`` paths elsewhere (``/etc/passwd``, ``../``, a
symlink out of the folder) are never read. Each refusal becomes a one-line
warning; the PDF is still written, without that resource.

Relative URLs are relative to the top of the template folders (the HTML is
rendered with the built-in folder as its base URL, and the same relative path
in the user's folder wins), so a user's ``thank-you-card/logo.png`` is found
in ``--templates DIR/thank-you-card/logo.png``.

WeasyPrint is imported here only, and only when a PDF is written, so that
``followup --help`` and ``followup check`` stay fast.

WeasyPrint's font configuration (the ``@font-face`` fonts copied to a temporary
folder and registered with Fontconfig, and Pango's font caches) is reused by
every PDF of the process that declares the same ``@font-face`` rules from the
same font files: building it costs about 60 ms per document with the bundled
fonts. See :func:`_font_configuration` for what makes two documents share one.

Each configuration owns a ``weasyprint-*`` temporary folder with a copy of the
fonts (5.5 MB for the bundled ones). WeasyPrint removes it when the
configuration is garbage-collected, which never happens in a process that
ends with ``os._exit`` (a forked render process, a batch worker) or skips
its teardown (the command line): :func:`release_font_configurations` removes
the folders this process made, and runs at exit, at a worker's end and before
a forked child leaves. A forked child never removes its parent's folders.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from followup.errors import Problem
from followup.templates import TemplateSet, builtin_templates_dir


def _allowed_file(url: str, templates: TemplateSet) -> Path | None:
    """The file a ``file:`` URL names, looked up on the template search path, or None if refused.

    The base URL is the built-in template folder, so a relative reference such as
    ``fonts/Lato-Regular.ttf`` arrives as a file URL inside it; the same relative
    path in the user's folder wins. Anything resolving outside every template
    folder (``../``, symlinks, absolute paths elsewhere) is refused.
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    requested = Path(unquote(parts.path))
    builtin = builtin_templates_dir().resolve()
    try:
        relative = requested.resolve().relative_to(builtin)
    except (ValueError, OSError, RuntimeError):
        relative = None
    roots = [folder.resolve() for folder in templates.search_path]
    candidates = [root / relative for root in roots] if relative is not None else [requested]
    for candidate in candidates:
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if resolved.is_file() and any(resolved.is_relative_to(root) for root in roots):
            return resolved
    return None


#: the ``@font-face`` rules of a stylesheet, and the URLs in them
FONT_FACE_RULE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
URL_IN_RULE = re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.IGNORECASE)
#: font configurations kept per process (one per distinct set of @font-face rules and files)
FONT_CONFIGURATIONS_KEPT = 4
_font_configurations: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
#: the process whose configurations ``_font_configurations`` holds (a forked child starts without them)
_font_configurations_owner = os.getpid()
_release_registered = False


def _font_configuration(html: str, templates: TemplateSet) -> Any:
    """A WeasyPrint ``FontConfiguration`` shared by documents with the same fonts, built once per process.

    Two documents share one only when their HTML declares the same ``@font-face``
    rules, with the same template folders, and every font file those rules name
    is the same file, unchanged (path, size and modification time): so a user's
    font in ``--templates`` never stands in for the bundled one, and an edited
    font is read again (watch). Fonts declared by a stylesheet the HTML links to,
    rather than in its ``<style>``, still work: WeasyPrint adds them to the
    configuration of the document that declares them. Refused font URLs are
    fetched (and refused, with a warning) again by every document, as before.
    """
    from weasyprint.text.fonts import FontConfiguration

    rules = tuple(FONT_FACE_RULE.findall(html))
    base = builtin_templates_dir().as_uri() + "/"
    files: list[tuple[str, int, int] | None] = []
    for rule in rules:
        for url in URL_IN_RULE.findall(rule):
            path = _allowed_file(url if ":" in url else base + url, templates)
            if path is None:
                files.append(None)
                continue
            status = path.stat()
            files.append((str(path), status.st_size, status.st_mtime_ns))
    key = (tuple(str(folder.resolve()) for folder in templates.search_path), rules, tuple(files))
    _forget_inherited_font_configurations()
    configuration = _font_configurations.get(key)
    if configuration is None:
        global _release_registered
        if not _release_registered:
            atexit.register(release_font_configurations)
            _release_registered = True
        configuration = FontConfiguration()
        _font_configurations[key] = configuration
        while len(_font_configurations) > FONT_CONFIGURATIONS_KEPT:
            _remove_font_folder(_font_configurations.popitem(last=False)[1])
    else:
        _font_configurations.move_to_end(key)
    return configuration


def _remove_font_folder(configuration: Any) -> None:
    """Remove the temporary font folder of a configuration this process made (WeasyPrint's ``_folder``)."""
    folder = getattr(configuration, "_folder", None)
    if folder:
        configuration._folder = None  # its __del__ must not try again
        shutil.rmtree(folder, ignore_errors=True)


def _forget_inherited_font_configurations() -> None:
    """In a forked child: drop the parent's configurations, whose folders are the parent's to remove."""
    global _font_configurations_owner
    if _font_configurations_owner == os.getpid():
        return
    for configuration in _font_configurations.values():
        configuration._folder = None  # this copy must never remove the parent's folder
    _font_configurations.clear()
    _font_configurations_owner = os.getpid()


def release_font_configurations() -> None:
    """Remove the temporary font folders of this process's font configurations, and forget them."""
    _forget_inherited_font_configurations()
    while _font_configurations:
        _remove_font_folder(_font_configurations.popitem()[1])


def _shown(url: str) -> str:
    """A refused URL as the template wrote it: relative URLs arrive joined to the built-in folder."""
    base = builtin_templates_dir().as_uri() + "/"
    shown = url.removeprefix(base) if url.startswith(base) else url
    return shown if len(shown) < 120 else shown[:117] + "..."


#: WeasyPrint's options for every PDF: tagged PDF/UA-1 (a structure tree of headings, paragraphs,
#: lists, tables and figures with their alt text; /MarkInfo; /Lang from <html lang>; the <title>
#: shown as the window title, /DisplayDocTitle), as PDF 1.7. See docs/reliability.md for its cost.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}


def write_pdf(html: str, templates: TemplateSet | None = None, warnings: list[Problem] | None = None,
              max_pages: int | None = None, label: str = "document") -> bytes:
    """Render ``html`` to PDF bytes. Refused URLs become one-line warnings, never fetches.

    With ``max_pages``, a document that runs longer gets a warning (a card that
    overflows the card, a letter over one page); it is still written.
    """
    from followup.render.weasy import import_weasyprint

    weasyprint = import_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    folders = templates = templates or TemplateSet()
    refused: list[str] = []

    class TemplateFolderFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type information
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _allowed_file(url, folders)
            if path is None:
                refused.append(url)
                raise ValueError(f"followup refuses to fetch {url!r}: only files in the template folders are allowed")
            return URLFetcherResponse(path.as_uri(), body=path.read_bytes())

    logger = logging.getLogger("weasyprint")
    previous_level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        document = weasyprint.HTML(
            string=html,
            base_url=builtin_templates_dir().as_uri() + "/",
            url_fetcher=TemplateFolderFetcher(allowed_protocols=("file", "data")),
        )
        rendered = document.render(font_config=_font_configuration(html, templates))
        page_count = len(rendered.pages)
        pdf: bytes = rendered.write_pdf(uncompressed_pdf=False, pdf_identifier=b"followup", custom_metadata=False,
                                        **PDF_OPTIONS)
    finally:
        logger.setLevel(previous_level)
    if warnings is not None:
        if max_pages is not None and page_count > max_pages:
            warnings.append(Problem(f"{label}: the text runs to {page_count} pages where {max_pages} "
                                    f"{'is' if max_pages == 1 else 'are'} meant; shorten it", severity="warning"))
        for url in dict.fromkeys(refused):  # each refused URL once, in order
            warnings.append(Problem(f"refused to fetch {_shown(url)}: templates may use files in the template "
                                    f"folders only, never other files or the network",
                                    severity="warning"))
    return pdf
