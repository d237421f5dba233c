import Logging

extension Logger {
    /// A logger that drops everything, so test output shows only test results.
    public static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
}
