// The demo campaign loads into an empty database, reads back over the API, and refuses a second load.
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct DemoSeederTests {
    @Test func seedsOnceAndServes() throws {
        let server = try TestApp()
        defer { server.close() }
        // The test app already holds a campaign: the demo must refuse it and write nothing.
        #expect(throws: DemoError.self) { try DemoSeeder.seed(database: server.app.database, key: server.app.context.key, clock: server.clock) }
        #expect(try server.client().send("GET", "/api/campaigns/demo").status == 404)

        let directory = server.directory + "/demo"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = try Database(
            options: DatabaseOptions(path: directory + "/demo.sqlite"), migrationsDirectory: TestApp.packageRoot + "/Migrations")
        defer { database.close() }
        try DemoSeeder.seed(database: database, key: server.app.context.key, clock: server.clock)
        let counts = try database.read { connection -> CampaignCounts? in
            guard let campaign = try CampaignStore(connection).campaign(slug: "demo") else { return nil }
            #expect(campaign.state == .live && campaign.access == .open)
            #expect(try CampaignStore(connection).phases(campaignID: campaign.id).openPhase?.kind == .understand)
            #expect(try CampaignStore(connection).questions(campaignID: campaign.id).count == 3)
            return try CampaignStore(connection).counts(campaignID: campaign.id)
        }
        let demo = try #require(counts)
        #expect(demo.contributions >= 24)
        #expect(demo.votes > demo.contributions)
        #expect(demo.comments >= 12)
        #expect(throws: DemoError.self) { try DemoSeeder.seed(database: database, key: server.app.context.key, clock: server.clock) }
        #expect(try database.check().isEmpty)
    }
}
