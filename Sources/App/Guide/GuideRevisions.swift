// Reading a guide's revisions and the diff between two of them, shared by editors and facilitators.
import Campaigns
import HTTP
import Storage

enum GuideRevisions {
    /// `{revisions: [...]}` for guide `id`.
    static func list(id: Int64, _ context: AppContext) throws -> Response {
        let revisions = try context.database.read { try GuideStore($0).revisions(guideID: id) }
        var json = JSONWriter()
        json.guideRevisions(revisions)
        return .json(json.bytes)
    }

    /// `?from=&to=` (default: the previous revision to the latest); revision 0 is the empty guide.
    static func diff(id: Int64, _ request: Request, _ context: AppContext) throws -> Response {
        let revisions = try context.database.read { try GuideStore($0).revisions(guideID: id) }
        let latest = revisions.last?.text.revision ?? 0
        let to = try request.integerQuery("to", in: 0...max(latest, 0)) ?? latest
        let from = try request.integerQuery("from", in: 0...max(latest, 0)) ?? max(to - 1, 0)
        func text(_ n: Int) -> GuideRevision {
            revisions.first { $0.text.revision == n }?.text ?? GuideRevision(revision: 0, title: "", sections: [:])
        }
        var json = JSONWriter(capacity: 4096)
        json.guideDiff(from: text(from), to: text(to))
        return .json(json.bytes)
    }
}
