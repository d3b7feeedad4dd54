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
