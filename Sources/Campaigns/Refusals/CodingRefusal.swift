// Why an analyst's code may not be saved.

/// The reason blind coding refuses a code.
public enum CodingRefusal: String, Refusal {
    /// The contribution's codes were reconciled and are closed.
    case reconciled = "reconciled"

    public var message: String {
        switch self {
        case .reconciled: "This contribution has been reconciled; its codes are closed."
        }
    }

    public var kind: RefusalKind { .conflict }
}
