// Stable pseudonyms for exports: an HMAC of an internal id under the campaign's own secret.
import Crypto

/// Turns internal row ids into pseudonyms that join across one campaign's exports but cannot be
/// linked to another campaign (each has its own random secret) or back to a token or row id
/// without the secret, which never leaves the server.
///
/// pseudonym = hex(HMAC-SHA256(secret, "<domain>:<id>"))[0..<16], 64 bits: collisions within one
/// campaign are negligible (birthday bound ~4·10⁹ people).
struct Pseudonyms: Sendable {
    private let key: SymmetricKey

    init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
    }

    /// The pseudonym of a contributor.
    func contributor(_ id: Int64) -> String { make("contributor", id) }

    /// The pseudonym of a staff member who coded contributions (analysts are not named in exports).
    func analyst(_ id: Int64) -> String { "analyst-" + make("staff", id).prefix(8) }

    private func make(_ domain: String, _ id: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(domain):\(id)".utf8), using: key)
        var hex = ""
        for byte in mac.prefix(8) {
            hex += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return hex
    }
}
