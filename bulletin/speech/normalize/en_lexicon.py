"""English word lists the rules consult. Data only; every entry is ours to extend."""
from __future__ import annotations

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                       "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

ACRONYMS_SAID_AS_WORDS = frozenset("""
NASA FEMA NATO UNICEF UNESCO COVID AIDS OPEC NAFTA SWAT DACA ICE HUD SNAP WIC SIDS MERS SARS
LASIK PIN GIF NIMBY SCOTUS POTUS FIFA NASCAR UEFA ZIP OSHA AMBER ASAP CARES HIPAA MEDICARE
MEDICAID LEGO RAM ROM SIM NOAA NAACP OSHA DARPA INTERPOL TRIO CAPTCHA SCUBA RADAR LASER SONAR
TEDx TED PAC GED YOLO NEET ISIS OPEN DREAM SAFE HOPE CARE LIFE STAR FAQ
""".split())
"""Acronyms people say as a word. Everything else in capitals is spelled letter by letter."""

LOWERCASE_SPELLED = {"tv": "T V", "pc": "P C", "dvd": "D V D", "id": None}
"""Lowercase words that are really initialisms (None: leave it alone, 'id' is ambiguous)."""

# abbreviation (without its period) -> spoken; "title" ones come before a name
TITLES = {"Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Dr": "Doctor", "Prof": "Professor",
          "Gov": "Governor", "Sen": "Senator", "Rep": "Representative", "Lt": "Lieutenant",
          "Sgt": "Sergeant", "Capt": "Captain", "Gen": "General", "Col": "Colonel",
          "Supt": "Superintendent", "Det": "Detective", "Insp": "Inspector", "Rev": "Reverend",
          "Hon": "Honorable", "Pres": "President", "Fr": "Father", "Sr": "Senior",
          "Jr": "Junior", "St": "Saint", "Mt": "Mount", "Ft": "Fort"}
STREET_SUFFIXES = {"St": "Street", "Ave": "Avenue", "Av": "Avenue", "Blvd": "Boulevard",
                   "Rd": "Road", "Dr": "Drive", "Ln": "Lane", "Ct": "Court", "Pl": "Place",
                   "Hwy": "Highway", "Fwy": "Freeway", "Pkwy": "Parkway", "Sq": "Square",
                   "Ter": "Terrace", "Cir": "Circle", "Mt": "Mount", "Ste": "Suite",
                   "Apt": "Apartment", "Bldg": "Building", "Fl": "Floor"}
GENERAL = {"Dept": "Department", "dept": "department", "vs": "versus", "Vs": "versus",
           "etc": "et cetera", "approx": "approximately", "Approx": "approximately",
           "Inc": "Incorporated", "Corp": "Corporation", "Ltd": "Limited", "Assn": "Association",
           "Univ": "University", "Govt": "Government", "govt": "government", "Intl": "International",
           "Natl": "National", "est": "established", "Est": "established", "Fig": "Figure",
           "fig": "figure", "Vol": "Volume", "vol": "volume", "Ch": "Chapter", "ch": "chapter",
           "pp": "pages", "misc": "miscellaneous", "yr": "year", "yrs": "years", "hrs": "hours",
           "mins": "minutes", "tel": "telephone", "Tel": "telephone", "ext": "extension",
           "Ext": "extension", "min": "minimum", "max": "maximum",
           "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday",
           "Thu": "Thursday", "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday",
           "Sat": "Saturday", "Sun": "Sunday"}
LATIN = {"e.g.": "for example", "i.e.": "that is", "a.k.a.": "also known as",
         "aka": "also known as", "A.K.A.": "also known as", "R.S.V.P.": "R S V P",
         "p.s.": "P S", "P.S.": "P S", "c/o": "care of", "n/a": "not applicable",
         "N/A": "not applicable", "w/o": "without", "w/": "with", "his/her": "his or her",
         "he/she": "he or she", "him/her": "him or her", "s/he": "she or he", "24/7": "twenty four seven",
         "and/or": "and or", "401(k)": "four oh one K", "9/11": "nine eleven"}

REGNAL_NAMES = frozenset("""
Henry Elizabeth Louis George Charles Edward James William Mary Richard John Paul Pius Benedict
Leo Gregory Innocent Clement Alexander Frederick Philip Felipe Juan Carlos Ferdinand Peter
Catherine Nicholas Ivan Napoleon Victor Emmanuel Wilhelm Ludwig Francis Rama Constantine Anne
Urban Boniface Sixtus Julius Alfonso Gustav Haakon Harald Olav Christian Margrethe Willem
""".split())
NUMBERED_THINGS = frozenset("""
War Chapter Part Volume Book Act Title Phase Class Type Level Stage Article Section Schedule
Bowl Round Grade Division Tier Appendix Annex Unit Vatican Apollo Star Rocky Psalm Canto
""".split())

UNITS = {
    # written -> (singular, plural); matched case-sensitively after a number
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"), "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "mi": ("mile", "miles"), "ft": ("foot", "feet"),
    "yd": ("yard", "yards"), "yds": ("yard", "yards"), "kg": ("kilogram", "kilograms"),
    "KG": ("kilogram", "kilograms"), "Kg": ("kilogram", "kilograms"), "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"), "mpg": ("mile per gallon", "miles per gallon"),
    "ml": ("milliliter", "milliliters"), "mL": ("milliliter", "milliliters"),
    "l": ("liter", "liters"), "gal": ("gallon", "gallons"), "cc": ("C C", "C C"),
    "sq ft": ("square foot", "square feet"), "sq mi": ("square mile", "square miles"),
    "km²": ("square kilometer", "square kilometers"), "m²": ("square meter", "square meters"),
    "km2": ("square kilometer", "square kilometers"), "m2": ("square meter", "square meters"),
    "km³": ("cubic kilometer", "cubic kilometers"), "m³": ("cubic meter", "cubic meters"),
    "ha": ("hectare", "hectares"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"), "mins": ("minute", "minutes"), "sec": ("second", "seconds"),
    "ms": ("millisecond", "milliseconds"), "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "W": ("watt", "watts"), "V": ("volt", "volts"),
    "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"), "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"), "KB": ("kilobyte", "kilobytes"), "kb": ("kilobit", "kilobits"),
    "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"),
    "mbps": ("megabit per second", "megabits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "°C": ("degree Celsius", "degrees Celsius"),
    "°": ("degree", "degrees"), "mmHg": ("millimeter of mercury", "millimeters of mercury"),
    "kcal": ("kilocalorie", "kilocalories"), "cal": ("calorie", "calories"),
    "x": ("times", "times"), "X": ("times", "times"),
}
PER_UNITS = {"kg": "kilogram", "km": "kilometer", "mi": "mile", "hr": "hour", "h": "hour",
             "mo": "month", "yr": "year", "wk": "week", "d": "day", "day": "day", "s": "second",
             "sec": "second", "min": "minute", "lb": "pound", "g": "gram", "m": "meter",
             "l": "liter", "gal": "gallon", "month": "month", "year": "year", "week": "week",
             "hour": "hour", "person": "person", "night": "night", "ea": "each"}

CURRENCIES = {
    # symbol -> (singular, plural, minor singular, minor plural)
    "$": ("dollar", "dollars", "cent", "cents"), "US$": ("U S dollar", "U S dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"), "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""), "₩": ("won", "won", "", ""), "₹": ("rupee", "rupees", "paisa", "paise"),
    "₽": ("ruble", "rubles", "kopek", "kopeks"), "₱": ("peso", "pesos", "centavo", "centavos"),
    "₦": ("naira", "naira", "kobo", "kobo"), "₺": ("lira", "lira", "kuruş", "kuruş"),
}
SCALES = {"thousand": "thousand", "k": "thousand", "K": "thousand", "million": "million",
          "m": "million", "M": "million", "mn": "million", "mln": "million", "billion": "billion",
          "b": "billion", "B": "billion", "bn": "billion", "trillion": "trillion", "t": "trillion",
          "T": "trillion", "tn": "trillion"}

WORD_TLDS = frozenset("com org net edu gov info mil int biz coop museum".split())
"""Top-level domains said as words; the rest ('uk', 'de', 'sm') are spelled out."""

