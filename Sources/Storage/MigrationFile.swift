// One numbered migration file read from disk, with its version and SHA-256 checksum.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A migration file `NNNN_name.sql`: plain SQL, append-only once shipped.
struct MigrationFile: Equatable {
    /// The leading number, which orders migrations and keys `schema_migrations`.
    let version: Int
    /// The whole file name, such as `0001_initial.sql`.
    let name: String
    let sql: String
    /// SHA-256 of the file's bytes, lowercase hex.
    let checksum: String

    init(name: String, bytes: [UInt8]) throws {
        guard let version = Self.version(of: name) else {
            throw MigrationError(
                kind: .invalidName, file: name, reason: "expected digits, an underscore, a name, then .sql")
        }
        self.version = version
        self.name = name
        self.sql = String(decoding: bytes, as: UTF8.self)
        self.checksum = SHA256.hex(bytes)
    }

    /// The number before the first underscore, when the name has the `NNNN_name.sql` shape.
    static func version(of name: String) -> Int? {
        guard name.hasSuffix(".sql"), let underscore = name.firstIndex(of: "_") else { return nil }
        let digits = name[..<underscore]
        let rest = name[name.index(after: underscore)...].dropLast(4)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), !rest.isEmpty else { return nil }
        return Int(digits)
    }

    /// Every `*.sql` file in `directory`, sorted by version; other files are ignored.
    static func load(directory: String) throws -> [MigrationFile] {
        let names = try listDirectory(directory).filter { $0.hasSuffix(".sql") && !$0.hasPrefix(".") }
        var files: [MigrationFile] = []
        for name in names {
            files.append(try MigrationFile(name: name, bytes: try readFile(directory + "/" + name, name: name)))
        }
        files.sort { $0.version < $1.version }
        for (previous, next) in zip(files, files.dropFirst()) where previous.version == next.version {
            throw MigrationError(
                kind: .invalidName, file: next.name, reason: "shares its number with \(previous.name)")
        }
        return files
    }

    private static func listDirectory(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else {
            throw MigrationError(kind: .unreadable, file: path, reason: errnoDescription())
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func readFile(_ path: String, name: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MigrationError(kind: .unreadable, file: name, reason: errnoDescription()) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw MigrationError(kind: .unreadable, file: name, reason: errnoDescription())
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func errnoDescription() -> String {
        let code = errno
        return "errno \(code) (\(String(cString: strerror(code))))"
    }
}
