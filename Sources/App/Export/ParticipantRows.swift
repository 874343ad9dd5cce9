// The participants export: one row per participant of the latest statistics release, sorted by answers, k-anonymous.
import Storage

/// The people side of an export comes from the latest release (`StatisticsRelease`), never from live
/// data, so two exports — or an export and the statistics — taken around one join are the same.
/// One row per participant, with no identifier and in the order of their answers, so a row's place
/// says nothing of when anyone joined. A participant's answers are shown only when their whole
/// combination is shown at k (`ProfileBreakdown`); the others are rows with `profile` = `suppressed`
/// and empty answers. No join date stands beside the answers (the stats table counts joins per day).
final class ParticipantRows: ExportRowSource {
    let header: [String]
    /// Rows still to hand out: (combination or nil for suppressed, how many).
    private var groups: [(combination: String?, count: Int)]
    private let questionCount: Int
    private let pageSize: Int

    init(sources: ExportSources) throws {
        let id = sources.campaign.id
        let (questions, release) = try sources.database.read { connection in
            (try ExportStore(connection).profileKeys(campaignID: id), try StatisticsReleaseStore(connection).latest(campaignID: id))
        }
        header = ExportTable.participants.header + questions.map(\.key)
        questionCount = questions.count
        pageSize = sources.pageSize
        guard let release else {
            groups = []
            return
        }
        let breakdown = ProfileBreakdown(release, k: sources.kAnonymity)
        groups = breakdown.shown.sorted { $0.combination < $1.combination }.map { (Optional($0.combination), $0.count) }
        if breakdown.suppressed > 0 { groups.append((nil, breakdown.suppressed)) }
    }

    func nextPage() throws -> [[CSVCell]]? {
        var rows: [[CSVCell]] = []
        while rows.count < pageSize, !groups.isEmpty {
            let take = min(groups[0].count, pageSize - rows.count)
            let row: [CSVCell]
            if let combination = groups[0].combination {
                let answers = StatisticsRelease.answers(ofCombination: combination, questionCount: questionCount)
                row = [.text("shown")] + answers.map { $0.map(CSVCell.text) ?? .empty }
            } else {
                row = [.text("suppressed")] + Array(repeating: CSVCell.empty, count: questionCount)
            }
            rows += Array(repeating: row, count: take)
            groups[0].count -= take
            if groups[0].count == 0 { groups.removeFirst() }
        }
        return rows.isEmpty ? nil : rows
    }
}

/// The votes export: every vote as `contribution, value, voted_on`, grouped by contribution, day and
/// value, with no voter column. Rows of one group are alike, so their order cannot stand for a person.
/// Groups are read for a window of contributions at a time and handed out `pageSize` rows at a time,
/// so neither a popular contribution nor a large campaign is ever held whole.
final class VoteRows: ExportRowSource {
    let header = ExportTable.votes.header
    private let database: Database
    private let campaignID: Int64
    private let pageSize: Int
    /// Contributions whose vote groups one read fetches.
    private let window: Int
    private var after: Int64 = 0
    private var finished = false
    /// Groups read but not yet written out, in order; the first may be partly written.
    private var pending: [ExportVoteGroup] = []

    init(sources: ExportSources) {
        database = sources.database
        campaignID = sources.campaign.id
        pageSize = sources.pageSize
        window = max(1, sources.pageSize / 5)
    }

    func nextPage() throws -> [[CSVCell]]? {
        while pending.isEmpty, !finished {
            let (id, start, limit) = (campaignID, after, window)
            let page = try database.read { try ExportStore($0).voteGroups(campaignID: id, after: start, limit: limit) }
            if let last = page.last { after = last } else { finished = true }
            pending = page.groups
        }
        var rows: [[CSVCell]] = []
        var taken = 0
        while rows.count < pageSize, taken < pending.count {
            var group = pending[taken]
            let count = min(group.count, pageSize - rows.count)
            group.count = count
            rows += ExportCells.votes(group)
            if count == pending[taken].count { taken += 1 } else { pending[taken].count -= count }
        }
        pending.removeFirst(taken)
        return rows.isEmpty ? nil : rows
    }
}
