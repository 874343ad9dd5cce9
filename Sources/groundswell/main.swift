// The command line: serve, migrate, demo, seed, backup, check, staff. The work itself lives in App and Storage.
import App
import ArgumentParser
import CLinux
import Campaigns
import Dispatch
import Glibc
import Mail
import Storage

struct Groundswell: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Groundswell: anonymous crowdsourcing for campaigns.",
        subcommands: [
            Serve.self, Migrate.self, Key.self, Demo.self, Seed.self, Backup.self, Check.self, Staff.self, Export.self,
            ImportInvites.self, ImportCodebook.self, ImportProgress.self,
        ])
}

/// Flags shared by every subcommand; each overrides its GROUNDSWELL_* variable.
struct DatabaseFlags: ParsableArguments {
    @Option(help: "SQLite database file (GROUNDSWELL_DB).") var db: String?
    @Option(help: "Directory of numbered .sql migrations (GROUNDSWELL_MIGRATIONS, default ./Migrations).") var migrations: String?
    @Option(help: "The server key file, made at first start (GROUNDSWELL_KEY_FILE, default: the database's path + .key).")
    var keyFile: String?

    func configuration() throws -> AppConfiguration {
        var config = try AppConfiguration.fromEnvironment(ProcessInfoEnvironment.current)
        if let db { config.databasePath = db }
        if let migrations { config.migrationsDirectory = migrations }
        if let keyFile { config.keyFilePath = keyFile }
        return config
    }

    /// Opens (and migrates) the database, runs `body` with it, and closes it again.
    func withDatabase<T>(_ body: (Database, AppConfiguration) throws -> T) throws -> T {
        let config = try configuration()
        let db = try open(config)
        defer { db.close() }
        return try body(db, config)
    }

    /// Like `withDatabase`, with the server key too (made beside the database at first use).
    func withKeyedDatabase<T>(_ body: (Database, ServerKey, AppConfiguration) throws -> T) throws -> T {
        try withDatabase { db, config in
            let opened = try ServerKeyFile.open(path: config.resolvedKeyFilePath, database: db)
            if opened.created {
                Log.write("made a new server key in \(config.resolvedKeyFilePath): back it up apart from the database")
            }
            return try body(db, opened.key, config)
        }
    }

    func open(_ config: AppConfiguration) throws -> Database {
        var options = DatabaseOptions(path: config.databasePath)
        options.synchronous = config.synchronous
        options.checkpoints = config.checkpoints
        return try Database(options: options, migrationsDirectory: config.migrationsDirectory)
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the site and the API.")
    @OptionGroup var database: DatabaseFlags
    @Option(help: "Address to bind (GROUNDSWELL_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Port, 0 for any free one (GROUNDSWELL_PORT, default 8080).") var port: Int?
    @Option(name: .customLong("public"), help: "Static files directory (GROUNDSWELL_PUBLIC, default ./Public).")
    var publicDirectory: String?
    @Option(help: "Address of the /metrics listener (GROUNDSWELL_METRICS_HOST, default 127.0.0.1).") var metricsHost: String?
    @Option(help: "Port of a listener serving /metrics with no token, 0 for any free one (GROUNDSWELL_METRICS_PORT; default none).")
    var metricsPort: Int?
    @Option(help: "Relay for mail, smtp://user:password@host:587 or smtps://…:465 (GROUNDSWELL_SMTP_URL; prefer the variable: a flag shows in ps).")
    var smtpURL: String?
    @Option(help: "required (default), opportunistic or off: STARTTLS to the relay (GROUNDSWELL_SMTP_TLS).") var smtpTLS: String?
    @Option(help: "PEM file of the certificates the relay is verified with (GROUNDSWELL_SMTP_CA_FILE).") var smtpCAFile: String?
    @Option(help: "Sender of every message, Name <address> (GROUNDSWELL_MAIL_FROM).") var mailFrom: String?
    @Option(help: "Base of every link in a message, e.g. https://ideas.example.org (GROUNDSWELL_PUBLIC_URL).") var publicURL: String?
    @Option(help: "Messages per second at most (GROUNDSWELL_MAIL_RATE, default 20).") var mailRate: Int?
    @Flag(help: "Show outgoing messages in the console instead of sending them: a demo setting (GROUNDSWELL_MAIL_PREVIEW).")
    var mailPreview = false

    func run() throws {
        var config = try database.configuration()
        if let smtpURL { config.smtpURL = smtpURL }
        if let smtpTLS {
            guard let security = SMTPRelay.Security(rawValue: smtpTLS.lowercased()) else {
                throw ValidationError("--smtp-tls must be required, opportunistic or off")
            }
            config.smtpTLS = security
        }
        if let smtpCAFile { config.smtpCAFile = smtpCAFile }
        if let mailFrom { config.mailFrom = mailFrom }
        if let publicURL { config.publicURL = publicURL }
        if let mailRate {
            guard (1...1000).contains(mailRate) else { throw ValidationError("--mail-rate must be from 1 to 1000") }
            config.mailRate = mailRate
        }
        if mailPreview { config.mailPreview = true }
        if let host { config.host = host }
        if let port { config.port = port }
        if let publicDirectory { config.publicDirectory = publicDirectory }
        if let metricsHost { config.metricsHost = metricsHost }
        if let metricsPort { config.metricsPort = metricsPort }
        // glibc gives a thread arena's free top back to the kernel (madvise) whenever it passes
        // 128 KiB, so a server that allocates and frees per request faults the same pages in again
        // and again: about one madvise per vote in a profile. Keep up to 64 MiB instead.
        clinux_keep_freed_memory(64 << 20)
        let app = try Application(configuration: config) { line in Log.write(line) }
        let bound = try app.start()
        Log.stdout("listening on http://\(config.host):\(bound)")
        if let metricsPort = app.metricsPort { Log.stdout("metrics on http://\(config.metricsHost):\(metricsPort)/metrics") }
        app.installSignalHandlers { Glibc.exit(0) }
        dispatchMain()
    }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations and exit.")
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withDatabase { db, config in
            Log.stdout("database \(config.databasePath) is up to date")
        }
    }
}

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the server key file if it is missing, or check it belongs to the database; prints where it is.")
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        let config = try database.configuration()
        let db = try database.open(config)
        defer { db.close() }
        let opened = try ServerKeyFile.open(path: config.resolvedKeyFilePath, database: db)
        let fingerprint = opened.key.fingerprint.prefix(8).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        Log.stdout("server key \(opened.created ? "made in" : "found in") \(config.resolvedKeyFilePath) "
            + "(fingerprint \(fingerprint.joined())): back it up apart from the database")
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo campaign into an empty database.")
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withKeyedDatabase { db, key, config in
            try DemoSeeder.seed(database: db, key: key, flagThreshold: config.flagThreshold)
            Log.stdout("demo campaign loaded: /c/demo")
        }
    }
}

struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate a large campaign (slug bench) for load and analysis tests.")
    @OptionGroup var database: DatabaseFlags
    @Option(help: """
        realistic (3,600 people, 10k ideas, 200k votes), nation (1.4M people, 100k ideas, 10M votes) or \
        change-challenge (1,455 people, 7,524 Understand contributions written around a 21-theme codebook).
        """)
    var size: String = "realistic"
    @Option(help: "The campaign's slug.") var slug: String = "bench"
    @Option(help: "How many raw contributor tokens to write to --tokens-out.") var tokens: Int = 0
    @Option(help: "File for the raw tokens, one a line (mode 0600).") var tokensOut: String?
    @Option(help: "change-challenge only: how many of the first contributions two seeded teams code (disputes reconciled).")
    var codedSample: Int = 0

    func run() throws {
        guard let seedSize = SeedSize(rawValue: size) else {
            throw ValidationError("--size must be realistic, nation or change-challenge")
        }
        guard codedSample == 0 || seedSize == .changeChallenge else {
            throw ValidationError("--coded-sample needs --size change-challenge")
        }
        let config = try database.configuration()
        let db = try database.open(config)
        defer { db.close() }
        let key = try ServerKeyFile.open(path: config.resolvedKeyFilePath, database: db).key
        let seeder = CampaignSeeder(
            size: seedSize, key: key, slug: slug, tokenCount: tokensOut == nil ? 0 : tokens, codedSample: codedSample
        ) { Log.write($0) }
        let report = try seeder.seed(database: db)
        if let tokensOut { try report.writeTokens(to: tokensOut) }
        Log.stdout(
            "seeded /c/\(report.slug): \(report.people) people, \(report.contributions) contributions, "
                + "\(report.votes) votes, \(report.comments) comments, \(report.codes) codes in \(report.seconds) s "
                + "(\(Int(report.rowsPerSecond)) rows/s), database \(report.databaseBytes) bytes")
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy the live database to FILE (online backup).")
    @Argument(help: "Destination file.") var file: String
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withDatabase { db, config in
            try db.backup(to: file)
            Log.stdout("backed up to \(file)")
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run integrity and foreign key checks.")
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withDatabase { db, config in
            let problems = try db.check()
            for problem in problems { Log.stdout(problem) }
            if !problems.isEmpty { throw ExitCode(1) }
            Log.stdout("ok")
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a campaign's CSV exports to a directory.")
    @Option(help: "The campaign's slug.") var campaign: String
    @Option(help: "Directory to write the .csv files into (created if missing).") var out: String
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withKeyedDatabase { db, key, config in
            let bar = isatty(STDOUT_FILENO) == 1
            let files = try DirectoryExport.run(
                slug: campaign, directory: out, database: db, key: key, kAnonymity: config.kAnonymity, now: SystemClock().now
            ) { progress in
                guard bar else { return }
                let filled = progress.tablesDone * 20 / max(1, progress.tableCount)
                let line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "] "
                    + "\(progress.tablesDone + 1)/\(progress.tableCount) \(progress.table): \(progress.rows) rows"
                print("\r\u{1B}[2K" + line, terminator: "")
                fflush(nil)
            }
            if bar { print("") }
            for file in files { Log.stdout(file) }
        }
    }
}

struct ImportInvites: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add invite codes from a CSV with a 'code' column; nothing is added if any row is bad.")
    @Option(help: "The campaign's slug.") var campaign: String
    @Argument(help: "The CSV file.") var file: String
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withKeyedDatabase { db, key, config in
            let count = try reportingImportErrors {
                try InviteImport.run(
                    csv: try ImportFile.bytes(atPath: file), slug: campaign, database: db, key: key, clock: SystemClock())
            }
            Log.stdout("\(count) invite codes added")
        }
    }
}

struct ImportCodebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add themes from a CSV (name, kind, description, parent); nothing is added if any row is bad.")
    @Option(help: "The campaign's slug.") var campaign: String
    @Argument(help: "The CSV file.") var file: String
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withDatabase { db, config in
            let count = try reportingImportErrors {
                try CodebookImport.run(csv: try ImportFile.bytes(atPath: file), slug: campaign, database: db, clock: SystemClock())
            }
            Log.stdout("\(count) themes added")
        }
    }
}

struct ImportProgress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-progress",
        abstract: "Add implementation updates on adopted ideas from a CSV (idea, note, role, site, date, percent); nothing is added if any row is bad.")
    @Option(help: "The campaign's slug.") var campaign: String
    @Argument(help: "The CSV file.") var file: String
    @OptionGroup var database: DatabaseFlags

    func run() throws {
        try database.withDatabase { db, config in
            let count = try reportingImportErrors {
                try ProgressImport.run(
                    csv: try ImportFile.bytes(atPath: file), slug: campaign, database: db, clock: SystemClock(),
                    actor: "command line")
            }
            Log.stdout("\(count) updates added")
        }
    }
}

/// Prints an import's row errors to stderr and exits 1, instead of ArgumentParser's one-line error.
func reportingImportErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ImportError {
        Log.write(error.description)
        throw ExitCode(1)
    }
}

struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage staff accounts.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a staff member; prints their password, then their API token alone on the last line.")
        @Argument(help: "Unique staff name.") var name: String
        @Option(help: "admin, facilitator, analyst or organiser.") var role: String
        @Option(name: .customLong("campaign"), help: "Limit the account to this campaign (repeatable).")
        var campaigns: [String] = []
        @OptionGroup var database: DatabaseFlags

        func run() throws {
            guard let staffRole = StaffRole(rawValue: role) else {
                throw ValidationError("unknown role \(role): use admin, facilitator, analyst or organiser")
            }
            try database.withDatabase { db, config in
                let created = try StaffAccounts.create(
                    name: name, role: staffRole, campaignSlugs: campaigns, actor: "command line", database: db,
                    clock: SystemClock())
                Log.stdout("staff member \(created.name) added as \(created.role.rawValue)")
                Log.stdout("password (shown once): \(created.password)")
                Log.stdout("API token (shown once):")
                Log.stdout(created.token)
            }
        }
    }
}

/// Output without Foundation: stdout for results (flushed, tests parse it), stderr for the log.
enum Log {
    static func stdout(_ line: String) {
        print(line)
        fflush(nil)  // every stream: tests read the "listening on" line through a pipe
    }

    static func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

enum ProcessInfoEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "="), text.hasPrefix("GROUNDSWELL_") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

Groundswell.main()
