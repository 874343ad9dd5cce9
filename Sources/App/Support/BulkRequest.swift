// What every bulk request shares (issue 20: the team works on many items in one call): the list of ids it
// names, the items it leaves alone, and its `{done, skipped}` answer.
import HTTP

/// An item a bulk request left alone, and why.
struct Skipped: Sendable {
    var id: Int64
    var code: String
    var message: String
}

extension JSONBody {
    /// The ids listed under `field`: non-empty, distinct, at most `max`; `noun` (plural) names them in
    /// the refusal, e.g. "ideas".
    func bulkIDs(_ field: String = "ids", max: Int, noun: String) throws -> [Int64] {
        let ids = try intArray(field) ?? []
        guard !ids.isEmpty else { throw APIError.validation(field: field, message: "List the \(noun).") }
        guard ids.count <= max else { throw APIError.validation(field: field, message: "At most \(max) \(noun) at once.") }
        guard Set(ids).count == ids.count else {
            throw APIError.validation(field: field, message: "Name each of the \(noun) once.")
        }
        return ids
    }
}

extension JSONWriter {
    /// `"skipped": [{id, code, message}]`.
    mutating func skipped(_ items: [Skipped]) {
        key("skipped")
        array(items) { w, s in
            w.object { j in
                j.field("id", s.id)
                j.field("code", s.code)
                j.field("message", s.message)
            }
        }
    }
}

extension Response {
    /// A bulk request's answer, `{…, done, skipped}`: `fields` writes what comes first.
    static func bulk(done: Int, skipped: [Skipped], _ fields: (inout JSONWriter) -> Void = { _ in }) -> Response {
        var json = JSONWriter()
        json.object { o in
            fields(&o)
            o.field("done", done)
            o.skipped(skipped)
        }
        return .json(json.bytes)
    }
}
