import Foundation

/// Which API call the engine asks about, from its method and raw URI. Only the calls that can make
/// a container run are judged; every other call is ``other`` and allowed at once.
public enum AuthzRoute: Sendable, Equatable {
    /// `POST /containers/create?name=…`.
    case create(name: String?)
    /// `POST /containers/{id}/start`, `/restart`, `/unpause`: `{id}` is an ID, an ID prefix or a name.
    case start(String)
    case restart(String)
    case unpause(String)
    /// `POST /containers/{id}/rename?name=…`.
    case rename(String, newName: String?)
    case other

    /// The `endpoint` label of the plugin's metrics.
    public var endpoint: String {
        switch self {
        case .create: "create"
        case .start: "start"
        case .restart: "restart"
        case .unpause: "unpause"
        case .rename: "rename"
        case .other: "other"
        }
    }

    public static func parse(method: String, uri: String) -> AuthzRoute {
        guard method == "POST" else { return .other }
        let (path, query) = split(uri)
        // The URI is raw, but the engine routes on the decoded path: `/%63ontainers/create` is a create.
        // A component that does not decode is not a route the engine serves.
        var parts: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let part = decoded(raw) else { return .other }
            parts.append(part)
        }
        if let first = parts.first, isVersion(Substring(first)) { parts.removeFirst() }
        guard parts.first == "containers" else { return .other }
        if parts.count == 2, parts[1] == "create" { return .create(name: value(of: "name", in: query)) }
        guard parts.count == 3, !parts[1].isEmpty else { return .other }
        let reference = parts[1]
        switch parts[2] {
        case "start": return .start(reference)
        case "restart": return .restart(reference)
        case "unpause": return .unpause(reference)
        case "rename": return .rename(reference, newName: value(of: "name", in: query))
        default: return .other
        }
    }

    private static func split(_ uri: String) -> (Substring, Substring) {
        guard let mark = uri.firstIndex(of: "?") else { return (Substring(uri), "") }
        return (uri[..<mark], uri[uri.index(after: mark)...])
    }

    /// `v1.41`.
    private static func isVersion(_ part: Substring) -> Bool {
        part.first == "v" && part.count > 1 && part.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    }

    /// The first value of `key` in a query string, percent-decoded.
    static func value(of key: String, in query: Substring) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decoded(parts[0], plusIsSpace: true) == key else { continue }
            return parts.count > 1 ? decoded(parts[1], plusIsSpace: true) : ""
        }
        return nil
    }

    /// Percent-decoded; `+` is a space only in the query, as Go's url package reads it.
    private static func decoded(_ text: Substring, plusIsSpace: Bool = false) -> String? {
        guard text.contains("%") || (plusIsSpace && text.contains("+")) else { return String(text) }
        let text = plusIsSpace ? String(text).replacingOccurrences(of: "+", with: " ") : String(text)
        return text.removingPercentEncoding
    }
}
