// Helpers for the analysis tests: staff with API tokens, contributors, phases, and reading JSON.
import Campaigns
import Foundation
@testable import App
import Storage

extension TestApp {
    /// A staff member with `role` (through the admin layer's real account creation) and a client
    /// holding their API token. `assigned`: limited to the test campaign; otherwise limited to
    /// another campaign, so the test campaign is out of their reach.
    func staff(_ name: String, role: String, assigned: Bool = true) throws -> APIClient {
        var campaigns = ["test"]
        if !assigned {
            let now = clock.now
            _ = try app.database.write { connection in
                try CampaignStore(connection).create(
                    NewCampaign(slug: "elsewhere-\(name)", title: "Elsewhere", summary: "", description: "", state: .live,
                                access: .open, pseudonymSecret: [9]), now: now)
            }
            campaigns = ["elsewhere-\(name)"]
        }
        let created = try addStaff(name, try require_(StaffRole(rawValue: role), "role \(role)"), campaigns: campaigns)
        return staffClient(created)
    }

    func staffID(_ name: String) throws -> Int64 {
        try require_(app.database.read { connection in
            try connection.queryOne("SELECT id FROM staff WHERE name = ?", name) { $0.int64(0) }
        })
    }

    /// A contributor who has joined the test campaign.
    func contributor() throws -> APIClient {
        let client = client()
        try client.join()
        return client
    }

    /// Closes every phase before `kind` and opens `kind`.
    func open(_ kind: PhaseKind) throws {
        var phases = Phase.initial
        for index in phases.indices {
            let phase = phases[index].kind
            let position = PhaseKind.allCases.firstIndex(of: phase) ?? 0
            let target = PhaseKind.allCases.firstIndex(of: kind) ?? 0
            phases[index].state = position < target ? .closed : position == target ? .open : .pending
        }
        try setPhases(phases)
    }
}

/// `#require` for plain functions (outside a test body).
func require_<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw TestFailure("missing \(what)") }
    return value
}

extension APIResponse {
    /// The JSON body as an array of objects under `key`.
    func list(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }
    func object(_ key: String) -> [String: Any] { json[key] as? [String: Any] ?? [:] }
}

/// Integer ids from a JSON array.
func ids(_ value: Any?) -> [Int64] { (value as? [Any] ?? []).compactMap { ($0 as? Int).map(Int64.init) } }

/// A JSON number as a Double (JSONSerialization hands integers and reals over differently).
func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
