"""PNG plots for the report (matplotlib, no display)."""

from __future__ import annotations

from pathlib import Path


def write_plots(report, runs, qrels, latency, by_cat, out_dir: Path, stem: str) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from eval.retrieval import score

    paths = []
    fig, ax = plt.subplots(figsize=(6, 4))
    ks = [1, 2, 3, 5, 7, 10]
    for mode, ranked in runs.items():
        ys = []
        for k in ks:
            hits = [len(set(ranked.get(q, [])[:k]) & set(rel)) / len(rel) for q, rel in qrels.items()]
            ys.append(sum(hits) / len(hits) if hits else 0)
        ax.plot(ks, ys, marker="o", label=mode)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.set_title("Recall@k by retriever")
    paths.append(out_dir / f"{stem}-recall.png")
    fig.tight_layout()
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4))
    for key in ("answer.total", "search.hybrid", "search.baseline"):
        if latency.get(key):
            ax.hist(latency[key], bins=30, alpha=0.6, label=key)
    ax.set_xlabel("ms")
    ax.set_ylabel("questions")
    ax.legend()
    ax.set_title("Latency")
    paths.append(out_dir / f"{stem}-latency.png")
    fig.tight_layout()
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4))
    cats = sorted(by_cat)
    ax.bar(cats, [sum(by_cat[c]) / len(by_cat[c]) for c in cats])
    ax.set_ylim(0, 1)
    ax.set_ylabel("share correct (gold cited, key points)")
    ax.set_title("Answers by category")
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    paths.append(out_dir / f"{stem}-categories.png")
    fig.tight_layout()
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)
    return paths
