#!/usr/bin/env python3
"""The measuring half of scripts/bench-scale (which starts and stops things). Each command but
`report` prints one JSON object on stdout; the script collects them, one a line, in
WORK/results.jsonl (with the N and rate it ran at), and `report` turns that file into tables.

    scale-measure.py ready URL T0         poll URL (/readyz) every 5 ms until 200: {"ms"} since T0
                                          (seconds since the epoch, when the guard was started)
    scale-measure.py floor SOCKET         the engine's own list, and list + inspect of every running
                                          container 32 at a time (what a sync asks): {"list_ms",
                                          "list_inspect_ms", "containers"}
    scale-measure.py watch URL SOCKET CLIENTS SECONDS PID RATE
                                          CLIENTS watch streams (URL?watch=true) and the engine's own
                                          /events; once every client has its sync (how long that
                                          took is reported), a churn at RATE a second for SECONDS
                                          (scale-load.py) and, per (client, container it started),
                                          the time from the engine's `start` event reaching this
                                          process, and from the store publishing it (the event's
                                          `stored_at`), to the client's first `change` showing it
                                          running; the spread between the first and the last
                                          client for each change; PID's CPU (% of a core) over
                                          the churn
    scale-measure.py watch-serve BINARY N CLIENTS RATE SECONDS
                                          the same without an engine: BINARY (dockerguard-bench-
                                          scale --watch-serve) serves N synthetic containers and
                                          makes RATE changes a second once CLIENTS follow; store ->
                                          client socket (the kernel's stamp) and store -> read
                                          latency per (client, change), the spread over the
                                          clients, the server's CPU (CLIENTS 0: the
                                          same changes with nobody watching, the baseline)
    scale-measure.py send-floor CLIENTS RATE SECONDS BYTES
                                          the floor under any fan-out: a bare writer sending
                                          BYTES RATE times a second down CLIENTS loopback TCP
                                          connections; its CPU, and send -> socket and send ->
                                          read latency, read as watch-serve reads
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
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ for benchkit
from benchkit import container_events, fmt, median, percentile, table

API = "/v1.41"
HERE = os.path.dirname(os.path.abspath(__file__))
SYNC_LIMIT_S = 120  # for every watcher to get its sync before the churn starts


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


# Linux's SO_TIMESTAMPNS (the Python module does not name it): the kernel stamps each received
# segment with the wall-clock time it reached the socket, and recvmsg hands the last one over.
SO_TIMESTAMPNS = 35
STAMP_SPACE = socket.CMSG_SPACE(16)  # a struct timespec


def stamp_arrivals(sock):
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    except OSError:
        pass  # no stamps: `arrived` stays None


def recv_stamped(sock, size):
    """(bytes, the wall-clock time the last of them reached the socket, or None)."""
    data, ancillary, _, _ = sock.recvmsg(size, STAMP_SPACE)
    for level, kind, value in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(value) >= 16:
            seconds, nanos = struct.unpack("qq", value[:16])
            return data, seconds + nanos / 1e9
    return data, None


class Reader:
    """A streamed HTTP/1.1 answer: its head, then the body de-chunked into lines. `arrived` is
    when the bytes of the last read reached the socket (the kernel's stamp): unlike the time this
    process got round to reading them, it does not count this process's own scheduling."""

    def __init__(self, sock):
        self.sock, self.raw, self.head_done, self.chunked = sock, b"", False, False
        self.status = None
        # The de-chunked body not yet split into lines, and how far it is known to hold no newline:
        # a sync of thousands of containers is one line of megabytes, read in many pieces.
        self.body, self.scanned = bytearray(), 0
        self.arrived = None
        stamp_arrivals(sock)

    def feed(self):
        data, self.arrived = recv_stamped(self.sock, 1 << 20)
        if not data:
            raise EOFError
        self.raw += data
        if not self.head_done:
            if b"\r\n\r\n" not in self.raw:
                return []
            head, self.raw = self.raw.split(b"\r\n\r\n", 1)
            self.head_done, self.chunked = True, b"chunked" in head.lower()
            self.status = int(head.split(b" ", 2)[1])
        if self.chunked:
            start = 0
            while True:
                end = self.raw.find(b"\r\n", start)
                if end < 0:
                    break
                size = int(self.raw[start:end].split(b";")[0], 16)
                if len(self.raw) - (end + 2) < size + 2:
                    break
                self.body += self.raw[end + 2:end + 2 + size]
                start = end + 2 + size + 2
            self.raw = self.raw[start:]
        else:
            self.body += self.raw
            self.raw = b""
        last = self.body.rfind(b"\n", self.scanned)
        if last < 0:
            self.scanned = len(self.body)
            return []
        lines = bytes(self.body[:last]).split(b"\n")
        del self.body[:last + 1]
        self.scanned = 0
        return lines


def read_ready(readers, socks):
    """Reads every ready socket before any is worked on, so that no client's bytes wait in its
    socket while this process decodes another's: [(socket, lines)], and the sockets that ended
    (taken out of `readers`)."""
    batch, ended = [], []
    for s in socks:
        try:
            batch.append((s, readers[s].feed()))
        except (EOFError, OSError):
            del readers[s]
            ended.append(s)
    return batch, ended


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")



def watch(url, engine_path, clients, seconds, pid, rate):
    """CLIENTS watch streams; once every one has its sync (up to SYNC_LIMIT_S), a churn at RATE
    for SECONDS (scale-load.py, started here), measured until it ends."""
    parsed = urllib.parse.urlsplit(url)
    filters = urllib.parse.quote('{"type":["container"],"event":["start"]}', safe="")
    engine = Reader(open_stream("docker", 0, f"{API}/events?filters={filters}", engine_path.removeprefix("unix://")))
    readers = {engine.sock: engine}
    state = {}
    connect_t0 = time.monotonic()
    for i in range(clients):
        r = Reader(open_stream(parsed.hostname, parsed.port, parsed.path + "?watch=true"))
        readers[r.sock], state[r.sock] = r, {"event": None, "seen": set(), "synced": False}
    started = {}     # container ID -> when its engine `start` event arrived here (monotonic)
    first_seen = {}  # container ID -> [arrival at each client]
    latencies, stored, arrived, changes, dropped = [], [], [], 0, 0
    all_synced_s, cpu_from, churn = None, None, None
    deadline = time.monotonic() + SYNC_LIMIT_S
    while time.monotonic() < deadline:
        ready_socks, _, _ = select.select(list(readers), [], [], max(0.0, deadline - time.monotonic()))
        # Arrival is when select woke, for everything read in this wake.
        now, wall = time.monotonic(), time.time()
        batch, ended = read_ready(readers, ready_socks)
        dropped += sum(s is not engine.sock for s in ended)
        # The engine's own start events first: a client's news of a container in the same wake counts.
        batch.sort(key=lambda b: b[0] is not engine.sock)
        for s, lines in batch:
            r = readers.get(s)
            if r is None:
                continue
            for line in lines:
                if r is engine:
                    if line.strip():
                        started.setdefault(json.loads(line)["id"], now)
                    continue
                st = state[s]
                if line.startswith(b"event:"):
                    st["event"] = line[6:].strip().decode()
                elif line.startswith(b"data:") and st["event"] == "sync":
                    st["synced"] = True  # its body (N containers) is not decoded: this process's time is the clock
                elif line.startswith(b"data:") and st["event"] == "change" and churn:
                    changes += 1
                    if b'"state":"running"' not in line:
                        continue
                    data = json.loads(line[5:])
                    for item in data.get("changed", []):
                        cid = item.get("container_id")
                        if item.get("state") == "running" and cid not in st["seen"] and cid in started:
                            st["seen"].add(cid)
                            latencies.append((now - started[cid]) * 1000)
                            if data.get("stored_at"):
                                stored.append((wall - data["stored_at"]) * 1000)
                                if r.arrived:
                                    arrived.append((r.arrived - data["stored_at"]) * 1000)
                            first_seen.setdefault(cid, []).append(now)
        if churn is None and all(x["synced"] for x in state.values()):
            all_synced_s = time.monotonic() - connect_t0
            cpu_from = (time.monotonic(), cpu_seconds(pid))
            churn = subprocess.Popen([sys.executable, os.path.join(HERE, "scale-load.py"), "churn", engine_path,
                                      str(rate), str(seconds)], stdout=subprocess.DEVNULL,
                                     preexec_fn=lambda: os.nice(-os.nice(0)))  # the load at nice 0
            deadline = time.monotonic() + seconds
    cpu_pct = None
    if cpu_from:
        cpu_pct = (cpu_seconds(pid) - cpu_from[1]) / (time.monotonic() - cpu_from[0]) * 100
    if churn:
        churn.wait()
    spreads = [(max(t) - min(t)) * 1000 for t in first_seen.values() if len(t) == clients]
    print(json.dumps({
        "clients": clients, "synced": sum(st["synced"] for st in state.values()), "dropped": dropped,
        "all_synced_s": all_synced_s, "starts": len(started), "changes_per_client": round(changes / max(1, clients), 1),
        "latency_p50_ms": percentile(latencies, 0.5), "latency_p99_ms": percentile(latencies, 0.99),
        "stored_p50_ms": percentile(stored, 0.5), "stored_p99_ms": percentile(stored, 0.99),
        "stored_max_ms": max(stored) if stored else None,
        "arrived_p50_ms": percentile(arrived, 0.5), "arrived_p99_ms": percentile(arrived, 0.99),
        "spread_p50_ms": percentile(spreads, 0.5), "spread_p99_ms": percentile(spreads, 0.99),
        "seen_by_all": len(spreads), "cpu_pct": cpu_pct}))


def watch_serve(binary, n, clients, rate, seconds):
    """The fan-out without an engine: BINARY --watch-serve (dockerguard-bench-scale) serves N
    synthetic containers and makes RATE changes a second for SECONDS once CLIENTS follow; per
    (client, container seen running again), the time from the store publishing it (`stored_at`)
    to the bytes reaching the client's socket (the kernel's stamp) and to this process reading
    them; the server's CPU over the changes."""
    server = subprocess.Popen([binary, "--watch-serve", str(n), str(clients), str(rate), str(seconds)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=lambda: os.nice(-os.nice(0)))
    line = server.stdout.readline().split()
    if len(line) != 2 or line[0] != b"port":
        sys.exit(f"dockerguard-bench-scale --watch-serve printed {line!r}, not its port")
    port = int(line[1])
    readers, state = {}, {}

    def connect():
        r = Reader(open_stream("127.0.0.1", port, "/containers?watch=true"))
        readers[r.sock], state[r.sock] = r, {"event": None, "synced": False}

    for _ in range(clients):
        connect()
    stored, arrived, spreads, changes, frame_bytes = [], [], {}, 0, 0
    cpu_from = cpu_to = None
    if not clients:
        # The baseline: the same changes with nobody watching (the store's and the hub's own work).
        cpu_from = (time.monotonic(), cpu_seconds(server.pid))
        server.stdin.write(b"go\n")
        server.stdin.flush()
        while server.poll() is None:
            cpu_to = (time.monotonic(), cpu_seconds(server.pid))
            time.sleep(0.05)
    while readers:
        ready_socks, _, _ = select.select(list(readers), [], [], 30)
        if not ready_socks:
            break
        wall = time.time()
        batch, _ = read_ready(readers, ready_socks)
        for s, lines in batch:
            st = state[s]
            if readers[s].status not in (None, 200):
                # 503 until the server's watch stream has seen its store: again, as a client would.
                del readers[s], state[s]
                s.close()
                time.sleep(0.05)
                connect()
                continue
            for line in lines:
                if line.startswith(b"event:"):
                    st["event"] = line[6:].strip().decode()
                elif line.startswith(b"data:") and st["event"] == "sync":
                    st["synced"] = True
                elif line.startswith(b"data:") and st["event"] == "change":
                    changes += 1
                    frame_bytes += len(line)
                    data = json.loads(line[5:])
                    if data.get("stored_at"):
                        stored.append((wall - data["stored_at"]) * 1000)
                        if readers[s].arrived:
                            arrived.append((readers[s].arrived - data["stored_at"]) * 1000)
                        spreads.setdefault(data["version"], []).append(wall)
        if cpu_from is None and len(state) == clients and all(x["synced"] for x in state.values()):
            cpu_from = (time.monotonic(), cpu_seconds(server.pid))
            server.stdin.write(b"go\n")
            server.stdin.flush()
        if cpu_from and server.poll() is None:
            cpu_to = (time.monotonic(), cpu_seconds(server.pid))
    server.wait()
    spread = [(max(t) - min(t)) * 1000 for t in spreads.values() if len(t) == clients]
    print(json.dumps({
        "n": n, "clients": clients, "rate": rate, "seconds": seconds,
        "changes_per_client": round(changes / max(1, clients), 1),
        "change_bytes": round(frame_bytes / changes) if changes else None,
        "stored_p50_ms": percentile(stored, 0.5), "stored_p99_ms": percentile(stored, 0.99),
        "stored_max_ms": max(stored) if stored else None,
        "arrived_p50_ms": percentile(arrived, 0.5), "arrived_p99_ms": percentile(arrived, 0.99),
        "arrived_max_ms": max(arrived) if arrived else None,
        "spread_p50_ms": percentile(spread, 0.5), "spread_p99_ms": percentile(spread, 0.99),
        "cpu_pct": (cpu_to[1] - cpu_from[1]) / (cpu_to[0] - cpu_from[0]) * 100 if cpu_from and cpu_to else None}))


WRITER_NICE = 5


def send_floor(clients, rate, seconds, size):
    """The floor under any fan-out: a bare writer (this process) sending a line of SIZE bytes RATE
    times a second down each of CLIENTS loopback TCP connections, at nice 5 as the guard's API
    threads; its CPU, and the time from a round's first send to each line reaching the reading
    child's socket (the kernel's stamp) and read by it, as the watch measurer reads (one select
    loop, each line's JSON decoded)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    port = listener.getsockname()[1]
    results_r, results_w = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(results_r)
        socks = {socket.create_connection(("127.0.0.1", port)): b"" for _ in range(clients)}
        for s in socks:
            stamp_arrivals(s)
        delays, arrivals = [], []
        while socks:
            for s in select.select(list(socks), [], [], 1)[0]:
                chunk, arrived = recv_stamped(s, 1 << 16)
                if not chunk:
                    del socks[s]
                    continue
                wall = time.time()
                *lines, socks[s] = (socks[s] + chunk).split(b"\n")
                for line in lines:
                    sent_at = json.loads(line)["sent_at"]
                    delays.append((wall - sent_at) * 1000)
                    if arrived:
                        arrivals.append((arrived - sent_at) * 1000)
        os.write(results_w, json.dumps([delays, arrivals]).encode())
        os._exit(0)
    os.close(results_w)
    # The writer at the nice value of the guard's API threads (GuardProcess.apiThreadNice), the
    # reader where it was started (at -10 in bench-scale): as watch-serve's server and clients.
    os.nice(WRITER_NICE - os.nice(0))
    conns = [listener.accept()[0] for _ in range(clients)]
    for c in conns:
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sent = 0
    start, cpu0 = time.monotonic(), cpu_seconds(os.getpid())
    while time.monotonic() - start < seconds:
        head = json.dumps({"sent_at": time.time(), "pad": ""}).encode()
        line = head[:-2] + b"x" * max(0, size - len(head) - 1) + b'"}\n'
        for c in conns:
            c.sendall(line)
        sent += 1
        time.sleep(max(0.0, start + sent / rate - time.monotonic()))
    elapsed, cpu = time.monotonic() - start, cpu_seconds(os.getpid()) - cpu0
    for c in conns:
        c.close()
    with os.fdopen(results_r, "rb") as results:
        delays, arrivals = json.loads(results.read() or b"[[], []]")
    os.waitpid(child, 0)
    print(json.dumps({"clients": clients, "rate": rate, "bytes": size, "sends": sent * clients,
                      "received": len(delays), "cpu_pct": cpu / elapsed * 100,
                      "us_per_send": cpu / (sent * clients) * 1e6,
                      "delay_p50_ms": percentile(delays, 0.5), "delay_p99_ms": percentile(delays, 0.99),
                      "arrival_p50_ms": percentile(arrivals, 0.5), "arrival_p99_ms": percentile(arrivals, 0.99)}))


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
        cost = one("resync", n=r["n"])
        resync_s = r.get("resyncs", 0) * cost["cpu_ms_per_resync"] / 1000 if cost and cost["cpu_ms_per_resync"] else None
        net = (r["cpu_s"] - resync_s) / r["events"] * 1e6 if r["events"] and resync_s is not None else None
        ref = r["ref_cpu_ms"] * 1000 / r["started"] if r.get("ref_cpu_ms") is not None and r["started"] else None
        rows.append([r["n"], r["rate"], fmt(r["achieved_per_s"], 1), r["events"], fmt(r["cpu_s"], 2),
                     fmt(per, 0), fmt(r["cpu_s"] / r["seconds"] * 100, 1), r.get("resyncs", "-"),
                     fmt(resync_s, 2), fmt(net, 0), fmt(ref, 0), r["errors"]])
    print("\n### CPU per engine event under churn\n")
    print(table(["N", "churn asked /s", "starts achieved /s", "container events", "dockerguard CPU s",
                 "CPU µs / event", "CPU % of a core", "periodic resyncs in the window", "their CPU s (measured apart)",
                 "CPU µs / event less the resyncs", "reference enforcer CPU µs / start (schedstat)",
                 "churn errors"], rows))
    ratios = []
    for rate in sorted({r["rate"] for r in by.get("churn", [])}):
        runs = sorted((r for r in by["churn"] if r["rate"] == rate), key=lambda r: r["n"])
        if len(runs) < 2 or not runs[0]["events"] or not runs[-1]["events"]:
            continue
        small, large = runs[0], runs[-1]
        guard = (large["cpu_s"] / large["events"]) / (small["cpu_s"] / small["events"])
        ref = None
        if small.get("ref_cpu_ms") and large.get("ref_cpu_ms") is not None and small["started"] and large["started"]:
            ref = (large["ref_cpu_ms"] / large["started"]) / (small["ref_cpu_ms"] / small["started"])
        ratios.append([rate, f"{large['n']} / {small['n']}", fmt(guard, 2), fmt(ref, 2)])
    if ratios:
        print("\nHow per-event CPU grows with N, against the reference enforcer's on the same engine (which "
              "does nothing per container: its growth is the engine's load).\n")
        print(table(["churn /s", "N", "dockerguard CPU / event, ratio", "reference CPU / start, ratio"], ratios))
    rows = [[r["n"], r["resyncs"], fmt(r["cpu_s"], 2), fmt(r["cpu_ms_per_resync"], 1)] for r in by.get("resync", [])]
    if rows:
        print("\nOne periodic resync (a list of all N, an inspect of what it contradicts), measured apart: a second "
              "guard resyncing every 2 s on the quiet engine, its CPU less the idle share.\n")
        print(table(["N", "resyncs", "CPU s over 12 s", "CPU ms per resync"], rows))

    rows = []
    for r in by.get("wrk", []):
        ratio = r["guard_p99"] / r["nginx_p99"] if r["guard_p99"] and r["nginx_p99"] else None
        nice = r.get("nginx_nice_p99")
        nice_ratio = r["guard_p99"] / nice if r["guard_p99"] and nice else None
        rows.append([r["n"], r["rate"], r["bytes"], fmt(r["guard_rps"], 0), fmt(r["guard_p50"], 2),
                     fmt(r["guard_p99"], 2), fmt(r["nginx_rps"], 0), fmt(r["nginx_p50"], 2), fmt(r["nginx_p99"], 2),
                     fmt(ratio, 2), fmt(r.get("nginx_nice_rps"), 0), fmt(r.get("nginx_nice_p50"), 2), fmt(nice, 2),
                     fmt(nice_ratio, 2)])
    print("\n### `/containers` while churning, against nginx serving the same body\n")
    print("nginx at nice 0, and again at nice 5: the nice value dockerguard's API threads run at, so that "
          "they yield to the engine whose work enforcement waits on.\n")
    print(table(["N", "churn /s", "body B", "dockerguard req/s", "p50 ms", "p99 ms", "nginx req/s", "p50 ms",
                 "p99 ms", "p99 dockerguard / nginx", "nginx nice 5 req/s", "p50 ms", "p99 ms",
                 "p99 dockerguard / nginx nice 5"], rows))

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
        rows.append([r["n"], r["rate"], f"{r['synced']}/{r['clients']}", fmt(r.get("all_synced_s"), 2),
                     r["dropped"], r["starts"], fmt(r["cpu_pct"], 1), fmt(r["base_cpu_pct"], 1),
                     fmt(r.get("arrived_p50_ms"), 2), fmt(r.get("arrived_p99_ms"), 2),
                     fmt(r.get("stored_p50_ms"), 2), fmt(r.get("stored_p99_ms"), 2), fmt(r.get("stored_max_ms"), 2),
                     fmt(r["latency_p50_ms"], 1), fmt(r["latency_p99_ms"], 1), fmt(r["spread_p50_ms"], 1),
                     fmt(r["spread_p99_ms"], 1)])
    print("\n### Watching clients\n")
    print(table(["N", "churn /s", "clients synced", "all synced after s", "dropped", "starts",
                 "dockerguard CPU % (watched)", "same churn unwatched %", "store -> client socket p50 ms", "p99 ms",
                 "store -> read p50 ms", "p99 ms", "max ms", "engine start -> client p50 ms", "p99 ms", "first -> last client p50 ms", "p99 ms"],
                rows))

    rows = []
    for n in sorted({r["n"] for r in by.get("fanout", [])}):
        # Rounds alternate baseline, watchers, floor: the k-th of each belong together.
        rounds = list(zip(*(([r for r in by.get(what, []) if r["n"] == n]) for what in
                            ("fanout", "fanout-base", "fanout-floor"))))
        cells = []
        for r, base, floor in rounds:
            cost = r["cpu_pct"] - base["cpu_pct"] if r["cpu_pct"] is not None and base["cpu_pct"] is not None else None
            cells.append([r["cpu_pct"], base["cpu_pct"], cost, floor["cpu_pct"],
                          cost / floor["cpu_pct"] if cost is not None and floor["cpu_pct"] else None,
                          r.get("arrived_p50_ms"), r.get("arrived_p99_ms"), r.get("arrived_max_ms"),
                          r["stored_p99_ms"], floor.get("arrival_p50_ms"), floor.get("arrival_p99_ms"),
                          r["spread_p99_ms"]])
        for k, (r, c) in enumerate(zip((x[0] for x in rounds), cells), 1):
            rows.append([n, k, r["clients"], r["rate"], r["changes_per_client"], r.get("change_bytes")]
                        + [fmt(x, 2) for x in c])
        if len(cells) > 1:
            medians = [median([x for x in column if x is not None]) for column in zip(*cells)]
            rows.append([n, "**median**", "", "", "", ""] + [f"**{fmt(x, 2)}**" for x in medians])
    print("\n### The watch stream's fan-out, no engine (dockerguard-bench-scale --watch-serve)\n")
    print("Clients at nice 0, the API's threads at nice 5. A change has reached a client when its bytes reach "
          "the client's socket (the kernel's receive stamp); 'read' is when the measuring process read them.\n")
    print(table(["N", "round", "clients", "changes /s", "changes per client", "bytes per change",
                 "server CPU % of a core", "nobody watching %", "the watchers' cost %", "bare writer, same sends %",
                 "cost / bare writer", "store -> client socket p50 ms", "p99 ms", "max ms", "store -> read p99 ms",
                 "bare writer send -> socket p50 ms", "p99 ms", "first -> last client read p99 ms"], rows))

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
    elif cmd == "watch" and len(argv) == 8:
        watch(argv[2], argv[3], int(argv[4]), float(argv[5]), int(argv[6]), int(argv[7]))
    elif cmd == "watch-serve" and len(argv) == 7:
        watch_serve(argv[2], *(int(x) for x in argv[3:7]))
    elif cmd == "send-floor" and len(argv) == 6:
        send_floor(*(int(x) for x in argv[2:6]))
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
