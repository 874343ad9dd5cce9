// Text normalisation, stemming and word pairs, on named cases with known answers.

import Testing
@testable import Campaigns

struct NormalisationCase: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let words: [String]
    var testDescription: String { name }
}

private let wordCases: [NormalisationCase] = [
    NormalisationCase(name: "case and punctuation", text: "Don't WAIT, ask!", words: ["dont", "wait", "ask"]),
    NormalisationCase(name: "curly apostrophe and possessive", text: "The nurse’s station", words: ["the", "nurses", "station"]),
    NormalisationCase(name: "trailing apostrophe", text: "the nurses' rota", words: ["the", "nurses", "rota"]),
    NormalisationCase(name: "hyphens split", text: "follow-up calls", words: ["follow", "up", "calls"]),
    NormalisationCase(name: "one letter and digits dropped", text: "A&E open 24/7 from 3rd May",
                      words: ["open", "from", "3rd", "may"]),
    NormalisationCase(name: "precomposed diacritics folded", text: "Café naïve Straße Æon", words: ["cafe", "naive", "strasse", "aeon"]),
    NormalisationCase(name: "combining accents dropped", text: "cafe\u{301} re\u{301}sume\u{301}", words: ["cafe", "resume"]),
    NormalisationCase(name: "Polish and Welsh letters", text: "Łódź ŵyr", words: ["lodz", "wyr"]),
    NormalisationCase(name: "other scripts kept", text: "Врач пришёл", words: ["врач", "пришёл"]),
    NormalisationCase(name: "line breaks and tabs", text: "more\nstaff\tplease", words: ["more", "staff", "please"]),
    NormalisationCase(name: "nothing but marks", text: "?! -- ... 42", words: []),
]

@Test(arguments: wordCases)
func wordsAreFoldedAndSplit(_ example: NormalisationCase) {
    #expect(TermNormaliser.words(example.text) == example.words)
}

@Test(arguments: [
    ("ponies", "pony"), ("agencies", "agency"), ("nurses", "nurse"), ("cases", "case"), ("wards", "ward"),
    ("shoes", "shoe"), ("trees", "tree"), ("status", "status"), ("glass", "glass"), ("bus", "bus"),
    ("rota", "rota"), ("staff", "staff"),
])
func sStemmerStripsPluralsOnly(_ word: String, _ stem: String) {
    #expect(TermNormaliser.stem(word) == stem)
}

@Test func stopWordsGoAndPairsNeedNeighbours() {
    let terms = TermNormaliser.terms("Waiting lists are far too long")
    #expect(terms.map(\.key) == ["waiting", "list", "far", "long", "waiting list"])
    #expect(terms.last?.surface == "waiting lists")
    #expect(TermNormaliser.keys("I think the wards should have more nurses") == ["ward", "nurse"])
}
