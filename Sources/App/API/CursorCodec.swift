// The opaque `nextCursor` string: a listing cursor in base64url, exact for any sort key.
import Storage

/// Encodes `ContributionCursor` as base64url of `v1|sort|key bits|id`. The key travels as its
/// IEEE-754 bit pattern so a Wilson score round-trips exactly and keyset pages never skip or repeat.
enum CursorCodec {
    static func encode(_ cursor: ContributionCursor) -> String {
        Tokens.base64url(Array("v1|\(cursor.sort.rawValue)|\(cursor.key.bitPattern)|\(cursor.id)".utf8))
    }

    static func decode(_ text: String) -> ContributionCursor? {
        guard text.utf8.count <= 200, let bytes = Tokens.fromBase64url(text),
              let plain = String(validating: bytes, as: UTF8.self) else { return nil }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", let sort = ContributionSort(rawValue: String(parts[1])),
              let bits = UInt64(parts[2]), let id = Int64(parts[3]) else { return nil }
        let key = Double(bitPattern: bits)
        guard key.isFinite else { return nil }
        return ContributionCursor(sort: sort, key: key, id: id)
    }
}
