"""Every document in the reader's language: the German, French and Spanish examples rendered and read back.

Each example (examples/berlin-gmbh.toml, lyon-rhone-automatismes.toml, madrid-iberlogix.toml) is rendered
once into every format of the card, the letter, the criteria-match email (with its attachments), the follow-up
plan and the prep sheet; the files
are read back (pypdf, python-docx, email, icalendar, plain text) and checked for the sentences, salutations
with and without ``salutation``, dates, list joins, plurals, and for English function words left behind.
"""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

import pytest

from followup.notes import load_notes
from followup.notes.model import Notes
from followup.pipeline import render_notes
from followup.wording.fitting import clause
from followup.wording.language import Writer, french_spacing, preposition

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOCUMENTS = ["thank-you-card", "thank-you-letter", "criteria-match", "follow-up-plan", "prep-sheet"]
NNBSP = "\u202f"
ENGLISH = re.compile(r"\b(the|and|with|your|you|of|to|for)\b", re.IGNORECASE)


class Package:
    """One example rendered: every file's text by (document, person slug or "", format)."""

    def __init__(self, notes_path: Path, out: Path) -> None:
        result = render_notes(notes_path, out=out, documents=DOCUMENTS, force=True)
        assert result.error is None, result.error
        assert not result.failed, result.outputs
        self.notes: Notes = load_notes(notes_path).notes
        self.files = {path.name: path for path in out.rglob("*") if path.is_file() and not path.name.startswith(".")}

    def path(self, document: str, fmt: str, person: str = "") -> Path:
        name = f"{document}--{person}.{fmt}" if person else f"{document}.{fmt}"
        assert name in self.files, sorted(self.files)
        return self.files[name]

    def text(self, document: str, fmt: str, person: str = "") -> str:
        return read(self.path(document, fmt, person))


def squash(text: str) -> str:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


def read(path: Path) -> str:
    """The words of a file as its reader sees them (email: subject and body, no addresses)."""
    suffix = path.suffix
    if suffix == ".pdf":
        from pypdf import PdfReader

        text = squash(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))
        return re.sub(r"(\w)- (?=[A-ZÄÖÜ])", r"\1-", text)  # "Beispiel-" at a line end, "Gebietsplan" below
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [paragraph.text for paragraph in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return squash(" ".join(parts))
    if suffix == ".eml":
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        return squash(f"{message['subject']} {body.get_content()}")
    if suffix == ".ics":
        from icalendar import Calendar

        calendar = Calendar.from_ical(path.read_bytes())
        parts = [str(calendar.get("x-wr-calname", ""))]
        for event in calendar.walk("VEVENT"):
            parts += [str(event["summary"]), str(event["description"])]
            parts += [str(alarm["description"]) for alarm in event.walk("VALARM")]
        return squash(" ".join(parts))
    return squash(path.read_text(encoding="utf-8"))


def pdf_lang(path: Path) -> str:
    from pypdf import PdfReader

    return str(PdfReader(str(path)).trailer["/Root"].get("/Lang"))


def docx_lang(path: Path) -> str:
    import docx

    return str(docx.Document(str(path)).core_properties.language)


def english_left(package: Package, text: str) -> list[str]:
    """English function words in ``text`` once the notes' own names, titles and addresses are taken out, and what
    the notes themselves write in English about an English-speaking interviewer (their topics on the prep sheet)."""
    return english_left_in(package.notes, text)


def english_left_in(notes: Notes, text: str) -> list[str]:
    """:func:`english_left` for the notes alone (a render of one document, outside a whole package)."""
    proper = [notes.candidate.name, notes.company.name, notes.role.title]
    for person in notes.interviewers:
        proper += [person.name, person.title or ""]
        if person.language == "en":
            proper += [*person.topics, *person.priorities, person.personal_note or ""]
    for value in sorted((value for value in proper if value), key=len, reverse=True):
        text = text.replace(value, " ")
    text = re.sub(r"\S+@\S+|https?://\S+|\S+\.example\S*", " ", text)
    return ENGLISH.findall(text)


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Package:
    return Package(EXAMPLES / "berlin-gmbh.toml", tmp_path_factory.mktemp("de"))


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Package:
    return Package(EXAMPLES / "lyon-rhone-automatismes.toml", tmp_path_factory.mktemp("fr"))


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Package:
    return Package(EXAMPLES / "madrid-iberlogix.toml", tmp_path_factory.mktemp("es"))


def every_text(package: Package, *, skip_people: tuple[str, ...] = ()) -> dict[str, str]:
    """Every card, letter, criteria-match and plan file's text by file name (``skip_people``: other languages)."""
    return {name: read(path) for name, path in package.files.items()
            if path.suffix in (".pdf", ".docx", ".eml", ".txt", ".ics")
            and name.split(".")[0].split("--")[0] in DOCUMENTS
            and not any(f"--{person}." in name for person in skip_people)}


# --- German --------------------------------------------------------------------------------------------------


def test_german_letters_greet_with_and_without_a_salutation_in_every_format(german: Package) -> None:
    for fmt in ("pdf", "docx", "eml", "txt"):
        katrin = german.text("thank-you-letter", fmt, "katrin-muller")
        assert "Sehr geehrte Frau Müller, vielen Dank, dass Sie sich am 18. November Zeit genommen haben" in katrin
        # The numeral is lower-cased after the colon; the nouns keep their capitals.
        assert ("Zwei Ziele stehen für Sie an erster Stelle: fünf neue 3PL-Kunden im Jahr 2027 gewinnen und "
                "Markteintritt in Österreich.") in katrin
        assert "zum Thema Expansion nach Österreich" in katrin
        assert "bis zum 10. Dezember" in katrin
        assert "Ich rufe Sie am Montag an" in katrin
        assert "Mit freundlichen Grüßen Lena" in katrin and "Grüßen," not in katrin  # DIN 5008: no comma
        jonas = german.text("thank-you-letter", fmt, "jonas-weber")
        assert "Guten Tag Jonas Weber, vielen Dank für das Gespräch am Mittwoch." in jonas
        assert "den Schnittstellenkatalog mit Ihnen durchgehen" in jonas
        assert "Sehr geehrte" not in jonas and "Herr" not in jonas  # no gender guessed from a name
    assert german.text("thank-you-letter", "eml", "katrin-muller").startswith(
        "Unser Gespräch am 18. November 2026 – Key Account Manager DACH")


def test_german_card_criteria_and_plan(german: Package) -> None:
    for fmt in ("pdf", "docx"):
        card = german.text("thank-you-card", fmt, "katrin-muller")
        assert "zu den Themen Großprojekte mit 3PL-Dienstleistern und Expansion nach Österreich" in card
        assert "Viel Erfolg beim Halbmarathon in Wien." in card
    for fmt in ("pdf", "docx", "eml", "txt"):
        criteria = german.text("criteria-match", fmt)
        assert "einen Beispiel-Gebietsplan für DACH Nord sowie ein kurzes Memo mit einer Idee" in criteria
        assert ("Das Memo beschreibt diese Idee mit einem konkreten ersten Schritt; sie ist ein Quick Win, "
                "der wenig kostet.") in criteria
        assert "am 9. Dezember rufe ich Sie an" in criteria
    plan = german.text("follow-up-plan", "ics")
    assert "Katrin Müller (Spree Logistik GmbH) anrufen: Gibt es Fragen?" in plan
    assert "Morgen: Katrin Müller (Spree Logistik GmbH) anrufen" in plan
    assert "Entscheidung erwartet: Donnerstag, 10. Dezember 2026" in plan
    checklist = german.text("follow-up-plan", "pdf")
    assert "Allen 3 Gesprächspartnern danken" in checklist and "Erstellt von Lena Hoffmann" in checklist
    for name in ("thank-you-letter--katrin-muller.pdf", "criteria-match.pdf", "follow-up-plan.pdf"):
        assert pdf_lang(german.files[name]) == "de-DE"
    for name in ("thank-you-letter--katrin-muller.docx", "thank-you-card--jonas-weber.docx", "criteria-match.docx"):
        assert docx_lang(german.files[name]) == "de-DE"


def test_no_english_words_are_left_in_the_german_package(german: Package) -> None:
    left = {name: found for name, text in every_text(german).items() if (found := english_left(german, text))}
    assert left == {}


# --- French --------------------------------------------------------------------------------------------------


def test_french_letters_repeat_the_salutation_in_the_closing_formula(french: Package) -> None:
    for fmt in ("pdf", "docx", "eml", "txt"):
        claire = french.text("thank-you-letter", fmt, "claire-dubois")
        assert claire.replace(NNBSP, " ").count("Madame, Monsieur") == 0
        assert "Madame, Je vous remercie pour notre entretien du 17 novembre" in claire
        assert "Je vous prie d’agréer, Madame, l’expression de mes salutations distinguées." in claire
        assert "d’ici le 4 décembre" in claire and "Je vous appellerai vendredi" in claire
        marc = french.text("thank-you-letter", fmt, "marc-lefevre")
        assert "Madame, Monsieur, Je vous remercie pour notre échange de mardi." in marc.replace(NNBSP, " ")
        assert "Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées." in marc
        assert "au sujet des démonstrations sur site" in marc
        assert "préparer une démonstration type avec vous" in marc
    # Narrow no-break spaces before the colon, in the template's words and after a note fragment alike.
    txt = french.text("thank-you-letter", "txt", "claire-dubois")
    assert f"vos deux priorités{NNBSP}: signer trois nouveaux comptes stratégiques en 2027 et réduire" in txt
    assert f"un point{NNBSP}: pas encore d’expérience du marché suisse." in txt
    assert f"Cinq ans de vente de solutions industrielles{NNBSP}: Sept ans" in txt
    assert not re.search(r"\w[:;?!]", txt.replace("https:", ""))  # no colon glued to a word


def test_french_card_criteria_and_plan(french: Package) -> None:
    for fmt in ("pdf", "docx"):
        card = french.text("thank-you-card", fmt, "claire-dubois")
        assert "au sujet du développement des comptes stratégiques et de la conquête du marché suisse" in card
        assert "Bien cordialement" in card and "agréer" not in card
    for fmt in ("pdf", "docx", "eml", "txt"):
        criteria = french.text("criteria-match", fmt).replace(NNBSP, " ")
        assert "ainsi qu’une courte note présentant deux idées" in criteria
        assert ("La note présente deux idées, chacune avec une première étape concrète ; l’une d’elles est un "
                "gain rapide, peu coûteux à tester.") in criteria
    plan = french.text("follow-up-plan", "ics")
    assert f"Appeler Claire Dubois (Rhône Automatismes){NNBSP}: des questions{NNBSP}?" in plan
    assert f"Demain{NNBSP}: Appeler Claire Dubois" in plan
    checklist = french.text("follow-up-plan", "pdf").replace(NNBSP, " ")
    assert "Remercier les 2 interlocuteurs" in checklist and "Préparé par Julien Moreau" in checklist
    assert "Avant le mardi 24 novembre 2026" in checklist
    assert pdf_lang(french.files["thank-you-letter--claire-dubois.pdf"]) == "fr-FR"


def test_no_english_words_are_left_in_the_french_package(french: Package) -> None:
    left = {name: found for name, text in every_text(french).items() if (found := english_left(french, text))}
    assert left == {}


# --- Spanish, with one reader in English -----------------------------------------------------------------------


def test_spanish_letters_greet_with_a_colon_with_and_without_a_salutation(spanish: Package) -> None:
    for fmt in ("pdf", "docx", "eml", "txt"):
        carmen = spanish.text("thank-you-letter", fmt, "carmen-ruiz")
        assert "Estimada Sra. Ruiz: Le agradezco que me recibiera el 19 de noviembre" in carmen
        assert "Me comentó que sus prioridades son dos: cerrar cuatro cuentas estratégicas en 2027 y abrir" in carmen
        assert "a más tardar el 9 de diciembre" in carmen and "Le llamaré el martes" in carmen
        assert "Atentamente, Lucía" in carmen
        pablo = spanish.text("thank-you-letter", fmt, "pablo-sanchez")
        assert "Buenos días, Pablo Sánchez: Muchas gracias por la conversación del jueves." in pablo
        assert "Estimad" not in pablo  # no gender guessed from a name
    for fmt in ("pdf", "docx"):
        card = spanish.text("thank-you-card", fmt, "pablo-sanchez")
        assert "sobre la integración con SAP y las pruebas piloto" in card
    for fmt in ("pdf", "docx", "eml", "txt"):
        criteria = spanish.text("criteria-match", fmt)
        assert "así como un breve documento con dos ideas" in criteria
        assert ("El documento propone dos ideas, cada una con un primer paso concreto; una de ellas es una mejora "
                "rápida y de bajo coste.") in criteria
    plan = spanish.text("follow-up-plan", "ics")
    assert "Llamar a Carmen Ruiz (Iberlogix): ¿alguna pregunta?" in plan
    checklist = spanish.text("follow-up-plan", "pdf")
    assert "Dar las gracias a los 3 entrevistadores" in checklist and "Preparado por Lucía Fernández" in checklist
    assert "Antes del jueves, 26 de noviembre de 2026" in checklist


def test_the_us_interviewer_in_the_spanish_package_gets_english(spanish: Package) -> None:
    for fmt in ("pdf", "docx", "eml", "txt"):
        letter = spanish.text("thank-you-letter", fmt, "michael-carter")
        assert letter.replace("Subject: ", "").find("Dear Michael Carter,") >= 0
        assert "Sincerely" in letter and "Atentamente" not in letter
        assert "Gracias" not in letter and "usted" not in letter
    card = spanish.text("thank-you-card", "pdf", "michael-carter")
    assert card.startswith("LF Dear Michael Carter, Thank you") and "Sincerely" in card
    assert pdf_lang(spanish.files["thank-you-letter--michael-carter.pdf"]) == "en-US"
    assert pdf_lang(spanish.files["thank-you-letter--carmen-ruiz.pdf"]) == "es-ES"
    assert docx_lang(spanish.files["thank-you-letter--michael-carter.docx"]) == "en-US"
    assert docx_lang(spanish.files["thank-you-letter--carmen-ruiz.docx"]) == "es-ES"


def test_no_english_words_are_left_in_the_spanish_package(spanish: Package) -> None:
    texts = every_text(spanish, skip_people=("michael-carter",))
    left = {name: found for name, text in texts.items() if (found := english_left(spanish, text))}
    assert left == {}


def test_the_english_check_fails_on_english() -> None:
    notes = load_notes(EXAMPLES / "berlin-gmbh.toml").notes
    assert english_left_in(notes, "Vielen Dank for the conversation") == ["for", "the"]


# --- the prep sheet and the attachments' names, in each language ---------------------------------------------


def attachment_names(package: Package) -> list[str]:
    """The file names of the PDFs the criteria-match email carries, as a mail client shows them."""
    message = email.message_from_bytes(package.path("criteria-match", "eml").read_bytes(), policy=policy.default)
    return [part.get_filename() or "" for part in message.iter_attachments()]


@pytest.mark.parametrize(("example", "sentences"), [
    ("german", ["Nur für den eigenen Gebrauch, nicht versenden",
                "Key Account Manager DACH · Erstes Gespräch am 18. November 2026",
                ("Nächster Schritt: Zweitgespräch mit der Geschäftsführung. Geplante Entscheidung: Donnerstag, "
                 "10. Dezember."),
                ("Zu einem Kriterium fehlt noch ein eigenes Beispiel, bei einem weiteren eine Zahl oder Referenz: "
                 "nachfragen oder Belege mitbringen."),
                "Mit einer Zahl, einer Referenz oder einem Dokument belegen: Deutsch als Muttersprache;",
                "Katrin Müller, Vertriebsleiterin DACH (entscheidet)",
                "Wichtig: fünf neue 3PL-Kunden im Jahr 2027 gewinnen; Markteintritt in Österreich.",
                "Die Geschäftsführung (aus den nächsten Schritten):",
                "Welchen Stellenwert hat diese Priorität für Sie: fünf neue 3PL-Kunden im Jahr 2027 gewinnen?",
                "Fällig am Freitag, 27. November.",
                "Beim letzten Mal gefragt, Antwort: noch keine Entscheidung.",
                "„Angenommen, Sie müssten heute entscheiden: Würden Sie mich einstellen?“",
                "und ob die Geschäftsführung mich vorher noch kennenlernen möchte.",
                "Vereinbaren, wann ich mich wieder melde – vor dem 10. Dezember."]),
    ("french", ["Usage personnel – ne jamais envoyer",
                "Responsable grands comptes Auvergne-Rhône-Alpes · Deuxième entretien du 17 novembre 2026",
                ("Prochaine étape : entretien final avec le directeur général. Décision prévue d’ici le vendredi "
                 "4 décembre."),
                ("Un critère n’est pas encore étayé et une expérience n’a pas encore de preuve : creuser ces "
                 "points ou apporter la preuve."),
                ("Demander : « À quoi verrez-vous, au bout de six mois, que la personne recrutée est à la hauteur "
                 "sur ce point ? » Puis raconter"),
                "Claire Dubois, Directrice commerciale (décide)",
                "Le directeur général, d’après les prochaines étapes :",
                "Quelle place occupe pour vous cette priorité : signer trois nouveaux comptes stratégiques en 2027 ?",
                "Échéance le mardi 24 novembre.",
                "Question posée la dernière fois, réponse : peut-être.",
                "« Si vous deviez trancher aujourd’hui, me recruteriez-vous ? »",
                "et s’il faut d’abord rencontrer le directeur général.",
                "Convenir de la date de relance, avant le 4 décembre."]),
    ("spanish", ["Uso personal: no enviar",
                 "Directora de Cuentas Estratégicas · Segunda entrevista del 19 de noviembre de 2026",
                 ("Próximo paso: entrevista final con el consejero delegado. Decisión prevista: miércoles, 9 de "
                  "diciembre."),
                 "Un criterio aún no tiene respaldo y una experiencia aún no tiene prueba: indagar o llevar la prueba.",
                 ("Preguntar: «¿Cómo sabrá, al cabo de seis meses, que la persona elegida está a la altura en este "
                  "aspecto?». Después, contar"),
                 "Carmen Ruiz, Directora Comercial (decide)",
                 "El consejero delegado, según los próximos pasos:",
                 "¿Qué importancia tiene para usted esta prioridad: cerrar cuatro cuentas estratégicas en 2027?",
                 "Plazo: jueves, 26 de noviembre.",
                 "Pregunta hecha la última vez; respuesta: quizá.",
                 "«Si tuviera que decidir hoy, ¿me contrataría?».",
                 "y si conviene reunirse antes con el consejero delegado.",
                 "Acordar cuándo retomar el contacto, antes del 9 de diciembre."]),
])
def test_the_prep_sheet_is_in_the_package_language_in_every_format(example: str, sentences: list[str],
                                                                    request: pytest.FixtureRequest) -> None:
    package: Package = request.getfixturevalue(example)
    for fmt in ("pdf", "docx", "txt"):
        text = package.text("prep-sheet", fmt).replace(NNBSP, " ")
        for sentence in sentences:
            assert sentence in text, (fmt, sentence)
        assert english_left(package, text) == [], fmt
    lang, title = {"german": ("de-DE", "Gesprächsvorbereitung: Spree Logistik GmbH"),
                   "french": ("fr-FR", "Fiche de préparation : Rhône Automatismes"),
                   "spanish": ("es-ES", "Hoja de preparación: Iberlogix")}[example]
    from pypdf import PdfReader

    assert str(PdfReader(str(package.path("prep-sheet", "pdf"))).metadata.title).replace(NNBSP, " ") == title
    assert pdf_lang(package.path("prep-sheet", "pdf")) == lang
    assert docx_lang(package.path("prep-sheet", "docx")) == lang


def test_french_prep_sheet_typography(french: Package) -> None:
    """Narrow no-break spaces before : ; ? and inside « », in the headings of the plain text too."""
    txt = french.text("prep-sheet", "txt")
    assert f"Si oui{NNBSP}: Remercier" in txt and f"Priorités{NNBSP}: Signer" in txt
    assert f"«{NNBSP}Si vous deviez trancher aujourd’hui, me recruteriez-vous{NNBSP}?{NNBSP}»" in txt
    assert not re.search(r"\w[:;?!»]", txt.replace("https:", ""))


@pytest.mark.parametrize(("example", "names"), [
    ("german", ["Gebietsplan – DACH Nord – Lena Hoffmann.pdf",
                "Prozessideen – Spree Logistik GmbH – Lena Hoffmann.pdf"]),
    ("french", ["Plan de territoire – Auvergne-Rhône-Alpes – Julien Moreau.pdf",
                "Idées d’amélioration – Rhône Automatismes – Julien Moreau.pdf"]),
    ("spanish", ["Plan territorial – Centro y Portugal – Lucía Fernández.pdf",
                 "Ideas de mejora – Iberlogix – Lucía Fernández.pdf"]),
])
def test_the_criteria_emails_attachments_are_named_in_the_package_language(example: str, names: list[str],
                                                                          request: pytest.FixtureRequest) -> None:
    package: Package = request.getfixturevalue(example)
    found = attachment_names(package)
    assert found == names
    assert english_left(package, " ".join(found)) == []
    assert not any(word in " ".join(found) for word in ("Territory", "Process", "Sample"))


# --- the language helpers ------------------------------------------------------------------------------------


def test_money_dates_joins_and_plurals_come_from_babel_in_each_language() -> None:
    assert Writer("de", "de_DE").money(900000, "EUR") == "900.000\u00a0€"
    assert Writer("fr", "fr_FR").money(900000, "EUR") == "900\u202f000\u00a0€"
    assert Writer("es", "es_ES").money(900000, "EUR") == "900.000\u00a0€"
    assert Writer("de", "de_DE").date("2026-12-10") == "10. Dezember 2026"
    assert Writer("fr", "fr_FR").date("2026-12-10") == "10 décembre 2026"
    assert Writer("es", "es_ES").date("2026-12-10") == "10 de diciembre de 2026"
    assert Writer("de", "de_DE").join(["a", "b", "c"]) == "a, b und c"
    assert Writer("fr", "fr_FR").join(["a", "b", "c"]) == "a, b et c"
    assert Writer("es", "es_ES").join(["ventas", "integración"]) == "ventas e integración"
    assert Writer("es", "es_ES").join(["siete", "ocho"], style="or") == "siete u ocho"
    assert Writer("fr", "fr_FR").plural(0, "une idée", "{n} idées") == "une idée"  # French counts 0 as one
    assert Writer("de", "de_DE").plural(0, "eine Idee", "{n} Ideen") == "0 Ideen"


def test_german_fragments_keep_their_capitals_when_fitted() -> None:
    assert clause("Expansion nach Österreich", "de") == "Expansion nach Österreich"
    assert clause("Den Schnittstellenkatalog durchgehen", "de") == "den Schnittstellenkatalog durchgehen"
    assert clause("Fünf neue Kunden gewinnen", "de") == "fünf neue Kunden gewinnen"
    assert clause("Expansion into Austria", "en") == "expansion into Austria"


def test_french_spacing_and_contracted_prepositions() -> None:
    assert french_spacing("Objet : a; b ! «c»") == f"Objet{NNBSP}: a{NNBSP}; b{NNBSP}! «{NNBSP}c{NNBSP}»"
    assert french_spacing("https://x.example 10:30") == "https://x.example 10:30"
    assert french_spacing("« Comment ? » Puis") == f"«{NNBSP}Comment{NNBSP}?{NNBSP}» Puis"  # a space before »
    assert preposition("de", "le délai", "fr") == "du délai"
    assert preposition("de", "les intégrations", "fr") == "des intégrations"
    assert preposition("de", "la conquête", "fr") == "de la conquête"
    assert preposition("de", "une idée", "fr") == "d’une idée"
    assert preposition("de", "el plazo", "es") == "del plazo"
    assert preposition("a", "el mercado", "es") == "al mercado"


# --- golden snapshots ----------------------------------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("example", ["german", "french", "spanish"])
def test_each_examples_letters_match_their_golden_snapshot(example: str, request: pytest.FixtureRequest) -> None:
    """The plain-text letters and criteria email of each example, word for word.

    A wording change shows up here as a diff to read; after reading it, refresh the snapshots with
    ``FOLLOWUP_UPDATE_GOLDEN=1 pytest tests/wording``.
    """
    import os

    package: Package = request.getfixturevalue(example)
    folder = GOLDEN / example
    written = {name: path.read_text(encoding="utf-8") for name, path in package.files.items() if path.suffix == ".txt"}
    assert written
    if os.environ.get("FOLLOWUP_UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.txt"):
            stale.unlink()
        for name, text in written.items():
            (folder / name).write_text(text, encoding="utf-8")
    expected = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}
    assert sorted(written) == sorted(expected)
    for name, text in written.items():
        assert text == expected[name], name


def test_a_document_a_pack_does_not_word_yet_is_english_throughout(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A pack without a document's wording (here the German prep sheet, hidden) writes it in English, tagged
    en-US, with English dates."""
    from followup.templates import TemplateSet

    exists = TemplateSet.exists
    monkeypatch.setattr(TemplateSet, "exists",
                        lambda self, name: name != "languages/de/prep-sheet.jinja" and exists(self, name))
    result = render_notes(EXAMPLES / "berlin-gmbh.toml", out=tmp_path, documents=["prep-sheet"],
                          formats=["pdf", "docx"], force=True)
    assert result.error is None and not result.failed, result.outputs
    pdf = next(tmp_path.rglob("prep-sheet.pdf"))
    assert pdf_lang(pdf) == "en-US" and docx_lang(next(tmp_path.rglob("prep-sheet.docx"))) == "en-US"
    assert "November 18, 2026" in read(pdf)


def test_the_notes_sign_off_is_for_the_package_language_only(tmp_path: Path) -> None:
    text = (EXAMPLES / "madrid-iberlogix.toml").read_text(encoding="utf-8")
    notes = tmp_path / "madrid.toml"
    edited = text.replace('tone = "formal"', 'tone = "formal"\nsign_off = "Saludos cordiales"')
    notes.write_text(edited, encoding="utf-8")
    result = render_notes(notes, out=tmp_path / "out", documents=["thank-you-letter"], formats=["txt"], force=True)
    assert result.error is None and not result.failed, result.outputs
    assert "Saludos cordiales,\nLucía" in next(tmp_path.rglob("thank-you-letter--carmen-ruiz.txt")).read_text("utf-8")
    english = next(tmp_path.rglob("thank-you-letter--michael-carter.txt")).read_text("utf-8")
    assert "Sincerely,\nLucía" in english and "Saludos" not in english


@pytest.mark.parametrize(("example", "sentence"), [
    ("berlin-gmbh.toml", "Hier ist eine Idee, wie er sich verbessern ließe."),
    ("lyon-rhone-automatismes.toml", ("Voici deux idées pour l’améliorer, en commençant par le gain rapide (fort "
                                      "impact, peu d’effort).")),
    ("madrid-iberlogix.toml", ("Le propongo dos ideas para mejorarlo, empezando por la mejora rápida (mucho "
                               "impacto, poco esfuerzo).")),
])
def test_the_process_ideas_memo_is_in_the_package_language(example: str, sentence: str, tmp_path: Path) -> None:
    result = render_notes(EXAMPLES / example, out=tmp_path, documents=["process-ideas"], formats=["pdf", "docx"],
                          force=True)
    assert result.error is None and not result.failed, result.outputs
    notes = load_notes(EXAMPLES / example).notes
    for path in (next(tmp_path.rglob("process-ideas.pdf")), next(tmp_path.rglob("process-ideas.docx"))):
        text = read(path)
        assert sentence in text, path.name
        assert english_left_in(notes, text) == [], path.name


@pytest.mark.parametrize(("example", "sentences"), [
    ("berlin-gmbh.toml", [("So würde ich das Gebiet DACH Nord für Spree Logistik GmbH als Key Account Manager DACH "
                           "führen (2027): 900.000 € Quote in Berlin, Hamburg, Niedersachsen und Wien."),
                          "9 Abschlüsse zu durchschnittlich 110.000 €"]),
    ("lyon-rhone-automatismes.toml", ["un quota de 1 100 000 € sur Rhône, Isère, Loire et Haute-Savoie.",
                                      "Chacune des deux priorités évoquées trouve une réponse dans ce plan"]),
    ("madrid-iberlogix.toml", ["una cuota de 1.500.000 € en Madrid, Castilla-La Mancha, Lisboa y Oporto.",
                               "Una de las dos prioridades que comentamos tiene respaldo en este plan"]),
])
def test_the_territory_plan_prose_is_in_the_package_language(example: str, sentences: list[str],
                                                            tmp_path: Path) -> None:
    result = render_notes(EXAMPLES / example, out=tmp_path, documents=["territory-plan"], formats=["pdf"], force=True)
    assert result.error is None and not result.failed, result.outputs
    text = read(next(tmp_path.rglob("territory-plan.pdf"))).replace(NNBSP, " ").replace("\u00a0", " ")
    for sentence in sentences:
        assert sentence.replace(NNBSP, " ") in text, sentence


def layout_words(language: str) -> list[str]:
    """The English words of the territory plan's layouts and charts (labels.toml, [territory_plan]) that the pack
    ``language`` words differently: none of them may be left in its plan. Placeholders (``{n}``) split a label."""
    import tomllib

    def flat(table: dict[str, object], prefix: str = "") -> dict[str, str]:
        found: dict[str, str] = {}
        for key, value in table.items():
            if isinstance(value, dict):
                found.update(flat(value, f"{prefix}{key}."))
            else:
                found[prefix + key] = str(value)
        return found

    def pack(code: str) -> dict[str, str]:
        with open(Path("templates/languages") / code / "labels.toml", "rb") as handle:
            return flat(tomllib.load(handle)["territory_plan"])

    own = pack(language)
    words = {part.strip(" ():") for key, value in pack("en").items() if own.get(key) != value
             for part in re.split(r"\{\w+\}", value)}
    return sorted(word for word in words if len(word) > 2 and word.lower() not in ("segment", "segments"))  # German too


@pytest.mark.parametrize(("example", "language"), [("berlin-gmbh.toml", "de"), ("lyon-rhone-automatismes.toml", "fr"),
                                                   ("madrid-iberlogix.toml", "es")])
def test_no_english_words_are_left_in_the_territory_plan(example: str, language: str, tmp_path: Path) -> None:
    """Cover, tables, tier descriptions, facts, quarters, charts: the PDF and the DOCX are in the pack's language."""
    result = render_notes(EXAMPLES / example, out=tmp_path, documents=["territory-plan"], formats=["pdf", "docx"],
                          force=True)
    assert result.error is None and not result.failed, result.outputs
    notes = load_notes(EXAMPLES / example).notes
    words = layout_words(language)
    assert "Annual quota" in words and "Prepared by" in words
    from docx import Document
    from pypdf import PdfReader

    titles = [str(PdfReader(str(next(tmp_path.rglob("territory-plan.pdf")))).metadata.title),
              str(Document(str(next(tmp_path.rglob("territory-plan.docx")))).core_properties.title)]
    assert all(notes.territory is not None and title.endswith(notes.territory.name) for title in titles), titles
    assert not any("Sample" in title for title in titles), titles
    for path in (next(tmp_path.rglob("territory-plan.pdf")), next(tmp_path.rglob("territory-plan.docx"))):
        text = read(path)
        assert english_left_in(notes, text) == [], path.name
        for value in (notes.candidate.name, notes.company.name, notes.role.title):
            text = text.replace(value, " ")
        left = [word for word in words if re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)]
        assert left == [], path.name
