// The JSON fragments a campaign is described with, shared by the public, staff and guide views.
import Campaigns
import Storage

extension JSONWriter {
    mutating func phaseFields(_ phase: Phase) {
        field("kind", phase.kind.rawValue)
        field("state", phase.state.rawValue)
        field("opensAt", phase.opensAt.map(ISOTime.string))
        field("closesAt", phase.closesAt.map(ISOTime.string))
    }

    mutating func phasesField(_ phases: [Phase]) {
        key("phases")
        array(phases) { w, phase in w.object { p in p.phaseFields(phase) } }
    }

    mutating func questionsField(_ questions: [QuestionRecord]) {
        key("questions")
        array(questions) { w, question in
            w.object { q in
                q.field("id", question.id)
                q.field("phase", question.phase.rawValue)
                q.field("text", question.text)
            }
        }
    }

    mutating func profileQuestionsField(_ questions: [ProfileQuestionRecord]) {
        key("profileQuestions")
        array(questions) { w, question in
            w.object { q in
                q.field("key", question.key)
                q.field("label", question.label)
                q.key("choices")
                q.array(question.choices) { c, choice in c.string(choice) }
                q.field("required", question.required)
            }
        }
    }

    mutating func themesField(_ themes: [ThemeRecord]) {
        key("themes")
        array(themes) { w, theme in
            w.object { t in
                t.field("id", theme.id)
                t.field("name", theme.name)
                t.field("kind", theme.kind.rawValue)
                t.field("description", theme.description)
            }
        }
    }

    mutating func countsField(_ counts: CampaignCounts) {
        key("counts")
        object { c in
            c.field("participants", counts.participants)
            c.field("contributions", counts.contributions)
            c.field("comments", counts.comments)
            c.field("votes", counts.votes)
        }
    }
}
