import Foundation
import TestSupport
import Testing

/// The log, as a reader or a log shipper takes it: one record a line; in JSON, numbers as numbers
/// and times with their zone.
extension RunCommandTests {
    @Test("human log: an allow-list with several errors is one line, and the API says once that it listens")
    func humanLogOneLinePerRecord() async throws {
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host, allowList: "nmae=x\nid=zz\n")
        defer { guardian.terminateInBackground() }
        let logged = await eventually(timeout: .seconds(10)) { guardian.log.contains("allow-list not applied") }
        #expect(logged != nil, "\(guardian.log)")
        let lines = guardian.log.split(separator: "\n")
        // Every line is a record of its own: it begins with its time.
        #expect(lines.allSatisfy { $0.first?.isNumber == true }, "\(guardian.log)")
        let rejected = try #require(lines.first { $0.contains("allow-list not applied") })
        #expect(rejected.contains(":1:1:") && rejected.contains(":2:"), "both errors on the one line: \(rejected)")
        #expect(lines.filter { $0.contains("listening on") }.count == 1, "\(guardian.log)")
        #expect(!guardian.log.contains("Server started"))
    }

    @Test("--log-format json: numbers are JSON numbers and times are RFC 3339 in UTC")
    func jsonLogTypes() async throws {
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: "name=a\nname=b\n", extraArguments: ["--log-format", "json"])
        defer { guardian.terminateInBackground() }
        let logged = await eventually(timeout: .seconds(10)) { guardian.log.contains("allow-list loaded") }
        #expect(logged != nil, "\(guardian.log)")
        let records = try guardian.log.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        let loaded = try #require(records.first { $0["message"] as? String == "allow-list loaded" })
        #expect(loaded["rules"] as? Int == 2, "\(loaded)")
        #expect(!(loaded["rules"] is String))
        let pattern = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/#
        for record in records {
            let time = record["time"] as? String ?? ""
            #expect(time.wholeMatch(of: pattern) != nil, "\(time)")
        }
    }
}
