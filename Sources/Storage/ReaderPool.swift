// A fixed pool of read-only connections, each confined to its own serial queue.
import Dispatch
import Synchronization

/// Reader connections lent out one caller at a time.
///
/// Each reader lives on its own serial queue and is only used inside `queue.sync` on it; a caller
/// first takes a free index (blocking on `available` when all are lent), so no reader is ever
/// used by two callers at once. `@unchecked Sendable`: `readers` is immutable and each
/// connection is confined to its queue; `free` is a Mutex.
final class ReaderPool: @unchecked Sendable {
    private struct Reader {
        let queue: DispatchQueue
        let connection: Connection
    }

    private let readers: [Reader]
    /// Counts the free readers.
    private let available: DispatchSemaphore
    /// Indices of free readers, guarded by its own lock.
    private let free: Mutex<[Int]>

    /// Each reader adds `journal`'s unfolded votes to what it reads, when there is a journal.
    init(options: DatabaseOptions, journal: VoteJournal?) throws {
        var readers: [Reader] = []
        for index in 0..<max(1, options.readerCount) {
            let queue = DispatchQueue(label: "groundswell.storage.reader.\(index)")
            let connection = try queue.sync {
                let connection = try Connection.open(role: .reader, options: options, queue: queue)
                if let journal { connection.attachment = VoteJournalView(journal: journal) }
                return connection
            }
            readers.append(Reader(queue: queue, connection: connection))
        }
        self.readers = readers
        self.available = DispatchSemaphore(value: readers.count)
        self.free = Mutex(Array(readers.indices))
    }

    /// Runs `body` with a free reader on that reader's queue, blocking until one is free.
    func withReader<T>(_ body: (Connection) throws -> T) throws -> T {
        available.wait()
        let index = free.withLock { $0.removeLast() }
        defer {
            free.withLock { $0.append(index) }
            available.signal()
        }
        let reader = readers[index]
        return try reader.queue.sync { try body(reader.connection) }
    }

    /// Waits for every reader to be returned, then closes them all; later reads throw.
    func close() {
        for _ in readers { available.wait() }
        for reader in readers { reader.queue.sync { reader.connection.close() } }
        for _ in readers { available.signal() }
    }
}
