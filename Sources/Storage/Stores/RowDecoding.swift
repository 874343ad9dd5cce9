// Decoding helpers shared by the stores: enum columns that refuse unknown values, id lists.
import Campaigns

extension Row {
    /// A text column holding one of `E`'s raw values; anything else means the file was edited by hand.
    func enumeration<E: RawRepresentable>(_ i: Int32, _ type: E.Type, table: String, column: String) throws -> E
    where E.RawValue == String {
        guard let value = E(rawValue: text(i)) else { throw StoreError.corrupt(table: table, column: column) }
        return value
    }

    /// A theme's `kind` column.
    func themeKind(_ i: Int32, table: String) throws -> ThemeKind {
        guard let kind = ThemeKind(rawValue: text(i)) else { throw StoreError.corrupt(table: table, column: "kind") }
        return kind
    }

    /// A `group_concat` of integer ids (`"3,7"`), or NULL for none.
    func idList(_ i: Int32) -> [Int64] {
        guard let text = optionalText(i) else { return [] }
        return text.split(separator: ",").compactMap { Int64($0) }
    }
}

/// `?, ?, ?` for an `IN (…)` list of `count` parameters (at least one).
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
}

/// A JSON array of strings, for the `choices` column (RFC 8259 §7 escaping).
func jsonStringArray(_ values: [String]) -> String {
    var out = "["
    for (index, value) in values.enumerated() {
        if index > 0 { out += "," }
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
    return out + "]"
}
