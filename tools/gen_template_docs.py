"""Regenerate the generated parts of docs/templates.md from the code.

    python tools/gen_template_docs.py          # rewrite docs/templates.md
    python tools/gen_template_docs.py --check  # exit 1 if it is out of date

The prose of docs/templates.md is written by hand; the parts between
``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name -->`` are
made here: the filters (from the Jinja environment) and the context of every
document (from followup.documents.variables, which builds each document's context
from full sample notes). A test checks the committed file is current, so the
documented variables cannot drift from the ones templates really get.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.documents.variables import Variable

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "templates.md"


def filters_section() -> str:
    """The filters a template can use: followup's own, then Jinja's built-in ones."""
    from followup.render.environment import CUSTOM_FILTERS, html_environment
    from followup.templates import TemplateSet

    lines = ["Filters of followup's own (HTML templates):", ""]
    for name, function in CUSTOM_FILTERS.items():
        summary = (function.__doc__ or "").strip().splitlines()[0]
        lines.append(f"- `{name}`: {summary}")
    from followup.wording.compose import WORDING_FILTERS

    lines += ["", ("Filters of wording templates (`languages/<lang>/*.jinja`; see docs/wording.md), in the "
                   "document's language:"), ""]
    lines.append(", ".join(f"`{name}`" for name in WORDING_FILTERS) + ", and the function `plural(n, one, other)`.")
    builtin = sorted(set(html_environment(TemplateSet()).filters) - set(CUSTOM_FILTERS))
    lines += ["", "Jinja's built-in filters (every kind of template, DOCX included; see the Jinja documentation): "
              + ", ".join(f"`{name}`" for name in builtin) + "."]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _table(variables: list[Variable]) -> list[str]:
    lines = ["| variable | kind | what it is |", "| --- | --- | --- |"]
    for variable in variables:
        indent = "&nbsp;&nbsp;" * variable.depth
        lines.append(f"| {indent}`{variable.path}` | {variable.kind} | {_cell(variable.description)} |")
    return lines


def all_document_variables() -> dict[str, list[Variable]]:
    """``document_variables`` for every document that exists, in the order of documents.md."""
    from followup.documents import available_documents
    from followup.documents.variables import document_variables

    return {document.name: document_variables(document.name) for document in available_documents()}


def context_section() -> str:
    """The variables every document shares, once; then one table per document of its own variables."""
    from followup.context.builder import base_context
    from followup.documents import get_document
    from followup.documents.variables import sample_notes

    shared_keys = set(base_context(sample_notes(), document="-", title="-"))
    documents = all_document_variables()
    parts = ["### Every document", "",
             "Every document's templates receive these (built by `base_context`).", ""]
    first = next(iter(documents.values()))
    parts += _table([variable for variable in first if variable.path.split(".")[0].split("[")[0] in shared_keys])
    parts.append("")
    for name, variables in documents.items():
        document = get_document(name)
        made = "one per interviewer" if document.per_interviewer else "one per interview"
        own = [variable for variable in variables if variable.path.split(".")[0].split("[")[0] not in shared_keys]
        parts += [f"### {name}", "", (f"{document.title}: {', '.join(document.formats)}; {made}. "
                                      f"Files: `{name}/{name}.*`. The variables of every document, and:"), ""]
        parts += _table(own)
        parts.append("")
    return "\n".join(parts).rstrip()


SECTIONS = {"filters": filters_section, "context": context_section}


def generate(text: str) -> str:
    """``text`` with every generated section replaced by its current content."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- BEGIN GENERATED: {name} -->\n)(?:.*?\n)?(<!-- END GENERATED: {name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"{DOC}: the markers of the generated section {name!r} are missing")
        content = make()
        text = pattern.sub(lambda match, content=content: match.group(1) + content + "\n" + match.group(2), text)
    return text


def main(argv: list[str]) -> int:
    current = DOC.read_text(encoding="utf-8")
    fresh = generate(current)
    if "--check" in argv:
        if fresh != current:
            print(f"{DOC} is out of date: run python tools/gen_template_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
