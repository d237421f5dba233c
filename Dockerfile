# dockerguard container image: built with the official Swift image, run on Debian slim.
#
#   docker build -t dockerguard:local .
#   docker run -d --name dockerguard -p 127.0.0.1:8080:8080 \
#       -v /var/run/docker.sock:/var/run/docker.sock \
#       -v "$PWD/deploy/dockerguard:/etc/dockerguard:ro" dockerguard:local
#
# Build arguments: SWIFT_VERSION (the builder image, swift:<SWIFT_VERSION>-bookworm), and for the
# OCI labels VERSION, SOURCE (the repository URL) and LICENSES (an SPDX expression).
# deploy/compose.yaml and deploy/kubernetes/ run this image. scripts/image builds an equivalent
# image offline from a local build, for the tests.

# The toolchain CI builds and tests with. 6.2 is the oldest that works: swift-configuration's
# manifest needs tools 6.2 and the code uses nonisolated(nonsending), so swift:6.1-* cannot build it.
ARG SWIFT_VERSION=6.3

# ---- build -------------------------------------------------------------------------------------
FROM swift:${SWIFT_VERSION}-bookworm AS build
WORKDIR /src

# Dependencies first: this layer is reused until the manifest or the pins change.
# Package.resolved is optional (the glob matches nothing when it is absent).
COPY Package.swift Package.resolved* ./
RUN swift package resolve

# Tests/ too: the manifest declares the test targets, and SwiftPM wants their folders to exist.
COPY Sources ./Sources
COPY Tests ./Tests

# --static-swift-stdlib links the Swift runtime, Foundation (with its ICU data) and Dispatch into
# the binary: what is left to load is glibc, libstdc++ and libgcc_s, all in debian:bookworm-slim.
# Nothing imports FoundationNetworking or FoundationXML, so no libcurl or libxml2 either.
# swift-backtrace-static prints a symbolicated backtrace to the log if the program ever crashes
# (about 10 MB; see SWIFT_BACKTRACE below).
RUN swift build -c release --static-swift-stdlib --product dockerguard \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/dockerguard" \
        /staging/usr/local/bin/dockerguard \
    && install -D -m 0755 /usr/libexec/swift/linux/swift-backtrace-static \
        /staging/usr/libexec/swift/linux/swift-backtrace-static \
    && install -d -m 0755 /staging/etc/dockerguard /staging/var/lib/dockerguard

# ---- runtime -----------------------------------------------------------------------------------
# No apt-get here: the binary needs nothing that debian:bookworm-slim lacks (libc6, libstdc++6 and
# libgcc-s1 are part of it), no TLS (the engine API is a unix socket or plain-HTTP tcp://, so no
# ca-certificates) and no time zone data (logs are in UTC). The `--version` run below proves at
# build time that every library the binary links is present.
FROM debian:bookworm-slim

ARG VERSION=0.1.0
ARG SOURCE=""
ARG LICENSES=NOASSERTION
LABEL org.opencontainers.image.title="dockerguard" \
      org.opencontainers.image.description="Watches a Docker engine, judges its containers against an allow-list and serves a read-only HTTP API" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}" \
      org.opencontainers.image.version="${VERSION}"

COPY --from=build /staging/ /
RUN ["/usr/local/bin/dockerguard", "--version"]

# XDG_CONFIG_HOME=/etc: the allow-list is /etc/dockerguard/allowlist and the settings file
#   /etc/dockerguard/config.yaml (mount them; without an allow-list nothing is acted on).
# XDG_STATE_HOME=/var/lib: the audit log is /var/lib/dockerguard/audit.jsonl (a volume, below).
# DOCKERGUARD_LISTEN: the program binds 127.0.0.1 by default, which is unreachable from outside a
#   container. The environment overrides `listen:` in config.yaml; a --listen flag overrides both.
#   Publish the port on the host's loopback only (-p 127.0.0.1:8080:8080) unless you mean to expose
#   what runs on the host.
ENV XDG_CONFIG_HOME=/etc \
    XDG_STATE_HOME=/var/lib \
    DOCKERGUARD_LISTEN=0.0.0.0:8080 \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/usr/libexec/swift/linux/swift-backtrace-static

# The audit log outlives the container.
VOLUME ["/var/lib/dockerguard"]
EXPOSE 8080

# The user stays root, on purpose: the engine socket is root:docker 0660 and the docker group's ID
# differs from host to host, so no fixed non-root user of the image can open it. Access to the
# socket is root-equivalent on the host anyway, so a non-root user here would protect little.
# To run without uid 0, pass the socket's group: `--user 65534:$(stat -c %g /var/run/docker.sock)`
# and make the audit-log volume writable by that user. Whatever the user, drop every capability
# (`--cap-drop ALL`): as the socket's owner, root needs none of them.

# Liveness: GET /healthz answers 200 while the process runs, whatever the engine does. There is no
# curl or wget in the image and dockerguard has no probe subcommand; bash (already in the base
# image) speaks enough HTTP/1.0 over /dev/tcp to read the status line, so nothing is installed for
# it. It follows the port of DOCKERGUARD_LISTEN (8080 if unset).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["bash", "-c", "listen=${DOCKERGUARD_LISTEN:-:8080}; exec 3<>\"/dev/tcp/127.0.0.1/${listen##*:}\" && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r _ status _ <&3 && [[ $status == 200 ]]"]

ENTRYPOINT ["/usr/local/bin/dockerguard"]
CMD ["run"]
