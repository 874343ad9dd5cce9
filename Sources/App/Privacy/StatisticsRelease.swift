// When profile statistics are released, and what a release holds: whole answer combinations, counted once a day.
import Campaigns
import Storage

/// Profile statistics (the breakdowns on the statistics screen, the participants export) are never
/// computed from live data: a reader who compares two reads around one person's join would see which
/// answers that person gave (PRIVACY.md, adversary 2). They come from releases instead:
///
/// - a release describes the campaign at 00:00 UTC of a day: the contributors who joined on an
///   earlier day, counted by their whole combination of answers;
/// - a release is made only when at least k contributors (`GROUNDSWELL_K_ANONYMITY`) joined since
///   the previous one, so two releases differ by k people or more.
///
/// `releaseDue` runs with the phase scheduler's timer; the first tick after midnight releases.
enum StatisticsRelease {
    /// Releases every live campaign that is due now; returns how many releases were made.
    @discardableResult
    static func releaseDue(context: AppContext) throws -> Int {
        try releaseDue(database: context.database, key: context.key, k: context.configuration.kAnonymity, now: context.clock.now)
    }

    /// Releases every live campaign that is due at `now` with at least `k` new joins.
    @discardableResult
    static func releaseDue(database: Database, key: ServerKey, k: Int, now: Int64) throws -> Int {
        let boundary = CoarseTime.dayStart(now)
        let day = boundary / CoarseTime.day
        let k = max(1, k)
        let due = try database.read { connection -> [(Int64, Int, [SealedProfile], [ProfileQuestionRecord])] in
            let releases = StatisticsReleaseStore(connection)
            var due: [(Int64, Int, [SealedProfile], [ProfileQuestionRecord])] = []
            for id in try releases.liveCampaignIDs() {
                let latest = try releases.latest(campaignID: id)
                if let latest, latest.releasedAt >= boundary { continue }
                let joined = try releases.participants(campaignID: id, beforeDay: day)
                guard joined - (latest?.participants ?? 0) >= k else { continue }
                let questions = try CampaignStore(connection).profileQuestions(campaignID: id)
                // A campaign that asks nothing has one group, everyone: no seal to open.
                let people = questions.isEmpty ? [] : try ContributorStore(connection).sealedProfiles(campaignID: id, beforeDay: day)
                due.append((id, joined, people, questions))
            }
            return due
        }
        guard !due.isEmpty else { return 0 }
        let releases = try due.map { id, joined, people, questions in
            ReleaseRecord(
                campaignID: id, releasedAt: boundary, participants: joined,
                groups: questions.isEmpty ? ["": joined] : try groups(people, questions: questions, key: key))
        }
        try database.write { connection in
            let store = StatisticsReleaseStore(connection)
            for release in releases where try store.latest(campaignID: release.campaignID)?.releasedAt ?? .min < boundary {
                try store.add(release)
            }
        }
        return releases.count
    }

    /// How many of `people` gave each combination of answers.
    static func groups(_ people: [SealedProfile], questions: [ProfileQuestionRecord], key: ServerKey) throws -> [String: Int] {
        var groups: [String: Int] = [:]
        for person in people {
            let answers = try ProfileSeal.open(person.profile, questions: questions, key: key)
            groups[combination(answers, questions: questions), default: 0] += 1
        }
        return groups
    }

    /// A combination as a key: each question's answer in the campaign's question order, `=choice` or
    /// `-` for none, joined by the unit separator (a control character no offered choice contains).
    static func combination(_ answers: [Int64: String], questions: [ProfileQuestionRecord]) -> String {
        questions.map { answers[$0.id].map { "=" + $0 } ?? "-" }.joined(separator: "\u{1F}")
    }

    /// The answers of a combination key, in question order (nil: not answered).
    static func answers(ofCombination key: String, questionCount: Int) -> [String?] {
        guard questionCount > 0 else { return [] }
        let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        return (0..<questionCount).map { index in
            guard index < parts.count, parts[index].hasPrefix("=") else { return nil }
            return String(parts[index].dropFirst())
        }
    }
}
