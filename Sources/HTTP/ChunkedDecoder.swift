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
        /// Reading `chunk-size [chunk-ext] CRLF`; `digits` counts hex digits seen so far.
        case size(digits: Int, inExtension: Bool, sawCR: Bool)
        case data(remaining: Int)
        /// The CRLF after a chunk's data; `sawCR` once the CR has arrived.
        case dataEnd(sawCR: Bool)
        /// Reading trailer field lines until an empty line; `lineLength` of the current line.
        case trailer(lineLength: Int, sawCR: Bool)
        case done
    }

    private var state = State.size(digits: 0, inExtension: false, sawCR: false)
    private var chunkSize = 0
    private var lineLength = 0
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
            case .size(let digits, let inExtension, let sawCR):
                lineLength += 1
                if lineLength > maxLine { return (index, .invalid(.badRequest("chunk size line too long"))) }
                if sawCR {
                    guard byte == UInt8(ascii: "\n"), digits > 0 else { return (index, .invalid(.badRequest("chunk size line"))) }
                    lineLength = 0
                    if chunkSize == 0 {
                        state = .trailer(lineLength: 0, sawCR: false)
                    } else {
                        if body.count + chunkSize > maxBody { return (index, .invalid(.contentTooLarge)) }
                        state = .data(remaining: chunkSize)
                    }
                } else if byte == UInt8(ascii: "\r") {
                    state = .size(digits: digits, inExtension: inExtension, sawCR: true)
                } else if inExtension {
                    guard isExtensionByte(byte) else { return (index, .invalid(.badRequest("chunk extension"))) }
                } else if let value = PercentDecoding.hexValue(byte), digits >= 0 {
                    guard digits < 15 else { return (index, .invalid(.badRequest("chunk size overflows"))) }
                    chunkSize = chunkSize << 4 | Int(value)
                    state = .size(digits: digits + 1, inExtension: false, sawCR: false)
                } else if byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t"), digits > 0 {
                    state = .size(digits: digits, inExtension: true, sawCR: false)
                } else {
                    return (index, .invalid(.badRequest("chunk size")))
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
                    chunkSize = 0
                    state = .size(digits: 0, inExtension: false, sawCR: false)
                } else {
                    state = .dataEnd(sawCR: true)
                }
                index += 1
            case .trailer(let length, let sawCR):
                trailerBytes += 1
                if trailerBytes > maxTrailer { return (index, .invalid(.headersTooLarge)) }
                index += 1
                if sawCR {
                    guard byte == UInt8(ascii: "\n") else { return (index - 1, .invalid(.badRequest("bare CR in trailer"))) }
                    if length == 0 {
                        state = .done
                        return (index, .done)
                    }
                    state = .trailer(lineLength: 0, sawCR: false)
                } else if byte == UInt8(ascii: "\r") {
                    state = .trailer(lineLength: length, sawCR: true)
                } else if byte == UInt8(ascii: "\n") || (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                    return (index - 1, .invalid(.badRequest("trailer field")))
                } else {
                    state = .trailer(lineLength: length + 1, sawCR: false)
                }
            case .done:
                return (index, .done)
            }
        }
        if case .done = state { return (index, .done) }
        return (index, .needMore)
    }

    /// chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), ext-val = token / quoted-string.
    private func isExtensionByte(_ byte: UInt8) -> Bool {
        ByteClass.isToken(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            || (byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: "\r") && byte != UInt8(ascii: "\n"))
    }
}
