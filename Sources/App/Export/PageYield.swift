// Makes an export stream hand control back to its connection before each page.

/// Before every page an export stream answers `.wait` once and wakes itself at once, so each
/// page is produced in a fresh turn of the connection's loop.
///
/// Why: the connection stops pulling when its output buffer is full, and if one flush then
/// empties that buffer completely no write event follows, so a stream that never waits is not
/// pulled again and the download stalls (seen at ~270 KB). A woken stream always gets another
/// turn. Remove this once `Connection.process` treats a full-buffer stop like `outputWasFull`.
struct PageYield {
    private var yielded = false

    /// True when the caller should return `.wait` now (`wake` has been called already).
    mutating func now(_ wake: @Sendable () -> Void) -> Bool {
        yielded.toggle()
        if yielded { wake() }
        return yielded
    }
}
