// /metrics: staff tokens only on the main port, no token on the metrics listener, and nothing about anyone in it.
import Foundation
import Testing
@testable import App
import Storage

@Suite("Metrics")
struct MetricsTests {
    /// The value of the sample `name{labels}` in a text exposition (labels in the order the registry writes them).
    private func sample(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test("/metrics on the main port answers staff tokens only, in Prometheus' text format")
    func mainPortNeedsStaff() throws {
        let test = try TestApp()
        defer { test.close() }
        let anonymous = try test.client().send("GET", "/metrics")
        #expect(anonymous.status == 401)
        #expect(anonymous.errorCode == "unauthorized")
        let contributor = test.client()
        try contributor.join()
        #expect(try contributor.send("GET", "/metrics").status == 401)

        let analyst = try test.staffClient(test.addStaff("ann", .analyst))
        let scraped = try analyst.send("GET", "/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(scraped.headers["Cache-Control"] == "no-store")
        #expect(scraped.text.contains("# TYPE groundswell_http_requests_total counter"))
    }

    @Test("requests are counted by route pattern and status, commits by batch; gauges are read when scraped")
    func countsTheWork() throws {
        let test = try TestApp()
        defer { test.close() }
        let contributor = test.client()
        try contributor.join()
        let id = try contributor.post(question: test.understandQuestion, body: "The lifts are out of order every week")
        for value in [1, -1, 1] {
            #expect(try contributor.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":\#(value)}"#).status == 200)
        }
        #expect(try contributor.send("GET", "/api/contributions/999999").status == 404)
        let admin = try test.staffClient(test.addStaff("ada", .admin))
        let text = try admin.send("GET", "/metrics").text

        let vote = #"method="PUT",route="/api/contributions/{id}/vote",status="200""#
        #expect(sample(text, "groundswell_http_requests_total{\(vote)}") == 3)
        #expect(sample(text, "groundswell_http_request_duration_seconds_count{\(vote)}") == 3)
        #expect(sample(text, #"groundswell_http_requests_total{method="GET",route="/api/contributions/{id}",status="404"}"#) == 1)
        #expect(sample(text, #"groundswell_http_requests_total{method="POST",route="/api/campaigns/{slug}/join",status="201"}"#) == 1)
        // The join, the post and three votes were acknowledged in commits of one or more requests each.
        let acknowledged = try #require(sample(text, "groundswell_writer_batch_size_sum"))
        #expect(acknowledged >= 5)
        #expect((sample(text, "groundswell_writer_commit_duration_seconds_count") ?? 0) >= 1)
        for gauge in ["groundswell_http_connections", "groundswell_event_streams", "groundswell_writer_queue_depth",
                      "groundswell_vote_journal_depth", "groundswell_outbox_backlog", "groundswell_mail_relay_up"] {
            #expect(sample(text, gauge) != nil, "gauge \(gauge) is missing")
        }
        // This scrape's own connection is open while the gauge is read.
        #expect((sample(text, "groundswell_http_connections") ?? 0) >= 1)
    }

    @Test("nothing in the metrics names a path, an id, a token, an address or what anyone wrote")
    func holdsNothingAboutAnyone() throws {
        let test = try TestApp()
        defer { test.close() }
        let contributor = test.client()
        try contributor.join()
        let token = try #require(contributor.token)
        let words = "Parking permits for night staff"
        let id = try contributor.post(question: test.understandQuestion, body: words)
        #expect(try contributor.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#).status == 200)
        #expect(try contributor.send("GET", "/api/campaigns/test/contributions?q=parking").status == 200)
        let admin = try test.staffClient(test.addStaff("ada", .admin))
        let text = try admin.send("GET", "/metrics").text
        for secret in [token, try #require(admin.token), words, "parking", "/api/contributions/\(id)", "campaigns/test", "\"test\"", "127.0.0.1"] {
            #expect(!text.contains(secret), "the metrics hold \(secret)")
        }
    }

    @Test("the metrics listener serves /metrics without a token, and nothing else")
    func separateListener() throws {
        let test = try TestApp(metricsPort: 0)
        defer { test.close() }
        let port = try #require(test.app.metricsPort)
        #expect(port != test.port)
        let scraper = APIClient(port: port)
        let scraped = try scraper.send("GET", "/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.text.contains("groundswell_writer_queue_depth"))
        #expect(try scraper.send("GET", "/api/campaigns").status == 404)
        let posted = try scraper.send("POST", "/metrics")
        #expect(posted.status == 405)
        #expect(posted.headers["Allow"] == "GET, HEAD")
        #expect(try scraper.send("POST", "/metrics", json: "{}").status == 413)  // it takes no body at all
    }
}
