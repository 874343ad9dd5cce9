// At start, brings rows from before the server key into the privacy model: profile answers sealed, then wiped.
import Storage

/// Migration 0006 cannot seal what it moves (the key is not in the database), so it leaves profile
/// answers in `legacy_profile_answers`. The first start with a key seals every contributor's answers
/// into their row — everyone of a campaign that asks profile questions gets a seal, answers or not,
/// so none stands out — deletes the waiting rows (`secure_delete` zeroes them) and truncates the WAL
/// that held them. Idempotent: later starts find nothing to do.
enum PrivacyUpgrade {
    /// Returns how many profiles were sealed.
    @discardableResult
    static func run(database: Database, key: ServerKey) throws -> Int {
        let (pending, questions) = try database.read { connection in
            let pending = try ContributorStore(connection).unsealedProfiles()
            var questions: [Int64: [ProfileQuestionRecord]] = [:]
            for campaign in Set(pending.map(\.campaignID)) {
                questions[campaign] = try CampaignStore(connection).profileQuestions(campaignID: campaign)
            }
            return (pending, questions)
        }
        let sealed = try pending.map { person in
            (person.contributorID, try ProfileSeal.seal(person.answers, questions: questions[person.campaignID] ?? [], key: key))
        }
        let dropped = try database.write { connection -> Int in
            let store = ContributorStore(connection)
            for (id, seal) in sealed { if let seal { try store.setProfile(contributorID: id, sealed: seal) } }
            return try store.dropLegacyProfileAnswers()
        }
        if !sealed.isEmpty || dropped > 0 { database.scrubWriteAheadLog(wait: true) }
        return sealed.count
    }
}
