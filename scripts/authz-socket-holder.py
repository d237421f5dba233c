#!/usr/bin/env python3
"""Hold a listening Unix socket and run a command on it, socket-activated, restarting it whenever
it exits: what systemd does with deploy/systemd/dockerguard-authz.socket and Restart=always.

    scripts/authz-socket-holder.py --pidfile FILE SOCKET -- COMMAND [ARGS...]

The socket is passed as descriptor 3 with LISTEN_FDS=1 and LISTEN_PID set to the child's pid
(sd_listen_fds). While the child is down the socket stays open, so clients' connections wait in
its queue instead of failing. FILE holds the current child's pid. SIGTERM or SIGINT stops the child
and removes the socket. (systemd-socket-activate cannot stand in: it execs the command in its own
place, so the socket dies with the first child.)
"""
import argparse
import os
import signal
import socket
import stat
import sys
import time


def bind(path):
    try:
        if stat.S_ISSOCK(os.lstat(path).st_mode):
            os.unlink(path)  # stale: whoever held it is gone, or this would not be asked to
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(256)
    return listener


def spawn(listener, command, pidfile):
    pid = os.fork()
    if pid == 0:
        if listener.fileno() != 3:
            os.dup2(listener.fileno(), 3)
        os.set_inheritable(3, True)  # dup2 onto itself would keep close-on-exec
        env = dict(os.environ, LISTEN_FDS="1", LISTEN_PID=str(os.getpid()))
        try:
            os.execvpe(command[0], command, env)
        finally:
            os._exit(127)
    tmp = pidfile + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{pid}\n")
    os.replace(tmp, pidfile)
    return pid


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pidfile", required=True)
    parser.add_argument("socket")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")
    listener = bind(args.socket)
    stopping = False
    child = 0

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        if child:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping:
            child = spawn(listener, command, args.pidfile)
            started = time.monotonic()
            while True:
                try:
                    _, status = os.waitpid(child, 0)
                    break
                except InterruptedError:
                    continue
            child = 0
            print(f"authz-socket-holder: child exited ({status}); restarting", file=sys.stderr, flush=True)
            if time.monotonic() - started < 0.1:
                time.sleep(0.1)  # a command that cannot start must not spin
    finally:
        listener.close()
        try:
            os.unlink(args.socket)
        except FileNotFoundError:
            pass
        try:
            os.unlink(args.pidfile)
        except FileNotFoundError:
            pass


if __name__ == "__main__":
    main()
