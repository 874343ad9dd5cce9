// Coding progress and effort: items per hour per team, what remains, and when the teams finish at the current pace.
import Campaigns
import HTTP
import Storage

enum CodingProgressRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/progress", progress)
    }

    /// GET: for each team (and analyst coding alone) the items coded, what remains of its queue, its
    /// pace (`CodingPace`) and finishing date; and when every team is done. With fewer teams per
    /// item than teams, the teams share one pool, which finishes at their pace together. Counts
    /// and times only — never a code — so analysts may read it too.
    static func progress(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .code)
        let (teams, perItem, items, times, machineCoded, names) = try context.database.read { connection in
            let store = CodeStore(connection)
            let times = try store.codeTimes(campaignID: campaign.id)
            let staff = StaffStore(connection)
            var names: [String: String] = [:]
            for coder in times.keys where coder.hasPrefix("s") {
                if let id = Int64(coder.dropFirst()) { names[coder] = try staff.staff(id: id)?.name }
            }
            return (try store.teams(campaignID: campaign.id), try store.teamsPerItem(campaignID: campaign.id),
                    try store.items(campaignID: campaign.id), times,
                    try MachineCodeStore(connection).codes(campaignID: campaign.id).count, names)
        }
        let now = context.clock.now
        var coders = teams.map { (key: "t\($0.id)", name: $0.name) }
        for key in times.keys.sorted() where !coders.contains(where: { $0.key == key }) {
            coders.append((key, names[key] ?? "Analyst"))
        }
        let estimates = coders.map { coder in
            CodingPace.estimate(
                codedAt: times[coder.key] ?? [],
                remaining: CodebookSettlement.queue(items: items, team: coder.key, required: perItem).count, now: now)
        }
        let needed = items.reduce(0) { $0 + max(0, perItem - $1.codedBy.count) }
        let finish: Int64?
        if coders.count > perItem {
            finish = CodingPace.estimate(codedAt: coders.flatMap { times[$0.key] ?? [] }, remaining: needed, now: now).finishesAt
        } else {
            finish = CodingPace.allFinish(estimates)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("teamsPerItem", perItem)
            o.field("items", items.count)
            o.field("codesNeeded", needed)
            o.field("machineCoded", machineCoded)
            o.key("teams")
            o.array(zip(coders, estimates)) { w, pair in
                w.object { t in
                    t.field("coder", pair.0.key)
                    t.field("name", pair.0.name)
                    t.field("coded", pair.1.coded)
                    t.field("remaining", pair.1.remaining)
                    t.key("itemsPerHour")
                    t.optionalDouble(pair.1.itemsPerHour)
                    t.key("itemsPerDay")
                    t.optionalDouble(pair.1.itemsPerDay)
                    t.field("finishesAt", pair.1.finishesAt.map(ISOTime.string))
                }
            }
            o.field("finishesAt", finish.map(ISOTime.string))
        }
        return .json(json.bytes)
    }
}
