"""The README's curl examples, run as written against a real server.

Only the address is changed (the test server listens on a free port, not 8000) and
the database is a throwaway file; every curl must answer 2xx.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from callcenter.config import PROJECT_ROOT
from tests.support.evidence import EVIDENCE
from tests.support.server import Server, server_env

pytestmark = pytest.mark.slow


def _example_block() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"With `make run` serving.*?```sh\n(.*?)```", readme, re.S)
    assert match, "the README lost its curl examples"
    return match.group(1)


def test_readme_curl_examples_work(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = server_env(tmp_path)
    server = Server(env, tmp_path / "server.log")
    EVIDENCE.log_files.append(server.log)
    block = _example_block()
    assert block.count("curl ") >= 5
    script = (
        "set -euo pipefail\n"
        'curl() { command curl --fail-with-body "$@"; echo; }\n'
        + block.replace("http://127.0.0.1:8000", server.url).replace("/tmp/", f"{tmp_path}/")
    )
    server.start()
    try:
        # keys are created by the commands of the block itself (callcenter keys create)
        result = subprocess.run(
            ["bash", "-c", script], env=env, cwd=PROJECT_ROOT,
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert '"call_id":"chat-0001"' in result.stdout
    assert '"call_id":"pbx-0001"' in result.stdout
    assert "id,call_id,channel" in result.stdout  # the CSV header
