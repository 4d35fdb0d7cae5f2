"""No accepted call is ever lost: the real server, killed with SIGKILL mid-transcription.

The server runs as a subprocess on a throwaway SQLite file. Calls long enough to take the
background path are posted, the process is killed while they are being transcribed, and a
restarted server must show every accepted call, finished or failed with a reason.
"""

from __future__ import annotations

import time

import httpx
import pytest

from tests.support.audio import long_korean_call
from tests.support.evidence import EVIDENCE
from tests.support.server import Server, make_keys, server_env

pytestmark = pytest.mark.slow


def test_sigkill_during_transcription_loses_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = server_env(tmp_path, sync_audio_seconds="5")
    keys = make_keys(env, {"pbx": "telephony", "qa": "supervisor"})
    key, reader = keys["pbx"], keys["qa"]
    audio = long_korean_call(tmp_path, seconds=20).read_bytes()
    server = Server(env, tmp_path / "server.log")
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
