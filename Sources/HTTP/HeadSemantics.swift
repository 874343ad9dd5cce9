// What the header fields of a syntactically valid head mean: framing, Host, keep-alive, Expect.

enum HeadSemantics {
    static func build(
        method: HTTPMethod, target: [UInt8], version: HTTPVersion, headers: Headers
    ) -> Result<RequestHead, ParseError> {
        // RFC 9112 §3.2: exactly one valid Host in an HTTP/1.1 request; never more than one.
        let hosts = headers.values("Host")
        if hosts.count > 1 || (version == .http1_1 && hosts.isEmpty) { return .failure(.badRequest("Host")) }
        if let host = hosts.first, !host.utf8.allSatisfy(isHostByte) { return .failure(.badRequest("Host")) }

        let parsedTarget: RequestTarget
        switch RequestTarget.parse(target) {
        case .success(let value): parsedTarget = value
        case .failure(let error): return .failure(error)
        }
        if parsedTarget.isAsterisk, method != .options { return .failure(.badRequest("asterisk-form")) }

        let framing: BodyFraming
        switch self.framing(headers: headers, version: version) {
        case .success(let value): framing = value
        case .failure(let error): return .failure(error)
        }

        var expectsContinue = false
        if let expect = headers["Expect"] {
            guard Headers.namesEqual(expect, "100-continue") else { return .failure(.expectationFailed) }
            expectsContinue = version == .http1_1
        }
        // RFC 9112 §9.3: 1.1 is persistent unless `close`; 1.0 only with `keep-alive`.
        let keepAlive = switch version {
        case .http1_1: !headers.hasToken("close", in: "Connection")
        case .http1_0: headers.hasToken("keep-alive", in: "Connection")
        }
        return .success(RequestHead(
            method: method, target: String(decoding: target, as: UTF8.self),
            pathSegments: parsedTarget.pathSegments, query: parsedTarget.query, version: version,
            headers: headers, framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue,
            isAsterisk: parsedTarget.isAsterisk))
    }

    /// RFC 9112 §6.1–§6.3: chunked must be the only (and final) coding; with Content-Length it is
    /// a smuggling attempt; differing Content-Length values are refused, identical ones merged.
    static func framing(headers: Headers, version: HTTPVersion) -> Result<BodyFraming, ParseError> {
        let encodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if !encodings.isEmpty {
            if !lengths.isEmpty { return .failure(.badRequest("both Transfer-Encoding and Content-Length")) }
            if version == .http1_0 { return .failure(.badRequest("Transfer-Encoding in HTTP/1.0")) }
            // One field, no empty list elements: a second field or a stray comma is how front ends
            // and back ends come to disagree about framing.
            if encodings.count > 1 { return .failure(.badRequest("repeated Transfer-Encoding")) }
            let codings = encodings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(\.trimmingSpaces) }
            if codings.contains(where: \.isEmpty) { return .failure(.badRequest("empty transfer coding")) }
            guard let last = codings.last, Headers.namesEqual(last, "chunked") else {
                let unknown = codings.first { !Headers.namesEqual($0, "chunked") } ?? ""
                return unknown.isEmpty || codings.contains(where: { Headers.namesEqual($0, "chunked") })
                    ? .failure(.badRequest("chunked is not the final transfer coding"))
                    : .failure(.notImplemented("transfer coding \(unknown)"))
            }
            if codings.count > 1 {
                let others = codings.dropLast().filter { !Headers.namesEqual($0, "chunked") }
                return others.isEmpty
                    ? .failure(.badRequest("chunked applied twice"))
                    : .failure(.notImplemented("transfer coding \(others[0])"))
            }
            return .success(.chunked)
        }
        var length: Int?
        for item in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = item.trimmingSpaces
            guard !digits.isEmpty, digits.utf8.count <= 18, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let value = Int(digits)
            else { return .failure(.badRequest("Content-Length")) }
            if let length, length != value { return .failure(.badRequest("conflicting Content-Length")) }
            length = value
        }
        guard let length, length > 0 else { return .success(.none) }
        return .success(.length(length))
    }

    /// Host is `uri-host [":" port]`: letters, digits and the few punctuation marks of reg-name, IPv6 and port.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        ByteClass.isToken(byte) && byte != UInt8(ascii: "|") && byte != UInt8(ascii: "`") && byte != UInt8(ascii: "^")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }
}
