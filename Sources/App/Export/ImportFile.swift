// Reads an import file for the command line, with a size cap so a wrong path cannot eat memory.
import Foundation

public enum ImportFile {
    /// Largest import file read, in bytes (16 MiB: about half a million invite codes).
    public static let maxBytes = 16 << 20

    /// The file's bytes, or `ImportError.unreadable` naming the problem (not the contents).
    public static func bytes(atPath path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportError.unreadable("Cannot open \(path).") }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        guard data.count <= maxBytes else { throw ImportError.unreadable("\(path) is larger than \(maxBytes >> 20) MiB.") }
        return [UInt8](data)
    }
}
