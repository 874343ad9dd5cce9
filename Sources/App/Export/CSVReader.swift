// Reads RFC 4180 CSV for imports: records with the line each starts on, quoted fields, CRLF or LF.

/// One record of an imported file and the 1-based line it starts on (what an editor shows).
struct CSVRecord: Equatable {
    var line: Int
    var fields: [String]
}

/// A pure parser over the whole file (imports are small: invite codes, a codebook).
/// Accepts a UTF-8 byte order mark, CRLF or bare LF line ends, and a last line without one;
/// skips blank lines. Rejects what RFC 4180 §2 does not allow: a quote inside an unquoted field,
/// text after a closing quote, a quote left open at the end, and bytes that are not UTF-8.
enum CSVReader {
    static func parse(_ bytes: [UInt8]) throws(ImportError) -> [CSVRecord] {
        var input = bytes[...]
        if input.starts(with: CSVEncoder.byteOrderMark) { input = input.dropFirst(3) }
        guard let text = String(validating: input, as: UTF8.self) else { throw .unreadable("The file is not UTF-8 text.") }

        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var fieldStarted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldStarted) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldStarted = false
            afterQuote = false
        }

        while let scalar = pending {
            pending = scalars.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = scalars.next()
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = true
                afterQuote = false
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else { throw .unreadable("Line \(line): a quote inside a field must be doubled.") }
                inQuotes = true
                fieldStarted = true
            default:
                guard !afterQuote else { throw .unreadable("Line \(line): text after a closing quote.") }
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        guard !inQuotes else { throw .unreadable("Line \(recordLine): a quoted field is never closed.") }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
