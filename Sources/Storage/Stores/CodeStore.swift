// Analysts' codes and facilitators' reconciliations: who coded what, under which theme version.
import Campaigns

/// One team's (or lone analyst's) code for one contribution.
public struct CodeRecord: Sendable, Equatable {
    public var contributionID: Int64
    public var staffID: Int64
    /// `t<team id>`, or `s<staff id>` for an analyst in no team of the campaign.
    public var coder: String
    public var decision: CodeDecision
    /// Theme id → the theme version it was coded under.
    public var themeVersions: [Int64: Int]
    public var memo: String
    public var codedAt: Int64
}

/// A facilitator's settlement of one contribution.
public struct ReconciliationRecord: Sendable, Equatable {
    public var contributionID: Int64
    public var decision: CodeDecision
    public var reason: String
    public var staffID: Int64?
    public var reconciledAt: Int64
}

public struct CodeStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The contributions that teams code in a round: visible contributions of the campaign's phase
    /// `phase` that are neither reconciled nor coded by the machine coder, each with the coders that
    /// have coded it, oldest first.
    public func items(campaignID: Int64, phase: PhaseKind = .understand) throws -> [(id: Int64, codedBy: Set<String>)] {
        try connection.query(
            """
            SELECT c.id, (SELECT group_concat(coder, ' ') FROM codes WHERE contribution_id = c.id)
            FROM contributions c
            WHERE c.campaign_id = ? AND c.phase = ? AND c.state = 'visible'
              AND NOT EXISTS (SELECT 1 FROM reconciliations r WHERE r.contribution_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM machine_codes m WHERE m.contribution_id = c.id)
            ORDER BY c.id
            """, campaignID, phase.rawValue
        ) { row in
            (id: row.int(0), codedBy: Set((row.optionalText(1) ?? "").split(separator: " ").map(String.init)))
        }
    }

    /// Replaces the coder's code for the contribution (a team member may revise the team's code).
    public func save(contributionID: Int64, staffID: Int64, coder: String, decision: CodeDecision,
                     themeVersions: [Int64: Int], memo: String, now: Int64) throws {
        try connection.run(
            "DELETE FROM codes WHERE contribution_id = ? AND (coder = ? OR staff_id = ?)", contributionID, coder, staffID)
        try connection.run("DELETE FROM coding_claims WHERE contribution_id = ? AND coder = ?", contributionID, coder)
        let ids = decision.themes.sorted()
        try connection.run(
            """
            INSERT INTO codes (contribution_id, staff_id, themes, not_relevant, memo, coded_at, coder)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, contributionID, staffID, "[" + ids.map(String.init).joined(separator: ",") + "]",
            decision.notRelevant, memo, now, coder)
        for id in ids {
            try connection.run(
                "INSERT INTO code_themes (contribution_id, staff_id, theme_id, theme_version) VALUES (?, ?, ?, ?)",
                contributionID, staffID, id, themeVersions[id] ?? 1)
        }
    }

    /// Every code of one contribution.
    public func codes(contributionID: Int64) throws -> [CodeRecord] {
        try codes(where: "k.contribution_id = ?", [.integer(contributionID)])
    }

    /// Every code of the campaign's contributions.
    public func codes(campaignID: Int64) throws -> [CodeRecord] {
        try codes(where: "k.contribution_id IN (SELECT id FROM contributions WHERE campaign_id = ?)", [.integer(campaignID)])
    }

    /// Every code of the campaign's contributions of one phase (one coding round).
    public func codes(campaignID: Int64, phase: PhaseKind) throws -> [CodeRecord] {
        try codes(
            where: "k.contribution_id IN (SELECT id FROM contributions WHERE campaign_id = ? AND phase = ?)",
            [.integer(campaignID), .text(phase.rawValue)])
    }

    private func codes(where condition: String, _ values: [SQLValue]) throws -> [CodeRecord] {
        try connection.query(
            """
            SELECT k.contribution_id, k.staff_id, k.coder, k.not_relevant, k.memo, k.coded_at,
                   (SELECT group_concat(theme_id || ':' || theme_version) FROM code_themes t
                    WHERE t.contribution_id = k.contribution_id AND t.staff_id = k.staff_id)
            FROM codes k WHERE \(condition) ORDER BY k.contribution_id, k.coder
            """, values: values
        ) { row in
            let versions = Self.versions(row.optionalText(6))
            return CodeRecord(
                contributionID: row.int(0), staffID: row.int(1), coder: row.text(2),
                decision: CodeDecision(themes: Set(versions.keys), notRelevant: row.bool(3)),
                themeVersions: versions, memo: row.text(4), codedAt: row.int(5))
        }
    }

    /// Records (or replaces) the facilitator's decision for the contribution.
    public func reconcile(contributionID: Int64, decision: CodeDecision, themeVersions: [Int64: Int],
                          reason: String, staffID: Int64?, now: Int64) throws {
        try connection.run("DELETE FROM reconciliations WHERE contribution_id = ?", contributionID)
        try connection.run(
            """
            INSERT INTO reconciliations (contribution_id, not_relevant, reason, staff_id, reconciled_at)
            VALUES (?, ?, ?, ?, ?)
            """, contributionID, decision.notRelevant, reason, staffID, now)
        for id in decision.themes.sorted() {
            try connection.run(
                "INSERT INTO reconciliation_themes (contribution_id, theme_id, theme_version) VALUES (?, ?, ?)",
                contributionID, id, themeVersions[id] ?? 1)
        }
    }

    public func reconciliation(contributionID: Int64) throws -> ReconciliationRecord? {
        try reconciliations(where: "r.contribution_id = ?", [.integer(contributionID)]).first
    }

    public func reconciliations(campaignID: Int64) throws -> [ReconciliationRecord] {
        try reconciliations(
            where: "r.contribution_id IN (SELECT id FROM contributions WHERE campaign_id = ?)", [.integer(campaignID)])
    }

    /// The reconciliations of one phase's contributions (one coding round).
    public func reconciliations(campaignID: Int64, phase: PhaseKind) throws -> [ReconciliationRecord] {
        try reconciliations(
            where: "r.contribution_id IN (SELECT id FROM contributions WHERE campaign_id = ? AND phase = ?)",
            [.integer(campaignID), .text(phase.rawValue)])
    }

    private func reconciliations(where condition: String, _ values: [SQLValue]) throws -> [ReconciliationRecord] {
        try connection.query(
            """
            SELECT r.contribution_id, r.not_relevant, r.reason, r.staff_id, r.reconciled_at,
                   (SELECT group_concat(theme_id || ':' || theme_version) FROM reconciliation_themes t
                    WHERE t.contribution_id = r.contribution_id)
            FROM reconciliations r WHERE \(condition) ORDER BY r.contribution_id
            """, values: values
        ) { row in
            ReconciliationRecord(
                contributionID: row.int(0),
                decision: CodeDecision(themes: Set(Self.versions(row.optionalText(5)).keys), notRelevant: row.bool(1)),
                reason: row.text(2), staffID: row.optionalInt(3), reconciledAt: row.int(4))
        }
    }

    /// `"3:1,7:2"` → [3: 1, 7: 2].
    private static func versions(_ text: String?) -> [Int64: Int] {
        var result: [Int64: Int] = [:]
        for pair in (text ?? "").split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let id = Int64(parts[0]), let version = Int(parts[1]) else { continue }
            result[id] = version
        }
        return result
    }
}
