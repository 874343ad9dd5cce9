// Prints the parser's verdict on each file named on the command line, for comparison with llhttp.

#if canImport(HTTP)
import HTTP  // when built as a package target; `make fuzz` compiles the sources into one module
#endif
import Glibc

/// `accept <bytes of the first message>`, `reject <status>` or `incomplete`, one line per file.
@main
struct ParserVerdict {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = read(path) else {
                print("\(path)\tunreadable")
                continue
            }
            print("\(path)\t\(verdict(bytes))")
        }
    }

    static func verdict(_ bytes: [UInt8]) -> String {
        switch RequestParser.parseHead(bytes, limits: Limits()) {
        case .needMore:
            return "incomplete"
        case .invalid(let error):
            return "reject \(error.status.code)"
        case .complete(let head, let consumed):
            switch head.framing {
            case .none:
                return "accept \(consumed)"
            case .length(let length):
                return consumed + length <= bytes.count ? "accept \(consumed + length)" : "incomplete"
            case .chunked:
                var decoder = ChunkedDecoder(maxBody: 1 << 20)
                var body: [UInt8] = []
                let rest = Array(bytes[consumed...])
                let (used, outcome) = rest.withUnsafeBytes { decoder.decode($0, into: &body) }
                switch outcome {
                case .done: return "accept \(consumed + used)"
                case .needMore: return "incomplete"
                case .invalid(let error): return "reject \(error.status.code)"
                }
            }
        }
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }
}
