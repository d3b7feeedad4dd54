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
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (DOCX) with fixed timestamps so the same input gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()
