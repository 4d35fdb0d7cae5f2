"""``make bench``: every benchmark in turn; each writes bench/results/<name>.json."""

from __future__ import annotations

import importlib
import sys
import time

BENCHES = ("bench.bench_intent", "bench.bench_speech", "bench.bench_service")


def main() -> int:
    failed = []
    for name in BENCHES:
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        try:
            importlib.import_module(name).main()
        except Exception as exc:  # report every bench, then fail the target
            failed.append(name)
            print(f"{name} failed: {exc!r}", file=sys.stderr)
        print(f"== {name} took {time.perf_counter() - start:.0f}s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
