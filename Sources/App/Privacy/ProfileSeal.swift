// Profile answers as the database keeps them: positions of the chosen answers, padded and sealed with the server key.
import Storage

/// A contributor's answers to their campaign's profile questions, sealed so that only the server can
/// read them (PRIVACY.md, adversary 3). Before sealing, the answers are one byte per question in
/// question-id order — 0 for no answer, else the choice's position plus one — after a version byte,
/// zero-padded to a multiple of `block` bytes: every seal of a campaign is the same size, so its
/// length does not tell who answered, or what.
///
/// Positions are stable: profile questions can be changed only before a campaign goes live.
enum ProfileSeal {
    static let version: UInt8 = 1
    /// Plaintext length unit: 64 bytes hold 63 answers (a campaign asks far fewer).
    static let block = 64

    /// The seal of `answers` (profile question id → chosen text), or nil when the campaign asks no
    /// profile questions. Answers that are not among a question's choices are left out.
    static func seal(_ answers: [Int64: String], questions: [ProfileQuestionRecord], key: ServerKey) throws -> [UInt8]? {
        guard !questions.isEmpty else { return nil }
        let ordered = questions.sorted { $0.id < $1.id }
        var plain: [UInt8] = [version]
        for question in ordered {
            let position = answers[question.id].flatMap { question.choices.firstIndex(of: $0) }
            plain.append(position.map { UInt8(truncatingIfNeeded: $0 + 1) } ?? 0)
        }
        let length = (plain.count + block - 1) / block * block
        plain += [UInt8](repeating: 0, count: length - plain.count)
        return try key.seal(plain, for: .profile)
    }

    /// The answers (profile question id → chosen text) inside `sealed`; empty for nil. Throws when
    /// the seal was not made with this key, or its version is unknown.
    static func open(_ sealed: [UInt8]?, questions: [ProfileQuestionRecord], key: ServerKey) throws -> [Int64: String] {
        guard let sealed else { return [:] }
        let plain = try key.open(sealed, for: .profile)
        guard plain.first == version else { throw ProfileSealError() }
        var answers: [Int64: String] = [:]
        for (index, question) in questions.sorted(by: { $0.id < $1.id }).enumerated() where index + 1 < plain.count {
            let position = Int(plain[index + 1])
            if position > 0, position <= question.choices.count { answers[question.id] = question.choices[position - 1] }
        }
        return answers
    }
}

/// A sealed profile opened to something this version does not understand.
struct ProfileSealError: Error, CustomStringConvertible {
    var description: String { "a sealed profile has an unknown format" }
}
