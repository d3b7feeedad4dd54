"""What followup finds on this machine, and what is missing costs.

WeasyPrint subsets fonts with HarfBuzz's ``libharfbuzz-subset`` when it is
present and falls back to fontTools otherwise, which makes every PDF about 2.7x
slower to write. ``followup doctor`` says which one this machine uses.
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from followup import __version__
from followup.templates import builtin_templates_dir, fonts_dir

LIBRARIES = ("weasyprint", "docxtpl", "python-docx", "pydantic", "jinja2", "babel", "icalendar", "matplotlib",
             "tomlkit", "typer")


def harfbuzz_lines() -> list[str]:
    """What WeasyPrint itself loaded: whether its ffi holds ``libharfbuzz-subset``, and the speed-ups in force.

    Asking WeasyPrint rather than ``ctypes.util.find_library``: a library the
    search finds may still not be the one WeasyPrint loaded (another name, a
    broken install), and only what it loaded decides how fast PDFs are written.
    """
    from followup import speedups
    from followup.render.weasy import loaded

    try:
        found = loaded()
    except (ImportError, OSError) as error:
        return [f"missing  WeasyPrint could not be imported: {error}"]
    lines = []
    if found.harfbuzz_subset is None:
        lines.append("unknown  HarfBuzz subsetting: this WeasyPrint does not say whether it loaded "
                     "libharfbuzz-subset")
    elif found.harfbuzz_subset:
        lines.append("ok       HarfBuzz subsetting: WeasyPrint loaded libharfbuzz-subset; fonts are subset natively")
    else:
        lines.append("missing  HarfBuzz subsetting: WeasyPrint did not load libharfbuzz-subset, so PDFs take about "
                     "2.7x longer (fontTools fallback); install it with: sudo apt-get install libharfbuzz-subset0 "
                     "(Debian/Ubuntu) or brew install harfbuzz (macOS)")
    if not speedups.enabled():
        lines.append(f"off      speed-ups: {speedups.SWITCH} is set")
    elif found.quick_type_parsing:
        lines.append("ok       speed-ups: on")
    else:
        lines.append("partly   speed-ups: cffi's type parsing could not be quickened (another cffi version?)")
    return lines


def diagnose() -> list[str]:
    """One line per finding, for ``followup doctor``."""
    lines = [f"followup {__version__} on Python {platform.python_version()} ({sys.platform})"]
    lines += harfbuzz_lines()
    templates = builtin_templates_dir()
    lines.append(f"ok       built-in templates: {templates}")
    fonts = sorted(path.name for path in fonts_dir().iterdir() if path.suffix in (".ttf", ".otf"))
    lines.append(f"ok       bundled fonts: {len(fonts)} files ({', '.join(fonts)})")
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            lines.append(f"missing  {name}: not installed")
            continue
        lines.append(f"ok       {name} {version}")
    return lines
