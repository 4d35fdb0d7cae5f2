"""No accepted call is ever lost: the real server, killed with SIGKILL mid-transcription.

The server runs as a subprocess on a throwaway SQLite file. Calls long enough to take the
background path are posted, the process is killed while they are being transcribed, and a
restarted server must show every accepted call, finished or failed with a reason.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from callcenter.config import PROJECT_ROOT
from tests.support.audio import long_korean_call
from tests.support.evidence import EVIDENCE

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "callcenter", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


class Server:
    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "callcenter", "serve", "--port", str(self.port)],
            env=self.env,
            cwd=PROJECT_ROOT,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise AssertionError("server did not become ready:\n" + self.log.read_text()[-3000:])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

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


def test_sigkill_during_transcription_loses_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "CALLCENTER_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'log.db'}",
        "CALLCENTER_SYNC_AUDIO_SECONDS": "5",
        "CALLCENTER_LOG_LEVEL": "WARNING",
    }
    key = _cli("keys", "create", "--role", "telephony", "--name", "pbx", env=env)
    reader = _cli("keys", "create", "--role", "supervisor", "--name", "qa", env=env)
    audio = long_korean_call(tmp_path, seconds=20).read_bytes()
    server = Server(env, _free_port(), tmp_path / "server.log")
    EVIDENCE.log_files.append(server.log)
    accepted: dict[str, str] = {}
    try:
        server.start()
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for n in range(4):
                r = client.post(
                    "/v1/calls",
                    headers={"Authorization": f"Bearer {key}"},
                    data={"call_id": f"kill-{n}"},
                    files={"audio": ("call.wav", audio, "audio/wav")},
                )
                assert r.status_code == 202, r.text
                accepted[r.json()["id"]] = f"kill-{n}"
            # wait until a call is really being transcribed, then kill -9
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                statuses = [
                    client.get(
                        f"/v1/consultations/{cid}", headers={"Authorization": f"Bearer {reader}"}
                    ).json()["status"]
                    for cid in accepted
                ]
                if "processing" in statuses:
                    break
                time.sleep(0.2)
            assert "processing" in statuses, statuses
        server.kill()

        server.start()  # the restart resumes what was interrupted
        with httpx.Client(base_url=server.url, timeout=60) as client:
            headers = {"Authorization": f"Bearer {reader}"}
            deadline = time.monotonic() + 240
            final: dict[str, dict] = {}
            while time.monotonic() < deadline:
                final = {
                    cid: client.get(f"/v1/consultations/{cid}", headers=headers).json()
                    for cid in accepted
                }
                if all(c["status"] in ("done", "no_speech", "failed") for c in final.values()):
                    break
                time.sleep(1)
            assert {c["call_id"] for c in final.values()} == set(accepted.values())
            for consultation in final.values():
                assert consultation["status"] in ("done", "no_speech", "failed"), consultation
                if consultation["status"] == "failed":
                    assert consultation["status_reason"]
            # the interrupted ones were resumed rather than given up
            assert sum(c["status"] != "failed" for c in final.values()) >= 1
            listed = client.get("/v1/consultations", params={"limit": 100}, headers=headers).json()
            assert len(listed["items"]) == len(accepted)
    finally:
        server.stop()
