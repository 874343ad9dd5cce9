// Incremental decoder for `Transfer-Encoding: chunked` request bodies (RFC 9112 §7.1).

/// Decodes a chunked body as bytes arrive, appending the data to the caller's buffer.
/// Strict: hex sizes without sign or prefix, extensions of token/quoted-string characters only,
/// every line ending in CRLF, a cap on each size line and on the whole body.
public struct ChunkedDecoder: Sendable {
    public enum Outcome: Sendable, Equatable {
        case needMore
        /// The body (and its trailer section) is complete.
        case done
        case invalid(ParseError)
    }

    private enum State: Sendable {
        /// Reading `chunk-size [chunk-ext] CRLF` into `sizeLine`; checked whole when the LF arrives.
        case size(sawCR: Bool)
        case data(remaining: Int)
        /// The CRLF after a chunk's data; `sawCR` once the CR has arrived.
        case dataEnd(sawCR: Bool)
        /// Reading trailer field lines (`name: value`, RFC 9112 §7.1.2) until an empty line.
        case trailer(lineLength: Int, sawColon: Bool, sawCR: Bool)
        case done
    }

    private var state = State.size(sawCR: false)
    private var sizeLine: [UInt8] = []
    /// The name of the trailer field being read, to refuse framing fields there.
    private var trailerName: [UInt8] = []
    private var trailerBytes = 0
    private let maxBody: Int
    private let maxLine: Int
    private let maxTrailer: Int

    public init(maxBody: Int, maxLine: Int = 1024, maxTrailer: Int = 8 * 1024) {
        self.maxBody = maxBody
        self.maxLine = maxLine
        self.maxTrailer = maxTrailer
    }

    /// Consumes from `input`, appending data to `body`. Returns how many bytes were consumed and
    /// the outcome; bytes after `.done` belong to the next request and are not consumed.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into body: inout [UInt8]) -> (consumed: Int, outcome: Outcome) {
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch state {
            case .size(let sawCR):
                if sawCR {
                    guard byte == UInt8(ascii: "\n"), let size = ChunkedDecoder.chunkSize(line: sizeLine) else {
                        return (index, .invalid(.badRequest("chunk size line")))
                    }
                    sizeLine.removeAll(keepingCapacity: true)
                    if size == 0 {
                        state = .trailer(lineLength: 0, sawColon: false, sawCR: false)
                    } else {
                        if body.count + size > maxBody { return (index, .invalid(.contentTooLarge)) }
                        state = .data(remaining: size)
                    }
                } else if byte == UInt8(ascii: "\r") {
                    state = .size(sawCR: true)
                } else {
                    guard sizeLine.count < maxLine else { return (index, .invalid(.badRequest("chunk size line too long"))) }
                    sizeLine.append(byte)
                }
                index += 1
            case .data(let remaining):
                let take = min(remaining, input.count - index)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]))
                index += take
                state = remaining == take ? .dataEnd(sawCR: false) : .data(remaining: remaining - take)
            case .dataEnd(let sawCR):
                let expected = sawCR ? UInt8(ascii: "\n") : UInt8(ascii: "\r")
                guard byte == expected else { return (index, .invalid(.badRequest("chunk data not followed by CRLF"))) }
                if sawCR {
                    state = .size(sawCR: false)
                } else {
                    state = .dataEnd(sawCR: true)
                }
                index += 1
            case .trailer(let length, let sawColon, let sawCR):
                trailerBytes += 1
                if trailerBytes > maxTrailer { return (index, .invalid(.headersTooLarge)) }
                if sawCR {
                    // A trailer line is a header field: a token, a colon, a value. Anything else
                    // (a bare word, a folded line of tabs) is exactly where smuggling hides.
                    guard byte == UInt8(ascii: "\n"), length == 0 || sawColon else {
                        return (index, .invalid(.badRequest("trailer field")))
                    }
                    index += 1
                    if length == 0 {
                        state = .done
                        return (index, .done)
                    }
                    state = .trailer(lineLength: 0, sawColon: false, sawCR: false)
                    continue
                }
                let valid: Bool
                if byte == UInt8(ascii: "\r") {
                    valid = true
                    state = .trailer(lineLength: length, sawColon: sawColon, sawCR: true)
                } else if sawColon {
                    valid = ByteClass.isFieldValue(byte)
                    state = .trailer(lineLength: length + 1, sawColon: true, sawCR: false)
                } else if byte == UInt8(ascii: ":") {
                    // RFC 9110 §6.5.1: fields that frame the message never belong in a trailer.
                    valid = length > 0 && !ChunkedDecoder.framingFields.contains { Headers.namesEqual($0, String(decoding: trailerName, as: UTF8.self)) }
                    trailerName.removeAll(keepingCapacity: true)
                    state = .trailer(lineLength: length + 1, sawColon: true, sawCR: false)
                } else {
                    valid = ByteClass.isToken(byte)
                    trailerName.append(byte)
                    state = .trailer(lineLength: length + 1, sawColon: false, sawCR: false)
                }
                guard valid else { return (index, .invalid(.badRequest("trailer field"))) }
                index += 1
            case .done:
                return (index, .done)
            }
        }
        if case .done = state { return (index, .done) }
        return (index, .needMore)
    }

    static let framingFields = ["Transfer-Encoding", "Content-Length", "Host", "Trailer"]

    /// Parses `chunk-size [ chunk-ext ]` (RFC 9112 §7.1.1): 1–15 hex digits, then any number of
    /// `";" name [ "=" ( token / quoted-string ) ]`. Nil when malformed. The grammar allows
    /// whitespace (BWS) around `;` and `=`; like llhttp's strict mode we refuse it, because lenient
    /// whitespace in chunk lines is a known lever for request smuggling.
    static func chunkSize(line: [UInt8]) -> Int? {
        var index = 0
        var size = 0
        while index < line.count, let digit = PercentDecoding.hexValue(line[index]) {
            guard index < 15 else { return nil }
            size = size << 4 | Int(digit)
            index += 1
        }
        guard index > 0 else { return nil }
        func token() -> Bool {
            let start = index
            while index < line.count, ByteClass.isToken(line[index]) { index += 1 }
            return index > start
        }
        while true {
            if index == line.count { return size }
            guard line[index] == UInt8(ascii: ";") else { return nil }
            index += 1
            guard token() else { return nil }
            guard index < line.count, line[index] == UInt8(ascii: "=") else { continue }
            index += 1
            if index < line.count, line[index] == UInt8(ascii: "\"") {
                guard quotedString() else { return nil }
            } else if !token() {
                return nil
            }
        }

        /// quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4).
        func quotedString() -> Bool {
            index += 1
            while index < line.count {
                let byte = line[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return true
                }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < line.count, ByteClass.isFieldValue(line[index]) else { return false }
                } else if !ByteClass.isFieldValue(byte) {
                    return false
                }
                index += 1
            }
            return false
        }
    }
}
