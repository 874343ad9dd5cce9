// A domain refusal about one field of the request body, so the envelope can name the field.
import Campaigns

/// What a route throws when a rule refuses what one body field asks for (a reply's `parentId`,
/// a merge's `into`): answered as the refusal, with `field` beside its code as in a `validation`.
struct FieldRefusal: Error {
    var refusal: any Refusal
    var field: String
}

extension Refusal {
    /// This refusal, naming the body field it is about.
    func on(field: String) -> FieldRefusal { FieldRefusal(refusal: self, field: field) }

    /// What to throw when a rule about the thing `field` names refuses: naming the field when the
    /// rules never allow it (422, as a `validation` would), the refusal alone otherwise.
    func naming(field: String) -> any Error { kind == .unprocessable ? on(field: field) : self }
}
