// An ordered list of header fields: duplicates survive, names compare case-insensitively (RFC 9110 §5.1).

/// Header fields in the order they arrived or were added. Not a dictionary: a repeated field
/// (two `Content-Length`s, two `Host`s) must stay visible so the parser can refuse it.
public struct Headers: Sendable, Sequence {
    public typealias Element = (name: String, value: String)
    private var fields: [Element] = []

    public init() {}

    public init(_ fields: [Element]) {
        self.fields = fields
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        for field in fields where Headers.namesEqual(field.name, name) { return field.value }
        return nil
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        var found: [String] = []
        for field in fields where Headers.namesEqual(field.name, name) { found.append(field.value) }
        return found
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every field called `name` with one.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name, value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Headers.namesEqual($0.name, name) }
    }

    /// True when a comma-separated list header (`Connection`, `Accept-Encoding`) holds `token`.
    public func hasToken(_ token: String, in name: String) -> Bool {
        for value in values(name) {
            for item in value.split(separator: ",") {
                let trimmed = item.split(separator: ";").first.map { $0.trimmingSpaces } ?? ""
                if Headers.namesEqual(trimmed, token) { return true }
            }
        }
        return false
    }

    /// Case-insensitive ASCII comparison. Every header lookup comes here, several times per
    /// request, so the bytes are compared in place when both sides have contiguous UTF-8 (native
    /// strings and their slices), and through their views otherwise.
    static func namesEqual<A: StringProtocol, B: StringProtocol>(_ a: A, _ b: B) -> Bool {
        func equal(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Bool {
            left.count == right.count && zip(left, right).allSatisfy { lowerASCII($0) == lowerASCII($1) }
        }
        let inPlace = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in equal(left, right) }
        }
        if let inPlace, let result = inPlace { return result }
        return equal(a.utf8, b.utf8)
    }
}

@inline(__always)
func lowerASCII(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs (HTTP's OWS).
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
