"""Spanish normalisation: our own sentences and the words we want said."""
from __future__ import annotations

import pytest

from bulletin.speech import normalize

CASES = [
    ("El 3 de marzo de 2025", "El tres de marzo de dos mil veinticinco"),
    ("desde el 1 de mayo del 2024", "desde el primero de mayo del dos mil veinticuatro"),
    ("Vence el 15/08/2026.", "Vence el quince de agosto de dos mil veintiséis."),
    ("Fecha: 2025-03-03", "Fecha: tres de marzo de dos mil veinticinco"),
    ("en marzo de 2025", "en marzo de dos mil veinticinco"),
    ("Llame al 1-888-373-7888.", "Llame al uno, ocho ocho ocho, tres siete tres, siete ocho ocho ocho."),
    ("o al (55) 1234-5678", "o al cinco cinco, uno dos tres cuatro, cinco seis siete ocho"),
    ("Marque +34 912 345 678", "Marque más tres cuatro, nueve uno dos, tres cuatro cinco, seis siete ocho"),
    ("En peligro, llame al 911.", "En peligro, llame al nueve uno uno."),
    ("Envía AYUDA al 233733", "Envía AYUDA al dos tres tres siete tres tres"),
    ("un fondo de $2,5 millones", "un fondo de dos coma cinco millones de dólares"),
    ("un fondo de $2.5 millones", "un fondo de dos coma cinco millones de dólares"),
    ("cuesta 25 dólares", "cuesta veinticinco dólares"),
    ("cuesta $12,50", "cuesta doce dólares con cincuenta centavos"),
    ("solo $1", "solo un dólar"),
    ("pagó $21", "pagó veintiún dólares"),
    ("son 20 € o €1.500", "son veinte euros o mil quinientos euros"),
    ("$1.000.000 en total", "un millón de dólares en total"),
    ("el 40 % de los casos", "el cuarenta por ciento de los casos"),
    ("subió 3,5%", "subió tres coma cinco por ciento"),
    ("a las 10:30 a. m.", "a las diez y treinta de la mañana"),
    ("a las 9:00", "a las nueve en punto"),
    ("a las 14:00 h", "a las catorce horas"),
    ("a la 1 p. m.", "a la una de la tarde"),
    ("más de 1.500 casos", "más de mil quinientos casos"),
    ("entre 18-24 años", "entre dieciocho y veinticuatro años"),
    ("la 2.ª planta, el 1.º de mayo", "la segunda planta, el primero de mayo"),
    ("La Sra. Gómez y el Dr. Ruiz", "La Señora Gómez y el Doctor Ruiz"),
    ("en EE. UU. y México", "en Estados Unidos y México"),
    ("Escriba a ayuda@condado.gob", "Escriba a ayuda arroba condado punto gob"),
]


@pytest.mark.parametrize("written, spoken", CASES)
def test_spanish_cases(written: str, spoken: str) -> None:
    assert normalize(written, "es") == spoken


def test_regional_tags_use_spanish_rules() -> None:
    assert normalize("llame al 911", "es-MX") == "llame al nueve uno uno"
