// JSON shapes of guides: the editable draft, revisions, diffs and the published form.
import Campaigns
import Storage

extension JSONWriter {
    /// `sections: [{key, heading, body}]` in reading order, written into the open object.
    mutating func guideSections(_ text: GuideRevision) {
        key("sections")
        array(GuideSection.allCases) { w, section in
            w.object { s in
                s.field("key", section.rawValue)
                s.field("heading", section.heading)
                s.field("body", text.text(section))
            }
        }
    }

    /// The draft as editors and facilitators see it.
    mutating func guideDraft(_ g: GuideRecord, comments: [GuideComment], you: String?) {
        object { o in
            o.field("id", g.id)
            o.key("contributionId")
            o.int(g.contributionID)
            o.field("title", g.text.title)
            o.field("revision", g.text.revision)
            o.guideSections(g.text)
            o.key("themes")
            o.array(g.themes) { w, id in w.int(id) }
            o.field("final", g.finalAt != nil)
            o.field("published", g.publishedAt != nil)
            if let you { o.field("you", you) }
            o.key("comments")
            o.array(comments) { w, c in
                w.object { j in
                    j.field("id", c.id)
                    j.field("revision", c.revision)
                    j.field("body", c.body)
                    j.field("author", "Facilitator")
                    j.field("createdAt", ISOTime.string(c.createdAt))
                }
            }
        }
    }

    mutating func guideRevisions(_ revisions: [GuideRevisionRecord]) {
        object { o in
            o.key("revisions")
            o.array(revisions) { w, r in
                w.object { j in
                    j.field("revision", r.text.revision)
                    j.field("title", r.text.title)
                    j.field("editor", r.editor)
                    j.field("createdAt", ISOTime.string(r.createdAt))
                }
            }
        }
    }

    /// `{from, to, title: [line], sections: [{key, heading, lines: [{op, text}]}]}`; op is " ", "-" or "+".
    mutating func guideDiff(from old: GuideRevision, to new: GuideRevision) {
        func lines(_ w: inout JSONWriter, _ diff: [DiffLine]) {
            w.array(diff) { w, line in w.object { $0.field("op", line.marker); $0.field("text", line.text) } }
        }
        object { o in
            o.field("from", old.revision)
            o.field("to", new.revision)
            o.key("title")
            lines(&o, GuideRevisionDiff.lines(from: old.title, to: new.title))
            o.key("sections")
            o.array(GuideSection.allCases) { w, section in
                w.object { s in
                    s.field("key", section.rawValue)
                    s.field("heading", section.heading)
                    s.key("lines")
                    lines(&s, GuideRevisionDiff.lines(from: old.text(section), to: new.text(section)))
                }
            }
        }
    }

    /// A published guide, as the public guide lists it.
    /// A published guide with its comments (its idea's visible thread, one level of replies).
    mutating func publishedGuide(_ g: GuideRecord, comments: [CommentRecord]) {
        object { o in
            o.field("id", g.id)
            o.field("title", g.text.title)
            o.key("sections")
            o.array(GuideSection.allCases) { w, section in
                w.object { s in
                    s.field("heading", section.heading)
                    s.field("body", g.text.text(section))
                }
            }
            o.key("themes")
            o.array(g.themes) { w, id in w.int(id) }
            o.key("comments")
            o.commentThread(comments, viewerID: nil)
        }
    }
}
