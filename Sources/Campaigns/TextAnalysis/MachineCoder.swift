// The machine coder: one logistic regression per theme (and one for "not relevant") over TF-IDF, from settled codes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A classifier trained on one campaign's own settled codes. For every theme, and for "not
/// relevant", an L2-regularised logistic regression over the texts' TF-IDF vectors gives the
/// probability that a settled code would carry it (one-vs-rest, as in Manning, Raghavan &
/// Schütze 2008, §14.5 and §13.7 on linear classifiers for text). Trained by stochastic gradient
/// descent on the log loss with the decaying rate `η₀ / (1 + η₀ λ t)` (Bottou, "Stochastic
/// gradient descent tricks", 2012), over the examples in an order shuffled by a seeded SplitMix,
/// so a seed and the same settled codes always give the same coder.
///
/// The decision: every theme at ½ or more; when none reaches ½, the likeliest label — the most
/// probable theme, or "not relevant" if that is likelier still (a code has at least one theme, or
/// is "not relevant"); "not relevant" also when it reaches ½ and is likelier than every theme. `confidence` is the probability of exactly that decision, taking the
/// labels as independent.
public struct MachineCoder: Sendable {
    public struct Example: Sendable {
        public var vector: SparseVector
        public var decision: CodeDecision

        public init(vector: SparseVector, decision: CodeDecision) {
            self.vector = vector
            self.decision = decision
        }
    }

    public struct Settings: Sendable, Equatable {
        public var epochs = 12
        /// λ of the L2 penalty.
        public var regularisation = 1e-4
        /// η₀.
        public var learningRate = 0.5
        public var seed: UInt64 = 1

        public init() {}
    }

    /// A suggested code with what the coder believes about it.
    public struct Suggestion: Sendable, Equatable {
        public var decision: CodeDecision
        /// The probability of exactly `decision`, 0…1.
        public var confidence: Double
        /// Theme id → probability, for every theme of the codebook.
        public var probabilities: [Int64: Double]
        public var notRelevantProbability: Double
    }

    /// The codebook's themes, in label order; the last label is "not relevant".
    public let themes: [Int64]
    let dimensions: Int
    /// Label → weight per dimension.
    let weights: [[Double]]
    let biases: [Double]

    /// Trains on `examples` (vectors of `dimensions`). Needs at least one theme.
    public static func train(_ examples: [Example], themes: [Int64], dimensions: Int, settings: Settings = Settings())
        -> MachineCoder
    {
        let labels = themes.count + 1
        let targets: [[Bool]] = examples.map { example in
            themes.map { example.decision.themes.contains($0) } + [example.decision.notRelevant]
        }
        var models = (0..<labels).map { _ in LogisticModel(dimensions: dimensions) }
        var order = Array(examples.indices)
        var random = SplitMix(seed: settings.seed)
        var step = 0.0
        for _ in 0..<settings.epochs {
            order.shuffle(using: &random)
            for i in order {
                let rate = settings.learningRate / (1 + settings.learningRate * settings.regularisation * step)
                step += 1
                let vector = examples[i].vector
                for label in 0..<labels {
                    models[label].update(vector, target: targets[i][label], rate: rate, penalty: settings.regularisation)
                }
            }
        }
        return MachineCoder(
            themes: themes, dimensions: dimensions, weights: models.map { $0.weights() }, biases: models.map(\.bias))
    }

    public func suggest(_ vector: SparseVector) -> Suggestion {
        let probabilities = weights.indices.map { label in Self.sigmoid(vector.dot(weights[label]) + biases[label]) }
        let themeProbabilities = Array(probabilities.dropLast())
        let notRelevant = probabilities[probabilities.count - 1]
        let top = themeProbabilities.indices.max { themeProbabilities[$0] < themeProbabilities[$1] } ?? 0
        let likeliest = themeProbabilities.isEmpty ? 0 : themeProbabilities[top]
        let chosen = Set(themeProbabilities.indices.filter { themeProbabilities[$0] >= 0.5 }.map { themes[$0] })
        let decision: CodeDecision
        if notRelevant > likeliest && (notRelevant >= 0.5 || chosen.isEmpty) {
            decision = CodeDecision(themes: [], notRelevant: true)
        } else {
            decision = CodeDecision(themes: chosen.isEmpty ? [themes[top]] : chosen, notRelevant: false)
        }
        var confidence = decision.notRelevant ? notRelevant : 1 - notRelevant
        for (label, theme) in themes.enumerated() {
            let p = themeProbabilities[label]
            confidence *= decision.themes.contains(theme) ? p : 1 - p
        }
        return Suggestion(
            decision: decision, confidence: confidence,
            probabilities: Dictionary(uniqueKeysWithValues: zip(themes, themeProbabilities)),
            notRelevantProbability: notRelevant)
    }

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}

/// One label's logistic regression during training. The weights are kept as `scale × v`, so the
/// L2 shrink of every weight each step is one multiplication and an update touches only the
/// example's non-zero dimensions (Bottou 2012, §5.1).
private struct LogisticModel {
    var v: [Double]
    var scale = 1.0
    var bias = 0.0

    init(dimensions: Int) {
        v = Array(repeating: 0, count: dimensions)
    }

    mutating func update(_ x: SparseVector, target: Bool, rate: Double, penalty: Double) {
        let margin = x.dot(v) * scale + bias
        let gradient = MachineCoder.sigmoid(margin) - (target ? 1 : 0)
        scale *= 1 - rate * penalty
        if scale < 1e-9 {
            for i in v.indices { v[i] *= scale }
            scale = 1
        }
        x.add(into: &v, scale: -rate * gradient / scale)
        bias -= rate * gradient
    }

    func weights() -> [Double] { v.map { $0 * scale } }
}
