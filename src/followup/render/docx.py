"""DOCX from a docxtpl template, with the same context as the PDF.

docxtpl is imported only when a DOCX is written. The result is made
byte-for-byte reproducible: zip entries get a fixed timestamp and a fixed order.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

from followup.errors import Problem, TemplateError
from followup.render.environment import docx_environment
from followup.render.template_errors import template_errors
from followup.templates import TemplateSet

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_docx(template: str, context: dict[str, Any], templates: TemplateSet | None = None,
                images: dict[str, bytes] | None = None) -> bytes:
    """Render the DOCX template ``template`` (relative to the template folders) to bytes.

    ``images`` maps a name to PNG bytes; each becomes ``charts.<name>`` in the
    context as an inline image the width of the text column.
    """
    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    templates = templates or TemplateSet()
    path = templates.find(template)
    document = DocxTemplate(str(path))
    context = dict(context)
    if images:
        context["charts"] = {
            name: InlineImage(document, io.BytesIO(png), width=Mm(160)) for name, png in images.items()
        }
    document_name = context.get("document", {}).get("name", "")
    with template_errors(path, document_name):
        try:
            document.render(context, jinja_env=docx_environment(), autoescape=True)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as error:
            # Not a DOCX (not a zip, or a zip without word/document.xml), or tags that broke Word's XML.
            raise TemplateError(Problem(f"not a usable DOCX template: {error}", file=path,
                                        key_path=document_name or None)) from None
    set_language(document.docx, str(context.get("document", {}).get("lang") or ""))
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def set_language(document: Any, lang: str) -> None:
    """The document's language (``de-DE``) as its metadata and as the proofing language of its default style."""
    if not lang:
        return
    from docx.oxml.ns import qn

    document.core_properties.language = lang
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = etree.SubElement(properties, qn("w:lang"))
    language.set(qn("w:val"), lang)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (DOCX) with fixed timestamps so the same input gives the same bytes.

    Only the headers change: each member's compressed bytes are copied as they
    are, not decompressed and compressed again (a quarter of a letter's DOCX
    time went into that). Same zlib, same input, same bytes, so the result is
    as deterministic as before; a member in a form this copy does not handle
    (encrypted, zip64, a data descriptor) is recompressed the old way.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            raw = _raw_member(data, info)
            if raw is None or info.compress_type != zipfile.ZIP_DEFLATED:
                target.writestr(fixed, source.read(info.filename))
                continue
            fixed.CRC, fixed.compress_size, fixed.file_size = info.CRC, info.compress_size, info.file_size
            fixed.header_offset = target.fp.tell()
            target.fp.write(fixed.FileHeader(zip64=False))
            target.fp.write(raw)
            target.filelist.append(fixed)
            target.NameToInfo[fixed.filename] = fixed
            target.start_dir = target.fp.tell()
    return output.getvalue()


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The compressed bytes of one zip member as stored, or None when it is not a plain member."""
    plain = not info.flag_bits & 0x09  # neither encrypted (0x01) nor followed by a data descriptor (0x08)
    small = max(info.compress_size, info.file_size, info.header_offset) < zipfile.ZIP64_LIMIT
    offset = info.header_offset
    if not (plain and small) or data[offset:offset + 4] != zipfile.stringFileHeader:
        return None
    name_length = int.from_bytes(data[offset + 26:offset + 28], "little")
    extra_length = int.from_bytes(data[offset + 28:offset + 30], "little")
    start = offset + zipfile.sizeFileHeader + name_length + extra_length
    raw = data[start:start + info.compress_size]
    return raw if len(raw) == info.compress_size else None
