"""A template is untrusted code: it cannot escape the sandbox, read files elsewhere, or reach the network.

Every refusal is a user error (one line, no traceback) or, for a URL in a PDF,
a one-line warning; nothing outside the template folders is ever read.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from template_helpers import copy_notes, outputs, pdf_text, render
from typer.testing import CliRunner

from followup.cli import app
from followup.errors import TemplateError

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ letter.greeting|attr('__class__') }}",
    "{{ '{0.__class__}'.format(letter) }}",
    "{{ letter.evidence.append('x') }}",
    "{{ letter.update({'greeting': 'x'}) }}",
    "{{ range(10**9)|list|length }}",
    "{{ 'x' * 10**9 }}",
    "{{ (10**10) ** (10**10) }}",
    "{{ '%999999999s' % 'x' }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ 'x'|center(10**9) }}",
]

SECRET = "TOP-SECRET-OUTSIDE-THE-TEMPLATE-FOLDERS"


def _letter_folder(root: Path) -> Path:
    folder = root / "thank-you-letter"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write_docx(path: Path, *paragraphs: str) -> None:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_notes(tmp_path_factory.mktemp("security-notes"))


def _render_letter(notes: Path, templates: Path, fmt: str, out: Path) -> None:
    render(notes, out, ["thank-you-letter"], templates=templates, formats=[fmt])


@pytest.mark.parametrize("fmt", ["pdf", "txt", "eml", "docx"])
@pytest.mark.parametrize("payload", ESCAPES)
def test_sandbox_refuses_python_internals_and_bombs_in_every_format(notes: Path, tmp_path: Path, fmt: str,
                                                                    payload: str) -> None:
    folder = _letter_folder(tmp_path / "evil")
    if fmt == "docx":
        _write_docx(folder / "thank-you-letter.docx", "Hello", payload)
        expected_file = "thank-you-letter.docx"
    else:
        name = {"pdf": "thank-you-letter.html", "txt": "thank-you-letter.txt",
                "eml": "thank-you-letter.email.html"}[fmt]
        (folder / name).write_text(f"line one\n{payload}\n", encoding="utf-8")
        expected_file = name
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "evil", fmt, tmp_path / "out")
    message = str(caught.value)
    assert "sandbox" in message
    assert expected_file in message and "thank-you-letter" in message
    assert "\n" not in message
    if fmt != "docx":
        assert f"{expected_file}:2:" in message  # the line of the payload
    assert not list((tmp_path / "out").rglob(f"*.{fmt}"))


def test_undefined_variable_names_the_variable_the_file_line_and_the_document(notes: Path, tmp_path: Path) -> None:
    folder = _letter_folder(tmp_path / "mine")
    (folder / "thank-you-letter.txt").write_text("{{ prose.greeting }}\n\n{{ prose.closnig }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "txt", tmp_path / "out")
    message = str(caught.value)
    assert "closnig" in message and "undefined" in message
    assert "thank-you-letter.txt:3:" in message and " thank-you-letter: " in message


def test_undefined_variable_in_a_docx_names_the_variable_and_the_text_around_it(notes: Path, tmp_path: Path) -> None:
    folder = _letter_folder(tmp_path / "mine")
    _write_docx(folder / "thank-you-letter.docx", "Dear {{ recipient.nmae }},")
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "docx", tmp_path / "out")
    message = str(caught.value)
    assert "nmae" in message and "thank-you-letter.docx" in message and "thank-you-letter" in message


def test_syntax_error_names_the_included_file_and_its_line(notes: Path, tmp_path: Path) -> None:
    """The mistake is in the user's copy of base.html (line 4), reached through the built-in letter."""
    base = tmp_path / "mine" / "base"
    base.mkdir(parents=True)
    (base / "base.html").write_text("<html>\n<body>\n{% block body %}{% endblock %}\n{% if %}\n</body>\n",
                                    encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "pdf", tmp_path / "out")
    message = str(caught.value)
    assert f"{base / 'base.html'}:4:" in message and "syntax error" in message


def test_docx_syntax_error_is_a_user_error(notes: Path, tmp_path: Path) -> None:
    folder = _letter_folder(tmp_path / "mine")
    _write_docx(folder / "thank-you-letter.docx", "{%p if letter.concern %}", "no endif")
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "docx", tmp_path / "out")
    assert "syntax error" in str(caught.value) and "thank-you-letter.docx" in str(caught.value)


@pytest.fixture()
def secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside" / "secret.html"
    outside.parent.mkdir()
    outside.write_text(SECRET, encoding="utf-8")
    return outside


@pytest.mark.parametrize("include", ["/etc/passwd", "../../../../../../etc/passwd", "../outside/secret.html",
                                     "thank-you-letter/linked.html", "linked-folder/secret.html"])
def test_include_cannot_read_outside_the_template_folders(notes: Path, tmp_path: Path, secret_file: Path,
                                                           include: str) -> None:
    folder = _letter_folder(tmp_path / "mine")
    (folder / "linked.html").symlink_to(secret_file)
    (tmp_path / "mine" / "linked-folder").symlink_to(secret_file.parent, target_is_directory=True)
    (folder / "thank-you-letter.txt").write_text(f'{{% include "{include}" %}}\n', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "txt", tmp_path / "out")
    message = str(caught.value)
    assert SECRET not in message and "root:" not in message
    assert "not found" in message or "outside the template folders" in message
    assert not list((tmp_path / "out").rglob("*.txt"))


def test_a_symlink_inside_the_template_folders_is_followed(notes: Path, tmp_path: Path) -> None:
    """Linking to another file of the same folder is fine: only leaving the folders is refused."""
    folder = _letter_folder(tmp_path / "mine")
    (folder / "shared.txt").write_text("Shared words.\n", encoding="utf-8")
    (folder / "alias.txt").symlink_to(folder / "shared.txt")
    (folder / "thank-you-letter.txt").write_text('{% include "thank-you-letter/alias.txt" %}', encoding="utf-8")
    result = render(notes, tmp_path / "out", ["thank-you-letter"], templates=tmp_path / "mine", formats=["txt"])
    assert [path.read_text(encoding="utf-8") for path in outputs(result, "txt")][0] == "Shared words.\n"


def test_a_docx_template_that_links_outside_is_refused(notes: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.docx"
    _write_docx(outside, SECRET)
    folder = _letter_folder(tmp_path / "mine")
    (folder / "thank-you-letter.docx").symlink_to(outside)
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "docx", tmp_path / "out")
    assert "outside the template folders" in str(caught.value)


def test_a_docx_template_cannot_include_files(notes: Path, tmp_path: Path) -> None:
    folder = _letter_folder(tmp_path / "mine")
    _write_docx(folder / "thank-you-letter.docx", '{% include "base/base.html" %}', "{% include '/etc/passwd' %}")
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "docx", tmp_path / "out")
    assert "not found" in str(caught.value)


def test_a_broken_docx_template_is_a_user_error(notes: Path, tmp_path: Path) -> None:
    folder = _letter_folder(tmp_path / "mine")
    (folder / "thank-you-letter.docx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _render_letter(notes, tmp_path / "mine", "docx", tmp_path / "out")
    assert "DOCX" in str(caught.value)


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    """A TCP port on 127.0.0.1 that records whether anybody connects."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.3)
    yield server
    server.close()


def test_pdf_resources_outside_the_folders_are_refused_never_fetched(notes: Path, tmp_path: Path,
                                                                    listener: socket.socket,
                                                                    secret_file: Path) -> None:
    port = listener.getsockname()[1]
    folder = _letter_folder(tmp_path / "mine")
    (folder / "secret-link.png").symlink_to(secret_file)
    refs = [
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">',
        f'<img src="https://127.0.0.1:{port}/pixel.png">',
        '<img src="/etc/passwd">',
        '<img src="file:///etc/passwd">',
        '<img src="../../../../../../../etc/passwd">',
        '<img src="thank-you-letter/secret-link.png">',
        f'<img src="{secret_file.as_uri()}">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<a rel="attachment" href="{secret_file.as_uri()}">secret</a>',
        (f'<style>@import url("http://127.0.0.1:{port}/import.css"); '
         f'@font-face {{ font-family: X; src: url("http://127.0.0.1:{port}/font.ttf"); }}</style>'),
    ]
    (folder / "thank-you-letter.html").write_text(
        "<html><head>" + "".join(refs[:1]) + refs[-1] + "</head><body><p>Letter body</p>"
        + "".join(refs[1:-1]) + '<p style="font-family: X">x</p></body></html>', encoding="utf-8")
    result = render(notes, tmp_path / "out", ["thank-you-letter"], templates=tmp_path / "mine", formats=["pdf"])
    with pytest.raises(socket.timeout):
        listener.accept()  # nobody connected
    pdfs = outputs(result, "pdf")
    assert pdfs
    import io

    import pypdf

    for path in pdfs:
        reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
        assert not reader.attachments
        assert "Letter body" in pdf_text(path) and "root:" not in pdf_text(path)
        assert SECRET.encode() not in path.read_bytes()
        assert not reader.pages[0].images
    refused = [str(warning) for warning in result.warnings if "refused to fetch" in warning.message]
    assert all(warning.severity == "warning" for warning in result.warnings if "refused" in warning.message)
    for expected in (f"http://127.0.0.1:{port}/style.css", "file:///etc/passwd", "thank-you-letter/secret-link.png",
                     secret_file.as_uri(), f"http://127.0.0.1:{port}/import.css"):
        assert any(expected in line for line in refused), (expected, refused)
    assert len(refused) == len(set(refused)) * len(pdfs)  # once per PDF


def test_a_template_folder_that_is_a_symlink_loop_is_a_clear_error(notes: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(TemplateError) as caught:
        render(notes, tmp_path / "out", ["thank-you-letter"], templates=loop, formats=["txt"])
    assert "symlink loop" in str(caught.value)


def test_the_cli_prints_one_line_and_no_traceback(notes: Path, tmp_path: Path) -> None:
    folder = _letter_folder(tmp_path / "mine")
    (folder / "thank-you-letter.txt").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(notes), "--out", str(tmp_path / "out"), "-d", "thank-you-letter",
                                      "-f", "txt", "--templates", str(tmp_path / "mine")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "sandbox" in result.output and "thank-you-letter.txt:1" in result.output
