// Every error code the server can answer with, for `/openapi.json` (which publishes the list).
import Campaigns
import HTTP

/// The codes of the error envelope: the HTTP layer's own (parse errors, timeouts, a full server),
/// the App's (`APIError`, 405, 500) and every domain refusal (`RefusalCatalogue`). Each code
/// comes with the sentence it is answered with (a `validation` or `bad_request` message varies).
enum ErrorCatalogue {
    static let internalCode = "internal"
    static let methodNotAllowedCode = "method_not_allowed"

    static var all: [(code: String, message: String)] {
        let server = ParseError.examples.map { ($0.code, $0.message) } + ServerError.allCases.map { ($0.code, $0.message) }
        let app = APIError.examples.map { ($0.code, $0.message) } + [
            (methodNotAllowedCode, "This address does not accept that method."),
            (internalCode, "Something went wrong on our side."),
        ]
        let domain = RefusalCatalogue.all.map { ($0.code, $0.message) }
        var seen = Set<String>()
        return (server + app + domain).filter { seen.insert($0.0).inserted }.map { (code: $0.0, message: $0.1) }
    }
}
