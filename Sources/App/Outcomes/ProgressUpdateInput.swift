// One implementation update as typed in the console or read from a CSV row, checked in one place.
import Campaigns
import Storage

/// The fields of an update before it is stored. `check` is shared by the JSON route and the CSV
/// import, so both refuse the same things with the same words.
struct ProgressUpdateInput {
    var contributionID: Int64
    var role: String
    var site: String
    var note: String
    var percent: Int64?
    /// `YYYY-MM-DD`; nil means today.
    var on: String?

    /// A field that is wrong, and what to say about it.
    struct Problem: Error, Equatable {
        var field: String
        var message: String
    }

    func check(today: String) -> Result<NewProgressUpdate, Problem> {
        let role = TextRules.normalise(role), site = TextRules.normalise(site), note = TextRules.normalise(note)
        if role.count > OutcomeRules.maxLabel { return .failure(.init(field: "role", message: "At most \(OutcomeRules.maxLabel) characters.")) }
        if site.count > OutcomeRules.maxLabel { return .failure(.init(field: "site", message: "At most \(OutcomeRules.maxLabel) characters.")) }
        if note.isEmpty { return .failure(.init(field: "note", message: "Say what happened.")) }
        if note.count > OutcomeRules.maxResponse {
            return .failure(.init(field: "note", message: "At most \(OutcomeRules.maxResponse) characters."))
        }
        if let percent, !(0...100).contains(percent) {
            return .failure(.init(field: "percent", message: "A percentage from 0 to 100."))
        }
        let day = on ?? today
        guard Self.isDay(day) else { return .failure(.init(field: "on", message: "A date as YYYY-MM-DD.")) }
        return .success(NewProgressUpdate(
            contributionID: contributionID, role: role, site: site, note: note, percent: percent.map(Int.init), notedOn: day))
    }

    /// A real calendar date written `YYYY-MM-DD` (years 2000–2999, so a typo does not land in 1900).
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              (2000...2999).contains(year), (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
