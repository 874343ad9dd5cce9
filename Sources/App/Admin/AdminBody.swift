// The JSON shapes staff requests need beyond `JSONBody`: booleans, string lists, and a top-level array of objects.
import Foundation

/// A request body (or one element of a top-level array) read as a JSON object. Like `JSONBody`,
/// absent or null fields are nil and wrong types are a 422 naming the field. Used only where
/// `JSONBody` has no accessor; candidates to move into it.
struct AdminBody {
    private let object: [String: Any]
    /// Prefix for field names in errors, e.g. `profileQuestions[2].`.
    private let path: String

    private init(object: [String: Any], path: String) {
        self.object = object
        self.path = path
    }

    init(_ body: [UInt8]) throws {
        guard let object = try Self.parse(body, empty: [String: Any]()) as? [String: Any] else { throw APIError.invalidJSON }
        self.init(object: object, path: "")
    }

    /// A body that must be a JSON array of objects.
    static func objects(_ body: [UInt8]) throws -> [AdminBody] {
        guard let array = try parse(body, empty: [Any]()) as? [Any] else { throw APIError.invalidJSON }
        return try array.enumerated().map { index, element in
            guard let object = element as? [String: Any] else {
                throw APIError.validation(field: "[\(index)]", message: "Must be an object.")
            }
            return AdminBody(object: object, path: "[\(index)].")
        }
    }

    private static func parse(_ body: [UInt8], empty: Any) throws -> Any {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return empty }
        do {
            return try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw APIError.invalidJSON
        }
    }

    private func value(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value as? String else { throw APIError.validation(field: path + key, message: "Must be a string.") }
        return string
    }

    func requiredString(_ key: String) throws -> String {
        guard let string = try string(key) else { throw APIError.validation(field: path + key, message: "Is required.") }
        return string
    }

    /// `true` or `false` only; swift-corelibs-foundation hands booleans over as NSNumber of type `c`/`B`.
    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let number = value as? NSNumber, ["c", "B"].contains(String(cString: number.objCType)) else {
            throw APIError.validation(field: path + key, message: "Must be true or false.")
        }
        return number.boolValue
    }

    func stringArray(_ key: String) throws -> [String]? {
        guard let value = value(key) else { return nil }
        guard let array = value as? [Any], let strings = array as? [String], strings.count == array.count else {
            throw APIError.validation(field: path + key, message: "Must be a list of strings.")
        }
        return strings
    }
}
