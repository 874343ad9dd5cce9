// A small raw-HTTP test client over a blocking loopback socket: send exact bytes, read exact responses.
// Shared by the HTTP and App suites.

import Glibc
import HTTP

/// A parsed response as the tests see it.
public struct RawResponse {
    public var status: Int
    public var headers: Headers
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
}

public enum RawClientError: Error {
    case connect(Int32)
    case closed
    case malformed(String)
    case timeout
}

/// One TCP connection to the server under test. Blocking reads with a receive timeout, so a
/// test that waits for an answer that never comes fails instead of hanging.
/// `@unchecked Sendable`: a test uses it from one thread, except that one thread may send while
/// another receives, which the kernel allows on a socket; the read buffer is touched only by the reader.
public final class RawClient: @unchecked Sendable {
    public let fd: Int32
    private var buffer: [UInt8] = []

    /// `from` binds the client's end to another loopback address first (`127.0.0.2`): a second
    /// client address for tests of per-address limits, as all of 127/8 is loopback on Linux.
    public init(port: Int, timeoutSeconds: Int = 10, from source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let error = errno
                Glibc.close(fd)
                throw RawClientError.connect(error)
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            let error = errno
            Glibc.close(fd)
            throw RawClientError.connect(error)
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(fd) }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawClientError.closed }
            offset += n
        }
    }

    /// Reads until the peer closes (or the timeout); returns everything read.
    public func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// True when the server has closed the connection (a read returns end of file).
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Sends SO_LINGER 0 and closes: the server sees a reset.
    public func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Reads one response. `head` true for a response to HEAD (no body whatever the length says).
    public func readResponse(head: Bool = false) throws -> RawResponse {
        let headEnd = try readUntil([13, 10, 13, 10])
        let headText = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw RawClientError.malformed(headText) }
        var headers = Headers()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw RawClientError.malformed(line) }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingOWS)
        }
        if status == 100 { return try readResponse(head: head) }
        var body: [UInt8] = []
        if head || status == 204 || status == 304 {
            // no body
        } else if headers["Transfer-Encoding"] == "chunked" {
            while true {
                let lineEnd = try readUntil([13, 10])
                let size = Int(String(decoding: buffer[0..<lineEnd], as: UTF8.self), radix: 16) ?? -1
                buffer.removeFirst(lineEnd + 2)
                guard size >= 0 else { throw RawClientError.malformed("chunk size") }
                try readAtLeast(size + 2)
                body += buffer[0..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { break }
            }
        } else if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            try readAtLeast(length)
            body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            body = try readToEnd()
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= marker.count {
                for index in searchFrom...(buffer.count - marker.count) where buffer[index..<(index + marker.count)].elementsEqual(marker) {
                    return index
                }
                searchFrom = buffer.count - marker.count + 1
            }
            guard try fill() else { throw RawClientError.closed }
        }
    }

    private func readAtLeast(_ count: Int) throws {
        while buffer.count < count {
            guard try fill() else { throw RawClientError.closed }
        }
    }

    /// Reads what is available; false at end of file.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 {
            buffer += chunk[0..<n]
            return true
        }
        if n == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw RawClientError.timeout }
        if errno == ECONNRESET { return false }
        throw RawClientError.closed
    }
}

extension RawClient {
    /// Reads whatever bytes arrive next (for event streams); throws `timeout` if none come.
    public func readAvailable() throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { return Array(chunk[0..<n]) }
        if n == 0 { throw RawClientError.closed }
        throw RawClientError.timeout
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingOWS: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
