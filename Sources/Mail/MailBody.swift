// What a message says, as blocks rendered twice: plain text, and HTML that needs nothing from anywhere.

/// One part of a message's content.
public enum MailBlock: Sendable, Equatable {
    /// A paragraph of text.
    case paragraph(String)
    /// A link the message is for ("Join the campaign"), shown as a button in HTML and on a line of
    /// its own in text. `url` must be http(s); anything else is shown as text, never as a link.
    case action(label: String, url: String)
    /// Text someone else wrote (a facilitator's note), kept apart from ours: `>` lines, a quote block.
    case quote(String)
    /// Small print at the end: why the message came, how to stop more.
    case small(String)
    /// A link in small print ("Unsubscribe").
    case smallLink(label: String, url: String)
}

/// A message's content. The HTML alternative has inline styles only: no images, fonts, style
/// sheets or scripts, nothing a mail reader would fetch — it renders the same with remote content
/// blocked, and tells nobody when it was opened.
public struct MailBody: Sendable, Equatable {
    public var title: String
    public var blocks: [MailBlock]

    public init(title: String, blocks: [MailBlock]) {
        self.title = title
        self.blocks = blocks
    }

    /// Width plain text paragraphs are wrapped at (a URL longer than this keeps its own line).
    static let textWidth = 72

    /// The text/plain part: paragraphs wrapped, links on their own lines, LF line ends.
    public var plainText: String {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let text), .small(let text):
                parts.append(Self.wrap(text, width: Self.textWidth))
            case .action(let label, let url):
                parts.append(label + ":\n" + url)
            case .quote(let text):
                parts.append(Self.wrap(text, width: Self.textWidth - 2).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "> " + $0 }.joined(separator: "\n"))
            case .smallLink(let label, let url):
                parts.append(label + ": " + url)
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// The text/html part: a complete document, every text escaped.
    public var html: String {
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width\"><title>\(Self.escape(title))</title></head>\n"
        out += "<body style=\"margin:0;padding:24px;background:#ffffff;color:#1a1a1a;"
        out += "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">\n"
        out += "<div style=\"max-width:560px;margin:0 auto\">\n"
        for block in blocks {
            switch block {
            case .paragraph(let text):
                out += "<p style=\"margin:0 0 16px\">\(Self.escapeLines(text))</p>\n"
            case .action(let label, let url):
                if Self.isWebLink(url) {
                    out += "<p style=\"margin:24px 0\"><a href=\"\(Self.escape(url))\" style=\"display:inline-block;"
                    out += "padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px;"
                    out += "font-weight:bold\">\(Self.escape(label))</a></p>\n"
                    out += "<p style=\"margin:0 0 16px;font-size:13px;color:#555555;word-break:break-all\">"
                    out += "\(Self.escape(url))</p>\n"
                } else {
                    out += "<p style=\"margin:0 0 16px\">\(Self.escape(label)): \(Self.escape(url))</p>\n"
                }
            case .quote(let text):
                out += "<blockquote style=\"margin:0 0 16px;padding:8px 16px;border-left:4px solid #cccccc;color:#333333\">"
                out += "\(Self.escapeLines(text))</blockquote>\n"
            case .small(let text):
                out += "<p style=\"margin:24px 0 0;font-size:13px;color:#555555\">\(Self.escapeLines(text))</p>\n"
            case .smallLink(let label, let url):
                let link = Self.isWebLink(url)
                    ? "<a href=\"\(Self.escape(url))\" style=\"color:#555555\">\(Self.escape(label))</a>"
                    : Self.escape(label + ": " + url)
                out += "<p style=\"margin:8px 0 0;font-size:13px;color:#555555\">\(link)</p>\n"
            }
        }
        return out + "</div>\n</body></html>\n"
    }

    static func isWebLink(_ url: String) -> Bool {
        (url.hasPrefix("https://") || url.hasPrefix("http://")) && !url.contains(where: { $0 == "\"" || $0 == " " || $0 == "<" })
    }

    /// `&`, `<`, `>`, `"` and `'` as character references: text stays text.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escaped, with the text's own line breaks kept as `<br>`.
    private static func escapeLines(_ text: String) -> String {
        text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
            .joined(separator: "<br>\n")
    }

    /// Greedy word wrap at `width` characters; the text's own line breaks are kept.
    static func wrap(_ text: String, width: Int) -> String {
        text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ") {
                if current.isEmpty {
                    current = String(word)
                } else if current.count + 1 + word.count > width {
                    lines.append(current)
                    current = String(word)
                } else {
                    current += " " + word
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
