// Finds the contributor behind a request: a Bearer token, or the campaign's `gs_<slug>` cookie.
import HTTP
import Storage

extension Request {
    /// The token of an `Authorization: Bearer …` header (RFC 6750 §2.1), if any.
    var bearerToken: String? {
        guard let value = headers["Authorization"] else { return nil }
        return BearerToken.parse(value)
    }

    /// The contributor token for `slug`: the Bearer token, else the campaign's cookie.
    func contributorToken(slug: String) -> String? {
        bearerToken ?? cookie(CookieNames.contributor(slug: slug))
    }
}

enum CookieNames {
    static func contributor(slug: String) -> String { "gs_" + slug }
}

/// Parses the credentials of an `Authorization` header over its UTF-8 bytes (it runs on every request).
enum BearerToken {
    /// The token of `Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1), spaces and tabs
    /// around it trimmed; nil for another scheme or an empty token.
    static func parse(_ value: String) -> String? {
        let bytes = value.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        let scheme = "bearer".utf8
        var cursor = start
        for expected in scheme {
            guard cursor < end, bytes[cursor] | 0x20 == expected else { return nil }
            cursor = bytes.index(after: cursor)
        }
        guard cursor < end, isBlank(bytes[cursor]) else { return nil }
        while cursor < end, isBlank(bytes[cursor]) { cursor = bytes.index(after: cursor) }
        guard cursor < end else { return nil }
        return String(value[cursor..<end])
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

extension ContributorStore {
    /// The contributor of `campaignID` signed in with `token` on some device, or nil. The lookup is by
    /// keyed hash (a unique index), then by the unkeyed SHA-256 of devices signed in before the server
    /// key; the stored hash is then compared in constant time.
    func contributor(token: String?, campaignID: Int64, key: ServerKey) throws -> ContributorRecord? {
        guard let token else { return nil }
        let mac = key.deviceMAC(token)
        let legacy = Tokens.hash(token)
        guard let found = try contributor(tokenMAC: mac, legacyHash: legacy), found.campaignID == campaignID,
              Tokens.constantTimeEqual(found.device.tokenMAC, found.device.keyed ? mac : legacy) else { return nil }
        return found
    }
}
