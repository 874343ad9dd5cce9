// The OpenAPI document is valid JSON, served at /openapi.json, and lists every route of the router.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite struct OpenAPITests {
    @Test func everyRouteIsDocumented() throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.document())) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let routes = AppRoutes.router().freeze().routes
        #expect(!routes.isEmpty)
        for route in routes {
            let operations = paths[route.pattern]
            #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(route.method.rawValue) \(route.pattern) is not documented")
        }
        let documented = paths.values.reduce(0) { $0 + $1.count }
        #expect(documented == routes.count, "the document lists a route the router does not have")
    }

    @Test func servedOverHTTP() throws {
        let server = try TestApp()
        defer { server.close() }
        let response = try server.client().send("GET", "/openapi.json")
        #expect(response.status == 200)
        #expect(response.json["openapi"] as? String == "3.1.0")
        let health = try server.client().send("GET", "/healthz")
        #expect(health.status == 200 && health.text == "ok")
    }
}
