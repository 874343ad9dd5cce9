// A small, fast JSON writer that appends UTF-8 straight into a byte array: the API's only encoder.

/// Writes JSON tokens in order, inserting commas itself. Callers pair `beginObject`/`endObject`
/// and `beginArray`/`endArray`; inside an object every value follows a `key`.
///
/// Strings are escaped per RFC 8259 §7, plus `<` → `\u003c` and U+2028/2029 so a body can never
/// close a `<script>` if someone inlines it into a page.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) { separate(); appendQuoted(value); needsComma = true }
    mutating func int<I: BinaryInteger>(_ value: I) { separate(); bytes.append(contentsOf: String(value).utf8); needsComma = true }
    mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8); needsComma = true }
    mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }

    /// Non-finite numbers have no JSON form and are written as null.
    mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func int(_ value: Int64?) { if let value { int(value) } else { null() } }

    // Shorthands for the common `"key": value` pair.
    mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: String, _ value: Int64) { key(name); int(value) }
    mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    mutating func field(_ name: String, _ value: Double) { key(name); double(value) }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        beginArray()
        for element in elements { body(&self, element) }
        endArray()
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: [0x5C, 0x22])
            case "\\": bytes.append(contentsOf: [0x5C, 0x5C])
            case "\n": bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case "\r": bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case "\t": bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case "<": bytes.append(contentsOf: "\\u003c".utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
