// Refuses cookie-authenticated state changes that a browser sent on another site's behalf.
import Foundation
import HTTP

/// Cross-site request protection. A request that changes state (POST/PUT/PATCH/DELETE) and
/// carries cookies must show it came from our own pages: `Sec-Fetch-Site: same-origin` or
/// `none` (Fetch Metadata), or else an `Origin` whose host matches `Host` (RFC 6454 §7).
/// Bearer-token requests are exempt: a browser never adds that header on its own.
enum CrossSiteCheck {
    static func allows(_ request: Request) -> Bool {
        switch request.method {
        case .get, .head, .options: return true
        case .post, .put, .patch, .delete: break
        }
        if request.bearerToken != nil { return true }
        if !request.headers.contains("Cookie") { return true }
        if let site = request.headers["Sec-Fetch-Site"] {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers["Origin"], let host = request.headers["Host"] else { return false }
        guard let range = origin.range(of: "://") else { return false }
        return origin[range.upperBound...] == host[...]
    }
}
