// libFuzzer entry point: the request parser and chunked decoder must never crash, hang or disagree with themselves.

#if canImport(HTTP)
import HTTP  // when built as a package target; `make fuzz` compiles the sources into one module
#endif

/// Feeds the input to the head parser whole and split at a fuzzer-chosen point (the verdict must not
/// depend on how the bytes arrive), then feeds whatever follows a complete head to the chunked decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = Limits()
    limits.requestLine = 512
    limits.headerSection = 2048
    let whole = RequestParser.parseHead(bytes, limits: limits)

    // The same bytes in two pieces must give the same verdict.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var verdict = RequestParser.parseHead(Array(bytes[0..<split]), limits: limits)
    if case .needMore(let scanned) = verdict {
        verdict = RequestParser.parseHead(bytes, scanned: scanned, limits: limits)
    }
    switch (whole, verdict) {
    case (.complete(_, let a), .complete(_, let b)):
        precondition(a == b, "consumed differs when split")
    case (.invalid(let a), .invalid(let b)):
        precondition(a.status == b.status, "status differs when split: \(a) vs \(b)")
    case (.needMore, .needMore):
        break
    case (.complete, _), (.invalid, _), (.needMore, _):
        preconditionFailure("split verdict \(verdict) disagrees with whole verdict \(whole)")
    }

    if case .complete(let head, let consumed) = whole, head.framing == .chunked {
        var decoder = ChunkedDecoder(maxBody: 4096, maxLine: 128)
        var body: [UInt8] = []
        let rest = Array(bytes[consumed...])
        let (used, _) = rest.withUnsafeBytes { decoder.decode($0, into: &body) }
        precondition(used <= rest.count && body.count <= 4096, "decoder overran")
    }
    return 0
}
