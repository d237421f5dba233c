import DockerEngine
import GuardRuntime
import Testing

@Suite struct DockerCLIEndpointTests {
    @Test("the docker CLI's flags name the resolved endpoint and its TLS files")
    func flags() {
        let socket = ResolvedEndpoint(endpoint: .unix(path: "/run/x.sock"), source: .defaultSocket)
        #expect(DockerCLIEndpoint(socket).exec("abc") == ["-H", "unix:///run/x.sock", "exec", "-it", "abc", "sh"])
        let tls = ResolvedEndpoint(
            endpoint: .tcp(host: "10.0.0.5", port: 2376),
            tls: EngineTLS(caFile: "/c/ca.pem", certFile: "/c/cert.pem", keyFile: "/c/key.pem"),
            source: .contextFlag("prod"))
        #expect(
            DockerCLIEndpoint(tls).arguments == [
                "-H", "tcp://10.0.0.5:2376", "--tlsverify", "--tlscacert", "/c/ca.pem", "--tlscert", "/c/cert.pem",
                "--tlskey", "/c/key.pem",
            ])
        let skip = ResolvedEndpoint(
            endpoint: .tcp(host: "h", port: 2376), tls: EngineTLS(verifyServer: false), source: .environmentHost)
        #expect(DockerCLIEndpoint(skip).arguments == ["-H", "tcp://h:2376", "--tls"])
        let ssh = ResolvedEndpoint(
            endpoint: .ssh(SSHDestination(user: "ops", host: "box", port: 2222)), source: .environmentHost)
        #expect(DockerCLIEndpoint(ssh).arguments == ["-H", "ssh://ops@box:2222"])
        #expect(DockerCLIEndpoint.clearedEnvironment.contains("DOCKER_CONTEXT"))
    }
}
