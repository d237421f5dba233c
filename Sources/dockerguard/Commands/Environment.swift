import Foundation

enum Environment {
    static var dockerHost: String? { ProcessInfo.processInfo.environment["DOCKER_HOST"] }
}
