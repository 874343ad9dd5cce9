// A thin, honest wrapper over the POSIX socket calls the server makes; errno captured at the failing call.

import Glibc

/// A failed system call: its name and the `errno` it left.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let errno: Int32

    public var description: String { "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
}

enum Socket {
    enum AcceptResult {
        case accepted(Int32, address: IPAddress)
        case wouldBlock
        /// Out of descriptors (EMFILE/ENFILE): back off instead of spinning.
        case exhausted
        case failed(SocketError)
    }

    enum ReadResult {
        case bytes(Int)
        case endOfFile
        case wouldBlock
        case failed(Int32)
    }

    enum WriteResult {
        case wrote(Int)
        case wouldBlock
        case failed(Int32)
    }

    /// Binds a non-blocking listening socket. Port 0 picks a free port, returned alongside the descriptor.
    static func listen(host: String, port: Int, backlog: Int32 = 4096) throws -> (fd: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else { throw SocketError(call: "getaddrinfo(\(host))", errno: EINVAL) }
        defer { freeaddrinfo(list) }

        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket", errno: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let error = SocketError(call: "bind(\(host):\(port))", errno: errno)
            Glibc.close(fd)
            throw error
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = SocketError(call: "listen", errno: errno)
            Glibc.close(fd)
            throw error
        }
        setNonBlocking(fd)
        return (fd, boundPort(fd))
    }

    static func accept(_ listener: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.accept(listener, $0, &length)
                }
            }
            if fd >= 0 {
                // accept4 is hidden behind _GNU_SOURCE in Glibc's module; two fcntls do the same.
                setNonBlocking(fd)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                var yes: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
                return .accepted(fd, address: address(&storage))
            }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted
            default: return .failed(SocketError(call: "accept4", errno: errno))
            }
        }
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> ReadResult {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n > 0 { return .bytes(n) }
            if n == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Gathers `chunks` into one `sendmsg` with MSG_NOSIGNAL, so a reset peer is an error, never a SIGPIPE.
    static func write(_ fd: Int32, _ iovecs: UnsafeMutableBufferPointer<iovec>) -> WriteResult {
        var message = msghdr()
        message.msg_iov = iovecs.baseAddress
        message.msg_iovlen = iovecs.count
        while true {
            let n = sendmsg(fd, &message, Int32(MSG_NOSIGNAL))
            if n >= 0 { return .wrote(n) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    static func close(_ fd: Int32) {
        // close(2) must not be retried on EINTR on Linux: the descriptor is already gone.
        _ = Glibc.close(fd)
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Raises the soft descriptor limit towards the hard one and returns the new soft limit.
    static func raiseDescriptorLimit(wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        let target = min(rlim_t(wanted), limit.rlim_max)
        if limit.rlim_cur < target {
            limit.rlim_cur = target
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(limit.rlim_cur)
    }

    private static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// The peer's address, kept in memory for per-address limits only.
    private static func address(_ storage: inout sockaddr_storage) -> IPAddress {
        withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    withUnsafeBytes(of: v4.pointee.sin_addr.s_addr) { IPAddress(ipv4: ($0[0], $0[1], $0[2], $0[3])) }
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    withUnsafeBytes(of: v6.pointee.sin6_addr) { IPAddress(ipv6: Array($0)) }
                }
            default:
                return .unknown
            }
        }
    }
}
