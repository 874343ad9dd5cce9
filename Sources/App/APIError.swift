// The App's own errors: what a handler refuses about the request itself rather than by a domain rule.
import Campaigns
import HTTP

/// What a handler throws when the request is wrong or not allowed in itself (bad JSON, a missing
/// field, no session, a rate limit). A domain rule refuses with a `Refusal` from `Campaigns`
/// instead. `ErrorMapping` turns both (and every other error) into the JSON envelope
/// `{"error":{"code","message"[,"field"]}}` in one place.
public enum APIError: Error, Sendable, Equatable {
    case badRequest(String)
    case invalidJSON
    /// 422 naming the offending field.
    case validation(field: String, message: String)
    case notFound
    case unauthorized
    case crossSite
    case rateLimited(retryAfter: Int)
    /// 429: this client address holds its whole share of live event streams.
    case tooManyStreams
    /// 429: joining is at its ceiling for this address or campaign (`RateLimiter.checkJoin`).
    case joinCeiling(retryAfter: Int)
    /// 503: the database is unavailable or the events stream is full.
    case unavailable

    /// One of each case, so the codes can be listed (`ErrorCatalogue`); the messages of the first
    /// and third vary, so these two describe them.
    static let examples: [APIError] = [
        .badRequest("A query parameter or path segment cannot be read."), .invalidJSON,
        .validation(field: "", message: "A field is missing, of the wrong type or out of range: `field` names it."),
        .notFound, .unauthorized, .crossSite, .rateLimited(retryAfter: 1), .tooManyStreams,
        .joinCeiling(retryAfter: 1), .unavailable,
    ]

    var status: HTTPStatus {
        switch self {
        case .badRequest, .invalidJSON: .badRequest
        case .validation: .unprocessableContent
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .crossSite: .forbidden
        case .rateLimited, .tooManyStreams, .joinCeiling: .tooManyRequests
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
        case .crossSite: "cross_site"
        case .rateLimited: "rate_limited"
        case .tooManyStreams: "too_many_streams"
        case .joinCeiling: "join_ceiling"
        case .unavailable: "unavailable"
        }
    }

    var message: String {
        switch self {
        case .badRequest(let message): message
        case .invalidJSON: "The request body is not a JSON object."
        case .validation(_, let message): message
        case .notFound: "We could not find that. It may have been removed."
        case .unauthorized: "Join the campaign first."
        case .crossSite: "The request was blocked for safety. Reload the page and try again."
        case .rateLimited: "Too many requests. Please wait a little and try again."
        case .tooManyStreams: "Too many live updates are open from your address."
        case .joinCeiling: "Many people are joining this campaign right now. Please try again in a few minutes."
        case .unavailable: "The service is unavailable right now. Please try again shortly."
        }
    }

    /// A text problem from `TextRules` as a 422 on `field`.
    static func text(_ problem: TextProblem, field: String) -> APIError {
        .validation(field: field, message: problem.message(field: field))
    }
}
