// The analysis aids' costly values — a campaign's corpus and its trained, measured machine coder — kept between requests.
import Campaigns
import Storage
import Synchronization

/// What the machine coder learns from and is measured on, read in one snapshot: the visible
/// Understand texts, the unarchived themes and the settled codes (agreed or reconciled) of those
/// texts. Machine codes are never in it: the coder learns from people only.
struct MachineCoderInput {
    var texts: [AnalysisText]
    /// Unarchived, in codebook order.
    var themes: [CodebookTheme]
    /// Contribution → its settled decision.
    var settled: [Int64: CodeDecision]

    static func load(campaignID: Int64, _ connection: Connection) throws -> MachineCoderInput {
        let texts = try CodeStore(connection).understandTexts(campaignID: campaignID)
        let visible = Set(texts.map(\.id))
        let findings = try CodingState.load(campaignID: campaignID, connection).findings
        return MachineCoderInput(
            texts: texts, themes: try ThemeStore(connection).themes(campaignID: campaignID).filter { !$0.archived },
            settled: findings.filter { visible.contains($0.key) })
    }
}

/// A corpus and, from enough settled codes, the coder trained on all of them with its measurement.
struct TrainedCoder: Sendable {
    let corpus: AnalysisCorpus
    let themes: [Int64]
    let settled: Int
    /// The cross-validated figure, or why there is none.
    let measurement: Result<MachineCoderEvaluation.Measurement, AssistRefusal>
    /// Trained on every settled item; nil when there is no figure (no suggestion is made unmeasured).
    let coder: MachineCoder?

    /// The coder and its figure, or the refusal that says why there is none.
    func measured() throws -> (MachineCoder, MachineCoderEvaluation.Measurement) {
        switch measurement {
        case .failure(let refusal): throw refusal
        case .success(let measurement):
            guard let coder else { throw AssistRefusal.tooFewSettledCodes }
            return (coder, measurement)
        }
    }
}

/// Built corpora and trained coders per campaign, each kept while what it was built from is
/// unchanged (a fingerprint of the texts, themes and settled codes), so a page that shows the
/// figure beside every suggestion does not retrain per request.
final class AssistCache: Sendable {
    private struct Entry: Sendable {
        var texts: UInt64
        var corpus: AnalysisCorpus
        var coder: (key: UInt64, value: TrainedCoder)?
        var lastUse: UInt64
    }

    /// Campaigns kept at most (each entry holds a few megabytes at the Change Challenge's size).
    static let maxCampaigns = 8

    /// Guarded by its own lock, held only for dictionary work, never while building or training.
    private let entries = Mutex<(clock: UInt64, byCampaign: [Int64: Entry])>((0, [:]))

    /// The corpus of `texts` for the campaign.
    func corpus(campaignID: Int64, texts: [AnalysisText]) -> AnalysisCorpus {
        let key = Fingerprint.texts(texts)
        if let kept = entries.withLock({ state -> AnalysisCorpus? in
            guard var entry = state.byCampaign[campaignID], entry.texts == key else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.byCampaign[campaignID] = entry
            return entry.corpus
        }) { return kept }
        let corpus = AnalysisCorpus(texts)
        entries.withLock { state in
            state.clock += 1
            if state.byCampaign[campaignID] == nil, state.byCampaign.count >= Self.maxCampaigns,
               let oldest = state.byCampaign.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                state.byCampaign[oldest] = nil
            }
            state.byCampaign[campaignID] = Entry(texts: key, corpus: corpus, coder: nil, lastUse: state.clock)
        }
        return corpus
    }

    /// The coder trained and measured on `input`.
    func coder(campaignID: Int64, _ input: MachineCoderInput) -> TrainedCoder {
        let corpus = corpus(campaignID: campaignID, texts: input.texts)
        let texts = Fingerprint.texts(input.texts)
        let key = Fingerprint.coder(texts: texts, input)
        if let kept = entries.withLock({ $0.byCampaign[campaignID]?.coder.flatMap { $0.key == key ? $0.value : nil } }) {
            return kept
        }
        let trained = Self.train(corpus, input)
        entries.withLock { state in
            guard var entry = state.byCampaign[campaignID], entry.texts == texts else { return }
            entry.coder = (key, trained)
            state.byCampaign[campaignID] = entry
        }
        return trained
    }

    private static func train(_ corpus: AnalysisCorpus, _ input: MachineCoderInput) -> TrainedCoder {
        let themes = input.themes.map(\.id)
        let items = input.settled.keys.sorted().compactMap { id -> MachineCoderEvaluation.Item? in
            guard let decision = input.settled[id], corpus.position(of: id) != nil else { return nil }
            return MachineCoderEvaluation.Item(id: id, example: MachineCoder.Example(vector: corpus.vector(of: id), decision: decision))
        }
        let dimensions = corpus.weighting.dimensions
        let measurement = MachineCoderEvaluation.measure(items, themes: themes, dimensions: dimensions)
        let coder: MachineCoder?
        switch measurement {
        case .success: coder = MachineCoder.train(items.map(\.example), themes: themes, dimensions: dimensions)
        case .failure: coder = nil
        }
        return TrainedCoder(corpus: corpus, themes: themes, settled: items.count, measurement: measurement, coder: coder)
    }
}

/// 64-bit FNV-1a fingerprints of what the cached values were built from.
private enum Fingerprint {
    static func texts(_ texts: [AnalysisText]) -> UInt64 {
        var hash = Hasher64()
        for text in texts {
            hash.add(UInt64(bitPattern: text.id))
            hash.add(text.text)
        }
        return hash.value
    }

    static func coder(texts: UInt64, _ input: MachineCoderInput) -> UInt64 {
        var hash = Hasher64()
        hash.add(texts)
        for theme in input.themes { hash.add(UInt64(bitPattern: theme.id)) }
        for id in input.settled.keys.sorted() {
            guard let decision = input.settled[id] else { continue }
            hash.add(UInt64(bitPattern: id))
            hash.add(decision.notRelevant ? 1 : 0)
            for theme in decision.themes.sorted() { hash.add(UInt64(bitPattern: theme)) }
            hash.add(UInt64.max)
        }
        return hash.value
    }

    struct Hasher64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func add(_ number: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { byte(UInt8(truncatingIfNeeded: number >> UInt64(shift))) }
        }

        mutating func add(_ text: String) {
            for b in text.utf8 { byte(b) }
            byte(0xFF)  // never in UTF-8: ends the text
        }

        private mutating func byte(_ b: UInt8) {
            value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
    }
}
