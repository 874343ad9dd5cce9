// What a queued message holds, sealed: to whom (a reference, never an address) and what it says.
import Campaigns
import Foundation

/// The sealed part of an outbox row. The recipient is looked up when the message is sent, so an
/// unsubscribe or an erasure after queueing still stops it, and the outbox never holds an address.
struct OutboxPayload: Codable, Sendable, Equatable {
    enum Recipient: Codable, Sendable, Equatable {
        /// An invitation's address (`invitations.id`).
        case invitation(Int64)
        /// The address a contributor left, if they left one (`contributor_addresses`).
        case contributor(Int64)
        /// A personal message for a contribution with no author (an official one): always a blank.
        case nobody
    }

    enum Content: Codable, Sendable, Equatable {
        /// The personal join link, first time.
        case invitation
        /// The personal join link again.
        case reminder
        /// News of the campaign, with the facilitator's note if they wrote one.
        case announcement(AnnouncementEvent, note: String?)
        /// News about the author's own contributions.
        case alert(AuthorAlert)
        /// A facilitator's message to "the author of idea N" (which idea is not said unless they wrote it).
        case authorMessage(subject: String, text: String)
        /// The invitation to write a guide: a one-use sign-in code that opens the guide editor on any device.
        case guideInvitation(guideID: Int64, code: String, note: String?)
    }

    var recipient: Recipient
    var content: Content

    /// Plaintext length unit before sealing: a payload's seal tells its size only to the nearest 512 bytes.
    static let block = 512

    func sealed(with key: ServerKey) throws -> [UInt8] {
        let json = Array(try JSONEncoder().encode(self))
        var plain = [UInt8(json.count >> 24 & 0xFF), UInt8(json.count >> 16 & 0xFF), UInt8(json.count >> 8 & 0xFF),
                     UInt8(json.count & 0xFF)] + json
        plain += [UInt8](repeating: 0, count: (plain.count + Self.block - 1) / Self.block * Self.block - plain.count)
        return try key.seal(plain, for: .outbox)
    }

    static func open(_ sealed: [UInt8], key: ServerKey) throws -> OutboxPayload {
        let plain = try key.open(sealed, for: .outbox)
        guard plain.count >= 4 else { throw MailSealError() }
        let length = Int(plain[0]) << 24 | Int(plain[1]) << 16 | Int(plain[2]) << 8 | Int(plain[3])
        guard 4 + length <= plain.count else { throw MailSealError() }
        return try JSONDecoder().decode(OutboxPayload.self, from: Data(plain[4..<(4 + length)]))
    }
}
