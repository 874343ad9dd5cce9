// A directory under the system temp dir for one test, removed with everything in it when released.
import Foundation
@testable import Storage

final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/groundswell-storage-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside this directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` inside this directory (creating subdirectories), returning its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        let parent = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Opens a database file `name` in this directory with default options, adjusted by `configure`.
    func openDatabase(
        _ name: String = "test.sqlite", migrations: String? = nil,
        _ configure: (inout DatabaseOptions) -> Void = { _ in }
    ) throws -> Database {
        var options = DatabaseOptions(path: file(name))
        configure(&options)
        return try Database(options: options, migrationsDirectory: migrations)
    }
}
