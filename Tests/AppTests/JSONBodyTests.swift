// Request bodies: each accessor takes only its own JSON type and names the field it refuses.
import Testing
@testable import App

@Suite struct JSONBodyTests {
    private func body(_ text: String) throws -> JSONBody { try JSONBody(Array(text.utf8)) }

    /// The field a refusal names, or nil when the call succeeded.
    private func refusedField(_ call: () throws -> Any?) -> String? {
        do {
            _ = try call()
            return nil
        } catch APIError.validation(let field, _) {
            return field
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func typesAreNotCoercedIntoOneAnother() throws {
        let b = try body(#"{"n":1,"t":true,"f":1.5,"s":"x","null":null,"ids":[1,2],"mixed":["a",1],"scores":{"a":2}}"#)
        #expect(try b.int("n") == 1 && b.bool("t") == true && b.string("s") == "x")
        #expect(refusedField { try b.bool("n") } == "n", "1 is not true")
        #expect(refusedField { try b.int("t") } == "t", "true is not 1")
        #expect(refusedField { try b.int("f") } == "f", "fractions are not whole numbers")
        #expect(refusedField { try b.string("n") } == "n")
        #expect(try b.string("null") == nil && b.int("absent") == nil && b.has("null") && !b.has("absent"))
        #expect(try b.intArray("ids") == [1, 2])
        #expect(refusedField { try b.stringArray("mixed") } == "mixed")
        #expect(try b.intMap("scores") == ["a": 2])
        #expect(refusedField { try b.requiredString("absent") } == "absent")
    }

    @Test func emptyBodiesAreEmptyAndNonObjectsAreInvalid() throws {
        #expect(try body(" \n").keys.isEmpty)
        #expect(try JSONBody.objects(Array("".utf8)).isEmpty)
        for text in ["[1]", "\"x\"", "{", "nul"] {
            #expect(throws: APIError.self) { try body(text) }
        }
    }

    @Test func objectsOfAnArrayNameTheirIndexInErrors() throws {
        let items = try JSONBody.objects(Array(#"[{"label":"A"},{"label":2}]"#.utf8))
        #expect(try items[0].string("label") == "A")
        #expect(refusedField { try items[1].string("label") } == "[1].label")
        #expect(refusedField { try JSONBody.objects(Array(#"[{}, 3]"#.utf8)) } == "[1]")
        let nested = try body(#"{"criteria":[{"key":"a","label":7}]}"#)
        #expect(refusedField { try nested.stringObjects("criteria") } == "criteria.label")
    }
}
