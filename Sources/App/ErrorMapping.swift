// Maps any error a handler throws to the JSON error envelope: the single place this happens.
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
            return Self.envelope(error, requestID: nil)
        case let error as SQLiteError where error.isUnavailable || error.isBusy:
            log("request \(request.id): database unavailable (SQLite \(error.code)/\(error.extendedCode))")
            return Self.envelope(.unavailable, requestID: nil)
        case StoreError.notFound:
            return Self.envelope(.notFound, requestID: nil)
        case let error as SQLiteError:
            log("request \(request.id): SQLite error \(error.code)/\(error.extendedCode)")
            return internalError(request)
        default:
            log("request \(request.id): unexpected \(String(reflecting: type(of: error)))")
            return internalError(request)
        }
    }

    private func internalError(_ request: Request) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.key("error")
            o.object { e in
                e.field("code", "internal")
                e.field("message", "Something went wrong on our side.")
                e.field("requestId", String(request.id))
            }
        }
        return .json(json.bytes, status: .internalServerError)
    }

    static func envelope(_ error: APIError, requestID: UInt64?) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.key("error")
            o.object { e in
                e.field("code", error.code)
                e.field("message", error.message)
                switch error {
                case .validation(let field, _): e.field("field", field)
                case .badRequest, .invalidJSON, .notFound, .unauthorized, .forbidden, .crossSite, .conflict,
                    .refused, .assist, .rateLimited, .unavailable:
                    break
                }
            }
        }
        var response = Response.json(json.bytes, status: error.status)
        switch error {
        case .rateLimited(let seconds): response.headers.add("Retry-After", String(max(1, seconds)))
        case .badRequest, .invalidJSON, .validation, .notFound, .unauthorized, .forbidden, .crossSite, .conflict,
            .refused, .assist, .unavailable:
            break
        }
        return response
    }
}
