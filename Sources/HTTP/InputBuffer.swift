// A connection's unread input: one growable allocation, read into in place, released when idle.

import Glibc

/// Bytes received but not yet parsed.
///
///     storage: [ consumed | readable (readerIndex..<writerIndex) | spare capacity ]
///
/// Owned by one connection and touched only on its queue. The allocation is freed whenever the
/// buffer drains, so ten thousand idle keep-alive connections hold no buffers at all.
final class InputBuffer {
    private var storage: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var readerIndex = 0
    private(set) var writerIndex = 0

    var readableCount: Int { writerIndex - readerIndex }

    deinit { free(storage) }

    /// Calls `body` with the readable bytes; `body` returns how many it consumed.
    func withReadable<T>(_ body: (UnsafeRawBufferPointer) -> (consumed: Int, result: T)) -> T {
        let readable = UnsafeRawBufferPointer(start: storage.map { $0 + readerIndex }, count: readableCount)
        let (consumed, result) = body(readable)
        consume(consumed)
        return result
    }

    func consume(_ count: Int) {
        precondition(count <= readableCount, "consumed more than was readable")
        readerIndex += count
        if readerIndex == writerIndex { releaseIfEmpty() }
    }

    /// Reserves at least `minimum` writable bytes at the end and returns where to write them.
    func writableSpace(minimum: Int) -> (pointer: UnsafeMutableRawPointer, count: Int) {
        if capacity - writerIndex < minimum {
            if readerIndex > 0 {
                // Compact before growing: the consumed prefix is dead space.
                if let storage, readableCount > 0 { memmove(storage, storage + readerIndex, readableCount) }
                writerIndex -= readerIndex
                readerIndex = 0
            }
            if capacity - writerIndex < minimum {
                capacity = max(capacity * 2, writerIndex + minimum, 4096)
                guard let grown = realloc(storage, capacity) else { fatalError("out of memory growing an input buffer") }
                storage = grown
            }
        }
        guard let storage else { fatalError("input buffer has capacity but no storage") }
        return (storage + writerIndex, capacity - writerIndex)
    }

    func commitWritten(_ count: Int) {
        writerIndex += count
    }

    private func releaseIfEmpty() {
        readerIndex = 0
        writerIndex = 0
        free(storage)
        storage = nil
        capacity = 0
    }
}
