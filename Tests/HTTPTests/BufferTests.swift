// A connection's input buffer and output queue: growth, compaction and release; partial writes and response counts.
import Glibc
import Testing
@testable import HTTP

@Suite struct InputBufferTests {
    private func write(_ text: String, into buffer: InputBuffer) {
        let bytes = Array(text.utf8)
        let space = buffer.writableSpace(minimum: bytes.count)
        #expect(space.count >= bytes.count)
        bytes.withUnsafeBytes { space.pointer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        buffer.commitWritten(bytes.count)
    }

    private func readable(_ buffer: InputBuffer) -> String {
        buffer.withReadable { bytes in (0, String(decoding: bytes, as: UTF8.self)) }
    }

    @Test func readsWhatWasWrittenAndConsumesFromTheFront() {
        let buffer = InputBuffer()
        #expect(buffer.readableCount == 0 && readable(buffer).isEmpty)
        write("GET / HTTP/1.1\r\n", into: buffer)
        write("Host: t\r\n", into: buffer)
        #expect(readable(buffer) == "GET / HTTP/1.1\r\nHost: t\r\n")
        let first = buffer.withReadable { bytes -> (consumed: Int, result: String) in
            (4, String(decoding: bytes.prefix(3), as: UTF8.self))
        }
        #expect(first == "GET")
        #expect(readable(buffer) == "/ HTTP/1.1\r\nHost: t\r\n")
        #expect(buffer.readerIndex == 4)
    }

    @Test func drainingReleasesTheAllocation() {
        let buffer = InputBuffer()
        write("abc", into: buffer)
        buffer.consume(3)
        #expect(buffer.readerIndex == 0 && buffer.writerIndex == 0 && buffer.readableCount == 0)
        write("de", into: buffer)  // a fresh allocation after the release
        #expect(readable(buffer) == "de")
    }

    /// A consumed prefix is reclaimed before the buffer grows: what is left moves to the front intact.
    @Test func compactsBeforeGrowing() {
        let buffer = InputBuffer()
        let chunk = String(repeating: "x", count: 3000)
        write(chunk, into: buffer)
        write("tail", into: buffer)
        buffer.consume(3000)
        #expect(buffer.readerIndex == 3000)
        let space = buffer.writableSpace(minimum: 2000)
        #expect(buffer.readerIndex == 0 && buffer.writerIndex == 4, "compacted")
        #expect(space.count >= 2000)
        #expect(readable(buffer) == "tail")
        write(String(repeating: "y", count: 2000), into: buffer)
        #expect(readable(buffer) == "tail" + String(repeating: "y", count: 2000))
    }

    @Test func growsPastItsCapacityKeepingTheBytes() {
        let buffer = InputBuffer()
        var expected = ""
        for index in 0..<100 {
            let piece = String(repeating: Character(String(index % 10)), count: 997)
            write(piece, into: buffer)
            expected += piece
        }
        #expect(buffer.readableCount == 99_700)
        #expect(readable(buffer) == expected)
    }
}

@Suite struct OutputQueueTests {
    /// A connected pair of non-blocking stream sockets with small buffers, so writes come out partial.
    private func socketPair() throws -> (writer: Int32, reader: Int32) {
        var fds: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else { throw Failure("socketpair: \(errno)") }
        var small: Int32 = 4096
        setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return (fds[0], fds[1])
    }

    struct Failure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Reads what is there without blocking.
    private func drain(_ fd: Int32, into received: inout [UInt8]) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { return }
            received += chunk[0..<n]
        }
    }

    @Test func partialWritesKeepOrderAndCountResponsesAsTheyEnd() throws {
        let (writer, reader) = try socketPair()
        defer {
            close(writer)
            close(reader)
        }
        var queue = OutputQueue()
        let first = [UInt8](repeating: 65, count: 300_000)  // larger than the socket buffers
        let head = Array("HEAD\r\n".utf8)
        let second = [UInt8](repeating: 66, count: 100_000)
        queue.append(first, endsResponse: true)
        queue.append(head, endsResponse: false)
        queue.append([], endsResponse: false)  // an empty piece is not queued
        queue.append(second, endsResponse: true)
        #expect(queue.byteCount == 400_006 && queue.responseCount == 2 && !queue.isEmpty)

        var received: [UInt8] = []
        var rounds = 0
        var sawPartial = false
        while !queue.isEmpty {
            rounds += 1
            #expect(rounds < 10_000, "no progress")
            guard rounds < 10_000 else { break }
            guard case .progress = queue.write(to: writer) else { throw Failure("write failed") }
            if !queue.isEmpty { sawPartial = true }
            drain(reader, into: &received)
            let sent = 400_006 - queue.byteCount
            #expect(received.count <= sent)
            // A response is counted until its last byte is written.
            #expect(queue.responseCount == (sent < 300_000 ? 2 : sent < 400_006 ? 1 : 0))
        }
        drain(reader, into: &received)
        #expect(sawPartial, "the socket buffers took everything at once; the test needs partial writes")
        #expect(received == first + head + second)
        #expect(queue.responseCount == 0 && queue.byteCount == 0)
    }

    @Test func aClosedPeerFailsTheWrite() throws {
        let (writer, reader) = try socketPair()
        close(reader)
        defer { close(writer) }
        var queue = OutputQueue()
        queue.append(Array("lost".utf8), endsResponse: true)
        guard case .failed = queue.write(to: writer) else {
            Issue.record("a write to a closed peer did not fail (MSG_NOSIGNAL: no SIGPIPE either)")
            return
        }
    }

    @Test func clearForgetsEverything() {
        var queue = OutputQueue()
        queue.append(Array("abc".utf8), endsResponse: true)
        queue.clear()
        #expect(queue.isEmpty && queue.responseCount == 0 && queue.byteCount == 0)
    }
}

@Suite struct DeadlineHeapTests {
    @Test func popsDueEntriesEarliestFirstAndKeepsTheRest() {
        var heap = DeadlineHeap<String>()
        #expect(heap.earliest == nil && heap.popDue(now: .max) == nil)
        var generator = SystemRandomNumberGenerator()
        var moments = (0..<200).map { _ in UInt64.random(in: 1...1_000, using: &generator) }
        for (index, moment) in moments.enumerated() { heap.insert(at: moment, "c\(index)") }
        #expect(heap.count == 200)
        moments.sort()
        #expect(heap.earliest == moments.first)
        var popped: [UInt64] = []
        while let entry = heap.popDue(now: 500) { popped.append(entry.at) }
        #expect(popped == moments.filter { $0 <= 500 })
        #expect(heap.earliest.map { $0 > 500 } ?? true)
        while let entry = heap.popDue(now: .max) { popped.append(entry.at) }
        #expect(popped == moments)
        #expect(heap.count == 0)
    }

    @Test func equalMomentsAllPopAndNothingIsDueEarly() {
        var heap = DeadlineHeap<Int>()
        for connection in 0..<5 { heap.insert(at: 10, connection) }
        heap.insert(at: 11, 99)
        #expect(heap.popDue(now: 9) == nil)
        var due: [Int] = []
        while let entry = heap.popDue(now: 10) { due.append(entry.connection) }
        #expect(due.sorted() == [0, 1, 2, 3, 4])
        #expect(heap.popDue(now: 11)?.connection == 99)
        heap.insert(at: 3, 7)
        heap.removeAll()
        #expect(heap.count == 0 && heap.earliest == nil)
    }
}
