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
"""

from __future__ import annotations

import logging
from pathlib import Path
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


def _shown(url: str) -> str:
    """A refused URL as the template wrote it: relative URLs arrive joined to the built-in folder."""
    base = builtin_templates_dir().as_uri() + "/"
    shown = url.removeprefix(base) if url.startswith(base) else url
    return shown if len(shown) < 120 else shown[:117] + "..."


def write_pdf(html: str, templates: TemplateSet | None = None, warnings: list[Problem] | None = None,
              max_pages: int | None = None, label: str = "document") -> bytes:
    """Render ``html`` to PDF bytes. Refused URLs become one-line warnings, never fetches.

    With ``max_pages``, a document that runs longer gets a warning (a card that
    overflows the card, a letter over one page); it is still written.
    """
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    templates = templates or TemplateSet()
    refused: list[str] = []

    class TemplateFolderFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _allowed_file(url, templates)
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
        rendered = document.render()
        page_count = len(rendered.pages)
        pdf = rendered.write_pdf(uncompressed_pdf=False, pdf_identifier=b"followup", custom_metadata=False)
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
