// A draft's Markdown-lite text split into numbered sections at its headings (pure).

/// One section of a draft as written: its number ("2", "2.1"), heading level, heading and body.
/// The body is Markdown-lite without the heading line, as the page renders it.
public struct DraftSectionText: Sendable, Equatable {
    public var number: String
    public var level: Int
    public var heading: String
    public var body: String

    public init(number: String, level: Int, heading: String, body: String) {
        self.number = number
        self.level = level
        self.heading = heading
        self.body = body
    }

    /// The section as Markdown-lite again: its heading line, a blank line, its body.
    public var markdown: String {
        String(repeating: "#", count: level) + " " + heading + (body.isEmpty ? "" : "\n\n" + body)
    }
}

/// What is wrong with a document offered as a draft (or as an alternative to one).
public enum DraftTextProblem: String, Refusal {
    /// No `#` heading: a draft is read, voted and amended section by section.
    case noSections = "no_sections"
    /// More than `DraftSectioning.maxSections` headings.
    case tooManySections = "too_many_sections"
    /// A heading longer than a title may be.
    case headingTooLong = "heading_too_long"
    /// A section's body longer than a contribution's body may be.
    case sectionTooLong = "section_too_long"

    public var message: String {
        switch self {
        case .noSections: "Start each section with a heading line (# Vision, ## Principle 1)."
        case .tooManySections: "A draft has at most \(DraftSectioning.maxSections) sections."
        case .headingTooLong: "A heading has at most \(TextRules.titleMaxCharacters) characters."
        case .sectionTooLong: "A section has at most \(TextRules.bodyMaxCharacters) characters."
        }
    }

    public var kind: RefusalKind { .unprocessable }
}

public enum DraftSectioning {
    public static let maxSections = 60

    /// The sections of `source`: each `#`…`###` heading starts one, numbered by level — `#` sections
    /// 1, 2, 3; a `##` under section 2 is 2.1, a `###` under that 2.1.1 (a deeper heading with no
    /// parent above it counts the missing parent as 0: "0.1"). A draft opens with a heading: text
    /// before the first one is refused (`noSections`) rather than dropped.
    public static func sections(from source: String) -> Result<[DraftSectionText], DraftTextProblem> {
        let text = TextRules.normalise(source)
        var sections: [DraftSectionText] = []
        var counters = [0, 0, 0]
        var body: [Substring] = []
        var preamble = false
        func close() {
            guard !sections.isEmpty else {
                preamble = preamble || body.contains { !$0.allSatisfy(\.isWhitespace) }
                body = []
                return
            }
            sections[sections.count - 1].body = TextRules.normalise(body.joined(separator: "\n"))
            body = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let (level, heading) = MarkdownLite.heading(line.drop { $0 == " " }) {
                close()
                counters[level - 1] += 1
                for deeper in level..<counters.count { counters[deeper] = 0 }
                let number = counters[0..<level].map(String.init).joined(separator: ".")
                sections.append(DraftSectionText(
                    number: number, level: level, heading: TextRules.normalise(String(heading)), body: ""))
            } else {
                body.append(line)
            }
        }
        close()
        if sections.isEmpty || preamble { return .failure(.noSections) }
        if sections.count > maxSections { return .failure(.tooManySections) }
        for section in sections {
            if TextRules.validateTitle(section.heading) != nil { return .failure(.headingTooLong) }
            if section.body.utf8.count > TextRules.bodyMaxBytes || section.body.count > TextRules.bodyMaxCharacters {
                return .failure(.sectionTooLong)
            }
        }
        return .success(sections)
    }
}
