// Finds the contributor behind a request: a Bearer token, or the campaign's `gs_<slug>` cookie.
import HTTP
import Storage

extension Request {
    /// The token of an `Authorization: Bearer …` header (RFC 6750 §2.1), if any.
    var bearerToken: String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].strippingSpaces()
        return token.isEmpty ? nil : token
    }

    /// The contributor token for `slug`: the Bearer token, else the campaign's cookie.
    func contributorToken(slug: String) -> String? {
        bearerToken ?? cookie(CookieNames.contributor(slug: slug))
    }
}

enum CookieNames {
    static func contributor(slug: String) -> String { "gs_" + slug }
}

extension Substring {
    fileprivate func strippingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension ContributorStore {
    /// The contributor of `campaignID` holding `token`, or nil. The lookup is by hash (an
    /// index); the stored hash is then compared in constant time.
    func contributor(token: String?, campaignID: Int64) throws -> ContributorRecord? {
        guard let token else { return nil }
        let hash = Tokens.hash(token)
        guard let found = try contributor(tokenHash: hash), found.campaignID == campaignID,
              Tokens.constantTimeEqual(found.tokenHash, hash) else { return nil }
        return found
    }
}
