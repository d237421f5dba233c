import DockerEngine
import GuardCore

/// A value that does not fit its key; the loader adds the key and where the value came from.
struct SettingsValueProblem: Error, Sendable, Equatable {
    var reason: String
}

/// Turns the text of a setting (from YAML, an environment variable or a flag) into its value.
///
/// Every layer is read as text so that one set of rules and one set of messages applies to all of them.
enum SettingsValueParser {
    /// One of an enumeration's raw values, in any letter case.
    static func choice<Value: RawRepresentable & CaseIterable>(
        _ text: String
    ) throws(SettingsValueProblem) -> Value where Value.RawValue == String {
        let wanted = text.lowercased()
        if let value = Value.allCases.first(where: { $0.rawValue == wanted }) { return value }
        let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
        throw SettingsValueProblem(reason: "'\(text)' is not one of \(names)")
    }

    /// A whole number no smaller than `minimum`; `unit` names what it counts, for the message.
    static func integer(_ text: String, unit: String, minimum: Int) throws(SettingsValueProblem) -> Int {
        guard let value = Int(text), value >= minimum else {
            let range = minimum == 0 ? "0 or more" : "\(minimum) or more"
            throw SettingsValueProblem(reason: "'\(text)' is not a whole number of \(unit), \(range)")
        }
        return value
    }

    /// `true`/`false`, `yes`/`no`, `on`/`off` or `1`/`0`, in any letter case.
    static func boolean(_ text: String) throws(SettingsValueProblem) -> Bool {
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw SettingsValueProblem(reason: "'\(text)' is not true or false (also yes/no, on/off, 1/0)")
        }
    }

    /// `HOST:PORT`, `[IPv6]:PORT` or `:PORT` with a port from 0 to 65535: the shape the status server
    /// accepts (`ListenAddress`). The host is not resolved.
    static func listenAddress(_ text: String) throws(SettingsValueProblem) -> String {
        guard ListenAddress(text) != nil else {
            // The right shape with a port no socket can have: say that, not that the shape is wrong.
            if let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                !(0...65535).contains(port), ListenAddress(text[..<colon] + ":0") != nil
            {
                throw SettingsValueProblem(reason: "'\(text)': port \(port) is out of range (0 to 65535)")
            }
            throw SettingsValueProblem(reason: "'\(text)' is not HOST:PORT ([IPv6]:PORT, or :PORT for every interface)")
        }
        return text
    }

    /// A Docker engine URL as `DOCKER_HOST` takes it; empty means "not set".
    static func engineURL(_ text: String) throws(SettingsValueProblem) -> String? {
        guard !text.isEmpty else { return nil }
        do {
            _ = try EngineEndpoint(dockerHost: text)
        } catch {
            guard case .invalidEndpoint(_, let reason) = error else { throw SettingsValueProblem(reason: "\(error)") }
            throw SettingsValueProblem(reason: "'\(text)' is not a Docker engine URL: \(reason)")
        }
        return text
    }

    /// Any text but the empty one.
    static func nonEmpty(_ text: String) throws(SettingsValueProblem) -> String {
        guard !text.isEmpty else { throw SettingsValueProblem(reason: "must not be empty") }
        return text
    }
}
