import DockerEngine
import Foundation
import GuardCore
import Testing

/// Issue 13 item 14: ports, mounts and networks from an inspect answer, worded as `docker ps` does.
@Suite struct ContainerAttachmentsTests {
    @Test func portsMountsAndNetworksFromInspect() throws {
        let json = """
            {"Id": "abc", "Name": "/web", "Created": "2026-11-25T10:00:00Z", "Image": "sha256:1",
             "Config": {"Image": "nginx"}, "State": {"Status": "running", "Running": true, "Paused": false,
             "Restarting": false},
             "Mounts": [{"Type": "bind", "Source": "/srv/www", "Destination": "/usr/share/nginx/html", "RW": false},
                        {"Type": "volume", "Name": "cache", "Source": "/var/lib/docker/volumes/cache/_data",
                         "Destination": "/cache", "RW": true}],
             "NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "443/tcp": null},
                                 "Networks": {"frontend": {"IPAddress": "172.18.0.2"}, "bridge": {}}}}
            """
        let details = try JSONDecoder().decode(ContainerDetails.self, from: Data(json.utf8))
        let record = ContainerRecord(details)
        #expect(record.ports == ["0.0.0.0:8080->80/tcp", "443/tcp"])
        #expect(record.mounts == ["/srv/www:/usr/share/nginx/html:ro", "cache:/cache"])
        #expect(record.networks == ["bridge", "frontend"])
    }

    /// The third trial: a container created and never started has no exit code (the engine says 0).
    @Test func exitCodeOnlyOnceItRan() throws {
        func record(_ status: String, startedAt: String) throws -> ContainerRecord {
            let json = """
                {"Id": "abc", "Name": "/job", "Created": "2026-11-25T10:00:00Z", "Image": "sha256:1",
                 "Config": {"Image": "busybox"},
                 "State": {"Status": "\(status)", "Running": false, "Paused": false, "Restarting": false,
                           "ExitCode": 0, "StartedAt": "\(startedAt)", "FinishedAt": "\(startedAt)"}}
                """
            return ContainerRecord(try JSONDecoder().decode(ContainerDetails.self, from: Data(json.utf8)))
        }
        #expect(try record("created", startedAt: "0001-01-01T00:00:00Z").exitCode == nil)
        #expect(try record("exited", startedAt: "2026-11-25T10:00:01Z").exitCode == 0)
    }
}
