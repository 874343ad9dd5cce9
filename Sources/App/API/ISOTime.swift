// Unix seconds as ISO 8601 UTC strings ("2026-11-21T20:00:00Z"), the API's only time format.

enum ISOTime {
    /// Civil-from-days (Howard Hinnant's algorithm), so no Foundation formatter or locale is involved.
    static func string(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let hour = secondOfDay / 3600, minute = secondOfDay % 3600 / 60, second = secondOfDay % 60
        guard (0...9999).contains(year) else {
            func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
        }
        // The common case written straight into the string's storage: one allocation, no interpolation.
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int64, digits: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    out[position] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
            }
            put(year, digits: 4, at: 0)
            put(month, digits: 2, at: 5)
            put(day, digits: 2, at: 8)
            put(hour, digits: 2, at: 11)
            put(minute, digits: 2, at: 14)
            put(second, digits: 2, at: 17)
            for (offset, byte) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")] as [(Int, Unicode.Scalar)] {
                out[offset] = UInt8(ascii: byte)
            }
            return 20
        }
    }

    /// The UTC date of `seconds`, `YYYY-MM-DD` (for what is kept to the day).
    static func day(_ seconds: Int64) -> String { String(string(seconds).prefix(10)) }

    /// `YYYY-MM-DD HH:MM:SS`, UTC: the form Excel and LibreOffice read as a date and time (they leave ISO 8601's
    /// `T…Z` as text, which neither sorts nor filters as a date). For CSV cells only; the API keeps ISO 8601.
    static func spreadsheet(_ seconds: Int64) -> String {
        var text = string(seconds)
        guard text.hasSuffix("Z"), let separator = text.firstIndex(of: "T") else { return text }
        text.removeLast()
        text.replaceSubrange(separator...separator, with: " ")
        return text
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`; nil for anything else.

    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
              bytes[16] == 0x3A, bytes[19] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * mp + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }
}
