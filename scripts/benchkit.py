#!/usr/bin/env python3
"""What the benchmark scripts measure and print with, in one place (Python 3 standard library).

Imported by the scripts/*-measure.py halves of the benchmarks; also a command for the bash
halves:

    scripts/benchkit.py wrk FILE     wrk --latency output -> "requests/s p50_ms p99_ms" on stdout;
                                     exits 1 (saying why) on any non-2xx/3xx response or socket
                                     error, or when wrk printed no rate
"""
import json
import math
import re
import subprocess
import sys


def container_events(path, prefix=""):
    """(name, action, timeNano) of each container event in a `docker events --format
    '{{json .}}'` file whose container name starts with `prefix`."""
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            event = json.loads(line)
            name = ((event.get("Actor") or {}).get("Attributes") or {}).get("name", "")
            if name.startswith(prefix):
                yield name, event.get("Action") or event.get("status"), int(event["timeNano"])


class ControlClient:
    """One tmux control-mode client (no output, ignore size): a capture is a round trip on the socket,
    about 0.1 ms, instead of a `tmux capture-pane` process per poll, which would take a core of its
    own away from the tool being measured."""

    def __init__(self, sock, name, session="bench"):
        self.name = name
        self.session = session
        self.proc = subprocess.Popen(
            ["tmux", "-S", sock, "-C", "attach-session", "-f", "no-output,ignore-size", "-t", session],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def _line(self):
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"{self.name}: the tmux control client ended")
        return line.split()

    def command(self, text):
        """One tmux command's output as text (raises on %error)."""
        self.proc.stdin.write(text.encode() + b"\n")
        self.proc.stdin.flush()
        while True:
            begin = self._line()
            # %begin TIME NUMBER FLAGS; flags 1: the answer to a command of this client
            if len(begin) == 4 and begin[0] == b"%begin" and begin[3] == b"1":
                break
        body = []
        while True:
            line = self.proc.stdout.readline()
            end = line.split()
            if not line:
                raise SystemExit(f"{self.name}: the tmux control client ended")
            if len(end) == 4 and end[0] in (b"%end", b"%error") and end[1:3] == begin[1:3]:
                text_out = b"".join(body).decode("utf-8", "replace")
                if end[0] == b"%error":
                    raise SystemExit(f"{self.name}: tmux: {text}: {text_out.strip()}")
                return text_out
            body.append(line)

    def capture(self):
        return self.command(f"capture-pane -p -t {self.session}")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def percentile(values, fraction):
    """Nearest rank: the smallest sample with at least `fraction` of the samples at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))]


def median(values):
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def fmt(value, digits=1, unit=""):
    """A number for a table, or "-" when there is none."""
    return "-" if value is None else f"{value:.{digits}f}{unit}"


def table(header, rows):
    """A markdown table: the header's cells, then one list of cells per row."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(text):
    """wrk's summary as a dict: rps, p50_ms, p99_ms (with --latency), requests, non2xx, socket_errors."""
    result = {"rps": None, "p50_ms": None, "p99_ms": None, "requests": None, "non2xx": 0, "socket_errors": 0}
    for line in text.splitlines():
        fields = line.split()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(fields[1])
        elif len(fields) == 2 and fields[0] in ("50%", "99%"):
            result["p50_ms" if fields[0] == "50%" else "p99_ms"] = _ms(fields[1])
        elif "requests in" in line:
            result["requests"] = int(fields[0])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            result["non2xx"] = int(fields[-1])
        elif line.strip().startswith("Socket errors:"):
            # Socket errors: connect 0, read 0, write 0, timeout 0
            result["socket_errors"] = sum(int(n) for n in re.findall(r"\d+", line))
    return result


def wrk_problems(summary):
    """Why a wrk run does not count, as text; empty when it does."""
    problems = []
    if summary["rps"] is None:
        problems.append("wrk printed no Requests/sec")
    if summary["non2xx"]:
        problems.append(f"{summary['non2xx']} non-2xx/3xx responses")
    if summary["socket_errors"]:
        problems.append(f"{summary['socket_errors']} socket errors")
    return ", ".join(problems)


def main(argv):
    if len(argv) != 3 or argv[1] != "wrk":
        sys.exit("usage: benchkit.py wrk FILE")
    with open(argv[2]) as f:
        summary = parse_wrk(f.read())
    problems = wrk_problems(summary)
    if problems:
        sys.exit(f"{argv[2]}: {problems}")
    print(f"{summary['rps']:.0f} {fmt(summary['p50_ms'], 2)} {fmt(summary['p99_ms'], 2)}")


if __name__ == "__main__":
    main(sys.argv)
