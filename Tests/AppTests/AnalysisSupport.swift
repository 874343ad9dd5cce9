// Helpers for the analysis tests: staff with API tokens, contributors, phases, and reading JSON.
import Campaigns
import Foundation
@testable import App
import Storage

extension TestApp {
    /// A staff member with `role`, assigned to the test campaign unless `assigned` is false, and a client holding their token.
    func staff(_ name: String, role: String, assigned: Bool = true) throws -> APIClient {
        let token = Tokens.generate()
        let hash = Tokens.hash(token)
        let campaignID = campaignID
        let now = clock.now
        try app.database.write { connection in
            try connection.run(
                "INSERT INTO staff (name, role, password_hash, salt, iterations, created_at) VALUES (?, ?, ?, ?, 1, ?)",
                name, role, [UInt8](repeating: 0, count: 32), [UInt8](repeating: 1, count: 16), now)
            let id = connection.lastInsertRowID
            try connection.run("INSERT INTO staff_tokens (staff_id, token_hash, created_at) VALUES (?, ?, ?)", id, hash, now)
            if assigned {
                try connection.run("INSERT INTO staff_campaigns (staff_id, campaign_id) VALUES (?, ?)", id, campaignID)
            }
        }
        let client = client()
        client.token = token
        return client
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
