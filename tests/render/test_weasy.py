"""render/weasy.py: WeasyPrint imported once, quickly, with fallbacks, and what it loaded.

The speed-ups it applies are tested on their own in tests/test_speedups.py;
here, that WeasyPrint's own objects get them and that each fallback of the
import still gives a working WeasyPrint.
"""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from followup import speedups
from followup.render.weasy import import_weasyprint
from followup.speedups import quicken_type_parsing

needs_speedups = pytest.mark.skipif(not speedups.enabled(), reason=f"{speedups.SWITCH} is set")

#: spellings WeasyPrint asks cffi for while it renders (pointers, arrays of a glyph count, open arrays)
SPELLINGS = ["PangoRectangle *", "PangoFcFontMap *", "FcChar8 **", "unsigned int *", "char[4]", "char[]",
             "hb_tag_t[100]", "hb_codepoint_t[44]", "hb_codepoint_t[2997]", "PangoLogAttr[]",
             "PangoGlyphItem *", "int *", "double"]


def weasyprint_parser():  # type: ignore[no-untyped-def]
    import_weasyprint()
    import weasyprint.text.ffi

    return weasyprint.text.ffi.ffi._parser


@needs_speedups
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
    """``code`` in a fresh Python with the speed-ups on (whatever this process has); its output."""
    environment = {key: value for key, value in os.environ.items() if key != speedups.SWITCH}
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180,
                               env=environment, check=False)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


RENDERS = (
    "from followup.render.pdf import write_pdf\n"
    "assert write_pdf('<p>Thank you</p>').startswith(b'%PDF')\n"
)


def test_weasyprint_without_its_ffi_module_where_expected_still_renders() -> None:
    """A WeasyPrint that renamed ``weasyprint.text.ffi``: nothing quickened, no KeyError, PDFs as before."""
    output = run_python(
        "from followup.render import weasy\n"
        "weasy.FFI_MODULE = 'weasyprint.text.renamed_ffi'\n"
        + RENDERS +
        "print(weasy.loaded())\n"
    )
    assert output == "Loaded(harfbuzz_subset=None, quick_type_parsing=False)"


def test_a_quick_import_that_fails_is_done_again_the_ordinary_way() -> None:
    """A system whose libraries only the full search finds: the quick import's OSError costs time only."""
    output = run_python(
        "import cffi, contextlib\n"
        "from followup import speedups\n"
        "from followup.render import weasy\n"
        "@contextlib.contextmanager\n"
        "def nothing_found_without_the_search():\n"
        "    real = cffi.FFI.dlopen\n"
        "    def dlopen(self, name, flags=0):\n"
        "        raise OSError(f'cannot load library {name!r}')\n"
        "    cffi.FFI.dlopen = dlopen\n"
        "    try:\n"
        "        yield True\n"
        "    finally:\n"
        "        cffi.FFI.dlopen = real\n"
        "speedups.library_search_skipped = nothing_found_without_the_search\n"
        + RENDERS +
        "print(weasy.loaded().harfbuzz_subset)\n"
    )
    assert output.splitlines()[-1] in ("True", "False")  # imported and rendered; no WeasyPrint message printed
    assert "WeasyPrint could not import" not in output


def test_harfbuzz_subset_missed_by_the_quick_import_is_loaded_the_ordinary_way() -> None:
    """The quick import must never cost libharfbuzz-subset (2.7x slower PDFs) where the search finds it."""
    output = run_python(
        "import ctypes.util, cffi, contextlib\n"
        "from followup import speedups\n"
        "from followup.render import weasy\n"
        "findable = any(ctypes.util.find_library(name) for name in ('harfbuzz-subset', 'harfbuzz-subset-0'))\n"
        "quick = speedups.library_search_skipped\n"
        "@contextlib.contextmanager\n"
        "def without_subset():\n"
        "    real = cffi.FFI.dlopen\n"
        "    def dlopen(self, name, flags=0):\n"
        "        if 'harfbuzz-subset' in str(name):\n"
        "            raise OSError(name)\n"
        "        return real(self, name, flags)\n"
        "    cffi.FFI.dlopen = dlopen\n"
        "    try:\n"
        "        with quick() as skipped:\n"
        "            yield skipped\n"
        "    finally:\n"
        "        cffi.FFI.dlopen = real\n"
        "speedups.library_search_skipped = without_subset\n"
        + RENDERS +
        "print(findable, weasy.loaded().harfbuzz_subset)\n"
    )
    findable, loaded_subset = output.split()
    assert loaded_subset == findable


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


def test_the_font_subsetter_found_before_the_import_is_the_one_weasyprint_loads() -> None:
    output = run_python(
        "from followup.render import weasy\n"
        "before = weasy.font_subsetter()\n"
        "weasy.import_weasyprint()\n"
        "print(before, weasy.font_subsetter(), weasy.loaded().harfbuzz_subset)\n"
    )
    before, after, loaded_subset = output.split()
    assert before == after == ("harfbuzz" if loaded_subset == "True" else "fonttools")
