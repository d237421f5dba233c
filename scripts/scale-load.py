#!/usr/bin/env python3
"""The load half of scripts/bench-scale: containers on the engine, over its API (no docker CLI,
whose start-up would cost more CPU than the engine's own work at 100 containers a second).

    scale-load.py fill SOCKET N
        allowed-1 .. allowed-N running (the missing ones created and started, 16 at a time);
        prints {"n", "running", "errors", "seconds", "first_error"} as JSON
    scale-load.py churn SOCKET RATE SECONDS [VICTIM_EVERY_S]
        RATE times a second: create and start churn-K, and remove (force) the churn container
        started one second before, for SECONDS; with VICTIM_EVERY_S, also start victim-guard-J
        and victim-ref-J in turn that often; a tick is skipped while the engine has a backlog (disallowed: dockerguard kills the first kind, the
        reference enforcer the second). Ends with every churn container removed. Prints
        {"rate", "seconds", "started", "removed", "errors", "achieved_per_s", "t0", "t1",
         "victims"} as JSON; the engine's events between t0 and t1 are the churn's.
SOCKET: a unix socket path or unix:///path. Python 3 standard library only.
"""
import http.client
import json
import queue
import socket
import sys
import threading
import time

API = "/v1.41"
BODY = json.dumps({"Image": "busybox:local", "StopTimeout": 1, "HostConfig": {"NetworkMode": "none"}})


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("docker", timeout=60)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(60)
        self.sock.connect(self.path)


class Engine:
    """One keep-alive connection per thread."""

    def __init__(self, path):
        self.path = path.removeprefix("unix://")
        self.local = threading.local()

    def call(self, method, url, body=None):
        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None) or UnixConnection(self.path)
            self.local.conn = conn
            try:
                headers = {"Content-Type": "application/json"} if body else {}
                conn.request(method, API + url, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                return response.status, data
            except (OSError, http.client.HTTPException):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def run(self, name):
        """Create and start NAME; its ID, or raises with the engine's words."""
        status, data = self.call("POST", f"/containers/create?name={name}", BODY)
        if status != 201:
            raise RuntimeError(f"create {name}: {status} {data[:200]!r}")
        cid = json.loads(data)["Id"]
        status, data = self.call("POST", f"/containers/{cid}/start")
        if status not in (204, 304):
            raise RuntimeError(f"start {name}: {status} {data[:200]!r}")
        return cid

    def remove(self, ref):
        status, data = self.call("DELETE", f"/containers/{ref}?force=true")
        if status not in (204, 404):
            raise RuntimeError(f"remove {ref}: {status} {data[:200]!r}")

    def names(self, prefix, all_states=False):
        status, data = self.call("GET", "/containers/json" + ("?all=true" if all_states else ""))
        if status != 200:
            raise RuntimeError(f"list: {status}")
        return {n.lstrip("/"): c["Id"] for c in json.loads(data) for n in c["Names"]
                if n.lstrip("/").startswith(prefix)}


def workers(count, jobs, results):
    def loop():
        while (job := jobs.get()) is not None:
            try:
                results.put(("ok", job()))
            except Exception as error:  # noqa: BLE001 - every failure is counted and the first shown
                results.put(("error", str(error)))
    threads = [threading.Thread(target=loop, daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    return threads


def fill(engine, n):
    t0 = time.monotonic()
    have = engine.names("allowed-")
    stale = engine.names("allowed-", all_states=True).keys() - have.keys()
    for name in stale:  # a stopped leftover keeps its name from being created again
        engine.remove(name)
    jobs, results = queue.Queue(), queue.Queue()
    missing = [f"allowed-{i}" for i in range(1, n + 1) if f"allowed-{i}" not in have]
    for name in missing:
        jobs.put(lambda name=name: engine.run(name))
    threads = workers(16, jobs, results)
    for _ in threads:
        jobs.put(None)
    errors, first_error = 0, None
    for _ in missing:
        kind, value = results.get()
        if kind == "error":
            errors += 1
            first_error = first_error or value
    running = len(engine.names("allowed-"))
    print(json.dumps({"n": n, "running": running, "errors": errors, "seconds": round(time.monotonic() - t0, 2),
                      "first_error": first_error}))


def churn(engine, rate, seconds, victim_every):
    jobs, results = queue.Queue(), queue.Queue()
    threads = workers(min(64, max(8, rate)), jobs, results)
    started, removed, errors, victims, first_error = 0, 0, 0, 0, None
    t0 = time.time()
    start, k, j = time.monotonic(), 0, 0
    next_victim = start + victim_every if victim_every else None
    skipped = 0
    while (now := time.monotonic()) < start + seconds:
        # Never more work queued than the workers hold: a tick the engine cannot take is skipped
        # (and counted), so the churn ends on time and the achieved rate says where it stops.
        if jobs.qsize() >= len(threads):
            skipped += 1
            time.sleep(max(0.0, start + (k + skipped) / rate - time.monotonic()))
            continue
        k += 1
        jobs.put(lambda k=k: ("run", engine.run(f"churn-{k}")))
        if k > rate:
            jobs.put(lambda k=k: ("rm", engine.remove(f"churn-{k - rate}")))
        if next_victim and now >= next_victim:
            j += 1
            kind = "guard" if j % 2 else "ref"
            jobs.put(lambda kind=kind, j=j: ("victim", engine.run(f"victim-{kind}-{(j + 1) // 2}")))
            next_victim += victim_every
        time.sleep(max(0.0, start + (k + skipped) / rate - time.monotonic()))
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join()
    t1 = time.time()
    while not results.empty():
        kind, value = results.get()
        if kind == "error":
            errors += 1
            first_error = first_error or value
        elif value[0] == "run":
            started += 1
        elif value[0] == "rm":
            removed += 1
        else:
            victims += 1
    for name in engine.names("churn-", all_states=True):
        engine.remove(name)
    print(json.dumps({"rate": rate, "seconds": seconds, "started": started, "removed": removed,
                      "errors": errors, "achieved_per_s": round(started / (t1 - t0), 1), "t0": t0, "t1": t1,
                      "victims": victims, "skipped_ticks": skipped, "first_error": first_error}))


def main(argv):
    if len(argv) == 4 and argv[1] == "fill":
        fill(Engine(argv[2]), int(argv[3]))
    elif len(argv) in (5, 6) and argv[1] == "churn":
        churn(Engine(argv[2]), int(argv[3]), float(argv[4]), float(argv[5]) if len(argv) == 6 else None)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
