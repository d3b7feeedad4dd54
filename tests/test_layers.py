"""Layers only call downward: no module of src/followup imports from a layer above its own.

The imports are read with ``ast`` (every import: at the top, inside a function, under
``TYPE_CHECKING``), so a lazy import that reaches up fails here as surely as a top-level
one. docs/architecture.md ("Layers") says why the order is this one.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "followup"

#: The layers, lowest first: a module may import from its own layer and the layers below it, never above.
#: An entry is a package or a module; a module belongs to its longest entry (``followup`` alone is only
#: the package's ``__init__``).
LAYERS: list[tuple[str, ...]] = [
    # foundations: the version, errors, the speed-ups, the template folders, safe slugs, the cache folder
    ("followup", "followup.errors", "followup.speedups", "followup.templates", "followup.slugs", "followup.cache"),
    # render's helpers that need nothing above the foundations: the sandboxed Jinja environments and their
    # errors (the wording renders its templates with them) and the charts' house style (documents draw with it)
    ("followup.render.environment", "followup.render.template_errors", "followup.render.charts"),
    ("followup.notes",),
    # facts and words, one layer: the context uses the wording's language helpers (fitting, locale_for),
    # the wording formats with the context's Formatter
    ("followup.context", "followup.wording"),
    ("followup.documents",),
    ("followup.render",),
    ("followup.output",),
    # the library side of each command (render's pipeline runs check's warnings)
    ("followup.pipeline", "followup.check", "followup.scaffold", "followup.schema", "followup.invite",
     "followup.status", "followup.template_admin", "followup.doctor"),
    ("followup.batch", "followup.watch", "followup.mail"),
    ("followup.cli_output", "followup.cli", "followup.__main__"),
]


def module_name(path: Path, root: Path) -> str:
    """``followup.render.eml`` for ``root/followup/render/eml.py`` (a package: its ``__init__``)."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_under(root: Path) -> dict[str, Path]:
    """Every module of the ``followup`` package under ``root``, by name."""
    return {module_name(path, root): path for path in sorted((root / "followup").rglob("*.py"))}


def layer_of(module: str) -> int | None:
    """The index in :data:`LAYERS` of ``module`` (None when no entry names it)."""
    best: tuple[int, int] | None = None  # (length of the entry, layer)
    for index, entries in enumerate(LAYERS):
        for entry in entries:
            if (module == entry or (entry != "followup" and module.startswith(entry + "."))) \
                    and (best is None or len(entry) > best[0]):
                best = (len(entry), index)
    return best[1] if best is not None else None


def imports_of(path: Path, modules: dict[str, Path], root: Path, *,
               top_level_only: bool = False) -> list[tuple[int, str]]:
    """``(line, module)`` for each followup module ``path`` imports (``from followup.x import y``: ``followup.x.y``
    when that is a module). ``top_level_only``: what runs when the module is loaded, not under TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path, root)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    nodes: list[ast.AST] = list(tree.body) if top_level_only else list(ast.walk(tree))
    found: list[tuple[int, str]] = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..y import z
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.append((node.lineno, target if target in modules else base))
    return [(line, name) for line, name in dict.fromkeys(found) if name == "followup" or name.startswith("followup.")]


def upward_imports(root: Path) -> list[str]:
    """Every import, anywhere in a module under ``root``, of a module in a layer above the importer's."""
    modules = modules_under(root)
    upward = []
    for module, path in modules.items():
        own = layer_of(module)
        for line, imported in imports_of(path, modules, root):
            theirs = layer_of(imported)
            if own is not None and theirs is not None and theirs > own:
                upward.append(f"{path.relative_to(root)}:{line}: {module} (layer {own}) imports "
                              f"{imported} (layer {theirs})")
    return upward


def test_every_module_has_a_layer() -> None:
    assert [module for module in modules_under(SOURCE.parent) if layer_of(module) is None] == []


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward = upward_imports(SOURCE.parent)
    assert upward == [], "imports from a layer above (see docs/architecture.md, Layers):\n" + "\n".join(upward)


def test_loading_a_helper_loads_nothing_above_it() -> None:
    """Importing ``followup.render.environment`` runs ``followup/render/__init__.py`` first: a package whose
    modules sit in a lower layer than the package may load nothing above that layer when it is imported."""
    root = SOURCE.parent
    modules = modules_under(root)
    upward = []
    for module in modules:
        own = layer_of(module)
        parts = module.split(".")
        for cut in range(2, len(parts)):
            package = ".".join(parts[:cut])
            for line, imported in imports_of(modules[package], modules, root, top_level_only=True):
                theirs = layer_of(imported)
                if own is not None and theirs is not None and theirs > own:
                    upward.append(f"{package}:{line} loads {imported} before {module}")
    assert upward == []


def test_an_upward_import_is_found_even_inside_a_function(tmp_path: Path) -> None:
    """The check can fail: a document that imports the output layer lazily, or relatively, is named."""
    package = tmp_path / "followup"
    for folder in ("documents", "output"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "output" / "paths.py").write_text("def output_path(): ...\n", encoding="utf-8")
    (package / "documents" / "plan.py").write_text(
        "from followup.documents import base\n\n\ndef uid():\n    from followup.output.paths import output_path\n"
        "    from ..output import paths\n", encoding="utf-8")
    assert upward_imports(tmp_path) == [
        "followup/documents/plan.py:5: followup.documents.plan (layer 4) imports followup.output.paths (layer 6)",
        "followup/documents/plan.py:6: followup.documents.plan (layer 4) imports followup.output.paths (layer 6)",
    ]
    assert layer_of("followup.newthing") is None, "a new top-level module must be given a layer"
