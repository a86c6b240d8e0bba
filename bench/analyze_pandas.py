#!/usr/bin/env python3
"""The statistics of `redteam analyze` in pandas/numpy, for the speed comparison in docs/benchmarks.md.

Usage: analyze_pandas.py FILE OUT_DIR [--seed N] [--resamples N]

Reads the released format (ONE JSON array or JSON Lines, plain or .gz) and writes OUT_DIR/summary.json and
OUT_DIR/tables/{by_target,rating_histogram,lorenz,tags}.csv with the same statistics as `redteam analyze`:
rating histogram (bin floor(r), 4.0 in bin 4), by-target mean rating / success rate (rating >= 3) / mean min
harmlessness, each with a 95% percentile cluster bootstrap over red team members (each resample draws as many
members as there are, with replacement, and takes all of their attempts), Spearman's rho of rating and min
harmlessness with the same bootstrap, the top-50 members' share, the Lorenz curve and tag counts (once per
attempt). Point estimates equal ours; intervals differ only because the random draws differ (numpy's PCG64
instead of Java's SplittableRandom). It uses the same algorithm as ours: per-member sufficient statistics for the
means (a resample is a weights x cells product) and weighted mid-ranks for Spearman (no sort per resample).
Template families are NOT computed here (no MinHash/LSH in pandas or numpy); the Java command does them.
Needs Debian's python3-pandas (numpy comes with it); not used by the build or the tests.
"""
import argparse
import gzip
import hashlib
import json
import os
import re

import numpy as np
import pandas as pd

SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*([kKmMbBgGtT]?)\s*$")
SCALE = {"": 1, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12}


def parameters(size):
    m = SIZE.match(size)
    return float(m.group(1)) * SCALE[m.group(2).upper()] if m else None


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    sha = hashlib.sha256(raw).hexdigest()
    text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    text = text.decode("utf-8").lstrip("\ufeff \t\r\n")
    records = json.loads(text) if text.startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
    return pd.DataFrame.from_records(records), sha, len(raw)


def percentile_ci(values):
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return [None, None]
    return [float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))]  # numpy's default = R type 7


def weighted_spearman(weights, member, xg, nx, ystart):
    """Spearman's rho with each pair counted weights[member] times; pairs sorted by y, xg = x tie group."""
    w = weights[member].astype(np.float64)
    xw = np.bincount(xg, weights=w, minlength=nx)
    total = xw.sum()
    mean = (total + 1) / 2
    dx = np.cumsum(xw) - xw + (xw + 1) / 2 - mean
    yw = np.add.reduceat(w, ystart) if len(ystart) else np.zeros(0)
    dy = np.cumsum(yw) - yw + (yw + 1) / 2 - mean
    cross = np.add.reduceat(w * dx[xg], ystart)
    sxy = (dy * cross).sum()
    sxx = (xw * dx * dx).sum()
    syy = (yw * dy * dy).sum()
    return sxy / np.sqrt(sxx * syy) if sxx > 0 and syy > 0 else np.nan


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--resamples", type=int, default=1000)
    a = p.parse_args()

    df, sha, size = read(a.file)
    df["bin"] = np.clip(np.floor(df["rating"]), 0, 4).astype(int)
    df["success"] = (df["rating"] >= 3).astype(float)
    df["harm"] = df["min_harmlessness_score_transcript"].astype(float)
    members, member = np.unique(df["red_team_member_id"].to_numpy(), return_inverse=True)
    targets = df[["model_type", "num_params"]].drop_duplicates().reset_index(drop=True)
    targets["parameters"] = targets["num_params"].map(parameters)
    targets["numeric"] = targets["parameters"].notna()
    targets = targets.sort_values(["model_type", "numeric", "parameters", "num_params"],
                                  ascending=[True, False, True, True], na_position="last").reset_index(drop=True)
    tindex = {(r.model_type, r.num_params): i for i, r in targets.iterrows()}
    target = np.array([tindex[k] for k in zip(df["model_type"], df["num_params"])])
    M, T = len(members), len(targets)

    # per (member, target) sufficient statistics; column T is "all targets"
    cells = {}
    harm_ok = df["harm"].notna().to_numpy()
    for name, values, keep in [("rating", df["rating"].to_numpy(), np.ones(len(df), bool)),
                               ("success", df["success"].to_numpy(), np.ones(len(df), bool)),
                               ("harm", df["harm"].fillna(0).to_numpy(), harm_ok)]:
        count = np.zeros((M, T + 1))
        total = np.zeros((M, T + 1))
        for col, tcol in [(target, None), (np.full(len(df), T), None)]:
            np.add.at(count, (member[keep], col[keep]), 1)
            np.add.at(total, (member[keep], col[keep]), values[keep])
        cells[name] = (count, total)

    rng = np.random.default_rng(a.seed)
    W = np.stack([np.bincount(rng.integers(0, M, M), minlength=M) for _ in range(a.resamples)]) if a.resamples else np.zeros((0, M))
    ones = np.ones(M)
    est, boot = {}, {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for name, (count, total) in cells.items():
            est[name] = (ones @ total) / (ones @ count)
            boot[name] = (W @ total) / (W @ count)

    # Spearman over attempts with a score: x = rating, y = harmlessness
    xs = df["rating"].to_numpy()[harm_ok]
    ys = df["harm"].to_numpy()[harm_ok]
    ms = member[harm_ok]
    order = np.argsort(ys, kind="stable")
    ys, xs, ms = ys[order], xs[order], ms[order]
    _, xg = np.unique(xs, return_inverse=True)
    ystart = np.flatnonzero(np.r_[True, ys[1:] != ys[:-1]]) if len(ys) else np.array([], int)
    nx = int(xg.max()) + 1 if len(xg) else 0
    rho = weighted_spearman(np.ones(M), ms, xg, nx, ystart)
    rhos = np.array([weighted_spearman(w, ms, xg, nx, ystart) for w in W])

    per_member = np.sort(np.bincount(member, minlength=M))
    lorenz = np.r_[0, np.cumsum(per_member)] / per_member.sum()
    n = len(df)
    gini = ((2 * np.arange(1, M + 1) - M - 1) * per_member).sum() / (M * per_member.sum())
    tagged = df["tags"].map(lambda t: t is not None)
    tags = df.loc[tagged, "tags"].map(lambda t: list(dict.fromkeys(t))).explode().dropna().value_counts()
    tags = tags.sort_index().sort_values(ascending=False, kind="stable")

    def interval(name, t):
        return est[name][t], percentile_ci(boot[name][:, t])

    by_target = []
    for t, r in targets.iterrows():
        row = {"model_type": r.model_type, "num_params": r.num_params, "n": int(cells["rating"][0][:, t].sum())}
        for key, name in [("mean_rating", "rating"), ("success_rate", "success"), ("mean_min_harmlessness", "harm")]:
            e, ci = interval(name, t)
            row[key], row[key + "_ci95"] = (None if np.isnan(e) else float(e)), ci
        by_target.append(row)
    summary = {
        "source": {"kind": "file", "file": os.path.basename(a.file), "sha256": sha, "bytes": size, "records": n},
        "attempts": n, "red_team_members": M, "seed": a.seed, "resamples": a.resamples,
        "rating_histogram": {str(b): int((df["bin"] == b).sum()) for b in range(5)},
        "by_target": by_target,
        "rating_vs_min_harmlessness": {"spearman": float(rho), "spearman_ci95": percentile_ci(rhos), "n": int(harm_ok.sum())},
        "top_members_share": {"members": 50, "share": float(per_member[-50:].sum() / n), "gini": float(gini)},
        "tags": {k: int(v) for k, v in tags.items()}, "tagged_attempts": int(tagged.sum()),
        "templates": "not computed in pandas",
    }
    os.makedirs(os.path.join(a.out, "tables"), exist_ok=True)
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    pd.DataFrame(by_target).to_csv(os.path.join(a.out, "tables", "by_target.csv"), index=False)
    pd.DataFrame({"rating": range(5), "attempts": list(summary["rating_histogram"].values())}).to_csv(
        os.path.join(a.out, "tables", "rating_histogram.csv"), index=False)
    pd.DataFrame({"members": range(M + 1), "member_share": np.arange(M + 1) / M, "attempt_share": lorenz}).to_csv(
        os.path.join(a.out, "tables", "lorenz.csv"), index=False)
    tags.rename("attempts").rename_axis("tag").to_csv(os.path.join(a.out, "tables", "tags.csv"))
    print(f"read {n} attempts by {M} red team members on {T} targets; wrote {a.out}/summary.json")


if __name__ == "__main__":
    main()
