// A bounded, thread-safe cache whose entries are valid for one database data version.
import Dispatch
import Synchronization

/// Values computed from the database, each stored with the `Database.dataVersion` read before the
/// read that produced it, and returned only while the version is still the current one.
///
/// Bounded by entry count and by an estimate of bytes (`cost` of each value). Entries of older
/// versions can never be returned again and are dropped first; then the least recently used.
///
/// `value(for:version:computing:)` computes a missing value once per key and version: callers that
/// miss while another computes it wait for that value instead of computing it again (after each
/// write, every request in flight missed at once and each re-read the same rows; issue 26).
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// How large the cache may grow. A value costing more than `maxBytes` is not stored.
    struct Limits: Sendable {
        /// Entries kept at most.
        var maxEntries: Int
        /// Sum of the entries' `cost`, in bytes, kept at most.
        var maxBytes: Int
    }

    private struct Entry {
        var version: Int
        var value: Value
        var cost: Int
        var lastUse: UInt64
    }

    /// A value being computed: those who wait for it wait on `done`, left once it is stored or failed.
    private final class Flight: Sendable {
        let version: Int
        let done = DispatchGroup()

        init(version: Int) {
            self.version = version
            done.enter()
        }
    }

    /// What a caller of `value(for:version:computing:)` does next.
    private enum Step {
        case hit(Value)
        case wait(Flight)
        case compute(Flight)
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        /// The computation in progress per key, if any.
        var flights: [Key: Flight] = [:]
    }

    let limits: Limits
    private let cost: @Sendable (Value) -> Int
    /// Guarded by its own lock; held only for dictionary work, never while reading the database.
    private let state = Mutex(State())

    init(limits: Limits, cost: @escaping @Sendable (Value) -> Int) {
        self.limits = limits
        self.cost = cost
    }

    /// The value stored for `key` at exactly `version`, if any.
    func value(for key: Key, version: Int) -> Value? {
        state.withLock { state in
            guard var entry = state.entries[key], entry.version == version else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry.value
        }
    }

    /// The value for `key` at `version`: stored, computed by another caller meanwhile (waiting for
    /// it), or computed here by `compute` and stored. A caller whose `compute` throws stores
    /// nothing; one waiting for it then computes for itself.
    func value(for key: Key, version: Int, computing compute: () throws -> Value) rethrows -> Value {
        while true {
            let step = state.withLock { state -> Step in
                if var entry = state.entries[key], entry.version == version {
                    state.clock += 1
                    entry.lastUse = state.clock
                    state.entries[key] = entry
                    return .hit(entry.value)
                }
                if let flight = state.flights[key], flight.version == version { return .wait(flight) }
                // A computation for another version goes on; this one replaces it as the one to wait for.
                let flight = Flight(version: version)
                state.flights[key] = flight
                return .compute(flight)
            }
            switch step {
            case .hit(let value):
                return value
            case .wait(let flight):
                flight.done.wait()
            case .compute(let flight):
                defer {
                    state.withLock { state in
                        if state.flights[key] === flight { state.flights[key] = nil }
                    }
                    flight.done.leave()
                }
                let value = try compute()
                store(value, for: key, version: version)
                return value
            }
        }
    }

    /// Stores `value` computed at `version`, unless a newer one is there already.
    func store(_ value: Value, for key: Key, version: Int) {
        let size = cost(value)
        guard size <= limits.maxBytes, limits.maxEntries > 0 else { return }
        state.withLock { state in
            if let old = state.entries[key] {
                guard old.version <= version else { return }
                state.bytes -= old.cost
                state.entries[key] = nil
            }
            Self.dropOlder(than: version, in: &state)
            while state.entries.count >= limits.maxEntries || state.bytes + size > limits.maxBytes {
                guard let victim = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else { break }
                state.bytes -= victim.value.cost
                state.entries[victim.key] = nil
            }
            state.clock += 1
            state.entries[key] = Entry(version: version, value: value, cost: size, lastUse: state.clock)
            state.bytes += size
        }
    }

    /// Entries held and the sum of their costs, for tests and metrics.
    var usage: (entries: Int, bytes: Int) { state.withLock { ($0.entries.count, $0.bytes) } }

    private static func dropOlder(than version: Int, in state: inout State) {
        guard state.entries.values.contains(where: { $0.version < version }) else { return }
        state.entries = state.entries.filter { $0.value.version >= version }
        state.bytes = state.entries.values.reduce(0) { $0 + $1.cost }
    }
}
