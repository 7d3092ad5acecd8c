"""Model runtimes behind one small Protocol: local llama.cpp, or an OpenAI-compatible server.

A Generator renders chat messages with the model's own template, counts tokens with the model's
own tokenizer, reports its context size, and streams text. Tests use a fake with the same shape.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from core import paths
from core.errors import GenerationError, ModelError

Message = dict[str, str]


class Generator(Protocol):
    name: str
    n_ctx: int

    def count_tokens(self, text: str) -> int: ...

    def render(self, messages: list[Message]) -> str:
        """The exact prompt text the model will see, chat template applied."""
        ...

    def stream(self, messages: list[Message], *, max_tokens: int, stop: list[str] | None = None) -> Iterator[str]:
        ...

    def warm_prefix(self, prefix_text: str) -> str:
        """Get the KV cache ready for prompts starting with prefix_text; says where it came from."""
        ...

    def complete_json(self, messages: list[Message], schema: dict[str, Any], *, max_tokens: int) -> str:
        """One reply constrained to the JSON schema (grammar-constrained decoding where supported)."""
        ...


@dataclass
class RuntimeSettings:
    n_ctx: int = 4096
    threads: int = os.cpu_count() or 2
    temperature: float = 0.1
    seed: int = 7


KV_FILES_KEPT = 6  # saved prefixes (a few MB each); one per model and prompt version in use


def _prune(folder: Path, keep: int) -> None:
    """Drop all but the most recently written saved prefixes."""
    files = sorted(folder.glob("*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


class LlamaGenerator:
    """llama-cpp-python in process. Keeps the KV cache of the longest common prompt prefix, and can
    persist the system-prompt prefix to disk so a fresh process skips evaluating it."""

    def __init__(self, model_path: str, name: str, settings: RuntimeSettings | None = None) -> None:
        self.settings = settings or RuntimeSettings()
        self.name = name
        self.model_path = model_path
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelError("llama-cpp-python is not installed", hint="run the README's setup command") from exc
        try:
            self.llm = Llama(model_path=model_path, n_ctx=self.settings.n_ctx, n_threads=self.settings.threads,
                             n_threads_batch=self.settings.threads, seed=self.settings.seed, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"llama.cpp could not load {model_path}: {exc}",
                             hint="run `assistant models verify`") from exc
        self.n_ctx = self.llm.n_ctx()
        meta = self.llm.metadata
        template = meta.get("tokenizer.chat_template")
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        vocab = self.llm
        eos = vocab.detokenize([vocab.token_eos()]).decode("utf-8", "ignore") if vocab.token_eos() >= 0 else ""
        bos = vocab.detokenize([vocab.token_bos()]).decode("utf-8", "ignore") if vocab.token_bos() >= 0 else ""
        self._formatter = Jinja2ChatFormatter(template, eos_token=eos, bos_token=bos) if template else None
        self.prefix_source = "none"
        self.last_reused = 0  # prompt tokens the last stream() found already in the KV cache

    def _tokens(self, text: str) -> list[int]:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    def count_tokens(self, text: str) -> int:
        return len(self._tokens(text))

    def render(self, messages: list[Message]) -> str:
        if self._formatter is None:
            body = "".join(f"{m['role'].upper()}: {m['content']}\n\n" for m in messages)
            return body + "ASSISTANT: "
        return str(self._formatter(messages=messages).prompt)  # type: ignore[arg-type]

    def warm_prefix(self, prefix_text: str) -> str:
        """Have the KV cache hold `prefix_text`: from memory, from a saved state file, or by evaluating it.

        Returns where it came from: "memory", "disk" or "eval".
        """
        tokens = self._tokens(prefix_text)
        if list(self.llm.input_ids[: len(tokens)]) == tokens and self.llm.n_tokens >= len(tokens):
            self.prefix_source = "memory"
            return self.prefix_source
        key = hashlib.sha256(f"{self.model_path}|{self.n_ctx}|{prefix_text}".encode()).hexdigest()[:24]
        state_file = paths.cache_dir() / "kv" / f"{key}.bin"
        import llama_cpp

        ctx = self.llm._ctx.ctx
        if state_file.is_file():
            out = (llama_cpp.llama_token * len(tokens))()
            count = ctypes.c_size_t(0)
            ok = llama_cpp.llama_state_load_file(ctx, str(state_file).encode(), out, len(tokens), ctypes.byref(count))
            if ok and list(out[: count.value]) == tokens:
                self.llm.input_ids[: len(tokens)] = tokens
                self.llm.n_tokens = len(tokens)
                self.prefix_source = "disk"
                return self.prefix_source
            self.llm.reset()
        self.llm.reset()
        self.llm.eval(tokens)
        state_file.parent.mkdir(parents=True, exist_ok=True)
        array = (llama_cpp.llama_token * len(tokens))(*tokens)
        tmp = state_file.with_suffix(".tmp")
        if llama_cpp.llama_state_save_file(ctx, str(tmp).encode(), array, len(tokens)):
            os.replace(tmp, state_file)
            _prune(state_file.parent, keep=KV_FILES_KEPT)
        self.prefix_source = "eval"
        return self.prefix_source

    def complete_json(self, messages: list[Message], schema: dict[str, Any], *, max_tokens: int) -> str:
        reply = self.llm.create_chat_completion(
            messages=messages, response_format={"type": "json_object", "schema": schema},  # type: ignore[arg-type]
            temperature=0.0, max_tokens=max_tokens, seed=self.settings.seed)
        return str(reply["choices"][0]["message"]["content"] or "")  # type: ignore[index]

    def stream(self, messages: list[Message], *, max_tokens: int, stop: list[str] | None = None) -> Iterator[str]:
        tokens = self._tokens(self.render(messages))
        if len(tokens) + max_tokens > self.n_ctx:
            raise GenerationError(f"prompt of {len(tokens)} tokens plus {max_tokens} for the answer exceeds the "
                                  f"context of {self.n_ctx}")
        cached = self.llm.input_ids[: self.llm.n_tokens]
        self.last_reused = next((i for i, (a, b) in enumerate(zip(cached, tokens, strict=False)) if a != b),
                                min(len(cached), len(tokens)))  # llama.cpp skips evaluating these
        chunks = self.llm.create_completion(tokens, max_tokens=max_tokens, temperature=self.settings.temperature,
                                            stop=stop or [], stream=True, seed=self.settings.seed)
        for chunk in chunks:
            text = chunk["choices"][0]["text"]  # type: ignore[index]
            if text:
                yield text


class ServerGenerator:
    """An OpenAI-compatible server (llama.cpp server, llama-cpp-python server, vLLM), over HTTP."""

    def __init__(self, base_url: str, model: str | None = None, n_ctx: int | None = None,
                 temperature: float = 0.1) -> None:
        import requests

        self.base = base_url.rstrip("/")
        if self.base.endswith("/v1"):
            self.base = self.base[:-3]
        self.http = requests.Session()
        self.temperature = temperature
        try:
            listing = self.http.get(f"{self.base}/v1/models", timeout=10)
            listing.raise_for_status()
            data = listing.json().get("data") or [{}]
        except (requests.RequestException, ValueError) as exc:
            raise ModelError(f"cannot reach the model server at {base_url}: {exc}",
                             hint="check --llm-url, or drop it to use the local model") from exc
        self.model = model or str(data[0].get("id", "default"))
        self.name = f"{self.model} @ {self.base}"
        self.n_ctx = n_ctx or int(data[0].get("max_model_len") or data[0].get("meta", {}).get("n_ctx_train") or 4096)
        self._tokenize_path: str | None = None

    def count_tokens(self, text: str) -> int:
        """The server's own tokenizer where it offers one; otherwise a conservative estimate."""
        for path, body in (("/extras/tokenize", {"input": text, "model": self.model}),
                           ("/tokenize", {"content": text, "prompt": text, "model": self.model})):
            if self._tokenize_path not in (None, path):
                continue
            try:
                response = self.http.post(f"{self.base}{path}", json=body, timeout=30)
                if response.ok:
                    data = response.json()
                    tokens = data.get("tokens") or data.get("count")
                    count = len(tokens) if isinstance(tokens, list) else int(tokens)
                    self._tokenize_path = path
                    return count
            except (ValueError, TypeError, OSError):
                continue
        self._tokenize_path = "estimate"
        return max(1, len(text) // 3)

    def warm_prefix(self, prefix_text: str) -> str:
        return "server"  # llama.cpp's server keeps its own prompt cache

    def complete_json(self, messages: list[Message], schema: dict[str, Any], *, max_tokens: int) -> str:
        import requests

        body = {"model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": 0.0,
                "response_format": {"type": "json_object", "schema": schema}}
        try:
            response = self.http.post(f"{self.base}/v1/chat/completions", json=body, timeout=600)
            response.raise_for_status()
            return str(response.json()["choices"][0]["message"]["content"] or "")
        except (requests.RequestException, ValueError, KeyError, IndexError) as exc:
            raise GenerationError(f"the model server did not return JSON: {exc}") from exc

    def render(self, messages: list[Message]) -> str:
        # the server applies its own template; count it with a small per-message allowance
        return "".join(f"<|{m['role']}|>\n{m['content']}\n" for m in messages) + "<|assistant|>\n"

    def stream(self, messages: list[Message], *, max_tokens: int, stop: list[str] | None = None) -> Iterator[str]:
        import requests

        body: dict[str, Any] = {"model": self.model, "messages": messages, "max_tokens": max_tokens,
                                "temperature": self.temperature, "stream": True}
        if stop:
            body["stop"] = stop
        try:
            response = self.http.post(f"{self.base}/v1/chat/completions", json=body, stream=True, timeout=600)
            response.raise_for_status()
        except requests.RequestException as exc:
            raise GenerationError(f"the model server refused the request: {exc}") from exc
        with response:
            for line in response.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    return
                try:
                    delta = json.loads(payload)["choices"][0].get("delta", {})
                except (ValueError, KeyError, IndexError):
                    continue
                text = delta.get("content")
                if text:
                    yield text


def load(model_name: str | None = None, llm_url: str | None = None,
         settings: RuntimeSettings | None = None, progress: Callable[[int, int], object] | None = None) -> Generator:
    """The configured generator: a server when --llm-url is given, else the local model."""
    if llm_url:
        return ServerGenerator(llm_url, n_ctx=settings.n_ctx if settings else None)
    from assistant.llm import catalog

    info = catalog.resolve(model_name, progress=progress)
    return LlamaGenerator(info.path, info.name, settings)

