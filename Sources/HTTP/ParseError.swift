// Why a request was refused by the parser, mapped to its status; every parse error closes the connection.

/// A request the parser will not accept. The connection answers with `status` and then closes,
/// because after a framing doubt nothing later on the connection can be trusted (RFC 9112 §11.2).
public enum ParseError: Error, Sendable, Equatable {
    /// Malformed syntax or forbidden framing (400).
    case badRequest(String)
    /// The request line is longer than `Limits.requestLine` (414).
    case uriTooLong
    /// The header section or the number of fields is over its limit (431).
    case headersTooLarge
    /// A well-formed method or transfer coding we do not implement (501).
    case notImplemented(String)
    /// A major version other than 1 (505).
    case versionNotSupported
    /// An `Expect` value other than `100-continue` (417, RFC 9110 §10.1.1).
    case expectationFailed
    /// The body is larger than the route allows (413).
    case contentTooLarge

    /// One of each case, so the codes can be listed.
    public static let examples: [ParseError] = [
        .badRequest("the request line, a header field or the framing"), .uriTooLong, .headersTooLarge, .notImplemented("a method or transfer coding"), .versionNotSupported, .expectationFailed,
        .contentTooLarge,
    ]

    public var status: HTTPStatus {
        switch self {
        case .badRequest: .badRequest
        case .uriTooLong: .uriTooLong
        case .headersTooLarge: .headerFieldsTooLarge
        case .notImplemented: .notImplemented
        case .versionNotSupported: .httpVersionNotSupported
        case .expectationFailed: .expectationFailed
        case .contentTooLarge: .contentTooLarge
        }
    }

    public var code: String {
        switch self {
        case .badRequest: "bad_request"
        case .uriTooLong: "uri_too_long"
        case .headersTooLarge: "headers_too_large"
        case .notImplemented: "not_implemented"
        case .versionNotSupported: "version_not_supported"
        case .expectationFailed: "expectation_failed"
        case .contentTooLarge: "payload_too_large"
        }
    }

    public var message: String {
        switch self {
        case .badRequest(let why): "Malformed request: \(why)."
        case .uriTooLong: "The request line is too long."
        case .headersTooLarge: "The request's header section is too large."
        case .notImplemented(let what): "Not implemented: \(what)."
        case .versionNotSupported: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .expectationFailed: "Only the 100-continue expectation is supported."
        case .contentTooLarge: "The request body is too large."
        }
    }
}

/// Byte classes from RFC 9110 §5.6.2 (token) and §5.5 (field values).
enum ByteClass {
    /// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    static let token: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    @inline(__always) static func isToken(_ byte: UInt8) -> Bool { token[Int(byte)] }

    /// field-vchar / SP / HTAB: VCHAR, obs-text, space and tab; never NUL, CR, LF or other controls.
    @inline(__always) static func isFieldValue(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// Bytes allowed in a request-target: visible ASCII only (RFC 3986 plus the usual extras).
    @inline(__always) static func isTarget(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "#")
    }
}
