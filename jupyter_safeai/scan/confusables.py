"""Letters of other scripts that a reader takes for Latin ones (Unicode TR39 confusables).

`ЅЅN:` (Cyrillic DZE), `Мrs.` (Cyrillic EM) and `gmаil.com` (Cyrillic A) read as Latin to
a person, so labels, titles and domains written with them must read as Latin to the
recognizers too. The table is the subset of Unicode's confusables.txt (TR39) whose
source is one Cyrillic, Greek, Armenian, Cherokee, Coptic or Latin-extension letter and
whose prototype is one ASCII letter or digit: every entry keeps the text's length, so
the skeleton needs no offset map. Derived once from the data that the MIT-licensed
`confusable-homoglyphs` 3.3.1 package ships (Unicode data licence); regenerate the
same way when Unicode adds confusables, and keep the run-time code free of the package:

    data = json.load(open("confusable_homoglyphs/confusables.json"))
    table = {char: entry["c"] for char, entries in data.items() for entry in entries
             if len(char) == 1 and not char.isascii()
             and unicodedata.name(char, "").split()[0] in {
                 "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "LATIN"}
             and len(entry["c"]) == 1 and entry["c"].isascii() and entry["c"].isalnum()}
"""

from __future__ import annotations

import re

_SOURCES = (
    "\u0131\u017f\u0184\u018d\u0196\u01a6\u01a7\u01b7\u01bc\u01bd\u01c0\u021c"
    "\u0222\u0223\u0251\u0261\u0263\u0269\u026a\u026f\u028b\u028f\u037a\u037f"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4"
    "\u03a5\u03a7\u03b1\u03b3\u03b9\u03bd\u03bf\u03c1\u03c3\u03c5\u03d2\u03dc"
    "\u03e8\u03f1\u03f2\u03f3\u03f9\u03fa\u0405\u0406\u0408\u0410\u0412\u0415"
    "\u0417\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425\u042c\u0430"
    "\u0431\u0433\u0435\u043e\u0440\u0441\u0443\u0445\u0455\u0456\u0458\u0461"
    "\u0474\u0475\u04ae\u04af\u04bb\u04bd\u04c0\u04cf\u04e0\u0501\u050c\u051b"
    "\u051c\u051d\u054d\u054f\u0555\u0561\u0563\u0566\u0570\u0578\u057c\u057d"
    "\u0581\u0584\u0585\u13a0\u13a1\u13a2\u13a5\u13a9\u13aa\u13ab\u13ac\u13b3"
    "\u13b7\u13bb\u13bd\u13c0\u13c2\u13c3\u13ce\u13cf\u13d2\u13d4\u13d5\u13d9"
    "\u13da\u13de\u13df\u13e2\u13e6\u13e7\u13ee\u13f3\u13f4\u1d04\u1d0f\u1d11"
    "\u1d1c\u1d20\u1d21\u1d22\u1d26\u1d83\u1d8c\u1e9d\u1eff\u1fbe\u2c85\u2c8e"
    "\u2c92\u2c94\u2c98\u2c9a\u2c9e\u2c9f\u2ca2\u2ca3\u2ca4\u2ca5\u2ca6\u2ca8"
    "\u2cac\u2cca\u2ccc\u2cd0\u2cd2\ua644\ua647\ua731\ua75a\ua76a\ua76e\ua798"
    "\ua799\ua79f\ua7ab\ua7b2\ua7b3\ua7b4\uab32\uab35\uab3d\uab47\uab48\uab4e"
    "\uab52\uab5a\uab75\uab81\uab83\uab93\uaba9\uabaa\uabaf\U000102f5\U0001d206\U0001d20d"
    "\U0001d212\U0001d213\U0001d216\U0001d22a"
)
_PROTOTYPES = (
    "ifbglR235sl3"
    "88agyiiwuyiJ"
    "ABEZHlKMNOPT"
    "YXayivopouYF"
    "2pcjCMSlJABE"
    "3KMHOPCTYXba"
    "6reopcyxsijw"
    "VvYyheli3dGq"
    "WwUSOwqqhnnu"
    "gfoDRTiYAJEW"
    "MHYGhZ4bRWSV"
    "SLCPKd6GBcoo"
    "uvwzrgyfyirH"
    "lKMNOoPpCcTY"
    "X93L62is239F"
    "fu3JXBeforru"
    "uyirwzvscZ3V"
    "7FRL"
)
#: One letter to its ASCII prototype: `str.translate` table.
SKELETON = str.maketrans(_SOURCES, _PROTOTYPES)
#: Any letter the table maps.
CONFUSABLE = re.compile("[" + re.escape(_SOURCES) + "]")
