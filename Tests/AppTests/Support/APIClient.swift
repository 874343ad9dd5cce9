// JSON requests over the raw client: one connection per request, every response kept for scanning.
import Foundation
import HTTP
import TestSupport

struct APIResponse {
    var status: Int
    var headers: Headers
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// `error.code` of an error envelope.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
}

/// Talks to the test server. `token` is sent as a Bearer token unless `cookie` is set.
final class APIClient {
    let port: Int
    var token: String?
    /// How long a response may take to arrive (a safety net, not a measure: the debug build is slow).
    var timeoutSeconds = 10
    /// Every response's head and body, in order, for the anonymity test.
    private(set) var transcript: [[UInt8]] = []

    init(port: Int) {
        self.port = port
    }

    @discardableResult
    func send(
        _ method: String, _ path: String, json: String? = nil, body rawBody: [UInt8]? = nil,
        headers: [(String, String)] = [], bearer: Bool = true
    ) throws -> APIResponse {
        let client = try RawClient(port: port, timeoutSeconds: timeoutSeconds)
        let body = rawBody ?? json.map { Array($0.utf8) } ?? []
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if bearer, let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        try client.send(Array((head + "\r\n").utf8) + body)
        let response = try client.readResponse(head: method == "HEAD")
        var record = Array("\(response.status)\n".utf8)
        for (name, value) in response.headers { record += Array("\(name): \(value)\n".utf8) }
        transcript.append(record + response.body)
        return APIResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// Joins the test campaign and keeps the token.
    @discardableResult
    func join(_ slug: String = "test", json: String = "{}") throws -> APIResponse {
        let response = try send("POST", "/api/campaigns/\(slug)/join", json: json)
        if let token = response.json["token"] as? String { self.token = token }
        return response
    }

    /// Posts a contribution and returns its id.
    func post(question: Int64, title: String? = nil, body: String) throws -> Int64 {
        var fields = ["\"questionId\":\(question)", "\"body\":\(quote(body))"]
        if let title { fields.append("\"title\":\(quote(title))") }
        let response = try send("POST", "/api/campaigns/test/contributions", json: "{" + fields.joined(separator: ",") + "}")
        guard response.status == 201, let id = response.json["id"] as? Int else {
            throw TestFailure("post failed: \(response.status) \(response.text)")
        }
        return Int64(id)
    }
}

func quote(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
