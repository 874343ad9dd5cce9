// JSON shapes of the analysis API: themes, code decisions, teams, agreement figures.
import Campaigns
import Storage

extension JSONWriter {
    mutating func theme(_ t: CodebookTheme) {
        object { o in
            o.field("id", t.id)
            o.field("name", t.name)
            o.field("kind", t.kind.rawValue)
            o.field("description", t.description)
            o.key("parentId")
            o.int(t.parentID)
            o.field("version", t.version)
            o.field("published", t.published)
            o.field("archived", t.archived)
        }
    }

    /// `themes` (sorted ids) and `notRelevant` fields of a decision, written into the open object.
    mutating func decisionFields(_ d: CodeDecision) {
        key("themes")
        array(d.themes.sorted()) { w, id in w.int(id) }
        field("notRelevant", d.notRelevant)
    }

    mutating func code(_ c: CodeRecord, mine: Bool) {
        object { o in
            o.field("coder", c.coder)
            o.field("mine", mine)
            o.decisionFields(c.decision)
            o.key("themeVersions")
            o.object { v in
                for (id, version) in c.themeVersions.sorted(by: { $0.key < $1.key }) { v.field(String(id), version) }
            }
            o.field("memo", c.memo)
            o.field("codedAt", ISOTime.string(c.codedAt))
        }
    }

    mutating func team(_ t: CodingTeam) {
        object { o in
            o.field("id", t.id)
            o.field("coder", "t\(t.id)")
            o.field("name", t.name)
            o.key("members")
            o.array(t.members) { w, id in w.int(id) }
        }
    }

    mutating func figures(_ f: AgreementReport.Figures) {
        object { o in
            o.field("items", f.items)
            o.agreementFields(percent: f.percent, kappa: f.kappa, alpha: f.alpha)
        }
    }

    /// `percent`, `kappa` and `alpha` (null when undefined), written into the open object.
    mutating func agreementFields(percent: Double?, kappa: Double?, alpha: Double?) {
        key("percent")
        optionalDouble(percent)
        key("kappa")
        optionalDouble(kappa)
        key("alpha")
        optionalDouble(alpha)
    }

    mutating func optionalDouble(_ value: Double?) {
        if let value { double(value) } else { null() }
    }
}

extension Array where Element == CodebookTheme {
    /// Theme id → current version, for stamping codes.
    var versions: [Int64: Int] { Dictionary(map { ($0.id, $0.version) }, uniquingKeysWith: { a, _ in a }) }
}
