"""Country names as treaty offices and ministries write them, resolved to ISO codes."""

import pytest

from registry.rules import countries
from registry.rules.errors import RegistryError


@pytest.mark.parametrize("written, iso2", [
    ("Viet Nam", "VN"), ("Vietnam", "VN"), ("Republic of Korea", "KR"), ("South Korea", "KR"),
    ("Türkiye", "TR"), ("Turkey", "TR"), ("Turkiye", "TR"), ("the Philippines", "PH"),
    ("Bolivia (Plurinational State of)", "BO"), ("Côte d'Ivoire", "CI"), ("Cote d’Ivoire", "CI"),
    ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Moldova", "MD"), ("Republic of Moldova", "MD"),
    ("United States of America", "US"), ("United Kingdom", "GB"), ("Netherlands", "NL"),
    ("Iran (Islamic Republic of)", "IR"), ("Congo (Democratic Republic of the)", "CD"),
    ("Democratic People's Republic of Korea", "KP"), ("Kosovo", "XK"), ("Georgia", "GE"),
    ("fr", "FR"), ("FR", "FR"), ("fra", "FR"), ("  France ", "FR"), ("FRANCE", "FR"),
    ("Swaziland", "SZ"), ("Eswatini", "SZ"), ("Holy See", "VA"), ("Congo", "CG"),
])
def test_names_resolve_to_the_right_code(written, iso2):
    assert countries.resolve(written).iso2 == iso2


@pytest.mark.parametrize("written, candidates", [
    ("Korea", ["KP", "KR"]), ("Virgin Islands", ["VG", "VI"]),
])
def test_ambiguous_names_are_refused_with_candidates(written, candidates):
    with pytest.raises(RegistryError) as raised:
        countries.resolve(written, where="row 3")
    message = str(raised.value)
    assert message.startswith("row 3:") and "more than one country" in message
    for code in candidates:
        assert f"({code})" in message


@pytest.mark.parametrize("written, suggestion", [
    ("Frаnce", "France (FR)"),  # Cyrillic a
    ("Germny", "Germany (DE)"),
    ("Phillipines", "Philippines (PH)"),
])
def test_unknown_names_suggest_candidates(written, suggestion):
    with pytest.raises(RegistryError) as raised:
        countries.resolve(written)
    assert "unknown country" in str(raised.value) and suggestion in str(raised.value)


@pytest.mark.parametrize("written", ["", "   ", "ZZ", "XYZ", "Atlantis", "France\u200f", "\u202eFrance"])
def test_nothing_is_guessed(written):
    with pytest.raises(RegistryError):
        countries.resolve(written)


def test_every_iso_country_resolves_from_its_own_code_and_name():
    for country in countries.all_countries():
        assert countries.resolve(country.iso2).iso2 == country.iso2
        assert countries.resolve(country.iso3).iso2 == country.iso2
        assert countries.resolve(country.name).iso2 == country.iso2


def test_alias_table_names_are_unambiguous():
    for name, iso2 in countries.ALIASES.items():
        assert countries.resolve(name).iso2 == iso2


def test_countries_command(cli):
    result = cli("countries", "Vietnam", "--json")
    assert result.json() == [{"iso2": "VN", "iso3": "VNM", "name": "Viet Nam"}]  # the UN's short name
