#!/usr/bin/env python3
"""The smallest authorization plugin: allows everything. scripts/bench-authz's floor.

    scripts/authz-allow-all.py SOCKET

Serves Plugin.Activate and AuthZPlugin.AuthZReq/AuthZRes over HTTP/1.1 keep-alive on a Unix
socket, one thread per connection, until SIGTERM; removes the socket on exit.
"""
import http.server
import os
import signal
import socketserver
import sys

ACTIVATE = b'{"Implements":["authz"]}'
ALLOW = b'{"Allow":true}'


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = ACTIVATE if self.path == "/Plugin.Activate" else ALLOW
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.docker.plugins.v1+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def address_string(self):
        return "engine"

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    path = sys.argv[1]
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    server = Server(path, Handler)
    signal.signal(signal.SIGTERM, lambda *_: (os.unlink(path), os._exit(0)))
    try:
        server.serve_forever()
    finally:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


if __name__ == "__main__":
    main()
