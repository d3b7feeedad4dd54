"""DOCX from a docxtpl template, with the same context as the PDF.

docxtpl is imported only when a DOCX is written. The result is made
byte-for-byte reproducible: zip entries get a fixed timestamp and a fixed order.

The document's properties come from the notes (:func:`document_metadata`):
author the candidate, title the document's title, subject the role and company,
language the notes' locale (also the proofing language of the text), created and
modified the document's date (the letter's date, else the interview's) at noon
UTC, so the date reads the same in every time zone and the same notes give the
same bytes. Charts carry their data as alt text (the picture's ``descr``).

A German document on A4 is made from the template's DIN 5008 variant
(``<name>.din5008.docx`` beside ``<name>.docx``) when that folder has one
(:func:`din5008_variant`; the thank-you letter's, see docs/languages.md).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lxml import etree

from followup.errors import Problem, TemplateError
from followup.render.environment import docx_environment
from followup.render.template_errors import template_errors
from followup.speedups import copy_zip_member
from followup.templates import TemplateSet

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_docx(template: str, context: dict[str, Any], templates: TemplateSet | None = None,
                images: dict[str, bytes] | None = None, descriptions: dict[str, str] | None = None) -> bytes:
    """Render the DOCX template ``template`` (relative to the template folders) to bytes.

    ``images`` maps a name to PNG bytes; each becomes ``charts.<name>`` in the
    context as an inline image the width of the text column, with
    ``descriptions[name]`` as its alt text.
    """
    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Mm
    from docxtpl import DocxTemplate

    templates = templates or TemplateSet()
    path = din5008_variant(template, context, templates)
    document = DocxTemplate(str(path))
    context = dict(context)
    if images:
        described = _described_image_class()
        context["charts"] = {
            name: described(document, io.BytesIO(png), width=Mm(160),
                            description=(descriptions or {}).get(name, name.replace("_", " ")))
            for name, png in images.items()
        }
    document_name = context.get("document", {}).get("name", "")
    with template_errors(path, document_name):
        try:
            document.render(context, jinja_env=docx_environment(), autoescape=True)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as error:
            # Not a DOCX (not a zip, or a zip without word/document.xml), or tags that broke Word's XML.
            raise TemplateError(Problem(f"not a usable DOCX template: {error}", file=path,
                                        key_path=document_name or None)) from None
    set_metadata(document.docx, context)
    template_bytes = path.read_bytes()
    fonts = _unchanged_font_parts(document.docx, template_bytes)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), borrowed=(template_bytes, fonts))


def din5008_variant(template: str, context: dict[str, Any], templates: TemplateSet) -> Path:
    """The file of ``template``, or of its DIN 5008 variant for a German document on A4 paper.

    The variant is ``<name>.din5008.docx`` in the same folder as the ``<name>.docx``
    found: a user's folder with only ``thank-you-letter.docx`` keeps the user's
    layout in every language, and one with both (``templates eject``) gets its
    own of each. The language is the document's (``document.lang_code``: an
    interviewer's ``language`` wins over ``style.language``), as for the PDF's DIN layout.
    """
    path = templates.find(template)
    german = (context.get("document") or {}).get("lang_code") == "de"
    if not german or (context.get("style") or {}).get("paper") != "a4" or not template.endswith(".docx"):
        return path
    variant = template.removesuffix(".docx") + ".din5008.docx"
    if not (path.parent / PurePosixPath(variant).name).is_file():
        return path
    return templates.find(variant)  # the same folder's: refused like any template if it leads outside


FONT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def _unchanged_font_parts(word: WordDocument, template: bytes) -> set[str]:
    """The embedded fonts of ``word``, emptied so saving does not compress them again.

    Rendering never changes a font, and python-docx would deflate each (about
    600 KB a document) on every save; their compressed bytes are copied from the
    template instead (``normalise_zip``'s ``borrowed``). Only fonts the template
    zip holds under the same name are emptied.
    """
    names = set(zipfile.ZipFile(io.BytesIO(template)).namelist())
    emptied = set()
    for part in word.part.package.iter_parts():
        member = part.partname.membername
        if part.content_type == FONT_CONTENT_TYPE and member in names:
            part._blob = b""
            emptied.add(member)
    return emptied


def _described_image_class() -> type:
    """docxtpl's ``InlineImage`` with alt text: the drawing's ``wp:docPr/@descr`` (and the picture's)."""
    from docxtpl import InlineImage

    class DescribedImage(InlineImage):  # type: ignore[misc]
        def __init__(self, tpl: Any, image_descriptor: Any, width: Any = None, height: Any = None, *,
                     description: str) -> None:
            super().__init__(tpl, image_descriptor, width=width, height=height)
            self.description = description

        def _insert_image(self) -> str:
            inline = self.tpl.current_rendering_part.new_pic_inline(self.image_descriptor, self.width, self.height)
            for properties in inline.xpath(".//wp:docPr | .//pic:cNvPr"):
                properties.set("descr", self.description)
            return f'</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'

    return DescribedImage


def document_metadata(context: dict[str, Any]) -> dict[str, Any]:
    """The DOCX properties of a document, from its context: author, title, subject, language and date."""
    document = context.get("document", {})
    candidate = context.get("candidate", {})
    role = context.get("role", {}).get("title") or ""
    company = context.get("company", {}).get("name") or ""
    date_text = (context.get("letter") or {}).get("date_iso") or context.get("interview", {}).get("date")
    day = datetime.date.fromisoformat(str(date_text)[:10]) if date_text else datetime.date(2026, 1, 1)
    return {
        "author": document.get("author") or candidate.get("name") or "",
        "title": document.get("title") or "",
        "subject": " — ".join(part for part in (role, company) if part),
        "language": document.get("lang") or "",
        "date": datetime.datetime(day.year, day.month, day.day, 12, 0, 0),
    }


def set_metadata(word: WordDocument, context: dict[str, Any]) -> None:
    """Fill the core properties from :func:`document_metadata`; the default proofing language too."""
    from docx.oxml.ns import qn

    metadata = document_metadata(context)
    core = word.core_properties
    core.author = metadata["author"]
    core.last_modified_by = metadata["author"]
    core.title = metadata["title"]
    core.subject = metadata["subject"]
    core.language = metadata["language"]
    core.comments = ""
    core.keywords = ""
    core.category = ""
    core.created = metadata["date"]
    core.modified = metadata["date"]
    core.revision = 1
    language = metadata["language"]
    if language:
        defaults = word.styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
        properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
        lang = properties.find(qn("w:lang")) if properties is not None else None
        if lang is not None:
            lang.set(qn("w:val"), language)


def normalise_zip(data: bytes, *, replace: dict[str, bytes] | None = None,
                  borrowed: tuple[bytes, set[str]] | None = None) -> bytes:
    """Rewrite a zip (DOCX) with fixed timestamps so the same input gives the same bytes.

    Only the headers change. Each member's compressed bytes are copied as they
    are where :func:`followup.speedups.copy_zip_member` can, else decompressed
    and compressed again: same zlib, same input, same bytes either way.

    ``replace`` gives new contents for some members (compressed here);
    ``borrowed`` is another zip and the members to copy from it instead (their
    compressed bytes as they are there: the template's embedded fonts).
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    other = zipfile.ZipFile(io.BytesIO(borrowed[0])) if borrowed else None
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            if replace is not None and info.filename in replace:
                target.writestr(fixed, replace[info.filename])
                continue
            archive, archive_bytes, member = source, data, info
            if other is not None and borrowed is not None and info.filename in borrowed[1]:
                archive, archive_bytes, member = other, borrowed[0], other.getinfo(info.filename)
            if not copy_zip_member(target, fixed, archive_bytes, member):
                target.writestr(fixed, archive.read(info.filename))
    return output.getvalue()
