"""Damaged index files and embedding caches: each start ends in a rebuild whose searches find the exact nearest
neighbours with their true scores, or in a clear refusal (exit 3, a message naming `assistant index`), never in
different results or a crash."""

from __future__ import annotations

import os

import numpy as np
import pytest

from .conftest import assert_right_results, finish, segment_dirs, start


def _damage_index(data_dir, how: str) -> None:
    segments = segment_dirs(data_dir)
    assert segments
    for seg in segments:
        f = seg / "data_level0.bin"
        if how == "truncated":
            os.truncate(f, f.stat().st_size // 2)
        elif how == "random":  # segfaults any process that opens it
            f.write_bytes(np.random.default_rng(7).bytes(f.stat().st_size))
        elif how == "deleted_file":
            f.unlink()
        elif how == "deleted_segment":
            for p in seg.iterdir():
                p.unlink()
            seg.rmdir()


def test_a_healthy_index_verifies_without_rebuilding(built_full, full_reference):
    code, result, err = start(built_full, "--full")
    assert code == 0, err
    assert not result["rebuilt"] and result["probe"] is None
    assert_right_results(result)


@pytest.mark.parametrize("how", ["truncated", "random", "deleted_file", "deleted_segment"])
def test_damaged_index_files_are_rebuilt(built_full, full_reference, how):
    _damage_index(built_full, how)
    code, result, err = start(built_full, "--full")
    assert code == 0, err
    assert result["rebuilt"] and result["problems"], result
    assert_right_results(result)  # the same results as before the damage
    assert result["probe"] is None


@pytest.mark.parametrize("how", ["truncated", "random", "deleted_segment"])
def test_damaged_index_is_refused_clearly_when_rebuilding_is_off(built_full, how):
    _damage_index(built_full, how)
    code, result, err = start(built_full, "--full", "--no-build")
    assert code == 3 and result is None
    assert "the index cannot be served" in err and "assistant index" in err
    assert "Traceback" not in err


def test_a_missing_index_is_refused_clearly(tmp_path):
    code, result, err = start(tmp_path / "empty", "--no-build")
    assert code == 3 and "no complete index" in err and "Traceback" not in err


def _cache_file(data_dir):
    files = list((data_dir / "embeddings").glob("*.npz"))
    assert len(files) == 1
    return files[0]


def _damage_cache(data_dir, how: str) -> None:
    path = _cache_file(data_dir)
    if how == "truncated":
        os.truncate(path, path.stat().st_size // 2)
        return
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    if how == "shuffled":  # rows reordered, the checksum of a file written before checksums absent
        arrays["vectors"] = arrays["vectors"][np.random.default_rng(3).permutation(len(arrays["vectors"]))]
        arrays.pop("checksum", None)
    elif how == "shuffled_with_checksum":
        arrays["vectors"] = arrays["vectors"][::-1].copy()
    elif how == "wrong_dimension":
        arrays["vectors"] = arrays["vectors"][:, :128]
        arrays.pop("checksum", None)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, **arrays)


CACHE_DAMAGE = ["truncated", "shuffled", "shuffled_with_checksum", "wrong_dimension"]


@pytest.mark.parametrize("how", CACHE_DAMAGE)
def test_a_damaged_cache_does_not_condemn_a_healthy_index(built, reference, how):
    _damage_cache(built, how)
    code, result, err = start(built)
    assert code == 0, err
    assert not result["rebuilt"], result  # the sample was embedded afresh and matched the stored vectors
    assert "embedding cache" in err and "embedded again" in err  # the damage is reported
    assert_right_results(result)


@pytest.mark.parametrize("how", CACHE_DAMAGE)
def test_a_rebuild_from_a_damaged_cache_reembeds(built, reference, how):
    _damage_cache(built, how)
    code, result, err = start(built, "--rebuild")
    assert code == 0, err
    assert result["rebuilt"] and result["embedded"] > 0
    assert_right_results(result)
    assert "Traceback" not in err
    code, again, err = start(built)  # the rewritten cache is healthy again
    assert code == 0 and not again["rebuilt"] and "embedding cache" not in err, err


def test_two_first_starts_on_an_empty_folder_both_serve(tmp_path, reference):
    data_dir = tmp_path / "data"
    procs = [start(data_dir, wait=False) for _ in range(2)]
    results = [finish(p) for p in procs]
    for code, result, err in results:
        assert code == 0, err
        assert_right_results(result)
    assert sorted(r["rebuilt"] for _, r, _ in results) == [False, True]  # one built, the other waited and verified
