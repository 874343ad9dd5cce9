// The machine coder's runs and codes: for campaigns that let it code the items no team codes.
import Campaigns

/// One application of the machine coder and the figure it was measured at then.
public struct MachineRunRecord: Sendable, Equatable {
    public var id: Int64
    public var heldOut: Int
    public var percent: Double?
    public var kappa: Double?
    public var alpha: Double?
    public var coded: Int
    public var staffID: Int64?
    public var createdAt: Int64
}

/// The machine's code for one item.
public struct MachineCodeRecord: Sendable, Equatable {
    public var contributionID: Int64
    public var runID: Int64
    public var decision: CodeDecision
    public var confidence: Double
}

/// A machine code to write.
public struct NewMachineCode: Sendable {
    public var contributionID: Int64
    public var decision: CodeDecision
    public var confidence: Double

    public init(contributionID: Int64, decision: CodeDecision, confidence: Double) {
        self.contributionID = contributionID
        self.decision = decision
        self.confidence = confidence
    }
}

public struct MachineCodeStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Whether the campaign lets the machine coder code the items no team codes.
    public func enabled(campaignID: Int64) throws -> Bool {
        try connection.queryOne(
            "SELECT machine_coding FROM analysis_settings WHERE campaign_id = ?", campaignID, row: { $0.bool(0) }) ?? false
    }

    public func setEnabled(campaignID: Int64, _ enabled: Bool) throws {
        try connection.run(
            """
            INSERT INTO analysis_settings (campaign_id, machine_coding) VALUES (?, ?)
            ON CONFLICT (campaign_id) DO UPDATE SET machine_coding = excluded.machine_coding
            """, campaignID, enabled)
    }

    /// Records a run, replaces every machine code of the campaign with `codes`, and returns the run.
    public func apply(campaignID: Int64, measurement: AgreementReport.Figures, heldOut: Int, codes: [NewMachineCode],
                      themeVersions: [Int64: Int], staffID: Int64?, now: Int64) throws -> MachineRunRecord {
        try connection.run(
            """
            INSERT INTO machine_runs (campaign_id, held_out, percent, kappa, alpha, coded, staff_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, campaignID, heldOut, measurement.percent, measurement.kappa, measurement.alpha, codes.count, staffID, now)
        let runID = connection.lastInsertRowID
        _ = try clear(campaignID: campaignID)
        for code in codes {
            try connection.run(
                "INSERT INTO machine_codes (contribution_id, run_id, not_relevant, confidence) VALUES (?, ?, ?, ?)",
                code.contributionID, runID, code.decision.notRelevant, min(1, max(0, code.confidence)))
            for theme in code.decision.themes.sorted() {
                try connection.run(
                    "INSERT INTO machine_code_themes (contribution_id, theme_id, theme_version) VALUES (?, ?, ?)",
                    code.contributionID, theme, themeVersions[theme] ?? 1)
            }
        }
        guard let run = try runs(campaignID: campaignID).first(where: { $0.id == runID }) else { throw StoreError.notFound }
        return run
    }

    /// Deletes every machine code of the campaign (runs stay, as history); returns how many.
    public func clear(campaignID: Int64) throws -> Int {
        try connection.run(
            """
            DELETE FROM machine_codes WHERE run_id IN (SELECT id FROM machine_runs WHERE campaign_id = ?)
            """, campaignID)
        return connection.changes
    }

    /// The campaign's runs, newest first.
    public func runs(campaignID: Int64) throws -> [MachineRunRecord] {
        try connection.query(
            """
            SELECT id, held_out, percent, kappa, alpha, coded, staff_id, created_at FROM machine_runs
            WHERE campaign_id = ? ORDER BY id DESC
            """, campaignID
        ) { row in
            MachineRunRecord(id: row.int(0), heldOut: row.int(1), percent: row.optionalDouble(2), kappa: row.optionalDouble(3),
                             alpha: row.optionalDouble(4), coded: row.int(5), staffID: row.optionalInt(6), createdAt: row.int(7))
        }
    }

    /// Every machine code of the campaign's contributions, by contribution id.
    public func codes(campaignID: Int64) throws -> [MachineCodeRecord] {
        try codes(where: "m.run_id IN (SELECT id FROM machine_runs WHERE campaign_id = ?)", campaignID)
    }

    public func code(contributionID: Int64) throws -> MachineCodeRecord? {
        try codes(where: "m.contribution_id = ?", contributionID).first
    }

    private func codes(where condition: String, _ value: Int64) throws -> [MachineCodeRecord] {
        try connection.query(
            """
            SELECT m.contribution_id, m.run_id, m.not_relevant, m.confidence,
                   (SELECT group_concat(theme_id) FROM machine_code_themes t WHERE t.contribution_id = m.contribution_id)
            FROM machine_codes m WHERE \(condition) ORDER BY m.contribution_id
            """, value
        ) { row in
            MachineCodeRecord(contributionID: row.int(0), runID: row.int(1),
                              decision: CodeDecision(themes: Set(row.idList(4)), notRelevant: row.bool(2)),
                              confidence: row.double(3))
        }
    }
}
