"""The command line: real commands, clear one-line errors (exit 2), never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from callcenter.config import PROJECT_ROOT
from tests.support.server import server_env

pytestmark = pytest.mark.slow


def run(
    *args: str, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "callcenter", *args],
        env=env, cwd=PROJECT_ROOT, input=stdin, capture_output=True, text=True, timeout=600,
        check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return server_env(tmp_path_factory.mktemp("cli"))


def test_classify_jsonl(env) -> None:  # type: ignore[no-untyped-def]
    lines = [
        {"text": "지금 집에 불이 났어요 연기가 너무 많아요"},
        {"text": "따릉이 대여가 안 돼요 환불받을 수 있나요"},
        {"text": "상담원이랑 직접 얘기하고 싶어요"},
    ]
    stdin = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\nnot json\n"
    result = run("classify", "--jsonl", env=env, stdin=stdin)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert [o["text"] for o in out] == [x["text"] for x in lines]
    assert out[0]["intent"] == "emergency.safety" and out[0]["route"] == "urgent"
    assert out[1]["intent"] == "transport.bike"
    assert out[2]["route"] == "agent"
    for o in out:
        assert set(o) == {"text", "intent", "confidence", "candidates", "route"}
        assert len(o["candidates"]) == 3 and 0 < o["confidence"] <= 1
    assert result.returncode == 1  # the bad line is reported, the good ones still answered
    assert "line 4" in result.stderr and "Traceback" not in result.stderr


def test_redact(env) -> None:  # type: ignore[no-untyped-def]
    single = run("redact", "제 번호는 010-1234-5678 이고 470번 버스 타요", env=env)
    assert single.returncode == 0
    assert single.stdout.strip() == "제 번호는 [전화번호] 이고 470번 버스 타요"
    stdin = json.dumps({"text": "주민번호 900101-1234567"}, ensure_ascii=False) + "\n{bad\n"
    many = run("redact", "--jsonl", env=env, stdin=stdin)
    record = json.loads(many.stdout.splitlines()[0])
    assert record["redacted"] == "주민번호 [주민번호]"
    assert record["spans"] == [[5, 19, "rrn"]]
    assert many.returncode == 1 and "Traceback" not in many.stderr


def test_consult_text_offline(env) -> None:  # type: ignore[no-untyped-def]
    result = run("consult", "--text", "자동차세 연납하면 할인 얼마나 돼요?", env=env)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["intent"]["id"] == "tax.vehicle"
    assert body["route"]["type"] in ("faq", "agent")


def test_user_mistakes_are_one_line_errors(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cases = [
        ("keys", "create", "--role", "boss", "--name", "x"),
        ("consult", str(tmp_path / "missing.wav")),
        ("import-faq", str(tmp_path / "missing.yaml")),
        ("eval", "--data", str(tmp_path / "missing.tsv")),
        ("classify",),
        ("keys", "revoke", "99999"),
    ]
    for args in cases:
        result = run(*args, env=env)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("error: "), (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_import_faq_reports_changes_and_rejects_bad_files(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "faq.csv"
    good.write_text(
        "id,intent,question,answer,source,updated\n"
        "test-bike-night,transport.bike,따릉이 밤에도 빌릴 수 있나요,24시간 대여할 수 있어요.,test,2026-11-30\n",
        encoding="utf-8",
    )
    first = run("import-faq", str(good), env=env)
    assert first.returncode == 0, first.stderr
    assert "added: 1 (test-bike-night)" in first.stdout
    again = run("import-faq", str(good), env=env)
    assert "unchanged: 1" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,intent,question,answer,source,updated\nx-1,transport.nope,q,a,s,2026-11-30\n",
        encoding="utf-8",
    )
    refused = run("import-faq", str(bad), env=env)
    assert refused.returncode == 2 and "transport.nope" in refused.stderr


def test_eval_reports_model_and_baseline(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = PROJECT_ROOT / "models" / "data" / "intents_dev.tsv"
    png = tmp_path / "cm.png"
    result = run("eval", "--data", str(data), "--png", str(png), env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for side in ("model", "baseline"):
        assert {"accuracy", "macro_f1", "top3_accuracy", "ece"} <= set(report[side])
    assert report["model"]["accuracy"] > report["baseline"]["accuracy"]
    assert png.stat().st_size > 10_000


def test_tune_thresholds(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "sample.tsv"
    rows = (PROJECT_ROOT / "models" / "data" / "intents_dev.tsv").read_text(encoding="utf-8")
    data.write_text("\n".join(rows.splitlines()[:120]) + "\n", encoding="utf-8")
    png = tmp_path / "curve.png"
    result = run("tune-thresholds", "--data", str(data), "--png", str(png), env=env)
    assert result.returncode == 0, result.stderr
    assert "automation" in result.stdout.lower()
    assert png.stat().st_size > 5_000
