#!/usr/bin/env python3
"""The measuring half of scripts/bench-scale (which starts and stops things). Each command but
`report` prints one JSON object on stdout; the script collects them, one a line, in
WORK/results.jsonl (with the N and rate it ran at), and `report` turns that file into tables.

    scale-measure.py ready URL T0         poll URL (/readyz) every 5 ms until 200: {"ms"} since T0
                                          (seconds since the epoch, when the guard was started)
    scale-measure.py floor SOCKET         the engine's own list, and list + inspect of every running
                                          container 32 at a time (what a sync asks): {"list_ms",
                                          "list_inspect_ms", "containers"}
    scale-measure.py watch URL SOCKET CLIENTS SECONDS PID
                                          CLIENTS watch streams (URL?watch=true) and the engine's own
                                          /events for SECONDS: per (client, container started
                                          meanwhile), the time from the engine's `start` event
                                          reaching this process to the client's first `change`
                                          showing it running; and the spread between the first and
                                          the last client for each change; PID's CPU (% of a
                                          core) from the moment every client has its sync
    scale-measure.py survival EVENTS      `docker events --format '{{json .}}'` lines -> survival
                                          (start -> first die/destroy) of victim-guard-* and
                                          victim-ref-*
    scale-measure.py dashboard PROBES RENDER C0 C1 T0 T1
                                          the dashboard's record: PROBES (tui-measure.py probes) ->
                                          engine start -> on screen running, median and max; its
                                          CPU C0..C1 s over T0..T1; RENDER (--bench-render N)
    scale-measure.py report RESULTS DAT   the markdown tables on stdout; DAT: gnuplot's data
Python 3 standard library only.
"""
import http.client
import json
import os
import select
import socket
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ for benchkit
from benchkit import container_events, fmt, median, percentile, table

API = "/v1.41"


def unix_get(path, url):
    conn = http.client.HTTPConnection("docker", timeout=120)
    conn.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.sock.connect(path.removeprefix("unix://"))
    conn.request("GET", API + url)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {url}: {response.status}")
    return data


def ready(url, t0):
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        time.sleep(0.005)
    print(json.dumps({"ms": round((time.time() - t0) * 1000, 1)}))


def floor(path):
    t0 = time.monotonic()
    ids = [c["Id"] for c in json.loads(unix_get(path, "/containers/json"))]
    t1 = time.monotonic()
    todo = list(ids)
    lock = threading.Lock()

    def loop():
        while True:
            with lock:
                if not todo:
                    return
                cid = todo.pop()
            unix_get(path, f"/containers/{cid}/json")
    threads = [threading.Thread(target=loop) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t2 = time.monotonic()
    print(json.dumps({"list_ms": round((t1 - t0) * 1000, 1), "list_inspect_ms": round((t2 - t0) * 1000, 1),
                      "containers": len(ids)}))


def open_stream(host, port, target, unix_path=None):
    if unix_path:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(unix_path)
    else:
        s = socket.create_connection((host, port))
    s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    s.setblocking(False)
    return s


class Reader:
    """A streamed HTTP/1.1 answer: its head, then the body de-chunked into lines."""

    def __init__(self, sock):
        self.sock, self.raw, self.body, self.head_done, self.chunked = sock, b"", b"", False, False

    def feed(self):
        data = self.sock.recv(1 << 20)
        if not data:
            raise EOFError
        self.raw += data
        if not self.head_done:
            if b"\r\n\r\n" not in self.raw:
                return []
            head, self.raw = self.raw.split(b"\r\n\r\n", 1)
            self.head_done, self.chunked = True, b"chunked" in head.lower()
        if self.chunked:
            while b"\r\n" in self.raw:
                size_line, rest = self.raw.split(b"\r\n", 1)
                size = int(size_line.split(b";")[0], 16)
                if len(rest) < size + 2:
                    break
                self.body += rest[:size]
                self.raw = rest[size + 2:]
        else:
            self.body, self.raw = self.body + self.raw, b""
        *lines, self.body = self.body.split(b"\n")
        return lines


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def watch(url, engine_path, clients, seconds, pid):
    parsed = urllib.parse.urlsplit(url)
    filters = urllib.parse.quote('{"type":["container"],"event":["start"]}', safe="")
    engine = Reader(open_stream("docker", 0, f"{API}/events?filters={filters}", engine_path.removeprefix("unix://")))
    readers = {engine.sock: engine}
    state = {}
    for i in range(clients):
        r = Reader(open_stream(parsed.hostname, parsed.port, parsed.path + "?watch=true"))
        readers[r.sock], state[r.sock] = r, {"i": i, "event": None, "seen": {}, "synced": False}
    started = {}   # container ID -> when its engine `start` event arrived here
    first_seen = {}  # container ID -> [arrival at each client]
    latencies, changes, dropped = [], 0, 0
    end = time.monotonic() + seconds
    cpu_from = None  # (time, CPU seconds) once every client has its sync
    while (left := end - time.monotonic()) > 0:
        ready_socks, _, _ = select.select(list(readers), [], [], left)
        now = time.monotonic()
        for s in ready_socks:
            r = readers[s]
            try:
                lines = r.feed()
            except (EOFError, OSError):
                del readers[s]
                dropped += s is not engine.sock
                continue
            for line in lines:
                if r is engine:
                    if line.strip():
                        started.setdefault(json.loads(line)["id"], now)
                    continue
                st = state[s]
                if line.startswith(b"event:"):
                    st["event"] = line[6:].strip().decode()
                elif line.startswith(b"data:") and st["event"] in ("sync", "change"):
                    data = json.loads(line[5:])
                    items = data.get("data", []) if st["event"] == "sync" else data.get("changed", [])
                    st["synced"] |= st["event"] == "sync"
                    if cpu_from is None and all(x["synced"] for x in state.values()):
                        cpu_from = (time.monotonic(), cpu_seconds(pid))
                    changes += st["event"] == "change"
                    for item in items:
                        cid = item.get("container_id")
                        if item.get("state") == "running" and cid not in st["seen"]:
                            st["seen"][cid] = now
                            if st["event"] == "change" and cid in started:
                                latencies.append((now - started[cid]) * 1000)
                                first_seen.setdefault(cid, []).append(now)
    cpu_pct = None
    if cpu_from:
        cpu_pct = (cpu_seconds(pid) - cpu_from[1]) / (time.monotonic() - cpu_from[0]) * 100
    spreads = [(max(t) - min(t)) * 1000 for t in first_seen.values() if len(t) == clients]
    print(json.dumps({
        "clients": clients, "synced": sum(st["synced"] for st in state.values()), "dropped": dropped,
        "starts": len(started), "changes_per_client": round(changes / max(1, clients), 1),
        "latency_p50_ms": percentile(latencies, 0.5), "latency_p99_ms": percentile(latencies, 0.99),
        "spread_p50_ms": percentile(spreads, 0.5), "spread_p99_ms": percentile(spreads, 0.99),
        "seen_by_all": len(spreads), "cpu_pct": cpu_pct}))


def survival(path):
    start, end = {}, {}
    for name, action, t in container_events(path, "victim-"):
        if action == "start" and name not in start:
            start[name] = t
        elif action in ("die", "destroy") and name in start and name not in end:
            end[name] = t
    result = {}
    for kind in ("guard", "ref"):
        names = [n for n in start if n.startswith(f"victim-{kind}-")]
        values = [(end[n] - start[n]) / 1e6 for n in names if n in end]
        result[kind] = {"started": len(names), "ended": len(values), "median_ms": median(values),
                        "p90_ms": percentile(values, 0.9)}
    print(json.dumps(result))


def dashboard(probes_path, render_path, c0, c1, t0, t1):
    """The dashboard's probes (tui-measure.py probes), its CPU over their window and its render
    benchmark at N, as one JSON record on stdout."""
    samples = json.load(open(probes_path))["probes"]
    on_screen = sorted((s["shown_ns"] - s["start_ns"]) / 1e6 for s in samples)
    render = json.load(open(render_path))
    print(json.dumps(dict(
        probes=len(samples), on_screen_median_ms=median(on_screen), on_screen_max_ms=on_screen[-1],
        cpu_pct=(c1 - c0) / (t1 - t0) * 100, frame_changed_ms=render["changed"]["median_ms"])))


def report(path, dat):
    records = [json.loads(line) for line in open(path) if line.strip()]
    by = {}
    for r in records:
        by.setdefault(r["what"], []).append(r)

    def one(what, **keys):
        for r in by.get(what, []):
            if all(r.get(k) == v for k, v in keys.items()):
                return r
        return None

    sizes = [r["n"] for r in by.get("fill", [])]
    rows = []
    for n in sizes:
        f, s, fl = one("fill", n=n), one("sync", n=n), one("floor", n=n)
        rows.append([n, f["running"], fmt(f["seconds"], 1), fmt(fl and fl["list_ms"], 1),
                     fmt(fl and fl["list_inspect_ms"], 0), fmt(s and s["ms"], 0), fmt(s and s["rss_mib"], 1),
                     fmt(s and s["idle_cpu_pct"], 2)])
    print("### First sync and memory\n")
    print(table(["N wanted", "running", "fill s", "engine list ms", "engine list + inspect all (32 in flight) ms",
                 "dockerguard start -> /readyz 200 ms", "RSS MiB after sync", "idle CPU % of a core"], rows))

    rows = []
    for r in by.get("churn", []):
        per = r["cpu_s"] / r["events"] * 1e6 if r["events"] else None
        rows.append([r["n"], r["rate"], fmt(r["achieved_per_s"], 1), r["events"], fmt(r["cpu_s"], 2),
                     fmt(per, 0), fmt(r["cpu_s"] / r["seconds"] * 100, 1), r["errors"]])
    print("\n### CPU per engine event under churn\n")
    print(table(["N", "churn asked /s", "starts achieved /s", "container events", "dockerguard CPU s",
                 "CPU µs / event", "CPU % of a core", "churn errors"], rows))

    rows = []
    for r in by.get("wrk", []):
        ratio = r["guard_p99"] / r["nginx_p99"] if r["guard_p99"] and r["nginx_p99"] else None
        rows.append([r["n"], r["rate"], r["bytes"], fmt(r["guard_rps"], 0), fmt(r["guard_p50"], 2),
                     fmt(r["guard_p99"], 2), fmt(r["nginx_rps"], 0), fmt(r["nginx_p50"], 2), fmt(r["nginx_p99"], 2),
                     fmt(ratio, 2)])
    print("\n### `/containers` while churning, against nginx serving the same body\n")
    print(table(["N", "churn /s", "body B", "dockerguard req/s", "p50 ms", "p99 ms", "nginx req/s", "p50 ms",
                 "p99 ms", "p99 dockerguard / nginx"], rows))

    rows = []
    for r in by.get("survival", []):
        g, ref = r["guard"], r["ref"]
        ratio = g["median_ms"] / ref["median_ms"] if g["median_ms"] and ref["median_ms"] else None
        rows.append([r["n"], r["rate"], f"{g['ended']}/{g['started']}", fmt(g["median_ms"], 1), fmt(g["p90_ms"], 1),
                     f"{ref['ended']}/{ref['started']}", fmt(ref["median_ms"], 1), fmt(ref["p90_ms"], 1),
                     fmt(ratio, 2)])
    print("\n### Survival of disallowed containers started during churn (dockerguard kill vs the reference, "
          "interleaved)\n")
    print(table(["N", "churn /s", "dockerguard killed", "median ms", "p90 ms", "reference killed", "median ms",
                 "p90 ms", "median dockerguard / reference"], rows))

    rows = []
    for r in by.get("watch", []):
        rows.append([r["n"], r["rate"], f"{r['synced']}/{r['clients']}", r["dropped"], r["starts"],
                     fmt(r["cpu_pct"], 1), fmt(r["base_cpu_pct"], 1), fmt(r["latency_p50_ms"], 1),
                     fmt(r["latency_p99_ms"], 1), fmt(r["spread_p50_ms"], 1), fmt(r["spread_p99_ms"], 1)])
    print("\n### Watching clients\n")
    print(table(["N", "churn /s", "clients synced", "dropped", "starts", "dockerguard CPU % (watched)",
                 "same churn unwatched %", "engine start -> client p50 ms", "p99 ms",
                 "first -> last client p50 ms", "p99 ms"], rows))

    rows = []
    for r in by.get("dash", []):
        rows.append([r["n"], r["rate"], r["probes"], fmt(r["on_screen_median_ms"], 1), fmt(r["on_screen_max_ms"], 1),
                     fmt(r["cpu_pct"], 1), fmt(r["frame_changed_ms"], 2)])
    print("\n### The dashboard (dockerguard-tui in tmux, 200x50) while churning\n")
    print(table(["N", "churn /s", "new containers", "engine start -> on screen running, median ms", "max ms",
                 "dashboard CPU % of a core", "a changed frame of N rows (--bench-render N), median ms"], rows))

    with open(dat, "w") as out:
        rates = sorted({r["rate"] for r in by.get("churn", [])})
        out.write("# N first_sync_ms " + " ".join(f"us_per_event_at_{x}" for x in rates) + "\n")
        for n in sizes:
            s = one("sync", n=n)
            cells = [str(n), str(s["ms"] if s else "NaN")]
            for x in rates:
                r = one("churn", n=n, rate=x)
                cells.append(str(r["cpu_s"] / r["events"] * 1e6) if r and r["events"] else "NaN")
            out.write(" ".join(cells) + "\n")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "ready" and len(argv) == 4:
        ready(argv[2], float(argv[3]))
    elif cmd == "floor" and len(argv) == 3:
        floor(argv[2])
    elif cmd == "watch" and len(argv) == 7:
        watch(argv[2], argv[3], int(argv[4]), float(argv[5]), int(argv[6]))
    elif cmd == "survival" and len(argv) == 3:
        survival(argv[2])
    elif cmd == "dashboard" and len(argv) == 8:
        dashboard(argv[2], argv[3], *(float(x) for x in argv[4:8]))
    elif cmd == "report" and len(argv) == 4:
        report(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main(sys.argv)
