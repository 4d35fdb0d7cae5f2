"""Hardening: a database outage answers 503 (and the service recovers), per-key rate
limits answer 429, CORS is closed by default and opens only to configured origins."""

from __future__ import annotations

import asyncio
import contextlib

import httpx

from callcenter.api.app import create_app
from callcenter.auth.keys import Role
from tests.conftest import PG_HOST, PG_PORT, base_settings, running_api, throwaway_database


class TcpProxy:
    """A loopback TCP proxy in front of PostgreSQL that the test can cut, like an outage."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.server: asyncio.Server | None = None
        self.port = 0
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self, port: int = 0) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()
        for writer in list(self.writers):
            writer.close()
        self.writers.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, upstream_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError, OSError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


async def test_database_outage_answers_503_then_recovers(tmp_path, loaded_models) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL reached through a proxy that the test cuts and restores."""
    async with throwaway_database("postgres", tmp_path) as url:
        proxy = TcpProxy(PG_HOST, PG_PORT)
        await proxy.start()
        proxied = url.replace(f"{PG_HOST}:{PG_PORT}", f"127.0.0.1:{proxy.port}")
        app = create_app(base_settings(database_url=proxied), models=loaded_models)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                assert (await client.get("/readyz")).status_code == 200
                await proxy.cut()
                down = await client.post(
                    "/v1/consultations/text",
                    json={"text": "따릉이 환불"},
                    headers={"Authorization": "Bearer cc_000000000000_any"},
                )
                assert down.status_code == 503, down.text
                assert "unavailable" in down.json()["detail"]
                assert down.headers["retry-after"] == "5"
                ready = await client.get("/readyz")
                assert ready.status_code == 503
                assert ready.json()["checks"]["database"].startswith("unavailable")
                await proxy.start(proxy.port)  # the database comes back
                for _ in range(20):
                    back = await client.get("/readyz")
                    if back.status_code == 200:
                        break
                    await asyncio.sleep(0.25)
                assert back.status_code == 200
                await proxy.cut()


async def test_rate_limit_per_key(tmp_path, loaded_models) -> None:  # type: ignore[no-untyped-def]
    async with running_api("sqlite", tmp_path, loaded_models, rate_limit_per_minute=5) as api:
        agent = api.auth(Role.agent)
        codes = [(await api.client.get("/v1/queue", headers=agent)).status_code for _ in range(7)]
        assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
        limited = await api.client.get("/v1/queue", headers=agent)
        assert int(limited.headers["retry-after"]) >= 1
        # another key has its own budget
        assert (
            await api.client.get("/v1/queue", headers=api.auth(Role.supervisor))
        ).status_code == 200


async def test_cors_closed_by_default_and_open_to_configured_origins(
    tmp_path, loaded_models
) -> None:  # type: ignore[no-untyped-def]
    preflight = {
        "Origin": "https://evil.example",
        "Access-Control-Request-Method": "GET",
    }
    async with running_api("sqlite", tmp_path, loaded_models) as api:
        r = await api.client.options("/v1/queue", headers=preflight)
        assert "access-control-allow-origin" not in r.headers
        r = await api.client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers
    allowed = "https://agents.120.seoul.go.kr"
    async with running_api("sqlite", tmp_path, loaded_models, cors_origins=[allowed]) as api:
        r = await api.client.options("/v1/queue", headers={**preflight, "Origin": allowed})
        assert r.headers.get("access-control-allow-origin") == allowed
        r = await api.client.options("/v1/queue", headers=preflight)
        assert r.headers.get("access-control-allow-origin") != "https://evil.example"
