"""Joint disclosure audit benchmark: protect and audit a synthetic release.

    python bench/joint_audit.py    (from the repository root; re-runs itself
                                    under .venv; no database)

One run builds a survey-like release and protects it as one system
(participation.stats.joint_audit):

1. --respondents synthetic respondents (default 1,000) with seven background
   variables: origin, country group (nested in origin: western / non-western
   for immigrants and descendants, "unknown" for Danish and unknown origin),
   age band, gender, neighbourhood, language and education; --questions
   questions (default 25) with six answers (1-5 and "don't know"), answers
   leaning on origin, --nonresponse of the answers missing;
2. for every question, one table per breakdown (7 x answer), each disclosed
   alone with ``disclose`` (k=5, uniform_min=10) and turned into numbers with
   ``table_numbers``. Origin and country group share inner cells (origin,
   country group, answer); every other breakdown has its own block of inner
   cells, tied to the origin block by one equation per answer ("the same
   respondents answered a"), which is exact for one-way breakdowns that share
   only the answer. With --link-questions (needs --nonresponse 0) every
   breakdown group's size is also tied across questions, so a whole wave is
   one component;
3. times ``audit`` of the single-table result (the findings a linked attacker
   has), ``protect`` of the union and ``audit`` of the protected release
   (which must find nothing), counting the LPs and integer programmes solved.

It prints figures and never asserts on time: exit status 0 whenever it ran.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import commit, ensure_venv, machine, say  # noqa: E402

K, UNIFORM_MIN = 5, 10
ANSWERS = ("1", "2", "3", "4", "5", "dk")
VARIABLES = {
    "origin": {"danish": 70, "immigrant": 15, "descendant": 8, "unknown": 7},
    "age_band": {"under_18": 4, "18_29": 24, "30_49": 38, "50_64": 22, "65_plus": 12},
    "gender": {"woman": 50, "man": 46, "other": 2, "prefer_not": 2},
    "neighbourhood": {
        "aalborg_ost": 20,
        "centrum": 14,
        "vestbyen": 15,
        "norresundby": 12,
        "hasseris": 8,
        "vejgaard": 11,
        "gug": 7,
        "svenstrup": 6,
        "other": 0.5,
    },
    "language": {
        "da": 46,
        "ar": 11,
        "tr": 8,
        "uk": 8,
        "so": 7,
        "fa": 6,
        "pl": 5,
        "ti": 5,
        "en": 4,
    },
    "education": {"basic": 20, "vocational": 35, "short": 15, "long": 30},
}
GROUPS = {"western": 30, "non_western": 70}
AGREE_ODDS = {
    "danish": (5, 10, 20, 40, 25, 4),
    "descendant": (8, 17, 25, 33, 17, 5),
    "immigrant": (10, 20, 27, 30, 13, 8),
    "unknown": (10, 20, 30, 25, 15, 6),
}
BREAKDOWNS = ("origin", "country_group", *list(VARIABLES)[1:])
#: (origin, country group) combinations that exist: the shared inner block.
NESTED = [
    ("danish", "unknown"),
    ("unknown", "unknown"),
    *[(o, g) for o in ("immigrant", "descendant") for g in GROUPS],
]


def population(rng: random.Random, size: int) -> list[dict[str, str]]:
    people = []
    for _ in range(size):
        person = {
            name: rng.choices(list(odds), list(odds.values()))[0]
            for name, odds in VARIABLES.items()
        }
        if person["origin"] in ("immigrant", "descendant"):
            person["country_group"] = rng.choices(list(GROUPS), list(GROUPS.values()))[
                0
            ]
        else:
            person["country_group"] = "unknown"
        people.append(person)
    return people


def release(args) -> tuple[list, list, dict]:
    """The numbers and equations of the whole release, each table disclosed
    alone, and counts of what was built."""
    import pandas as pd

    from participation.stats import joint_audit as ja
    from participation.stats.disclosure import Policy, disclose

    rng = random.Random(args.seed)
    people = population(rng, args.respondents)
    policy = Policy(K, UNIFORM_MIN)
    categories = {name: list(odds) for name, odds in VARIABLES.items()}
    categories["country_group"] = [*GROUPS, "unknown"]
    numbers, equations, tables = [], [], 0
    for q in range(args.questions):
        answers = {}
        for p, person in enumerate(people):
            if rng.random() >= args.nonresponse:
                answers[p] = rng.choices(ANSWERS, AGREE_ODDS[person["origin"]])[0]

        def block(b: str, person: dict, q: int = q) -> tuple:
            if b in ("origin", "country_group"):
                return (q, "origin", person["origin"], person["country_group"])
            return (q, b, person[b])

        # Which inner cells (without the answer) make up each table row.
        for b in BREAKDOWNS:
            rows = categories[b]
            counts = pd.DataFrame(0, index=rows, columns=list(ANSWERS))
            members: dict[str, set] = {r: set() for r in rows}
            for p, person in enumerate(people):
                members[person[b]].add(block(b, person))
                if p in answers:
                    counts.loc[person[b], answers[p]] += 1
            if b in ("origin", "country_group"):
                # Every combination of the shared block, empty ones included.
                for o, g in NESTED:
                    members[o if b == "origin" else g].add((q, "origin", o, g))
            else:
                for r in rows:
                    members[r].add((q, b, r))
            hidden = ja.disclosed_mask(disclose(counts, policy))
            numbers += ja.table_numbers(
                (q, b),
                counts,
                hidden,
                lambda r, a, members=members: {(*m, a) for m in members[r]},
                k=K,
                uniform_min=UNIFORM_MIN,
            )
            tables += 1
            if b in ("origin", "country_group"):
                continue
            for a in ANSWERS:
                terms = {(q, b, r, a): 1 for r in rows}
                terms |= {(q, "origin", o, g, a): -1 for o, g in NESTED}
                equations.append(ja.Equation(terms))
        if args.link_questions and q:
            for b in BREAKDOWNS[2:]:
                for r in categories[b]:
                    terms = {(q, b, r, a): 1 for a in ANSWERS}
                    terms |= {(q - 1, b, r, a): -1 for a in ANSWERS}
                    equations.append(ja.Equation(terms))
            for o, g in NESTED:
                terms = {(q, "origin", o, g, a): 1 for a in ANSWERS}
                terms |= {(q - 1, "origin", o, g, a): -1 for a in ANSWERS}
                equations.append(ja.Equation(terms))
    built = {
        "tables": tables,
        "numbers": len(numbers),
        "hidden": sum(n.hidden for n in numbers),
        "inner_cells": len(set().union(*(n.cells for n in numbers))),
    }
    return numbers, equations, built


class Counter:
    """Counts the solver calls joint_audit makes (wraps its module names)."""

    def __init__(self, module) -> None:
        self.module, self.calls = module, {"linprog": 0, "milp": 0}
        for name in self.calls:
            original = getattr(module, name)

            def counted(*args, _name=name, _original=original, **kwargs):
                self.calls[_name] += 1
                return _original(*args, **kwargs)

            setattr(module, name, counted)

    def take(self) -> dict[str, int]:
        taken = dict(self.calls)
        self.calls = dict.fromkeys(self.calls, 0)
        return taken


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def measure(args) -> None:
    from participation.stats import joint_audit as ja

    say(f"machine: {machine()}; commit {commit()}")
    numbers, equations, built = release(args)
    system = ja._System(numbers, equations, integer=True)
    sizes = sorted(c.n for c in system.components)
    cells = [
        len(set().union(*(numbers[c[0]].cells for c in comp.copies)))
        for comp in system.components
    ]
    say(
        f"== release: {args.respondents:,} respondents, {args.questions} questions x "
        f"{len(BREAKDOWNS)} breakdowns x {len(ANSWERS)} answers = {built['tables']} "
        f"tables"
    )
    say(
        f"   {built['numbers']:,} numbers ({built['hidden']:,} hidden by the "
        f"single-table disclosure), {built['inner_cells']:,} inner cells, "
        f"{len(equations):,} equations"
    )
    say(
        f"   {len(system.components)} components; inner cells per component: "
        f"median {statistics.median(cells):.0f}, max {max(cells)}; LP variables "
        f"after merging: median {statistics.median(sizes):.0f}, max {max(sizes)}"
    )
    counter = Counter(ja)
    before, audit_s = timed(ja.audit, numbers, K, equations=equations)
    solves = counter.take()
    rules = {}
    for finding in before:
        rules[finding.rule] = rules.get(finding.rule, 0) + 1
    say("")
    say("| step | time | LPs | MIPs | result |")
    say("|---|---|---|---|---|")
    say(
        f"| audit of the single-table disclosure | {audit_s:.2f} s "
        f"| {solves['linprog']:,} | {solves['milp']:,} "
        f"| {len(before)} findings {rules} |"
    )
    protected, protect_s = timed(ja.protect, numbers, K, equations=equations)
    solves = counter.take()
    extra = sum(
        m.hidden and not n.hidden for n, m in zip(numbers, protected, strict=True)
    )
    say(
        f"| protect | {protect_s:.2f} s | {solves['linprog']:,} | {solves['milp']:,} "
        f"| {extra} more numbers hidden |"
    )
    after, final_s = timed(ja.audit, protected, K, equations=equations)
    solves = counter.take()
    say(
        f"| audit of the protected release | {final_s:.2f} s "
        f"| {solves['linprog']:,} | {solves['milp']:,} | {len(after)} findings |"
    )
    say("")
    say(
        f"   protect + audit: {protect_s + final_s:.2f} s for {built['numbers']:,} "
        f"numbers ({(protect_s + final_s) / len(system.components) * 1000:.0f} ms "
        f"per component)"
    )


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=25)
    parser.add_argument("--nonresponse", type=float, default=0.05)
    parser.add_argument("--link-questions", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.link_questions and args.nonresponse:
        parser.error("--link-questions needs --nonresponse 0")
    return args


def main() -> int:
    args = parse_args()
    ensure_venv("scipy")
    measure(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
