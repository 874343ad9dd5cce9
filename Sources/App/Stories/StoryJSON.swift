// How a story is written in the API's JSON: its byline, link, and its body as Markdown-lite blocks.
import Campaigns
import Storage

extension JSONWriter {
    /// `byline`, `link` and `blocks`: the structure the page builds as text (`MarkdownLite`).
    mutating func storyFields(_ story: StoryRecord, body: String) {
        field("byline", story.byline)
        key("link")
        if let url = story.linkURL {
            object { l in
                l.field("url", url)
                l.field("label", story.linkLabel ?? url)
            }
        } else {
            null()
        }
        key("blocks")
        array(MarkdownLite.parse(body)) { w, block in w.storyBlock(block) }
    }

    mutating func storyBlock(_ block: StoryBlock) {
        object { b in
            switch block {
            case .heading(let level, let spans):
                b.field("type", "heading")
                b.field("level", level)
                b.key("spans")
                b.storySpans(spans)
            case .paragraph(let spans):
                b.field("type", "paragraph")
                b.key("spans")
                b.storySpans(spans)
            case .quote(let spans):
                b.field("type", "quote")
                b.key("spans")
                b.storySpans(spans)
            case .list(let ordered, let items):
                b.field("type", "list")
                b.field("ordered", ordered)
                b.key("items")
                b.array(items) { w, spans in w.storySpans(spans) }
            }
        }
    }

    mutating func storySpans(_ spans: [StorySpan]) {
        array(spans) { w, span in
            w.object { s in
                s.field("text", span.text)
                switch span.style {
                case .plain: s.field("style", "plain")
                case .strong: s.field("style", "strong")
                case .emphasis: s.field("style", "emphasis")
                case .link(let url):
                    s.field("style", "link")
                    s.field("href", url)
                }
            }
        }
    }
}
