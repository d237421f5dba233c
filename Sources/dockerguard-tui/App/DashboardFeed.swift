import GuardCore
import GuardTUI
import Synchronization

/// The mailbox between the async world (store, policy, enforcer, API, signals) and the UI thread.
/// Writers post and wake the UI thread; the UI thread takes everything at once per wake-up, so
/// a burst of engine events costs one frame.
final class DashboardFeed: Sendable {
    struct Inbox: Sendable {
        var snapshot: ContainerSnapshot?
        var policy: PolicyState.Current?
        var enforcer: EnforcerStatus?
        var api: APIStatus?
        var refused: [RefusedCreate]?
        var timeline: [AuditRecord]?
        var resources: [String: ResourceSample]?
        var events: [AppEvent] = []
        /// The logs view's lines and its stream's end, in order.
        var logs: [LogNews] = []
        /// Inspects read for the inspect view.
        var inspected: [InspectNews] = []
        var quitRequested = false
        /// SIGWINCH arrived.
        var resized = false
    }

    private let inbox = Mutex(Inbox())
    let wake = WakePipe()

    func post(_ change: (inout Inbox) -> Void) {
        inbox.withLock { change(&$0) }
        wake.signal()
    }

    /// Everything posted since the last call.
    func take() -> Inbox {
        inbox.withLock { inbox in
            let taken = inbox
            inbox = Inbox(quitRequested: inbox.quitRequested)
            return taken
        }
    }

    /// Follows the store, the allow-list, the enforcer and the plugin's refusals until cancelled.
    func follow(
        store: ContainerStore, policy: PolicyState, enforcer: Enforcer, refused: RefusedCreates,
        timeline: DecisionTimeline
    ) async {
        await withDiscardingTaskGroup { group in
            group.addTask { for await entries in timeline.entries.changes() { self.post { $0.timeline = entries } } }
            group.addTask { for await list in refused.entries.changes() { self.post { $0.refused = list } } }
            group.addTask { for await snapshot in store.snapshots() { self.post { $0.snapshot = snapshot } } }
            group.addTask { for await current in policy.changes() { self.post { $0.policy = current } } }
            group.addTask { for await status in enforcer.status.changes() { self.post { $0.enforcer = status } } }
        }
    }
}
