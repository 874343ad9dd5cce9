// The links in a message, all under GROUNDSWELL_PUBLIC_URL; secrets ride in the fragment, which browsers never send.

enum MailLinks {
    /// Days a guide invitation's sign-in link works.
    static let guideInvitationDays: Int64 = 14

    static func campaign(_ base: String, slug: String) -> String { base + "/c/" + slug }

    static func guide(_ base: String, slug: String) -> String { base + "/guide/" + slug }

    /// The personal join link: the page fills the code in from the fragment.
    static func join(_ base: String, slug: String, code: String) -> String { base + "/c/" + slug + "#code=" + code }

    /// The guide editor for the author, signing the device in with a one-use code first.
    static func guideEditor(_ base: String, slug: String, guideID: Int64, code: String) -> String {
        base + "/c/" + slug + "?guide=\(guideID)#pair=" + code
    }

    /// The page a person opens from the footer: it asks before it unsubscribes (a link checker must not).
    static func unsubscribePage(_ base: String, token: String) -> String { base + "/unsubscribe.html#" + token }

    /// `List-Unsubscribe`: a POST here unsubscribes at once (RFC 8058 §3.1).
    static func oneClick(_ base: String, token: String) -> String { base + "/api/unsubscribe/" + token }
}
