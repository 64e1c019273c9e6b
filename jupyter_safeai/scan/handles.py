"""Social handles: the `@name` a post is signed with or a person is reached at.

`@first.last : Spending time with…` opens a post the way a speaker label opens a line
of dialogue, and `follow @name_73`, `logged on @jay_nelson`, `DM @x` point at a person's
account. A handle is a name a person goes by, so it is a PERSON. Elsewhere `@` is code
or an address: a decorator (`@property` on its own line, `@app.route("/")`, a call),
an e-mail address (a word before the `@`), matrix multiplication (`a @ b`), an npm
scope (`@jupyterlab/apputils`), a Julia macro (`@time f(x)`), a broadcast mention
(`@here`); none of those is followed by a colon at the start of a line or preceded by
a word that reaches a person. Named in prose (`cached by @lru_cache`, `Follow
@numpy_team`, `@return:`), a decorator, a macro, a doc tag or a group is no person
either; a given name is (`cc @grace`, `@maria_lab`). After the weak `on`, `by`, `via`
an English word or a project's name is no person, a made-up handle or a name run
together (`by @mwilliams`) is. A changelog's `by @octocat in …/pull/12` credits a
contributor to a project: a line that cites an issue or a pull request stays quiet,
but for a person reached (`message @ajones12, see the commit log`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .english_words import english_word
from .finding import Finding
from .name_context import SOFTWARE_NAMES
from .name_lists import name_lists

#: A handle read from its `@`, and not more of a name, an address, a path, a call or an
#: attribute after it.
_HANDLE = re.compile(r"@([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?![\w@/(-]|\.\w)")
#: A handle as a tokeniser writes it, the `@` split off (`RT @ jo_k :`, a corpus printed
#: token by token): read only where it signs a line, never in code's `a @ b`.
_SPACED_HANDLE = re.compile(r"@[ ]([A-Za-z][A-Za-z0-9_]*)(?![\w@/(-]|\.\w)")
#: What stands before a post's signature on its line (a retweet's `RT` too), and the
#: colon after it.
_SIGNATURE_PREFIX = re.compile(r"[ \t>*-]*(RT[ \t]+)?")
_SIGNATURE_COLON = re.compile(r"[ \t]?:(?:\s|$)")
#: A word that reaches a person's account, read backwards from before the `@`
#: (`follow @x`, `DM @x`, `logged on @x`, `reach me at @x`).
_REACHING_WORD = re.compile(
    r"[ \t]+(?:(?:ta|no)[ \t]+(?:em[ \t]+)?hcaer|(?P<weak>no|yb|aiv)|wollof|gniwollof|dewollof|"
    r"md|smd|cc|gnip|egassem|gat|deggat|tcatnoc)(?![\w@.])", re.IGNORECASE)
_LOOK_BACK = 24
#: Mentions that reach a channel, not one person.
_BROADCAST = frozenset({"here", "channel", "everyone", "all", "team", "room", "admin",
                        "admins", "mods", "moderators"})
#: A line that credits work to a project (a changelog, release notes, a commit log).
_CREDIT_LINE = re.compile(r"#\d|/pull/|/issues?/|\bPR\b|pull request|commit", re.IGNORECASE)
#: `@`-names of code and its documentation: Python decorators, Julia macros and the tags
#: of doc comments (`@return:`, `@rtype:`), read even where a line opens with one.
_CODE_TAGS = frozenset("""
staticmethod classmethod property abstractmethod cached_property lru_cache cache wraps
dataclass total_ordering singledispatch singledispatchmethod contextmanager overload
override final fixture parametrize jit njit vectorize threads distributed spawn async sync
btime belapsed benchmark elapsed time timev allocated inbounds simd assert test testset
show macroexpand everywhere param params arg args kwarg kwargs keyword return returns
rtype type raise raises throws exception see note author since version deprecated todo
example link ivar cvar var summary warning
""".split())
#: Words that make a handle a project's or a group's (`@numpy_team`, `@ProjectJupyter`).
_GROUP_WORDS = frozenset({"team", "project", "official", "org", "hq", "dev", "devs", "lab",
                          "labs", "bot", "news", "support", "app", "community", "group",
                          "foundation", "inc"})
#: The words of a handle: `numpy_team`, `ProjectJupyter`, `tobi.runs84`.
_HANDLE_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
#: What marks a handle as made up by a person, beyond a plain word (`jay_nelson`, `tobi84`).
_HANDLE_MARK = re.compile(r"[\d_.]")
#: Kinds of listed names (`name_lists().kind`): lower case marks a weak name (Mark, Rose).
_GIVEN, _SURNAME = frozenset("GgNn"), frozenset("SsNn")
_STRONG_GIVEN, _STRONG_SURNAME = frozenset("GN"), frozenset("SN")
#: Longer than this, a run-together handle is not split into a name.
_LONGEST_NAME_HANDLE = 30
#: How a handle reaches a person (`HandleRecognizer._reach`).
_STRONGLY, _WEAKLY, _NO_ONE = "strongly", "weakly", ""


class HandleRecognizer:
    """`@handles` that open a post or follow a word that reaches a person."""

    name = "pattern:handle"
    entities = ("PERSON",)

    def find(self, text: str) -> Iterator[Finding]:
        line_start, line_end = 0, -1
        credits: bool | None = None  # whether the line credits work, read once when needed
        at = text.find("@")
        while at != -1:
            if at > line_end:  # a new line
                line_start = text.rfind("\n", 0, at) + 1
                line_end = text.find("\n", at)
                line_end = len(text) if line_end == -1 else line_end
                credits = None
            handle = _HANDLE.match(text, at)
            if handle is None:
                handle = _SPACED_HANDLE.match(text, at)
                reach = _NO_ONE if handle is None else self._signs(text, handle, line_start)
            else:
                reach = self._reach(text, handle, line_start)
            if handle is not None and reach != _NO_ONE:
                if credits is None and reach == _WEAKLY:
                    credits = _CREDIT_LINE.search(text, line_start, line_end) is not None
                if reach == _STRONGLY or not credits:
                    yield Finding(handle.start(1), handle.end(1), "PERSON", "phi", 0.75,
                                  self.name)
            at = text.find("@", at + 1)

    @staticmethod
    def _reach(text: str, handle: re.Match[str], line_start: int) -> str:
        """How a handle reaches a person: strongly (`DM @x`: a credit line cannot quiet
        it), weakly (a signature, `by @x`: a changelog's credit can), or not at all."""
        name = handle.group(1)
        lower = name.lower()
        if len(name) < 2 or lower in _BROADCAST or lower in _CODE_TAGS:
            return _NO_ONE
        signs = HandleRecognizer._signs(text, handle, line_start)
        if signs != _NO_ONE:
            return signs
        at = handle.start()
        before = text[max(line_start, at - _LOOK_BACK):at][::-1]
        reaching = _REACHING_WORD.match(before)
        if reaching is None:
            return _NO_ONE
        words = _HANDLE_WORD.findall(name)
        if _a_groups(words):
            return _NO_ONE
        if reaching.group("weak") is None:
            return _STRONGLY
        if _person_named(name, words):
            return _WEAKLY
        # `on`, `by`, `via` point at code as often (`works on @property`, `timing by
        # @btime`): after them a handle is a person's only when made up (`on @tobi_84`)
        # or a name (`by @mwilliams`, `on @JohnSmith`), never a word or a project
        if english_word(lower) or lower in SOFTWARE_NAMES:
            return _NO_ONE
        return _WEAKLY if _HANDLE_MARK.search(name) is not None else _NO_ONE

    @staticmethod
    def _signs(text: str, handle: re.Match[str], line_start: int) -> str:
        """Weakly when the handle signs its line (`@x: …`), or is the one a retweet
        quotes (`RT @JoKaur: …`) and reads as a person's name: a feed quotes bots, shops
        and projects as often. A handle that opens a reply (`@JoKaur thanks`) is left
        alone: a reply answers accounts of every kind."""
        name = handle.group(1)
        if len(name) < 2 or name.lower() in _BROADCAST or name.lower() in _CODE_TAGS:
            return _NO_ONE
        at, end = handle.start(), handle.end()
        signs = _SIGNATURE_COLON.match(text, end) is not None
        prefix = _SIGNATURE_PREFIX.fullmatch(text, line_start, at)
        if prefix is None:
            return _NO_ONE
        if signs and not prefix.group(1) and text[at + 1] != " ":
            return _WEAKLY
        if signs and _person_named(name, _HANDLE_WORD.findall(name)):
            return _WEAKLY
        return _NO_ONE


def _a_groups(words: list[str]) -> bool:
    """A group word (`team`, `lab`) makes a handle a group's unless another of its words
    is a person's name (`@numpy_team` is a project's, `@maria_lab` is Maria's)."""
    lists = name_lists()
    group = [word.lower() in _GROUP_WORDS for word in words]
    return any(group) and not any(
        not is_group and lists.kind(word) for word, is_group in zip(words, group, strict=True))


def _person_named(name: str, words: list[str]) -> bool:
    """A handle that is a listed given name (`@grace`), a given name and a surname run
    together or apart (`@JohnSmith`, `@johnsmith`, `@john_smith`; `@JohnOkwuosa`,
    `@john_okwuosa`: a listed given name then a word no dictionary holds) or an initial
    and a surname (`@mwilliams`)."""
    if len(name) > _LONGEST_NAME_HANDLE or "".join(words) != name.replace("_", ""):
        return False
    lists = name_lists()
    if len(words) == 1 and lists.kind(name) in _GIVEN:
        return True
    if len(words) == 2 and lists.kind(words[0]) in _GIVEN and (
            lists.kind(words[1]) in _SURNAME) and (
            lists.kind(words[0]).isupper() or lists.kind(words[1]).isupper()):
        return True
    if len(words) == 2 and lists.kind(words[0]) in _STRONG_GIVEN and (
            words[1][0].isupper() or "_" in name) and len(words[1]) > 2 and (
            not english_word(words[1].lower())):
        return True  # a given name, then a surname no list holds
    lower = name.lower()
    if english_word(lower):
        return False
    if len(words) == 1 and lists.kind(name[1:]) in _STRONG_SURNAME:
        return True
    return any(
        lists.kind(lower[:cut]) in _STRONG_GIVEN and lists.kind(lower[cut:]) in _STRONG_SURNAME
        for cut in range(3, len(lower) - 2))
