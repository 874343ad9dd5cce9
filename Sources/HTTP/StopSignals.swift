// SIGTERM and SIGINT turned into a callback, so the process can shut down gracefully instead of dying.

// Dispatch sources are thread-safe objects whose Swift overlay predates Sendable annotations.
@preconcurrency import Dispatch
import Glibc

/// Watches SIGTERM and SIGINT for as long as it is kept alive and calls `onSignal` (on a serial
/// queue of its own) each time one arrives. The signals' default action, ending the process, is
/// switched off while it is installed.
///
/// `@unchecked Sendable`: the sources are created, resumed and then only held; libdispatch's
/// source API is safe from any thread.
public final class StopSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    public init(onSignal: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "groundswell.signals")
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: onSignal)
            source.resume()
            return source
        }
    }
}
