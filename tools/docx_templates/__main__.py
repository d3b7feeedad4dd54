"""Rebuild every DOCX template: python -m tools.docx_templates"""

import importlib
import pkgutil
from pathlib import Path

for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
    if module.name in ("common", "__main__"):
        continue
    built = importlib.import_module(f"tools.docx_templates.{module.name}").build()
    print(f"wrote {built}")
