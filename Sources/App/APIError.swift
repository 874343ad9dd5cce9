// The App's one error type: every refusal a handler can make, each with its status and code.
import Campaigns
import HTTP

/// What a handler throws to refuse a request. `ErrorMapping` turns it (and every other
/// error) into the JSON envelope `{"error":{"code","message"[,"field"]}}` in one place.
public enum APIError: Error, Sendable, Equatable {
    case badRequest(String)
    case invalidJSON
    /// 422 naming the offending field.
    case validation(field: String, message: String)
    case notFound
    case unauthorized
    /// 403 with a specific code (`invite_required`, `invalid_code`, `forbidden`).
    case forbidden(code: String, message: String)
    case crossSite
    /// 409 with a specific code (`code_used`, `locked`, `already_flagged`, `conflict`).
    case conflict(code: String, message: String)
    /// 409 from the phase rules.
    case refused(Refusal)
    /// 403 or 409 from the analysis aids' rules (`AssistRefusal`).
    case assist(AssistRefusal)
    case rateLimited(retryAfter: Int)
    /// 503: the database is unavailable or the events stream is full.
    case unavailable

    var status: HTTPStatus {
        switch self {
        case .badRequest, .invalidJSON: .badRequest
        case .validation: .unprocessableContent
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden, .crossSite: .forbidden
        case .conflict, .refused: .conflict
        case .assist(let refusal):
            switch refusal {
            case .blindUntilCoded, .facilitatorsOnly: .forbidden
            case .tooFewSettledCodes, .noThemes, .machineCoded, .nothingToGroup, .cannotSplit, .candidateClosed,
                .candidateNotDiscarded:
                .conflict
            }
        case .rateLimited: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    var code: String {
        switch self {
        case .badRequest: "bad_request"
        case .invalidJSON: "invalid_json"
        case .validation: "validation"
        case .notFound: "not_found"
        case .unauthorized: "unauthorized"
        case .forbidden(let code, _): code
        case .crossSite: "cross_site"
        case .conflict(let code, _): code
        case .refused(let refusal): refusal.rawValue
        case .assist(let refusal): refusal.rawValue
        case .rateLimited: "rate_limited"
        case .unavailable: "unavailable"
        }
    }

    var message: String {
        switch self {
        case .badRequest(let message): message
        case .invalidJSON: "The request body is not a JSON object."
        case .validation(_, let message): message
        case .notFound: "There is nothing here."
        case .unauthorized: "Join the campaign first."
        case .forbidden(_, let message): message
        case .crossSite: "This request came from another site."
        case .conflict(_, let message): message
        case .refused(let refusal): refusal.message
        case .assist(let refusal): refusal.message
        case .rateLimited: "Too many requests. Please wait a little and try again."
        case .unavailable: "The service is unavailable right now. Please try again shortly."
        }
    }

    /// A text problem from `TextRules` as a 422 on `field`.
    static func text(_ problem: TextProblem, field: String) -> APIError {
        .validation(field: field, message: problem.message(field: field))
    }
}
