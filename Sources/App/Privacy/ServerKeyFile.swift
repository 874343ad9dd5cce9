// Reads the server key from GROUNDSWELL_KEY_FILE, creating it (mode 0600) at first start, and checks it belongs to the database.
import Foundation
import Glibc
import Storage

/// The key file: one line, the 32 secret bytes in base64. Made with `O_CREAT | O_EXCL` and mode
/// 0600 when missing, written and fsynced (file and directory) before it is used, so a crash never
/// leaves a database that depends on a key that was not saved.
///
/// The database records the key's fingerprint the first time it meets one. After that a missing
/// key file, a different one, or one others can read stops the start with `ServerKeyError`: making
/// a new key silently would invalidate every invite code, device, recovery key and sealed profile.
public enum ServerKeyFile {
    /// The key for `database`, from `path`; made there if the file is missing and the database has
    /// never met a key. Returns the key and whether the file was created now.
    public static func open(path: String, database: Database) throws -> (key: ServerKey, created: Bool) {
        let recorded = try database.read { try ServerKeyStore($0).fingerprint() }
        let key: ServerKey
        var created = false
        if let existing = try read(path: path) {
            key = existing
        } else if recorded != nil {
            throw ServerKeyError.missing(path: path)
        } else {
            key = try create(path: path)
            created = true
        }
        let fingerprint = key.fingerprint
        let adopted = try recorded ?? database.write { try ServerKeyStore($0).adopt(fingerprint: fingerprint) }
        guard Tokens.constantTimeEqual(adopted, fingerprint) else { throw ServerKeyError.mismatch(path: path) }
        return (key, created)
    }

    /// The key in `path`, or nil when there is no such file.
    static func read(path: String) throws -> ServerKey? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw ServerKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & 0o077 == 0 else {
            throw ServerKeyError.exposed(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerKeyError.unreadable(path: path, reason: "it cannot be read")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), let key = ServerKey(bytes: Array(bytes)) else {
            throw ServerKeyError.unreadable(path: path, reason: "it does not hold a Groundswell key")
        }
        return key
    }

    /// Makes a new key file at `path` (never replacing one: a concurrent start that made it first
    /// wins, and its key is read back).
    static func create(path: String) throws -> ServerKey {
        let (key, bytes) = ServerKey.generate()
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST, let existing = try read(path: path) { return existing }
            throw ServerKeyError.unreadable(path: path, reason: "it cannot be created: " + String(cString: strerror(errno)))
        }
        defer { Glibc.close(descriptor) }
        let line = Array((Data(bytes).base64EncodedString() + "\n").utf8)
        let written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw ServerKeyError.unreadable(path: path, reason: "it could not be written: " + reason)
        }
        syncDirectory(of: path)
        return key
    }

    /// fsync of the directory holding `path`, so the new file's name survives a power cut.
    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = Glibc.open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        Glibc.close(descriptor)
    }
}

/// Why the server key could not be used; the message says what to do.
public enum ServerKeyError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case mismatch(path: String)
    case exposed(path: String, mode: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "the server key file \(path) is missing, but this database was made with one: restore it from its backup "
                + "(GROUNDSWELL_KEY_FILE names where it is). Without it no invite code, device, recovery key or profile "
                + "answer stored so far can be used."
        case .mismatch(let path):
            "the server key file \(path) does not belong to this database: its fingerprint differs. "
                + "Point GROUNDSWELL_KEY_FILE at this database's key."
        case .exposed(let path, let mode):
            "the server key file \(path) can be read by others (mode \(mode)): run chmod 600 on it."
        case .unreadable(let path, let reason):
            "the server key file \(path) cannot be used: \(reason)."
        }
    }
}
