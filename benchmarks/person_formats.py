"""Person names of many countries in sentences written the way people write to each
other or to an assistant, and capitalised words that only look like names, which must
stay quiet.

Generated here with a fixed seed: no data set is read. Names are drawn from Faker's
person providers of every locale whose names are written in Latin letters; the frames
are this file's own (requests to an assistant, chat messages, notes, letters, lists,
lower-case messages, a name alone after a verb, a lone given name or surname, a
possessive, a name opening a sentence, `SURNAME, Given` of a record export). Recall is
the share of names a PHI finding covers at least half of, per kind of frame; the
look-alikes (products, places, drugs, libraries, months, works, firms) are put into
frames of the same kinds and any PERSON finding in them is a false alarm.

    PYTHONPATH=$PWD python benchmarks/person_formats.py [--frames a|b] [--per-frame 40]
        [--show 20]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict

from faker import Faker
from faker.config import AVAILABLE_LOCALES

from jupyter_safeai.scan import scan_text

#: Frames by kind; `{full}` a full name, `{given}` a given name, `{surname}` a surname,
#: `{GIVEN}`/`{SURNAME}` in capitals, `{given_l}` in lower case (`{x_l}` of a look-alike).
#: The first slot in each frame is the one measured; other slots are filled too and
#: scored the same way.
FRAMES: dict[str, tuple[str, ...]] = {
    "full name, request": (
        "Can you draft a polite reply to {full} about the late invoice?",
        "Summarise this thread for {full} before Friday.",
        "Write a short bio of {full} for the conference page.",
        "please translate the letter from {full} into French",
        "Help me word an apology to {full}, I missed our call.",
    ),
    "full name, subject": (
        "{full} booked the meeting room for Thursday.",
        "Yesterday {full} sent over the revised budget.",
        "I think {full} left her keys in the lab.",
        "{full} will take over the on-call rota next week.",
        "Our landlord, {full}, raised the rent again.",
    ),
    "given alone, request": (
        "Can you write a birthday message for {given}?",
        "Draft an email to {given} saying the report is late.",
        "Remind me to call {given} after lunch.",
        "How do I tell {given} that the project was cancelled?",
        "Make the tone friendlier, {given} is a new colleague.",
        "Could you help me plan a surprise party for {given}?",
    ),
    "given alone, subject": (
        "{given} booked the meeting room for Thursday.",
        "{given} said the build is broken again.",
        "Yesterday {given} brought cake for the whole team.",
        "I think {given} forgot to lock the door.",
        "{given} and I will review the slides tonight.",
        "Apparently {given} moved to a new flat last month.",
    ),
    "given alone, chat": (
        "lol {given} you are so late again",
        "ok so {given} just texted me, she is stuck in traffic",
        "thanks {given}!! see you tomorrow",
        "did {given} ever reply to you?",
        "haha {given} said the same thing",
        "omg {given} got the job!!",
    ),
    "surname alone": (
        "I spoke with {surname} yesterday about the contract.",
        "{surname} said the deadline cannot move.",
        "We still need the signature from {surname}.",
        "Ask {surname} whether the samples arrived.",
        "According to {surname}, the server was rebooted twice.",
        "The report was reviewed by {surname} last week.",
    ),
    "possessive": (
        "{given}'s laptop will not start this morning.",
        "I borrowed {given}'s charger and forgot to return it.",
        "We are meeting at {surname}'s house on Saturday.",
        "{full}'s flight lands at six.",
    ),
    "note / letter": (
        "Dear {given},\nThank you for your patience with the delay.\nBest wishes",
        "Hi {given}, just checking in about the forms.",
        "Thanks again,\n{full}",
        "Note: {given} called, will come by tomorrow at 10.",
        "Met with {full} today; she agreed to the new schedule.",
        "Visitor: {full}, daughter, stayed until 8pm.",
    ),
    "list": (
        "Attendees: {full}, {full2} and {full3}.",
        "Team for the demo: {given}, {given2}, {given3}",
        "- {full}\n- {full2}\n- {full3}",
        "invite {given}, {given2} and {given3} to the retro",
    ),
    "lower case": (
        "can you write a thank you note to {given_l} {surname_l}",
        "tell {given_l} i will be late",
        "{given_l} {surname_l} called about the delivery",
        "my friend {given_l} needs help with her cv",
        "we were four at the table: {given_l}, {given_l2}, {given_l3} and me",
        "did you ever see {given_l} {surname_l} perform live",
    ),
    "record export": (
        "{SURNAME}, {GIVEN}",
        "Name: {SURNAME}, {given}",
        "{surname}, {given} - seen 12/03",
    ),
}

#: A second set of frames, worded apart from the first: rules are tuned on `FRAMES` and
#: checked on these (`--frames b`), so a rule that fits the first set's words shows here.
FRAMES_B: dict[str, tuple[str, ...]] = {
    "full name, request": (
        "Could you check the spelling in this card to {full}?",
        "I need a reference letter template; it is for {full}.",
    ),
    "full name, subject": (
        "{full} cancelled the dentist appointment.",
        "Last week {full} took the minutes.",
    ),
    "given alone, request": (
        "Write a short toast for {given}'s retirement.",
        "Can you set a reminder to pay {given} back?",
        "I need to apologise to {given}, help me find the words.",
        "Suggest a gift for {given}, she likes hiking.",
        "Translate this note for {given} into Spanish.",
    ),
    "given alone, subject": (
        "{given} cancelled the dentist appointment.",
        "Last night {given} cooked dinner for everyone.",
        "{given} wants the blue folder back.",
        "Honestly {given} handled the client really well.",
        "{given} is picking the kids up at four.",
    ),
    "given alone, chat": (
        "haha {given} you're the best",
        "where is {given}??",
        "{given} u coming tonight?",
        "omg {given} that was hilarious",
        "tell {given} i said hi",
    ),
    "surname alone": (
        "Please forward the file to {surname} in accounting.",
        "{surname} approved the request this morning.",
        "The minutes were taken by {surname}.",
        "Has anyone heard back from {surname}?",
        "Coffee with {surname} at 3pm.",
    ),
    "possessive": (
        "Is this {given}'s umbrella?",
        "{surname}'s office is on the second floor.",
        "We used {given}'s recipe for the cake.",
    ),
    "note / letter": (
        "Hello {given},\nThe parcel arrived this morning.",
        "Kind regards,\n{given}",
        "Spoke to {given} re: the schedule.",
    ),
    "list": (
        "Present: {given}, {given2}, {given3}.",
        "Cc: {full}, {full2}",
        "{given}, {given2} and {given3} joined late.",
    ),
    "lower case": (
        "remind me to text {given_l} tomorrow",
        "{given_l} is coming over later",
        "call {given_l} {surname_l} back",
    ),
    "record export": (
        "{SURNAME}, {GIVEN} 1984-02-11",
        "{surname}, {given}; ward 4",
    ),
}

#: Words with a capital that are no person: they go into the look-alike frames below.
LOOK_ALIKES: dict[str, tuple[str, ...]] = {
    "product": ("Excel", "Slack", "Jira", "Tableau", "Docker", "Outlook", "Zoom", "Figma",
                "Notion", "Trello", "Kindle", "Alexa", "Siri", "Photoshop", "Dropbox"),
    "place": ("Paris", "Berlin", "Kyoto", "Lagos", "Denver", "Florence", "Victoria",
              "Austin", "Sydney", "Madrid", "Geneva", "Nairobi", "Osaka", "Lima", "Adelaide"),
    "drug": ("Metformin", "Lipitor", "Xanax", "Ozempic", "Tylenol", "Advil", "Humira",
             "Zoloft", "Keytruda", "Eliquis", "Warfarin", "Prozac"),
    "library": ("Pandas", "NumPy", "Keras", "Django", "Flask", "Seaborn", "Plotly", "Polars",
                "Spark", "Kafka", "Airflow", "Jupyter", "Matplotlib", "Scrapy"),
    "month / day": ("June", "August", "April", "May", "Monday", "Friday", "Easter",
                    "Christmas", "Ramadan", "Diwali"),
    "work": ("Hamlet", "Dune", "Frozen", "Macbeth", "Beowulf", "Ulysses", "Othello",
             "Casablanca", "Moana", "Bambi"),
    "firm": ("Acme", "Oracle", "Nvidia", "Siemens", "Unilever", "Deloitte", "Boeing",
             "Pfizer", "Toyota", "Nestle", "Spotify", "Airbnb"),
}
LOOK_ALIKE_FRAMES: tuple[str, ...] = (
    "Can you explain how {x} handles missing values?",
    "{x} crashed again after the update.",
    "Yesterday {x} released a new version.",
    "I think {x} is overrated.",
    "Draft an email about {x} for the team.",
    "We are flying to {x} in the spring.",
    "lol {x} is down again",
    "thanks for the tip about {x}!!",
    "{x}'s documentation is hard to follow.",
    "According to {x}, the results are final.",
    "Note: {x} discussed at the meeting, no decision.",
    "Options: {x}, {y} and {z}.",
    "did {x} ever ship that feature?",
    "Make the tone friendlier, {x} is for beginners.",
    "The review was published by {x} last week.",
    # typed in lower case: the words as lower-case prose writes them
    "can you explain how {x_l} handles missing values",
    "we compared {x_l}, {y_l} and {z_l} before we picked one",
)

LOOK_ALIKE_FRAMES_B: tuple[str, ...] = (
    "{x} cancelled the event.",
    "Has anyone heard back from {x}?",
    "Please forward the file to {x} support.",
    "Is this {x}'s logo?",
    "Last night {x} pushed an update.",
    "Coffee with the {x} team at 3pm.",
    "Present: {x}, {y}, {z}.",
    "where is {x}??",
    "The minutes mention {x} twice.",
    "omg {x} that was hilarious",
)


def latin(name: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or not c.isalpha() for c in name)


def people(seed: int) -> list[tuple[str, str, str]]:
    """(locale, given, surname) of every Latin-script Faker locale, a few each."""
    out = []
    for locale in AVAILABLE_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        try:
            drawn = [(fake.first_name(), fake.last_name()) for _ in range(12)]
        except AttributeError:
            continue
        out += [(locale, g, s) for g, s in drawn if latin(g + s) and " " not in g]
    return out


def fill(frame: str, rng: random.Random, folks: list[tuple[str, str, str]]
         ) -> tuple[str, list[tuple[int, int]], str]:
    """The frame with names in its slots, the spans of the names, and the first locale."""
    chosen = [rng.choice(folks) for _ in range(3)]
    values = {}
    for i, (_, given, surname) in enumerate(chosen):
        tail = "" if i == 0 else str(i + 1)
        values.update({
            f"full{tail}": f"{given} {surname}", f"given{tail}": given,
            f"surname{tail}": surname, f"GIVEN{tail}": given.upper(),
            f"SURNAME{tail}": surname.upper(), f"given_l{tail}": given.lower(),
            f"surname_l{tail}": surname.lower()})
    text, spans, at = "", [], 0
    while (open_ := frame.find("{", at)) >= 0:
        close = frame.index("}", open_)
        text += frame[at:open_]
        value = values[frame[open_ + 1:close]]
        spans.append((len(text), len(text) + len(value)))
        text += value
        at = close + 1
    text += frame[at:]
    # `{given_l} {surname_l}` is one name: join neighbouring spans one blank apart
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start == joined[-1][1] + 1 and text[joined[-1][1]] == " ":
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return text, joined, chosen[0][0]


def covered(start: int, end: int, hits: list[tuple[int, int]]) -> bool:
    marks = bytearray(end - start)
    for a, b in hits:
        for i in range(max(start, a), min(end, b)):
            marks[i - start] = 1
    return sum(marks) * 2 >= end - start


def phi_spans(text: str, entity: str = "") -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in scan_text(text)
            if f.category == "phi" and (not entity or f.entity == entity)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-frame", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--kind", default="", help="show misses of this frame kind only")
    parser.add_argument("--frames", choices=("a", "b"), default="a",
                        help="a: the frames rules were tuned on; b: the check set")
    args = parser.parse_args()
    frame_set = FRAMES if args.frames == "a" else FRAMES_B
    alike_frames = LOOK_ALIKE_FRAMES if args.frames == "a" else LOOK_ALIKE_FRAMES_B
    rng = random.Random(args.seed)
    folks = people(args.seed)
    hits: dict[str, Counter[bool]] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    for kind, frames in frame_set.items():
        for frame in frames:
            for _ in range(args.per_frame):
                text, spans, locale = fill(frame, rng, folks)
                found = phi_spans(text)
                for start, end in spans:
                    ok = covered(start, end, found)
                    hits[kind][ok] += 1
                    if not ok:
                        misses[kind].append(f"{locale}: {text!r} -> {text[start:end]!r} "
                                            f"found {[text[a:b] for a, b in found]}")
    print(f"Names of {len({loc for loc, _, _ in folks})} Faker locales in invented frames")
    total: Counter[bool] = Counter()
    for kind in frame_set:
        count = hits[kind]
        total.update(count)
        n = sum(count.values())
        print(f"  {kind:22s} {count[True] / max(n, 1):6.3f}  (n={n})")
    n = sum(total.values())
    print(f"  {'all':22s} {total[True] / max(n, 1):6.3f}  (n={n})")
    alarms: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    quiet: list[str] = []
    words = [(kind, w) for kind, ws in LOOK_ALIKES.items() for w in ws]
    for frame in alike_frames:
        for kind, word in words:
            others = rng.sample([w for _, w in words if w != word], 2)
            text = frame.replace("{x}", word).replace("{y}", others[0]).replace(
                "{z}", others[1]).replace("{x_l}", word.lower()).replace(
                "{y_l}", others[0].lower()).replace("{z_l}", others[1].lower())
            found = phi_spans(text, "PERSON")  # a place is PHI, but no name
            tried[kind] += 1
            if found:
                alarms[kind] += 1
                quiet.append(f"{kind}: {text!r} found {[text[a:b] for a, b in found]}")
    print(f"look-alikes with a PERSON finding: {sum(alarms.values()) / sum(tried.values()):.3f}"
          f" (n={sum(tried.values())})  {dict(alarms)}")
    for kind, rows in misses.items():
        if args.kind and kind != args.kind:
            continue
        for row in rng.sample(rows, min(args.show, len(rows))):
            print("  miss", kind, "|", row)
    for row in quiet[:args.show]:
        print("  alarm |", row)


if __name__ == "__main__":
    from hash_seed import run_under_fixed_hash_seed

    run_under_fixed_hash_seed()
    main()
