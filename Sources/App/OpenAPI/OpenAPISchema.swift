// A JSON Schema as a small value: enough to describe every body the API takes or sends in /openapi.json.

/// One schema of the OpenAPI document (JSON Schema 2020-12, as OpenAPI 3.1 uses it).
///
/// Objects list their properties in order and say which are always present; other properties are
/// allowed, so adding a field to a response never breaks a client that validates against the document.
indirect enum OpenAPISchema: Sendable {
    case string
    /// A string with at least one character and no NUL.
    case nonEmpty
    /// A string with no NUL (the HTTP layer refuses a decoded NUL in a path or query).
    case noNUL
    case integer
    case number
    case boolean
    /// An integer from `minimum` up to `maximum` (no upper bound when nil).
    case integerIn(minimum: Int, maximum: Int?)
    /// One of these integers.
    case integerChoice([Int])
    /// One of these strings.
    case choice([String])
    /// One of these strings, each described (`oneOf` of `const`s, as JSON Schema documents an enum).
    case documentedChoice([(value: String, description: String)])
    /// Contributed text as `TextRules` accepts it: at most `maxLength` code points (which keeps it
    /// within the character and byte limits), at least one visible character, no BMP noncharacter,
    /// and no line break when `singleLine`.
    case text(maxLength: Int, singleLine: Bool)
    /// An object whose every property has this schema (a map from any key).
    case map(of: OpenAPISchema)
    /// Any JSON value.
    case any
    /// The schema, or `null`.
    case nullable(OpenAPISchema)
    case array(of: OpenAPISchema)
    /// Properties in order; `required` names those every instance carries; `minProperties` 0 means none needed.
    case object([(String, OpenAPISchema)], required: [String], minProperties: Int = 0)
    /// A named schema under `#/components/schemas/`.
    case ref(String)

    /// An object whose properties are all required.
    static func record(_ properties: [(String, OpenAPISchema)]) -> OpenAPISchema {
        .object(properties, required: properties.map(\.0))
    }

    /// A regular expression (ECMA-262 and Python alike) for `TextRules`: `TextRules.normalise` trims
    /// Unicode white space and drops C0 controls and DEL, so one other character must remain; Unicode
    /// noncharacters are refused. Supplementary-plane noncharacters are not spelled out (rare).
    static func textPattern(singleLine: Bool) -> String {
        let noncharacters = "\\uFDD0-\\uFDEF\\uFFFE\\uFFFF"
        let space = "\\s\\x00-\\x1F\\x7F\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
        let any = singleLine ? "[^\\r\\n\(noncharacters)]" : "[^\(noncharacters)]"
        return "^\(any)*[^\(space)\(noncharacters)]\(any)*$"
    }

    /// Writes this schema as the next value of `json`.
    func write(into json: inout JSONWriter) {
        json.object { o in write(fieldsInto: &o) }
    }

    private func write(fieldsInto o: inout JSONWriter) {
        switch self {
        case .string: o.field("type", "string")
        case .nonEmpty:
            o.field("type", "string")
            o.field("pattern", "^[^\\x00]+$")
        case .noNUL:
            o.field("type", "string")
            o.field("pattern", "^[^\\x00]*$")
        case .integer: o.field("type", "integer")
        case .number: o.field("type", "number")
        case .boolean: o.field("type", "boolean")
        case .integerIn(let minimum, let maximum):
            o.field("type", "integer")
            o.field("minimum", minimum)
            if let maximum { o.field("maximum", maximum) }
        case .integerChoice(let values):
            o.field("type", "integer")
            o.key("enum")
            o.array(values) { w, value in w.int(value) }
        case .choice(let values):
            o.field("type", "string")
            o.key("enum")
            o.array(values) { w, value in w.string(value) }
        case .documentedChoice(let values):
            o.field("type", "string")
            o.key("oneOf")
            o.array(values) { w, value in
                w.object { c in
                    c.field("const", value.value)
                    c.field("description", value.description)
                }
            }
        case .text(let maxLength, let singleLine):
            o.field("type", "string")
            o.field("maxLength", maxLength)
            o.field("pattern", Self.textPattern(singleLine: singleLine))
        case .map(let values):
            o.field("type", "object")
            o.key("additionalProperties")
            values.write(into: &o)
        case .any: break
        case .nullable(let schema):
            o.key("anyOf")
            o.beginArray()
            schema.write(into: &o)
            o.object { $0.field("type", "null") }
            o.endArray()
        case .array(let items):
            o.field("type", "array")
            o.key("items")
            items.write(into: &o)
        case .object(let properties, let required, let minProperties):
            o.field("type", "object")
            o.key("properties")
            o.object { p in
                for (name, schema) in properties {
                    p.key(name)
                    schema.write(into: &p)
                }
            }
            if !required.isEmpty {
                o.key("required")
                o.array(required) { w, name in w.string(name) }
            }
            if minProperties > 0 { o.field("minProperties", minProperties) }
        case .ref(let name):
            o.field("$ref", "#/components/schemas/\(name)")
        }
    }
}
