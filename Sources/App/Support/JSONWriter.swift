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
    mutating func int<I: BinaryInteger>(_ value: I) {
        separate()
        if let small = Int64(exactly: value) { appendDecimal(small) } else { bytes.append(contentsOf: String(value).utf8) }
        needsComma = true
    }
    mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8); needsComma = true }
    mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }

    /// Non-finite numbers have no JSON form and are written as null.
    mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// `value` rounded to `places` decimal places (0...9), trailing zeros dropped: `0.2065`, `0.1`, `1`.
    /// Written from integer digits, so no `String` is made; a value too large to scale is written as `double`.
    mutating func decimal(_ value: Double, places: Int) {
        precondition((0...9).contains(places), "decimal places out of range")
        guard value.isFinite else { return null() }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard scaled.magnitude < 1e15 else { return double(value) }
        separate()
        var units = Int64(scaled)
        if units < 0 {
            bytes.append(UInt8(ascii: "-"))
            units = -units
        }
        appendDecimal(units / scale)
        var fraction = units % scale
        if fraction != 0 {
            var width = places
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            bytes.append(UInt8(ascii: "."))
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(truncatingIfNeeded: 0x30 + fraction / divisor % 10))
                divisor /= 10
            }
        }
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

    /// Appends the decimal digits of `value` without making a String.
    private mutating func appendDecimal(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ the 19 digits of Int64.min; least significant first
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
        }
        withUnsafeBytes(of: &digits) { buffer in
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// Appends `string` quoted, walking its UTF-8 bytes: runs that need no escape are copied in bulk,
    /// and no `String` is made per character. Multi-byte sequences pass through unchanged except
    /// U+2028/U+2029 (`E2 80 A8`/`E2 80 A9`), which are escaped.
    private mutating func appendQuoted(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none of them needs a look (SWAR, as in `memchr`).
                if index + 8 <= utf8.count, let base = utf8.baseAddress,
                   !Self.mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                let width: Int
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0xE2 {
                    index += 1
                    continue
                } else if byte == 0xE2 {
                    guard index + 2 < utf8.count, utf8[index + 1] == 0x80,
                          utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9 else {
                        index += 1
                        continue
                    }
                    width = 3
                } else {
                    width = 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(forByteAt: index, in: utf8)
                index += width
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `word` is a control character, `"`, `\`, `<` or 0xE2 (the
    /// lead byte of U+2028/2029). Exact for "none": `x - 0x01…01` sets a byte's top bit without a
    /// borrow only where that byte was zero (below 0x20 for `word - 0x20…20`), and `& ~x` drops
    /// bytes whose top bit was already set; a borrow can only flag bytes above a real hit.
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
            || hasZero(word ^ (ones &* 0x3C)) || hasZero(word ^ (ones &* 0xE2))
    }

    /// Appends the escape for the byte at `index`, which `appendQuoted` found needs one.
    private mutating func appendEscape(forByteAt index: Int, in utf8: UnsafeBufferPointer<UInt8>) {
        let byte = utf8[index]
        switch byte {
        case 0x22: bytes.append(0x5C); bytes.append(0x22)
        case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
        case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
        case 0xE2: appendUnicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
        default: appendUnicodeEscape(UInt16(byte))   // `<` and the other control characters
        }
    }

    /// Appends `\uXXXX` with lowercase hex digits.
    private mutating func appendUnicodeEscape(_ value: UInt16) {
        let digits: StaticString = "0123456789abcdef"
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(digits.utf8Start[Int((value >> UInt16(shift)) & 0xF)])
        }
    }
}
