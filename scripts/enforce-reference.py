#!/usr/bin/env python3
"""The floor for scripts/bench-enforce: the smallest event-driven enforcer.

    scripts/enforce-reference.py SOCKET PREFIX

Streams the engine's container `start` events over a raw HTTP/1.1 connection to the unix
socket SOCKET (a path, or unix:///path) and, for each container whose name starts with
PREFIX, sends `POST /containers/<id>/kill` at once. Nothing else: no inspect, no list, no
allow-list beyond the prefix. The kill goes out on a connection opened in advance (one
request per connection, `Connection: close`), so the critical path is one send(); its answer
(which the engine sends once the container is dead) is read by the same select() loop, so a
second start event is never held up behind the first kill.

Prints `ready` on stdout once the event stream is open, then one `killed NAME STATUS`
line per kill. Python 3 standard library only.
"""
import json
import select
import socket
import sys
import urllib.parse

API = "/v1.41"


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    return s


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: enforce-reference.py SOCKET PREFIX")
    path = sys.argv[1].removeprefix("unix://")
    prefix = sys.argv[2]
    out = sys.stdout

    filters = urllib.parse.quote('{"type":["container"],"event":["start"]}', safe="")
    events = connect(path)
    events.sendall(
        f"GET {API}/events?filters={filters} HTTP/1.1\r\nHost: docker\r\n\r\n".encode())

    # Response head, then a chunked body of newline-separated JSON objects.
    buf = b""
    while b"\r\n\r\n" not in buf:
        data = events.recv(65536)
        if not data:
            sys.exit("engine closed the event stream")
        buf += data
    head, buf = buf.split(b"\r\n\r\n", 1)
    status = head.split(b"\r\n", 1)[0]
    if b" 200 " not in status + b" ":
        sys.exit(f"events: {status.decode(errors='replace')}")
    chunked = b"chunked" in head.lower()

    spare = connect(path)  # the next kill's connection, already open
    print("ready", file=out, flush=True)

    pending = {}  # kill connection -> [container name, answer so far]

    def kill(cid, name):
        nonlocal spare
        request = f"POST {API}/containers/{cid}/kill HTTP/1.1\r\nHost: docker\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".encode()
        conn = spare
        try:
            conn.sendall(request)
        except OSError:
            conn.close()
            conn = connect(path)
            conn.sendall(request)
        pending[conn] = [name, b""]
        spare = connect(path)

    def answered(conn):
        # Read the answer to its end (the engine closes): closing early would cancel the request.
        try:
            data = conn.recv(4096)
        except OSError:
            data = b""
        if data:
            pending[conn][1] += data
            return
        name, answer = pending.pop(conn)
        conn.close()
        code = answer.split(b" ", 2)[1].decode() if answer.count(b" ") >= 2 else "?"
        print(f"killed {name} {code}", file=out, flush=True)

    body = b""  # de-chunked bytes not yet split into lines
    while True:
        if chunked:
            # Take every complete chunk out of buf.
            while True:
                eol = buf.find(b"\r\n")
                if eol < 0:
                    break
                size = int(buf[:eol].split(b";", 1)[0], 16)
                if size == 0:
                    return
                end = eol + 2 + size
                if len(buf) < end + 2:
                    break
                body += buf[eol + 2:end]
                buf = buf[end + 2:]
        else:
            body += buf
            buf = b""
        while True:
            nl = body.find(b"\n")
            if nl < 0:
                break
            line, body = body[:nl], body[nl + 1:]
            if not line.strip():
                continue
            event = json.loads(line)
            actor = event.get("Actor") or {}
            name = (actor.get("Attributes") or {}).get("name", "")
            if event.get("Action") == "start" and name.startswith(prefix):
                kill(actor.get("ID") or event["id"], name)
        while True:
            ready, _, _ = select.select([events, spare, *pending], [], [])
            for conn in ready:
                if conn is spare:  # the engine closed the idle spare: open another
                    spare.close()
                    spare = connect(path)
                elif conn is not events:
                    answered(conn)
            if events in ready:
                break
        data = events.recv(65536)
        if not data:
            return
        buf += data


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
