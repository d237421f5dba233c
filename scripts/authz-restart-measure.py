#!/usr/bin/env python3
"""The measuring half of scripts/bench-authz-restart: what docker commands see while the
authorization plugin is killed and restarted.

    authz-restart-measure.py --docker-host H --kills N --restart-delay S --pidfile F -- COMMAND...

COMMAND starts the plugin. Without --holder it is dockerguard itself: this script starts it, and
after each SIGKILL starts it again after S seconds (what systemd's Restart=always does, with its
default RestartSec of 100 ms). With --holder, COMMAND is scripts/authz-socket-holder.py, which
restarts its child itself; the child's pid is read from F and killed.

Two threads loop `docker ps -q` and `docker run -d` (an allowed name) throughout; each command's
start, duration and exit status are kept. Prints a markdown table row (and the same as JSON on
stderr): the longest the plugin was down (kill until the new one answered), commands, failures
(with the first error), the commands that ran while it was down and the slowest of them, and the
median and slowest of the other commands (what a command costs anyway).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docker-host", required=True)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--restart-delay", type=float, default=0.1)
    parser.add_argument("--pidfile", required=True)
    parser.add_argument("--holder", action="store_true")
    parser.add_argument("--ready", required=True, help="socket path that answers once the plugin is up")
    parser.add_argument("--label", default="plugin", help="the set-up's name, for the table row")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    plugin = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(args.pidfile + ".log", "ab"))
    if not args.holder:
        write_pid(args.pidfile, plugin.pid)
    wait_ready(args.ready)
    print(f"plugin up; starting the command loops", file=sys.stderr)
    # The caller starts the engine now (it needs the plugin first) and tells us by a file.
    go = args.pidfile + ".engine-up"
    while not os.path.exists(go):
        time.sleep(0.05)

    records = []
    lock = threading.Lock()
    stop = threading.Event()

    def loop(kind):
        index = 0
        while not stop.is_set():
            index += 1
            if kind == "ps":
                argv = ["docker", "-H", args.docker_host, "ps", "-q"]
            else:
                argv = ["docker", "-H", args.docker_host, "run", "-d", "--network", "none",
                        "--name", f"ok-restart-{os.getpid()}-{index}", "busybox:local"]
            started = time.monotonic()
            result = subprocess.run(["timeout", "60"] + argv, capture_output=True, text=True)
            with lock:
                records.append({"kind": kind, "start": started, "seconds": time.monotonic() - started,
                                "rc": result.returncode, "stderr": result.stderr.strip().splitlines()[:1]})

    threads = [threading.Thread(target=loop, args=(kind,)) for kind in ("ps", "run")]
    for thread in threads:
        thread.start()
    time.sleep(2)
    kills, backs = [], []
    for _ in range(args.kills):
        pid = read_pid(args.pidfile)
        kills.append(time.monotonic())
        os.kill(pid, signal.SIGKILL)
        if not args.holder:
            plugin.wait()
            time.sleep(args.restart_delay)
            plugin = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(args.pidfile + ".log", "ab"))
            write_pid(args.pidfile, plugin.pid)
        else:
            while read_pid(args.pidfile) == pid:
                time.sleep(0.01)
        wait_ready(args.ready)
        backs.append(time.monotonic())
        time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()
    plugin.send_signal(signal.SIGTERM)
    try:
        plugin.wait(timeout=10)
    except subprocess.TimeoutExpired:
        plugin.kill()

    # A command is touched by a restart when it ran while the plugin was down (from the kill until
    # the new plugin answered); the rest show what commands cost anyway on this machine.
    def touched(r):
        end = r["start"] + r["seconds"]
        return any(r["start"] <= back and end >= killed for killed, back in zip(kills, backs))

    during = [r for r in records if touched(r)]
    others = [r for r in records if not touched(r)]
    failures = [r for r in records if r["rc"] != 0]

    def ms(seconds):
        return round(seconds * 1000)

    result = {
        "commands": len(records),
        "failed": len(failures),
        "first_error": (failures[0]["stderr"][:1] or [""])[0] if failures else "",
        "down_ms": ms(max((b - k for k, b in zip(kills, backs)), default=0)),
        "touched": len(during),
        "touched_slowest_ms": ms(max((r["seconds"] for r in during), default=0)),
        "other_median_ms": ms(sorted(r["seconds"] for r in others)[len(others) // 2]) if others else 0,
        "other_slowest_ms": ms(max((r["seconds"] for r in others), default=0)),
    }
    print(json.dumps(result), file=sys.stderr)
    print(f"| {args.label} | {result['down_ms']} | {result['commands']} | {result['failed']} "
          f"| {result['touched']} | {result['touched_slowest_ms']} | {result['other_median_ms']} "
          f"| {result['other_slowest_ms']} | {result['first_error'] or '-'} |")


def write_pid(path, pid):
    with open(path + ".tmp", "w") as out:
        out.write(str(pid))
    os.replace(path + ".tmp", path)


def read_pid(path):
    while True:
        try:
            with open(path) as source:
                return int(source.read().strip())
        except (FileNotFoundError, ValueError):
            time.sleep(0.01)


def wait_ready(socket_path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        probe = subprocess.run(["curl", "-fsS", "-o", "/dev/null", "--max-time", "1", "-X", "POST",
                                "--unix-socket", socket_path, "http://plugin/Plugin.Activate"],
                               capture_output=True)
        if probe.returncode == 0:
            return
        time.sleep(0.02)
    sys.exit(f"the plugin on {socket_path} did not answer within 30 s")


if __name__ == "__main__":
    main()
