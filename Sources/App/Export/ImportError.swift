// Why an import wrote nothing: an unreadable file, an unknown campaign, or the bad rows by line.

/// An import is all or nothing: any of these means no row was written.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// One problem in one row; `line` is where the row starts in the file.
    public struct RowProblem: Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    case campaignNotFound(String)
    /// The file as a whole cannot be read (not UTF-8, broken quoting, no or wrong header).
    case unreadable(String)
    /// Every bad row, in file order.
    case badRows([RowProblem])

    public var description: String {
        switch self {
        case .campaignNotFound(let slug): "There is no campaign \"\(slug)\"."
        case .unreadable(let message): message
        case .badRows(let problems):
            (["Nothing was imported; fix these rows and try again:"]
                + problems.map { "  line \($0.line): \($0.message)" }).joined(separator: "\n")
        }
    }
}

/// Reads the header row and finds named columns (case-insensitive, surrounding spaces ignored).
struct ImportHeader {
    private let index: [String: Int]

    /// The header must name every column of `required`; columns it does not know are refused,
    /// so a misspelt optional column is not silently ignored.
    init(_ record: CSVRecord?, required: [String], optional: [String]) throws(ImportError) {
        guard let record else { throw .unreadable("The file is empty; the first line must be the header.") }
        var index: [String: Int] = [:]
        for (position, name) in record.fields.enumerated() {
            let key = name.trimmedForImport().lowercased()
            guard required.contains(key) || optional.contains(key) else {
                throw .unreadable("Line \(record.line): unknown column \"\(key)\"; expected \((required + optional).joined(separator: ", ")).")
            }
            guard index[key] == nil else { throw .unreadable("Line \(record.line): column \"\(key)\" appears twice.") }
            index[key] = position
        }
        for name in required where index[name] == nil {
            throw .unreadable("Line \(record.line): the header must have a \"\(name)\" column.")
        }
        self.index = index
    }

    /// The named cell of `record`, trimmed; empty when the column or the cell is absent.
    func value(_ name: String, in record: CSVRecord) -> String {
        guard let position = index[name], position < record.fields.count else { return "" }
        return record.fields[position].trimmedForImport()
    }
}

extension String {
    fileprivate func trimmedForImport() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
