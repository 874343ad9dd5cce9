// Every setting of the server, with its default, read from GROUNDSWELL_* variables and command-line flags.
import HTTP
import Mail
import Storage

/// The server's settings. Each field names its environment variable; command-line flags
/// (applied by `main.swift`) override the environment, which overrides the defaults.
public struct AppConfiguration: Sendable {
    /// GROUNDSWELL_HOST. Address to bind. Default 127.0.0.1 (loopback only).
    public var host = "127.0.0.1"
    /// GROUNDSWELL_PORT. TCP port; 0 picks a free one. Default 8080.
    public var port = 8080
    /// GROUNDSWELL_DB. The SQLite file. Default `groundswell.db` in the working directory.
    public var databasePath = "groundswell.db"
    /// GROUNDSWELL_KEY_FILE. The server key (`ServerKeyFile`): made with mode 0600 at first start when
    /// missing; back it up apart from the database. Default nil: `<databasePath>.key`.
    public var keyFilePath: String?
    /// GROUNDSWELL_PUBLIC. The directory of static pages and assets. Default `Public`.
    public var publicDirectory = "Public"
    /// GROUNDSWELL_MIGRATIONS. The directory of numbered `.sql` migrations. Default `Migrations`.
    public var migrationsDirectory = "Migrations"
    /// GROUNDSWELL_SYNCHRONOUS=full|normal. SQLite's fsync policy; FULL (default) loses no
    /// acknowledged write on power loss, NORMAL may lose the last transactions but never corrupts.
    public var synchronous: DatabaseOptions.Synchronous = .full
    /// GROUNDSWELL_CHECKPOINTS=server|external. Who checkpoints the WAL: this process (default), or
    /// another one — Litestream, which must control checkpoints — and this one never does.
    public var checkpoints: DatabaseOptions.Checkpoints = .server
    /// GROUNDSWELL_GROUP_COMMIT=on|off. Share one COMMIT (one fsync) among concurrent writes.
    /// Default on; off exists to measure what it buys (`make bench`).
    public var groupCommit = true
    /// GROUNDSWELL_VOTE_JOURNAL=on|off. With group commit, votes are appended to a journal and
    /// folded into the tables many at a time (`VoteJournal`). Default on; off writes each vote
    /// straight into the tables, to measure what the journal buys (`make bench`).
    public var voteJournal = true
    /// GROUNDSWELL_SECURE_COOKIES=on|off. Add `Secure` to cookies (behind HTTPS). Default off.
    public var secureCookies = false
    /// GROUNDSWELL_RATE_LIMITS=on|off. In-memory request limits per contributor and address, and the
    /// per-address shares of connections and event streams. Default on; off is for load tests.
    public var rateLimits = true
    /// GROUNDSWELL_JOIN_CEILING. Most new identities per campaign per hour, besides each address's
    /// own limits; joins with a personal invitation code are bounded by the invitations instead.
    /// Over it: 429 `join_ceiling`. Default 1,000 (a big campaign's launch morning).
    public var joinCeiling = 1_000
    /// GROUNDSWELL_FLAG_THRESHOLD. Weight of open reports that holds a contribution for review (`ReportWeighing`), for new campaigns. Default 3.
    public var flagThreshold = 3
    /// GROUNDSWELL_K_ANONYMITY. Smallest group shown in profile breakdowns (staff stats). Default 5.
    public var kAnonymity = 5
    /// GROUNDSWELL_SCHEDULE_INTERVAL. Seconds between checks for due phase openings/closings. Default 30.
    public var scheduleInterval = 30
    /// GROUNDSWELL_MAX_SUBSCRIBERS. Open event streams at most; more get 503. Default 2000.
    public var maxEventSubscribers = 2000
    /// GROUNDSWELL_COUNT_INTERVAL. Seconds between vote-total events: each changed contribution's
    /// totals are sent at most once per interval, never one event per vote (PRIVACY.md). Default 5.
    public var countInterval = 5
    /// GROUNDSWELL_MAX_SUBSCRIBERS_PER_ADDRESS. Open event streams from one client address (an
    /// IPv6 address counts by its /64); more get 429, so one client cannot take every stream.
    /// Default 200: the people of a ward behind one NAT address each keep a page open.
    public var maxEventSubscribersPerAddress = 200
    /// GROUNDSWELL_MAX_CONNECTIONS_PER_ADDRESS. Open connections from one client address; more are
    /// told 429 and closed. Default 1,000 (`Limits.maxConnectionsPerAddress`).
    public var maxConnectionsPerAddress = 1_000
    /// GROUNDSWELL_TRUSTED_PROXIES. Comma-separated addresses or CIDR blocks of the reverse proxies
    /// in front of the server; from them alone the client address is read from `X-Forwarded-For`
    /// (or `Forwarded`). Default none. Like every client address it is used in memory only.
    public var trustedProxies: [AddressRange] = []
    /// GROUNDSWELL_HEARTBEAT. Seconds between heartbeat comments on event streams. Default 15.
    public var heartbeatInterval = 15
    /// GROUNDSWELL_ACCESS_LOG=on|off. One line per request (never the client address). Default on.
    public var accessLog = true
    /// GROUNDSWELL_METRICS_HOST. Address of the metrics listener. Default 127.0.0.1: anyone who can
    /// reach it reads `/metrics` without a token.
    public var metricsHost = "127.0.0.1"
    /// GROUNDSWELL_METRICS_PORT. Port of a listener serving only `/metrics`, with no token; 0 picks a
    /// free one. Default nil: no such listener (`/metrics` on the main port still answers staff tokens).
    public var metricsPort: Int?
    /// GROUNDSWELL_SMTP_URL. The relay mail is submitted to: `smtp://user:password@host:587` (STARTTLS)
    /// or `smtps://user:password@host:465` (implicit TLS). Default nil: nothing is sent; messages wait
    /// in the outbox and the console says so.
    public var smtpURL: String?
    /// GROUNDSWELL_SMTP_TLS=required|opportunistic|off. Default required: no STARTTLS, no mail.
    public var smtpTLS: SMTPRelay.Security = .required
    /// GROUNDSWELL_SMTP_CA_FILE. PEM certificates the relay's certificate is verified with instead of the
    /// system's (a relay with the organisation's own CA). Default nil.
    public var smtpCAFile: String?
    /// GROUNDSWELL_MAIL_FROM. The sender of every message, `Name <address>` or an address; needed with a relay.
    public var mailFrom: String?
    /// GROUNDSWELL_PUBLIC_URL. The base of every link in a message (`https://ideas.example.org`); needed
    /// with a relay. Default nil.
    public var publicURL: String?
    /// GROUNDSWELL_MAIL_RATE. Messages handed to the relay per second at most. Default 20.
    public var mailRate = 20
    /// GROUNDSWELL_INVITATION_RETENTION. Days an uploaded invitation address is kept (for reminders)
    /// before it is deleted; an archived campaign's are deleted at once. Default 60.
    public var invitationRetentionDays = 60
    /// GROUNDSWELL_MAIL_PREVIEW=on|off. For demos: nothing goes to a relay; the console shows the last
    /// messages instead, with the recipient withheld. Refused together with GROUNDSWELL_SMTP_URL. Default off.
    public var mailPreview = false

    public init() {}

    /// Where the server key is read from: `keyFilePath`, else beside the database.
    public var resolvedKeyFilePath: String { keyFilePath ?? databasePath + ".key" }

    /// Defaults overridden by whichever GROUNDSWELL_* variables are set in `environment`.
    public static func fromEnvironment(_ environment: [String: String]) throws -> AppConfiguration {
        var config = AppConfiguration()
        let reader = EnvironmentReader(environment: environment)
        config.host = reader.string("GROUNDSWELL_HOST") ?? config.host
        config.port = try reader.int("GROUNDSWELL_PORT", in: 0...65535) ?? config.port
        config.databasePath = reader.string("GROUNDSWELL_DB") ?? config.databasePath
        config.keyFilePath = reader.string("GROUNDSWELL_KEY_FILE") ?? config.keyFilePath
        config.publicDirectory = reader.string("GROUNDSWELL_PUBLIC") ?? config.publicDirectory
        config.migrationsDirectory = reader.string("GROUNDSWELL_MIGRATIONS") ?? config.migrationsDirectory
        if let value = reader.string("GROUNDSWELL_SYNCHRONOUS") {
            guard let mode = DatabaseOptions.Synchronous(rawValue: value.uppercased()) else {
                throw ConfigurationError(name: "GROUNDSWELL_SYNCHRONOUS", expected: "full or normal")
            }
            config.synchronous = mode
        }
        if let value = reader.string("GROUNDSWELL_CHECKPOINTS") {
            guard let who = DatabaseOptions.Checkpoints(rawValue: value.lowercased()) else {
                throw ConfigurationError(name: "GROUNDSWELL_CHECKPOINTS", expected: "server or external")
            }
            config.checkpoints = who
        }
        config.groupCommit = try reader.flag("GROUNDSWELL_GROUP_COMMIT") ?? config.groupCommit
        config.voteJournal = try reader.flag("GROUNDSWELL_VOTE_JOURNAL") ?? config.voteJournal
        config.secureCookies = try reader.flag("GROUNDSWELL_SECURE_COOKIES") ?? config.secureCookies
        config.rateLimits = try reader.flag("GROUNDSWELL_RATE_LIMITS") ?? config.rateLimits
        config.flagThreshold = try reader.int("GROUNDSWELL_FLAG_THRESHOLD", in: 1...1000) ?? config.flagThreshold
        config.joinCeiling = try reader.int("GROUNDSWELL_JOIN_CEILING", in: 1...1_000_000) ?? config.joinCeiling
        config.kAnonymity = try reader.int("GROUNDSWELL_K_ANONYMITY", in: 1...1000) ?? config.kAnonymity
        config.scheduleInterval = try reader.int("GROUNDSWELL_SCHEDULE_INTERVAL", in: 1...86_400) ?? config.scheduleInterval
        config.maxEventSubscribers = try reader.int("GROUNDSWELL_MAX_SUBSCRIBERS", in: 0...1_000_000) ?? config.maxEventSubscribers
        config.maxEventSubscribersPerAddress = try reader.int("GROUNDSWELL_MAX_SUBSCRIBERS_PER_ADDRESS", in: 1...1_000_000)
            ?? config.maxEventSubscribersPerAddress
        config.maxConnectionsPerAddress = try reader.int("GROUNDSWELL_MAX_CONNECTIONS_PER_ADDRESS", in: 1...1_000_000)
            ?? config.maxConnectionsPerAddress
        if let text = reader.string("GROUNDSWELL_TRUSTED_PROXIES") {
            switch AddressRange.list(text) {
            case .success(let ranges): config.trustedProxies = ranges
            case .failure(let bad):
                throw ConfigurationError(
                    name: "GROUNDSWELL_TRUSTED_PROXIES", expected: "addresses or CIDR blocks separated by commas (not \"\(bad.text)\")")
            }
        }
        config.heartbeatInterval = try reader.int("GROUNDSWELL_HEARTBEAT", in: 1...3600) ?? config.heartbeatInterval
        config.countInterval = try reader.int("GROUNDSWELL_COUNT_INTERVAL", in: 1...3600) ?? config.countInterval
        config.accessLog = try reader.flag("GROUNDSWELL_ACCESS_LOG") ?? config.accessLog
        config.metricsHost = reader.string("GROUNDSWELL_METRICS_HOST") ?? config.metricsHost
        config.metricsPort = try reader.int("GROUNDSWELL_METRICS_PORT", in: 0...65535) ?? config.metricsPort
        config.smtpURL = reader.string("GROUNDSWELL_SMTP_URL") ?? config.smtpURL
        if let value = reader.string("GROUNDSWELL_SMTP_TLS") {
            guard let security = SMTPRelay.Security(rawValue: value.lowercased()) else {
                throw ConfigurationError(name: "GROUNDSWELL_SMTP_TLS", expected: "required, opportunistic or off")
            }
            config.smtpTLS = security
        }
        config.smtpCAFile = reader.string("GROUNDSWELL_SMTP_CA_FILE") ?? config.smtpCAFile
        config.mailFrom = reader.string("GROUNDSWELL_MAIL_FROM") ?? config.mailFrom
        config.publicURL = reader.string("GROUNDSWELL_PUBLIC_URL") ?? config.publicURL
        config.mailRate = try reader.int("GROUNDSWELL_MAIL_RATE", in: 1...1000) ?? config.mailRate
        config.invitationRetentionDays =
            try reader.int("GROUNDSWELL_INVITATION_RETENTION", in: 1...3650) ?? config.invitationRetentionDays
        config.mailPreview = try reader.flag("GROUNDSWELL_MAIL_PREVIEW") ?? config.mailPreview
        return config
    }
}

/// A setting that could not be read.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let name: String
    public let expected: String
    public var description: String { "\(name) must be \(expected)" }
}

private struct EnvironmentReader {
    let environment: [String: String]

    func string(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(name: name, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func flag(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "on", "true", "1", "yes": return true
        case "off", "false", "0", "no": return false
        default: throw ConfigurationError(name: name, expected: "on or off")
        }
    }
}
