// A connection's unsent output: whole byte arrays queued and written with one gathering sendmsg.

import Glibc

/// Pending output. Bodies are queued by reference (arrays are copy-on-write), so a cached static
/// file is never copied to be sent; `sendmsg` gathers up to 64 pieces per call.
struct OutputQueue {
    private var pieces: [[UInt8]] = []
    /// Bytes of `pieces[0]` already written.
    private var offset = 0
    private(set) var byteCount = 0
    /// Responses queued whose last byte is not yet written.
    private(set) var responseCount = 0
    private var responseEnds: [Int] = []  // for each queued response end: cumulative piece index
    private var piecesWritten = 0

    enum WriteOutcome {
        case progress
        case failed
    }

    var isEmpty: Bool { byteCount == 0 }

    mutating func append(_ bytes: [UInt8], endsResponse: Bool) {
        if !bytes.isEmpty {
            pieces.append(bytes)
            byteCount += bytes.count
        }
        if endsResponse {
            responseEnds.append(piecesWritten + pieces.count)
            responseCount += 1
        }
    }

    mutating func clear() {
        pieces.removeAll()
        offset = 0
        byteCount = 0
        responseCount = 0
        responseEnds.removeAll()
    }

    /// Writes as much as the socket takes without blocking.
    mutating func write(to fd: Int32) -> WriteOutcome {
        while !pieces.isEmpty {
            let count = min(pieces.count, 64)
            var iovecs = [iovec](repeating: iovec(), count: count)
            let result: Socket.WriteResult = withPinnedPieces(count) { bases in
                for index in 0..<count {
                    let skip = index == 0 ? offset : 0
                    iovecs[index] = iovec(iov_base: UnsafeMutableRawPointer(mutating: bases[index] + skip),
                                          iov_len: pieces[index].count - skip)
                }
                return iovecs.withUnsafeMutableBufferPointer { Socket.write(fd, $0) }
            }
            switch result {
            case .wrote(var written):
                byteCount -= written
                while written > 0, let first = pieces.first {
                    let left = first.count - offset
                    if written >= left {
                        written -= left
                        pieces.removeFirst()
                        piecesWritten += 1
                        offset = 0
                    } else {
                        offset += written
                        written = 0
                    }
                }
                while let end = responseEnds.first, end <= piecesWritten {
                    responseEnds.removeFirst()
                    responseCount -= 1
                }
            case .wouldBlock:
                return .progress
            case .failed:
                return .failed
            }
        }
        return .progress
    }

    /// Gives the base addresses of the first `count` pieces, valid for the duration of `body`.
    private func withPinnedPieces<T>(_ count: Int, _ body: ([UnsafeRawPointer]) -> T) -> T {
        var bases: [UnsafeRawPointer] = []
        bases.reserveCapacity(count)
        func pin(_ index: Int) -> T {
            if index == count { return body(bases) }
            return pieces[index].withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { preconditionFailure("an empty piece was queued") }
                bases.append(base)
                return pin(index + 1)
            }
        }
        return pin(0)
    }
}
