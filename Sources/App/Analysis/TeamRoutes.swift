// The team screen's data: the campaign's coding teams with their members by name, and who may join one.
import Campaigns
import HTTP
import Storage

/// GET /admin/campaigns/{slug}/coding/teams (facilitators): what the console's team screen shows.
enum TeamRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/teams", teams)
    }

    /// GET → `{teamsPerItem, teams: [{id, coder, name, members: [id]}], coders: [{id, name, role, team}]}`:
    /// `coders` are the enabled staff who may code this campaign (analysts, facilitators and admins
    /// whose campaigns include it), with the team each is in (null for none). Staff names only.
    static func teams(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let (teams, perItem, staff) = try context.database.read { connection in
            let codes = CodeStore(connection)
            return (try codes.teams(campaignID: campaign.id), try codes.teamsPerItem(campaignID: campaign.id),
                    try StaffStore(connection).all())
        }
        let coders = staff.filter { member in
            !member.isDisabled && member.role.allows(AnalysisPermission.code.adminPermission)
                && (member.campaignIDs.isEmpty || member.campaignIDs.contains(campaign.id))
        }
        var teamOf: [Int64: Int64] = [:]
        for team in teams { for member in team.members { teamOf[member] = team.id } }
        var json = JSONWriter()
        json.object { o in
            o.field("teamsPerItem", perItem)
            o.key("teams")
            o.array(teams) { w, t in w.team(t) }
            o.key("coders")
            o.array(coders) { w, member in
                w.object { c in
                    c.field("id", member.id)
                    c.field("name", member.name)
                    c.field("role", member.role.rawValue)
                    c.key("team")
                    if let team = teamOf[member.id] { c.int(team) } else { c.null() }
                }
            }
        }
        return .json(json.bytes)
    }
}
