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
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if let first = parts.first, isVersion(first) { parts.removeFirst() }
        guard parts.first == "containers" else { return .other }
        if parts.count == 2, parts[1] == "create" { return .create(name: value(of: "name", in: query)) }
        guard parts.count == 3, let reference = decoded(parts[1]), !reference.isEmpty else { return .other }
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
            guard decoded(parts[0]) == key else { continue }
            return parts.count > 1 ? decoded(parts[1]) : ""
        }
        return nil
    }

    private static func decoded(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
