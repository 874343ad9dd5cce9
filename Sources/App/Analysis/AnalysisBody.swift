// Request-body fields the analysis routes need beyond `JSONBody`: booleans, score maps, lists of objects.
import Foundation

/// A JSON object body read with the same conventions as `JSONBody` (absent or null → nil, wrong
/// type → 422 naming the field). Kept separate so the shared `JSONBody` stays small.
struct AnalysisBody {
    private let object: [String: Any]
    let base: JSONBody

    init(_ body: [UInt8]) throws {
        base = try JSONBody(body)
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            object = [:]
        } else {
            object = (try? JSONSerialization.jsonObject(with: Data(body), options: [])) as? [String: Any] ?? [:]
        }
    }

    private func value(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let number = value as? NSNumber, ["c", "B"].contains(String(cString: number.objCType)) else {
            throw APIError.validation(field: key, message: "Must be true or false.")
        }
        return number.boolValue
    }

    /// An object of whole numbers, e.g. `{"doable": 2}`.
    func intMap(_ key: String) throws -> [String: Int]? {
        guard let value = value(key) else { return nil }
        guard let map = value as? [String: Any] else {
            throw APIError.validation(field: key, message: "Must be an object of whole numbers.")
        }
        return try Self.intMap(map, field: key)
    }

    /// The whole body as an object of whole numbers (`PUT …/scores {criterion: 0..3}`).
    func topLevelIntMap() throws -> [String: Int] {
        try Self.intMap(object, field: "body")
    }

    private static func intMap(_ map: [String: Any], field: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for (name, element) in map {
            guard let number = element as? NSNumber, !["c", "B", "f", "d"].contains(String(cString: number.objCType))
            else { throw APIError.validation(field: name, message: "Must be a whole number.") }
            result[name] = number.intValue
        }
        return result
    }

    /// A list of objects whose fields are all strings, e.g. `[{"key": "doable", "label": "Doable"}]`.
    func stringObjects(_ key: String) throws -> [[String: String]]? {
        guard let value = value(key) else { return nil }
        guard let list = value as? [Any] else { throw APIError.validation(field: key, message: "Must be a list.") }
        return try list.map { element in
            guard let fields = element as? [String: Any] else {
                throw APIError.validation(field: key, message: "Must be a list of objects.")
            }
            var result: [String: String] = [:]
            for (name, field) in fields {
                guard let text = field as? String else {
                    throw APIError.validation(field: "\(key).\(name)", message: "Must be a string.")
                }
                result[name] = text
            }
            return result
        }
    }

    /// Whether `key` is present (even as null): PATCH uses it to tell "clear" from "leave".
    func has(_ key: String) -> Bool { object[key] != nil }
}
