// Pseudonyms for exports: an HMAC of an internal id, under the campaign's secret or a key made for one export.
import Crypto

/// Turns internal row ids into pseudonyms that cannot be turned back into a row id without the key.
///
/// - Analysts: under the campaign's own random secret, so a coder keeps one name across the
///   campaign's exports and none elsewhere. Analysts are staff, not contributors.
/// - Authors, in the linked export only: under a key drawn for that one export (`fresh`), so two
///   linked exports never join with each other (PRIVACY.md). No other table names a contributor.
///
/// pseudonym = hex(HMAC-SHA256(key, "<domain>:<id>"))[0..<16], 64 bits: collisions within one
/// campaign are negligible (birthday bound ~4·10⁹ people).
struct Pseudonyms: Sendable {
    private let key: SymmetricKey

    init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
    }

    private init(key: SymmetricKey) {
        self.key = key
    }

    /// Pseudonyms under a random key that lives only as long as this value.
    static func fresh() -> Pseudonyms { Pseudonyms(key: SymmetricKey(size: .bits256)) }

    /// The pseudonym of a contribution's author (linked export).
    func author(_ id: Int64) -> String { make("author", id) }

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
