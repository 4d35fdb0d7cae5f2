"""The real server as a subprocess, on a throwaway SQLite file, for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from callcenter.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {
        **os.environ,
        "CALLCENTER_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'log.db'}",
        "CALLCENTER_LOG_LEVEL": "WARNING",
    }
    env.update({f"CALLCENTER_{k.upper()}": v for k, v in settings.items()})
    return env


def cli(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "callcenter", *args],
        env=env, capture_output=True, text=True, check=False, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


class Server:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.port, self.log = env, free_port(), log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "callcenter", "serve", "--port", str(self.port)],
            env=self.env, cwd=PROJECT_ROOT, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("server exited:\n" + self.log.read_text()[-3000:])
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise AssertionError("server did not become ready:\n" + self.log.read_text()[-3000:])

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def make_keys(env: dict[str, str], roles: dict[str, str], *, decoys: int = 0) -> dict[str, str]:
    """Migrate the server's database and create keys ({name: role}) in one go."""
    import asyncio

    from callcenter.auth.keys import Role, create_key
    from callcenter.db.engine import make_engine, make_sessionmaker
    from callcenter.db.migrate import upgrade

    url = env["CALLCENTER_DATABASE_URL"]
    upgrade(url)

    async def run() -> dict[str, str]:
        engine = make_engine(url)
        keys: dict[str, str] = {}
        try:
            async with make_sessionmaker(engine)() as session:
                for n in range(decoys):
                    await create_key(session, name=f"decoy-{n}", role=Role.agent)
                for name, role in roles.items():
                    _row, keys[name] = await create_key(session, name=name, role=Role(role))
                await session.commit()
        finally:
            await engine.dispose()
        return keys

    return asyncio.run(run())
