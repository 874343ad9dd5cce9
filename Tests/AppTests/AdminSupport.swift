// Test helpers for the staff area: accounts per role on the TestApp, and requests as a staff member.
import Campaigns
import Foundation
@testable import App
import Storage

extension TestApp {
    /// Creates a staff account. `fast` uses 1,000 PBKDF2 rounds (stored per row) for accounts
    /// that only ever use their API token; sign-in tests use the real default.
    func addStaff(_ name: String, _ role: StaffRole, campaigns: [String] = [], fast: Bool = true) throws -> CreatedStaff {
        try StaffAccounts.create(
            name: name, role: role, campaignSlugs: campaigns, actor: "test", database: app.database, clock: clock,
            hasher: PasswordHasher(rounds: fast ? 1_000 : PasswordHasher.defaultRounds))
    }

    /// An API client signed in with `staff`'s token.
    func staffClient(_ staff: CreatedStaff) -> APIClient {
        let client = client()
        client.token = staff.token
        return client
    }
}

extension APIResponse {
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
}
