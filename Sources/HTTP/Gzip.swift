// gzip through zlib: one-shot for cached bodies, streaming for long responses, and inflate for tests.

import CZlib

/// gzip (RFC 1952) compression with zlib's deflate. windowBits 15 + 16 selects the gzip wrapper.
public enum Gzip {
    /// Compresses `bytes` in one call; nil only if zlib refuses to initialise.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8]? {
        guard let stream = GzipStream(level: level) else { return nil }
        var out = stream.compress(bytes)
        out += stream.finish()
        return out
    }

    /// Inflates gzip data (used by tests and by nothing on the request path: we never accept compressed bodies).
    public static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard czlib_inflateInit2(&stream, 15 + 16) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = bytes
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeMutableBufferPointer { inputPointer -> [UInt8]? in
            stream.next_in = inputPointer.baseAddress
            stream.avail_in = uInt(inputPointer.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { chunkPointer -> Int32 in
                    stream.next_out = chunkPointer.baseAddress
                    stream.avail_out = uInt(chunkPointer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                out += chunk[0..<(chunk.count - Int(stream.avail_out))]
                if status == Z_STREAM_END { return out }
                if status != Z_OK { return nil }
                if stream.avail_in == 0 && stream.avail_out != 0 { return nil }  // truncated input
            }
        }
    }
}

/// A deflate stream producing gzip output piece by piece, for streamed responses.
/// Owned by one connection and used on its queue only.
public final class GzipStream {
    private var stream = z_stream()

    public init?(level: Int32 = 6) {
        guard czlib_deflateInit2(&stream, level, 15 + 16, 8) == Z_OK else { return nil }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `bytes`; the output may be empty until zlib has enough to emit.
    public func compress(_ bytes: [UInt8], flush: Bool = false) -> [UInt8] {
        run(bytes, mode: flush ? Z_SYNC_FLUSH : Z_NO_FLUSH)
    }

    /// Ends the stream and returns the remaining output with the gzip trailer.
    public func finish() -> [UInt8] {
        run([], mode: Z_FINISH)
    }

    private func run(_ bytes: [UInt8], mode: Int32) -> [UInt8] {
        var input = bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 3 + 64)
        var chunk = [UInt8](repeating: 0, count: 32 * 1024)
        input.withUnsafeMutableBufferPointer { inputPointer in
            stream.next_in = inputPointer.baseAddress
            stream.avail_in = uInt(inputPointer.count)
            repeat {
                let status = chunk.withUnsafeMutableBufferPointer { chunkPointer -> Int32 in
                    stream.next_out = chunkPointer.baseAddress
                    stream.avail_out = uInt(chunkPointer.count)
                    return deflate(&stream, mode)
                }
                out += chunk[0..<(chunk.count - Int(stream.avail_out))]
                if status == Z_STREAM_END || status == Z_STREAM_ERROR { break }
            } while stream.avail_out == 0
        }
        return out
    }
}
