"""The small English NER model run as a few numpy operations: same weights, same answers.

spaCy runs its `ner` pipe through thinc's layer tree (some sixty layer calls) and a
transition loop built for batches of long documents. On the ten-word windows the
scanner asks about, that machinery costs more than the arithmetic: about 1.7 ms per
question, 45 µs of it per token in the loop. This module runs the same network from
the loaded pipe's own weights:

- token vectors: hash embeddings of four token attributes, a maxout mixer (each
  table's rows multiplied by its block of the mixer's weights once, at load: 11,000
  rows of 288 floats, 12.7 MB, so a token's mixer input is one gather of sixteen
  rows), four residual maxout layers over a window of one token either side (documents side by
  side with zero rows between them, as thinc pads them), each layer-normalised, and a
  linear projection;
- greedy BILUO decoding: each token's three state features (the next token, the open
  entity's first token, the token before) summed from a precomputed table, a maxout
  hidden layer, scores for every move, and the best move spaCy's `BiluoPushDown`
  allows for a document without preset entities.

Matrix products go to numpy's BLAS with the weights stored transposed (several times
faster than thinc's blis on such small matrices), in one thread: a product this size
gains microseconds from a second BLAS thread when the other core is idle and loses
milliseconds waiting for it when the core is busy (a model generating). Results equal
spaCy's up to float rounding. `FastNer.load` returns a model only if it finds exactly
this network and gives spaCy's entities on probe sentences; otherwise the caller keeps
spaCy's pipe, and only speed is lost.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

#: (first token, end token, label) of one entity, token offsets into its document.
TokenEntity = tuple[int, int, str]
#: Columns of a document's token table (`FastNer.read`) after the four the embeddings
#: hash: each token's character offset and length, whether it is blank, and spaCy's
#: sentence start (1 for the first token, 0 unknown, -1 read as 2**64 - 1: not a start).
_IDX, _LENGTH, _SPACE, _SENT_START = 4, 5, 6, 7

_PROBE = (
    "Seen today by Dr. Kwame Mensah, who noted mild swelling since 3 May 2021.",
    "Nguyen Van An was admitted to Boston General Hospital on Tuesday.",
    "x",
    "the results for Priya   Raman and call her at home in New Delhi , India",
    "Apple paid $ 2 billion for 40 % of the London firm in 1999 .",
    "Ji Boyang agreed to join the trial run by Pfizer and the FDA",
    "Discharge summary\n\nsigned by Maria Lopez",
    "| Oluwadamilare Nnaji |  Dayton  | 1939-11-05 |",
    "Call Mr. Hiroshi Tanaka",
)


class _OneThread:
    """While it lasts, `libraries` (threadpoolctl's controllers of numpy's BLAS) run one
    thread each; on leaving, each gets back the count it had. What threadpoolctl's
    `limit(limits=1)` does, without its `info()` of every library on the way in (version,
    architecture, ...): that was 30-80 µs of a 0.5 ms question."""

    def __init__(self, libraries: Sequence[Any]) -> None:
        self.libraries = libraries
        self.before: list[int] = []

    def __enter__(self) -> None:
        self.before = [library.get_num_threads() for library in self.libraries]
        for library, count in zip(self.libraries, self.before, strict=True):
            if count != 1:
                library.set_num_threads(1)

    def __exit__(self, *exc: object) -> None:
        for library, count in zip(self.libraries, self.before, strict=True):
            if count != 1:
                library.set_num_threads(count)


def _one_blas_thread() -> Callable[[], contextlib.AbstractContextManager[Any]]:
    """A context limiting numpy's BLAS to one thread (process-wide while it lasts, so
    another thread's product at that moment also gets one thread: slower, not wrong)."""
    try:
        from threadpoolctl import ThreadpoolController

        libraries = list(ThreadpoolController().select(user_api="blas").lib_controllers)
    except Exception:  # no threadpoolctl or no BLAS found: products keep their threads
        return contextlib.nullcontext
    if not libraries:
        return contextlib.nullcontext
    return lambda: _OneThread(libraries)


def _layernorm(X: np.ndarray, G: np.ndarray, b: np.ndarray) -> np.ndarray:
    """thinc's LayerNorm forward (`X.mean`, `X.var`, then scale and shift), operation
    for operation as numpy's `mean` and `var` run them, so every bit is the same; the
    deviations from the mean are computed once, not three times, and numpy's Python
    wrappers around the reductions are skipped (a question runs five of these)."""
    count = np.intp(X.shape[1])  # numpy divides by the count as this scalar type
    mu = np.add.reduce(X, axis=1, keepdims=True)
    np.true_divide(mu, count, out=mu, casting="unsafe")
    deviation = X - mu
    var = np.add.reduce(np.square(deviation), axis=1, keepdims=True)
    np.true_divide(var, count, out=var, casting="unsafe")
    var += 1e-08
    Y = deviation * var ** (-1.0 / 2.0)
    Y *= G
    Y += b
    return Y


class _TokenVectors:
    """The pipe model's `tok2vec` (its `layers[0]`) as a plain forward pass."""

    def __init__(self, layer: Any) -> None:
        from spacy.attrs import IDS
        from thinc.api import NumpyOps

        self.ops = NumpyOps()
        inner, to_array, linear = layer.layers
        embed, encode = inner.layers
        features, _, embeddings, mixer, _ = embed.layers
        if (to_array.name != "list2array" or features.name != "extract_features"
                or encode.name.count("residual(") != 4 or len(embeddings.layers[0].layers) != 4):
            raise ValueError(f"unexpected tok2vec layout: {layer.name}")
        self.columns = [IDS[column] for column in features.attrs["columns"]]
        self.tables = []
        for getitem_embed in embeddings.layers[0].layers:
            hashembed = getitem_embed.layers[1]
            self.tables.append((hashembed.get_param("E"), int(hashembed.attrs["seed"])))
        self.mixer = self._maxout_norm(mixer.layers[0])
        # The mixer's product of the four embeddings side by side is the sum of each
        # table's rows times its block of W: those products are computed once here, so
        # a question gathers premixed rows (one call for all tables) instead of hashing
        # into four tables and multiplying by a 384 x 288 matrix.
        W, width = self.mixer[0], self.tables[0][0].shape[1]
        if W.shape[0] != width * len(self.tables):
            raise ValueError("unexpected mixer width")
        self.premixed = np.ascontiguousarray(np.concatenate(
            [E @ W[k * width:(k + 1) * width] for k, (E, _) in enumerate(self.tables)]))
        sizes = [len(E) for E, _ in self.tables]
        self.seeds = [seed for _, seed in self.tables]
        self.sizes = np.repeat(np.array(sizes, dtype="uint32"), 4)  # ops.hash gives 4 keys
        self.offsets = np.repeat(np.cumsum([0, *sizes[:-1]]).astype("uint32"), 4)
        self.pad = int(encode.attrs["pad"])
        self.blocks = []
        for residual in encode.layers[0].layers:
            window, maxout_norm = residual.layers[0].layers
            self.blocks.append((int(window.attrs["window_size"]),
                                *self._maxout_norm(maxout_norm)))
        self.reach = sum(window for window, *_ in self.blocks)
        self.linear = (np.ascontiguousarray(linear.get_param("W").T), linear.get_param("b"))

    @staticmethod
    def _maxout_norm(node: Any) -> tuple[Any, ...]:
        """(W as (nI, nO*nP), b flat, nP, G, b) of a `maxout>>layernorm[>>dropout]` chain."""
        while node.layers and node.layers[0].name != "maxout":
            node = node.layers[0]
        maxout, norm = node.layers[0], node.layers[1]
        n_out, pieces, n_in = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        W = np.ascontiguousarray(maxout.get_param("W").reshape(n_out * pieces, n_in).T)
        return (W, maxout.get_param("b").reshape(n_out * pieces), pieces,
                norm.get_param("G"), norm.get_param("b"))

    def _maxout(self, Y: np.ndarray, b: np.ndarray, pieces: int, G: np.ndarray,
                norm_b: np.ndarray) -> np.ndarray:
        """Maxout and layer norm of the pre-activations `Y` (changed in place)."""
        Y += b
        best, _ = self.ops.maxout(Y.reshape(len(Y), -1, pieces))
        return _layernorm(best, G, norm_b)

    def __call__(self, tables: Sequence[np.ndarray], unread: int = 0) -> np.ndarray:
        """Vectors of all tokens of the documents whose token tables (`FastNer.read`)
        are `tables`, concatenated (what spaCy's layer returns for the documents). The
        vectors of the last `unread` tokens of the last document are left unfinished
        (meaningless): the rows only they would read are not computed."""
        lengths = [len(table) for table in tables]
        total = sum(lengths)
        project, bias = self.linear
        if not total:
            return np.zeros((0, project.shape[1]), dtype=project.dtype)
        # one attribute per row, each row contiguous (as the hash wants it)
        table = tables[0] if len(tables) == 1 else np.concatenate(tables)
        columns = np.ascontiguousarray(table[:, :len(self.columns)].T, dtype="uint64")
        keys = np.concatenate([self.ops.hash(columns[column], seed)
                               for column, seed in enumerate(self.seeds)], axis=1)
        keys %= self.sizes
        keys += self.offsets
        _, *activation = self.mixer
        mixed = self._maxout(self.ops.gather_add(self.premixed, keys), *activation)
        # Documents side by side, `pad` zero rows before, between and after them
        # (thinc's flatten leaves documents without tokens out).
        pad = self.pad
        gaps = sum(1 for length in lengths if length) + 1
        H = np.zeros((total + pad * gaps, mixed.shape[1]), dtype=mixed.dtype)
        if gaps == 2:
            H[pad:pad + total] = mixed
            keep: Any = slice(pad, pad + total)
        else:
            keep = np.zeros(len(H), dtype=bool)
            row = start = 0
            for length in lengths:
                if not length:
                    continue
                row += pad
                H[row:row + length] = mixed[start:start + length]
                keep[row:row + length] = True
                row += length
                start += length
        # Each layer only for the rows the layers after it read: a token's vector sees
        # `reach` rows either side, so the outer pad rows drop out layer by layer (a
        # ten-token question: 52 rows through the layers instead of 72), and the
        # `unread` tokens at the end drop out the same way.
        rows, trim = len(H), self.pad - self.reach
        for window, W, *activation in self.blocks:
            if trim < 0:  # pads narrower than the reach: every row, as thinc does
                H += self._maxout(self.ops.seq2col(H, window) @ W, *activation)
                continue
            trim += window
            end = rows - trim - unread
            if end <= trim:  # no row left to compute
                break
            # the rows' windows side by side (`seq2col` without its zero edges)
            X = np.concatenate([H[trim + shift:end + shift]
                                for shift in range(-window, window + 1)], axis=1)
            H[trim:end] += self._maxout(X @ W, *activation)
        Y = H[keep] @ project
        Y += bias
        return Y


class _Moves:
    """spaCy's BILUO moves (B-PERSON, L-ORG, O, ...) and which are allowed when."""

    def __init__(self, names: Sequence[str]) -> None:
        self.kinds = [name.split("-", 1)[0] for name in names]
        self.labels = [name.split("-", 1)[1] if "-" in name else "" for name in names]
        kinds, labeled = np.array(self.kinds), np.array([bool(lab) for lab in self.labels])
        self._begin, self._unit = (kinds == "B") & labeled, (kinds == "U") & labeled
        self._out = kinds == "O"
        self._masks: dict[tuple[Any, ...], np.ndarray] = {}

    def allowed(self, open_label: str | None, more: bool, space: bool,
                next_starts_sentence: bool) -> np.ndarray:
        """Moves `BiluoPushDown` allows at a token (no preset entities): `more` is
        whether a token follows in the document, `space` whether this one is blank."""
        key = (open_label, more and not next_starts_sentence, space)
        mask = self._masks.get(key)
        if mask is None:
            can_continue = key[1]
            if open_label is None:  # Out; Unit unless blank; Begin unless blank or last
                mask = self._out | (self._unit & (not space)) | (
                    self._begin & (can_continue and not space))
            else:  # Last of the open label; In of it unless the document ends
                same = np.array([lab == open_label for lab in self.labels])
                kinds = np.array(self.kinds)
                mask = same & ((kinds == "L") | ((kinds == "I") & can_continue))
            self._masks[key] = mask
        return mask


class FastNer:
    """Entities of short documents from the weights of a loaded spaCy `ner` pipe."""

    def __init__(self, pipe: Any) -> None:
        tok2vec, lower, upper = pipe.model.layers
        if lower.name != "precomputable_affine" or lower.get_dim("nP") != 2 \
                or lower.get_dim("nF") != 3 or pipe.model.attrs["unseen_classes"]:
            raise ValueError("unexpected NER model layout")
        self.vectors = _TokenVectors(tok2vec)
        n_feat, n_hidden, pieces, n_in = lower.get_param("W").shape
        self.hidden = (n_hidden, pieces)
        self.lower = np.ascontiguousarray(
            lower.get_param("W").reshape(n_feat * n_hidden * pieces, n_in).T)
        self.lower_pad = lower.get_param("pad").reshape(n_feat, n_hidden * pieces)
        self.lower_bias = lower.get_param("b").reshape(n_hidden * pieces)
        self.upper = (np.ascontiguousarray(upper.get_param("W").T), upper.get_param("b"))
        self.moves = _Moves([pipe.moves.get_class_name(i) for i in range(pipe.moves.n_moves)])
        self.closed_masks = np.array([self.moves.allowed(None, more, space, False)
                                      for more in (False, True) for space in (False, True)])
        from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

        if len(self.vectors.columns) != _IDX:
            raise ValueError("unexpected embedding columns")
        #: what `read` takes from a document (columns as `_IDX` ... say)
        self.attrs = [*self.vectors.columns, IDX, LENGTH, IS_SPACE, SENT_START]
        #: the attributes of a word (spaCy's lexeme) that `read` reads: the rest of a new
        #: word's attributes (`like_url`, `is_stop`, ...) need not be computed for it
        self.lexeme_attrs = frozenset([*self.vectors.columns, IS_SPACE])
        self._one_thread = _one_blas_thread()
        # One question at a time: thread limits that do not overlap restore the thread
        # count they found (overlapping ones could leave numpy's BLAS at one thread), and
        # a question is a fraction of a millisecond.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, nlp: Any, pipe: Any) -> FastNer | None:
        """A `FastNer` for `pipe` if it gives spaCy's own entities on probe sentences."""
        try:
            fast = cls(pipe)
            tables = [fast.read(nlp.make_doc(text)) for text in _PROBE]
            expected = [[(e.start, e.end, e.label_) for e in doc.ents]
                        for doc in pipe.pipe(nlp.make_doc(text) for text in _PROBE)]
            if fast.entities(tables) != expected:
                raise ValueError("entities differ from spaCy's")
        except Exception as error:  # keep spaCy's pipe: slower, never wrong
            log.info("safeai: spaCy's own NER kept (%s: %s)", type(error).__name__, error)
            return None
        return fast

    def read(self, doc: Any) -> np.ndarray:
        """The document's token table: all the model reads of it, one row per token
        (the `Doc` and its words can be freed once this is taken)."""
        table: np.ndarray = doc.to_array(self.attrs)
        return table.reshape(len(doc), len(self.attrs))

    @staticmethod
    def chars(table: np.ndarray, entity: TokenEntity) -> tuple[int, int, str]:
        """(start char, end char, label) of an entity of the document read as `table`."""
        first, end, label = entity
        return (int(table[first, _IDX]),
                int(table[end - 1, _IDX] + table[end - 1, _LENGTH]), label)

    @staticmethod
    def tokens_before(table: np.ndarray, char: int) -> int:
        """How many of the document's tokens start before character `char`."""
        return int(np.searchsorted(table[:, _IDX], char))

    def _scores(self, unmaxed: np.ndarray) -> np.ndarray:
        # thinc's maxout: numpy's `max` over a last axis of two pieces loops per element
        # (~50 µs for ten tokens); the same maxima
        hidden, _ = self.vectors.ops.maxout(
            np.ascontiguousarray(unmaxed).reshape(len(unmaxed), *self.hidden))
        W, b = self.upper
        scores = hidden @ W
        scores += b
        return scores

    def entities(self, tables: Sequence[np.ndarray], until: Sequence[int] | None = None
                 ) -> list[list[TokenEntity]]:
        """Each document's entities, from its token table (`read`). With `until`,
        decoding stops at token `until[i]`: the entities that end before it are the
        same, one still open there is given as ending right after it (it reaches at
        least that far, with the same first token and label: an open entity can only
        go on or end as it began), and the tokens from `until[i] + reach` on are not
        read at all. The moves up to that token are the same: each depends on the state
        the earlier moves left, on whether a token follows in the sentence, and on
        token vectors that see `reach` tokens either side (trimming a document lets
        only its last `reach` vectors see padding instead). Nor are the vectors of the
        last document's tokens from its stop on finished: no move before it reads them."""
        unread = 0
        if until is not None:
            reach = self.vectors.reach
            tables = [table[:stop + reach]
                      for table, stop in zip(tables, until, strict=True)]
            if tables:
                unread = max(0, len(tables[-1]) - until[-1])
        with self._lock, self._one_thread():
            vectors = self.vectors(tables, unread)
            features = vectors @ self.lower  # (tokens, feature * hidden * piece)
        features = features.reshape(len(vectors), *self.lower_pad.shape)
        # Without an open entity a token's features are itself and two pads.
        closed = features[:, 0] + self.lower_pad[1]
        closed += self.lower_pad[2]
        closed += self.lower_bias
        closed_scores = self._scores(closed)
        found, offset = [], 0
        for index, table in enumerate(tables):
            n = len(table)
            stop = n if until is None else min(n, until[index])
            found.append(self._decode(table, features[offset:offset + n],
                                      closed_scores[offset:offset + n], stop))
            offset += n
        return found

    def _decode(self, table: np.ndarray, features: np.ndarray, closed_scores: np.ndarray,
                stop: int) -> list[TokenEntity]:
        space, sentence_starts = table[:, _SPACE].tolist(), table[:, _SENT_START].tolist()
        moves, n = self.moves, len(table)
        # The move at each token before `stop` if no entity is open there, picked for
        # all of them at once (the same maximum, first of equals, as one by one): each
        # token's row of `closed_masks` is (whether another token can follow in its
        # sentence, whether it is blank).
        closed_best = np.where(
            self.closed_masks[[2 * (i + 1 < n and sentence_starts[i + 1] != 1) + bool(space[i])
                               for i in range(stop)]],
            closed_scores[:stop], -np.inf).argmax(axis=1).tolist()
        entities: list[TokenEntity] = []
        start, label = -1, ""
        for i in range(n):
            if i >= stop:
                if start >= 0:  # open: it takes token `stop` too (see `entities`)
                    entities.append((start, i + 1, label))
                break
            if start < 0:
                best = closed_best[i]
            else:  # the open entity's first token, and the token before this one
                more = i + 1 < n
                next_starts = more and sentence_starts[i + 1] == 1
                unmaxed = features[i, 0] + features[start, 1]
                unmaxed += features[i - 1, 2]
                unmaxed += self.lower_bias
                scores = self._scores(unmaxed[None])[0]
                allowed = moves.allowed(label, more, bool(space[i]), next_starts)
                best = int(np.where(allowed, scores, -np.inf).argmax())
            kind = moves.kinds[best]
            if kind == "B":
                start, label = i, moves.labels[best]
            elif kind == "L":
                entities.append((start, i + 1, label))
                start, label = -1, ""
            elif kind == "U":
                entities.append((i, i + 1, moves.labels[best]))
        return entities
