"""How much each scoring rule discriminates, and how often each intervention comes out on top.

    .venv/bin/python benchmarks/scoring_reach.py            # 200 profiles, seed 1
    .venv/bin/python benchmarks/scoring_reach.py -n 500 --seed 7

Profiles are drawn from a fixed seed so before/after figures compare like with like: individuals
and groups of 15-95, every setting, offline and online, (not) motivated, every severity. A rule
that reaches nearly every ranked item moves them all alike and so ranks nothing.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from wat_werkt.core.engine import advise
from wat_werkt.core.kb_load import load_kb
from wat_werkt.core.profile import parse_profile


def random_profile(rng: random.Random, kb, n: int) -> dict:
    if rng.random() < 0.5:
        age: int | dict = rng.randint(15, 95)
    else:
        lo = rng.randint(15, 90)
        age = {"min": lo, "max": min(100, lo + rng.choice([3, 5, 10, 15, 25]))}
    types = rng.sample(["emotional", "social", "existential"], rng.choice([1, 1, 2]))
    if rng.random() < 0.15:
        types = [t for t in types if t != "existential"] or ["social"]
    loneliness = {"types": types, "score": rng.choice([1, 4, 6, 7, 8, 9, 10, 11])}
    if rng.random() < 0.5:
        loneliness["chronic"] = rng.choice(["yes", "no"])
    tri = ["yes", "yes", "yes", "no", "unknown"]
    return {
        "name": f"p{n}",
        "age": age,
        "gender": rng.choice(["female", "male", "mixed"]),
        "setting": rng.choice(["home"] * 4 + ["residential_care", "nursing_home"]),
        "loneliness": loneliness,
        "situation": rng.sample(sorted(kb.situations), rng.randint(0, 4)),
        "readiness": {k: rng.choice(tri) for k in ("aware", "motivated", "able")},
        "digital": {
            "skills": rng.choice(["none", "basic", "good", "unknown"]),
            "internet": rng.choice(["yes", "yes", "no", "unknown"]),
        },
        "preferences": {"formats": rng.sample(sorted(kb.formats), rng.choice([0, 0, 0, 1, 2]))},
    }


def measure(kb, n: int, seed: int = 1, min_age: int = 0):
    """Rule reach (per ranked item), top-1 counts, ranked items and profiles with a ranking."""
    rng = random.Random(seed)
    reach: Counter[str] = Counter()
    top1: Counter[str] = Counter()
    items = advised = 0
    for i in range(n):
        raw = random_profile(rng, kb, i)
        if _age_min(raw["age"]) < min_age:
            continue
        advice = advise(kb, parse_profile(raw, kb, "gen.yaml", None))
        if not advice["ranking"]:
            continue
        advised += 1
        top1[advice["ranking"][0]["id"]] += 1
        for item in advice["ranking"]:
            items += 1
            for r in item["reasons"]:
                reach[r.get("rule") or r.get("factor") or r["kind"]] += 1
    return reach, top1, items, advised


def _age_min(age) -> int:
    return age if isinstance(age, int) else age["min"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    kb = load_kb()
    reach, top1, items, advised = measure(kb, args.n, args.seed)
    print(f"{args.n} profiles, {advised} with a ranking, {items} ranked items")
    print("\nshare of ranked items each rule or factor reaches:")
    for key, count in reach.most_common():
        print(f"  {key:34} {100 * count / items:5.1f}%")
    print("\ntop-1 share (profiles with a ranking):")
    for key, count in top1.most_common():
        print(f"  {key:34} {100 * count / advised:5.1f}%")
    _, older, _, n_older = measure(kb, args.n, args.seed, min_age=55)
    print(f"\ntop-1 share among the {n_older} ranked profiles aged 55 and over:")
    for key, count in older.most_common():
        print(f"  {key:34} {100 * count / n_older:5.1f}%")


if __name__ == "__main__":
    main()
