"""Fixtures for the intent tests: a tiny random XLM-R encoder with its own tokenizer, a small
Korean corpus, and one trained model shared by the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
from transformers import PreTrainedTokenizerFast, XLMRobertaConfig, XLMRobertaModel

from models.intent.train import TrainConfig, train_intent_model

SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]

# Three intents, phrased so that words (not just characters) tell them apart.
TOY = {
    "transport.bus": [
        "버스 노선 알려주세요",
        "심야버스 몇 시까지 다녀요",
        "버스 정류장 어디예요",
        "마을버스 배차 간격",
    ],
    "water.leak": [
        "수도관이 터졌어요",
        "집 앞 도로에 물이 새요",
        "계량기에서 물이 샙니다",
        "수돗물이 안 나와요",
    ],
    "emergency.safety": [
        "건물에서 불이 났어요",
        "가스 냄새가 심하게 나요",
        "사람이 쓰러졌어요",
        "싱크홀이 생겼어요",
    ],
}


def toy_rows(variant: int = 0) -> list[tuple[str, str]]:
    rows = []
    for intent, texts in TOY.items():
        for i, text in enumerate(texts):
            for suffix in ("", " 좀요", " 빨리요"):
                rows.append((f"{text}{suffix}" + (" 네" * variant if i == 0 else ""), intent))
    return rows


def write_tsv(path: Path, rows: list[tuple[str, str]], *, header: bool = True) -> Path:
    lines = (["text\tintent"] if header else []) + [f"{t}\t{i}" for t, i in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_tiny_encoder(dest: Path, *, extra_text: str = "") -> Path:
    """A random 3-layer XLM-R encoder whose word-level tokenizer covers the toy corpus."""
    words: set[str] = set()
    for texts in TOY.values():
        for text in texts:
            words.update(text.split())
    words.update(("query:", "passage:", "좀요", "빨리요", "네", *extra_text.split()))
    vocab = [(s, 0.0) for s in SPECIALS] + [("▁" + w, -1.0) for w in sorted(words)]
    vocab += [(ch, -5.0) for ch in sorted({c for w in words for c in w})]
    tok = Tokenizer(models.Unigram(vocab, unk_id=3, byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)],
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
    )
    torch.manual_seed(0)
    config = XLMRobertaConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=3,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=80,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
    )
    dest.mkdir(parents=True, exist_ok=True)
    XLMRobertaModel(config, add_pooling_layer=False).save_pretrained(str(dest))
    fast.save_pretrained(str(dest))
    return dest


TINY_CONFIG = TrainConfig(
    max_len=24,
    trainable_layers=1,
    epochs=2,
    batch_size=8,
    probe_c=10.0,
    lr_layers=1e-3,
    lr_head=1e-2,
    num_threads=1,
)


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_encoder(tmp_path_factory.mktemp("encoder"))


@pytest.fixture(scope="session")
def toy_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("toy")
    return write_tsv(root / "train.tsv", toy_rows()), write_tsv(root / "dev.tsv", toy_rows())


@pytest.fixture(scope="session")
def tiny_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def tiny_model(tiny_cache: Path, tiny_encoder: Path, toy_data) -> Path:
    train, dev = toy_data
    return train_intent_model(
        encoder_dir=tiny_encoder,
        train_path=train,
        dev_path=dev,
        cache_dir=tiny_cache,
        config=TINY_CONFIG,
        progress=None,
    )


@pytest.fixture(scope="session")
def make_tsv():
    """``make_tsv(path, rows, header=True)`` writes a corpus file and returns its path."""
    return write_tsv


@pytest.fixture(scope="session")
def tiny_config() -> TrainConfig:
    return TINY_CONFIG


@pytest.fixture(scope="session")
def make_toy_rows():
    """``make_toy_rows(variant)``: the toy corpus rows; a non-zero variant changes a few texts."""
    return toy_rows


@pytest.fixture(scope="session")
def shipped_train_texts() -> list[str]:
    """The texts of the training corpus the project ships."""
    from callcenter.setup import TRAIN_PATH
    from models.intent.corpus import load_corpus
    from models.taxonomy import load_taxonomy

    return load_corpus(TRAIN_PATH, labels=load_taxonomy().ids).texts
