// Decoding of request bodies: a JSON object whose fields are read with their expected types.
import Foundation

/// A request body parsed as a JSON object. Each accessor returns nil when the field is absent
/// or null, and throws `APIError.validation` naming the field when it holds the wrong type.
struct JSONBody {
    private let object: [String: Any]

    /// An empty body reads as `{}`; anything that is not a JSON object is `invalid_json`.
    init(_ body: [UInt8]) throws {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            object = [:]
            return
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw APIError.invalidJSON
        }
        guard let object = parsed as? [String: Any] else { throw APIError.invalidJSON }
        self.object = object
    }

    var keys: [String] { Array(object.keys) }

    private func value(_ key: String) -> Any? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value as? String else { throw APIError.validation(field: key, message: "Must be a string.") }
        return string
    }

    func requiredString(_ key: String) throws -> String {
        guard let string = try string(key) else { throw APIError.validation(field: key, message: "Is required.") }
        return string
    }

    func int(_ key: String) throws -> Int64? {
        guard let value = value(key) else { return nil }
        guard let number = JSONBody.integer(value) else {
            throw APIError.validation(field: key, message: "Must be a whole number.")
        }
        return number
    }

    func requiredInt(_ key: String) throws -> Int64 {
        guard let number = try int(key) else { throw APIError.validation(field: key, message: "Is required.") }
        return number
    }

    func intArray(_ key: String) throws -> [Int64]? {
        guard let value = value(key) else { return nil }
        guard let array = value as? [Any] else { throw APIError.validation(field: key, message: "Must be a list of ids.") }
        return try array.map { element in
            guard let number = JSONBody.integer(element) else {
                throw APIError.validation(field: key, message: "Must be a list of ids.")
            }
            return number
        }
    }

    func stringMap(_ key: String) throws -> [String: String]? {
        guard let value = value(key) else { return nil }
        guard let map = value as? [String: Any] else {
            throw APIError.validation(field: key, message: "Must be an object of strings.")
        }
        var result: [String: String] = [:]
        for (name, element) in map {
            guard let string = element as? String else {
                throw APIError.validation(field: "\(key).\(name)", message: "Must be a string.")
            }
            result[name] = string
        }
        return result
    }

    /// An integral JSON number; booleans and fractions are refused. `7.0` is `7`: JSON Schema
    /// (2020-12 §6.1.1, which our OpenAPI document uses) counts a number with a zero fraction as an
    /// integer. swift-corelibs-foundation hands numbers over as NSNumber, whose type code tells
    /// `true` (c) from `1` (i/q) from `1.5` (d).
    private static func integer(_ value: Any) -> Int64? {
        guard let number = value as? NSNumber else { return nil }
        switch String(cString: number.objCType) {
        case "c", "B": return nil
        case "f", "d":
            let double = number.doubleValue
            // 2^63 is exactly representable; anything from it up does not fit in Int64.
            guard double.rounded(.towardZero) == double, double >= -0x1p63, double < 0x1p63 else { return nil }
            return Int64(double)
        default: return number.int64Value
        }
    }
}
