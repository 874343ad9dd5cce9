// The opaque part of an unsubscribe link: what it stops, sealed, so the link names nobody to whoever reads the mail.
import Storage

/// `List-Unsubscribe` and the footer link carry one of these (RFC 8058). It is the target sealed under
/// the `unsubscribe` subkey — a fresh nonce each message — so the relay, or anyone who reads the message,
/// learns no row id from it, and nothing needs storing: the server opens it when it comes back.
enum UnsubscribeToken {
    enum Target: Sendable, Equatable {
        /// Stops reminders to an invitation's address, and forgets the address.
        case invitation(Int64)
        /// Stops announcements or alerts to a contributor's own address (erased when nothing is left).
        case contributor(Int64, AddressSubscription)
    }

    static func make(_ target: Target, key: ServerKey) throws -> String {
        let (tag, id): (UInt8, Int64) = switch target {
        case .invitation(let id): (1, id)
        case .contributor(let id, .announcements): (2, id)
        case .contributor(let id, .alerts): (3, id)
        }
        let plain = [tag] + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: id) >> (56 - 8 * $0)) }
        return Tokens.base64url(try key.seal(plain, for: .unsubscribe))
    }

    /// What `token` stops; nil when it is not a token this server made.
    static func read(_ token: String, key: ServerKey) -> Target? {
        guard token.count <= 128, let sealed = Tokens.fromBase64url(token), let plain = try? key.open(sealed, for: .unsubscribe),
              plain.count == 9 else { return nil }
        let id = Int64(bitPattern: plain.dropFirst().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        switch plain[0] {
        case 1: return .invitation(id)
        case 2: return .contributor(id, .announcements)
        case 3: return .contributor(id, .alerts)
        default: return nil
        }
    }
}
