#!/usr/bin/env python3
"""The plugin's own answer time, without an engine in the way: scripts/bench-authz's measuring half.

    authz-decision-measure.py SOCKET COUNT CONTAINERS

Sends COUNT AuthZReq calls over one keep-alive connection to the plugin on SOCKET, one at a time,
alternating `POST /containers/create?name=ok-N` (allowed by name=ok-*: judged from its body) and
`POST /containers/held-N/start` (a container the guard's store knows: judged from the store), and
prints one line: p50, p99 and the slowest answer as this client saw it (the Unix-socket round trip
included), and how many were allowed.
"""
import base64
import json
import socket
import sys
import time


def main():
    path, count, containers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(path)
    body = base64.b64encode(json.dumps({"Image": "busybox:local", "Labels": {}, "HostConfig": {}}).encode()).decode()
    times, allowed = [], 0
    for index in range(count):
        if index % 2 == 0:
            request = {"User": "", "UserAuthNMethod": "", "RequestMethod": "POST",
                       "RequestUri": f"/v1.41/containers/create?name=ok-bench-{index}",
                       "RequestHeaders": {"Content-Type": "application/json"}, "RequestBody": body}
        else:
            request = {"User": "", "UserAuthNMethod": "", "RequestMethod": "POST",
                       "RequestUri": f"/v1.41/containers/held-{index % containers + 1}/start",
                       "RequestHeaders": {}}
        payload = json.dumps(request).encode()
        head = (f"POST /AuthZPlugin.AuthZReq HTTP/1.1\r\nHost: plugin\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode()
        started = time.perf_counter()
        client.sendall(head + payload)
        answer = read_answer(client)
        times.append(time.perf_counter() - started)
        allowed += b'"Allow":true' in answer
    times.sort()

    def ms(q):
        return times[min(len(times) - 1, int(q * len(times)))] * 1000

    print(f"{count} answers ({allowed} allowed): p50 {ms(0.5):.3f} ms, p99 {ms(0.99):.3f} ms, "
          f"slowest {times[-1] * 1000:.3f} ms")


def read_answer(client):
    data = b""
    while b"\r\n\r\n" not in data:
        data += client.recv(65536)
    head, _, rest = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    while len(rest) < length:
        rest += client.recv(65536)
    return rest[:length]


if __name__ == "__main__":
    main()
