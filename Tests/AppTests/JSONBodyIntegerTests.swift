// JSON numbers the API reads as whole numbers: integers and zero-fraction numbers, never fractions or booleans.
import Testing
@testable import App

@Suite struct JSONBodyIntegerTests {
    @Test(arguments: [
        (#"{"n": 139}"#, Int64?.some(139)),
        (#"{"n": 139.0}"#, 139),  // JSON Schema's "integer" admits it (found by schemathesis)
        (#"{"n": -2.0}"#, -2),
        (#"{"n": 1e3}"#, 1000),
        (#"{"n": 1.5}"#, nil),
        (#"{"n": true}"#, nil),
        (#"{"n": 1e300}"#, nil),
        (#"{"n": 9223372036854775808.0}"#, nil),
        (#"{"n": "7"}"#, nil),
        (#"{"n": 9223372036854775807}"#, Int64.max),
        (#"{"n": -9223372036854775808}"#, Int64.min),
        (#"{"n": 9223372036854775808}"#, nil),  // an unsigned NSNumber: int64Value wraps it to Int64.min
        (#"{"n": 18446744073709551615}"#, nil),  // … and this one to -1
        (#"{"n": 18446744073709551617}"#, nil),  // an NSDecimalNumber
        (#"{"n": -9223372036854775809}"#, nil),  // an NSDecimalNumber whose double is exactly -2^63
    ])
    func wholeNumbers(_ json: String, _ expected: Int64?) throws {
        let body = try JSONBody(Array(json.utf8))
        if let expected {
            #expect(try body.int("n") == expected)
        } else {
            #expect(throws: APIError.self) { try body.int("n") }
        }
    }
}
