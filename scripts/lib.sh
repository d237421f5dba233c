# shellcheck shell=bash
# shellcheck disable=SC2034  # CHILD and RC are read by the scripts that source this
# What the scripts share, sourced by each: `source "$SCRIPTS/lib.sh"` (SCRIPTS: this folder).
#
#   step TEXT / fail TEXT       progress on stderr; fail exits 1
#   install_packages PKG...     the missing Debian packages, with apt-get (as root); docker.io's
#                               postinst never starts the system engine
#   cleanup_on_exit FUNC        run FUNC once on every exit path (normal end, error, INT/TERM/HUP),
#                               after the running child is stopped; several FUNCs run last-first
#   run_child CMD...            run CMD in a session of its own and wait; sets RC, returns 0
#   pause SECONDS               sleep that a signal interrupts at once
#   alive PID / wait_gone PID SECONDS / stop_pid PID [SECONDS]
#   free_port                   a TCP port on 127.0.0.1 that the kernel says is free
#   build_release PRODUCT       `swift build -c release --product PRODUCT`; sets BIN to the binary
#   private_engine DIR          a private Docker engine in DIR (scripts/docker-private) with the
#                               image busybox:local; sets HOST and exports DOCKER_HOST
#   stop_private_engine DIR     stops it again (for the caller's cleanup, before DIR goes)
#
# Not a script of its own: sourcing it sets no shell options, traps or processes going.

step() { printf '==> %s\n' "$*" >&2; }
fail() { printf '==> ERROR: %s\n' "$*" >&2; exit 1; }

# --- packages -------------------------------------------------------------------------------------

package_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

install_packages() {
    local missing=() p log policy_added=0 rc=0
    for p in "$@"; do package_installed "$p" || missing+=("$p"); done
    (( ${#missing[@]} )) || return 0
    command -v apt-get >/dev/null || fail "please install: ${missing[*]}"
    [[ $(id -u) == 0 ]] || fail "need root to install ${missing[*]} (or install them yourself)"
    step "installing Debian packages: ${missing[*]}"
    # docker.io's postinst would start the system engine: keep services down unless a policy decides.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 0755 /usr/sbin/policy-rc.d
        policy_added=1
    fi
    log=$(mktemp /tmp/dg-apt.XXXX.log)
    {
        DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    } </dev/null >"$log" 2>&1 || rc=$?
    (( policy_added == 0 )) || rm -f /usr/sbin/policy-rc.d
    if (( rc != 0 )); then
        tail -n 30 "$log" >&2
        fail "apt-get install ${missing[*]} failed (exit $rc); full log in $log"
    fi
    rm -f "$log"
}

# --- processes ------------------------------------------------------------------------------------

# alive PID: the process exists and is not a zombie.
alive() { [[ -e /proc/$1 ]] && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

# wait_gone PID SECONDS: 0 once PID has exited, 1 if it still runs after SECONDS.
wait_gone() {
    local pid=$1 i
    for ((i = 0; i < $2 * 10; i++)); do alive "$pid" || return 0; sleep 0.1; done
    ! alive "$pid"
}

# stop_pid PID [SECONDS]: SIGTERM, SIGKILL after SECONDS (default 5); a pid that is gone is left
# alone; a child of this shell is reaped.
stop_pid() {
    local pid=$1 secs=${2:-5}
    if alive "$pid" && kill -TERM "$pid" 2>/dev/null && ! wait_gone "$pid" "$secs"; then
        step "pid $pid did not exit within ${secs} s of SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 5 || step "pid $pid still present after SIGKILL"
    fi
    wait "$pid" 2>/dev/null || true
}

CHILD=""   # the session leader run_child waits for
RC=0

# run_child CMD...: CMD in its own session (so the cleanup can end all of it), waited for in a way
# a signal interrupts (bash runs a trap only once a foreground command has finished). CMD's status
# is in RC; run_child itself returns 0, so check RC.
run_child() {
    setsid "$@" </dev/null &
    CHILD=$!
    RC=0
    wait "$CHILD" || RC=$?
    CHILD=""
}

pause() { run_child sleep "$1"; }

# stop_child: end everything in the child's session, not only its process group: `swift test`
# runs the test binary in a group of its own, which outlived the group kill.
stop_child() {
    [[ -n $CHILD ]] || return 0
    local i
    session_signal TERM
    for ((i = 0; i < 50; i++)); do session_alive || break; sleep 0.1; done
    ! session_alive || session_signal KILL
    wait "$CHILD" 2>/dev/null || true
    CHILD=""
}

# The session's id is CHILD's pid, which stays ours while CHILD is not reaped.
session_signal() {
    pkill "-$1" -s "$CHILD" 2>/dev/null || kill "-$1" -- "-$CHILD" 2>/dev/null || true
}
session_alive() {   # any member that is not a zombie
    # shellcheck disable=SC2009  # pgrep would count the zombies
    if command -v ps >/dev/null; then ps -o stat= -s "$CHILD" 2>/dev/null | grep -qv '^Z'; else alive "$CHILD"; fi
}

# --- cleanup on every exit path -------------------------------------------------------------------

CLEANUPS=()
CLEANED=0

run_cleanups() {
    (( CLEANED == 0 )) || return 0
    CLEANED=1
    stop_child
    local i
    for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do "${CLEANUPS[i]}" || true; done
}

on_signal() {
    printf '==> interrupted by SIG%s; cleaning up\n' "$1" >&2
    exit "$2"   # the EXIT trap runs the cleanups
}

cleanup_on_exit() {
    CLEANUPS+=("$1")
    if (( ${#CLEANUPS[@]} == 1 )); then
        trap run_cleanups EXIT
        trap 'on_signal INT 130' INT
        trap 'on_signal TERM 143' TERM
        trap 'on_signal HUP 129' HUP
    fi
}

# --- ports ----------------------------------------------------------------------------------------

# free_port: bind port 0 on loopback and print the port the kernel chose (free once closed, so the
# caller binds it next; nothing else here picks ports).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- builds and the private engine ----------------------------------------------------------------

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

build_release() {
    step "release build of $1"
    run_child swift build -c release --product "$1" >&2   # stdout is for the tables
    (( RC == 0 )) || fail "swift build -c release --product $1 failed (exit $RC)"
    BIN=$(swift build -c release --show-bin-path)/$1
}

private_engine() {
    step "private engine in $1${DOCKER_PRIVATE_TCP:+ (also on tcp://$DOCKER_PRIVATE_TCP)}"
    HOST=$("$LIB_DIR/docker-private" start "$1") || fail "the private engine did not start (its log is above)"
    "$LIB_DIR/docker-private" image "$1" >&2 || fail "could not build busybox:local"
    export DOCKER_HOST=$HOST
}

stop_private_engine() {
    "$LIB_DIR/docker-private" stop "$1" >/dev/null 2>&1 \
        || printf '==> warning: stopping the private engine in %s failed\n' "$1" >&2
}
