// Decoding of request bodies: a JSON object whose fields are read with their expected types.
import Foundation

/// A request body parsed as a JSON object (or one object of a top-level array, see `objects`).
/// Each accessor returns nil when the field is absent or null, and throws `APIError.validation`
/// naming the field when it holds the wrong type.
struct JSONBody {
    private let object: [String: Any]
    /// Prefix for field names in errors, e.g. `[2].` for the third object of an array body.
    private let path: String

    private init(object: [String: Any], path: String) {
        self.object = object
        self.path = path
    }

    /// An empty body reads as `{}`; anything that is not a JSON object is `invalid_json`.
    init(_ body: [UInt8]) throws {
        guard let object = try Self.parse(body, empty: [String: Any]()) as? [String: Any] else { throw APIError.invalidJSON }
        self.init(object: object, path: "")
    }

    /// A body that must be a JSON array of objects (an empty body is an empty array).
    static func objects(_ body: [UInt8]) throws -> [JSONBody] {
        guard let array = try parse(body, empty: [Any]()) as? [Any] else { throw APIError.invalidJSON }
        return try array.enumerated().map { index, element in
            guard let object = element as? [String: Any] else {
                throw APIError.validation(field: "[\(index)]", message: "Must be an object.")
            }
            return JSONBody(object: object, path: "[\(index)].")
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

    var keys: [String] { Array(object.keys) }

    /// Whether `key` is present (even as null): PATCH uses it to tell "clear" from "leave".
    func has(_ key: String) -> Bool { object[key] != nil }

    private func value(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    /// The name errors give field `key` of this body (`items[2].themes` for an object of a list).
    func fieldName(_ key: String) -> String { path + key }

    private func invalid(_ key: String, _ message: String) -> APIError {
        APIError.validation(field: path + key, message: message)
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value as? String else { throw invalid(key, "Must be a string.") }
        return string
    }

    func requiredString(_ key: String) throws -> String {
        guard let string = try string(key) else { throw invalid(key, "Is required.") }
        return string
    }

    func int(_ key: String) throws -> Int64? {
        guard let value = value(key) else { return nil }
        guard let number = Self.integer(value) else { throw invalid(key, "Must be a whole number.") }
        return number
    }

    func requiredInt(_ key: String) throws -> Int64 {
        guard let number = try int(key) else { throw invalid(key, "Is required.") }
        return number
    }

    /// `true` or `false` only; never a number.
    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let number = value as? NSNumber, Self.isBoolean(number) else { throw invalid(key, "Must be true or false.") }
        return number.boolValue
    }

    func intArray(_ key: String) throws -> [Int64]? {
        guard let value = value(key) else { return nil }
        guard let array = value as? [Any] else { throw invalid(key, "Must be a list of ids.") }
        return try array.map { element in
            guard let number = Self.integer(element) else { throw invalid(key, "Must be a list of ids.") }
            return number
        }
    }

    func stringArray(_ key: String) throws -> [String]? {
        guard let value = value(key) else { return nil }
        guard let array = value as? [Any], let strings = array as? [String], strings.count == array.count else {
            throw invalid(key, "Must be a list of strings.")
        }
        return strings
    }

    func stringMap(_ key: String) throws -> [String: String]? {
        guard let value = value(key) else { return nil }
        guard let map = value as? [String: Any] else { throw invalid(key, "Must be an object of strings.") }
        return try Self.strings(map, field: path + key)
    }

    /// An object of whole numbers, e.g. `{"doable": 2}`.
    func intMap(_ key: String) throws -> [String: Int]? {
        guard let value = value(key) else { return nil }
        guard let map = value as? [String: Any] else { throw invalid(key, "Must be an object of whole numbers.") }
        return try Self.wholeNumbers(map)
    }

    /// The whole body as an object of whole numbers (`PUT …/scores {criterion: 0..3}`).
    func topLevelIntMap() throws -> [String: Int] {
        try Self.wholeNumbers(object)
    }

    /// A list of objects under `key`, each read like a body of its own (errors name `key[i].field`).
    func objects(_ key: String) throws -> [JSONBody]? {
        guard let value = value(key) else { return nil }
        guard let list = value as? [Any] else { throw invalid(key, "Must be a list.") }
        return try list.enumerated().map { index, element in
            guard let fields = element as? [String: Any] else { throw invalid("\(key)[\(index)]", "Must be an object.") }
            return JSONBody(object: fields, path: "\(path)\(key)[\(index)].")
        }
    }

    /// A list of objects whose fields are all strings, e.g. `[{"key": "doable", "label": "Doable"}]`.
    func stringObjects(_ key: String) throws -> [[String: String]]? {
        guard let value = value(key) else { return nil }
        guard let list = value as? [Any] else { throw invalid(key, "Must be a list.") }
        return try list.map { element in
            guard let fields = element as? [String: Any] else { throw invalid(key, "Must be a list of objects.") }
            return try Self.strings(fields, field: path + key)
        }
    }

    private static func strings(_ map: [String: Any], field: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for (name, element) in map {
            guard let string = element as? String else {
                throw APIError.validation(field: "\(field).\(name)", message: "Must be a string.")
            }
            result[name] = string
        }
        return result
    }

    private static func wholeNumbers(_ map: [String: Any]) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for (name, element) in map {
            guard let number = integer(element) else { throw APIError.validation(field: name, message: "Must be a whole number.") }
            result[name] = Int(truncatingIfNeeded: number)
        }
        return result
    }

    /// swift-corelibs-foundation hands JSON numbers and booleans over as NSNumber; its type code
    /// tells `true` (c or B) from `1` (i or q) and `1.5` (f or d).
    private static func isBoolean(_ number: NSNumber) -> Bool {
        ["c", "B"].contains(String(cString: number.objCType))
    }

    /// An integral JSON number; booleans and fractions are refused. `7.0` is `7`: JSON Schema
    /// (2020-12 §6.1.1, which our OpenAPI document uses) counts a number with a zero fraction as an
    /// integer. swift-corelibs-foundation hands numbers over as NSNumber, whose type code tells
    /// `true` (c) from `1` (i/q) from `1.5` (d).
    ///
    /// An integer beyond Int64 is refused, never wrapped: `18446744073709551615` arrives as an
    /// unsigned 64-bit NSNumber (type Q), whose `int64Value` is -1, and larger ones as an
    /// NSDecimalNumber, whose `int64Value` is garbage; those are read exactly from their digits.
    private static func integer(_ value: Any) -> Int64? {
        guard let number = value as? NSNumber else { return nil }
        if number is NSDecimalNumber { return Int64(number.stringValue) }
        switch String(cString: number.objCType) {
        case "c", "B": return nil
        case "Q", "L", "I", "S", "C": return number.uint64Value <= UInt64(Int64.max) ? Int64(number.uint64Value) : nil
        case "f", "d":
            let double = number.doubleValue
            // 2^63 is exactly representable; anything from it up does not fit in Int64.
            guard double.rounded(.towardZero) == double, double >= -0x1p63, double < 0x1p63 else { return nil }
            return Int64(double)
        default: return number.int64Value
        }
    }
}
