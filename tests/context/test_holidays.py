"""Public holidays: the country from [style] or the locale, looked up once and cached, a clear error when unknown."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cache import CACHE_DIR_ENV
from followup.cli import app
from followup.context import holidays as h
from followup.context.holidays import (
    Country,
    country_error,
    country_for,
    holiday_name,
    public_holidays,
)

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = (ROOT / "examples" / "minimal" / "northwind.toml").read_text(encoding="utf-8")
PROFILE = (ROOT / "examples" / "minimal" / "profile.toml").read_text(encoding="utf-8")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(folder))
    public_holidays.cache_clear()
    yield folder
    public_holidays.cache_clear()


def test_the_country_is_the_locales_territory_unless_style_names_one() -> None:
    assert country_for(None, "en_US") == (Country("US"), False)
    assert country_for(None, "de_DE") == (Country("DE"), False)
    assert country_for(None, "zh_Hant_TW") == (Country("TW"), False)
    assert country_for(None, "fr") == (None, False)
    assert country_for("de-by", "en_US") == (Country("DE", "BY"), True)


def test_us_thanksgiving_and_a_bavarian_holiday(cache: Path) -> None:
    assert holiday_name(Country("US"), datetime.date(2026, 11, 26)) == "Thanksgiving Day"
    assert holiday_name(Country("US"), datetime.date(2026, 11, 27)) is None
    corpus_christi = datetime.date(2026, 6, 4)
    assert holiday_name(Country("DE", "BY"), corpus_christi) is not None
    assert holiday_name(Country("DE"), corpus_christi) is None  # not a holiday in every German state
    assert holiday_name(None, datetime.date(2026, 12, 25)) is None


def test_a_lookup_is_kept_in_the_cache_folder_and_read_back(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert datetime.date(2026, 7, 3) in public_holidays(Country("US"), 2026)  # Independence Day, observed
    stored = json.loads((cache / h.CACHE_FILE).read_text(encoding="utf-8"))
    assert stored["calendars"]["US|2026"]["2026-11-26"] == "Thanksgiving Day"

    public_holidays.cache_clear()

    def no_lookup(country: Country, year: int) -> dict[str, str]:
        raise AssertionError("looked up again")

    monkeypatch.setattr(h, "_look_up", no_lookup)
    assert public_holidays(Country("US"), 2026)[datetime.date(2026, 11, 26)] == "Thanksgiving Day"


def test_a_stale_or_broken_cache_is_rebuilt(cache: Path) -> None:
    cache.mkdir()
    (cache / h.CACHE_FILE).write_text('{"package": "another version", "calendars": {"US|2026": {}}}',
                                      encoding="utf-8")
    assert datetime.date(2026, 11, 26) in public_holidays(Country("US"), 2026)
    public_holidays.cache_clear()
    (cache / h.CACHE_FILE).write_text("not json", encoding="utf-8")
    assert datetime.date(2026, 11, 26) in public_holidays(Country("US"), 2026)


def test_an_unknown_country_or_region_is_named(cache: Path) -> None:
    assert country_error("XX", "en_US", 2026) == (
        "'XX' is not a country with known public holidays; write an ISO 3166 code like US, GB or DE, "
        "or DE-BY with a region")
    assert country_error("DE-ZZ", "en_US", 2026).startswith("'DE' has no subdivision 'ZZ'")
    assert country_error(None, "en_001", 2026) is None  # a locale's default is never an error
    assert country_error("GB", "en_US", 2026) is None


def _write(folder: Path, style: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.toml").write_text(PROFILE + style, encoding="utf-8")
    path = folder / "northwind.toml"
    path.write_text(NORTHWIND, encoding="utf-8")
    return path


def test_check_and_render_refuse_an_unknown_country_with_its_key_path(tmp_path: Path, cache: Path) -> None:
    notes = _write(tmp_path / "notes", 'country = "XX"\n')
    profile = tmp_path / "notes" / "profile.toml"
    line = PROFILE.count("\n") + 1
    checked = CliRunner().invoke(app, ["check", str(notes)])
    assert checked.exit_code == 1
    assert f"{profile}:{line}: style.country: 'XX' is not a country with known public holidays" in checked.output
    rendered = CliRunner().invoke(app, ["render", str(notes), "-o", str(tmp_path / "out"), "-f", "txt"])
    assert rendered.exit_code == 1
    assert "style.country: 'XX' is not a country" in rendered.output
    assert not list((tmp_path / "out").rglob("*.txt"))


def test_a_country_that_is_not_a_code_is_a_validation_error(tmp_path: Path) -> None:
    notes = _write(tmp_path / "notes", 'country = "United States"\n')
    checked = CliRunner().invoke(app, ["check", str(notes)])
    assert checked.exit_code == 1
    assert "style.country: 'United States' is not a country code" in checked.output
