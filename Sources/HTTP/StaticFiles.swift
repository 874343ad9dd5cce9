// Files from Public/, loaded once into memory with their gzip form, served with ETag, 304 and caching.

import Glibc

/// The static pages and assets. Every regular file under `root` is read at start-up together
/// with its precompressed gzip form, so serving touches no file system: a request path can only
/// name a file that was loaded, and `..`, encoded slashes, NUL bytes, hidden files and symlinks
/// leading outside the folder have nothing to reach.
public final class StaticFiles: Sendable {
    /// A file's three answers, each built and encoded once at start-up (`Response.prepared()`),
    /// so a request only picks one and the server writes the status line and `Date` before it.
    struct File: Sendable {
        let etag: String
        let identity: Response
        let gzipped: Response?
        let notModified: Response

        init(body: [UInt8], gzipped gzippedBody: [UInt8]?, contentType: String) {
            etag = StaticFiles.etag(body)
            var headers = Headers()
            headers.add("ETag", etag)
            // HTML revalidates every time (new deploys show at once); assets may be reused for five minutes.
            headers.add("Cache-Control", contentType.hasPrefix("text/html") ? "no-cache" : "public, max-age=300")
            if gzippedBody != nil { headers.add("Vary", "Accept-Encoding") }
            notModified = File.prepare(Response(status: .notModified, headers: headers))
            headers.add("Content-Type", contentType)
            identity = File.prepare(Response(status: .ok, headers: headers, body: .bytes(body)))
            gzipped = gzippedBody.map { bytes in
                var gzipHeaders = headers
                gzipHeaders.add("Content-Encoding", "gzip")
                return File.prepare(Response(status: .ok, headers: gzipHeaders, body: .bytes(bytes)))
            }
        }

        private static func prepare(_ response: Response) -> Response {
            var response = response
            response.route = "static"
            return response.prepared()
        }
    }

    /// Relative path (`js/app.js`) → file.
    private let files: [String: File]
    /// `404.html` as a 404 response (not cached, so a page that appears later is found), if present.
    private let notFound: Response?
    /// Largest file loaded, in bytes; anything larger is skipped with a log line.
    public static let maxFileSize = 8 * 1024 * 1024

    public init(root: String, gzipThreshold: Int = 1024) throws {
        guard let realRoot = realpath(root, nil) else { throw SocketError(call: "realpath(\(root))", errno: errno) }
        let base = String(cString: realRoot)
        free(realRoot)
        var loaded: [String: File] = [:]
        for relative in try StaticFiles.walk(base: base, relative: "") {
            guard let body = StaticFiles.read(base + "/" + relative) else { continue }
            let type = MIMEType.forPath(relative)
            let gzipped = ResponseEncoder.isCompressible(type) && body.count >= gzipThreshold
                ? Gzip.compress(body, level: 9).flatMap { $0.count < body.count ? $0 : nil } : nil
            loaded[relative] = File(body: body, gzipped: gzipped, contentType: type)
        }
        files = loaded
        notFound = loaded["404.html"].map { file in
            guard case .bytes(let body) = file.identity.body else { return nil }
            var headers = Headers()
            headers.add("Content-Type", MIMEType.forPath("404.html"))
            headers.add("Cache-Control", "no-store")
            var response = Response(status: .notFound, headers: headers, body: .bytes(body))
            response.route = "static"
            return response.prepared()
        } ?? nil
    }

    /// The HTML "page not found" answer for a browser, from `404.html`; nil without that file.
    public var notFoundPage: Response? { notFound }

    public var paths: [String] { files.keys.sorted() }

    /// A loaded file's bytes as they are on disk (a page template the app fills in), or nil.
    public func bytes(ofFile path: String) -> [UInt8]? {
        guard let file = files[path], case .bytes(let body) = file.identity.body else { return nil }
        return body
    }

    /// The response for a GET or HEAD of a loaded file; nil when there is no such file (the
    /// caller answers 404). A directory path answers its `index.html`.
    public func response(for request: Request) -> Response? {
        guard request.method == .get || request.method == .head else { return nil }
        var segments = request.head.pathSegments
        for segment in segments {
            let bytes = segment.utf8
            if bytes.first == UInt8(ascii: ".") || bytes.contains(UInt8(ascii: "/")) || bytes.contains(0) { return nil }
        }
        let path = request.head.target.utf8.prefix { $0 != UInt8(ascii: "?") }
        if segments.isEmpty || path.last == UInt8(ascii: "/") {
            segments.append("index.html")
        }
        return response(forFile: segments.count == 1 ? segments[0] : segments.joined(separator: "/"), request: request)
    }

    /// The response for a named file (e.g. `campaign.html` for `/c/{slug}`), honouring
    /// `If-None-Match` and `Accept-Encoding`.
    public func response(forFile path: String, request: Request) -> Response? {
        guard let file = files[path] else { return nil }
        if request.headers.contains("If-None-Match"),
           StaticFiles.matches(request.headers.values("If-None-Match"), etag: file.etag) {
            return file.notModified
        }
        if let gzipped = file.gzipped, ResponseEncoder.acceptsGzip(request.headers) { return gzipped }
        return file.identity
    }

    /// RFC 9110 §13.1.2: weak comparison, a list of tags or `*`.
    static func matches(_ values: [String], etag: String) -> Bool {
        for value in values {
            for candidate in value.split(separator: ",").map(\.trimmingSpaces) {
                let tag = candidate.hasPrefix("W/") ? String(candidate.dropFirst(2)) : candidate
                if tag == "*" || tag == etag { return true }
            }
        }
        return false
    }

    /// A strong tag from a 64-bit FNV-1a hash of the content.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"" + String(hash, radix: 16) + "-" + String(bytes.count, radix: 16) + "\""
    }

    /// Relative paths of regular files below `base`, skipping hidden entries and symlinks that
    /// resolve outside `base`.
    private static func walk(base: String, relative: String) throws -> [String] {
        let directory = relative.isEmpty ? base : base + "/" + relative
        guard let handle = opendir(directory) else { throw SocketError(call: "opendir(\(directory))", errno: errno) }
        defer { closedir(handle) }
        var found: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            guard let resolved = realpath(base + "/" + path, nil) else { continue }
            let target = String(cString: resolved)
            free(resolved)
            guard target == base || target.hasPrefix(base + "/") else { continue }  // a link leading out
            var info = stat()
            guard stat(target, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                found += try walk(base: base, relative: path)
            } else if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maxFileSize {
                found.append(path)
            }
        }
        return found
    }

    private static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }
}
