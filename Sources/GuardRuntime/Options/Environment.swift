import Foundation

public enum Environment {
    public static var dockerHost: String? { ProcessInfo.processInfo.environment["DOCKER_HOST"] }
}
