"""What followup finds on this machine, and what is missing costs.

WeasyPrint subsets fonts with HarfBuzz's ``libharfbuzz-subset`` when it is
present and falls back to fontTools otherwise, which makes every PDF about 2.7x
slower to write. ``followup doctor`` says which one this machine uses.
"""

from __future__ import annotations

import ctypes.util
import platform
import sys
from importlib import metadata

from followup import __version__
from followup.templates import builtin_templates_dir, fonts_dir

LIBRARIES = ("weasyprint", "docxtpl", "python-docx", "pydantic", "jinja2", "babel", "icalendar", "matplotlib",
             "tomlkit", "typer")


def harfbuzz_subset_found() -> bool:
    """True when the HarfBuzz subsetting library WeasyPrint looks for can be loaded."""
    for name in ("harfbuzz-subset", "harfbuzz-subset-0"):
        if ctypes.util.find_library(name):
            return True
    return False


def diagnose() -> list[str]:
    """One line per finding, for ``followup doctor``."""
    lines = [f"followup {__version__} on Python {platform.python_version()} ({sys.platform})"]
    if harfbuzz_subset_found():
        lines.append("ok       HarfBuzz subsetting (libharfbuzz-subset) found: fonts are subset natively")
    else:
        lines.append("missing  HarfBuzz subsetting (libharfbuzz-subset) not found: PDFs take about 2.7x longer "
                     "(fontTools fallback); install it with: sudo apt-get install libharfbuzz-subset0 "
                     "(Debian/Ubuntu) or brew install harfbuzz (macOS)")
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
