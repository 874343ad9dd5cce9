// Linux epoll and eventfd for the event loop, through the CLinux header module.
import CLinux
import Glibc

/// One epoll instance and the calls the event loop makes on it.
struct Epoll {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    static let error = EPOLLERR.rawValue
    static let hangUp = EPOLLHUP.rawValue
    static let peerClosed = EPOLLRDHUP.rawValue
    static let edgeTriggered = EPOLLET.rawValue

    /// Bytes of one `struct epoll_event` in an array (12 on x86_64, where the kernel packs it).
    static let eventStride = MemoryLayout<epoll_event>.stride

    let fd: Int32

    init() throws {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SocketError(call: "epoll_create1", errno: errno) }
    }

    /// Registers `target` for `events`, tagged with `token` (returned with each of its events).
    func add(_ target: Int32, events: UInt32, token: UInt64) throws {
        try control(EPOLL_CTL_ADD, target, events: events, token: token)
    }

    func modify(_ target: Int32, events: UInt32, token: UInt64) throws {
        try control(EPOLL_CTL_MOD, target, events: events, token: token)
    }

    private func control(_ operation: Int32, _ target: Int32, events: UInt32, token: UInt64) throws {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        guard epoll_ctl(fd, operation, target, &event) == 0 else { throw SocketError(call: "epoll_ctl", errno: errno) }
    }

    /// Waits up to `timeout` milliseconds (-1: no limit) and returns how many events `buffer` holds.
    /// EINTR counts as zero events.
    func wait(into buffer: UnsafeMutableRawBufferPointer, timeout: Int32) -> Int {
        let capacity = Int32(buffer.count / Epoll.eventStride)
        let events = buffer.baseAddress?.assumingMemoryBound(to: epoll_event.self)
        let count = epoll_wait(fd, events, capacity, timeout)
        return count > 0 ? Int(count) : 0
    }

    /// The `(events, token)` of the `index`-th event in `buffer`.
    static func event(at index: Int, in buffer: UnsafeMutableRawBufferPointer) -> (events: UInt32, token: UInt64) {
        let event = buffer.loadUnaligned(fromByteOffset: index * eventStride, as: epoll_event.self)
        return (event.events, event.data.u64)
    }

    /// A non-blocking, close-on-exec eventfd (the loop's wake-up line).
    static func makeEventFD() throws -> Int32 {
        let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw SocketError(call: "eventfd", errno: errno) }
        return fd
    }

    /// How many CPUs this process may run on (`taskset` narrows it); at least 1.
    static func availableCPUs() -> Int {
        Int(clinux_available_cpus())
    }
}
