// Linux epoll and eventfd, called through their C symbols: Swift's Glibc module does not export <sys/epoll.h>.

import Glibc

/// One epoll instance and the calls the event loop makes on it.
///
/// Glibc's Swift module map leaves out `<sys/epoll.h>`, `<sys/eventfd.h>` and `sched_getaffinity`,
/// and Package.swift (fixed) has no shim target for them, so the functions are looked up once with
/// `dlsym` and called through `@convention(c)` pointers — the C calling convention, exactly as a
/// header would give. The constants below are Linux's ABI values (stable since 2.6).
struct Epoll {
    static let readable: UInt32 = 0x001  // EPOLLIN
    static let writable: UInt32 = 0x004  // EPOLLOUT
    static let error: UInt32 = 0x008  // EPOLLERR
    static let hangUp: UInt32 = 0x010  // EPOLLHUP
    static let peerClosed: UInt32 = 0x2000  // EPOLLRDHUP
    static let edgeTriggered: UInt32 = 1 << 31  // EPOLLET

    /// One `struct epoll_event`: packed to 12 bytes on x86_64, naturally aligned (16) elsewhere.
    #if arch(x86_64)
    static let eventStride = 12
    static let dataOffset = 4
    #else
    static let eventStride = 16
    static let dataOffset = 8
    #endif

    private typealias CreateFunction = @convention(c) (Int32) -> Int32
    private typealias ControlFunction = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias WaitFunction = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    private typealias EventFDFunction = @convention(c) (UInt32, Int32) -> Int32
    private typealias AffinityFunction = @convention(c) (Int32, Int, UnsafeMutableRawPointer?) -> Int32

    private struct Calls {
        let create: CreateFunction
        let control: ControlFunction
        let wait: WaitFunction
        let eventFD: EventFDFunction
        let affinity: AffinityFunction
    }

    /// Resolved once; immutable afterwards. A libc without these symbols is not Linux: trap at start-up.
    private static let calls: Calls = {
        func symbol<T>(_ name: String, _ type: T.Type) -> T {
            guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
                fatalError("libc has no \(name): the HTTP server needs Linux")
            }
            return unsafeBitCast(pointer, to: type)
        }
        return Calls(create: symbol("epoll_create1", CreateFunction.self),
                     control: symbol("epoll_ctl", ControlFunction.self),
                     wait: symbol("epoll_wait", WaitFunction.self),
                     eventFD: symbol("eventfd", EventFDFunction.self),
                     affinity: symbol("sched_getaffinity", AffinityFunction.self))
    }()

    let fd: Int32

    init() throws {
        fd = Epoll.calls.create(0o2_000_000)  // EPOLL_CLOEXEC
        guard fd >= 0 else { throw SocketError(call: "epoll_create1", errno: errno) }
    }

    /// Registers `target` for `events`, tagged with `token` (returned with each of its events).
    func add(_ target: Int32, events: UInt32, token: UInt64) throws {
        try control(1, target, events: events, token: token)  // EPOLL_CTL_ADD
    }

    func modify(_ target: Int32, events: UInt32, token: UInt64) throws {
        try control(3, target, events: events, token: token)  // EPOLL_CTL_MOD
    }

    private func control(_ operation: Int32, _ target: Int32, events: UInt32, token: UInt64) throws {
        var event = [UInt8](repeating: 0, count: Epoll.eventStride)
        event.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            bytes.storeBytes(of: token, toByteOffset: Epoll.dataOffset, as: UInt64.self)
        }
        let status = event.withUnsafeMutableBytes { Epoll.calls.control(fd, operation, target, $0.baseAddress) }
        guard status == 0 else { throw SocketError(call: "epoll_ctl", errno: errno) }
    }

    /// Waits up to `timeout` milliseconds (-1: no limit) and returns how many events `buffer` holds.
    /// EINTR counts as zero events.
    func wait(into buffer: UnsafeMutableRawBufferPointer, timeout: Int32) -> Int {
        let capacity = Int32(buffer.count / Epoll.eventStride)
        let count = Epoll.calls.wait(fd, buffer.baseAddress, capacity, timeout)
        return count > 0 ? Int(count) : 0
    }

    /// The `(events, token)` of the `index`-th event in `buffer`.
    static func event(at index: Int, in buffer: UnsafeMutableRawBufferPointer) -> (events: UInt32, token: UInt64) {
        let base = index * eventStride
        return (buffer.loadUnaligned(fromByteOffset: base, as: UInt32.self),
                buffer.loadUnaligned(fromByteOffset: base + dataOffset, as: UInt64.self))
    }

    /// A non-blocking, close-on-exec eventfd (the loop's wake-up line).
    static func makeEventFD() throws -> Int32 {
        let fd = calls.eventFD(0, 0o4000 | 0o2_000_000)  // EFD_NONBLOCK | EFD_CLOEXEC
        guard fd >= 0 else { throw SocketError(call: "eventfd", errno: errno) }
        return fd
    }

    /// How many CPUs this process may run on (`taskset` narrows it); at least 1.
    static func availableCPUs() -> Int {
        var mask = [UInt64](repeating: 0, count: 16)  // a cpu_set_t: 1,024 bits
        let status = mask.withUnsafeMutableBytes { calls.affinity(0, $0.count, $0.baseAddress) }
        guard status == 0 else { return 1 }
        return max(1, mask.reduce(0) { $0 + $1.nonzeroBitCount })
    }
}
