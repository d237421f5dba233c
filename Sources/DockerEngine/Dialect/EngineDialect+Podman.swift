import Foundation

/// What Podman (4.x) reports differently from the Docker engine, made Docker-like.
extension EngineDialect {
    /// Podman names a container's removal `remove` where Docker says `destroy`. Its other extra
    /// verbs (`init`, `cleanup`, `sync`, `mount`) change nothing the guard shows and pass as they are.
    func normalized(_ event: EngineEvent) -> EngineEvent {
        guard isPodman, event.type == "container", event.verb == "remove" else { return event }
        var docker = event
        docker.action = "destroy"
        return docker
    }

    /// Podman keeps a local image (built, imported, committed) as `localhost/NAME:TAG` and resolves
    /// the short name `NAME:TAG` to it: the short name is one more name of the image, so a rule
    /// written for `busybox:local` matches the image Podman calls `localhost/busybox:local`.
    func normalized(_ image: ImageDetails) -> ImageDetails {
        guard isPodman else { return image }
        var names = image
        for tag in image.repoTags where tag.hasPrefix(Self.localPrefix) {
            let short = String(tag.dropFirst(Self.localPrefix.count))
            if !names.repoTags.contains(short) { names.repoTags.append(short) }
        }
        return names
    }

    static let localPrefix = "localhost/"

    /// Podman (4.3) sends `/events`' response head only with the first event, so on a quiet engine
    /// the subscription cannot wait for it: it counts from the request's sending, and a `since` a
    /// little before now makes Podman replay whatever came before it was listening (a few seconds
    /// of history, which the container table ignores as older than what it shows; they also cover
    /// a remote clock a little behind this one). Docker needs none: its head means subscribed.
    func subscriptionSince(now: Date = Date()) -> String? {
        guard isPodman else { return nil }
        let nanos = Int64((now.timeIntervalSince1970 - Self.replayAllowance) * 1e9)
        return EngineEvent.sinceParameter(nanos: nanos)
    }

    static let replayAllowance: TimeInterval = 5
}
