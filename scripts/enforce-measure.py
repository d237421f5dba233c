#!/usr/bin/env python3
"""The measuring and reporting half of scripts/bench-enforce (which starts and stops things).

    enforce-measure.py survival WORK CONFIG VICTIMS
        WORK/events-CONFIG.jsonl (`docker events --format '{{json .}}'`) -> one progress line on
        stderr: each victim's survival, and the victims never started or never acted on
    enforce-measure.py report WORK VICTIMS SEED ALLOWED STILL_RUNNING FAILED GUARD_VERSION ENGINE_VERSION
        the markdown tables of every configuration, on stdout

Survival is the engine's own `start` -> first `die`/`destroy` of a container named
victim-CONFIG-N, from the events' timeNano. Each reference run (at the start and at the end) is
reported on its own, and every dockerguard configuration against each of them: a pooled median
would hide a machine that got busier or quieter during the run.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ for benchkit
from benchkit import container_events, fmt, median, parse_wrk, percentile, table

CONFIGS = [
    ("ref", "reference at the start (`start` in, `kill` out)"),
    ("kill", "dockerguard kill"),
    ("stop", "dockerguard stop (timeout 0)"),
    ("remove", "dockerguard remove"),
    ("killload", "dockerguard kill, `/containers` under wrk load"),
    ("refload", "reference, same wrk load on dockerguard (audit mode)"),
    ("ref2", "reference at the end"),
]
TARGET_RATIO = 1.3
TARGET_MAX_MS = 80


def analyse(work, cfg, expected):
    """Survival, reaction (start -> the engine's `kill` event) and engine (`kill` -> end), in ms."""
    prefix = f"victim-{cfg}-"
    start, end, kill = {}, {}, {}
    path = os.path.join(work, f"events-{cfg}.jsonl")
    for name, action, t in container_events(path, prefix):
        if action == "start" and name not in start:
            start[name] = t
        elif action in ("die", "destroy") and name in start and name not in end and t >= start[name]:
            end[name] = t
        elif action == "kill" and name in start and name not in kill and t >= start[name]:
            kill[name] = t
    names = [f"{prefix}{i}" for i in range(1, expected + 1)]
    return {
        "survival": sorted((end[n] - start[n]) / 1e6 for n in end),
        "reaction": sorted((kill[n] - start[n]) / 1e6 for n in kill),
        "engine": sorted((end[n] - kill[n]) / 1e6 for n in kill if n in end),
        "never_started": [n for n in names if n not in start],
        "not_acted_on": [n for n in names if n in start and n not in end],
    }


def survival(work, cfg, expected):
    result = analyse(work, cfg, expected)

    def say(text):
        print(f"==> victim-{cfg}-*: {text}", file=sys.stderr)

    if result["never_started"]:
        say("never started: " + " ".join(result["never_started"]))
    if result["not_acted_on"]:
        say("NOT acted on within the run: " + " ".join(result["not_acted_on"]))
    say(" ".join(f"{v:.0f}" for v in result["survival"]) + " ms")


def spread(values):
    """Median, p90 and max as table cells."""
    return [fmt(median(values)), fmt(percentile(values, 0.9)), fmt(percentile(values, 1))]


def ratio(value, floor):
    return "-" if value is None or not floor else f"{value / floor:.2f}×"


def verdict(label, result, floor_label, floor, expected):
    """One row of the targets: a configuration against one floor (a reference run's median)."""
    m, worst = median(result["survival"]), percentile(result["survival"], 1)
    if m is None or not floor:
        return [label, floor_label, "no data", "", ""]
    r = m / floor
    return [label, floor_label, f"{r:.2f}×: {'met' if r <= TARGET_RATIO else 'MISSED'}",
            f"{worst:.1f} ms: {'met' if worst < TARGET_MAX_MS else 'MISSED'}",
            f"{len(result['survival'])} / {expected}"]


def report(work, expected, seed, allowed, running, failed, guard_version, engine_version):
    results = {cfg: analyse(work, cfg, expected) for cfg, _ in CONFIGS}
    floor = {cfg: median(results[cfg]["survival"]) for cfg in ("ref", "ref2", "refload")}
    rows = []
    for cfg, label in CONFIGS:
        s = results[cfg]["survival"]
        m = median(s)
        rows.append([label, f"{len(s)} / {expected}"] + spread(s) + [ratio(m, floor["ref"]), ratio(m, floor["ref2"])])
    print(table(["configuration", "acted on", "median ms", "p90 ms", "max ms",
                 "median / reference at the start", "median / reference at the end"], rows))
    print()
    print("Where the time goes, from the same events: start → the engine's first `kill` event (the enforcer's")
    print("reaction plus the engine taking the request), then that `kill` event → `die` (the engine alone).")
    print()
    rows = []
    for cfg, _ in CONFIGS:
        rows.append([cfg] + spread(results[cfg]["reaction"]) + spread(results[cfg]["engine"]))
    print(table(["configuration", "start → `kill` median ms", "p90 ms", "max ms",
                 "`kill` → `die` median ms", "p90 ms", "max ms"], rows))
    print()
    print(f"Reference medians, each run on its own: at the start {fmt(floor['ref'])} ms, at the end "
          f"{fmt(floor['ref2'])} ms; under the wrk load {fmt(floor['refload'])} ms.")
    print()
    floors = [("the reference at the start", "ref"), ("the reference at the end", "ref2")]
    rows = [verdict("kill", results["kill"], name, floor[cfg], expected) for name, cfg in floors]
    rows += [verdict("kill under load", results["killload"], name, floor[cfg], expected)
             for name, cfg in floors + [("the reference under the same load", "refload")]]
    print(table(["target", "against", f"median ratio ≤ {TARGET_RATIO}", f"max < {TARGET_MAX_MS} ms", "acted on"],
                rows))
    loads = []
    for cfg in ("killload", "refload"):
        path = os.path.join(work, f"wrk-{cfg}.out")
        w = parse_wrk(open(path).read()) if os.path.exists(path) else None
        if w is None or w["rps"] is None:
            loads.append(f"{cfg}: no wrk summary")
        else:
            errors = f", {w['non2xx']} non-2xx, {w['socket_errors']} socket errors" \
                if w["non2xx"] or w["socket_errors"] else ""
            loads.append(f"{cfg} {w['rps']:,.0f}{errors}")
    print()
    print(f"Survival = engine `start` → first `die`/`destroy` (timeNano); {expected} victims per configuration, "
          f"100–400 ms apart (BENCH_SEED={seed}); {allowed} allowed containers running ({running} still running "
          f"at the end); wrk -t1 -c2 on `/containers`, requests/s: {'; '.join(loads)}; dockerguard actions "
          f"failed: {failed}; {os.cpu_count()} cores; dockerguard {guard_version} (release); engine {engine_version}. "
          f"`BENCH_SEED={seed} BENCH_VICTIMS={expected} BENCH_ALLOWED={allowed} scripts/bench-enforce`.")


def main(argv):
    if len(argv) == 5 and argv[1] == "survival":
        survival(argv[2], argv[3], int(argv[4]))
    elif len(argv) == 10 and argv[1] == "report":
        report(argv[2], int(argv[3]), *argv[4:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
