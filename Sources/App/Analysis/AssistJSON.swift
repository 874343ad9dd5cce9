// JSON shapes of the analysis aids: the machine coder's figure, a suggestion, a run.
import Campaigns
import Storage

extension JSONWriter {
    /// The machine coder's cross-validated agreement with the settled codes, over the exact code sets:
    /// `{heldOut, folds, percent, kappa, alpha}`, written into the open object.
    mutating func machineFigureFields(_ m: MachineCoderEvaluation.Measurement) {
        field("heldOut", m.heldOut)
        field("folds", m.folds)
        agreementFields(percent: m.report.overall.percent, kappa: m.report.overall.kappa, alpha: m.report.overall.alpha)
    }

    mutating func machineFigure(_ m: MachineCoderEvaluation.Measurement) {
        object { $0.machineFigureFields(m) }
    }

    /// `{themes, notRelevant, confidence, probabilities: [{themeId, probability}]}` fields.
    mutating func suggestionFields(_ s: MachineCoder.Suggestion) {
        decisionFields(s.decision)
        field("confidence", s.confidence)
        key("probabilities")
        array(s.probabilities.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) { w, pair in
            w.object { p in
                p.field("themeId", pair.key)
                p.field("probability", pair.value)
            }
        }
        field("notRelevantProbability", s.notRelevantProbability)
    }

    /// `contributionId`, `title` and `body` of an item a page lists, written into the open object.
    mutating func itemFields(_ c: ContributionRecord, idKey: String = "contributionId") {
        field(idKey, c.id)
        field("title", c.title)
        field("body", c.body)
    }

    mutating func machineRun(_ run: MachineRunRecord?) {
        guard let run else { return null() }
        object { o in
            o.field("id", run.id)
            o.field("at", ISOTime.string(run.createdAt))
            o.field("heldOut", run.heldOut)
            o.agreementFields(percent: run.percent, kappa: run.kappa, alpha: run.alpha)
            o.field("coded", run.coded)
        }
    }
}

/// How the figure was made, in one sentence the console and the API both show.
enum MachineCoderMethod {
    static let summary = "One logistic regression per theme (and for not relevant) over TF-IDF of the contributions' "
        + "words and word pairs, trained only on this campaign's settled codes; measured by "
        + "\(MachineCoderEvaluation.folds)-fold cross-validation against the settled codes, as a third team would be."

    /// `0.81`, `-0.05`, `1.00`: a figure as the audit log writes it.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        let fraction = hundredths % 100
        return (value < 0 && hundredths > 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
