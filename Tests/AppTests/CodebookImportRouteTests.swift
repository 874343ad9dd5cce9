// The codebook imported over HTTP from the console (issue 20): CSV or JSON, the command line's checks, all or nothing.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct CodebookImportRouteTests {
    private func themeNames(_ client: APIClient) throws -> [String: String?] {
        let themes = try client.send("GET", "/admin/campaigns/test/themes").json["themes"] as? [[String: Any]] ?? []
        var names: [String: String?] = [:]
        for theme in themes {
            guard let name = theme["name"] as? String else { continue }
            let parent = (theme["parentId"] as? Int).flatMap { id in themes.first { $0["id"] as? Int == id }?["name"] as? String }
            names[name] = parent
        }
        return names
    }

    @Test func aCSVCodebookBecomesThemesWithTheirParents() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = try app.staff("fay", role: "facilitator")
        let csv = "name,kind,description,parent\r\nAccess,theme,Getting in,\r\nPhones,barrier,Lines engaged,Access\r\nCafé,building_block,,\r\n"
        let imported = try fac.send(
            "POST", "/admin/campaigns/test/codebook", body: Array(csv.utf8), headers: [("Content-Type", "text/csv; charset=utf-8")])
        #expect(imported.status == 201, "\(imported.text)")
        #expect(imported.json["imported"] as? Int == 3)
        #expect(try themeNames(fac) == ["Access": nil, "Phones": "Access", "Café": nil])
        let admin = try app.staff("root", role: "admin")
        let audit = try admin.send("GET", "/admin/audit?campaign=test").items
        #expect(audit.contains { $0["action"] as? String == "import-codebook" && $0["actor"] as? String == "fay" })
    }

    @Test func aJSONCodebookIsCheckedTheSameWay() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = try app.staff("fay", role: "facilitator")
        let good = #"{"themes":[{"name":"Access"},{"name":"Phones","kind":"barrier","parent":"Access"}]}"#
        #expect(try fac.send("POST", "/admin/campaigns/test/codebook", json: good).status == 201)
        let bad = #"{"themes":[{"name":"New one"},{"name":"Access"},{"name":"Orphan","parent":"Nowhere"}]}"#
        let refused = try fac.send("POST", "/admin/campaigns/test/codebook", json: bad)
        #expect(refused.status == 422 && refused.errorCode == "bad_codebook")
        let rows = (refused.json["error"] as? [String: Any])?["rows"] as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["line"] as? Int } == [2, 3])
        #expect(try themeNames(fac).keys.sorted() == ["Access", "Phones"], "nothing of the refused file was imported")
    }

    @Test func anUnreadableFileOrAnotherRoleImportsNothing() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = try app.staff("fay", role: "facilitator")
        let wrongHeader = try fac.send(
            "POST", "/admin/campaigns/test/codebook", body: Array("title\r\nAccess\r\n".utf8), headers: [("Content-Type", "text/csv")])
        #expect(wrongHeader.status == 422 && wrongHeader.errorField == "file")
        let plain = try fac.send(
            "POST", "/admin/campaigns/test/codebook", body: Array("name\r\nAccess\r\n".utf8), headers: [("Content-Type", "text/plain")])
        #expect(plain.status == 422 && plain.errorField == "file")
        let analyst = try app.staff("ana", role: "analyst")
        #expect(try analyst.send("POST", "/admin/campaigns/test/codebook", json: #"{"themes":[{"name":"Access"}]}"#).status == 403)
        #expect(try themeNames(fac).isEmpty)
    }
}
