// Blind coding holds with the machine coder trained and coding: no team sees a suggestion for an item it has not coded.
import Foundation
import Testing
@testable import App
import Campaigns

/// What a machine suggestion looks like in any response: its fields. A response carrying none of
/// them carries no suggestion, whatever route answered it.
private let suggestionMarkers = ["\"suggestion\"", "\"confidence\"", "\"probabilities\"", "\"notRelevantProbability\""]

@Suite struct AssistBlindnessTests {
    /// Walks every GET route of the router as an analyst of team A and as a facilitator who is a
    /// member of team B, with the machine coder measured, coding the long tail, and suggestions
    /// available — for items coded by neither team, by the other team only, by both, and machine-coded
    /// — and checks that no response carries a suggestion for an item the caller's team has not coded.
    /// Routes added later (a reworked queue, bulk screens) are walked too.
    @Test func noResponseCarriesASuggestionForAnItemTheTeamHasNotCoded() throws {
        let scene = try AssistScene(count: 120)
        defer { scene.close() }
        try scene.codeSample(0..<70)
        // Item 70: coded by team A only. 71: by team B only. 72…: coded by nobody (machine-coded below).
        try expectStatus(scene.code(70, team: 0), 200)
        try expectStatus(scene.code(71, team: 1), 200)
        // Fred facilitates and codes in team B (with Ben).
        let fred = try scene.server.staff("fred", role: "facilitator")
        let benID = try scene.server.staffID("ben"), fredID = try scene.server.staffID("fred")
        try expectStatus(scene.fay.send("PUT", "/admin/campaigns/test/coding/teams",
                                        json: #"{"name":"B","members":[\#(benID),\#(fredID)]}"#), 200)
        try expectStatus(scene.fay.send("PUT", "/admin/campaigns/test/coding/machine/settings", json: #"{"enabled":true}"#), 200)
        // Fay (in no team) does see suggestions: the markers are real.
        let seen = try scene.fay.send("GET", "/admin/contributions/\(scene.items[71])/suggestion")
        try expectStatus(seen, 200)
        #expect(suggestionMarkers.contains { seen.text.contains($0) })

        let routes = AppRoutes.router().freeze().routes.filter { $0.method == .get && !$0.pattern.hasSuffix("/events") }
        let candidates = try scene.fay.send("GET", "/admin/campaigns/test/coding/candidates").ids("items", "id")
        // Team A has not coded 71 and 72…; team B has not coded 70 and 72….
        let walks: [(client: APIClient, who: String, notCoded: [Int64])] = [
            (scene.ana, "analyst of A", [scene.items[71], scene.items[72], scene.items[100]]),
            (fred, "facilitator in B", [scene.items[70], scene.items[72], scene.items[100]]),
        ]
        for walk in walks {
            for route in routes {
                for path in Self.paths(route.pattern, items: walk.notCoded, candidate: candidates.first ?? 1) {
                    let response = try walk.client.send("GET", path)
                    for marker in suggestionMarkers {
                        #expect(!response.text.contains(marker), "\(walk.who): GET \(path) carries \(marker)")
                    }
                }
            }
            // Their queues hold no machine-coded item.
            let queue = try walk.client.send("GET", "/admin/campaigns/test/coding/queue").ids("items", "id")
            #expect(Set(queue).isDisjoint(with: scene.items[72...]), "\(walk.who)'s queue")
        }
        // Once team B has coded item 70, Fred may see the machine's suggestion for it. (His queue
        // claimed it for him; he gives his page back so that Ben may code it.)
        try expectStatus(fred.send("DELETE", "/admin/campaigns/test/coding/claims"), 200)
        try expectStatus(scene.code(70, team: 1), 200)
        try expectStatus(fred.send("GET", "/admin/contributions/\(scene.items[70])/suggestion"), 200)
    }

    @Test func analystsAreRefusedEvenAfterCoding() throws {
        let scene = try AssistScene(count: 80)
        defer { scene.close() }
        try scene.codeSample(0..<50)
        for position in [10, 60] {
            let refused = try scene.ana.send("GET", "/admin/contributions/\(scene.items[position])/suggestion")
            #expect(refused.status == 403 && refused.errorCode == "suggestions_for_facilitators")
        }
        #expect(try scene.ana.send("GET", "/admin/campaigns/test/coding/suggestions").status == 403)
        #expect(try scene.ana.send("GET", "/admin/campaigns/test/coding/machine/codes").status == 403)
    }

    @Test func aFacilitatorInATeamIsBlindUntilTheTeamHasCoded() throws {
        let scene = try AssistScene(count: 80)
        defer { scene.close() }
        try scene.codeSample(0..<50)
        let fred = try scene.server.staff("fred", role: "facilitator")
        let anaID = try scene.server.staffID("ana"), fredID = try scene.server.staffID("fred")
        try expectStatus(scene.fay.send("PUT", "/admin/campaigns/test/coding/teams",
                                        json: #"{"name":"A","members":[\#(anaID),\#(fredID)]}"#), 200)
        try expectStatus(scene.code(60, team: 1), 200)  // team B only
        let blind = try fred.send("GET", "/admin/contributions/\(scene.items[60])/suggestion")
        #expect(blind.status == 403 && blind.errorCode == "blind_until_coded")
        // Once Fred codes it for team A, he may see it.
        try expectStatus(scene.code(60, team: 0, as: fred), 200)
        try expectStatus(fred.send("GET", "/admin/contributions/\(scene.items[60])/suggestion"), 200)
        // The machine-coded items and their export are closed to a facilitator who codes.
        try expectStatus(scene.fay.send("PUT", "/admin/campaigns/test/coding/machine/settings", json: #"{"enabled":true}"#), 200)
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/coding/machine/codes").json["total"] as? Int == 29)
        #expect(try fred.send("GET", "/admin/campaigns/test/coding/machine/codes").json["total"] as? Int == 0)
        let admin = try scene.server.addStaff("root", .admin)
        let adminID = try scene.server.staffID("root")
        let root = scene.server.staffClient(admin)
        try expectStatus(root.send("GET", "/admin/campaigns/test/export/machine_codes.csv"), 200)
        try expectStatus(scene.fay.send("PUT", "/admin/campaigns/test/coding/teams",
                                        json: #"{"name":"A","members":[\#(anaID),\#(fredID),\#(adminID)]}"#), 200)
        let export = try root.send("GET", "/admin/campaigns/test/export/machine_codes.csv")
        #expect(export.status == 403 && export.errorCode == "blind_until_coded")
    }

    /// The concrete paths to try for a route: every `{id}` as each item (and the candidate for the
    /// candidate routes), `{slug}` the test campaign, other parameters a plausible value.
    static func paths(_ pattern: String, items: [Int64], candidate: Int64) -> [String] {
        let values: [String: [String]] = [
            "slug": ["test"], "round": ["prioritise"], "file": ["machine_codes.csv", "codes.csv"],
            "path": ["index.html"],
        ]
        var paths = [pattern]
        for (name, options) in values {
            paths = paths.flatMap { path in path.contains("{\(name)}") ? options.map { path.replacing("{\(name)}", with: $0) } : [path] }
        }
        let ids = pattern.contains("/candidates/{id}") ? [String(candidate)] : items.map(String.init)
        paths = paths.flatMap { path in path.contains("{id}") ? ids.map { path.replacing("{id}", with: $0) } : [path] }
        return paths.filter { !$0.contains("{") }
    }
}
