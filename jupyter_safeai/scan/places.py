"""Geography smaller than a state: street addresses, ZIP and postal codes, cities.

Street suffixes are the USPS list (as Faker ships it) plus abbreviations and other
countries' forms (rue, Calle, -straße). A ZIP code is a ZIP when it follows a state or a
label; a bare five-digit number is not. A city is a city after a residence cue or
before a state or country.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from .finding import Finding

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "DC": "District of Columbia", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "Virgin Islands", "AA": "Armed Forces Americas", "AE": "Armed Forces Europe",
    "AP": "Armed Forces Pacific",
}
COUNTRIES = (
    "USA", "United States", "Canada", "Mexico", "UK", "United Kingdom", "England", "Scotland",
    "Wales", "Ireland", "France", "Germany", "Spain", "Portugal", "Italy", "Netherlands",
    "Belgium", "Switzerland", "Austria", "Sweden", "Norway", "Denmark", "Finland", "Poland",
    "Russia", "Ukraine", "Turkey", "Greece", "Israel", "Egypt", "Nigeria", "Ghana", "Kenya",
    "South Africa", "Ethiopia", "Morocco", "Saudi Arabia", "UAE", "Qatar", "Iran", "Iraq",
    "Pakistan", "India", "Bangladesh", "Sri Lanka", "Nepal", "China", "Japan", "Korea",
    "South Korea", "Taiwan", "Vietnam", "Viet Nam", "Thailand", "Philippines", "Indonesia",
    "Malaysia", "Singapore", "Australia", "New Zealand", "Brazil", "Argentina", "Chile",
    "Colombia", "Peru", "Venezuela", "Cuba", "Jamaica", "Haiti", "Lebanon", "Jordan",
    "Syria", "Algeria", "Tunisia", "Senegal", "Cameroon", "Uganda", "Tanzania",
)
_ABBREVIATED_SUFFIXES = (
    "St", "Ave", "Av", "Rd", "Blvd", "Ln", "Dr", "Ct", "Pl", "Ter", "Cir", "Pkwy", "Hwy",
    "Sq", "Trl", "Cres", "Cl", "Aly", "Plz", "Rte", "Expy", "Fwy", "Hts", "Xing", "Pt",
    "Cv", "Hbr", "Gln", "Grv", "Mdws", "Spgs", "Sta", "Smt", "Vly", "Way", "Row", "Loop",
    "Close", "Crescent", "Mews", "Wynd", "Gate", "Green", "Rise", "Grove",
)


def _alternation(words: object) -> str:
    return "|".join(sorted({regex.escape(w) for w in words}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _street_pattern() -> regex.Pattern[str]:
    from faker.providers.address.en_US import Provider

    suffixes = _alternation((*Provider.street_suffixes, *_ABBREVIATED_SUFFIXES))
    word = r"(?:\p{Lu}[\p{L}'.-]*|\d+(?:st|nd|rd|th))"
    unit = r"(?:[ \t,]+(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Room|Rm|Bldg|#)\.?[ \t]*#?[\w-]+)?"
    return regex.compile(
        rf"(?<![\w-])\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}})?[ \t]+(?:[NSEW]\.?[ \t]+)?"
        rf"(?:{word}[ \t]+){{1,4}}(?:{suffixes})\.?(?![\w-]){unit}"
        r"|(?<![\w-])P\.?[ \t]?O\.?[ \t]+Box[ \t]+\d{1,6}"
        # rue / avenue first (French), Calle / Avenida / Rua / Via then a number
        r"|(?<![\w-])\d{1,5}(?:[ \t]?bis)?,?[ \t]+(?:rue|avenue|boulevard|bd|chemin|allée|place|"
        r"impasse|quai)[ \t]+(?:[\p{L}'-]+[ \t]+){0,4}[\p{L}'-]+"
        r"|(?<![\w-])(?:Calle|Avenida|Av\.|Avda\.|Rua|Via|Viale|Carrera|Jirón|Paseo|Camino)"
        r"[ \t]+(?:[\p{L}'.-]+[ \t]+){0,4}(?:No\.?[ \t]*)?\d{1,5}[A-Za-z]?"
        # German / Dutch / Nordic: Hauptstraße 12
        r"|(?<![\w-])\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|"
        r"laan|gracht|straat|gatan|vägen|vej|gade)[ \t]+\d{1,5}[a-z]?(?![\w-])",
    )


_STATE_CODES = _alternation(US_STATES)
_STATE_NAMES = _alternation(US_STATES.values())
_COUNTRIES = _alternation(COUNTRIES)
_ZIP_AFTER_STATE = regex.compile(
    rf"(?<=\b(?:{_STATE_CODES}|{_STATE_NAMES}),?[ \t]+)(?P<value>\d{{5}}(?:-\d{{4}})?)(?![\w-])")
_ZIP_LABELLED = regex.compile(
    r"(?<=\b(?:zip|zipcode|zip[ _]code|postal[ _]?code|postcode|post[ _]code|zip5|zip3)s?"
    r"[\"']?[ \t]*[:=#]?[ \t]*[\"']?)(?P<value>\d{5}(?:-\d{4})?|\d{3}|"
    r"[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2})(?![\w-])",
    regex.IGNORECASE,
)
_ZIP_PLUS4 = regex.compile(r"(?<![\w-])\d{5}-\d{4}(?![\w-])")
_UK_POSTCODE = regex.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?[ ]\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
_CITY = r"\p{Lu}[\p{Ll}\p{M}]+(?:[ -](?:\p{Lu}[\p{Ll}\p{M}]+|of|de|la|del))*?"
_CITY_BEFORE_REGION = regex.compile(
    rf"(?<![\p{{L}}])(?P<value>{_CITY}),[ \t]*(?:{_STATE_CODES}|{_STATE_NAMES}|{_COUNTRIES})"
    r"(?![\p{L}])"
)
_CITY_AFTER_CUE = regex.compile(
    r"(?i:\b(?:city|town|municipality|village|lives[ \t]+in|living[ \t]+in|resides[ \t]+in|"
    r"resident[ \t]+of|born[ \t]+in|moved[ \t]+(?:from|to)|relocated[ \t]+to|hometown|"
    r"place[ \t]+of[ \t]+birth|pob|home[ \t]+in|from[ \t]+the[ \t]+city[ \t]+of))"
    rf"[\"']?[ \t]*[:=]?[ \t]*[\"']?(?P<value>{_CITY})(?![\p{{L}}])"
)
_NOT_CITY = frozenset({"The", "This", "That", "His", "Her", "Their", "A", "An", "New", "Our",
                       "Unknown", "None", "Same", "Home", "Hospital", "Clinic"})


class PlaceRecognizer:
    name = "pattern:place"

    def find(self, text: str) -> Iterator[Finding]:
        for match in _street_pattern().finditer(text):
            end = match.end()
            while end > match.start() and text[end - 1] in ".,":
                end -= 1
            yield Finding(match.start(), end, "STREET_ADDRESS", "phi", 0.9, self.name)
        for pattern, score in ((_ZIP_AFTER_STATE, 0.85), (_ZIP_LABELLED, 0.85)):
            for match in pattern.finditer(text):
                yield Finding(match.start("value"), match.end("value"), "ZIP_CODE", "phi",
                              score, self.name)
        for pattern in (_ZIP_PLUS4, _UK_POSTCODE):
            for match in pattern.finditer(text):
                yield Finding(match.start(), match.end(), "ZIP_CODE", "phi", 0.75, self.name)
        for pattern in (_CITY_BEFORE_REGION, _CITY_AFTER_CUE):
            for match in pattern.finditer(text):
                value = match.group("value")
                if value.split()[0] in _NOT_CITY:
                    continue
                yield Finding(match.start("value"), match.end("value"), "LOCATION", "phi",
                              0.75, self.name)


PLACE_RECOGNIZERS = (PlaceRecognizer(),)
