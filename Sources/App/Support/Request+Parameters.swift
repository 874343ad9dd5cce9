// Reading path parameters and query values the same way in every handler, refusing bad ones the same way.
import HTTP

extension Request {
    /// A `{name}` path parameter that must be a positive integer id; anything else is 404.
    func idParameter(_ name: String) throws -> Int64 {
        guard let text = parameter(name), let id = Int64(text), id > 0 else { throw APIError.notFound }
        return id
    }

    func slugParameter() throws -> String {
        guard let slug = parameter("slug"), !slug.isEmpty else { throw APIError.notFound }
        return slug
    }

    /// A whole-number query parameter within `range`; 422 naming it otherwise.
    func integerQuery(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query(name), !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.validation(field: name, message: "Must be a whole number from \(range.lowerBound).")
        }
        return value
    }

    /// Most bytes of the words a search may give (`?q=`).
    static let maxSearchBytes = 500

    /// The words of `?q=`, nil when absent or empty; 422 when longer than `maxSearchBytes`.
    func searchText() throws -> String? {
        guard let text = query("q"), !text.isEmpty else { return nil }
        guard text.utf8.count <= Self.maxSearchBytes else { throw APIError.validation(field: "q", message: "The search is too long.") }
        return text
    }
}
