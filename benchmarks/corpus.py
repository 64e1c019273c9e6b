"""Seeded generator of annotated, synthetic notebook cells for scanner development.

Every record is one cell a researcher might send to the assistant: a clinical note in a
Python string or Markdown, a printed DataFrame, a config cell, genomics output, SQL,
code, Markdown or a typed prompt. Gold spans are recorded while the text is built
(piece by piece, offsets counted as we go), never searched for afterwards.

About 40 % of the records are hard negatives (``clean: true``, no spans): text that
looks like PHI or secrets to a naive scanner but is not (ages <= 89, lab values, drug
and gene names, eponyms, placeholders, documentation numbers, public URLs...).

PERSON spans carry ``origin``, ``script``, ``name_source`` ("faker": drawn from Faker's
locale lists; "heldout": a hand-written list below, filtered so that no given name and,
where the surname pool allows, no surname is in Faker's lists) and ``cue`` ("title",
"label", "prose" for an unlabelled name in running text, "table").

    .venv/bin/python benchmarks/corpus.py --out tests/data/dev_corpus.jsonl

All content is synthetic. Deterministic for a seed (``random.Random`` + Faker seeded).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import importlib
import json
import random
import re
import string
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faker import Faker

DEFAULT_SEED = 20240521
DEFAULT_RECORDS = 3000
CLEAN_SHARE = 0.41
KINDS = ("clinical_note", "dataframe_repr", "config", "genomics", "sql", "code", "markdown",
         "prompt")
ORIGINS = ("english", "hispanic", "chinese", "japanese", "korean", "vietnamese", "indian",
           "nigerian", "ghanaian", "arabic")

# ---------------------------------------------------------------------------- names


def _faker_list(locale: str, attr: str) -> tuple[str, ...]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    values = getattr(provider, attr)
    return tuple(v for v in dict.fromkeys(values)
                 if v and "'" not in v and "(" not in v and len(v.split()) <= 2
                 and not re.search(r"[A-Z]{2}[a-z]", v))


@dataclass(frozen=True)
class Pool:
    """Where one kind of name comes from and how it is written."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    family_first: bool = False
    sep: str = " "
    middle: tuple[str, ...] = ()
    weight: float = 1.0


def _fp(locale: str, family_first: bool = False, sep: str = " ", given: str = "first_names",
        family: str = "last_names", middle: str = "", weight: float = 1.0) -> Pool:
    return Pool(_faker_list(locale, given), _faker_list(locale, family), family_first, sep,
                _faker_list(locale, middle) if middle else (), weight)


FAKER_POOLS: dict[str, list[Pool]] = {
    "english": [_fp("en_US")],
    "hispanic": [_fp("es_MX")],
    "chinese": [_fp("zh_CN", True, ""),
                _fp("zh_CN", True, " ", "first_romanized_names", "last_romanized_names", "",
                    0.5),
                _fp("zh_CN", False, " ", "first_romanized_names", "last_romanized_names", "",
                    0.5)],
    "japanese": [_fp("ja_JP", True, " ", weight=0.6), _fp("ja_JP", True, "", weight=0.4),
                 _fp("ja_JP", False, " ", "first_romanized_names", "last_romanized_names")],
    "korean": [_fp("ko_KR", True, "")],
    "vietnamese": [Pool(_faker_list("vi_VN", "first_names_male")
                        + _faker_list("vi_VN", "first_names_female"),
                        _faker_list("vi_VN", "last_names"), True, " ",
                        _faker_list("vi_VN", "middle_names"))],
    "indian": [_fp("en_IN", weight=0.7), _fp("hi_IN", weight=0.3)],
    "nigerian": [_fp("yo_NG"), _fp("ig_NG"), _fp("ha_NG")],
    "ghanaian": [_fp("tw_GH")],
    "arabic": [Pool(_faker_list("ar_AA", "first_names"), _faker_list("ar_SA", "last_names"))],
}

# Hand-written per origin; filtered below against Faker's lists of the same origin.
_HELDOUT_RAW: dict[str, list[tuple[str, str, bool, str, str]]] = {
    # origin: [(given words, family words, family_first, sep, middle words)]
    "english": [(
        "Thaddeus Winifred Cornelius Prudence Barnaby Ophelia Percival Rosalind Ambrose "
        "Henrietta Leopold Mirabel Eustace Clementine Lavinia Ignatius Philippa Octavia "
        "Bartholomew Cressida Evander Isolde Alaric Perpetua",
        "Whitcombe Ashdown Fairweather Thistlewood Hollingsworth Kettleborough Marchbanks "
        "Winterbottom Cresswell Featherstone Grimshaw Haverford Merriweather Ravensworth "
        "Stanhope Wetherby Pennywhistle Blackwood Ormsby Trelawney Quenby Abernathy",
        False, " ", "")],
    "hispanic": [(
        "Anacleto Eufemia Hermenegildo Clotilde Fulgencio Remedios Primitivo Xóchitl "
        "Cuauhtémoc Itzel Nepomuceno Maximina Evaristo Petronila Teodomiro Zenaida Abundio "
        "Brígida Leocadio Casimira Tonatiuh Citlali",
        "Quintanilla Arredondo Villaseñor Echeverría Zubiaurre Irigoyen Etxeberria Cifuentes "
        "Berrospe Garmendia Olazábal Urquidi Anzaldúa Larrañaga Bracamontes Arizmendi "
        "Careaga Goicoechea Amezcua Uribarri Ochoterena Iturbide Zavaleta Aguirrezábal "
        "Lizárraga Ybarra Berlanga Sahagún",
        False, " ", "")],
    "chinese": [
        ("梓涵 浩然 雨桐 子轩 若曦 思琪 博洋 俊豪 婉婷 铭泽 欣怡 天佑 沐阳 语嫣 煜祺 瑾瑜",
         "欧阳 诸葛 司徒 上官 荣 乔 梅 宫 白 孔 耿 庞 皇甫 慕容 令狐 东方 端木 公孙 轩辕 宇文 夏侯 "
         "尉迟 长孙 百里", True, "", ""),
        ("Zhiyuan Ruoxi Haoran Yutong Zixuan Jiahui Mingze Shuyi Tianyu Kaiwen Yuhan Boyang "
         "Siqi Junhao Wanting Muyang Yuyan",
         "Ouyang Zhuge Situ Shangguan Rong Qiao Mei Gong Kong Geng Pang Huangfu Murong Ji",
         True, " ", ""),
    ],
    "japanese": [
        ("陽翔 結菜 蒼 陽葵 湊 紬 樹 楓 柚月 琥珀 凛 悠真 芽依 颯太",
         "西澤 黒澤 橘 森川 篠原 若林 星野 竹中 菅原 北川 古川 宮本", True, " ", ""),
        ("Haruto Yuina Sota Riku Himari Minato Tsumugi Aoi Ren Yuzuki Hinata Kaede Itsuki "
         "Kohaku Rin Yuma Mei",
         "Nishizawa Kurosawa Tachibana Morikawa Shinohara Kanazawa Wakabayashi Hoshino "
         "Takenaka Sugawara Kitagawa Noguchi Furukawa Miyamoto", False, " ", ""),
    ],
    "korean": [
        ("서준 하은 도윤 지아 시우 예린 은우 채원 건우 지호 다인 태양 나래 윤슬 하람 "
         "이안 로운 새봄 누리 다온 라온 가온 해솔 별하 초롱 한결",
         "남궁 황보 제갈 선우 독고 탁 편 명 석 봉 하 우", True, "", ""),
        ("Seojun Haeun Doyun Jia Siwoo Yerin Eunwoo Chaewon Geonwoo Jiho Dain Taeyang Narae",
         "Namgung Hwangbo Jegal Seonwoo Dokgo Park Choi Jung Yoon Kang Jang Lim Shin Han",
         True, " ", ""),
    ],
    "vietnamese": [(
        "Thư Quỳnh Bảo Duy Nhung Phượng Toàn Hậu Thắng Diệp Loan Sang Tín Yến Vỹ Khuê",
        "Lương Đinh Tạ Mai Cao Tôn Lâm Quách Hà Kiều Triệu Lạc Võ Đoàn Phùng",
        True, " ", "Thị Văn Ngọc Gia Bích Kim Thanh")],
    "indian": [
        ("Ishaan Vihaan Anaya Saanvi Reyansh Kiaan Myra Advik Navya Shaurya Tanvi Pranav "
         "Ritika Harshvardhan Bhavika Omkar Lavanya Siddharth Aditi Keshav Anirudh Chaitanya "
         "Dhruv Gauri Hrishikesh Jahnavi Kartikeya Madhavi Nandini Rukmini Sharvari Trilok "
         "Vaidehi Yashodhara Eshwar Gopika",
         "Chattopadhyay Venkataraman Raghunathan Deshpande Kulkarni Bhattacharjee "
         "Subramaniam Ramaswamy Krishnamurthy Mukhopadhyay Iyengar Nambiar Hegde "
         "Chaudhuri Banerjee Gokhale Chakraborty Ganguly Jhunjhunwala Kotwal Mahadevan "
         "Nadkarni Padmanabhan Rajagopalan Sengupta Thakkar Vaidyanathan Wadhwa Zaveri Kamath "
         "Bhandarkar Parthasarathy", False, " ", ""),
        ("आरव ईशान विहान अनाया सान्वी रेयांश मायरा नव्या शौर्य तन्वी अनिरुद्ध चैतन्य ध्रुव गौरी "
         "जाह्नवी कार्तिकेय माधवी नंदिनी वैदेही",
         "देशपांडे कुलकर्णी भट्टाचार्य चटर्जी मुखर्जी अय्यर पिल्लै हेगड़े गांगुली सेनगुप्ता ठक्कर "
         "वाधवा कामत पद्मनाभन नाडकर्णी झुनझुनवाला", False, " ", ""),
    ],
    "nigerian": [(
        "Ayotunde Folasade Temitope Olamide Iyanuoluwa Morenike Chidubem Ugochukwu Adaeze "
        "Chiamaka Ebuka Nnamdi Aminu Jamila Kabiru Hadiza Nasiru Rabi Tolulope Ikechukwu "
        "Oluwadamilare Ifeoluwa Babajide Titilayo Adewunmi Nkechinyere Obiageli Chinwendu "
        "Ogochukwu Lami Bilkisu Yakubu Muhammadu Kehinde Oyinkansola",
        "Adeyemi Ogunleye Fashola Okonkwo Nwachukwu Danladi Abdullahi Lawal Akinwande "
        "Olanrewaju Chukwuemeka Obiora Ezeani Adegoke Bamidele Onyekachi Dikko Tukur Adebanjo "
        "Ogundipe Olatunji Onwuachu Uzodinma Nnaji Anozie Ibekwe Shehu Gwarzo Danjuma Bichi "
        "Kazaure",
        False, " ", "")],
    "ghanaian": [(
        "Kwabena Akosua Yaw Abena Kwaku Afua Kofi Ama Kwame Adwoa Esi Kwesi Efua Yaaba "
        "Ekua Fiifi Akua Nii Naa Dzifa Selasi Edem Elikem Dzidzor Mawuli Korkor Adjeley Kpakpo "
        "Akorfa Senyo Delali Yayra Makafui Sena Enyonam Kekeli Nhyira Ewurabena Kakra Panyin",
        "Asamoah Boateng Mensah Owusu Ofori Amponsah Darko Gyamfi Frimpong Oppong Bonsu "
        "Acheampong Amoako Danquah Kufuor Sarpong Tetteh Quaye Lamptey Quartey Ankrah "
        "Agbodeka Nortey Tagoe Okine Kpodo Gbedemah Dzokoto Adzovie Ahiabor Kludze "
        "Amegashie Torgbor Ayittey Odoi Nikoi Kotei Sowah Laryea",
        False, " ", "")],
    "arabic": [
        ("Yousef Khalid Layla Tariq Noor Hamza Rania Bilal Samira Ziad Huda Anas Dalia "
         "Mariam Faisal Lubna",
         "Al-Hashimi El-Masri Haddad Khoury Al-Farsi Nasser Abdelrahman Al-Qahtani Mansour "
         "Darwish Hijazi Al-Zahrani Bitar Shehadeh Al-Amin Qasim", False, " ", ""),
        ("يوسف خالد ليلى طارق رانيا بلال سميرة زياد هدى أنس داليا لبنى",
         "الهاشمي المصري حداد خوري الفارسي منصور درويش حجازي البيطار الشهابي", False, " ", ""),
    ],
}


def _heldout_pools() -> dict[str, list[Pool]]:
    pools: dict[str, list[Pool]] = {}
    for origin, specs in _HELDOUT_RAW.items():
        faker_given = {w for p in FAKER_POOLS[origin] for g in p.given for w in g.split()}
        faker_family = {f for p in FAKER_POOLS[origin] for f in p.family}
        pools[origin] = []
        for given, family, family_first, sep, middle in specs:
            g = tuple(w for w in given.split() if w not in faker_given)
            f = tuple(w for w in family.split() if w not in faker_family)
            # Small surname pools (Chinese, Korean, Vietnamese) overlap Faker by nature;
            # the given name still makes the full name one Faker cannot produce.
            pools[origin].append(Pool(g, f or tuple(family.split()), family_first, sep,
                                      tuple(middle.split())))
    return pools


HELDOUT_POOLS = _heldout_pools()
TITLES = ("Dr. ", "Mr. ", "Mrs. ", "Ms. ", "Dr ", "Prof. ")
NAME_LABELS = ("Patient: ", "Name: ", "Pt: ", "patient name: ", "Patient name - ",
               "Subject: ", "Next of kin: ", "Referring physician: ")


def script_of(text: str) -> str:
    """The writing system of a name: kana wins over han (Japanese names mix both)."""
    scripts = set()
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            return "kana"
        if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            scripts.add("hangul")
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            scripts.add("han")
        elif 0x0600 <= o <= 0x06FF:
            scripts.add("arabic")
        elif 0x0900 <= o <= 0x097F:
            scripts.add("devanagari")
    for s in ("hangul", "han", "arabic", "devanagari"):
        if s in scripts:
            return s
    return "latin"


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii())


@dataclass(frozen=True)
class Name:
    text: str
    given: str
    family: str
    origin: str
    source: str

    @property
    def script(self) -> str:
        return script_of(self.text)

    def meta(self, cue: str) -> dict[str, str]:
        return {"origin": self.origin, "script": self.script, "name_source": self.source,
                "cue": cue}


# ------------------------------------------------------------------------- the cell


class Cell:
    """Text under construction with its gold spans, offsets counted while appending."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[dict[str, Any]] = []

    def __call__(self, *texts: str) -> Cell:
        for t in texts:
            self.parts.append(t)
            self.pos += len(t)
        return self

    def ent(self, value: str, entity: str, **meta: str) -> Cell:
        self.spans.append({"start": self.pos, "end": self.pos + len(value), "entity": entity,
                           **meta})
        return self(value)

    def person(self, name: Name, cue: str, text: str | None = None) -> Cell:
        return self.ent(text if text is not None else name.text, "PERSON", **name.meta(cue))

    @property
    def text(self) -> str:
        return "".join(self.parts)


# ------------------------------------------------------------------ value generators

MON = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH = ("", "January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")
DATE_STYLES: tuple[Callable[[dt.date], str], ...] = (
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day} {MON[d.month]} {d.year}",
    lambda d: f"{MONTH[d.month]} {d.day}, {d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    lambda d: f"{d.day:02d}-{MON[d.month]}-{d.year}",
    lambda d: f"{MON[d.month]} {d.day} {d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year}",
    lambda d: f"{d.day}/{d.month:02d}/{d.year}",
)
AREA_CODES = ("617", "212", "312", "415", "713", "206", "404", "305", "503", "773", "646",
              "857", "978", "919", "215", "602", "720", "832")
INTL_PHONES = ("+44 20 {4} {4}", "+81 3-{4}-{4}", "+91 9{4} {5}", "+234 803 {3} {4}",
               "+233 24 {3} {4}", "+82 10-{4}-{4}", "+84 91 {3} {2} {2}", "+52 55 {4} {4}",
               "+86 138 {4} {4}", "+971 50 {3} {4}", "+49 30 {4}{4}", "+966 55 {3} {4}")
CITIES = ("Boston", "Worcester", "Cambridge", "Houston", "Oakland", "Chicago", "Seattle",
          "Atlanta", "Newton", "Quincy", "Lowell", "Brockton", "Dorchester", "Framingham",
          "Somerville", "Fresno", "Tucson", "Durham", "Raleigh", "Dayton")
INTL_CITIES = (("Lagos", "Nigeria"), ("Kumasi", "Ghana"), ("Accra", "Ghana"),
               ("Hanoi", "Vietnam"), ("Da Nang", "Vietnam"), ("Busan", "South Korea"),
               ("Osaka", "Japan"), ("Pune", "India"), ("Hyderabad", "India"),
               ("Guadalajara", "Mexico"), ("Monterrey", "Mexico"), ("Riyadh", "Saudi Arabia"),
               ("Amman", "Jordan"), ("Ibadan", "Nigeria"), ("Kano", "Nigeria"),
               ("Chengdu", "China"), ("Sapporo", "Japan"), ("Daegu", "South Korea"))
STATES = ("MA", "NY", "IL", "TX", "CA", "WA", "GA", "OR", "NC", "AZ", "OH", "PA", "FL", "NJ")
HOSPITAL_PREFIXES = ("MGH", "BWH", "BMC", "NYP", "UCSF", "MSK", "DFCI", "CCF", "JHH")
DIAGNOSES = ("type 2 diabetes", "CHF exacerbation", "community-acquired pneumonia",
             "Parkinson's disease", "COPD", "atrial fibrillation", "stage III NSCLC",
             "Crohn's disease", "sepsis of urinary origin", "hip fracture",
             "Alzheimer's dementia", "acute kidney injury", "Hodgkin lymphoma",
             "Graves' disease", "NSTEMI", "cellulitis", "DKA", "multiple myeloma")
DRUGS = ("metformin 500 mg BID", "lisinopril 10 mg daily", "apixaban 5 mg BID",
         "atorvastatin 40 mg qHS", "furosemide 40 mg IV", "levothyroxine 75 mcg",
         "insulin glargine 20 units", "carbidopa-levodopa 25/100 TID", "prednisone 40 mg",
         "ceftriaxone 1 g IV q24h", "donepezil 10 mg", "tamoxifen 20 mg")
LABS = ("HbA1c 7.8%", "creatinine 1.4 mg/dL", "WBC 11.2 K/uL", "Na 134 mmol/L",
        "troponin 0.08 ng/mL", "BNP 920 pg/mL", "LDL 131 mg/dL", "eGFR 48", "Hgb 9.7 g/dL",
        "INR 2.3", "TSH 0.02 mIU/L", "lactate 3.1 mmol/L", "K 5.6 mmol/L", "CRP 88 mg/L")
GENES = ("BRCA1", "BRCA2", "TP53", "APOE", "KRAS", "EGFR", "CFTR", "MTHFR", "PTEN", "HLA-B",
         "CYP2C19", "TTN", "LRRK2", "SNCA", "PIK3CA")
RSIDS = ("rs429358", "rs7412", "rs1801133", "rs334", "rs4988235", "rs12913832", "rs53576",
         "rs1815739", "rs762551", "rs4680", "rs1042522", "rs6025", "rs1799963", "rs2187668",
         "rs9939609", "rs7903146", "rs1061170", "rs3892097")
WMI = ("1HG", "1FT", "JTD", "WBA", "5YJ", "KMH", "3VW", "1G1", "2T1", "JN1", "WVW", "1C4")
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = string.ascii_letters + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
AA = "ACDEFGHIKLMNPQRSTVWY"
PW_WORDS = ("Maple", "Harbor", "Falcon", "Sunset", "Granite", "Cobalt", "Willow", "Orchid",
            "Thunder", "Saffron", "Juniper", "Copper", "Meadow", "Glacier", "Ember")
PW_SYMBOLS = "!$%^&*-_.+="


def _vin_check(vin16: str) -> str:
    table = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
             **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
             **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
    weights = (8, 7, 6, 5, 4, 3, 2, 10, 9, 8, 7, 6, 5, 4, 3, 2)
    total = sum(table[c] * w for c, w in zip(vin16, weights, strict=True)) % 11
    return "X" if total == 10 else str(total)


def luhn_complete(digits: str) -> str:
    """`digits` plus the Luhn check digit."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return digits + str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Values:
    """Random identifier values; one RNG and seeded Faker instances."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        self.fakes_iban = [Faker(loc) for loc in ("en_GB", "de_DE", "fr_FR", "nl_NL", "es_ES")]
        for i, f in enumerate(self.fakes_iban):
            f.seed_instance(seed + i + 1)

    # --- helpers
    def pick(self, seq: Iterable[Any]) -> Any:
        seq = seq if isinstance(seq, (list, tuple, str)) else list(seq)
        return self.rng.choice(seq)

    def chars(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def digits(self, n: int) -> str:
        return self.chars(string.digits, n)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- names
    def name(self, origin: str | None = None, source: str | None = None) -> Name:
        origin = origin or self.pick(ORIGINS)
        source = source or ("faker" if self.chance(0.6) else "heldout")
        pools = (FAKER_POOLS if source == "faker" else HELDOUT_POOLS)[origin]
        pool = self.rng.choices(pools, weights=[p.weight for p in pools])[0]
        given = self.pick(pool.given)
        family = self.pick(pool.family)
        if origin == "hispanic" and self.chance(0.4):
            family = f"{family} {self.pick(pool.family)}"
        nasab = ""
        if origin == "arabic" and script_of(given) == "latin" and self.chance(0.25):
            nasab = f"bin {self.pick(pool.given)} "
        if pool.middle:
            given = f"{self.pick(pool.middle)} {given}"
        parts = (family, given) if pool.family_first else (given, nasab + family)
        text = pool.sep.join(parts)
        if origin == "vietnamese" and self.chance(0.35):
            text = ascii_fold(text.replace("Đ", "D").replace("đ", "d"))
        return Name(text, given, family, origin, source)

    # --- dates and ages
    def date(self, start: int = 1926, end: int = 2005) -> dt.date:
        return dt.date(self.rng.randint(start, end), self.rng.randint(1, 12),
                       self.rng.randint(1, 28))

    def date_text(self, start: int = 1926, end: int = 2005) -> str:
        return self.pick(DATE_STYLES)(self.date(start, end))

    def old_age(self) -> str:
        return str(self.rng.randint(90, 104))

    # --- contact
    def phone_us(self) -> str:
        area, ex, line = self.pick(AREA_CODES), str(self.rng.randint(201, 989)), self.digits(4)
        if ex == "555":
            ex = "556"
        style = self.rng.randrange(6)
        return (f"({area}) {ex}-{line}", f"{area}-{ex}-{line}", f"{area}.{ex}.{line}",
                f"+1 {area} {ex} {line}", f"1-{area}-{ex}-{line}", f"{area} {ex} {line}")[style]

    def phone(self) -> str:
        if self.chance(0.65):
            return self.phone_us()
        template = self.pick(INTL_PHONES)
        out = template
        for n in (5, 4, 3, 2):
            while f"{{{n}}}" in out:
                out = out.replace(f"{{{n}}}", str(self.rng.randint(2, 9)) + self.digits(n - 1),
                                  1)
        return out

    def email(self, name: Name | None = None) -> str:
        domain = self.pick(("gmail.com", "yahoo.com", "outlook.com", "hotmail.com",
                            "icloud.com", "protonmail.com", "aol.com", "comcast.net",
                            "partners.org", "bu.edu", "mgh.harvard.edu", "live.com"))
        if name and name.script == "latin":
            g = ascii_fold(name.given.split()[-1]).lower()
            f = ascii_fold(name.family.split()[-1]).lower().replace("-", "")
            local = self.pick((f"{g}.{f}", f"{g[0]}{f}", f"{g}{f}{self.digits(2)}",
                               f"{f}.{g}{self.rng.randint(1, 99)}", f"{g}_{f}"))
        else:
            local = self.fake.user_name()
        return f"{local}@{domain}"

    def handle(self, name: Name | None) -> str:
        if name and name.script == "latin":
            g = ascii_fold(name.given.split()[-1]).lower()
            f = ascii_fold(name.family.split()[-1]).lower().replace("-", "")
            return self.pick((f"{g}.{f}", f"{g}{f}{self.digits(2)}", f"{g}-{f}"))
        return self.fake.user_name()

    def personal_url(self, name: Name | None = None) -> str:
        h = self.handle(name)
        return self.pick((
            f"https://www.facebook.com/{h}", f"https://www.linkedin.com/in/{h.replace('.', '-')}"
            f"-{self.chars('0123456789abcdef', 6)}", f"https://www.instagram.com/{h}",
            f"https://twitter.com/{h.replace('.', '_').replace('-', '_')}",
            f"https://www.gofundme.com/f/help-{h.replace('.', '-')}-recover",
            f"https://www.caringbridge.org/visit/{h.replace('.', '').replace('-', '')}",
            f"https://mychart.partners.org/MyChart/patient/{self.digits(8)}",
            f"https://{h.replace('.', '').replace('-', '')}.wordpress.com",
            f"https://www.tiktok.com/@{h.replace('-', '_')}",
            f"https://drive.google.com/file/d/{self.chars(URLSAFE, 33)}/view",
        ))

    def ip(self) -> str:
        if self.chance(0.1):
            groups = ["2601", self.chars("0123456789abcdef", 3)] + [
                self.chars("0123456789abcdef", 4) for _ in range(6)]
            return ":".join(groups)
        first = self.pick((24, 50, 66, 67, 68, 71, 73, 74, 76, 96, 98, 108, 146, 155, 174,
                           184, 207))
        return f"{first}.{self.rng.randint(1, 254)}.{self.rng.randint(0, 255)}." \
               f"{self.rng.randint(2, 254)}"

    # --- places
    def street(self) -> str:
        return self.fake.street_address()

    def zip_code(self) -> str:
        z = f"{self.rng.randint(1001, 99950):05d}"
        return z + f"-{self.digits(4)}" if self.chance(0.15) else z

    def city(self) -> str:
        return self.fake.city() if self.chance(0.35) else self.pick(CITIES)

    # --- identifiers
    def ssn(self) -> str:
        area = self.rng.randint(1, 899)
        if area == 666:
            area = 667
        return f"{area:03d}-{self.rng.randint(1, 99):02d}-{self.rng.randint(1, 9999):04d}"

    def mrn(self) -> tuple[str, str]:
        """(label text before the value, value)."""
        d = self.digits(self.pick((7, 8, 8, 9)))
        return self.pick((("MRN: ", d), ("MRN#", d), ("MRN ", d), ("MR#: ", d),
                          ("medical record number ", d), ("mrn=", d), ("MRN:", d),
                          ("Medical Record No. ", d), ("", f"{self.pick(HOSPITAL_PREFIXES)}-"
                                                          f"{self.digits(8)}")))

    def mbi(self) -> str:
        letters = "ACDEFGHJKMNPQRTUVWXY"
        an = letters + string.digits
        v = (str(self.rng.randint(1, 9)) + self.pick(letters) + self.pick(an)
             + self.pick(string.digits) + self.pick(letters) + self.pick(an)
             + self.pick(string.digits) + self.pick(letters) + self.pick(letters)
             + self.digits(2))
        return f"{v[:4]}-{v[4:7]}-{v[7:]}" if self.chance(0.4) else v

    def health_plan(self) -> tuple[str, str]:
        return self.pick((
            ("Member ID: ", self.chars(string.ascii_uppercase, 3) + self.digits(9)),
            ("Medicare MBI ", self.mbi()),
            ("Health plan #: ", "W" + self.digits(9)),
            ("BCBS subscriber ID ", "XYP" + self.digits(10)),
            ("Medicaid ID: ", self.digits(8) + self.pick(string.ascii_uppercase)),
            ("insurance member no. ", self.digits(3) + "-" + self.digits(6) + "-01"),
            ("Policy number: ", "H" + self.digits(8)),
        ))

    def account(self) -> tuple[str, str]:
        if self.chance(0.5):
            iban = self.pick(self.fakes_iban).iban()
            if self.chance(0.4):
                iban = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
            return self.pick(("IBAN: ", "IBAN ", "refund to IBAN ")), iban
        return self.pick((("Account #: ", self.digits(12)), ("acct no. ", self.digits(10)),
                          ("Billing account: ", f"{self.digits(4)}-{self.digits(4)}-"
                                                f"{self.digits(4)}"),
                          ("bank account number ", self.digits(11)),
                          ("Patient account: ", "PA" + self.digits(9))))

    def card(self) -> str:
        brand = self.rng.randrange(3)
        if brand == 0:
            num = luhn_complete("4" + self.digits(14))
        elif brand == 1:
            num = luhn_complete(str(self.rng.randint(51, 55)) + self.digits(13))
        else:
            num = luhn_complete(self.pick(("34", "37")) + self.digits(12))
        sep = self.pick(("", " ", "-"))
        if len(num) == 16:
            return sep.join(num[i:i + 4] for i in range(0, 16, 4))
        return sep.join((num[:4], num[4:10], num[10:]))

    def dea(self, family: str = "") -> str:
        d = [self.rng.randint(0, 9) for _ in range(6)]
        check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
        initial = ascii_fold(family[:1]).upper() or self.pick(string.ascii_uppercase)
        return self.pick("ABFM") + initial + "".join(map(str, d)) + str(check)

    def npi(self) -> str:
        base = self.pick("12") + self.digits(8)
        full = luhn_complete("80840" + base)
        return base + full[-1]

    def license(self) -> tuple[str, str]:
        return self.pick((
            ("Driver's license: ", "S" + self.digits(8)),
            ("DL# ", self.pick(string.ascii_uppercase) + self.digits(7)),
            ("driver license no. ", f"{self.digits(3)} {self.digits(3)} {self.digits(3)}"),
            ("DEA# ", self.dea()),
            ("NPI: ", self.npi()),
            ("Passport no. ", self.digits(9)),
            ("passport number ", self.pick(string.ascii_uppercase) + self.digits(8)),
            ("MA medical license #", self.digits(6)),
            ("RN license: ", "RN" + self.digits(7)),
        ))

    def vin(self) -> str:
        if self.chance(0.5):
            return self.fake.vin()
        body = self.pick(WMI) + self.chars(VIN_CHARS, 5)
        tail = self.chars("ABCDEFGHJKLMNPRSTVWXY123456789", 1) + self.chars(VIN_CHARS, 1) \
            + self.digits(6)
        return body + _vin_check(body + tail) + tail

    def plate(self) -> str:
        return self.pick((f"{self.rng.randint(1, 9)}{self.chars(string.ascii_uppercase, 3)}"
                          f"{self.digits(3)}", f"{self.chars(string.ascii_uppercase, 3)}-"
                          f"{self.digits(4)}", f"{self.chars(string.ascii_uppercase, 3)} "
                          f"{self.digits(4)}",
                          f"{self.digits(3)}-{self.chars('ABCDEFGHJKLMNPRSTVWXYZ', 3)}"))

    def device(self) -> tuple[str, str]:
        mac = ":".join(self.chars("0123456789ABCDEF", 2) for _ in range(6))
        imei = luhn_complete("35" + self.digits(12))
        return self.pick((
            ("pacemaker serial number ", self.chars(string.ascii_uppercase, 3)
             + self.digits(6) + self.pick(string.ascii_uppercase)),
            ("insulin pump S/N: ", f"{self.digits(1)}{self.pick(string.ascii_uppercase)}"
                                   f"{self.digits(1)}-{self.digits(3)}-{self.digits(4)}"),
            ("device serial: ", f"MDT-{self.chars(UPPER_ALNUM, 6)}-{self.digits(8)}"),
            ("CGM transmitter ID ", self.chars(UPPER_ALNUM, 6)),
            ("MAC address ", mac),
            ("IMEI ", imei),
            ("ICD serial no. ", self.chars(string.ascii_uppercase, 2) + self.digits(7)),
            ("hearing aid SN ", self.digits(10)),
        ))

    def biometric(self) -> tuple[str, str]:
        return self.pick((
            ("fingerprint template ID: ", f"FP-{self.digits(4)}-{self.digits(4)}"),
            ("iris scan ID ", "IRS" + self.digits(8)),
            ("voiceprint ID: ", f"VP-{self.digits(6)}"),
            ("retina scan ID ", f"RT{self.digits(7)}"),
            ("facial recognition template #", self.digits(10)),
            ("palm print ID: ", f"PP{self.digits(6)}{self.pick(string.ascii_uppercase)}"),
        ))

    def unique_id(self) -> tuple[str, str]:
        nhs = self._nhs()
        return self.pick((
            ("NHS number ", f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"),
            ("Aadhaar: ", f"{self.rng.randint(2, 9)}{self.digits(3)} {self.digits(4)} "
                          f"{self.digits(4)}"),
            ("employee ID: ", "E" + self.digits(6)),
            ("national ID ", self.digits(11)),
            ("SIN ", " ".join(textwrap3(luhn_complete(str(self.rng.randint(1, 7))
                                                      + self.digits(7))))),
            ("badge number ", self.digits(7)),
            ("student ID: ", self.digits(9)),
        ))

    def _nhs(self) -> str:
        while True:
            d = [self.rng.randint(0, 9) for _ in range(9)]
            check = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
            if check == 11:
                check = 0
            if check != 10:
                return "".join(map(str, d)) + str(check)

    # --- secrets
    def password(self, in_url: bool = False) -> str:
        symbols = "!$&*-_.+=~" if in_url else PW_SYMBOLS
        if self.chance(0.5):
            return (self.pick(PW_WORDS) + self.pick(symbols) + self.pick(PW_WORDS)
                    + self.digits(self.rng.randint(2, 4)))
        n = self.rng.randint(12, 20)
        pw = self.chars(ALNUM + symbols, n)
        return pw[:-3] + self.pick(string.ascii_uppercase) + self.pick(string.digits) + \
            self.pick(symbols)

    def aws_key_id(self) -> str:
        return self.pick(("AKIA", "AKIA", "ASIA")) + self.chars(B32, 16)

    def aws_secret(self) -> str:
        s = self.chars(B64, 40)
        return s[:10] + self.pick("+/") + s[11:]

    def gcp_api_key(self) -> str:
        return "AIza" + self.chars(URLSAFE, 35)

    def github(self) -> str:
        if self.chance(0.25):
            return "github_pat_11" + self.chars(UPPER_ALNUM, 20) + "_" + self.chars(ALNUM, 59)
        return self.pick(("ghp_", "ghp_", "gho_", "ghs_")) + self.chars(ALNUM, 36)

    def gitlab(self) -> str:
        return "glpat-" + self.chars(URLSAFE, 20)

    def slack(self) -> str:
        return (self.pick(("xoxb-", "xoxp-", "xoxb-")) + self.digits(12) + "-"
                + self.digits(13) + "-" + self.chars(ALNUM, 24))

    def slack_webhook(self) -> str:
        return ("https://hooks.slack.com/services/T" + self.chars(UPPER_ALNUM, 8) + "/B"
                + self.chars(UPPER_ALNUM, 10) + "/" + self.chars(ALNUM, 24))

    def stripe(self) -> str:
        return self.pick(("sk_live_", "sk_live_", "rk_live_")) + self.chars(
            ALNUM, self.pick((24, 99)))

    def openai(self) -> str:
        if self.chance(0.3):
            return "sk-" + self.chars(ALNUM, 20) + "T3BlbkFJ" + self.chars(ALNUM, 20)
        return "sk-proj-" + self.chars(URLSAFE, self.pick((48, 64, 92)))

    def hf(self) -> str:
        return "hf_" + self.chars(string.ascii_letters, 34)

    def jwt(self) -> str:
        header = {"alg": self.pick(("HS256", "RS256", "ES256")), "typ": "JWT"}
        now = self.rng.randint(1_650_000_000, 1_760_000_000)
        payload = {"sub": self.digits(8), "iat": now, "exp": now + 3600,
                   "scope": self.pick(("read:fhir", "patient/*.read", "user"))}
        sig = bytes(self.rng.randrange(256) for _ in range(self.pick((32, 64))))
        return ".".join((b64url(json.dumps(header, separators=(",", ":")).encode()),
                         b64url(json.dumps(payload, separators=(",", ":")).encode()),
                         b64url(sig)))

    def pem(self, kind: str | None = None, escaped: bool = False) -> str:
        kind = kind if kind is not None else self.pick(("RSA ", "EC ", "OPENSSH ", "", ""))
        nl = "\\n" if escaped else "\n"
        body = base64.b64encode(bytes(self.rng.randrange(256)
                                      for _ in range(48 * self.rng.randint(6, 12)))).decode()
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        return (f"-----BEGIN {kind}PRIVATE KEY-----{nl}" + nl.join(lines)
                + f"{nl}-----END {kind}PRIVATE KEY-----")

    def azure_key(self) -> str:
        return base64.b64encode(bytes(self.rng.randrange(256) for _ in range(64))).decode()

    def bearer(self) -> str:
        return self.pick((self.chars(ALNUM, 40), self.chars(URLSAFE, 64),
                          "ya29." + self.chars(URLSAFE, 80),
                          self.chars(ALNUM, 24) + "." + self.chars(ALNUM, 16)))

    def generic_secret(self) -> str:
        return self.pick((self.chars("0123456789abcdef", 32),
                          self.chars("0123456789ABCDEF", 32),
                          self.chars(ALNUM, 40),
                          self.chars(ALNUM, 5) + "~" + self.chars(URLSAFE + ".", 34),
                          self.chars(ALNUM + "!@#%^&*(-_=+)", 50)))

    # --- genomics
    def dna(self, n: int) -> str:
        return self.chars("ACGT", n)

    def protein(self, n: int) -> str:
        return self.chars(AA, n)

    def tcga(self, full: bool = True) -> str:
        site = self.pick(("A1", "BH", "02", "06", "AR", "E2", "OR", "55", "CV", "HT"))
        base = f"TCGA-{site}-{self.chars(UPPER_ALNUM, 4)}"
        if not full:
            return base
        return (f"{base}-{self.pick(('01', '10', '11'))}{self.pick('AB')}-"
                f"{self.digits(2)}{self.pick('DRW')}-{self.chars(UPPER_ALNUM, 4)}-"
                f"{self.pick(('01', '07', '08'))}")

    def sample_name(self) -> str:
        return self.pick((f"PT{self.digits(4)}", f"patient_{self.rng.randint(1, 400)}",
                          f"SUBJ-{self.digits(4)}", f"S-{self.digits(5)}",
                          f"proband_{self.rng.randint(1, 90)}",
                          f"SAMN{self.digits(8)}", self.tcga(False)))

    def genotype(self) -> str:
        a, b = self.pick("ACGT"), self.pick("ACGT")
        return self.pick((f"{a}/{b}", f"{a}{b}", f"{a};{b}"))


def textwrap3(s: str) -> list[str]:
    return [s[i:i + 3] for i in range(0, len(s), 3)]


# ------------------------------------------------------------------ positive cells

AGE_STYLES = ("{}-year-old", "{} y/o", "{} yo", "{}-yo", "{} year old")
SEX = ("woman", "man", "female", "male")
RELATIONS = ("daughter", "son", "wife", "husband", "niece", "brother", "sister", "grandson")


class Generator:
    """Builds records; one instance per corpus so the RNG stream is shared."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.rng = random.Random(seed)
        self.v = Values(self.rng, seed)

    # ---- names in context
    def who(self, c: Cell, name: Name, titled: float = 0.5) -> None:
        """A name mid-sentence: with a title (cue "title") or bare (cue "prose")."""
        if self.v.chance(titled):
            c(self.v.pick(TITLES)).person(name, "title")
        else:
            c.person(name, "prose")

    def labelled(self, c: Cell, name: Name, label: str | None = None) -> None:
        c(label or self.v.pick(NAME_LABELS)).person(name, "label")

    def any_cue(self, c: Cell, name: Name, end: str = "\n") -> None:
        """Name as a labelled line, or titled/bare inside a short sentence (1/3 each)."""
        r = self.rng.random()
        if r < 0.34:
            self.labelled(c, name)
            c(end)
        elif r < 0.67:
            c(self.v.pick(("Seen today: ", "Follow-up with ", "Spoke with ", "Called ")))
            c(self.v.pick(TITLES)).person(name, "title")
            c("." + end)
        else:
            c(self.v.pick(("Follow-up for ", "Spoke with ", "Reviewed labs for ",
                           "Home visit to ", "Consent obtained from ")))
            c.person(name, "prose")
            c(self.v.pick((" today.", " this morning.", " at the clinic.", "."))).__call__(end)

    def age_phrase(self, c: Cell, old: bool | None = None) -> None:
        v = self.v
        old = v.chance(0.45) if old is None else old
        style = v.pick(AGE_STYLES)
        before, after = style.split("{}")
        c(before)
        if old:
            c.ent(v.old_age(), "AGE")
        else:
            c(str(v.rng.randint(23, 89)))
        c(after)

    # ---- facts for notes (each writes one sentence or line, ending in "\n")
    def f_dob(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("DOB: ", "Date of birth: ", "D.O.B. ", "Born ", "DOB ", "dob=")))
        c.ent(self.v.date_text(), "DATE")
        c("\n")

    def f_admit(self, c: Cell, pt: Name) -> None:
        v = self.v
        c(v.pick(("Admitted ", "Admission date: ", "Presented to the ED on ", "Admitted on ")))
        c.ent(v.date_text(2015, 2025), "DATE")
        c(v.pick(("; discharged ", ", discharged on ", ". Discharge date: ")))
        c.ent(v.date_text(2015, 2025), "DATE")
        c(".\n")

    def f_death(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Date of death: ", "Patient expired on ", "Died ", "DOD: ")))
        c.ent(self.v.date_text(2015, 2025), "DATE")
        c(".\n")

    def f_visit(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Last seen in clinic on ", "Seen on ", "Visit date: ",
                       "Surgery performed ")))
        c.ent(self.v.date_text(2016, 2025), "DATE")
        c(".\n")

    def f_mrn(self, c: Cell, pt: Name) -> None:
        label, value = self.v.mrn()
        c(label).ent(value, "MEDICAL_RECORD_NUMBER")
        c("\n")

    def f_address(self, c: Cell, pt: Name) -> None:
        v = self.v
        c(v.pick(("Home address: ", "Address: ", "Lives at ", "Mailing address: ")))
        c.ent(v.street(), "STREET_ADDRESS")
        c(", ").ent(v.city(), "LOCATION")
        c(", " + v.pick(STATES) + " ").ent(v.zip_code(), "ZIP_CODE")
        c(".\n")

    def f_city(self, c: Cell, pt: Name) -> None:
        v = self.v
        if v.chance(0.5):
            city, country = v.pick(INTL_CITIES)
            c(v.pick(("Recently moved from ", "Originally from ", "Lives in ")))
            c.ent(city, "LOCATION")
            c(f", {country}")
        else:
            c(v.pick(("Lives in ", "Resides in ", "Lives alone in ", "Moved to ")))
            c.ent(v.pick(CITIES), "LOCATION")
            c(", " + v.pick(STATES))
        c(v.pick((" with her daughter.", ".", " with family.")) + "\n")

    def f_zip(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("ZIP: ", "Zip code ", "ZIP code: ")))
        c.ent(f"{self.rng.randint(1001, 99950):05d}", "ZIP_CODE")
        c("\n")

    def f_phone(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Phone: ", "Cell: ", "Tel ", "Call back at ", "Home phone ",
                       "Contact number: ", "mobile ")))
        c.ent(self.v.phone(), "PHONE_NUMBER")
        c("\n")

    def f_fax(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Fax: ", "Fax records to ", "PCP fax ", "fax: ", "Fax #: ")))
        c.ent(self.v.phone_us(), "FAX_NUMBER")
        c("\n")

    def f_email(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Email: ", "E-mail ", "Prefers contact by email at ", "email: ")))
        c.ent(self.v.email(pt), "EMAIL_ADDRESS")
        c("\n")

    def f_ssn(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("SSN: ", "SSN ", "Social Security #: ", "ssn=", "SS# ")))
        c.ent(self.v.ssn(), "US_SSN")
        c("\n")

    def f_plan(self, c: Cell, pt: Name) -> None:
        label, value = self.v.health_plan()
        c(label).ent(value, "HEALTH_PLAN_NUMBER")
        c("\n")

    def f_account(self, c: Cell, pt: Name) -> None:
        label, value = self.v.account()
        c(label).ent(value, "ACCOUNT_NUMBER")
        c("\n")

    def f_card(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Card on file: ", "Paid copay with card ", "credit card ", "CC# ")))
        c.ent(self.v.card(), "CREDIT_CARD")
        c(self.v.pick((" exp 04/27\n", "\n", " (Visa)\n")))

    def f_license(self, c: Cell, pt: Name) -> None:
        label, value = self.v.license()
        c(label).ent(value, "LICENSE_NUMBER")
        c("\n")

    def f_vehicle(self, c: Cell, pt: Name) -> None:
        v = self.v
        c(v.pick(("MVC; vehicle VIN ", "Car involved, VIN: ", "VIN ")))
        c.ent(v.vin(), "VEHICLE_ID")
        c(v.pick((", license plate ", ", plate ", ", plate # ")))
        c.ent(v.plate(), "LICENSE_PLATE")
        c(".\n")

    def f_plate(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Parking permit for license plate ", "Plate: ", "Licence plate ")))
        c.ent(self.v.plate(), "LICENSE_PLATE")
        c("\n")

    def f_device(self, c: Cell, pt: Name) -> None:
        label, value = self.v.device()
        c(label).ent(value, "DEVICE_ID")
        c("\n")

    def f_biometric(self, c: Cell, pt: Name) -> None:
        label, value = self.v.biometric()
        c(label).ent(value, "BIOMETRIC_ID")
        c("\n")

    def f_unique(self, c: Cell, pt: Name) -> None:
        label, value = self.v.unique_id()
        c(label).ent(value, "UNIQUE_ID")
        c("\n")

    def f_url(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Family set up a page: ", "Patient portal link: ", "Profile: ",
                       "See her post at ", "Shared photos at ")))
        c.ent(self.v.personal_url(pt), "URL")
        c("\n")

    def f_ip(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Portal login from IP ", "Telehealth session from ", "IP address: ",
                       "home monitor reporting from ")))
        c.ent(self.v.ip(), "IP_ADDRESS")
        c("\n")

    def f_physician(self, c: Cell, pt: Name) -> None:
        c(self.v.pick(("Attending: ", "PCP: ", "Discussed with ", "Cc: ")))
        c(self.v.pick(("Dr. ", "Dr ", "Dr. ")))
        c.person(self.v.name(), "title")
        c(".\n")

    def f_contact(self, c: Cell, pt: Name) -> None:
        v = self.v
        c("Emergency contact: ")
        c.person(v.name(), "label")
        c(f" ({v.pick(RELATIONS)}), ")
        c.ent(v.phone(), "PHONE_NUMBER")
        c("\n")

    def f_relative(self, c: Cell, pt: Name) -> None:
        v = self.v
        c(f"Her {v.pick(RELATIONS)} ")
        c.person(v.name(), "prose")
        c(v.pick((" will pick her up.", " is the health care proxy.", " visited today.")))
        c("\n")

    def f_filler(self, c: Cell, pt: Name) -> None:
        v = self.v
        c(v.pick((f"Labs: {v.pick(LABS)}, {v.pick(LABS)}.", f"Meds: {v.pick(DRUGS)}.",
                  f"Continue {v.pick(DRUGS)}; recheck {v.pick(LABS).split()[0]} in 2 weeks.",
                  f"History of {v.pick(DIAGNOSES)}.", "No known drug allergies.",
                  f"Plan: titrate {v.pick(DRUGS).split()[0]}, PT/OT eval, follow up Monday.")))
        c("\n")

    NOTE_FACTS = ("f_dob", "f_admit", "f_death", "f_visit", "f_mrn", "f_address", "f_city",
                  "f_zip", "f_phone", "f_fax", "f_email", "f_ssn", "f_plan", "f_account",
                  "f_card", "f_license", "f_vehicle", "f_plate", "f_device", "f_biometric",
                  "f_unique", "f_url", "f_ip", "f_physician", "f_contact", "f_relative")

    def facts(self, c: Cell, pt: Name, k: int) -> None:
        for fact in self.rng.sample(self.NOTE_FACTS, k):
            getattr(self, fact)(c, pt)
            if self.v.chance(0.3):
                self.f_filler(c, pt)

    def intro(self, c: Cell, pt: Name) -> None:
        v = self.v
        r = self.rng.random()
        if r < 0.35:
            self.labelled(c, pt, v.pick(("Patient: ", "Name: ", "Pt name: ", "PATIENT: ")))
            c("\nAge: ")
            if v.chance(0.5):
                c.ent(v.old_age(), "AGE")
            else:
                c(str(v.rng.randint(30, 89)))
            c("\n")
        elif r < 0.7:
            self.who(c, pt, 0.5)
            c(" is a ")
            self.age_phrase(c)
            c(f" {v.pick(SEX)} with {v.pick(DIAGNOSES)}.\n")
        else:
            c(v.pick(("Saw ", "Admitted ", "Called ")))
            self.who(c, pt, 0.3)
            c(", ")
            self.age_phrase(c)
            c(f", for {v.pick(DIAGNOSES)}.\n")

    def clinical_note(self, c: Cell) -> None:
        v = self.v
        pt = v.name()
        wrap = v.pick(("py", "md", "print", "var"))
        if wrap == "py":
            c(v.pick(("note = \"\"\"\n", "discharge_summary = \"\"\"\n", "text = '''\n")))
        elif wrap == "md":
            c(v.pick(("## Discharge summary\n\n", "### H&P\n\n", "**Progress note**\n\n",
                      "# Case notes\n\n")))
        elif wrap == "print":
            c("notes.append(\"\"\"")
        else:
            c("# raw note pasted from the EHR export\nraw = r\"\"\"")
        self.intro(c, pt)
        self.facts(c, pt, v.rng.randint(2, 6))
        if wrap in ("py", "var"):
            c("\"\"\"" if c.parts[0].count('"') else "'''")
            c(v.pick(("\nsummary = summarize(note)", "\nprint(len(text))", "")))
        elif wrap == "print":
            c("\"\"\")")

    # ---- printed DataFrames
    def _col(self, name: str, table_style: str) -> tuple[str, str | None, Name | None]:
        v = self.v
        if name == "patient_name":
            n = v.name()
            text = n.text
            if n.script == "latin" and v.chance(0.15):
                text = f"{n.family.upper()}, {n.given}"
            return text, "PERSON", n
        if name == "mrn":
            return v.digits(8), "MEDICAL_RECORD_NUMBER", None
        if name in ("dob", "admit_date", "discharge_date"):
            d = v.date(1930, 2004) if name == "dob" else v.date(2015, 2025)
            text = d.isoformat() if table_style == "iso" else f"{d.month:02d}/{d.day:02d}/{d.year}"
            return text, "DATE", None
        if name == "zip":
            return f"{self.rng.randint(1001, 99950):05d}", "ZIP_CODE", None
        if name == "phone":
            return v.phone_us(), "PHONE_NUMBER", None
        if name == "email":
            return v.email(), "EMAIL_ADDRESS", None
        if name == "ssn":
            return v.ssn(), "US_SSN", None
        if name == "city":
            return v.pick(CITIES), "LOCATION", None
        if name == "address":
            return v.street(), "STREET_ADDRESS", None
        if name == "member_id":
            return v.chars(string.ascii_uppercase, 3) + v.digits(9), "HEALTH_PLAN_NUMBER", None
        if name == "age":
            age = v.rng.randint(24, 104)
            return str(age), ("AGE" if age > 89 else None), None
        if name == "sex":
            return v.pick("MF"), None, None
        if name == "hba1c":
            return f"{v.rng.uniform(5.0, 11.5):.1f}", None, None
        if name == "glucose":
            return str(v.rng.randint(70, 320)), None, None
        if name == "dx":
            return v.pick(("E11.9", "I50.9", "J44.1", "G20", "I48.91", "N17.9", "C34.90")), \
                None, None
        if name == "los_days":
            return str(v.rng.randint(1, 21)), None, None
        raise KeyError(name)

    PHI_COLS = ("patient_name", "mrn", "dob", "zip", "phone", "email", "ssn", "city",
                "address", "member_id", "admit_date", "age")
    OTHER_COLS = ("sex", "hba1c", "glucose", "dx", "los_days")

    def dataframe_repr(self, c: Cell) -> None:
        v = self.v
        cols = v.rng.sample(self.PHI_COLS, v.rng.randint(2, 5))
        if "patient_name" not in cols and v.chance(0.6):
            cols.insert(0, "patient_name")
        cols += v.rng.sample(self.OTHER_COLS, v.rng.randint(1, 3))
        date_style = v.pick(("iso", "us"))
        n_rows = v.rng.randint(3, 6)
        rows = [[self._col(col, date_style) for col in cols] for _ in range(n_rows)]
        style = v.pick(("repr", "repr", "repr", "csv", "markdown"))
        c(v.pick(("", ">>> print(df.head())\n", "df.head() gives:\n", "Output:\n",
                  "Here is a sample of the cohort table:\n\n")))
        if style == "repr":
            widths = [max(len(col), *(len(r[i][0]) for r in rows)) for i, col in enumerate(cols)]
            iw = len(str(n_rows - 1))
            c(" " * iw + "".join("  " + col.rjust(w)
                                 for col, w in zip(cols, widths, strict=True)) + "\n")
            for ri, row in enumerate(rows):
                c(str(ri).ljust(iw))
                for (text, ent, name), w in zip(row, widths, strict=True):
                    c("  " + " " * (w - len(text)))
                    self._cell_value(c, text, ent, name)
                c("\n")
        elif style == "csv":
            c(",".join(cols) + "\n")
            for row in rows:
                for i, (text, ent, name) in enumerate(row):
                    c("," if i else "")
                    q = '"' if "," in text else ""
                    c(q)
                    self._cell_value(c, text, ent, name)
                    c(q)
                c("\n")
        else:
            c("| " + " | ".join(cols) + " |\n|" + "|".join("---" for _ in cols) + "|\n")
            for row in rows:
                c("|")
                for text, ent, name in row:
                    c(" ")
                    self._cell_value(c, text, ent, name)
                    c(" |")
                c("\n")
        if style == "repr" and v.chance(0.4):
            c(f"\n[{n_rows} rows x {len(cols)} columns]")

    def _cell_value(self, c: Cell, text: str, ent: str | None, name: Name | None) -> None:
        if ent == "PERSON" and name is not None:
            c.person(name, "table", text)
        elif ent:
            c.ent(text, ent)
        else:
            c(text)

    # ---- secrets (key name, pieces) for config cells
    def secret_item(self, kind: str) -> tuple[str, list[tuple[str, str | None]]]:
        v = self.v
        if kind == "aws":
            return "AWS_ACCESS_KEY_ID", [(v.aws_key_id(), "AWS_ACCESS_KEY")]
        if kind == "aws_secret":
            return "AWS_SECRET_ACCESS_KEY", [(v.aws_secret(), "AWS_SECRET_KEY")]
        if kind == "gcp":
            return v.pick(("GOOGLE_API_KEY", "MAPS_API_KEY", "GEMINI_API_KEY")), \
                [(v.gcp_api_key(), "GCP_API_KEY")]
        if kind == "azure":
            if v.chance(0.6):
                return "AZURE_STORAGE_CONNECTION_STRING", [
                    (f"DefaultEndpointsProtocol=https;AccountName=cohort{v.digits(3)};"
                     "AccountKey=", None), (v.azure_key(), "AZURE_KEY"),
                    (";EndpointSuffix=core.windows.net", None)]
            key = base64.b64encode(bytes(v.rng.randrange(256) for _ in range(32))).decode()
            return "SERVICEBUS_CONNECTION", [
                (f"Endpoint=sb://ehr-events-{v.digits(2)}.servicebus.windows.net/;"
                 "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=", None),
                (key, "AZURE_KEY")]
        if kind == "github":
            return v.pick(("GITHUB_TOKEN", "GH_PAT", "github_token")), [(v.github(),
                                                                          "GITHUB_TOKEN")]
        if kind == "gitlab":
            return v.pick(("GITLAB_TOKEN", "gitlab_private_token")), [(v.gitlab(),
                                                                        "GITLAB_TOKEN")]
        if kind == "slack":
            if v.chance(0.4):
                return "SLACK_WEBHOOK_URL", [(v.slack_webhook(), "SLACK_TOKEN")]
            return "SLACK_BOT_TOKEN", [(v.slack(), "SLACK_TOKEN")]
        if kind == "stripe":
            return "STRIPE_SECRET_KEY", [(v.stripe(), "STRIPE_KEY")]
        if kind == "openai":
            return "OPENAI_API_KEY", [(v.openai(), "OPENAI_KEY")]
        if kind == "hf":
            return v.pick(("HF_TOKEN", "HUGGINGFACE_HUB_TOKEN")), [(v.hf(),
                                                                    "HUGGINGFACE_TOKEN")]
        if kind == "jwt":
            return v.pick(("FHIR_ACCESS_TOKEN", "EPIC_JWT", "id_token")), [(v.jwt(), "JWT")]
        if kind == "db_url":
            user = v.pick(("analyst", "etl", "postgres", "readonly", "svc_cohort"))
            scheme = v.pick(("postgresql", "postgresql+psycopg2", "mysql+pymysql",
                             "mongodb+srv", "redshift+psycopg2"))
            host = v.pick(("db.internal.hospital.org", "10.12.4.8", "cohort-prod.cluster-"
                           "c8x2k.us-east-1.rds.amazonaws.com", "warehouse.research.local"))
            return "DATABASE_URL", [(f"{scheme}://{user}:", None), (v.password(True), "PASSWORD"),
                                    (f"@{host}:5432/clinical", None)]
        if kind == "password":
            return v.pick(("DB_PASSWORD", "password", "PGPASSWORD", "smtp_password",
                           "redcap_password")), [(v.password(), "PASSWORD")]
        if kind == "generic":
            return v.pick(("API_KEY", "CLIENT_SECRET", "REDCAP_API_TOKEN", "SECRET_KEY",
                           "api_key", "client_secret", "WEBHOOK_SECRET", "access_token",
                           "EPIC_CLIENT_SECRET")), [(v.generic_secret(), "GENERIC_SECRET")]
        raise KeyError(kind)

    SECRET_KINDS = ("aws", "gcp", "azure", "github", "gitlab", "slack", "stripe", "openai",
                    "hf", "jwt", "db_url", "password", "generic")
    BENIGN_CONFIG = (("REGION", "us-east-1"), ("MODEL", "gpt-4o-mini"), ("LOG_LEVEL", "INFO"),
                     ("TIMEOUT", "30"), ("DB_HOST", "localhost"), ("DB_PORT", "5432"),
                     ("DB_USER", "analyst"), ("BUCKET", "s3://cohort-data/raw"),
                     ("MAX_TOKENS", "1024"), ("ENV", "staging"), ("DEBUG", "false"))

    def config(self, c: Cell) -> None:
        v = self.v
        if v.chance(0.16):
            self.gcp_service_account(c)
            return
        kinds = v.rng.sample(self.SECRET_KINDS, v.rng.randint(1, 3))
        items = [self.secret_item(k) for k in kinds]
        if "aws" in kinds:
            items.insert(kinds.index("aws") + 1, self.secret_item("aws_secret"))
        benign = [(k, [(val, None)]) for k, val in v.rng.sample(self.BENIGN_CONFIG, 2)]
        items = benign[:1] + items + benign[1:]
        fmt = v.pick(("py", "env", "yaml", "json", "ini"))
        pem = v.chance(0.15)
        if fmt == "py":
            c(v.pick(("# config.py\n", "# settings — TODO move to vault\n", "")))
        elif fmt == "env":
            c(v.pick(("%%writefile .env\n", "# .env\n", "")))
        elif fmt == "yaml":
            c(v.pick(("%%writefile config.yaml\n", "# config.yaml\n", "")))
            c("credentials:\n")
        elif fmt == "json":
            c("config = {\n")
        else:
            c("[default]\n")
        for i, (key, pieces) in enumerate(items):
            k = key.lower() if fmt in ("yaml", "json", "ini") else key
            if fmt == "py":
                c(f'{k} = "')
            elif fmt == "env":
                c(f"{k}=")
            elif fmt == "yaml":
                c(f"  {k}: ")
            elif fmt == "json":
                c(f'    "{k}": "')
            else:
                c(f"{k} = ")
            for text, ent in pieces:
                if ent:
                    c.ent(text, ent)
                else:
                    c(text)
            if fmt == "py":
                c('"')
            elif fmt == "json":
                c('",' if i < len(items) - 1 else '"')
            c("\n")
        if fmt == "json":
            c("}\n")
        if pem and fmt in ("py", "yaml"):
            c('SSH_KEY = """' if fmt == "py" else "  ssh_key: |\n")
            key = v.pem()
            if fmt == "yaml":
                start = c.pos + 4
                c("    " + key.replace("\n", "\n    "))
                c.spans.append({"start": start, "end": c.pos, "entity": "PRIVATE_KEY"})
            else:
                c.ent(key, "PRIVATE_KEY")
                c('"""')
            c("\n")

    def gcp_service_account(self, c: Cell) -> None:
        v = self.v
        project = f"{v.pick(('cohort', 'ehr', 'genomics', 'imaging'))}-analytics-{v.digits(4)}"
        c(v.pick(("sa_info = {\n", "credentials_json = {\n", "%%writefile sa.json\n{\n")))
        c('  "type": "service_account",\n')
        c(f'  "project_id": "{project}",\n')
        c(f'  "private_key_id": "{v.chars("0123456789abcdef", 40)}",\n')
        c('  "private_key": "').ent(v.pem("", escaped=True) + "\\n", "GCP_SERVICE_ACCOUNT")
        c('",\n')
        c(f'  "client_email": "etl-runner@{project}.iam.gserviceaccount.com",\n')
        c(f'  "client_id": "{v.digits(21)}",\n')
        c('  "token_uri": "https://oauth2.googleapis.com/token"\n}\n')

    # ---- code cells
    def code(self, c: Cell) -> None:
        v = self.v
        choice = v.rng.choice((*range(16), 2, 9))
        c(v.pick(("import pandas as pd\n", "import os\nimport requests\n", "", "")))
        if choice == 0:
            c("import boto3\n\ns3 = boto3.client(\n    \"s3\",\n    aws_access_key_id=\"")
            c.ent(v.aws_key_id(), "AWS_ACCESS_KEY")
            c("\",\n    aws_secret_access_key=\"").ent(v.aws_secret(), "AWS_SECRET_KEY")
            c("\",\n)\nobj = s3.get_object(Bucket=\"cohort-data\", Key=\"labs.parquet\")\n")
        elif choice == 1:
            c("from openai import OpenAI\n\nclient = OpenAI(api_key=\"")
            c.ent(v.openai(), "OPENAI_KEY")
            c("\")\nresp = client.chat.completions.create(model=\"gpt-4o\", messages=msgs)\n")
        elif choice == 2:
            token = v.bearer()
            c("resp = requests.get(\n    \"https://fhir.hospital.org/api/FHIR/R4/Patient\",\n")
            c('    headers={"Authorization": "Bearer ').ent(token, "BEARER_TOKEN")
            c('"},\n)\nresp.raise_for_status()\n')
        elif choice == 3:
            c("from huggingface_hub import login\n\nlogin(token=\"").ent(v.hf(),
                                                                          "HUGGINGFACE_TOKEN")
            c("\")\nmodel = AutoModel.from_pretrained(\"emilyalsentzer/Bio_ClinicalBERT\")\n")
        elif choice == 4:
            c("from sqlalchemy import create_engine\n\nengine = create_engine(\"postgresql://")
            c(v.pick(("analyst", "etl_user", "postgres")) + ":").ent(v.password(True), "PASSWORD")
            c("@db.internal.hospital.org:5432/clinical\")\n")
            c("df = pd.read_sql(\"SELECT * FROM encounters\", engine)\n")
        elif choice == 5:
            c("import psycopg2\n\nconn = psycopg2.connect(host=\"10.20.1.5\", dbname=\"ehr\", "
              "user=\"analyst\",\n                        password=\"")
            c.ent(v.password(), "PASSWORD")
            c("\")\n")
        elif choice == 6:
            c("from slack_sdk import WebClient\n\nclient = WebClient(token=\"")
            c.ent(v.slack(), "SLACK_TOKEN")
            c("\")\nclient.chat_postMessage(channel=\"#cohort-alerts\", text=f\"Patient ")
            n = v.name()
            c.person(n, "label")
            c(" flagged\")\n")
        elif choice == 7:
            c("import stripe\n\nstripe.api_key = \"").ent(v.stripe(), "STRIPE_KEY")
            c("\"\ncharges = stripe.Charge.list(limit=3)\n")
        elif choice == 8:
            c("token = \"").ent(v.jwt(), "JWT")
            c("\"\nheaders = {\"Authorization\": f\"Bearer {token}\"}\n"
              "r = requests.get(FHIR_URL + \"/Observation\", headers=headers)\n")
        elif choice == 9:
            c("key_pem = \"\"\"").ent(v.pem(), "PRIVATE_KEY")
            c("\"\"\"\nsftp = connect_sftp(\"transfer.lab.org\", pkey=key_pem)\n")
        elif choice == 10:
            pt = v.name()
            c("patient = {\n    \"name\": \"").person(pt, "label")
            c("\",\n    \"mrn\": \"").ent(v.digits(8), "MEDICAL_RECORD_NUMBER")
            c("\",\n    \"dob\": \"").ent(v.date(1930, 2004).isoformat(), "DATE")
            c("\",\n    \"phone\": \"").ent(v.phone_us(), "PHONE_NUMBER")
            c("\",\n}\nrecord = build_fhir_patient(**patient)\n")
        elif choice == 11:
            pt = v.name()
            c("subset = df[df[\"mrn\"] == \"").ent(v.digits(8), "MEDICAL_RECORD_NUMBER")
            c("\"]\n")
            c("subset2 = df.loc[df.patient_name == \"").person(pt, "label")
            c("\"]\nsubset2[[\"hba1c\", \"visit_date\"]].plot()\n")
        elif choice == 12:
            pt = v.name()
            c("import smtplib\n\nserver = smtplib.SMTP(\"smtp.gmail.com\", 587)\n")
            c("server.login(\"").ent(v.email(v.name()), "EMAIL_ADDRESS")
            c("\", \"").ent(v.password(), "PASSWORD")
            c("\")\nserver.sendmail(sender, \"").ent(v.email(pt), "EMAIL_ADDRESS")
            c("\", body)\n")
        elif choice == 13:
            if v.chance(0.5):
                c("from github import Github\n\ng = Github(\"").ent(v.github(), "GITHUB_TOKEN")
                c("\")\nrepo = g.get_repo(\"lab/cohort-pipeline\")\n")
            else:
                c("import gitlab\n\ngl = gitlab.Gitlab(\"https://gitlab.hospital.org\", "
                  "private_token=\"")
                c.ent(v.gitlab(), "GITLAB_TOKEN")
                c("\")\n")
        elif choice == 14:
            c("import google.generativeai as genai\n\ngenai.configure(api_key=\"")
            c.ent(v.gcp_api_key(), "GCP_API_KEY")
            c("\")\n")
        else:
            if v.chance(0.5):
                c("!curl -s -H \"Authorization: Bearer ").ent(v.bearer(), "BEARER_TOKEN")
                c("\" https://api.redcap.hospital.org/api/ | head\n")
            else:
                c(v.pick(("CLIENT_SECRET", "api_key", "redcap_token", "webhook_secret")))
                c(" = \"").ent(v.generic_secret(), "GENERIC_SECRET")
                c("\"\nclient = ApiClient(secret=CLIENT_SECRET)\n" if v.chance(0.5) else "\"\n")
        if v.chance(0.3):
            c(v.pick(("df = df.dropna(subset=[\"hba1c\"])\n", "print(df.shape)\n",
                      "# see https://pandas.pydata.org/docs/ for read_sql\n")))

    # ---- SQL
    def sql(self, c: Cell) -> None:
        v = self.v
        c(v.pick(("%%sql\n", "query = \"\"\"\n", "", "pd.read_sql(\"\"\"\n")))
        wrapped = c.parts[0] in ("query = \"\"\"\n", "pd.read_sql(\"\"\"\n")
        choice = v.rng.randrange(6)
        pt = v.name()
        if choice == 0:
            c("SELECT * FROM patients\nWHERE mrn = '").ent(v.digits(8), "MEDICAL_RECORD_NUMBER")
            c("'\n   OR (last_name = '").person(pt, "label", pt.family)
            c("' AND dob = '").ent(v.date(1930, 2004).isoformat(), "DATE")
            c("');\n")
        elif choice == 1:
            c("INSERT INTO patients (full_name, dob, ssn, phone, email, zip)\nVALUES ('")
            c.person(pt, "table")
            c("', '").ent(v.date(1930, 2004).isoformat(), "DATE")
            c("', '").ent(v.ssn(), "US_SSN")
            c("', '").ent(v.phone_us(), "PHONE_NUMBER")
            c("', '").ent(v.email(pt), "EMAIL_ADDRESS")
            c("', '").ent(v.zip_code()[:5], "ZIP_CODE")
            c("');\n")
        elif choice == 2:
            c("UPDATE contacts\nSET phone = '").ent(v.phone(), "PHONE_NUMBER")
            c("', address = '").ent(v.street(), "STREET_ADDRESS")
            c("', city = '").ent(v.pick(CITIES), "LOCATION")
            c("'\nWHERE patient_name = '").person(pt, "label")
            c("';\n")
        elif choice == 3:
            c(v.pick(("CREATE USER etl_reader IDENTIFIED BY '",
                      "ALTER USER analyst WITH PASSWORD '")))
            c.ent(v.password(), "PASSWORD")
            c("';\nGRANT SELECT ON ALL TABLES IN SCHEMA clinical TO etl_reader;\n")
        elif choice == 4:
            c("SELECT encounter_id, admit_ts, dx_code\nFROM encounters e\n"
              "JOIN patients p USING (patient_id)\nWHERE p.ssn = '")
            c.ent(v.ssn(), "US_SSN")
            c("'\n  AND p.member_id = '").ent(v.chars(string.ascii_uppercase, 3) + v.digits(9),
                                           "HEALTH_PLAN_NUMBER")
            c("';\n")
        else:
            c("SELECT lab_name, value, result_ts FROM labs\nWHERE patient_id IN (\n"
              "  SELECT patient_id FROM patients WHERE first_name = '")
            c.person(pt, "label", pt.given)
            c("' AND last_name = '").person(pt, "label", pt.family)
            c("' AND birth_date = '").ent(v.date(1930, 2004).isoformat(), "DATE")
            c("')\nORDER BY result_ts;\n")
        if wrapped:
            c("\"\"\"" + (", con)\n" if c.parts[0].startswith("pd.") else "\n"))

    # ---- genomics
    def genomics(self, c: Cell) -> None:
        v = self.v
        choice = v.rng.choice((0, 1, 2, 3, 4, 4, 5, 6, 7))
        if choice == 0:
            samples = [v.sample_name() for _ in range(v.rng.randint(1, 3))]
            c("##fileformat=VCFv4.2\n##reference=GRCh38\n")
            c("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT")
            for s in samples:
                c("\t").ent(s, "SAMPLE_ID")
            c("\n")
            for _ in range(v.rng.randint(2, 5)):
                ref, alt = v.rng.sample("ACGT", 2)
                c(f"{v.rng.randint(1, 22)}\t{v.rng.randint(10_000, 99_999_999)}\t"
                  f"{v.pick(RSIDS)}\t{ref}\t{alt}\t{v.rng.randint(30, 99)}\tPASS\t"
                  f"DP={v.rng.randint(10, 90)}\tGT:DP\t")
                cols = "\t".join(f"{v.pick(('0/1', '1/1', '0/0', '0|1', './.'))}:"
                                 f"{v.rng.randint(5, 60)}" for _ in samples)
                c.ent(cols, "VCF_SAMPLE")
                c("\n")
        elif choice == 1:
            c(v.pick(("# This data file generated by 23andMe\n", "# raw genotype export\n")))
            c("# rsid\tchromosome\tposition\tgenotype\n")
            for _ in range(v.rng.randint(3, 6)):
                a, b = v.pick("ACGT"), v.pick("ACGT")
                c.ent(f"{v.pick(RSIDS)}\t{v.rng.randint(1, 22)}\t{v.rng.randint(10_000, 9_999_999)}"
                      f"\t{a}{b}", "RSID_GENOTYPE")
                c("\n")
        elif choice == 2:
            pt = v.name()
            c(v.pick(("APOE genotype for ", "Pharmacogenomics panel, ", "Genotyping result: ")))
            self.who(c, pt, 0.5)
            c(": ")
            for i in range(v.rng.randint(1, 3)):
                c(", " if i else "")
                c.ent(f"{v.pick(RSIDS)}{v.pick((' ', ': ', ' '))}{v.genotype()}",
                      "RSID_GENOTYPE")
            c(".\n")
        elif choice == 3:
            subj = v.pick((f"patient_{v.rng.randint(1, 400):04d}", f"subject {v.digits(3)}",
                           f"pt{v.rng.randint(1, 99)}", v.tcga(True), f"donor_{v.digits(3)}"))
            c(f">{subj}|{v.pick(('tumor', 'germline', 'normal'))}|"
              f"{v.pick(GENES)}_exon{v.rng.randint(2, 11)}\n")
            seq = v.dna(v.rng.randint(60, 180))
            c.ent("\n".join(seq[i:i + 60] for i in range(0, len(seq), 60)), "DNA_SEQUENCE")
            c("\n")
        elif choice == 4:
            c(f">donor_{v.digits(3)} {v.pick(('IgG heavy chain', 'TCR beta', 'neoantigen'))} "
              f"(participant {v.digits(4)})\n")
            seq = v.protein(v.rng.randint(40, 120))
            c.ent("\n".join(seq[i:i + 60] for i in range(0, len(seq), 60)), "PROTEIN_SEQUENCE")
            c("\n")
        elif choice == 5:
            c(v.pick(("samples = [", "tumor_ids = [", "keep = [")))
            for i in range(v.rng.randint(2, 5)):
                c(", " if i else "").__call__('"')
                c.ent(v.tcga(v.chance(0.6)), "SAMPLE_ID")
                c('"')
            c("]\nexpr = counts.loc[:, samples]\n")
        elif choice == 6:
            c(f"seq_patient{v.rng.randint(1, 40)} = \"")
            c.ent(v.dna(v.rng.randint(60, 140)), "DNA_SEQUENCE")
            c("\"\naligned = aligner.align(seq_patient, ref)\n")
        else:
            c(v.pick(("sample_id: ", "Subject ID: ", "BioSample ")))
            c.ent(v.pick((f"SAMN{v.digits(8)}", f"S-{v.digits(5)}", f"SUBJ-{v.digits(4)}")),
                  "SAMPLE_ID")
            c(f"\ngenotypes = {{\"{v.pick(RSIDS)}")
            # the span covers rsID through genotype: rs334": "AT
            start = c.pos - len(c.parts[-1]) + len('\ngenotypes = {"')
            c(f"\": \"{v.pick('ACGT')}{v.pick('ACGT')}")
            c.spans.append({"start": start, "end": c.pos, "entity": "RSID_GENOTYPE"})
            c("\"}\n")

    # ---- markdown
    def markdown(self, c: Cell) -> None:
        v = self.v
        choice = v.rng.randrange(4)
        pt = v.name()
        if choice == 0:
            c("### Case review\n\n- **Patient:** ").person(pt, "label")
            c("\n- **DOB:** ").ent(v.date_text(), "DATE")
            label, mrn = v.mrn()
            c("\n- **MRN:** ").ent(mrn, "MEDICAL_RECORD_NUMBER")
            c("\n- **Phone:** ").ent(v.phone(), "PHONE_NUMBER")
            c(f"\n- **Dx:** {v.pick(DIAGNOSES)}\n")
        elif choice == 1:
            c("## Tumor board notes\n\nDiscussed ")
            c.person(pt, "prose")
            c(" (")
            self.age_phrase(c, old=v.chance(0.5))
            c(f") with {v.pick(DIAGNOSES)}. ")
            c(v.pick(("Dr. ", "Dr ")))
            c.person(v.name(), "title")
            c(" will contact the family at ").ent(v.email(pt), "EMAIL_ADDRESS")
            c(".\n")
        elif choice == 2:
            c("| Name | Phone | Email |\n|---|---|---|\n")
            for _ in range(v.rng.randint(2, 4)):
                n = v.name()
                c("| ").person(n, "table")
                c(" | ").ent(v.phone(), "PHONE_NUMBER")
                c(" | ").ent(v.email(n), "EMAIL_ADDRESS")
                c(" |\n")
        else:
            c(v.pick(("**Recruitment log**\n\n", "#### Home visit\n\n")))
            c.person(pt, "prose")
            c(" agreed to join the study. Lives at ").ent(v.street(), "STREET_ADDRESS")
            c(", ").ent(v.city(), "LOCATION")
            c(", " + v.pick(STATES) + " ").ent(v.zip_code(), "ZIP_CODE")
            c(". ")
            getattr(self, v.pick(self.NOTE_FACTS))(c, pt)

    # ---- prompts
    def prompt(self, c: Cell) -> None:
        v = self.v
        choice = v.rng.randrange(8)
        pt = v.name()
        if choice == 0:
            c("Patient ").person(pt, "label")
            label, mrn = v.mrn()
            c(", MRN ").ent(mrn, "MEDICAL_RECORD_NUMBER")
            c(", DOB ").ent(v.date_text(), "DATE")
            c(v.pick((" has HbA1c values in df_labs. Write code to plot the trend and flag "
                      "values above 9%.", " — write code to pull all her encounters from the "
                      "encounters table.", ". Can you write a function that summarises her "
                      "medication changes?")))
        elif choice == 1:
            kind = v.pick(self.SECRET_KINDS)
            key, pieces = self.secret_item(kind)
            c(v.pick(("Why does this return 401? ", "My config is below, what's wrong?\n",
                      "I get AccessDenied with ")))
            c(f"{key}=")
            for text, ent in pieces:
                if ent:
                    c.ent(text, ent)
                else:
                    c(text)
            c(v.pick(("", " — please fix my code.", "\nThanks!")))
        elif choice == 2:
            c("Summarize this note for the handoff: ")
            self.intro(c, pt)
            self.facts(c, pt, v.rng.randint(1, 3))
        elif choice == 3:
            c("Draft a letter to ")
            self.who(c, pt, 0.6)
            c(" at ").ent(v.street(), "STREET_ADDRESS")
            c(", ").ent(v.city(), "LOCATION")
            c(", " + v.pick(STATES) + " ").ent(v.zip_code(), "ZIP_CODE")
            c(" explaining her results.")
        elif choice == 4:
            c("I have genotypes for ")
            if v.chance(0.5):
                c("subject ").ent(v.sample_name(), "SAMPLE_ID")
            else:
                c.person(pt, "prose")
            c(": ")
            for i in range(v.rng.randint(2, 3)):
                c(", " if i else "")
                c.ent(f"{v.pick(RSIDS)} {v.genotype()}", "RSID_GENOTYPE")
            c(". What is the APOE status and how do I annotate it with pandas?")
        elif choice == 5:
            c("Fix my query: SELECT * FROM visits WHERE patient_name = '").person(pt, "label")
            c("' AND dob = '").ent(v.date(1930, 2004).isoformat(), "DATE")
            c("' -- returns nothing")
        elif choice == 6:
            c(v.pick(("The ", "Our ")))
            self.age_phrase(c, old=True)
            c(" in bed 12, ")
            c.person(pt, "prose")
            c(v.pick((", has rising creatinine. Write code to compute eGFR from df.",
                      ", fell twice this week; how do I model fall risk?")))
        else:
            c("Email ")
            c.ent(v.email(pt), "EMAIL_ADDRESS")
            c(" the results for ")
            self.who(c, pt, 0.4)
            c(" and call her at ").ent(v.phone(), "PHONE_NUMBER")
            c(". Then write a pandas snippet that exports her labs to CSV.")
        if v.chance(0.2):
            c(v.pick(("\nUse seaborn.", "\nKeep it short.", " Thanks!")))

    # ------------------------------------------------------------- hard negatives

    def clean(self, kind: str) -> str:
        return getattr(self, f"clean_{kind}")()

    def clean_clinical_note(self) -> str:
        v = self.v
        r = v.rng.randrange(6)
        age = v.rng.randint(18, 89)
        if r == 0:
            return (f"note = \"\"\"\nA {age}-year-old {v.pick(SEX)} with {v.pick(DIAGNOSES)} "
                    f"presented with dyspnea. Labs: {v.pick(LABS)}, {v.pick(LABS)}. Started "
                    f"{v.pick(DRUGS)}. Discharged on hospital day {v.rng.randint(2, 9)}.\n\"\"\"")
        if r == 1:
            return (f"Teaching case: {age} yo with {v.pick(DIAGNOSES)}; "
                    f"continue {v.pick(DRUGS)} and {v.pick(DRUGS)}. Recheck {v.pick(LABS)} "
                    f"on Monday. Differential includes {v.pick(DIAGNOSES)} and "
                    f"{v.pick(DIAGNOSES)}.")
        if r == 2:
            return ("# Template for the discharge note\nTEMPLATE = \"\"\"\nPatient: {name}\n"
                    "DOB: {dob}\nMRN: {mrn}\nDiagnosis: {dx}\n\"\"\"\n"
                    "note = TEMPLATE.format(**row)")
        if r == 3:
            return (f"Mean age was {v.rng.uniform(45, 75):.1f} years (SD {v.rng.uniform(6, 15):.1f}"
                    f"; range {v.rng.randint(18, 30)}–{v.rng.randint(80, 89)}). "
                    f"{v.rng.randint(120, 4000)} patients were enrolled between "
                    f"{v.rng.randint(2008, 2015)} and {v.rng.randint(2016, 2023)}; "
                    f"{v.rng.randint(10, 60)}% had {v.pick(DIAGNOSES)}.")
        if r == 4:
            return (f"Dosing reminder: {v.pick(DRUGS)}; hold if {v.pick(LABS)}. Patients over "
                    f"{v.rng.randint(65, 80)} need renal dosing. Avoid NSAIDs with "
                    f"{v.pick(DRUGS).split()[0]}.")
        return (f"### Exclusion criteria\n- age < 18 or > {v.rng.randint(75, 89)}\n"
                f"- prior {v.pick(DIAGNOSES)}\n- {v.pick(LABS).split()[0]} above "
                f"{v.rng.randint(2, 9)}x ULN\n- pregnancy")

    def clean_dataframe_repr(self) -> str:
        v = self.v
        r = v.rng.randrange(4)
        if r == 0:
            rows = [("count", *(f"{v.rng.randint(300, 900):.1f}" for _ in range(3))),
                    ("mean", f"{v.rng.uniform(50, 70):.2f}", f"{v.rng.uniform(6, 8):.2f}",
                     f"{v.rng.uniform(25, 32):.2f}"),
                    ("std", f"{v.rng.uniform(8, 15):.2f}", f"{v.rng.uniform(0.8, 2):.2f}",
                     f"{v.rng.uniform(4, 7):.2f}"),
                    ("min", "18.00", "4.90", "16.20"),
                    ("max", f"{v.rng.randint(80, 89)}.00", "13.40", "51.70")]
            head = "       age   hba1c     bmi\n"
            return ">>> df.describe()\n" + head + "\n".join(
                f"{r0:<5}" + "".join(f"{x:>8}" for x in rest) for r0, *rest in rows)
        if r == 1:
            dxs = v.rng.sample(DIAGNOSES, 4)
            w = max(map(len, dxs))
            return ("df[\"dx\"].value_counts()\n" + "\n".join(
                f"{d.ljust(w)}  {v.rng.randint(5, 400)}" for d in dxs)
                + "\nName: count, dtype: int64")
        if r == 2:
            lines = ["   site  year  n_patients  mean_los  readmit_rate"]
            for i in range(v.rng.randint(3, 5)):
                lines.append(f"{i}  {v.pick(('A', 'B', 'C', 'D'))}  {v.rng.randint(2015, 2024)}"
                             f"  {v.rng.randint(40, 900):>10}  {v.rng.uniform(2, 9):>8.2f}"
                             f"  {v.rng.uniform(0.05, 0.3):>12.3f}")
            return "\n".join(lines)
        lines = ["   age sex  hba1c  glucose  gene"]
        for i in range(v.rng.randint(3, 5)):
            lines.append(f"{i}  {v.rng.randint(20, 89)}   {v.pick('MF')}  "
                         f"{v.rng.uniform(5, 11):5.1f}  {v.rng.randint(70, 300):7d}  "
                         f"{v.pick(GENES)}")
        return "\n".join(lines)

    def clean_config(self) -> str:
        v = self.v
        r = v.rng.randrange(5)
        if r == 0:
            return ("import os\n\nOPENAI_API_KEY = os.environ[\"OPENAI_API_KEY\"]\n"
                    "AWS_SECRET_ACCESS_KEY = os.getenv(\"AWS_SECRET_ACCESS_KEY\")\n"
                    "password = getpass.getpass(\"DB password: \")\n")
        if r == 1:
            key = v.pick(("your-api-key-here", "<YOUR_API_KEY>", "sk-...", "xxxx"))
            secret = v.pick(("REPLACE_ME", "changeme", "${CLIENT_SECRET}"))
            return (f"api_key = \"{key}\"\nclient_secret = \"{secret}\""
                    f"\nDB_HOST = \"localhost\"\nDB_PORT = {v.pick((5432, 3306, 27017))}\n")
        if r == 2:
            return ("%%writefile config.yaml\nmodel: gpt-4o-mini\ntemperature: 0.2\n"
                    f"max_tokens: {v.pick((256, 512, 1024))}\ndatabase:\n  host: 127.0.0.1\n"
                    "  port: 5432\n  user: analyst\n  password: ${DB_PASSWORD}\n"
                    f"seed: {v.rng.randint(0, 9999)}\n")
        if r == 3:
            return ("# .env.example — copy to .env and fill in\nAWS_ACCESS_KEY_ID=\n"
                    "AWS_SECRET_ACCESS_KEY=\nHF_TOKEN=<your token>\n"
                    "DATABASE_URL=postgresql://user:password@localhost:5432/dev\n")
        return (f"[tool.ruff]\nline-length = 100\n\n[project]\nname = \"cohort-tools\"\n"
                f"version = \"{v.rng.randint(0, 3)}.{v.rng.randint(0, 20)}."
                f"{v.rng.randint(0, 9)}\"\n"
                f"dependencies = [\"pandas>=2.{v.rng.randint(0, 2)}\", \"numpy==1.26.4\", "
                f"\"scikit-learn>=1.{v.rng.randint(2, 5)}\"]\n")

    def clean_genomics(self) -> str:
        v = self.v
        r = v.rng.randrange(6)
        if r == 0:
            a, b = v.rng.sample(RSIDS, 2)
            return (f"{a} and {b} define the APOE alleles; {v.pick(GENES)} and "
                    f"{v.pick(GENES)} variants were annotated with VEP. The C>T change at "
                    f"{a} is common in Europeans.")
        if r == 1:
            lines = ["#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"]
            for _ in range(v.rng.randint(2, 4)):
                ref, alt = v.rng.sample("ACGT", 2)
                lines.append(f"{v.rng.randint(1, 22)}\t{v.rng.randint(10_000, 99_999_999)}\t"
                             f"{v.pick(RSIDS)}\t{ref}\t{alt}\t.\tPASS\tAF=0.{v.digits(3)}")
            return "\n".join(lines)
        if r == 2:
            seq = v.dna(v.rng.randint(60, 150))
            return (f">NM_00{v.digits(4)}.{v.rng.randint(1, 5)} Homo sapiens {v.pick(GENES)} "
                    f"mRNA, RefSeq\n" + "\n".join(seq[i:i + 60] for i in range(0, len(seq), 60)))
        if r == 3:
            return (f"fwd_primer = \"{v.dna(20)}\"\nrev_primer = \"{v.dna(22)}\"\n"
                    f"# amplicon covers {v.pick(GENES)} exon {v.rng.randint(2, 12)} "
                    f"(GRCh38 chr{v.rng.randint(1, 22)}:{v.rng.randint(10**6, 10**8)})")
        if r == 4:
            return ("import pysam\n\nvcf = pysam.VariantFile(\"cohort.vcf.gz\")\n"
                    "for rec in vcf.fetch(\"chr19\", 44905000, 44910000):\n"
                    "    print(rec.id, rec.ref, rec.alts)\n")
        return (f"Pathogenic {v.pick(GENES)} variant c.{v.rng.randint(100, 5000)}"
                f"{v.pick(('delAG', 'dupC', 'G>A', 'C>T'))} (p.{v.pick(('Arg', 'Gly', 'Trp'))}"
                f"{v.rng.randint(10, 900)}Ter) — see ClinVar.")

    def clean_sql(self) -> str:
        v = self.v
        r = v.rng.randrange(4)
        if r == 0:
            return ("%%sql\nSELECT dx_code, COUNT(*) AS n, AVG(age) AS mean_age\n"
                    "FROM encounters\nGROUP BY dx_code\nHAVING COUNT(*) > "
                    f"{v.rng.randint(5, 50)}\nORDER BY n DESC;")
        if r == 1:
            cols = v.rng.sample(("patient_name TEXT", "mrn VARCHAR(12)", "dob DATE",
                                 "zip CHAR(5)", "ssn CHAR(11)", "phone VARCHAR(20)",
                                 "admit_ts TIMESTAMP", "email TEXT", "age SMALLINT"), 5)
            table = v.pick(("patients", "cohort", "stg_patients", "dim_patient"))
            return (f"CREATE TABLE {table} (\n  patient_id BIGINT PRIMARY KEY,\n  "
                    + ",\n  ".join(cols) + "\n);")
        if r == 2:
            return (f"SELECT site, EXTRACT(YEAR FROM admit_ts) AS yr, COUNT(*)\nFROM encounters"
                    f"\nWHERE age BETWEEN 18 AND {v.rng.randint(65, 89)}\nGROUP BY 1, 2;")
        return ("query = \"SELECT * FROM labs WHERE patient_id = %s AND lab_name = %s\"\n"
                "cur.execute(query, (patient_id, \"HbA1c\"))")

    def clean_code(self) -> str:
        v = self.v
        r = v.rng.randrange(9)
        if r == 0:
            return ("import matplotlib.pyplot as plt\nfrom lifelines import KaplanMeierFitter\n\n"
                    "kmf = KaplanMeierFitter()\nkmf.fit(df[\"time\"], df[\"event\"])\n"
                    "kmf.plot_survival_function()\nplt.title(\"Kaplan-Meier, Cox-adjusted\")\n")
        if r == 1:
            return (f"# commit {v.chars('0123456789abcdef', 40)}\n"
                    f"run_id = \"{v.chars('0123456789abcdef', 8)}-{v.chars('0123456789abcdef', 4)}"
                    f"-4{v.chars('0123456789abcdef', 3)}-a{v.chars('0123456789abcdef', 3)}-"
                    f"{v.chars('0123456789abcdef', 12)}\"\nmlflow.start_run(run_id=run_id)\n")
        if r == 2:
            return ("# docs: https://scikit-learn.org/stable/modules/cross_validation.html\n"
                    "# see https://github.com/pandas-dev/pandas/issues/"
                    f"{v.rng.randint(10000, 59999)}\n"
                    "from sklearn.model_selection import train_test_split\n"
                    "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, "
                    f"random_state={v.rng.randint(0, 99)})\n")
        if r == 3:
            return ("cols = [\"patient_name\", \"mrn\", \"dob\", \"zip\", \"phone\"]\n"
                    "df = df.drop(columns=cols)\ndf[\"age_group\"] = pd.cut(df[\"age\"], "
                    "bins=[0, 40, 65, 90])\n")
        if r == 4:
            return ("def send_report(to: str) -> None:\n    \"\"\"Send the weekly report.\n\n"
                    "    Example: send_report(\"jane.doe@example.com\"); questions to "
                    f"(617) 555-01{v.digits(2)}.\n    \"\"\"\n")
        if r == 5:
            return (f"dates = pd.date_range(\"20{v.rng.randint(15, 23)}-01-01\", periods=12, "
                    "freq=\"MS\")\nmonthly = df.resample(\"MS\", on=\"visit_date\").size()\n"
                    "monthly.plot(kind=\"bar\")\n")
        if r == 6:
            return ("!pip install presidio-analyzer==2.2.355 spacy==3.7.4\n"
                    "# https://pypi.org/project/presidio-analyzer/\n"
                    "# JupyterLab running at http://localhost:8888/lab\n")
        if r == 7:
            return (f"model = LogisticRegression(C={v.pick((0.1, 1.0, 10.0))}, max_iter=1000)\n"
                    "model.fit(X_train, y_train)\nprint(roc_auc_score(y_test, "
                    "model.predict_proba(X_test)[:, 1]))\n")
        return ("import uuid, hashlib\n\ndf[\"pid_hash\"] = df[\"mrn\"].map(lambda m: "
                "hashlib.sha256((SALT + m).encode()).hexdigest())\n"
                "SALT = os.environ[\"PSEUDONYM_SALT\"]\n")

    def clean_markdown(self) -> str:
        v = self.v
        r = v.rng.randrange(5)
        if r == 0:
            return ("## Methods\n\nSurvival was estimated with Kaplan-Meier curves and compared "
                    "with the log-rank test; hazard ratios come from a Cox proportional hazards "
                    "model. Continuous variables: Mann-Whitney U; categorical: Fisher's exact "
                    "test, Bonferroni-corrected. Enrichment used Gene Ontology terms.")
        if r == 1:
            return (f"### Cohort\n\nAdults with Parkinson's disease, Alzheimer's disease or "
                    f"{v.pick(DIAGNOSES)}; median age {v.rng.randint(55, 80)}. Visits run "
                    f"Monday to Thursday; data freeze in {v.pick(MONTH[1:])} "
                    f"{v.rng.randint(2019, 2025)}.")
        if r == 2:
            return ("**Contact** the data team at data-help@example.org or 555-0100 (demo "
                    "number). Docs: https://docs.python.org/3/library/csv.html")
        if r == 3:
            return (f"- {v.pick(GENES)}: tumour suppressor\n- {v.pick(GENES)}: oncogene\n"
                    f"- Drugs: {v.pick(DRUGS)}, {v.pick(DRUGS)}\n"
                    "- Hodgkin and non-Hodgkin lymphoma excluded")
        return (f"> TODO: ask Data Governance about the {v.rng.randint(2019, 2025)} extract. "
                "Wilcoxon signed-rank for paired labs; Student's t-test otherwise.")

    def clean_prompt(self) -> str:
        v = self.v
        return v.pick((
            "Write a function that computes BMI from weight_kg and height_cm columns.",
            "How do I fit a Cox model with lifelines and plot the hazard ratios?",
            f"What's the difference between {v.pick(GENES)} and {v.pick(GENES)} testing?",
            "Why is my Kaplan-Meier plot step-shaped and how do I add confidence bands?",
            f"Patients over {v.rng.randint(60, 89)} are excluded; rewrite the filter with "
            "query() instead of boolean masks.",
            "Convert df['dob'] to datetime and compute age in years, capped at 90.",
            f"Explain the dosing of {v.pick(DRUGS)} in renal impairment.",
            "Refactor this matplotlib code to use subplots with a shared x axis.",
            "My API key is in os.environ['OPENAI_API_KEY'] — how do I load it with dotenv?",
            f"Plot {v.pick(LABS).split()[0]} over time by treatment arm using seaborn.",
            "How do I read a VCF with pysam and count genotypes per sample?",
            "Anonymise the patient_name and mrn columns before I share the notebook.",
        ))

    # ---------------------------------------------------------------- records

    def record(self, index: int, clean: bool, kind: str) -> dict[str, Any]:
        if clean:
            return {"id": f"r{index:05d}", "kind": kind, "text": self.clean(kind), "spans": [],
                    "clean": True}
        c = Cell()
        getattr(self, kind)(c)
        return {"id": f"r{index:05d}", "kind": kind, "text": c.text, "spans": c.spans,
                "clean": False}


POSITIVE_KIND_WEIGHTS = {"clinical_note": 20, "dataframe_repr": 11, "config": 13,
                         "genomics": 12, "sql": 8, "code": 15, "markdown": 8, "prompt": 13}


def generate(n: int = DEFAULT_RECORDS, seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """`n` annotated records, the same for the same seed."""
    gen = Generator(seed)
    kinds, weights = zip(*POSITIVE_KIND_WEIGHTS.items(), strict=True)
    records = []
    for i in range(n):
        clean = gen.rng.random() < CLEAN_SHARE
        kind = gen.rng.choice(KINDS) if clean else gen.rng.choices(kinds, weights)[0]
        records.append(gen.record(i, clean, kind))
    return records


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def summary(records: list[dict[str, Any]]) -> str:
    """Composition of a corpus as text: kinds, entities, origins, scripts, sources."""
    spans = [s for r in records for s in r["spans"]]
    persons = [s for s in spans if s["entity"] == "PERSON"]
    parts = [
        f"records: {len(records)}  clean: {sum(r['clean'] for r in records)} "
        f"({sum(r['clean'] for r in records) / max(1, len(records)):.0%})  spans: {len(spans)}  "
        f"chars: {sum(len(r['text']) for r in records):,}",
        "kinds: " + ", ".join(f"{k} {n}" for k, n in Counter(r["kind"] for r in records)
                              .most_common()),
        "entities: " + ", ".join(f"{k} {n}" for k, n in Counter(s["entity"] for s in spans)
                                 .most_common()),
    ]
    for key in ("origin", "script", "name_source", "cue"):
        parts.append(f"PERSON by {key}: " + ", ".join(
            f"{k} {n}" for k, n in Counter(s[key] for s in persons).most_common()))
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("tests/data/dev_corpus.jsonl"))
    parser.add_argument("-n", "--records", type=int, default=DEFAULT_RECORDS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    records = generate(args.records, args.seed)
    write_jsonl(records, args.out)
    print(summary(records))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
