// The domain's one shape for "no": a stable code, a sentence, and what kind of no it is.

/// A reason a rule refuses a request. Each area of the domain has its own enum of refusals
/// (`PhaseRefusal`, `ContributionRefusal`, …); a rule returns or throws one of them, and the App's
/// `ErrorMapping` turns any of them into the API's error envelope in one place, status from `kind`.
///
/// The raw value is the API's error code: stable, lower snake case and unique across every area
/// (`RefusalCatalogue` lists them all, and `/openapi.json` publishes that list). The message is
/// what people read, so it is a whole sentence and never carries request data.
public protocol Refusal: Error, Sendable, Hashable, CaseIterable, RawRepresentable where RawValue == String {
    /// Plain English for the error envelope.
    var message: String { get }
    /// Which kind of refusal this is, for the status the API answers with.
    var kind: RefusalKind { get }
}

/// What a refusal means for the caller, independent of HTTP (mapped to a status by the App).
public enum RefusalKind: Sendable, Hashable {
    /// The rules allow it, but not in the current state of things (a phase, a lock, a duplicate): 409.
    case conflict
    /// This caller may not do it, whatever the state: 403.
    case notPermitted
    /// The request is well formed but asks for something the rules never allow: 422.
    case unprocessable
}

extension Refusal {
    /// The API's error code.
    public var code: String { rawValue }
}
