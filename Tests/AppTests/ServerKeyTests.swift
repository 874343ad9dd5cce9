// The server key: purposes kept apart, seals that only this key opens, and the key file's life cycle.
import Foundation
import Glibc
import Storage
import Testing
@testable import App

@Suite struct ServerKeyTests {
    @Test func keyedHashesDependOnTheKeyAndThePurpose() throws {
        let one = ServerKey.generate().key, other = ServerKey.generate().key
        #expect(one.keyedHash("AB12-CD34", for: .inviteCode) == one.keyedHash("AB12-CD34", for: .inviteCode))
        #expect(one.keyedHash("AB12-CD34", for: .inviteCode) != other.keyedHash("AB12-CD34", for: .inviteCode))
        let purposes = KeyPurpose.allCases.map { one.keyedHash("AB12-CD34", for: $0) }
        #expect(Set(purposes).count == KeyPurpose.allCases.count, "each purpose has its own subkey")
        #expect(one.keyedHash("AB12-CD34", for: .inviteCode).count == 32)
    }

    @Test func sealsOpenOnlyWithTheirKeyAndPurposeAndUnchanged() throws {
        let key = ServerKey.generate().key
        let message = Array(#"{"role":"Nurse"}"#.utf8)
        let sealed = try key.seal(message, for: .profile)
        #expect(sealed.count == message.count + 28)
        #expect(sealed.firstRange(of: Array("Nurse".utf8)) == nil)
        #expect(try key.open(sealed, for: .profile) == message)
        #expect(try key.seal(message, for: .profile) != sealed, "a fresh nonce each time")
        #expect(throws: (any Error).self) { try key.open(sealed, for: .recoveryKey) }
        #expect(throws: (any Error).self) { try ServerKey.generate().key.open(sealed, for: .profile) }
        var tampered = sealed
        tampered[14] ^= 1
        #expect(throws: (any Error).self) { try key.open(tampered, for: .profile) }
    }

    @Test func theKeyFileIsMadeOnceWithMode0600AndNeverEntersTheDatabase() throws {
        let place = try KeyPlace()
        defer { place.remove() }
        let first = try place.start()
        #expect(first.created)
        var info = stat()
        #expect(stat(place.keyPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let again = try place.start()
        #expect(!again.created)
        #expect(again.key.keyedHash("code", for: .inviteCode) == first.key.keyedHash("code", for: .inviteCode))

        let text = try String(contentsOfFile: place.keyPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = try #require(Data(base64Encoded: text))
        for name in try FileManager.default.contentsOfDirectory(atPath: place.directory) where !name.hasSuffix(".key") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: place.directory + "/" + name)))
            #expect(bytes.firstRange(of: Array(secret)) == nil, "\(name) holds the key")
            #expect(bytes.firstRange(of: Array(text.utf8)) == nil, "\(name) holds the key file's text")
        }
    }

    @Test func aMissingOrForeignOrExposedKeyFileStopsTheStart() throws {
        let place = try KeyPlace()
        defer { place.remove() }
        _ = try place.start()
        let saved = try Data(contentsOf: URL(fileURLWithPath: place.keyPath))

        try FileManager.default.removeItem(atPath: place.keyPath)
        #expect(throws: ServerKeyError.missing(path: place.keyPath)) { try place.start() }
        #expect(!FileManager.default.fileExists(atPath: place.keyPath), "no new key replaces the lost one")

        let foreign = ServerKey.generate().bytes
        try place.writeKey(Array((Data(foreign).base64EncodedString() + "\n").utf8), mode: 0o600)
        #expect(throws: ServerKeyError.mismatch(path: place.keyPath)) { try place.start() }

        try place.writeKey(Array(saved), mode: 0o644)
        #expect(throws: ServerKeyError.exposed(path: place.keyPath, mode: "644")) { try place.start() }

        try place.writeKey(Array(saved), mode: 0o600)
        #expect(!(try place.start().created))
    }
}

/// A temporary database and the key file beside it.
private struct KeyPlace {
    let directory: String
    var databasePath: String { directory + "/groundswell.sqlite" }
    var keyPath: String { databasePath + ".key" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gs-key-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Opens the database and its key as a server start does, then closes the database.
    func start() throws -> (key: ServerKey, created: Bool) {
        var options = DatabaseOptions(path: databasePath)
        options.synchronous = .normal
        let database = try Database(options: options, migrationsDirectory: TestApp.packageRoot + "/Migrations")
        defer { database.close() }
        return try ServerKeyFile.open(path: keyPath, database: database)
    }

    func writeKey(_ bytes: [UInt8], mode: mode_t) throws {
        try? FileManager.default.removeItem(atPath: keyPath)
        #expect(FileManager.default.createFile(atPath: keyPath, contents: Data(bytes)))
        #expect(chmod(keyPath, mode) == 0)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
