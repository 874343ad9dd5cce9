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

    /// `/healthz` is answered from a prepared response on keep-alive GETs and the ordinary way
    /// otherwise: both carry the same header fields (the security headers among them).
    @Test func healthzTheSameOnBothPaths() throws {
        let server = try TestApp()
        defer { server.close() }
        let keepAlive = try RawClient(port: server.port, timeoutSeconds: 5)
        try keepAlive.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        let prepared = try keepAlive.readResponse()
        let closing = try RawClient(port: server.port, timeoutSeconds: 5)
        try closing.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let ordinary = try closing.readResponse()
        func fields(_ response: RawResponse) -> [String] {
            response.headers.filter { !["date", "connection"].contains($0.name.lowercased()) }.map { "\($0.name): \($0.value)" }
        }
        #expect(prepared.status == 200 && prepared.text == "ok")
        #expect(ordinary.status == 200 && ordinary.text == "ok")
        #expect(fields(prepared) == fields(ordinary))
        #expect(prepared.headers["Content-Security-Policy"] != nil && prepared.headers["X-Content-Type-Options"] == "nosniff")
    }
}

@Suite struct OpenAPIResponseSchemaTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.document())) as? [String: Any])
    }

    /// Every `$ref` anywhere in the document, as the names after `#/components/schemas/`.
    static func references(in value: Any) -> [String] {
        switch value {
        case let object as [String: Any]:
            let own = (object["$ref"] as? String).map { [String($0.split(separator: "/").last ?? "")] } ?? []
            return own + object.values.flatMap(references(in:))
        case let array as [Any]:
            return array.flatMap(references(in:))
        default:
            return []
        }
    }

    @Test func everyReferenceResolves() throws {
        let document = try Self.document()
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let names = Set(Self.references(in: document))
        #expect(names.contains("Error") && names.contains("Contribution"))
        #expect(names.subtracting(schemas.keys).isEmpty, "unresolved: \(names.subtracting(schemas.keys))")
    }

    /// The contributor API's 2xx answers (except the event stream) and every operation's 4XX/5XX carry a schema.
    @Test func contributorSuccessesAndAllErrorsDeclareBodies() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        for (path, operations) in paths {
            for (method, operation) in operations {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: [String: Any]])
                for range in ["4XX", "5XX"] {
                    #expect(responses[range]?["content"] != nil, "\(method) \(path) \(range)")
                }
                guard path.hasPrefix("/api/"), !path.hasSuffix("/events") else { continue }
                for (status, response) in responses where status.hasPrefix("2") {
                    #expect(response["content"] != nil, "\(method) \(path) \(status) has no body schema")
                }
            }
        }
    }
}
