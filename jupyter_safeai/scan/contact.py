"""Ways to reach a person online: e-mail addresses, URLs, IP addresses (phone numbers
are `phones.py`'s).

Documentation values are not people: `example.com` addresses, localhost, and links to
public reference sites in code comments are left alone.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .finding import Finding
from .name_context import credit_line, line_around
from .name_lists import name_lists
from .recognizer import (
    PatternRecognizer,
    cue_starts,
    literal_starts,
    matches_at,
    run_starts,
)

# Generic top-level domains seen in real addresses; any two-letter ccTLD is accepted too.
# A closed list keeps `x@weights.shape` (matrix product in numpy) from being an e-mail.
_GENERIC_TLDS = frozenset("""
com org net edu gov mil int info biz name pro mobi asia tel travel jobs coop aero museum io
ai app dev tech cloud online site website email mail health care clinic hospital doctor
medical dental bio science academy university college school center company group global
world life live today news blog me xyz top club shop store ltd inc llc agency solutions
systems network digital media studio design law legal finance bank insurance family home
""".split())
_RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost", "local"})


def _valid_email(value: str) -> bool:
    local, _, domain = value.rpartition("@")
    domain = domain.lower().rstrip(".")
    tld = domain.rsplit(".", 1)[-1]
    labels = domain.split(".")
    if tld in _RESERVED_TLDS or "example" in labels[-3:-1]:  # example.com, example.co.uk
        return False
    if local.lower() in {"git", "user", "username", "name", "someone", "your.name", "you"}:
        return False
    return len(tld) == 2 or tld in _GENERIC_TLDS


#: An address starts where the run of local-part characters before its `@` starts (the
#: look-behind forbids one before it), so it is tried only there (`run_starts`).
_BEFORE_LOCAL_PART = re.compile(r"(?s:.*)[^\w.%+-]")

#: A line that calls an address a team's, a list's, a group's or a project's (`the rest of
#: the TFP team at Google (tfprobability@…)`), in the 80 characters before it.
_SHARED_MAILBOX_CUE = re.compile(
    r"\b(?:team|mailing[ -]list|list|group|project|community|maintainers|developers)"
    r"(?:['’]s)?\b", re.IGNORECASE)


def _shared_mailbox(text: str, start: int, end: int) -> bool:
    """A team's or a mailing list's address: its line calls it so, and its local part is one
    word that neither opens nor ends with a person's name (not `maria@`, `jlopez@`,
    `joshd@`, `brownjane@`, `maria.lopez@`), at a public project's own site
    (`_REFERENCE_HOSTS`: never a clinic's or a mail service's)."""
    local = text[start:text.index("@", start, end)].casefold()
    if not local.isalpha() or _SHARED_MAILBOX_CUE.search(
            text, max(text.rfind("\n", 0, start) + 1, start - 80), start) is None:
        return False
    kinds = name_lists().kinds
    parts = [local] + [part for k in range(1, len(local)) for part in (local[:k], local[k:])
                       if len(part) >= 4]
    return not any(kinds.get(part, "") in ("G", "S", "N") for part in parts) and _on(
        text[start:end].rpartition("@")[2].casefold(), _REFERENCE_HOSTS)


@dataclass(frozen=True)
class _EmailRecognizer(PatternRecognizer):
    """E-mail addresses, but a team's or a list's (`_shared_mailbox`)."""

    def _findings(self, text: str, matches: Iterable[re.Match[str]]) -> Iterator[Finding]:
        return (finding for finding in super()._findings(text, matches)
                if not _shared_mailbox(text, finding.start, finding.end))


EMAIL = _EmailRecognizer(
    "EMAIL_ADDRESS", "phi",
    # not after ':' or '/': `scheme://user:password@host` holds a password, not an address
    re.compile(r"(?<![\w.%+:/-])[A-Za-z0-9][\w.%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}"
               r"[A-Za-z]{2,24}(?![\w-])"),
    0.95, _valid_email, needles=("@",),
    starts_at=lambda text: run_starts(text, "@", _BEFORE_LOCAL_PART, 64),
)

# Public reference sites: links to them in code and comments identify no one.
_REFERENCE_HOSTS = (
    "python.org", "pypi.org", "pythonhosted.org", "readthedocs.io", "readthedocs.org",
    "github.com", "githubusercontent.com", "github.io", "gitlab.com", "bitbucket.org",
    "stackoverflow.com", "stackexchange.com", "wikipedia.org", "wikimedia.org", "doi.org",
    "numpy.org", "scipy.org", "pydata.org", "scikit-learn.org", "matplotlib.org",
    "pytorch.org", "tensorflow.org", "jupyter.org", "anaconda.org", "conda.io",
    "nih.gov", "ncbi.nlm.nih.gov", "ensembl.org", "ucsc.edu", "cdc.gov", "who.int",
    "fda.gov", "cms.gov", "hhs.gov", "clinicaltrials.gov", "hl7.org", "loinc.org",
    "snomed.org", "ebi.ac.uk", "uniprot.org", "bioconductor.org", "r-project.org",
    "cran.r-project.org", "arxiv.org", "biorxiv.org", "medrxiv.org", "nature.com",
    "sciencedirect.com", "springer.com", "plos.org", "nejm.org", "thelancet.com",
    "jamanetwork.com", "bmj.com", "googleapis.com", "microsoft.com",
    "amazon.com", "amazonaws.com", "apache.org", "mozilla.org", "w3.org", "json-schema.org",
    "opensource.org", "creativecommons.org", "huggingface.co", "kaggle.com", "docker.com",
    "npmjs.com", "npmjs.org", "example.com", "example.org", "example.net", "localhost",
)
_URL = re.compile(
    r"(?<![\w@/])(?:(?:https?|ftp)://|www\.)[^\s<>\"'`)\]}]{2,2048}",
    re.IGNORECASE,
)
# A path segment or query key that names one person's record, then its value: the word
# must be the whole segment or key (`/patient/123`, `?user_id=9`), not part of one
# (`diffusers/`, `user_guide/`), and the value an id (a digit) or the page's last
# segment, not a document (`/users/customizing.html` is a manual's chapter).
_PERSONAL_URL_PART = re.compile(
    r"(?:^|[/?&#;])(?:patients?|mrn|members?|subjects?|users?|profiles?|people|persons?|"
    r"ssn|dob|email|participants?|mychart|~)(?:[_-]?(?:id|no|number|name))?"
    r"(?:/|=)(?:[\w%@+-]*\d[\w%@.+-]*|[\w%@+-]{3,})(?=$|[/?&#;])"
    r"|/@[\w.-]{2,}(?=$|[/?#])",
    re.IGNORECASE,
)
# Hosts whose pages are one person's: social profiles, fundraisers, shared files and
# personal blogs. A link there with a path points at someone.
_PERSONAL_HOSTS = (
    "twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com", "tiktok.com",
    "linkedin.com", "caringbridge.org", "gofundme.com", "drive.google.com",
    "docs.google.com", "dropbox.com", "onedrive.live.com", "myspace.com", "vk.com",
    "threads.net", "snapchat.com", "patientslikeme.com", "legacy.com",
)
# Sub-domains that are one person's site: `janedoe.wordpress.com`.
_PERSONAL_SITE_HOSTS = ("wordpress.com", "blogspot.com", "tumblr.com", "substack.com",
                        "wixsite.com", "weebly.com")
# Paths on a personal host that are not one person's page.
_SHARED_PATHS = re.compile(r"^/?(?:$|(?:share|sharer|intent|hashtag|search|explore|help|"
                           r"about|legal|privacy|terms|login|signup|home|watch|embed|"
                           r"policies)\b)", re.IGNORECASE)
# Words before a link that say it is someone's page.
_PERSON_LINK_CUE = re.compile(
    r"(?:profile|portal|homepage|home page|personal (?:page|site|website)|my (?:page|site|"
    r"website|blog)|(?:his|her|their) (?:page|site|website|blog|post|photos?|account)|"
    r"photos at|set up a page|patient link)\W{0,6}$",
    re.IGNORECASE,
)


_PATH_START = re.compile(r"[/?#]")
_THREE_HEX = re.compile(r"[0-9a-fA-F]{3}")


def _url_host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    host = _PATH_START.split(rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    return host.split(":", 1)[0].lower().rstrip(".")


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _identifying_url(url: str, before: str = "") -> bool:
    """A URL is an identifier only when it points at a person: a record or profile in
    its path, a personal host (social profile, fundraiser, shared file, personal blog),
    or a page that the words before it call someone's. Links to documentation, shops,
    images and courses identify no one."""
    host = _url_host(url)
    if not host or "." not in host and host != "localhost":
        return False
    if host == "localhost" or _is_local_ip(host):
        return False
    path = url.split("://", 1)[-1][len(host):].lstrip(":0123456789")
    if _PERSONAL_URL_PART.search(path):
        return True
    if _on(host, _PERSONAL_HOSTS):
        return not _SHARED_PATHS.match(path)
    if _on(host, _PERSONAL_SITE_HOSTS) and host.count(".") >= 2 and not host.startswith(
            "www."):
        return not path.strip("/") or path.strip("/").lower() in {"about", "about-me"}
    if _on(host, _REFERENCE_HOSTS) or host.startswith(
            ("docs.", "doc.", "api.", "developer.", "learn.", "blog.")) or (
            _DOCUMENTATION_PATH.search(path)):
        return False
    return _named_after_people(host) or (
        bool(before) and _PERSON_LINK_CUE.search(before) is not None)


#: A path into a project's manual (`/ipython-doc/dev/...`, `/docs/`, `/user-guide/`):
#: whatever the words before the link say, it is documentation, not someone's page.
_DOCUMENTATION_PATH = re.compile(
    r"(?:^|[/_-])(?:docs?|documentation|manual|guide|tutorials?|reference|howto)(?=$|[/_.-])",
    re.IGNORECASE)
_FAMILY_WORDS = frozenset({"family", "familie", "famille", "familia", "clan", "home"})
#: Words of software sites' names that are also listed surnames (`ruby-lang.org`,
#: `pandas-dev.github.io`): beside them, a given name names a project, not a person.
_PROJECT_WORDS = frozenset({"lang", "dev", "lab", "labs", "hub", "app", "web", "soft", "tech",
                            "code", "data", "cloud", "project", "docs"})


def _named_after_people(host: str) -> bool:
    """`garcia-smith.biz`, `wang-family.net`: a site named after a person or a family
    (hyphenated parts that are all known names, or a name and `family`)."""
    labels = host.split(".")
    main = labels[-3] if len(labels) >= 3 and len(labels[-2]) <= 3 else labels[-2] if (
        len(labels) >= 2) else ""
    parts = main.split("-")
    if len(parts) < 2 or _PROJECT_WORDS.intersection(parts):
        return False
    from .name_lists import name_lists

    kinds = [name_lists().kind(part) for part in parts]
    strong = sum(kind.isupper() for kind in kinds)
    return strong >= 1 and all(kind or part in _FAMILY_WORDS
                               for kind, part in zip(kinds, parts, strict=True))


# A link in a comment is a reference unless it points at a person.
_COMMENT_BEFORE = re.compile(r"(?:#|//|--|^[ \t]*\.\. )", re.MULTILINE)


def _url_starts(text: str) -> list[int]:
    """Where `_URL` can match: 3 to 5 characters before `://` (ftp, http, https), and
    2 before `w.` in either case (the end of `www.`; no other letter folds to w)."""
    starts = [at - back for at in literal_starts(text, ("://",)) for back in (3, 4, 5)
              if at >= back]
    starts += [at - 2 for at in literal_starts(text, ("w.", "W.")) if at >= 2]
    return sorted(set(starts))


class UrlRecognizer:
    name = "pattern:url"
    entities = ("URL",)

    def find(self, text: str) -> Iterator[Finding]:
        for match in matches_at(_URL, text, _url_starts(text)):
            url = match.group().rstrip(".,;:!?")
            line_start = line_around(text, match.start(), match.start())[0]
            before = text[max(0, match.start() - 40):match.start()]
            if _COMMENT_BEFORE.search(text, line_start, match.start()) or credit_line(
                    text, match.start()):
                before = ""  # a comment's or a byline's link is a reference unless its own
                # parts say not
                if credit_line(text, match.start()):
                    continue
            if _identifying_url(url, before):
                yield Finding(match.start(), match.start() + len(url), "URL", "phi", 0.7,
                              self.name)


def _is_local_ip(value: str) -> bool:
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_multicast or (
        value in {"255.255.255.255"})


_IPV4 = re.compile(r"\d(?<![\w.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?:/\d{1,2})?(?![\w.]|\.\d)")
# Cue: the first dot of a dotted quad, 1 to 3 digits in (the engine skips to the dot
# instead of trying the pattern at every digit of a text).
_IPV4_CUE = (re.compile(r"\.(?=\d{1,3}\.\d{1,3}\.\d)"),)
# Candidates only (hex digits and at least two colons); ipaddress decides.
_IPV6 = re.compile(
    r"(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{3,39}(?:%\w+)?(?![\w:])"
)
# Cues: the first colon of an IPv6 candidate, 0 to 4 hex digits in, and the next one.
_IPV6_CUE = (re.compile(r":(?=[0-9A-Fa-f]{0,4}:)"),)


def _ipv6_starts(text: str) -> list[int]:
    return cue_starts(text, _IPV6_CUE, range(5))

_VERSION_CUE = re.compile(r"(?:v|version|ver|release|==|>=|<=|~=|build)[:=]?\s*$",
                          re.IGNORECASE)
# Words that say the dotted quad after them is an address.
_IP_CUE = re.compile(r"\b(?:ip|ips|ipv4|address|addr|from|host|hostname|server|remote|"
                     r"remotely|client|connect(?:ed|ion)?|login|logged|source|src|dst|"
                     r"destination|gateway|proxy|origin|via|by)\b[^\n]{0,12}$", re.IGNORECASE)


#: pip names the package that asked for a requirement, then its version: `Requirement
#: already satisfied: nvidia-cudnn-cu12==8.9.2.26 in ... (from torch) (8.9.2.26)`.
_PIP_REQUESTED_BY = re.compile(
    r"[ \t]*Requirement already satisfied:[^\n]*\(from [^()\n]{1,120}\)[ \t]*\($")


def _pip_version(text: str, start: int) -> bool:
    """A dotted number in brackets after `(from <package>)` on pip's line is a version."""
    return text.startswith("(", start - 1) and _PIP_REQUESTED_BY.match(
        text, text.rfind("\n", 0, start) + 1, start) is not None


def _version_like(value: str, before: str) -> bool:
    """`1.17.4.1`, `4.0.1.2`: every part small and no word calling it an address."""
    return all(int(part) < 32 for part in value.split(".")) and not _IP_CUE.search(before)


class IpRecognizer:
    name = "pattern:ip"
    entities = ("IP_ADDRESS",)

    def find(self, text: str) -> Iterator[Finding]:
        for match in matches_at(_IPV4, text, cue_starts(text, _IPV4_CUE, (1, 2, 3))):
            value = match.group().split("/")[0]
            before = text[max(0, match.start() - 30):match.start()]
            if _VERSION_CUE.search(before[-12:]) or _version_like(value, before) or (
                    _pip_version(text, match.start())):
                continue
            try:
                ipaddress.IPv4Address(value)
            except ValueError:
                continue
            if not _is_local_ip(value) and value != "0.0.0.0":
                yield Finding(match.start(), match.end(), "IP_ADDRESS", "phi", 0.8, self.name)
        for match in matches_at(_IPV6, text, _ipv6_starts(text)):
            value = match.group().split("%")[0]
            if value.count(":") < 2:
                continue
            try:
                ipaddress.IPv6Address(value)
            except ValueError:
                continue
            groups = [g for g in value.split(":") if g]
            # `a[::800]` is a slice: an address has at least three groups
            if not _is_local_ip(value) and _THREE_HEX.search(value) and (
                    len(groups) >= 3):
                yield Finding(match.start(), match.end(), "IP_ADDRESS", "phi", 0.8, self.name)


CONTACT_RECOGNIZERS = (EMAIL, UrlRecognizer(), IpRecognizer())
