"""WeasyPrint's C type strings read quickly, and to the same types (render/weasy.py)."""

from __future__ import annotations

from types import SimpleNamespace

from followup.render.weasy import import_weasyprint, quicken_type_parsing

#: spellings WeasyPrint asks cffi for while it renders (pointers, arrays of a glyph count, open arrays)
SPELLINGS = ["PangoRectangle *", "PangoFcFontMap *", "FcChar8 **", "unsigned int *", "char[4]", "char[]",
             "hb_tag_t[100]", "hb_codepoint_t[44]", "hb_codepoint_t[2997]", "PangoLogAttr[]",
             "PangoGlyphItem *", "int *", "double"]


def weasyprint_parser():  # type: ignore[no-untyped-def]
    import_weasyprint()
    import weasyprint.text.ffi

    return weasyprint.text.ffi.ffi._parser


def test_weasyprint_ffi_parses_type_strings_with_only_the_typedefs_they_use() -> None:
    parser = weasyprint_parser()
    assert "_parse" in vars(parser)  # the quick parse is on WeasyPrint's FFI object
    declarations = dict(parser._declarations)
    quick = [parser.parse_type(spelling) for spelling in SPELLINGS]
    assert parser._declarations == declarations  # every typedef is still declared afterwards
    quick_parse = vars(parser).pop("_parse")
    try:
        ordinary = [parser.parse_type(spelling) for spelling in SPELLINGS]
    finally:
        parser._parse = quick_parse
    assert quick == ordinary
    assert [kind.get_c_name() for kind in quick][:3] == ["PangoRectangle *", "PangoFcFontMap *", "unsigned char * *"]


def test_an_unknown_type_name_is_still_an_error() -> None:
    import cffi
    import pytest

    parser = weasyprint_parser()
    with pytest.raises(cffi.CDefError):
        parser.parse_type("NoSuchType *")


def test_a_parser_of_another_shape_is_left_alone() -> None:
    ffi = SimpleNamespace(_parser=SimpleNamespace())
    quicken_type_parsing(ffi)
    assert vars(ffi._parser) == {}


def run_python(code: str) -> str:
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def test_a_render_with_the_bundled_fonts_loads_neither_deferred_font_tools_module() -> None:
    output = run_python(
        "import sys\n"
        "from followup.render.pdf import write_pdf\n"
        "data = write_pdf('<style>@font-face { font-family: Lato; src: url(fonts/Lato-Regular.ttf) }</style>'\n"
        "                 '<p style=\"font-family: Lato\">Thank you</p>')\n"
        "assert data.startswith(b'%PDF')\n"
        "print(type(sys.modules['fontTools.subset']).__name__,\n"
        "      type(sys.modules['fontTools.varLib.instancer']).__name__)\n"
    )
    assert output == "_LazyModule _DeferredInstancer"


def test_fonttools_subsetting_still_works_when_harfbuzz_cannot_subset() -> None:
    output = run_python(
        "import io, sys\n"
        "from followup.render.weasy import import_weasyprint\n"
        "import_weasyprint()\n"
        "import weasyprint.pdf.fonts\n"
        "weasyprint.pdf.fonts.harfbuzz_subset = None  # WeasyPrint falls back to fontTools.subset\n"
        "from followup.render.pdf import write_pdf\n"
        "data = write_pdf('<p>Thank you, Jordan</p>')\n"
        "import pypdf\n"
        "print(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().strip())\n"
        "print(hasattr(sys.modules['fontTools.subset'], 'Subsetter'))\n"
    )
    assert output.splitlines() == ["Thank you, Jordan", "True"]


def test_the_instancer_stand_in_calls_the_real_fonttools_function() -> None:
    output = run_python(
        "import sys\n"
        "from followup.render.weasy import import_weasyprint\n"
        "import_weasyprint()\n"
        "from weasyprint.pdf.fonts import instantiateVariableFont\n"
        "from fontTools.ttLib import TTFont\n"
        "from followup.templates import fonts_dir\n"
        "try:\n"
        "    instantiateVariableFont(TTFont(fonts_dir() / 'Lato-Regular.ttf'), {'wght': 400})\n"
        "except ValueError as error:\n"
        "    print(error)\n"
        "print(type(sys.modules['fontTools.varLib.instancer']).__name__)\n"
    )
    assert output.splitlines() == ["Missing required table fvar", "module"]  # the real one answered
