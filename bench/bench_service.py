"""Service benchmarks, each beside a baseline measured in the same run.

1. Text-consultation API throughput with 16 concurrent clients (HTTP over loopback to a
   real uvicorn server on SQLite), against the same texts analysed in-process with the
   same concurrency: the ratio is what the web layer, auth and the log write cost.
2. Log-write throughput to PostgreSQL: consultation rows written the way the service
   writes them (ORM, one transaction per consultation, as the runner does) against a
   plain ``executemany`` insert of the same rows in one transaction.

Writes bench/results/service.json. Absolute numbers on a shared 2-core machine are
noise; the ratios are the result.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bench.machine import describe_machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CLIENTS = 16
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "160"))
LOG_ROWS = int(os.environ.get("BENCH_LOG_ROWS", "2000"))
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")

TEXTS = [
    "따릉이 이용권 환불은 어떻게 받나요",
    "어제 470번 버스에 우산을 두고 내렸어요",
    "집 앞에 불법 주차된 차 좀 신고하려고요",
    "자동차세 연납 신청 기간이 언제예요",
    "주민등록등본 무인발급기 어디 있어요",
    "대형 폐기물 스티커는 어디서 사요",
    "수도 요금이 갑자기 많이 나왔어요",
    "청년 월세 지원 자격이 어떻게 되나요",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _run_clients(send: Any, n: int, clients: int) -> tuple[float, list[float]]:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(i)
    latencies: list[float] = []

    async def worker() -> None:
        while True:
            try:
                i = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t = time.perf_counter()
            await send(i)
            latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    await asyncio.gather(*[worker() for _ in range(clients)])
    return time.perf_counter() - start, latencies


def _summary(elapsed: float, latencies: list[float], n: int) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "requests": n,
        "seconds": round(elapsed, 3),
        "per_second": round(n / elapsed, 2),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
    }


def bench_api() -> dict[str, Any]:
    from callcenter.config import Settings
    from callcenter.services import load_text_analyzer

    tmp = Path(tempfile.mkdtemp(prefix="bench-api-"))
    env = {
        **os.environ,
        "CALLCENTER_DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'bench.db'}",
        "CALLCENTER_RATE_LIMIT_PER_MINUTE": "0",
        "CALLCENTER_LOG_LEVEL": "WARNING",
    }
    key = subprocess.run(
        [sys.executable, "-m", "callcenter", "keys", "create", "--role", "telephony",
         "--name", "bench"],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout.strip()  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "callcenter", "serve", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        run_id = uuid.uuid4().hex[:6]

        async def api_run() -> tuple[float, list[float]]:
            limits = httpx.Limits(max_connections=CLIENTS)
            async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
                headers = {"Authorization": f"Bearer {key}"}

                async def send(i: int) -> None:
                    r = await client.post(
                        "/v1/consultations/text",
                        json={"text": TEXTS[i % len(TEXTS)], "call_id": f"{run_id}-{i}"},
                        headers=headers,
                    )
                    r.raise_for_status()

                await send(-1)  # warm-up
                return await _run_clients(send, REQUESTS, CLIENTS)

        api_elapsed, api_lat = asyncio.run(api_run())
    finally:
        server.terminate()
        server.wait(timeout=30)

    analyzer = load_text_analyzer(Settings())

    async def direct_run() -> tuple[float, list[float]]:
        async def send(i: int) -> None:
            await asyncio.to_thread(analyzer.analyze, TEXTS[i % len(TEXTS)])

        await send(0)
        return await _run_clients(send, REQUESTS, CLIENTS)

    direct_elapsed, direct_lat = asyncio.run(direct_run())
    api = _summary(api_elapsed, api_lat, REQUESTS)
    direct = _summary(direct_elapsed, direct_lat, REQUESTS)
    return {
        "clients": CLIENTS,
        "api_text_consultations": api,
        "baseline_pipeline_in_process": direct,
        "api_over_baseline_throughput_ratio": round(api["per_second"] / direct["per_second"], 3),
    }


def _log_rows(n: int) -> list[dict[str, Any]]:
    from callcenter.db.tables import new_id, utcnow

    return [
        {
            "id": new_id(),
            "source": "bench",
            "call_id": f"log-{i}-{uuid.uuid4().hex[:6]}",
            "channel": "text",
            "received_at": utcnow(),
            "status": "done",
            "attempts": 1,
            "transcript": TEXTS[i % len(TEXTS)],
            "intent_id": "transport.bike",
            "intent_confidence": 0.93,
            "candidates": [["transport.bike", 0.93], ["transport.card_refund", 0.04]],
            "route_type": "faq",
            "route_department": "transport",
            "route_reason": "faq_answer",
            "timings_ms": {"classify": 12.0, "route": 3.0},
            "model_versions": {"intent": "bench"},
            "processing_ms": 20.0,
            "reviewed": False,
        }
        for i in range(n)
    ]


async def _bench_log(url: str) -> dict[str, Any]:
    from sqlalchemy import insert

    from callcenter.db.engine import make_engine, make_sessionmaker
    from callcenter.db.tables import Consultation

    engine = make_engine(url)
    try:
        rows = _log_rows(LOG_ROWS)
        t = time.perf_counter()
        async with engine.begin() as conn:
            await conn.execute(insert(Consultation), rows)
        baseline = time.perf_counter() - t

        rows = _log_rows(LOG_ROWS)
        sessionmaker = make_sessionmaker(engine)

        async def write(chunk: list[dict[str, Any]]) -> None:
            async with sessionmaker() as session:
                for row in chunk:
                    session.add(Consultation(**row))
                    await session.commit()  # one transaction per consultation, as the runner

        t = time.perf_counter()
        chunks = [rows[i::CLIENTS] for i in range(CLIENTS)]
        await asyncio.gather(*[write(c) for c in chunks])
        service = time.perf_counter() - t
    finally:
        await engine.dispose()
    return {
        "rows": LOG_ROWS,
        "service_orm_rows_per_second": round(LOG_ROWS / service, 1),
        "baseline_executemany_rows_per_second": round(LOG_ROWS / baseline, 1),
        "service_over_baseline_ratio": round(baseline / service, 3),
        "note": "the service commits each consultation on its own (durability); the "
        "baseline is one bulk transaction, the upper bound for the database",
    }


def bench_log_postgres() -> dict[str, Any]:
    import asyncpg

    from callcenter.db.migrate import upgrade

    name = f"cc_bench_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_ADMIN)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + f"/{name}"
    try:
        upgrade(url)
        return asyncio.run(_bench_log(url))
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "machine": describe_machine(),
        "api_throughput": bench_api(),
        "log_write_postgres": bench_log_postgres(),
    }
    (RESULTS / "service.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
