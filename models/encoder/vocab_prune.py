"""Shrink the 250k-piece XLM-R vocabulary to the scripts a Seoul call center sees.

The word-embedding matrix is most of the encoder's bytes (250037 x 384 fp32 = 384 MB of
~470 MB), and also most of what a fine-tuning optimizer has to carry. Pruning keeps a piece
only when every one of its characters is in an allowed character set. That rule makes the
pruned tokenizer segment any text made of allowed characters exactly like the full one: each
piece that matches a substring of such a text consists of allowed characters, so the Viterbi
lattice (pieces, scores, and the unknown score ``min(score) - 10``, preserved by also keeping
the lowest-scoring piece) is the same; only the ids are renumbered. Text with characters
outside the set gets ``<unk>`` for them instead of their pieces.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

import numpy as np

# Scripts kept by ``korean_service_char``; recorded in the manifest so a change re-imports.
KOREAN_SERVICE_RULE = "ascii+hangul+cjk+kana+latin+greek+punct/symbol/number/mark/space:v1"


def _is_hangul(cp: int) -> bool:
    return (
        0x1100 <= cp <= 0x11FF  # conjoining jamo (compatibility jamo normalize to these)
        or 0x3130 <= cp <= 0x318F  # compatibility jamo
        or 0xA960 <= cp <= 0xA97F  # jamo extended-A
        or 0xAC00 <= cp <= 0xD7FF  # syllables and jamo extended-B
        or 0xFFA0 <= cp <= 0xFFDC  # halfwidth jamo
    )


def _is_cjk_ideograph(cp: int) -> bool:
    # Hanja in administrative text, and NFKC output of common Korean symbols ("㈜" -> "(株)").
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x2FFFF
    )


def _is_kana(cp: int) -> bool:
    return 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF65 <= cp <= 0xFF9F


def korean_service_char(char: str) -> bool:
    """Characters a Korean call center's transcripts, chats and FAQ plausibly contain.

    ASCII, Hangul, Hanja, kana, Latin letters with any diacritics (foreign names,
    Vietnamese), Greek letters (units such as "μm"), and every punctuation, symbol, number,
    mark and space character of any script (emoji, "※", "①", "·"). Left out: letters of other
    scripts (Cyrillic, Arabic, Hebrew, Indic, Thai, ...), about 100k pieces.
    """
    cp = ord(char)
    if cp < 0x80 or _is_hangul(cp) or _is_cjk_ideograph(cp) or _is_kana(cp):
        return True
    if unicodedata.category(char)[0] in "PSNZM":
        return True
    name = unicodedata.name(char, "")
    return name.startswith(("LATIN ", "GREEK "))


def select_pieces(
    pieces: Sequence[str],
    scores: Sequence[float],
    *,
    keep_char: Callable[[str], bool],
    always_keep: Iterable[int],
) -> list[int]:
    """Ascending source ids to keep: ``always_keep``, the lowest-scoring piece, and every
    piece whose characters all pass ``keep_char``."""
    keep = set(always_keep)
    keep.add(int(np.argmin(np.asarray(scores, dtype=np.float64))))
    cache: dict[str, bool] = {}

    def allowed(char: str) -> bool:
        if char not in cache:
            cache[char] = keep_char(char)
        return cache[char]

    keep.update(i for i, piece in enumerate(pieces) if all(allowed(c) for c in piece))
    return sorted(keep)
