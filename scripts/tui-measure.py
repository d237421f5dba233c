#!/usr/bin/env python3
"""The measuring and reporting half of scripts/bench-tui (which starts and stops things).

    tui-measure.py idle OUT SECONDS DOCKERD_PID CONTAINERD_PID EXEC_ROOT [TOOL_PID TMUX_PID]
        CPU over an idle window of SECONDS, in % of one core, of: the tool, dockerd, containerd,
        this engine's containerd-shims, the tmux server and everything else; the tool's RSS after
        it. JSON into OUT, one line on stderr.
    tui-measure.py probes OUT SOCKET NAME COUNT TIMEOUT RUNNING [SCREENS_DIR]
        COUNT new containers a-probe-K, one a second, each from the moment its `docker run -d`
        is called until the pane (tmux -S SOCKET, session `bench`) shows its name on a line with
        the text RUNNING (the tool's word for a running container: a tool that lists created
        containers shows the name before the container runs); the engine's `start` event of each.
        JSON into OUT.
    tui-measure.py logs OUT SOCKET NAME TOOL_PID CONTAINER SECONDS
        the tool's logs view following CONTAINER, which prints `seq N` lines: each line's latency
        from the engine's timestamp (`docker logs -t`) to the end of the first capture of the pane
        that shows it or a later one (read every 2 ms), and the tool's CPU over SECONDS. JSON into OUT.
    tui-measure.py logs-volume OUT SOCKET NAME TOOL_PID CONTAINER LAST TIMEOUT
        `docker exec CONTAINER touch /tmp/go` (the container then prints `seq 1 LAST`), waits until
        the pane shows LAST, and the tool's RSS before, after and at its peak. JSON into OUT.
    tui-measure.py report WORK CONTAINERS IDLE_SECONDS PROBES TUI_VERSION LAZYDOCKER_VERSION
        the markdown table from WORK/idle-*.json, WORK/probes-*.json and WORK/render.json
        (`dockerguard-tui --bench-render 1000`), on stdout.

Python 3 standard library only.
"""
import calendar
import glob
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ for benchkit
from benchkit import ControlClient, container_events, fmt, median, percentile, table

HZ = os.sysconf("SC_CLK_TCK")
TOOLS = ("dockerguard-tui", "lazydocker")
RENDER_TARGET_MS = 2
ON_SCREEN_TARGET_MS = 25
LOGS_CPU_TARGET = 10
LOGS_LATENCY_TARGET_MS = 50
LOGS_RSS_TARGET_MIB = 48


# --- idle CPU -------------------------------------------------------------------------------------

def ticks(pids):
    """utime + stime of the processes (all their threads), in clock ticks."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])  # fields 14 and 15; fields[0] is field 3
    return total


def busy_ticks():
    """The whole machine's busy time (all cores) from /proc/stat."""
    with open("/proc/stat") as f:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in f.readline().split()[1:9])
    return user + nice + system + irq + softirq + steal


def shim_pids(exec_root):
    """The shims of this engine's containers: containerd-shim* whose command line names our exec-root."""
    pids = []
    for path in glob.glob("/proc/[0-9]*"):
        try:
            with open(f"{path}/comm") as f:
                if not f.read().startswith("containerd-shim"):
                    continue
            with open(f"{path}/cmdline", "rb") as f:
                if (exec_root + "/").encode() in f.read():
                    pids.append(int(path[6:]))
        except OSError:
            continue
    return pids


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def idle(out, seconds, dockerd, containerd, exec_root, tool=None, tmux=None):
    groups = {"tool": [tool] if tool else [], "dockerd": [dockerd], "containerd": [containerd],
              "shims": shim_pids(exec_root), "tmux": [tmux] if tmux else []}
    t0, machine0 = time.monotonic(), busy_ticks()
    before = {name: ticks(pids) for name, pids in groups.items()}
    time.sleep(seconds)
    after = {name: ticks(pids) for name, pids in groups.items()}
    machine, elapsed = busy_ticks() - machine0, time.monotonic() - t0
    used = {name: after[name] - before[name] for name in groups}
    pct = {name: 100 * t / HZ / elapsed for name, t in used.items()}
    pct["others"] = 100 * (machine - sum(used.values())) / HZ / elapsed
    result = {"seconds": elapsed, "shim_count": len(groups["shims"]), "pct": pct,
              "rss_mib": rss_mib(tool) if tool else None}
    with open(out, "w") as f:
        json.dump(result, f)
    name = os.path.basename(out).removeprefix("idle-").removesuffix(".json")
    print(f"==> {name}: tool {pct['tool']:.2f} %, dockerd {pct['dockerd']:.2f} %, containerd "
          f"{pct['containerd']:.2f} %, {len(groups['shims'])} shims {pct['shims']:.2f} %, other processes "
          f"{pct['others']:.2f} % of one core", file=sys.stderr)


# --- latency probes -------------------------------------------------------------------------------

def probe_once(client, name, probe, timeout, running, screens):
    """Calls `docker run -d` and reads the pane every 0.5 ms, from the call on, until it shows probe
    as running. Wall-clock ns (the clock of the engine's timeNano): the call, the first capture that
    showed the name at all, the end of the capture before the one that showed it running, the end
    of that capture, and when the CLI was seen to have returned."""
    named = re.compile(r"(?<![\w-])" + re.escape(probe) + r"(?![\w-])")
    call_ns = time.time_ns()
    run = subprocess.Popen(["docker", "run", "-d", "--network", "none", "--name", probe, "busybox:local",
                            "sleep", "1d"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    previous_ns, returned_ns, first_ns, captures = call_ns, None, None, 0
    while True:
        screen = client.capture()
        now_ns = time.time_ns()
        captures += 1
        if returned_ns is None and run.poll() is not None:
            returned_ns = now_ns
        lines = [line for line in screen.splitlines() if named.search(line)]
        if lines and first_ns is None:
            first_ns = now_ns
        if any(running in line for line in lines):
            break
        if (now_ns - call_ns) / 1e9 > timeout:
            print(f"--- last screen of {name} ---\n{screen}---", file=sys.stderr)
            raise SystemExit(f"{name}: {probe} not on screen as '{running}' {timeout:.0f} s after docker run "
                             "(BENCH_PROBE_TIMEOUT)")
        previous_ns = now_ns
        time.sleep(0.0005)  # leave the cores to the tool and the engine between captures
    if run.wait(timeout=60) != 0:
        raise SystemExit(f"{name}: docker run {probe} failed: {run.stderr.read().decode().strip()}")
    if returned_ns is None:
        returned_ns = time.time_ns()
    if screens:
        with open(os.path.join(screens, f"screen-{name}-{probe}.txt"), "w") as f:
            f.write(screen)
    return {"name": probe, "call_ns": call_ns, "first_ns": first_ns, "previous_ns": previous_ns,
            "shown_ns": now_ns, "returned_ns": returned_ns, "captures": captures}


def start_events(since, names):
    """The engine's `start` event (timeNano) of each of names: from BENCH_EVENTS_FILE when it is set
    (a live `docker events --format '{{json .}}'` file: under churn, `docker events --since` replays
    only the engine's last 256 events), else from the engine."""
    live = os.environ.get("BENCH_EVENTS_FILE")
    if live:
        started = {}
        for probe, action, nano in container_events(live, "a-probe-"):
            if action == "start" and probe in names and probe not in started:
                started[probe] = nano
        missing = sorted(set(names) - set(started))
        if missing:
            raise SystemExit(f"no start event for {' '.join(missing)} in {live}")
        return started
    events = subprocess.run(
        ["docker", "events", "--since", f"{since:.3f}", "--until", f"{time.time() + 1:.3f}", "--filter",
         "type=container", "--filter", "event=start", "--format", "{{.Actor.Attributes.name}} {{.TimeNano}}"],
        check=True, capture_output=True, text=True, timeout=60).stdout
    started = {}
    for line in events.splitlines():
        probe, _, nano = line.partition(" ")
        if probe in names and probe not in started:
            started[probe] = int(nano)
    missing = sorted(set(names) - set(started))
    if missing:
        raise SystemExit(f"no start event for {' '.join(missing)}")
    return started


def probes(out, sock, name, count, timeout, running, screens=None):
    client = ControlClient(sock, name)
    try:
        trips = []
        for _ in range(200):
            t = time.monotonic()
            client.capture()
            trips.append((time.monotonic() - t) * 1000)
        since = time.time() - 1
        samples = []
        for k in range(1, count + 1):
            time.sleep(1)
            samples.append(probe_once(client, name, f"a-probe-{k}", timeout, running, screens))
            s = samples[-1]
            print(f"==> {name}: {s['name']} on screen running {(s['shown_ns'] - s['call_ns']) / 1e6:.1f} ms after the "
                  f"docker run call ({s['captures']} captures, the last {(s['shown_ns'] - s['previous_ns']) / 1e6:.2f}"
                  f" ms)", file=sys.stderr)
    finally:
        client.close()
    started = start_events(since, {s["name"] for s in samples})
    for s in samples:
        s["start_ns"] = started[s["name"]]
        print(f"==> {name}: {s['name']}: engine start event → on screen running "
              f"{(s['shown_ns'] - s['start_ns']) / 1e6:.1f} ms, → first on screen "
              f"{(s['first_ns'] - s['start_ns']) / 1e6:.1f} ms, → docker run returned "
              f"{(s['returned_ns'] - s['start_ns']) / 1e6:.1f} ms", file=sys.stderr)
    with open(out, "w") as f:
        json.dump({"capture_round_trip_ms": median(trips), "probes": samples}, f)


# --- the logs view ---------------------------------------------------------------------------------

SEQ = re.compile(r"\bseq (\d+)\b")


def engine_log_times(container):
    """seq number -> the timestamp (wall-clock ns) the engine gave that line, from `docker logs -t`."""
    out = subprocess.run(["docker", "logs", "--timestamps", container], check=True, capture_output=True,
                         timeout=120).stdout.decode("utf-8", "replace")
    times = {}
    for line in out.splitlines():
        stamp, _, text = line.partition(" ")
        m = SEQ.search(text)
        if m:
            times[int(m.group(1))] = wall_ns(stamp)
    return times


def wall_ns(stamp):
    """RFC 3339 with nanoseconds (2026-12-02T07:50:44.123456789Z) -> ns since the epoch, UTC."""
    whole, _, fraction = stamp.rstrip("Z").partition(".")
    seconds = calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S"))
    return int(seconds) * 1_000_000_000 + int((fraction + "000000000")[:9])


def logs(out, sock, name, tool, container, seconds):
    """The logs view following `container` (which prints `seq N` lines): for SECONDS, the pane is
    read every 2 ms; each line's latency = the end of the first capture whose newest `seq` is at or
    past it - the engine's timestamp of that line. And the tool's CPU over the window."""
    client = ControlClient(sock, name)
    seen = []  # (capture end ns, newest seq on screen)
    try:
        before, t0 = ticks([tool]), time.monotonic()
        while time.monotonic() - t0 < seconds:
            screen = client.capture()
            now_ns = time.time_ns()
            numbers = [int(n) for n in SEQ.findall(screen)]
            if numbers:
                seen.append((now_ns, max(numbers)))
            time.sleep(0.002)
        elapsed = time.monotonic() - t0
        cpu_pct = 100 * (ticks([tool]) - before) / HZ / elapsed
        last_screen = screen
    finally:
        client.close()
    if len(seen) < 2:
        print(f"--- last screen of {name} ---\n{last_screen}---", file=sys.stderr)
        raise SystemExit(f"{name}: the logs view showed no `seq` lines of {container}")
    written = engine_log_times(container)
    first_seq, last_seq = seen[0][1] + 1, seen[-1][1]
    latencies, k = [], 0
    for n in range(first_seq, last_seq + 1):
        while seen[k][1] < n:
            k += 1
        if n in written:
            latencies.append((seen[k][0] - written[n]) / 1e6)
    span = [written[n] for n in (first_seq, last_seq) if n in written]
    rate = (last_seq - first_seq) / ((span[1] - span[0]) / 1e9) if len(span) == 2 and span[1] > span[0] else None
    result = {"seconds": elapsed, "cpu_pct": cpu_pct, "captures": len(seen), "lines": len(latencies),
              "rate_lines_per_s": rate, "latency_median_ms": median(latencies),
              "latency_p99_ms": percentile(latencies, 0.99), "latency_max_ms": max(latencies, default=None),
              "rss_mib": rss_mib(tool)}
    with open(out, "w") as f:
        json.dump(result, f)
    print(f"==> {name}: following {container} at {fmt(rate, 0)} lines/s: CPU {cpu_pct:.2f} % of a core; newest "
          f"line on screen {fmt(result['latency_median_ms'])} ms (median) / {fmt(result['latency_p99_ms'])} ms "
          f"(p99) after the engine's timestamp, {len(latencies)} lines", file=sys.stderr)


def logs_volume(out, sock, name, tool, container, last, timeout):
    """RSS of the tool before and after its logs view followed `container` through `last` lines:
    the container waits for /tmp/go (touched here by `docker exec`), then prints `seq 1 LAST`."""
    client = ControlClient(sock, name)
    try:
        rss_before = rss_mib(tool)
        subprocess.run(["docker", "exec", container, "touch", "/tmp/go"], check=True, timeout=60)
        t0 = time.monotonic()
        pattern = re.compile(r"(?<!\d)" + str(last) + r"(?!\d)")
        while True:
            screen = client.capture()
            if pattern.search(screen):
                break
            if time.monotonic() - t0 > timeout:
                print(f"--- last screen of {name} ---\n{screen}---", file=sys.stderr)
                raise SystemExit(f"{name}: line {last} of {container} not on screen after {timeout:.0f} s")
            time.sleep(0.05)
        took = time.monotonic() - t0
    finally:
        client.close()
    with open(f"/proc/{tool}/status") as f:
        peak = next((int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:")), None)
    result = {"lines": last, "seconds": took, "rss_before_mib": rss_before, "rss_after_mib": rss_mib(tool),
              "rss_peak_mib": peak}
    with open(out, "w") as f:
        json.dump(result, f)
    print(f"==> {name}: {last:,} lines followed in {took:.1f} s; RSS {fmt(rss_before)} -> "
          f"{fmt(result['rss_after_mib'])} MiB (peak {fmt(peak)} MiB)", file=sys.stderr)


# --- the report -----------------------------------------------------------------------------------

def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def verdict(value, limit):
    return "-" if value is None else ("met" if value < limit else "MISSED")


class Idle:
    """The idle windows: each tool's, and the baselines with no dashboard (before, between, after)."""

    def __init__(self, work):
        self.tools = {t: load(os.path.join(work, f"idle-{t}.json")) for t in TOOLS}
        self.baselines = [load(p) for p in sorted(glob.glob(os.path.join(work, "idle-baseline-*.json")))]

    def own(self, tool, key):
        window = self.tools[tool]
        return None if window is None else window["pct"][key]

    def base(self, keys):
        return [sum(b["pct"][k] for k in keys) for b in self.baselines]

    def added(self, tool, keys):
        """The tool's window less the mean of the baselines, and whether it is within their spread."""
        window, base = self.tools[tool], self.base(keys)
        if window is None or not base:
            return None, None
        value = sum(window["pct"][k] for k in keys) - sum(base) / len(base)
        return value, abs(value) <= max(base) - min(base)

    def added_cell(self, tool, keys):
        value, noise = self.added(tool, keys)
        if value is None:
            return "-"
        return f"{value:+.2f} % (within noise)" if noise else f"{value:+.2f} %"

    def added_verdict(self, tool, keys, limit):
        value, noise = self.added(tool, keys)
        base = self.base(keys)
        if value is None:
            return "-"
        if max(base) - min(base) >= limit:
            return "cannot tell: the baselines' spread is at least the target"
        return "met" if noise or value < limit else "MISSED"

    def baseline_cell(self, keys):
        base = self.base(keys)
        if not base:
            return "-"
        return f"{' / '.join(f'{v:.2f}' for v in base)} % (spread {max(base) - min(base):.2f})"


def report(work, containers, idle_seconds, probe_count, tui_version, ld_version):
    g, lz = TOOLS
    probes_of = {t: load(os.path.join(work, f"probes-{t}.json")) for t in TOOLS}

    def series(tool, since, until="shown_ns"):
        data = probes_of[tool]
        return [] if data is None else [(p[until] - p[since]) / 1e6 for p in data["probes"]]

    def each(values):
        return " ".join(f"{v:.1f}" for v in values) or "-"

    def both(f):
        return [f(g), f(lz)]

    def resolution(values):
        return f"{fmt(median(values), 2)} / {fmt(percentile(values, 1), 2)} ms"

    idle = Idle(work)
    engine = ("dockerd", "containerd")
    # With the CPU/memory columns on (`c` in BENCH_TUI_KEYS) the idle targets are issue 15's, for a
    # dashboard that samples; off, issue 5's.
    columns = "c" in os.environ.get("BENCH_TUI_KEYS", "")
    idle_target, rss_target = (1, None) if columns else (0.5, 40)
    render = load(os.path.join(work, "render.json"))
    on_screen = {t: median(series(t, "start_ns")) for t in TOOLS}
    frame = render["changed"]["median_ms"] if render else None
    rows = [
        [f"new container on screen as running after the engine's `start` event (its timeNano), median of "
         f"{probe_count}"]
        + both(lambda t: fmt(on_screen[t], 1, " ms")) + [f"< {ON_SCREEN_TARGET_MS} ms",
                                                          verdict(on_screen[g], ON_SCREEN_TARGET_MS)],
        ["… max"] + both(lambda t: fmt(percentile(series(t, "start_ns"), 1), 1, " ms")) + ["", ""],
        ["… each, ms"] + both(lambda t: each(series(t, "start_ns"))) + ["", ""],
        ["on screen as running after the `docker run -d` call began (create + start + the tool), median"]
        + both(lambda t: fmt(median(series(t, "call_ns")), 1, " ms")) + ["", ""],
        ["… of which the engine: the call → its `start` event, median"]
        + both(lambda t: fmt(median(series(t, "call_ns", "start_ns")), 1, " ms")) + ["", ""],
        ["(`docker run -d` seen to return after the `start` event, median)"]
        + both(lambda t: fmt(median(series(t, "start_ns", "returned_ns")), 1, " ms")) + ["", ""],
        ["first on screen in any state (a tool may list it created) after the `start` event, median"]
        + both(lambda t: fmt(median(series(t, "start_ns", "first_ns")), 1, " ms")) + ["", ""],
        ["screen poll: the capture that first showed each probe running (the resolution), median / max"]
        + both(lambda t: resolution(series(t, "previous_ns"))) + ["", ""],
        ["screen poll: capture round trip (tmux control client) before the probes, median"]
        + both(lambda t: fmt(probes_of[t] and probes_of[t]["capture_round_trip_ms"], 2, " ms")) + ["", ""],
        [f"idle CPU, the tool itself (% of one core, {idle_seconds} s)"]
        + both(lambda t: fmt(idle.own(t, "tool"), 2, " %"))
        + [f"< {idle_target} %", verdict(idle.own(g, "tool"), idle_target)],
        ["added to dockerd + containerd (main processes), against the mean of the baselines"]
        + both(lambda t: idle.added_cell(t, engine))
        + [f"< {idle_target} %", idle.added_verdict(g, engine, idle_target)],
        ["… the baselines with no dashboard, in run order (before, between and after the tools)"]
        + [idle.baseline_cell(engine), ""] + ["", ""],
        ["… of which dockerd"] + both(lambda t: idle.added_cell(t, ("dockerd",))) + ["", ""],
        ["… of which containerd"] + both(lambda t: idle.added_cell(t, ("containerd",))) + ["", ""],
        [f"added to the {containers} containerd-shims (not in the target)"]
        + both(lambda t: idle.added_cell(t, ("shims",))) + ["", ""],
        ["… the baselines"] + [idle.baseline_cell(("shims",)), ""] + ["", ""],
        ["tmux server drawing the tool's output"] + both(lambda t: fmt(idle.own(t, "tmux"), 2, " %")) + ["", ""],
        ["other processes on the machine during the window"]
        + both(lambda t: fmt(idle.own(t, "others"), 2, " %")) + ["", ""],
        ["RSS (VmRSS) after the idle window"]
        + both(lambda t: fmt(idle.tools[t] and idle.tools[t]["rss_mib"], 1, " MiB"))
        + ([f"< {rss_target} MiB", verdict(idle.tools[g] and idle.tools[g]["rss_mib"], rss_target)] if rss_target
           else ["", ""]),
    ]
    followed = load(os.path.join(work, f"logs-{g}.json"))
    volume = load(os.path.join(work, f"logs-volume-{g}.json"))
    if followed:
        rows += [
            [f"logs view following {fmt(followed['rate_lines_per_s'], 0)} lines/s: the dashboard's CPU "
             f"({followed['seconds']:.0f} s)", fmt(followed["cpu_pct"], 2, " %"), "n/a", f"< {LOGS_CPU_TARGET} %",
             verdict(followed["cpu_pct"], LOGS_CPU_TARGET)],
            ["… each line on screen after the engine's timestamp of it, median "
             f"({followed['lines']:,} lines, pane read every 2 ms)", fmt(followed["latency_median_ms"], 1, " ms"),
             "n/a", f"< {LOGS_LATENCY_TARGET_MS} ms", verdict(followed["latency_median_ms"], LOGS_LATENCY_TARGET_MS)],
            ["… p99 / max", f"{fmt(followed['latency_p99_ms'], 1)} / {fmt(followed['latency_max_ms'], 1)} ms",
             "n/a", "", ""],
        ]
    if volume:
        rows += [
            [f"RSS after following {volume['lines']:,} lines (an hour at 1,000 lines/s; took "
             f"{volume['seconds']:.0f} s), before → after (peak)",
             f"{fmt(volume['rss_before_mib'], 1)} → {fmt(volume['rss_after_mib'], 1)} MiB "
             f"({fmt(volume['rss_peak_mib'], 1)})", "n/a", f"< {LOGS_RSS_TARGET_MIB} MiB",
             verdict(volume["rss_after_mib"], LOGS_RSS_TARGET_MIB)],
        ]
    if render:
        n = render["containers"]
        rows += [
            [f"a frame when a container changes: judge, filter and sort {n:,} containers, render 120×40 "
             f"(`--bench-render {n}`), median", fmt(frame, 2, " ms"), "n/a", f"< {RENDER_TARGET_MS} ms",
             verdict(frame, RENDER_TARGET_MS)],
            ["… p99 / max", f"{fmt(render['changed']['p99_ms'], 2)} / {fmt(render['changed']['max_ms'], 2)} ms",
             "n/a", "", ""],
            ["… of which judge, filter and sort, median", fmt(render["judge_sort"]["median_ms"], 2, " ms"),
             "n/a", "", ""],
            ["… of which render, median", fmt(render["render"]["median_ms"], 2, " ms"), "n/a", "", ""],
            ["a frame when only the selection moves (the cached table, rendered), median",
             fmt(render["unchanged"]["median_ms"], 2, " ms"), "n/a", "", ""],
        ]
    print(table(["metric", g, lz, "target", g], rows))
    print()
    if render:
        print(f"The frames of `--bench-render` are timed without a terminal: {render['frames']} frames of "
              f"{render['containers']:,} containers, each with its own ID, name, image reference and image ID "
              f"({render['running']:,} running and shown: {render['allowed']:,} allowed, "
              f"{render['violating']:,} violating), to a {render['width']}×{render['height']} grid of cells; "
              "writing the cells to the terminal is not in them (it is in the on-screen latency above).")
    else:
        print("`--bench-render`: not run or no JSON (see the progress above).")
    b = idle.baselines
    print(f"Idle: {idle_seconds} s windows after settling; {len(b)} baselines with no dashboard; a difference "
          "within the baselines' spread (max − min) is reported as within noise.")
    print(f"{containers} running containers (busybox:local, --network none); {os.cpu_count()} cores (load average "
          f"{' '.join(open('/proc/loadavg').read().split()[:3])}); dockerguard-tui {tui_version}; lazydocker "
          f"{ld_version}; CPU from utime+stime in /proc/PID/stat (all threads). "
          f"`BENCH_CONTAINERS={containers} BENCH_IDLE_SECONDS={idle_seconds} BENCH_PROBES={probe_count} "
          "scripts/bench-tui`.")


def main(argv):
    command = argv[1] if len(argv) > 1 else ""
    if command == "idle" and len(argv) in (7, 9):
        idle(argv[2], float(argv[3]), int(argv[4]), int(argv[5]), argv[6],
             *(int(v) for v in argv[7:9]))
    elif command == "probes" and len(argv) in (8, 9):
        probes(argv[2], argv[3], argv[4], int(argv[5]), float(argv[6]), argv[7], *argv[8:9])
    elif command == "logs" and len(argv) == 8:
        logs(argv[2], argv[3], argv[4], int(argv[5]), argv[6], float(argv[7]))
    elif command == "logs-volume" and len(argv) == 9:
        logs_volume(argv[2], argv[3], argv[4], int(argv[5]), argv[6], int(argv[7]), float(argv[8]))
    elif command == "report" and len(argv) == 8:
        report(argv[2], int(argv[3]), int(argv[4]), int(argv[5]), argv[6], argv[7])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
