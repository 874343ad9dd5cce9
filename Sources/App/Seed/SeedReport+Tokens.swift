// Writing a seed run's raw tokens to a file, one a line, for the load generator to rotate through.
import Foundation

extension SeedReport {
    /// Writes `tokens`, one per line, to `path` with mode 0600: each token acts as a contributor.
    public func writeTokens(to path: String) throws {
        let text = tokens.joined(separator: "\n") + (tokens.isEmpty ? "" : "\n")
        guard FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}
