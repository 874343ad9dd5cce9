// An event loop's pending connection deadlines, earliest first: the loop's timer instead of one timer per connection.

/// A binary min-heap of `(moment, connection)`. Entries are never removed early: a connection
/// whose deadline moved, or that closed, simply ignores its stale entry when it pops (it keeps
/// `timerArmedAt` to tell). Confined to its loop's thread. Generic over what it holds so that it
/// can be tested without connections; the loop holds `Connection`s.
struct DeadlineHeap<Element> {
    private var entries: [(at: UInt64, connection: Element)] = []

    var earliest: UInt64? { entries.first?.at }
    var count: Int { entries.count }

    mutating func insert(at moment: UInt64, _ connection: Element) {
        entries.append((moment, connection))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].at < entries[parent].at else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(now: UInt64) -> (at: UInt64, connection: Element)? {
        guard let first = entries.first, first.at <= now else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].at < entries[smallest].at { smallest = left }
            if right < entries.count, entries[right].at < entries[smallest].at { smallest = right }
            guard smallest != parent else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }

    mutating func removeAll() { entries.removeAll() }
}
