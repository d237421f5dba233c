#!/usr/bin/env python3
"""The measuring half of scripts/bench-endpoints (Python 3 standard library only).

Starts `dockerguard run` over each way in (unix, tls, ssh) against one engine, and (with --tui-bin)
a dashboard over each in tmux, and prints four markdown tables: first sync, a new container in
/containers, a new container on screen, idle CPU over ssh. The guards and dashboards it starts are
stopped on every exit path.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchkit import ControlClient, fmt, median, percentile, table  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
WAYS = ["unix", "tls", "ssh"]


def log(text):
    print(f"==> {text}", file=sys.stderr, flush=True)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def way_in(args, way):
    """The engine URL and the TLS flags of `way`, as dockerguard and the docker CLI take them."""
    host = {"unix": args.unix, "tls": args.tls, "ssh": args.ssh}[way]
    if way != "tls":
        return host, []
    return host, ["--tlsverify", "--tlscacert", f"{args.certs}/ca.pem", "--tlscert", f"{args.certs}/cert.pem",
                  "--tlskey", f"{args.certs}/key.pem"]


def own_home(home, runtime):
    """An environment with a home of its own: no developer's DOCKERGUARD_*, DOCKER_HOST or context,
    and its own runtime folder (its ssh ControlPath, so its ssh processes can be told apart)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DOCKERGUARD_") and k not in ("DOCKER_HOST", "DOCKER_CONTEXT")}
    env.update(XDG_CONFIG_HOME=home + "/config", XDG_STATE_HOME=home + "/state", HOME=home,
               XDG_RUNTIME_DIR=runtime)
    return env


class Guard:
    """One `dockerguard run --mode audit` over one way in, with a home of its own."""

    def __init__(self, args, way, tag):
        self.way = way
        self.port = free_port()
        self.home = os.path.join(args.work, "logs", f"{way}-{tag}")
        os.makedirs(self.home + "/config/dockerguard", exist_ok=True)
        # Short, so the ssh ControlPath fits a socket address under it (a long one falls back to /tmp).
        self.runtime = tempfile.mkdtemp(prefix="dgrt-", dir="/tmp")
        with open(self.home + "/config/dockerguard/allowlist", "w") as f:
            f.write("name=filler-*\n")
        host, extra = way_in(args, way)
        env = own_home(self.home, self.runtime)
        self.log = open(self.home + "/guard.log", "w")
        self.started = time.monotonic_ns()
        self.process = subprocess.Popen(
            [args.bin, "run", "--mode", "audit", "--listen", f"127.0.0.1:{self.port}", "--docker-host", host,
             "--log-level", "warning"] + extra,
            env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        self.connection = None
        self.etag = None

    def get(self, path, etag=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            self.connection.request("GET", path, headers={"If-None-Match": etag} if etag else {})
            response = self.connection.getresponse()
            body = response.read()
            self.etag = response.getheader("ETag")
            return response.status, body
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            return None, b""

    def wait_ready(self, timeout=120):
        """Milliseconds from the start of the process to the first /readyz 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"dockerguard over {self.way} exited; see {self.home}/guard.log")
            status, _ = self.get("/readyz")
            if status == 200:
                return (time.monotonic_ns() - self.started) / 1e6
            time.sleep(0.002)
        raise SystemExit(f"dockerguard over {self.way} not ready within {timeout} s")

    def cpu_ticks(self):
        return proc_ticks(self.process.pid)

    def ssh_pids(self):
        return ssh_pids(self.runtime)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in self.ssh_pids():
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.runtime, ignore_errors=True)


def ssh_pids(runtime):
    """The ssh processes (client and background master) whose command line names `runtime`: those
    a guard or dashboard started with its runtime folder."""
    mine = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                line = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        program = line.split(" ", 1)[0]
        if (program.endswith("/ssh") or program.startswith("ssh")) and runtime in line:
            mine.append(int(pid))
    return mine


def proc_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


class Dashboard:
    """dockerguard-tui over one way in, in a 200x50 window of a tmux server of its own, read
    through a tmux control client."""

    def __init__(self, args, way):
        self.way = way
        self.home = os.path.join(args.work, "logs", f"tui-{way}")
        os.makedirs(self.home + "/config/dockerguard", exist_ok=True)
        self.runtime = tempfile.mkdtemp(prefix="dgrt-", dir="/tmp")
        allow_list = self.home + "/allowlist"
        with open(allow_list, "w") as f:
            f.write("name=filler-*\n")
        with open(self.home + "/tmux.conf", "w") as f:
            f.write("set -g status off\nset -g remain-on-exit on\nset -g history-limit 0\n")
        self.sock = self.home + "/tmux.sock"
        host, extra = way_in(args, way)
        env = own_home(self.home, self.runtime)
        env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="screen")
        subprocess.run(
            ["tmux", "-S", self.sock, "-f", self.home + "/tmux.conf", "new-session", "-d", "-s", "bench", "-x", "200",
             "-y", "50", "--", args.tui_bin, "--docker-host", host] + extra
            + ["--allowlist", allow_list, "--listen", f"127.0.0.1:{free_port()}", "--mode", "audit",
               "--log-file", self.home + "/tui.log"],
            env=env, check=True)
        self.client = ControlClient(self.sock, f"dashboard over {way}")

    def wait_for(self, text, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.client.capture()
            if text in screen:
                return
            time.sleep(0.05)
        raise SystemExit(f"the dashboard over {self.way} did not show {text} in {timeout} s:\n{screen}")

    def watch(self, name, seen, timeout=30):
        """Sets seen[way] to the end of the first capture (wall-clock ns) whose line for `name` says Up."""
        named = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.client.capture()
            now = time.time_ns()
            if any("Up" in line for line in screen.splitlines() if named.search(line)):
                seen[self.way] = now
                return
            time.sleep(0.0005)

    def stop(self):
        try:
            self.client.close()
        except (OSError, subprocess.TimeoutExpired):
            pass
        subprocess.run(["tmux", "-S", self.sock, "kill-server"], stderr=subprocess.DEVNULL)
        for pid in ssh_pids(self.runtime):
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        shutil.rmtree(self.runtime, ignore_errors=True)


class StartEvents:
    """The engine's `start` events, by container name (`docker events`, its own timeNano)."""

    def __init__(self):
        self.times = {}
        self.cond = threading.Condition()
        self.process = subprocess.Popen(
            ["docker", "events", "--filter", "type=container", "--filter", "event=start", "--format", "{{json .}}"],
            stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.process.stdout:
            event = json.loads(line)
            with self.cond:
                self.times[event["Actor"]["Attributes"]["name"]] = event["timeNano"]
                self.cond.notify_all()

    def wait(self, name, timeout=30):
        with self.cond:
            self.cond.wait_for(lambda: name in self.times, timeout)
            return self.times.get(name)

    def stop(self):
        self.process.terminate()
        self.process.wait()


def first_sync(args, guards):
    rows, figures, floors = [], {}, {}
    ways = WAYS
    for run in range(args.syncs):
        order = ways[run % 3:] + ways[:run % 3]
        for way in order:
            guard = Guard(args, way, f"sync{run}")
            guards.append(guard)
            try:
                figures.setdefault(way, []).append(guard.wait_ready())
            finally:
                guard.stop()
                guards.remove(guard)
            floors.setdefault(way, []).append(cli_list(args, way))
        log(f"first sync, run {run + 1}/{args.syncs}: " + ", ".join(f"{w} {figures[w][-1]:.0f} ms" for w in ways))
    unix = median(figures["unix"])
    for way in ways:
        values = figures[way]
        rows.append([way, fmt(median(values)), fmt(min(values)), fmt(max(values)),
                     fmt(median(values) / unix, 2, "x"), fmt(median(floors[way])),
                     fmt(median(values) - median(floors[way]))])
    return table(["way in", "median ms", "min ms", "max ms", "vs unix", "floor: `docker ps -a` ms",
                  "guard − floor ms"], rows)


def cli_list(args, way):
    """The floor of a first sync over `way`: the docker CLI's `docker ps -a` from a cold start
    (over ssh: its own ssh connection and remote `docker system dial-stdio`, as the guard's first)."""
    host, extra = way_in(args, way)
    env = {k: v for k, v in os.environ.items() if k not in ("DOCKER_HOST", "DOCKER_CONTEXT")}
    started = time.monotonic_ns()
    subprocess.run(["docker", "-H", host] + extra + ["ps", "-a", "-q"], env=env, check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    return (time.monotonic_ns() - started) / 1e6


def probes(args, guards, dashboards, events):
    running = {way: Guard(args, way, "probe") for way in WAYS}
    guards.extend(running.values())
    for guard in running.values():
        guard.wait_ready()
    if args.tui_bin:
        for way in WAYS:
            dashboards[way] = Dashboard(args, way)
        for dashboard in dashboards.values():
            dashboard.wait_for("filler-1")
    time.sleep(2)  # the first resync's judging is done
    latency = {way: [] for way in running}
    on_screen = {way: [] for way in dashboards}
    for n in range(1, args.probes + 1):
        # Sorted by name, a-probe-N is on the dashboard's first screen, above the fillers.
        name = f"a-probe-{n}"
        seen, shown = {}, {}

        def watch(way, guard, probe_id):
            deadline = time.monotonic() + 30
            etag = None
            # With If-None-Match: an unchanged list is a 304 of a few bytes, so polling every
            # millisecond costs the guards (and the machine) little.
            while time.monotonic() < deadline:
                status, body = guard.get("/containers", etag)
                if status == 200:
                    if probe_id.encode() in body:
                        seen[way] = time.time_ns()
                        return
                    etag = guard.etag
                time.sleep(0.001)

        created = subprocess.run(["docker", "create", "--network", "none", "--name", name, "busybox:local"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        threads = [threading.Thread(target=watch, args=(w, g, created)) for w, g in running.items()]
        threads += [threading.Thread(target=d.watch, args=(name, shown)) for d in dashboards.values()]
        for thread in threads:
            thread.start()
        subprocess.run(["docker", "start", name], capture_output=True, check=True)
        for thread in threads:
            thread.join()
        started = events.wait(name)
        for way, found, into in [(w, seen, latency) for w in running] + [(w, shown, on_screen) for w in dashboards]:
            if started and way in found:
                into[way].append((found[way] - started) / 1e6)

        def figures(found):
            return ", ".join(f"{w} {(found[w] - started) / 1e6:.1f} ms" if started and w in found else f"{w} -"
                             for w in WAYS)
        log(f"probe {n}/{args.probes}: /containers {figures(seen)}; on screen {figures(shown)}")
        time.sleep(0.3)
    return running, latency_table(latency), latency_table(on_screen) if dashboards else None


def latency_table(latency):
    """Median, p90 and max per way, and each way's median difference from the Unix socket's figure
    for the same probe (only probes every way saw count: a missed one would shift the pairs)."""
    rows = []
    unix = latency["unix"]
    for way, values in latency.items():
        deltas = [v - u for v, u in zip(values, unix)] if len(values) == len(unix) else []
        rows.append([way, len(values), fmt(median(values)), fmt(percentile(values, 0.9)), fmt(max(values or [0])),
                     fmt(median(deltas), 1, " ms") if way != "unix" else "-"])
    return table(["way in", "probes", "median ms", "p90 ms", "max ms", "median vs unix, same probe"], rows)


def idle_cpu(args, running):
    rows = []
    for way in ["unix", "ssh"]:
        guard = running[way]
        time.sleep(2)
        ssh_pids = guard.ssh_pids()
        before, ssh_before = guard.cpu_ticks(), sum(proc_ticks(p) for p in ssh_pids)
        t0 = time.monotonic()
        time.sleep(args.idle)
        elapsed = time.monotonic() - t0
        after, ssh_after = guard.cpu_ticks(), sum(proc_ticks(p) for p in ssh_pids)
        own = (after - before) / TICKS / elapsed * 100
        ssh = (ssh_after - ssh_before) / TICKS / elapsed * 100
        rows.append([way, f"{elapsed:.0f}", fmt(own, 2, " %"), fmt(ssh, 2, " %") if way == "ssh" else "-",
                     len(ssh_pids) if way == "ssh" else "-"])
        log(f"idle {way}: dockerguard {own:.2f} % of a core, its ssh {ssh:.2f} %")
    return table(["way in", "window s", "dockerguard CPU", "its ssh processes", "ssh processes"], rows)


def main():
    parser = argparse.ArgumentParser()
    for name in ["bin", "work", "unix", "tls", "certs", "ssh"]:
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--tui-bin", help="dockerguard-tui: also time a new container on each way's screen")
    for name in ["probes", "syncs", "idle"]:
        parser.add_argument("--" + name, type=int, required=True)
    args = parser.parse_args()
    guards, dashboards = [], {}
    events = StartEvents()
    try:
        sync_table = first_sync(args, guards)
        running, probe_table, screen_table = probes(args, guards, dashboards, events)
        for dashboard in dashboards.values():
            dashboard.stop()
        dashboards.clear()
        cpu_table = idle_cpu(args, running)
    finally:
        for guard in guards:
            guard.stop()
        for dashboard in dashboards.values():
            dashboard.stop()
        events.stop()
    print("### First sync (dockerguard run started -> /readyz 200)\n")
    print(sync_table)
    print("\n### A new container in /containers (engine's start event -> first answer listing it)\n")
    print(probe_table)
    if screen_table:
        print("\n### A new container on screen (engine's start event -> the first pane capture showing it Up)\n")
        print(screen_table)
    print(f"\n### Idle CPU, three guards running, each measured alone in its window ({TICKS} ticks/s)\n")
    print(cpu_table)


if __name__ == "__main__":
    main()
