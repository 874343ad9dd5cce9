// Builds the row source of each export table: which store query pages it and how a record becomes cells.
import Campaigns
import Storage

/// Everything an export of one campaign needs; `source(for:)` gives a fresh pager per table.
struct ExportSources {
    let database: Database
    let campaign: ExportCampaign
    /// Analysts' pseudonyms (staff; contributors appear in no table).
    let pseudonyms: Pseudonyms
    /// Smallest profile group whose answers are shown (GROUNDSWELL_K_ANONYMITY).
    let kAnonymity: Int
    /// Opens sealed profiles for the linked export.
    let key: ServerKey
    /// Rows read per page (and per `Database.read`).
    var pageSize = 500

    init(database: Database, campaign: ExportCampaign, kAnonymity: Int, key: ServerKey) {
        self.database = database
        self.campaign = campaign
        self.pseudonyms = Pseudonyms(secret: campaign.pseudonymSecret)
        self.kAnonymity = max(1, kAnonymity)
        self.key = key
    }

    /// The pager for `table`. With `openData`, hidden, pending, withdrawn and held text is left out
    /// (a held contribution waits for a moderator: it may name someone).
    func source(for table: ExportTable, openData: Bool = false) throws -> any ExportRowSource {
        let id = campaign.id
        let names = pseudonyms
        switch table {
        case .contributions:
            // Open data names only published themes; staff exports name every theme.
            let published = openData
                ? Set(try database.read { try ExportStore($0).themes(campaignID: id) }.filter(\.published).map(\.name))
                : nil
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try ExportStore($0).contributions(campaignID: id, after: $1, limit: $2) },
                key: \.id,
                cells: { record in
                    if openData, !ContributionLifecycle.publishesText(record.state, held: record.held) { return nil }
                    var record = record
                    if let published { record.themes.removeAll { !published.contains($0) } }
                    return ExportCells.contribution(record)
                })
        case .comments:
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try ExportStore($0).comments(campaignID: id, after: $1, limit: $2) },
                key: \.id,
                cells: { record in
                    if openData, !CommentRules.crowdSees(record.state) { return nil }
                    return ExportCells.comment(record)
                })
        case .votes:
            return VoteRows(sources: self)
        case .codes:
            let (themes, teams) = try database.read {
                (try ExportStore($0).themes(campaignID: id), try CodeStore($0).teams(campaignID: id))
            }
            let themeNames = Dictionary(themes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let teamNames = Dictionary(teams.map { ("t\($0.id)", $0.name) }, uniquingKeysWith: { first, _ in first })
            return KeysetRows(
                header: table.header, database: database, start: (Int64(0), Int64(0)), limit: pageSize,
                fetch: { try ExportStore($0).codes(campaignID: id, after: $1, limit: $2) },
                key: { ($0.contributionID, $0.staffID) },
                cells: { ExportCells.code($0, themeNames: themeNames, teamNames: teamNames, pseudonyms: names) })
        case .findings:
            return FixedRows(header: table.header, rows: try findingRows())
        case .teams:
            let members = try database.read { try ExportStore($0).teamMembers(campaignID: id) }
            return FixedRows(header: table.header, rows: members.map { [.text($0.team), .text($0.member), .text($0.role)] })
        case .machineCodes:
            let themes = try database.read { try ExportStore($0).themes(campaignID: id) }
            let themeNames = Dictionary(themes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try ExportStore($0).machineCodes(campaignID: id, after: $1, limit: $2) },
                key: \.contributionID,
                cells: { ExportCells.machineCode($0, themeNames: themeNames) })
        case .agreement:
            return FixedRows(header: table.header, rows: try agreementRows())
        case .participants:
            return try ParticipantRows(sources: self)
        case .linked:
            return try LinkedRows(sources: self)
        case .stats:
            return FixedRows(header: table.header, rows: try statsRows())
        case .outcomes:
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try ExportStore($0).outcomes(campaignID: id, after: $1, limit: $2, publicOnly: openData) },
                key: \.id,
                cells: { ExportCells.outcome($0) })
        case .progressUpdates:
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try ExportStore($0).progressUpdates(campaignID: id, after: $1, limit: $2, publicOnly: openData) },
                key: \.id,
                cells: { ExportCells.progressUpdate($0) })
        case .stories:
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try StoryStore($0).exportPage(campaignID: id, after: $1, limit: $2, publicOnly: openData) },
                key: \.contributionID,
                cells: { ExportCells.story($0) })
        case .amendments:
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try DraftStore($0).amendmentExportPage(campaignID: id, after: $1, limit: $2, publicOnly: openData) },
                key: \.amendment.contributionID,
                cells: { ExportCells.amendment($0) })
        case .draftVersions:
            return KeysetRows(
                header: table.header, database: database, start: DraftTextKey(), limit: pageSize,
                fetch: { try DraftStore($0).versionExportPage(campaignID: id, after: $1, limit: $2) },
                key: \.key,
                cells: { ExportCells.draftText($0) })
        case .audit:
            return KeysetRows(
                header: table.header, database: database, start: Int64(0), limit: pageSize,
                fetch: { try ExportStore($0).auditEntries(campaignID: id, after: $1, limit: $2) },
                key: \.id,
                cells: { ExportCells.audit($0) })
        }
    }

    /// Per round that has codes: the agreement between teams per theme, then over the whole code
    /// sets — computed from the same state and the same themes as the console's agreement report.
    private func agreementRows() throws -> [[CSVCell]] {
        let id = campaign.id
        var rows: [[CSVCell]] = []
        for round in CodingRound.allCases {
            let (state, themes) = try database.read { connection in
                (try CodingState.load(campaignID: id, round: round, connection),
                 try ThemeStore(connection).themes(campaignID: id).filter { !$0.archived })
            }
            guard round == .understand || !state.codes.isEmpty else { continue }
            let report = AgreementReport.build(codes: state.agreementInput, themes: themes.map(\.id))
            for (theme, figures) in zip(themes, report.byTheme) {
                rows.append([.text(round.rawValue), .text(theme.name)] + ExportCells.figures(figures.figures))
            }
            rows.append([.text(round.rawValue), .text("(all themes)")] + ExportCells.figures(report.overall))
        }
        return rows
    }

    /// Every settled item of each round, in id order: agreed by the teams or reconciled.
    private func findingRows() throws -> [[CSVCell]] {
        let id = campaign.id
        var rows: [[CSVCell]] = []
        for round in CodingRound.allCases {
            let (state, themes) = try database.read { connection in
                (try CodingState.load(campaignID: id, round: round, connection),
                 try ExportStore(connection).themes(campaignID: id))
            }
            let names = Dictionary(themes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            for item in state.items {
                let status = state.status(item)
                guard let finding = status.finding else { continue }
                rows.append([
                    .integer(item), .text(round.rawValue), .text(status.name),
                    ExportCells.list(finding.themes.map { names[$0] ?? "#\($0)" }.sorted()), ExportCells.flag(finding.notRelevant),
                ])
            }
        }
        return rows
    }

    /// One row per phase (in campaign order), then one per UTC day with any activity.
    private func statsRows() throws -> [[CSVCell]] {
        let id = campaign.id
        let (byPhase, byDay) = try database.read { connection in
            let store = ExportStore(connection)
            return (try store.activityByPhase(campaignID: id), try store.activityByDay(campaignID: id))
        }
        var rows: [[CSVCell]] = []
        for phase in PhaseKind.allCases {
            let found = byPhase.first { $0.key == phase.rawValue }
            rows.append(ExportCells.activity(scope: "phase", key: phase.rawValue, found))
        }
        for day in byDay {
            let date = Int64(day.key).map { String(ISOTime.string($0 * 86_400).prefix(10)) } ?? day.key
            rows.append(ExportCells.activity(scope: "day", key: date, day))
        }
        return rows
    }
}
