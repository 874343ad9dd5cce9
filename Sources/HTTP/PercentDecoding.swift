// Percent-decoding of path segments and query components (RFC 3986 §2.1), refusing what is malformed.

enum PercentDecoding {
    /// Decodes `%XX` escapes (and `+` as space when `plusIsSpace`, for query strings).
    /// Returns nil for a malformed escape, a decoded NUL, or bytes that are not UTF-8.
    static func decode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> String? {
        guard bytes.contains(UInt8(ascii: "%")) || (plusIsSpace && bytes.contains(UInt8(ascii: "+"))) else {
            return String(validating: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { return nil }
                let decoded = high << 4 | low
                if decoded == 0 { return nil }
                out.append(decoded)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The parts of a request-target the router and handlers use.
struct RequestTarget {
    var pathSegments: [String]
    var query: [(name: String, value: String)]
    var isAsterisk: Bool

    /// Parses origin-form (`/path?query`), absolute-form (`http://host/path?query`, RFC 9112 §3.2.2)
    /// and asterisk-form (`*`). Segments that decode to `.` or `..` are refused: a path can never climb.
    static func parse(_ target: [UInt8]) -> Result<RequestTarget, ParseError> {
        if target == [UInt8(ascii: "*")] {
            return .success(RequestTarget(pathSegments: [], query: [], isAsterisk: true))
        }
        var start = 0
        if target.first != UInt8(ascii: "/") {
            guard let afterScheme = absoluteFormPathStart(target) else {
                return .failure(.badRequest("request-target"))
            }
            start = afterScheme
        }
        let rest = target[start...]
        let questionMark = rest.firstIndex(of: UInt8(ascii: "?"))
        let pathBytes = rest[..<(questionMark ?? rest.endIndex)]
        var segments: [String] = []
        for raw in pathBytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            guard let segment = PercentDecoding.decode(raw, plusIsSpace: false) else {
                return .failure(.badRequest("path encoding"))
            }
            if segment == "." || segment == ".." { return .failure(.badRequest("dot segment in path")) }
            segments.append(segment)
        }
        var query: [(name: String, value: String)] = []
        if let questionMark {
            for pair in target[(questionMark + 1)...].split(separator: UInt8(ascii: "&")) {
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                guard let name = PercentDecoding.decode(pair[..<(equals ?? pair.endIndex)], plusIsSpace: true),
                      let value = PercentDecoding.decode(equals.map { pair[($0 + 1)...] } ?? [], plusIsSpace: true)
                else { return .failure(.badRequest("query encoding")) }
                query.append((name, value))
            }
        }
        return .success(RequestTarget(pathSegments: segments, query: query, isAsterisk: false))
    }

    private static func isAuthorityByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("-._~%!$&'()*+,;=:[]".utf8).contains(byte)
        }
    }

    /// For `http://authority/path`, the index where the path starts (an empty path means `/`).
    private static func absoluteFormPathStart(_ target: [UInt8]) -> Int? {
        let lowered = target.prefix(8).map(lowerASCII)
        let schemeLength: Int
        if lowered.starts(with: Array("http://".utf8)) {
            schemeLength = 7
        } else if lowered.starts(with: Array("https://".utf8)) {
            schemeLength = 8
        } else {
            return nil
        }
        let authorityEnd = target[schemeLength...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
            ?? target.endIndex
        // authority = host [ ":" port ]: unreserved, pct-encoded, sub-delims, ":", "[", "]". Userinfo is
        // refused: RFC 9110 §4.2.4 asks recipients to treat it as an error (it hides the real host), and
        // parsers disagree on where a host after several "@" begins (found by `make fuzz`, seed 1).
        let authority = target[schemeLength..<authorityEnd]
        guard !authority.isEmpty, authority.allSatisfy(isAuthorityByte) else { return nil }
        // Every `%` in the authority starts a pct-encoded octet (RFC 3986 §2.1).
        for index in authority.indices where authority[index] == UInt8(ascii: "%") {
            guard index + 2 < authority.endIndex, PercentDecoding.hexValue(authority[index + 1]) != nil,
                  PercentDecoding.hexValue(authority[index + 2]) != nil else { return nil }
        }
        return authorityEnd
    }
}
