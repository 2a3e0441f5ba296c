"""Spanish numbers said as a listener expects: service numbers, cents, 'un' and 'una'."""
from __future__ import annotations

import pytest

from bulletin.speech.normalize import normalize

CASES = [
    ("Servicio de relevo 711", "Servicio de relevo siete uno uno"),
    ("Relevo: 711", "Relevo: siete uno uno"),
    ("Llame al 211 para ayuda", "Llame al dos uno uno para ayuda"),
    ("marque 988.", "marque nueve ocho ocho."),
    ("Llegaron 711 personas", "Llegaron setecientos once personas"),
    ("cuesta $0.99", "cuesta noventa y nueve centavos"),
    ("cuesta $0,01", "cuesta un centavo"),
    ("cuesta $1.50", "cuesta un dólar con cincuenta centavos"),
    ("solo 1 dólar", "solo un dólar"),
    ("hace 1 año", "hace un año"),
    ("durante 21 días", "durante veintiún días"),
    ("1 persona", "una persona"),
    ("31 horas", "treinta y una horas"),
    ("llame 1 vez", "llame una vez"),
    ("21 ciudades y 31 opciones", "veintiuna ciudades y treinta y una opciones"),
    ("1 idioma", "un idioma"),
    ("el 21 de marzo", "el veintiuno de marzo"),
    ("1 o 2 veces", "uno o dos veces"),
    ("Llame al 1-888-373-7888 (las 24 horas)", "Llame al uno, ocho ocho ocho, tres siete tres, siete ocho ocho ocho (las veinticuatro horas)"),
    ("Envíe un mensaje de texto (SMS) al 233733", "Envíe un mensaje de texto (SMS) al dos tres tres siete tres tres"),
]


@pytest.mark.parametrize("written, spoken", CASES)
def test_spanish(written, spoken):
    assert normalize(written, "es") == spoken
