"""all-MiniLM-L6-v2's forward pass in numpy, for embedding queries without importing torch.

Importing torch and sentence-transformers costs about 5 s, paid by every cold `search` and `ask`
just to embed one short query. This reads the same weights file and tokenizer and computes the
same thing (BERT encoder, mean pooling, L2 norm); a test holds it to the torch result.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
HEADS = 12
EPS = 1e-12


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


class NumpyMiniLM:
    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.w = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # the file pads to a fixed length; padding would enter the mean
        self.layers = 1 + max(int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer."))

    def _encode_one(self, ids: list[int]) -> np.ndarray:
        w = self.w
        n = len(ids)
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        dim = x.shape[1]
        head = dim // HEADS
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def linear(t: np.ndarray, name: str, prefix: str = p) -> np.ndarray:
                return t @ w[f"{prefix}{name}.weight"].T + w[f"{prefix}{name}.bias"]

            q = linear(x, "attention.self.query").reshape(n, HEADS, head).transpose(1, 0, 2)
            k = linear(x, "attention.self.key").reshape(n, HEADS, head).transpose(1, 0, 2)
            v = linear(x, "attention.self.value").reshape(n, HEADS, head).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(head)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, dim)
            x = _layer_norm(linear(context, "attention.output.dense") + x,
                            w[f"{p}attention.output.LayerNorm.weight"], w[f"{p}attention.output.LayerNorm.bias"])
            hidden = _gelu(linear(x, "intermediate.dense"))
            x = _layer_norm(linear(hidden, "output.dense") + x, w[f"{p}output.LayerNorm.weight"],
                            w[f"{p}output.LayerNorm.bias"])
        pooled = x.mean(0)
        return pooled / max(float(np.linalg.norm(pooled)), 1e-12)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = [self._encode_one(self.tokenizer.encode(text).ids) for text in texts]
        return np.asarray(out, dtype=np.float32)
