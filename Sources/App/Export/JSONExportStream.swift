// The open-data JSON document of a campaign, streamed one page of one table at a time.
import HTTP
import Storage

/// `{"campaign":{…},"questions":[…],"themes":[…],"contributions":[…],"comments":[…],"votes":[…],
/// "participants":[…],"stats":[…]}` where each table's items are objects keyed by the CSV header,
/// with the same pseudonyms and rules as the CSV exports. Only open-data tables are included
/// (`ExportTable.isOpenData`), only published themes, and no hidden, pending or withdrawn text.
///
/// `@unchecked Sendable`: confined to the connection's queue like every `ResponseStream`.
final class JSONExportStream: ResponseStream, @unchecked Sendable {
    private enum Stage {
        case head
        /// `source` is nil until the table's opening bracket is sent; `written` counts its items so far.
        case table(index: Int, source: (any ExportRowSource)?, written: Int)
        case done
    }

    private let sources: ExportSources
    private let exportedAt: Int64
    private let log: @Sendable (String) -> Void
    private let tables = ExportTable.allCases.filter(\.isOpenData)
    private var stage = Stage.head

    init(sources: ExportSources, exportedAt: Int64, log: @escaping @Sendable (String) -> Void) {
        self.sources = sources
        self.exportedAt = exportedAt
        self.log = log
    }

    func next(wake: @escaping @Sendable () -> Void) -> StreamStep {
        if case .done = stage { return .end }
        do {
            return try step()
        } catch {
            log("JSON export stopped: \(String(reflecting: type(of: error)))")
            stage = .done
            return .end
        }
    }

    func cancel() {
        stage = .done
    }

    private func step() throws -> StreamStep {
        switch stage {
        case .head:
            stage = .table(index: 0, source: nil, written: 0)
            return .chunk(try head())
        case .table(let index, nil, _):
            guard index < tables.count else {
                stage = .done
                return .chunk(Array("}".utf8))
            }
            let source = try sources.source(for: tables[index], openData: true)
            stage = .table(index: index, source: source, written: 0)
            return .chunk(Array(",\"\(tables[index].rawValue)\":[".utf8))
        case .table(let index, let source?, let written):
            guard let page = try source.nextPage() else {
                stage = .table(index: index + 1, source: nil, written: 0)
                return .chunk(Array("]".utf8))
            }
            // Top-level values in one writer get their commas from it; a page after the first needs one more.
            var json = JSONWriter(capacity: page.count * 160)
            for row in page { Self.write(row, header: source.header, into: &json) }
            stage = .table(index: index, source: source, written: written + page.count)
            return .chunk(written > 0 ? [UInt8(ascii: ",")] + json.bytes : json.bytes)
        case .done:
            return .end
        }
    }

    private func head() throws -> [UInt8] {
        let campaign = sources.campaign
        let (questions, themes) = try sources.database.read { connection in
            let store = ExportStore(connection)
            return (try store.questions(campaignID: campaign.id), try store.themes(campaignID: campaign.id))
        }
        var json = JSONWriter()
        json.beginObject()
        json.key("campaign")
        json.object { o in
            o.field("slug", campaign.slug)
            o.field("title", campaign.title)
            o.field("summary", campaign.summary)
            o.field("description", campaign.description)
            o.field("state", campaign.state.rawValue)
            o.field("createdAt", ISOTime.string(campaign.createdAt))
            o.field("exportedAt", ISOTime.string(exportedAt))
        }
        json.key("questions")
        json.array(questions) { a, q in
            a.object { o in
                o.field("id", q.id)
                o.field("phase", q.phase.rawValue)
                o.field("text", q.text)
            }
        }
        json.key("themes")
        json.array(themes.filter(\.published)) { a, t in
            a.object { o in
                o.field("id", t.id)
                o.field("name", t.name)
                o.field("kind", t.kind.rawValue)
                o.field("description", t.description)
                o.key("parent")
                o.int(t.parentID)
            }
        }
        return json.bytes
    }

    static func write(_ row: [CSVCell], header: [String], into json: inout JSONWriter) {
        json.beginObject()
        for (name, cell) in zip(header, row) {
            json.key(name)
            switch cell {
            case .text(let text): json.string(text)
            case .integer(let value): json.int(value)
            case .real(let value): json.double(value)
            case .time(let seconds): json.string(ISOTime.string(seconds))
            case .empty: json.null()
            }
        }
        json.endObject()
    }
}
