// Signing a device in as a contributor (join, pairing, recovery): a new device token, its row, and the cookie.
import HTTP
import Storage

/// Every way a device becomes a contributor's ends here, so each makes the same kind of device: a
/// random token known only to the device, stored as its keyed hash, and a cookie that lives for a year
/// — or, on a shared computer, only until the browser closes (a session cookie, RFC 6265 §5.3 step 3).
enum ContributorSignIn {
    /// A new token for a device; `mac` is what `devices` keeps.
    struct Device: Sendable {
        var token: String
        var mac: [UInt8]
        var persistent: Bool
    }

    static func newDevice(shared: Bool, key: ServerKey) -> Device {
        let token = Tokens.generate()
        return Device(token: token, mac: key.deviceMAC(token), persistent: !shared)
    }

    /// `{token, campaign, shared}` and, for a new device, its cookie; `token` is null when the
    /// device was signed in already (`shared` then says how it was).
    static func response(
        _ device: Device?, slug: String, status: HTTPStatus, context: AppContext, alreadyShared: Bool = false
    ) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.field("token", device?.token)
            o.field("campaign", slug)
            o.field("shared", device.map { !$0.persistent } ?? alreadyShared)
        }
        var response = Response.json(json.bytes, status: status)
        if let device {
            var cookie = "\(CookieNames.contributor(slug: slug))=\(device.token); Path=/; HttpOnly; SameSite=Lax"
            if device.persistent { cookie += "; Max-Age=31536000" }
            if context.configuration.secureCookies { cookie += "; Secure" }
            response.headers.add("Set-Cookie", cookie)
        }
        return response
    }

    /// The header that makes the browser forget the campaign's cookie (sign out).
    static func clearCookie(slug: String, context: AppContext) -> String {
        var cookie = "\(CookieNames.contributor(slug: slug))=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        if context.configuration.secureCookies { cookie += "; Secure" }
        return cookie
    }
}
