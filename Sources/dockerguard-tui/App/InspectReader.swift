import GuardCore

/// Reads a container's inspect for the inspect view: one request on the engine client's event
/// loop (awaited, never blocking a thread), the answer posted to the feed for the UI thread.
struct InspectReader: Sendable {
    let views: ContainerViews
    let feed: DashboardFeed

    func read(id: String, session: Int) {
        let views = views
        let feed = feed
        Task {
            do {
                let json = try await views.inspectJSON(id)
                feed.post { $0.inspected.append(.init(session: session, json: json)) }
            } catch {
                feed.post { $0.inspected.append(.init(session: session, error: "\(error)")) }
            }
        }
    }
}

/// An inspect (or why there is none) for the UI thread.
struct InspectNews: Sendable {
    var session: Int
    var json: String?
    var error: String?
}
