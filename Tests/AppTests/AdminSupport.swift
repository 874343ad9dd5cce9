// Test helpers for the staff area: accounts per role on the TestApp, and requests as a staff member.
import Campaigns
import Foundation
@testable import App
import Storage

extension TestApp {
    /// Creates a staff account with the real password hashing (CryptoExtras refuses fewer
    /// than 210,000 PBKDF2 rounds, and that is fast enough here).
    func addStaff(_ name: String, _ role: StaffRole, campaigns: [String] = []) throws -> CreatedStaff {
        try StaffAccounts.create(
            name: name, role: role, campaignSlugs: campaigns, actor: "test", database: app.database, clock: clock)
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
