// The server's metrics: requests by route, the writer's commits, and gauges read when scraped.
import CoreMetrics
import HTTP
import Prometheus
import Storage
import Synchronization

/// Everything `GET /metrics` reports, in Prometheus' text format.
///
/// Counters and histograms are fed as the work happens — by the HTTP server (`ServerObserver`) and
/// the writer (`StorageObserver`) — through the swift-metrics API with the factory made here from
/// this instance's own registry: there is no global `MetricsSystem`, so every `Application` (and
/// every test) has metrics of its own. Gauges are read from their sources when scraped (`watch`).
///
/// Privacy: labels are route patterns, methods and statuses only — never a path, an id, a slug, an
/// address or a token — and no metric counts anything per person.
public final class AppMetrics: ServerObserver, StorageObserver, Sendable {
    private let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory

    private struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct RequestMetrics {
        let count: CoreMetrics.Counter
        let duration: CoreMetrics.Timer
    }

    /// Guarded by its own lock: a counter and a latency histogram per method, route and status seen.
    private let requests = Mutex<[RequestKey: RequestMetrics]>([:])
    private let batchSize: CoreMetrics.Recorder
    private let commitDuration: CoreMetrics.Timer

    private struct Watched {
        let gauge: CoreMetrics.Meter
        let read: @Sendable () -> Int
    }

    /// Guarded by its own lock: the gauges and where their values come from.
    private let watched = Mutex<[Watched]>([])

    static let requestsTotal = "groundswell_http_requests_total"
    static let requestDuration = "groundswell_http_request_duration_seconds"
    static let batchSizeName = "groundswell_writer_batch_size"
    static let commitDurationName = "groundswell_writer_commit_duration_seconds"

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Request latency from 0.5 ms (a static file) to 10 s (a large export's first page).
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        // A COMMIT is one fsync: tens of microseconds on a fast disk, up to a second on a struggling one.
        factory.durationHistogramBuckets[Self.commitDurationName] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        // Write requests per transaction, up to `DatabaseOptions.maxBatch` (512).
        factory.valueHistogramBuckets[Self.batchSizeName] = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
        self.factory = factory
        batchSize = CoreMetrics.Recorder(label: Self.batchSizeName, factory: factory)
        commitDuration = CoreMetrics.Timer(label: Self.commitDurationName, factory: factory)
    }

    /// Reports `read()` as the gauge `name` at every scrape. Call while setting up, before serving.
    func watch(_ name: String, _ read: @escaping @Sendable () -> Int) {
        let gauge = CoreMetrics.Meter(label: name, factory: factory)
        watched.withLock { $0.append(Watched(gauge: gauge, read: read)) }
    }

    /// The text exposition format, gauges read now.
    /// <https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format>
    func exposition() -> [UInt8] {
        for item in watched.withLock({ $0 }) { item.gauge.set(item.read()) }
        return registry.emitToBuffer()
    }

    public func responded(method: HTTPMethod?, route: String?, status: Int, nanoseconds: UInt64) {
        let key = RequestKey(method: method?.rawValue ?? "none", route: route ?? "unmatched", status: status)
        let metrics = requests.withLock { known in
            if let found = known[key] { return found }
            let labels = [("method", key.method), ("route", key.route), ("status", String(key.status))]
            let made = RequestMetrics(
                count: CoreMetrics.Counter(label: Self.requestsTotal, dimensions: labels, factory: factory),
                duration: CoreMetrics.Timer(label: Self.requestDuration, dimensions: labels, factory: factory))
            known[key] = made
            return made
        }
        metrics.count.increment()
        metrics.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    public func committed(requests: Int, commitNanoseconds: UInt64) {
        batchSize.record(requests)
        commitDuration.recordNanoseconds(Int64(clamping: commitNanoseconds))
    }
}
