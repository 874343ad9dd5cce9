// The request-head parser: a pure, incremental function over bytes (RFC 9112 §2–§6).

/// The parser's verdict on the bytes received so far.
public enum HeadParseResult: Sendable {
    /// A whole head; `consumed` bytes (including any leading blank lines) belong to it.
    case complete(RequestHead, consumed: Int)
    /// No complete head yet. `scanned` bytes are known to hold no end of head and no stray line
    /// break: pass it back next time so a slow client feeding one byte at a time costs linear, not
    /// quadratic, work.
    case needMore(scanned: Int)
    case invalid(ParseError)
}

/// Parses a request head without keeping state between calls. The only memory between calls is
/// the `scanned` hint, which changes how much work is done, never the verdict.
public enum RequestParser {
    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    public static func parseHead(_ bytes: [UInt8], scanned: Int = 0, limits: Limits) -> HeadParseResult {
        bytes.withUnsafeBytes { parseHead($0, scanned: scanned, limits: limits) }
    }

    public static func parseHead(_ bytes: UnsafeRawBufferPointer, scanned: Int = 0, limits: Limits) -> HeadParseResult {
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line received before the request-line.
        var start = 0
        while start + 1 < bytes.count, bytes[start] == cr, bytes[start + 1] == lf { start += 2 }
        if start == bytes.count || (start + 1 == bytes.count && bytes[start] == cr) {
            return .needMore(scanned: start)
        }
        guard let headEnd = endOfHead(bytes, from: max(scanned - 3, start)) else {
            // A bare LF or a CR before anything but LF can never become the CRLF CRLF that ends the
            // head: refuse at once instead of waiting for the header timeout (RFC 9112 §2.2).
            if let stray = strayLineBreak(bytes, from: max(scanned - 1, start), start: start) {
                return .invalid(.badRequest(stray))
            }
            if bytes.count - start > limits.requestLine {
                // Only scanned once the line could be too long; a real request line ends early.
                let lineEnd = firstLF(bytes, from: start) ?? bytes.count
                if lineEnd - start > limits.requestLine { return .invalid(.uriTooLong) }
            }
            if bytes.count - start > limits.headerSection { return .invalid(.headersTooLarge) }
            return .needMore(scanned: bytes.count)
        }
        // A stray line break is judged before the size limits, as it is while the head is incomplete:
        // otherwise the verdict would depend on whether the stray byte arrived before the head's end.
        let head = UnsafeRawBufferPointer(rebasing: bytes[..<headEnd])
        if let stray = strayLineBreak(head, from: max(scanned - 1, start), start: start) {
            return .invalid(.badRequest(stray))
        }
        let lineEnd = firstLF(bytes, from: start) ?? headEnd
        if lineEnd - start > limits.requestLine { return .invalid(.uriTooLong) }
        if headEnd - start > limits.headerSection { return .invalid(.headersTooLarge) }
        switch parseComplete(UnsafeRawBufferPointer(rebasing: bytes[start..<headEnd]), limits: limits) {
        case .success(let head): return .complete(head, consumed: headEnd)
        case .failure(let error): return .invalid(error)
        }
    }

    /// The index just past the `CRLF CRLF` that ends the head, searching from `from`.
    private static func endOfHead(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        var index = max(from, 0)
        while index + 3 < bytes.count {
            if bytes[index + 3] != lf {
                index += bytes[index + 3] == cr ? 1 : 4  // the terminator cannot start before index + 3 + 1
                continue
            }
            if bytes[index] == cr, bytes[index + 1] == lf, bytes[index + 2] == cr { return index + 4 }
            index += 1
        }
        return nil
    }

    /// "bare LF" or "bare CR" for the first line break from `from` on that is not part of a CRLF.
    /// A CR that is the last byte so far may still be followed by its LF, so it is not judged yet.
    private static func strayLineBreak(_ bytes: UnsafeRawBufferPointer, from: Int, start: Int) -> String? {
        var index = from
        while index < bytes.count {
            switch bytes[index] {
            case lf where index == start || bytes[index - 1] != cr: return "bare LF"
            case cr where index + 1 < bytes.count && bytes[index + 1] != lf: return "bare CR"
            default: index += 1
            }
        }
        return nil
    }

    private static func firstLF(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        var index = from
        while index < bytes.count {
            if bytes[index] == lf { return index }
            index += 1
        }
        return nil
    }

    /// Parses a head known to end with `CRLF CRLF`.
    private static func parseComplete(_ head: UnsafeRawBufferPointer, limits: Limits) -> Result<RequestHead, ParseError> {
        var lines: [UnsafeRawBufferPointer] = []
        var lineStart = 0
        for index in 0..<head.count where head[index] == lf {
            // Every line must end in CRLF: a bare LF, or a CR anywhere else, is refused (RFC 9112 §2.2).
            guard index > lineStart, head[index - 1] == cr else { return .failure(.badRequest("bare LF")) }
            lines.append(UnsafeRawBufferPointer(rebasing: head[lineStart..<(index - 1)]))
            lineStart = index + 1
        }
        for line in lines where line.contains(cr) { return .failure(.badRequest("bare CR")) }
        guard let requestLine = lines.first, lines.last?.isEmpty == true else {
            return .failure(.badRequest("head"))
        }
        let fieldLines = lines.dropFirst().dropLast()
        if fieldLines.count > limits.headerFields { return .failure(.headersTooLarge) }
        var headers = Headers()
        for line in fieldLines {
            switch parseField(line) {
            case .success(let field): headers.add(field.name, field.value)
            case .failure(let error): return .failure(error)
            }
        }
        return parseRequestLine(requestLine).flatMap { method, target, version in
            HeadSemantics.build(method: method, target: target, version: version, headers: headers)
        }
    }

    /// `method SP request-target SP HTTP-version` with single spaces (RFC 9112 §3).
    private static func parseRequestLine(
        _ line: UnsafeRawBufferPointer
    ) -> Result<(HTTPMethod, [UInt8], HTTPVersion), ParseError> {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(.badRequest("request line"))
        }
        let methodBytes = UnsafeRawBufferPointer(rebasing: parts[0])
        guard methodBytes.allSatisfy(ByteClass.isToken) else { return .failure(.badRequest("method")) }
        guard let method = HTTPMethod(bytes: methodBytes) else {
            return .failure(.notImplemented("method \(String(decoding: methodBytes, as: UTF8.self))"))
        }
        guard parts[1].allSatisfy(ByteClass.isTarget) else { return .failure(.badRequest("request-target")) }
        return parseVersion(Array(parts[2])).map { (method, Array(parts[1]), $0) }
    }

    /// `HTTP/` DIGIT `.` DIGIT (RFC 9112 §2.3). A later 1.x minor is answered as 1.1.
    private static func parseVersion(_ bytes: [UInt8]) -> Result<HTTPVersion, ParseError> {
        guard bytes.count == 8, bytes.starts(with: Array("HTTP/".utf8)), bytes[6] == UInt8(ascii: "."),
              let major = PercentDecoding.hexValue(bytes[5]), major < 10,
              let minor = PercentDecoding.hexValue(bytes[7]), minor < 10
        else { return .failure(.badRequest("version")) }
        guard major == 1 else { return .failure(.versionNotSupported) }
        return .success(minor == 0 ? .http1_0 : .http1_1)
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). No space before the colon, no obs-fold.
    private static func parseField(_ line: UnsafeRawBufferPointer) -> Result<(name: String, value: String), ParseError> {
        if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
            return .failure(.badRequest("obsolete line folding"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            return .failure(.badRequest("header field"))
        }
        let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
        guard name.allSatisfy(ByteClass.isToken) else { return .failure(.badRequest("header field name")) }
        var valueStart = colon + 1, valueEnd = line.count
        while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        let value = UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd])
        guard value.allSatisfy(ByteClass.isFieldValue) else { return .failure(.badRequest("header field value")) }
        return .success((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }
}
