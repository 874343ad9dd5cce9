// How outcomes, their history and implementation updates are written in the API's JSON.
import Campaigns
import Storage

extension JSONWriter {
    /// `status`, `label`, `response`, `changedOn` (the day only: when in the day staff typed it says nothing useful).
    mutating func outcomeFields(_ entry: OutcomeEntry) {
        field("contributionId", entry.contributionID)
        field("status", entry.status.rawValue)
        field("label", entry.status.label)
        field("response", entry.response)
        field("changedOn", ISOTime.day(entry.createdAt))
    }

    mutating func progressUpdateFields(_ update: ProgressUpdate) {
        field("id", update.id)
        field("contributionId", update.contributionID)
        field("role", update.role)
        field("site", update.site)
        field("note", update.note)
        key("percent")
        if let percent = update.percent { int(percent) } else { null() }
        field("on", update.notedOn)
    }

    /// An idea's public outcome: the status shown (set by staff, or what the shortlist says), the
    /// response and day of the latest change when staff set one, the change history and updates.
    mutating func outcome(shown: OutcomeStatus?, history: [OutcomeEntry], updates: [ProgressUpdate]) {
        guard let shown else { return null() }
        object { o in
            o.field("status", shown.rawValue)
            o.field("label", shown.label)
            let latest = history.last
            o.field("response", latest?.response)
            o.field("changedOn", latest.map { ISOTime.day($0.createdAt) })
            o.key("history")
            o.array(history) { w, entry in
                w.object { h in
                    h.field("status", entry.status.rawValue)
                    h.field("label", entry.status.label)
                    h.field("response", entry.response)
                    h.field("on", ISOTime.day(entry.createdAt))
                }
            }
            o.key("updates")
            o.array(updates) { w, update in w.object { $0.progressUpdateFields(update) } }
            o.key("percent")
            if let percent = updates.last(where: { $0.percent != nil })?.percent { o.int(percent) } else { o.null() }
        }
    }
}

/// One idea's outcome as the public reads it (the idea page's `outcome` field).
struct PublicOutcome {
    var shown: OutcomeStatus?
    var history: [OutcomeEntry]
    var updates: [ProgressUpdate]

    static func load(_ record: ContributionRecord, in connection: Connection) throws -> PublicOutcome {
        let subject = OutcomeSubject(phase: record.phase, state: record.state, current: nil)
        guard OutcomeRules.isReportable(subject) else { return PublicOutcome(shown: nil, history: [], updates: []) }
        let store = OutcomeStore(connection)
        let history = try store.history(contributionID: record.id)
        let rounds = Set(try ShortlistStore(connection).rounds(contributionID: record.id))
        return PublicOutcome(
            shown: OutcomeRules.shown(set: history.last?.status, rounds: rounds), history: history,
            updates: try store.updates(contributionID: record.id))
    }
}
