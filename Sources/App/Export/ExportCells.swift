// How each exported record becomes CSV cells: UTC times as spreadsheets read them, no contributor anywhere, analysts as pseudonyms.
import Campaigns
import Storage

/// Pure record → cells conversions, one per table, so golden files pin them down.
enum ExportCells {
    static func time(_ seconds: Int64) -> CSVCell { .time(seconds) }

    static func time(_ seconds: Int64?) -> CSVCell { seconds.map(time) ?? .empty }

    static func integer(_ value: Int64?) -> CSVCell { value.map(CSVCell.integer) ?? .empty }

    static func flag(_ value: Bool) -> CSVCell { .text(value ? "true" : "false") }

    /// Several names in one cell, separated by "; ".
    static func list(_ names: [String]) -> CSVCell { names.isEmpty ? .empty : .text(names.joined(separator: "; ")) }

    static func contribution(_ c: ExportContribution) -> [CSVCell] {
        [
            .integer(c.id), .text(c.phase.rawValue), .text(c.question), flag(c.official), c.title.map(CSVCell.text) ?? .empty, .text(c.body), .text(c.state.rawValue), integer(c.mergedInto),
            list(c.themes), .integer(Int64(c.up)), .integer(Int64(c.down)), .real(c.score), .integer(Int64(c.comments)),
            list(c.shortlistRounds.map(String.init)), time(c.createdAt), flag(c.held),
        ]
    }

    static func comment(_ c: ExportComment) -> [CSVCell] {
        [
            .integer(c.id), .integer(c.contributionID), integer(c.parentID), flag(c.official), .text(c.body),
            .text(c.state.rawValue), time(c.createdAt),
        ]
    }

    /// One row per vote of the group: rows that are all alike, so their order says nothing.
    static func votes(_ group: ExportVoteGroup) -> [[CSVCell]] {
        let row: [CSVCell] = [.integer(group.contributionID), .integer(Int64(group.value)), day(group.day)]
        return Array(repeating: row, count: group.count)
    }

    /// A UTC day, `YYYY-MM-DD`.
    static func day(_ seconds: Int64) -> CSVCell { .text(String(ISOTime.string(seconds).prefix(10))) }

    /// One team's code; `team` is empty for an analyst coding alone, the `reconciled_…` cells for an
    /// item no facilitator has settled.
    static func code(
        _ c: ExportCode, themeNames: [Int64: String], teamNames: [String: String], pseudonyms: Pseudonyms
    ) -> [CSVCell] {
        let names = c.themeIDs.map { themeNames[$0] ?? "#\($0)" }.sorted()
        let settled = c.reconciled.map { $0.themeIDs.map { themeNames[$0] ?? "#\($0)" }.sorted() }
        return [
            .integer(c.contributionID), .text(c.phase.rawValue), teamNames[c.coder].map(CSVCell.text) ?? .empty,
            .text(pseudonyms.analyst(c.staffID)), list(names), flag(c.notRelevant), .text(c.memo), time(c.codedAt),
            settled.map(list) ?? .empty, c.reconciled.map { flag($0.notRelevant) } ?? .empty,
        ]
    }

    /// `coder` is always `machine`: a machine-coded item is never mistaken for a team's code.
    static func machineCode(_ c: ExportMachineCode, themeNames: [Int64: String]) -> [CSVCell] {
        let names = c.themeIDs.map { themeNames[$0] ?? "#\($0)" }.sorted()
        return [
            .integer(c.contributionID), .text("machine"), list(names), flag(c.notRelevant), .real(c.confidence),
            .integer(c.runID), time(c.runAt), c.runKappa.map(CSVCell.real) ?? .empty, .integer(Int64(c.runHeldOut)),
        ]
    }

    static func figures(_ f: AgreementReport.Figures) -> [CSVCell] {
        [.integer(Int64(f.items)), f.percent.map(CSVCell.real) ?? .empty, f.kappa.map(CSVCell.real) ?? .empty,
         f.alpha.map(CSVCell.real) ?? .empty]
    }

    static func activity(scope: String, key: String, _ a: ExportActivity?) -> [CSVCell] {
        [
            .text(scope), .text(key), .integer(Int64(a?.participants ?? 0)), .integer(Int64(a?.contributions ?? 0)),
            .integer(Int64(a?.comments ?? 0)), .integer(Int64(a?.votes ?? 0)),
        ]
    }

    static func audit(_ e: ExportAuditEntry) -> [CSVCell] {
        let hash = e.hash.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        return [.integer(e.id), time(e.at), .text(e.actor), .text(e.action), .text(e.target), .text(e.reason), .text(hash)]
    }

    /// The day of the change only: the public page shows no more, and staff times need no more here.
    static func outcome(_ o: OutcomeEntry) -> [CSVCell] {
        [.integer(o.id), .integer(o.contributionID), .text(o.status.rawValue), .text(o.response), day(o.createdAt)]
    }

    static func progressUpdate(_ u: ProgressUpdate) -> [CSVCell] {
        [.integer(u.id), .integer(u.contributionID), .text(u.role), .text(u.site), .text(u.notedOn),
         u.percent.map { CSVCell.integer(Int64($0)) } ?? .empty, .text(u.note)]
    }

    static func story(_ s: StoryRecord) -> [CSVCell] {
        [.integer(s.contributionID), .text(s.byline), s.linkURL.map(CSVCell.text) ?? .empty, s.linkLabel.map(CSVCell.text) ?? .empty]
    }

    static func amendment(_ row: AmendmentExportRow) -> [CSVCell] {
        let a = row.amendment
        return [.integer(a.contributionID), .integer(a.draftID), .text(row.sectionNumber), .integer(Int64(a.baseVersion)),
                .text(a.state.rawValue), a.reason.map(CSVCell.text) ?? .empty, a.decidedVersion.map { .integer(Int64($0)) } ?? .empty]
    }

    static func draftText(_ row: DraftTextExportRow) -> [CSVCell] {
        [.integer(row.key.draftID), .integer(Int64(row.key.version)), .integer(row.key.sectionID), .text(row.text.number),
         .text(row.text.heading), .text(row.text.body), row.amendmentID.map(CSVCell.integer) ?? .empty, .text(row.change),
         .text(ISOTime.day(row.madeAt))]
    }
}
