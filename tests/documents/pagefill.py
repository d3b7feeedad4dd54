"""How full each page of a rendered PDF is, and which line ends it: pure Python, through pypdf.

For each page: the lowest point any content reaches above the footer zone (text
baselines, filled rectangles such as table rows and boxes, and the boxes of
drawn charts, which WeasyPrint places as form XObjects), as a share of the
page's content height; and the text of the last line above the footer.
Used by the layout tests of the territory plan, the process-ideas memo and the
criteria-match email.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

Matrix = list[float]
IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def multiply(a: Matrix, b: Matrix) -> Matrix:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    return matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5]


@dataclass(frozen=True)
class PageFill:
    """One page: ``filled`` is how far down the content reaches (0 = top margin, 1 = bottom margin)."""

    number: int
    filled: float
    last_line: str

    @property
    def empty(self) -> float:
        return max(0.0, 1.0 - self.filled)


def page_fills(path: Path, *, top_margin_pt: float, bottom_margin_pt: float) -> list[PageFill]:
    """Every page's fill. Content in the bottom margin (running footer, page number) does not count."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [_measure(page, number, top_margin_pt, bottom_margin_pt)
            for number, page in enumerate(reader.pages, start=1)]


def _measure(page: Any, number: int, top_margin_pt: float, bottom_margin_pt: float) -> PageFill:
    height = float(page.mediabox.height)
    width = float(page.mediabox.width)
    top, bottom = height - top_margin_pt, bottom_margin_pt
    lows: list[float] = []
    lines: dict[float, list[tuple[float, str]]] = {}
    xobjects = _xobjects(page)

    def text_visitor(text: str, cm: Matrix, tm: Matrix, _font: Any, _size: float) -> None:
        if not text.strip() or cm == IDENTITY:  # identity: text inside a chart, measured by its box below
            return
        x, y = apply(multiply(tm, cm), 0, 0)
        if bottom - 2 <= y <= height:
            lows.append(y - 2)
            lines.setdefault(round(y), []).append((x, text.strip()))

    def operator_visitor(operator: bytes, args: list[Any], cm: Matrix, _tm: Matrix) -> None:
        if operator == b"re" and len(args) == 4:
            x, y, w, h = (float(value) for value in args)
            corners = [apply(cm, x, y), apply(cm, x + w, y + h)]
            ys = [corner[1] for corner in corners]
            xs = [corner[0] for corner in corners]
            if abs(xs[1] - xs[0]) > 0.9 * width and abs(ys[1] - ys[0]) > 0.9 * height:
                return  # the page's own background
            if min(ys) >= bottom - 2:
                lows.append(min(ys))
        elif operator == b"Do" and args:
            box = xobjects.get(str(args[0]))
            if box is not None:
                matrix = multiply(box[1], cm)
                ys = [apply(matrix, x, y)[1] for x in (box[0][0], box[0][2]) for y in (box[0][1], box[0][3])]
                if min(ys) >= bottom - 2:
                    lows.append(min(ys))

    page.extract_text(visitor_text=text_visitor, visitor_operand_before=operator_visitor)
    lowest = min(lows) if lows else top
    filled = (top - lowest) / (top - bottom)
    last = ""
    if lines:
        y = min(lines)
        last = " ".join(text for _x, text in sorted(lines[y]))
    return PageFill(number, max(0.0, min(1.0, filled)), last)


def _xobjects(page: Any) -> dict[str, tuple[list[float], Matrix]]:
    """The page's form XObjects: name -> (BBox, Matrix)."""
    found: dict[str, tuple[list[float], Matrix]] = {}
    resources = page.get("/Resources")
    if resources is None:
        return found
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return found
    for name, reference in xobjects.get_object().items():
        item = reference.get_object()
        if item.get("/Subtype") != "/Form" or "/BBox" not in item:
            continue
        bbox = [float(value) for value in item["/BBox"]]
        matrix = [float(value) for value in item.get("/Matrix", IDENTITY)]
        found[str(name)] = (bbox, matrix)
    return found
