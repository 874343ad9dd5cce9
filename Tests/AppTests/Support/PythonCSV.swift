// Reads CSV bytes back with Python's csv module (strict mode), the reference reader of the export tests.
import Foundation
import Testing

enum PythonCSV {
    /// Python's reading of `bytes` as a CSV file (UTF-8 with an optional BOM), as rows of fields.
    static func rows(_ bytes: [UInt8]) throws -> [[String]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("groundswell-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(bytes).write(to: file)
        let script = """
        import csv, json, sys
        with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
            json.dump(list(csv.reader(f, strict=True)), sys.stdout)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONDecoder().decode([[String]].self, from: data)
    }
}
