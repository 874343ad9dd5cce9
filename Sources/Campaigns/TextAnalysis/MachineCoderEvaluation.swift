// How well the machine coder codes, measured as a third team would be: agreement with the settled codes on held-out items.

/// k-fold cross-validation of `MachineCoder`: the settled items are shuffled by a seed and dealt
/// into `folds` folds; for each fold a coder trained on the others codes it; every settled item is
/// so coded exactly once by a coder that never saw its settled code. Those held-out codes and the
/// settled codes go into `AgreementReport.build` as two coders, `machine` and `settled` — the very
/// report the teams' agreement uses — giving percent agreement, Cohen's kappa and Krippendorff's
/// alpha per theme and over the exact sets.
public enum MachineCoderEvaluation {
    /// Fewest settled items the coder is measured on: five folds of at least six.
    public static let minimumSettled = 30
    public static let folds = 5

    /// The coder keys the report uses.
    public static let machine = "machine"
    public static let settled = "settled"

    public struct Measurement: Sendable, Equatable {
        /// Machine vs settled codes, per theme (in codebook order) and over the exact sets.
        public var report: AgreementReport
        /// Items each coded once while held out.
        public var heldOut: Int
        public var folds: Int
    }

    /// One settled item: its id, vector and settled code.
    public struct Item: Sendable {
        public var id: Int64
        public var example: MachineCoder.Example

        public init(id: Int64, example: MachineCoder.Example) {
            self.id = id
            self.example = example
        }
    }

    /// Measures a coder trained with `settings` on `items`; refuses with fewer than
    /// `minimumSettled` items or no themes.
    public static func measure(
        _ items: [Item], themes: [Int64], dimensions: Int, settings: MachineCoder.Settings = MachineCoder.Settings()
    ) -> Result<Measurement, AssistRefusal> {
        guard !themes.isEmpty else { return .failure(.noThemes) }
        guard items.count >= minimumSettled else { return .failure(.tooFewSettledCodes) }
        var order = items.sorted { $0.id < $1.id }
        var random = SplitMix(seed: settings.seed ^ 0xC0DE)
        order.shuffle(using: &random)
        var codes: [Int64: [String: Set<Int64>]] = [:]
        for fold in 0..<folds {
            let training = order.enumerated().filter { $0.offset % folds != fold }.map(\.element.example)
            let coder = MachineCoder.train(training, themes: themes, dimensions: dimensions, settings: settings)
            for (position, item) in order.enumerated() where position % folds == fold {
                let suggestion = coder.suggest(item.example.vector)
                codes[item.id] = [
                    machine: suggestion.decision.agreementLabel, settled: item.example.decision.agreementLabel,
                ]
            }
        }
        return .success(Measurement(
            report: AgreementReport.build(codes: codes, themes: themes), heldOut: items.count, folds: folds))
    }
}
