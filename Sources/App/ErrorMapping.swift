// Maps any error a handler throws to the JSON error envelope: the single place this happens.
import Campaigns
import HTTP
import Storage

/// Turns errors into responses. SQL text, bound values and stack traces never reach a client;
/// an unexpected error is a 500 carrying the request id, and the log line carries the same id
/// and the error's type or SQLite code only (never request data).
struct ErrorMapping {
    let log: @Sendable (String) -> Void

    func response(for error: any Error, request: Request) -> Response {
        switch error {
        case let error as APIError:
            return Self.envelope(error)
        case let refusal as any Refusal:
            return Self.envelope(refusal)
        case let refused as FieldRefusal:
            return Self.envelope(refused.refusal, field: refused.field)
        case let refused as RowsRefused:
            return Self.envelope(status: Self.status(refused.refusal.kind), code: refused.refusal.code, message: refused.refusal.message) { e in
                e.key("rows")
                e.array(refused.rows) { w, row in
                    w.object { r in
                        r.field("line", row.line)
                        r.field("message", row.message)
                    }
                }
            }
        case let error as SQLiteError where error.isUnavailable || error.isBusy:
            log("request \(request.id): database unavailable (SQLite \(error.code)/\(error.extendedCode))")
            return Self.envelope(.unavailable)
        case StoreError.notFound:
            return Self.envelope(.notFound)
        case let error as SQLiteError:
            log("request \(request.id): SQLite error \(error.code)/\(error.extendedCode)")
            return internalError(request)
        default:
            log("request \(request.id): unexpected \(String(reflecting: type(of: error)))")
            return internalError(request)
        }
    }

    private func internalError(_ request: Request) -> Response {
        Self.envelope(
            status: .internalServerError, code: ErrorCatalogue.internalCode, message: "Something went wrong on our side."
        ) { e in e.field("requestId", String(request.id)) }
    }

    /// The status a domain refusal answers with.
    static func status(_ kind: RefusalKind) -> HTTPStatus {
        switch kind {
        case .conflict: .conflict
        case .notPermitted: .forbidden
        case .unprocessable: .unprocessableContent
        }
    }

    static func envelope(_ refusal: any Refusal, field: String? = nil) -> Response {
        envelope(status: status(refusal.kind), code: refusal.code, message: refusal.message) { e in
            if let field { e.field("field", field) }
        }
    }

    static func envelope(_ error: APIError) -> Response {
        var response = envelope(status: error.status, code: error.code, message: error.message) { e in
            switch error {
            case .validation(let field, _): e.field("field", field)
            case .badRequest, .invalidJSON, .notFound, .unauthorized, .crossSite, .rateLimited, .tooManyStreams,
                .joinCeiling, .unavailable:
                break
            }
        }
        switch error {
        case .rateLimited(let seconds), .joinCeiling(let seconds):
            response.headers.add("Retry-After", String(max(1, seconds)))
        case .tooManyStreams: response.headers.add("Retry-After", "30")
        case .badRequest, .invalidJSON, .validation, .notFound, .unauthorized, .crossSite, .unavailable: break
        }
        return response
    }

    /// `{"error":{"code","message",…}}`; `more` adds fields to the inner object, `beside` to the outer one.
    static func envelope(
        status: HTTPStatus, code: String, message: String, more: (inout JSONWriter) -> Void = { _ in },
        beside: (inout JSONWriter) -> Void = { _ in }
    ) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.key("error")
            o.object { e in
                e.field("code", code)
                e.field("message", message)
                more(&e)
            }
            beside(&o)
        }
        return .json(json.bytes, status: status)
    }
}
