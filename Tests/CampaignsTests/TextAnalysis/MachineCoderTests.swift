// The machine coder on hand-made corpora: it learns what the settled codes say, and is measured only on held-out items.

import Testing
@testable import Campaigns

private let parkingTheme: Int64 = 101
private let foodTheme: Int64 = 102

private let parkingTexts = [
    "The staff car park is always full", "Car park charges are too high", "Nowhere to park near the hospital",
    "Parking permits for night staff", "The car park costs eat into our pay", "We need more parking spaces",
    "Park and ride for staff would help", "Parking fines for staff are unfair",
]
private let foodTexts = [
    "The canteen closes before the night shift", "Hot food at night please", "No healthy food in the canteen",
    "Only vending machines at night", "Canteen food is cold", "A microwave in the staff room for our food",
    "The canteen should open at night", "Fresh fruit in the canteen",
]
private let bothTexts = [
    "The car park is full and the canteen is shut", "Parking costs and cold canteen food",
    "No parking and no hot food at night", "Car park charges and canteen prices both went up",
]
private let noiseTexts = ["Thank you for asking", "Test post please ignore", "Hello thank you", "Just testing this"]

private struct Labelled {
    let text: String
    let decision: CodeDecision
}

private let labelled: [Labelled] =
    parkingTexts.map { Labelled(text: $0, decision: CodeDecision(themes: [parkingTheme], notRelevant: false)) }
    + foodTexts.map { Labelled(text: $0, decision: CodeDecision(themes: [foodTheme], notRelevant: false)) }
    + bothTexts.map { Labelled(text: $0, decision: CodeDecision(themes: [parkingTheme, foodTheme], notRelevant: false)) }
    + noiseTexts.map { Labelled(text: $0, decision: CodeDecision(themes: [], notRelevant: true)) }

private let unseen = ["Parking near the hospital is impossible", "Cold food in the canteen again",
                      "Thank you", "Car park full, canteen food cold"]

private let corpus = AnalysisCorpus(
    (labelled.map(\.text) + unseen).enumerated().map { AnalysisText(id: Int64($0.offset + 1), text: $0.element) },
    minimumDocuments: 1, maximumShare: 0.6)

private func coder() -> MachineCoder {
    let examples = labelled.indices.map {
        MachineCoder.Example(vector: corpus.vectors[$0], decision: labelled[$0].decision)
    }
    return MachineCoder.train(examples, themes: [parkingTheme, foodTheme], dimensions: corpus.weighting.dimensions)
}

@Test func learnsTheSettledCodes() {
    let machine = coder()
    let suggestions = unseen.indices.map { machine.suggest(corpus.vectors[labelled.count + $0]) }
    #expect(suggestions[0].decision == CodeDecision(themes: [parkingTheme], notRelevant: false))
    #expect(suggestions[1].decision == CodeDecision(themes: [foodTheme], notRelevant: false))
    #expect(suggestions[2].decision == CodeDecision(themes: [], notRelevant: true))
    #expect(suggestions[3].decision == CodeDecision(themes: [parkingTheme, foodTheme], notRelevant: false))
    for suggestion in suggestions {
        #expect(suggestion.confidence > 0 && suggestion.confidence <= 1)
        #expect(suggestion.probabilities.keys.sorted() == [parkingTheme, foodTheme])
        #expect(suggestion.probabilities.values.allSatisfy { (0...1).contains($0) })
    }
    #expect(suggestions[0].probabilities[parkingTheme]! > 0.5 && suggestions[0].probabilities[foodTheme]! < 0.5)
}

@Test func alwaysSuggestsAValidCode() {
    // A text with no known word: no theme reaches ½, so the likeliest one is given (or not relevant).
    let suggestion = coder().suggest(SparseVector())
    #expect(suggestion.decision.notRelevant != !suggestion.decision.themes.isEmpty)
    #expect(CodeDecision.validated(themes: Array(suggestion.decision.themes), notRelevant: suggestion.decision.notRelevant)
            == .success(suggestion.decision))
}

@Test func trainingIsDeterministicForASeed() {
    let a = coder().suggest(corpus.vectors[0]), b = coder().suggest(corpus.vectors[0])
    #expect(a == b)
}

@Test func refusesToMeasureOnTooFewSettledItems() {
    let items = (0..<29).map { MachineCoderEvaluation.Item(id: Int64($0), example: MachineCoder.Example(
        vector: corpus.vectors[$0 % labelled.count], decision: labelled[$0 % labelled.count].decision)) }
    #expect(MachineCoderEvaluation.measure(items, themes: [1], dimensions: corpus.weighting.dimensions)
            == .failure(.tooFewSettledCodes))
    #expect(MachineCoderEvaluation.measure(items, themes: [], dimensions: corpus.weighting.dimensions) == .failure(.noThemes))
}

@Test func measuresLikeAThirdTeamOnHeldOutItems() throws {
    // Two copies of every labelled text (in different folds, most likely): separable, so agreement is high.
    let items = (0..<(2 * labelled.count)).map { i in
        MachineCoderEvaluation.Item(id: Int64(i), example: MachineCoder.Example(
            vector: corpus.vectors[i % labelled.count], decision: labelled[i % labelled.count].decision))
    }
    let measurement = try MachineCoderEvaluation.measure(
        items, themes: [parkingTheme, foodTheme], dimensions: corpus.weighting.dimensions).get()
    #expect(measurement.heldOut == 48 && measurement.folds == 5)
    #expect(measurement.report.overall.items == 48)
    let parking = try #require(measurement.report.figures(for: parkingTheme))
    #expect((parking.kappa ?? 0) > 0.8)
    #expect((measurement.report.overall.percent ?? 0) > 0.8)
}

/// Labels that no text predicts: a coder that could see the held-out codes would memorise them
/// (each text is unique), but measured on held-out items it can do no better than chance.
@Test func heldOutMeansHeldOut() throws {
    var random = SplitMix(seed: 5)
    let texts = (0..<60).map { i in AnalysisText(id: Int64(i), text: "word\(i)a word\(i)b") }
    let unique = AnalysisCorpus(texts, minimumDocuments: 1, maximumShare: 1)
    let items = (0..<60).map { i in
        MachineCoderEvaluation.Item(id: Int64(i), example: MachineCoder.Example(
            vector: unique.vectors[i],
            decision: CodeDecision(themes: [random.next() % 2 == 0 ? 1 : 2], notRelevant: false)))
    }
    let memorised = MachineCoder.train(items.map(\.example), themes: [1, 2], dimensions: unique.weighting.dimensions)
    let inSample = items.filter { memorised.suggest($0.example.vector).decision == $0.example.decision }.count
    #expect(inSample == 60)
    let measured = try MachineCoderEvaluation.measure(items, themes: [1, 2], dimensions: unique.weighting.dimensions).get()
    #expect((measured.report.overall.kappa ?? 1) < 0.3)
}
