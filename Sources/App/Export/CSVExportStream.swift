// A CSV export as a pull stream: the byte order mark and header first, then one page of rows per pull.
import HTTP

/// Streams one export table. Each `next` reads one page in its own short read transaction and
/// returns it encoded, so memory stays at one page however large the table, and a slow client
/// slows the reads (the connection pulls only when its output has drained).
///
/// `@unchecked Sendable`: the connection calls `next` and `cancel` on its own queue, never
/// concurrently (ResponseStream's contract), which confines `source`, `state` and `rowsWritten`.
final class CSVExportStream: ResponseStream, @unchecked Sendable {
    private enum State {
        case header
        case rows
        case done
    }

    private let source: any ExportRowSource
    private let log: @Sendable (String) -> Void
    private var state = State.header
    private var yield = PageYield()
    /// Data rows sent so far (not counting the header).
    private(set) var rowsWritten = 0
    /// A page could not be read and the stream ended early.
    private(set) var failed = false

    init(source: any ExportRowSource, log: @escaping @Sendable (String) -> Void) {
        self.source = source
        self.log = log
    }

    func next(wake: @escaping @Sendable () -> Void) -> StreamStep {
        switch state {
        case .header:
            state = .rows
            var bytes = CSVEncoder.byteOrderMark
            CSVEncoder.encodeRow(source.header.map(CSVCell.text), into: &bytes)
            return .chunk(bytes)
        case .rows:
            if yield.now(wake) { return .wait }
            do {
                guard let page = try source.nextPage() else {
                    state = .done
                    return .end
                }
                var bytes: [UInt8] = []
                bytes.reserveCapacity(page.count * 96)
                for row in page { CSVEncoder.encodeRow(row, into: &bytes) }
                rowsWritten += page.count
                return .chunk(bytes)
            } catch {
                // The status line is long gone: the best left is to stop. The log names the error's
                // type only, never row data.
                log("export stream stopped after \(rowsWritten) rows: \(String(reflecting: type(of: error)))")
                state = .done
                failed = true
                return .end
            }
        case .done:
            return .end
        }
    }

    func cancel() {
        state = .done
    }
}
