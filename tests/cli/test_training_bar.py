"""The training bar draws one bar per stage and keeps status lines readable between them."""

from __future__ import annotations

import io
import os

from callcenter.progress import TrainingBar


def test_one_bar_per_stage_runs_to_its_total() -> None:
    out = io.StringIO()
    bar = TrainingBar(stream=out, enabled=True)
    bar.say("building intent model abc: 64 train, 8 dev")
    for done in (16, 32, 48, 64):
        bar.step("frozen layers (train)", done, 64)
    bar.say("ran the 11 frozen layers in 1.0s")
    for done in range(1, 5):
        bar.step("epoch 1/2", done, 4)
    bar.step("epoch 2/2", 1, 4)  # a new stage closes the unfinished one
    bar.close()
    text = out.getvalue()
    assert "building intent model abc" in text
    assert "ran the 11 frozen layers" in text
    assert "frozen layers (train): 100%" in text and "64/64" in text
    assert "epoch 1/2: 100%" in text and "4/4" in text
    assert "epoch 2/2:  25%" in text
    # status lines come out whole, not glued to a bar's carriage returns
    assert any(line.strip() == "ran the 11 frozen layers in 1.0s" for line in text.splitlines())


def test_off_a_terminal_only_status_lines_are_written() -> None:
    out = io.StringIO()  # not a TTY
    bar = TrainingBar(stream=out)
    bar.say("start")
    bar.step("epoch 1/1", 1, 2)
    bar.step("epoch 1/1", 2, 2)
    bar.say("done")
    assert out.getvalue().splitlines() == ["start", "done"]


def test_a_terminal_that_reports_no_size_still_gets_a_bar(monkeypatch) -> None:
    # a pty under `script` or a CI runner reports 0x0; tqdm would then hide every bar
    monkeypatch.setattr(
        "callcenter.progress.shutil.get_terminal_size",
        lambda fallback=(80, 24): os.terminal_size((0, 0)),
    )
    out = io.StringIO()
    bar = TrainingBar(stream=out, enabled=True)
    for done in (1, 2):
        bar.step("epoch 1/1", done, 2)
    assert "epoch 1/1: 100%" in out.getvalue()
