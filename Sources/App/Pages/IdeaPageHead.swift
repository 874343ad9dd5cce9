// What the idea page's <head> says about one idea: its title and the Open Graph tags a link preview reads.

/// The text a shared link shows (Teams, WhatsApp, a browser tab), built only from what the crowd
/// already reads on the page: the idea's title and the start of its text, or — for an idea the
/// public may not read (an invite-only campaign, one held for review) — the campaign's title alone.
/// Never an author, a date or a count: a preview is copied into places we do not control.
struct IdeaPageHead: Equatable {
    var title: String
    var description: String

    /// Longest description, in characters; link previews cut at about 200 anyway.
    static let descriptionLimit = 200

    /// The head for an idea the public may read.
    static func idea(title: String?, body: String, campaignTitle: String) -> IdeaPageHead {
        let heading = title.flatMap { $0.isEmpty ? nil : $0 } ?? headline(body)
        return IdeaPageHead(title: "\(heading) – \(campaignTitle)", description: shortened(body))
    }

    /// The head for a page whose idea is not shown to everyone: the campaign only.
    static func campaignOnly(campaignTitle: String) -> IdeaPageHead {
        IdeaPageHead(title: "An idea – \(campaignTitle)", description: "An idea shared anonymously in \(campaignTitle).")
    }

    /// The first eight words of an untitled idea, as the pages head it (`list.js` `headline`).
    static func headline(_ body: String) -> String {
        let words = body.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return "Untitled idea" }
        return words.count > 8 ? words.prefix(8).joined(separator: " ") + "…" : words.joined(separator: " ")
    }

    /// `text` on one line, cut at a word before `descriptionLimit` characters with an ellipsis.
    static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard line.count > descriptionLimit else { return line }
        let cut = line.prefix(descriptionLimit - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord + "…"
    }

    /// The tags that replace the template's `<!--idea-head-->` marker, every value escaped.
    var html: String {
        let title = HTMLText.escape(title), description = HTMLText.escape(description)
        return """
            <title>\(title)</title>
              <meta name="description" content="\(description)">
              <meta property="og:type" content="article">
              <meta property="og:site_name" content="Groundswell">
              <meta property="og:title" content="\(title)">
              <meta property="og:description" content="\(description)">
            """
    }

    /// The template with its marker (and the placeholder `<title>` after it) replaced by these tags.
    func filling(_ template: String) -> String? {
        guard let marker = template.range(of: Self.marker),
              let titleEnd = template.range(of: "</title>", range: marker.upperBound..<template.endIndex)
        else { return nil }
        return template.replacingCharacters(in: marker.lowerBound..<titleEnd.upperBound, with: html)
    }

    /// Where in `idea.html` the head is written: the marker, then a placeholder `<title>` for the
    /// file when it is opened as it is.
    static let marker = "<!--idea-head-->"
}
