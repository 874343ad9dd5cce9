// The participants export: pseudonym, day joined and profile answers, shown only for groups of at least k.
import Storage

/// k-anonymity over the profile: a participant's answers are shown only when at least k
/// participants of the campaign gave exactly the same combination of answers (the quasi-identifier
/// is the whole tuple, since single answers that are common can still single someone out together).
/// Smaller groups get empty answer cells and `profile` = `suppressed`. The join time is cut to the
/// UTC day, so a known sign-up moment does not pick a row out either.
///
/// Two passes over the participants: the first counts each combination (memory grows with the
/// number of distinct combinations, not of people), the second pages out the rows.
final class ParticipantRows: ExportRowSource {
    let header: [String]
    private let rows: KeysetRows<Int64, ExportParticipant>

    init(sources: ExportSources) throws {
        let id = sources.campaign.id
        let database = sources.database
        let questions = try database.read { try ExportStore($0).profileKeys(campaignID: id) }
        let questionIDs = questions.map(\.id)
        header = ExportTable.participants.header + questions.map(\.key)

        var groups: [String: Int] = [:]
        var after: Int64 = 0
        while true {
            let start = after
            let limit = sources.pageSize
            let page = try database.read { try ExportStore($0).participants(campaignID: id, after: start, limit: limit) }
            for person in page { groups[Self.combination(person, questionIDs), default: 0] += 1 }
            guard let last = page.last, page.count == limit else { break }
            after = last.id
        }

        let k = sources.kAnonymity
        let pseudonyms = sources.pseudonyms
        rows = KeysetRows(
            header: header, database: database, start: Int64(0), limit: sources.pageSize,
            fetch: { try ExportStore($0).participants(campaignID: id, after: $1, limit: $2) },
            key: \.id,
            cells: { person in
                let shown = (groups[Self.combination(person, questionIDs)] ?? 0) >= k
                let day = String(ISOTime.string(person.joinedAt).prefix(10))
                var cells: [CSVCell] = [.text(pseudonyms.contributor(person.id)), .text(day), .text(shown ? "shown" : "suppressed")]
                for questionID in questionIDs {
                    cells.append(shown ? person.answers[questionID].map(CSVCell.text) ?? .empty : .empty)
                }
                return cells
            })
    }

    func nextPage() throws -> [[CSVCell]]? { try rows.nextPage() }

    /// The answers in question order; an unanswered question counts as its own value.
    private static func combination(_ person: ExportParticipant, _ questionIDs: [Int64]) -> String {
        questionIDs.map { person.answers[$0].map { "=" + $0 } ?? "-" }.joined(separator: "\u{1F}")
    }
}
