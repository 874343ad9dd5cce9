// How a draft is written in the API's JSON: sections as Markdown-lite blocks, amendments with their word diff.
import Campaigns
import Storage

extension JSONWriter {
    /// `{id, title, state, version, phases, questionId, createdAt, finalisedAt}`: a draft's own fields.
    mutating func draftFields(_ draft: DraftRecord) {
        field("id", draft.id)
        field("title", draft.title)
        field("state", draft.state.rawValue)
        field("version", draft.version)
        key("phases")
        array(draft.phases.ordered) { w, phase in w.string(phase.rawValue) }
        field("questionId", draft.questionID)
        field("createdAt", ISOTime.day(draft.createdAt))
        key("finalisedAt")
        if let at = draft.finalisedAt { string(ISOTime.day(at)) } else { null() }
    }

    /// A section's text: `{id, number, level, heading, body, blocks}`.
    mutating func draftSectionText(_ section: VersionedSection) {
        field("id", section.sectionID)
        field("number", section.text.number)
        field("level", section.text.level)
        field("heading", section.text.heading)
        field("body", section.text.body)
        key("blocks")
        array(MarkdownLite.parse(section.text.body)) { w, block in w.storyBlock(block) }
    }

    /// Counts and the viewer's own: `{up, down, comments, held, myVote, mine}` — never an author.
    mutating func draftCounts(_ item: DraftItem) {
        field("up", item.record.up)
        field("down", item.record.down)
        field("comments", item.record.commentCount)
        field("held", item.record.held)
        field("myVote", item.myVote.rawValue)
        field("mine", item.mine)
    }

    mutating func diffRuns(_ runs: [DiffRun]) {
        array(runs) { w, run in
            w.object { r in
                r.field("kind", run.kind.rawValue)
                r.field("text", run.text)
            }
        }
    }

    /// An amendment: its text, the word diff from the section as it was when written, its state and
    /// the facilitator's reason; whether the section has changed since (`stale`).
    mutating func amendment(_ a: DraftAmendmentItem, current: String?) {
        field("id", a.item.record.id)
        field("sectionId", a.amendment.sectionID)
        field("title", a.item.record.title)
        field("body", a.item.record.body)
        field("state", a.amendment.state.rawValue)
        field("contributionState", a.item.record.state.rawValue)
        field("baseVersion", a.amendment.baseVersion)
        field("reason", a.amendment.reason)
        key("decidedVersion")
        if let v = a.amendment.decidedVersion { int(v) } else { null() }
        field("stale", a.amendment.state == .pending && current != nil && current != a.baseBody)
        key("diff")
        diffRuns(WordDiff.runs(from: a.baseBody, to: a.item.record.body))
        field("createdAt", ISOTime.string(a.item.record.createdAt))
        draftCounts(a.item)
    }

    /// An alternative to the whole document: title, body as Markdown-lite blocks, counts.
    mutating func alternative(_ item: DraftItem) {
        field("id", item.record.id)
        field("title", item.record.title)
        field("body", item.record.body)
        field("contributionState", item.record.state.rawValue)
        key("blocks")
        array(MarkdownLite.parse(item.record.body)) { w, block in w.storyBlock(block) }
        field("createdAt", ISOTime.string(item.record.createdAt))
        draftCounts(item)
    }

    mutating func draftChange(_ change: DraftChange, sectionNumber: String?) {
        field("version", change.version)
        key("amendmentId")
        if let id = change.amendmentID { int(id) } else { null() }
        field("section", sectionNumber)
        field("reason", change.reason)
        field("on", ISOTime.day(change.createdAt))
    }

    /// The whole page: the draft, the current version's sections each with its amendments, the
    /// alternatives, the change log, and whether the viewer may propose now (`canPropose`, or the
    /// refusal's `code` and `message` so the page shows the server's words).
    mutating func draftPage(_ page: DraftPage) {
        draftFields(page.draft)
        key("canPropose")
        if let refusal = page.proposalRefusal {
            object { r in
                r.field("allowed", false)
                r.field("code", refusal.code)
                r.field("message", refusal.message)
            }
        } else {
            object { $0.field("allowed", true) }
        }
        key("sections")
        array(page.version.sections) { w, section in
            w.object { s in
                s.draftSectionText(section)
                if let item = page.sections[section.sectionID] { s.draftCounts(item) }
                s.key("amendments")
                s.array(page.amendments.filter { $0.amendment.sectionID == section.sectionID }) { w, a in
                    w.object { $0.amendment(a, current: section.text.body) }
                }
            }
        }
        key("alternatives")
        array(page.alternatives) { w, item in w.object { $0.alternative(item) } }
        key("changes")
        array(page.changes) { w, change in
            w.object { $0.draftChange(change, sectionNumber: change.sectionID.flatMap { page.version.section($0)?.text.number }) }
        }
    }
}
