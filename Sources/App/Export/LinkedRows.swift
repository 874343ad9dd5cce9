// The linked export: crowd contributions with their authors' k-anonymous profile groups, for admins, on purpose.
import Storage

/// The one export that joins content to the people who wrote it (PRIVACY.md, "the one exception"):
/// - rows are the crowd contributions created before the latest statistics release, by authors who
///   had joined by then, so it changes only when a release does (k or more joins at a time);
/// - an author's answers are shown only when their whole combination is shown in that release at
///   k (`ProfileBreakdown`), else `profile` is `suppressed` and the answers are empty;
/// - `author` is a pseudonym made with a key drawn afresh for every export: within one export it
///   tells which contributions share an author, and it joins with nothing else — not with another
///   linked export, not with any other table.
/// Only admins may take it (`AdminPermission.linkedExport`) and each one is in the audit log.
final class LinkedRows: ExportRowSource {
    let header: [String]
    private let rows: KeysetRows<Int64, ExportLinkedContribution>?

    init(sources: ExportSources) throws {
        let id = sources.campaign.id
        let (questions, release) = try sources.database.read { connection in
            (try CampaignStore(connection).profileQuestions(campaignID: id), try StatisticsReleaseStore(connection).latest(campaignID: id))
        }
        header = ExportTable.linked.header + questions.map(\.key)
        guard let release else {
            rows = nil
            return
        }
        let shown = Set(ProfileBreakdown(release, k: sources.kAnonymity).shown.map(\.combination))
        let releaseDay = release.releasedAt / CoarseTime.day
        let authors = Pseudonyms.fresh()
        let key = sources.key
        rows = KeysetRows(
            header: header, database: sources.database, start: Int64(0), limit: sources.pageSize,
            fetch: { try ExportStore($0).linkedContributions(campaignID: id, before: release.releasedAt, after: $1, limit: $2) },
            key: \.id,
            cells: { item in
                guard item.joinedOn < releaseDay else { return nil }
                let answers = (try? ProfileSeal.open(item.profile, questions: questions, key: key)) ?? [:]
                let combination = StatisticsRelease.combination(answers, questions: questions)
                let isShown = shown.contains(combination)
                var cells: [CSVCell] = [
                    .integer(item.id), .text(item.phase.rawValue), .text(item.question), .text(item.state.rawValue),
                    .text(authors.author(item.contributorID)), .text(isShown ? "shown" : "suppressed"),
                ]
                for question in questions {
                    cells.append(isShown ? answers[question.id].map(CSVCell.text) ?? .empty : .empty)
                }
                return cells
            })
    }

    func nextPage() throws -> [[CSVCell]]? { try rows?.nextPage() }
}
