internal import Configuration
import Synchronization

/// Learns, from swift-configuration's access events, which provider answered each key.
///
/// A `ConfigReader` asks its providers in order and stops at the first that has a value or throws;
/// the event lists each provider's answer in that order, so the index of the deciding answer is the layer.
final class SettingsSourceRecorder: AccessReporter {
    /// The deciding answer for one key.
    struct Answer: Sendable, Equatable {
        /// The index of the provider, in the order given to the reader.
        var providerIndex: Int
        /// What the provider threw, if it threw instead of answering.
        var failure: String?
    }

    private let answers = Mutex<[String: Answer]>([:])

    func report(_ event: AccessEvent) {
        let key = event.metadata.key.description
        for (index, providerResult) in event.providerResults.enumerated() {
            switch providerResult.result {
            case .success(let lookup) where lookup.value == nil:
                continue
            case .success:
                answers.withLock { $0[key] = Answer(providerIndex: index, failure: nil) }
            case .failure(let error):
                answers.withLock { $0[key] = Answer(providerIndex: index, failure: "\(error)") }
            }
            return
        }
        answers.withLock { $0[key] = nil }
    }

    /// The deciding answer for `key`, or nil when no provider had a value.
    func answer(for key: String) -> Answer? {
        answers.withLock { $0[key] }
    }
}
