// A repeating Dispatch timer that can be held by Sendable types (heartbeats, phase schedules).
import Dispatch

/// Wraps a `DispatchSourceTimer`. `@unchecked Sendable` is true because libdispatch's source
/// API (schedule, resume, cancel) is safe to call from any thread, and `resumed` is guarded.
/// A source that was never resumed must be resumed before release, which `cancel`/`deinit` do.
final class RepeatingTimer: @unchecked Sendable {
    private let source: any DispatchSourceTimer
    private let lock = DispatchQueue(label: "groundswell.timer.state")
    /// Guarded by `lock`.
    private var resumed = false

    init(label: String) {
        source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: label))
    }

    /// Calls `handler` every `seconds`, the first time after `firstAfter` seconds.
    func start(every seconds: Int, firstAfter: Int, _ handler: @escaping @Sendable () -> Void) {
        lock.sync {
            guard !resumed else { return }
            source.schedule(deadline: .now() + .seconds(firstAfter), repeating: .seconds(seconds))
            source.setEventHandler(handler: handler)
            source.resume()
            resumed = true
        }
    }

    func cancel() {
        lock.sync {
            source.cancel()
            // A suspended source must be resumed before it is released (libdispatch traps otherwise).
            if !resumed {
                source.resume()
                resumed = true
            }
        }
    }

    deinit {
        source.cancel()
        if !resumed { source.resume() }
    }
}
