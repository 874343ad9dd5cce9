// The request methods Groundswell serves; anything else is answered 501 (RFC 9110 §9.1).

/// A request method we implement. Parsing a method outside this set is a 501, not a 400:
/// the method is syntactically fine, we just do not implement it (RFC 9110 §9.1).
public enum HTTPMethod: String, CaseIterable, Sendable, Hashable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case options = "OPTIONS"

    init?(bytes: UnsafeRawBufferPointer) {
        // Methods are case-sensitive (RFC 9110 §9.1); compare bytes without building a String.
        for method in HTTPMethod.allCases where method.rawValue.utf8.elementsEqual(bytes) {
            self = method
            return
        }
        return nil
    }
}

/// HTTP/1.0 or HTTP/1.1; other versions never get past the parser.
public enum HTTPVersion: Sendable, Hashable {
    case http1_0
    case http1_1

    var text: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}
