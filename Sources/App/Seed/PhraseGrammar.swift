// A small English phrase grammar that writes varied, plausible contributions, titles and comments.
import Campaigns

/// Generates civic-sounding text from a few slots (opener, subject, verb phrase, place, reason).
/// Deterministic for a given generator state, so two seeds of the same size hold the same text.
struct PhraseGrammar {
    /// A body of roughly `minimum`…`maximum` characters, cut at a sentence end.
    func body(minimum: Int, maximum: Int, using random: inout SplitMix) -> String {
        let target = minimum + Int(random.next() % UInt64(max(1, maximum - minimum + 1)))
        var text = ""
        while text.utf8.count < target {
            let sentence = self.sentence(using: &random)
            if text.utf8.count + sentence.utf8.count + 1 > maximum, text.utf8.count >= minimum { break }
            if !text.isEmpty { text += " " }
            text += sentence
        }
        if text.utf8.count > maximum { text = String(text.prefix(maximum - 1)) + "." }
        return text
    }

    /// A short title such as "Safer crossings near the primary school".
    func title(using random: inout SplitMix) -> String {
        let adjective = Self.adjectives.pick(&random)
        let thing = Self.things.pick(&random)
        let place = Self.places.pick(&random)
        return "\(adjective.prefix(1).uppercased())\(adjective.dropFirst()) \(thing) \(place)"
    }

    /// One sentence, capitalised and punctuated.
    func sentence(using random: inout SplitMix) -> String {
        let sentence: String
        switch random.next() % 5 {
        case 0:
            sentence = "\(Self.openers.pick(&random)) \(Self.subjects.pick(&random)) \(Self.verbs.pick(&random)) "
                + "\(Self.adjectives.pick(&random)) \(Self.things.pick(&random)) \(Self.places.pick(&random))"
        case 1:
            sentence = "\(Self.subjects.pick(&random)) \(Self.verbs.pick(&random)) \(Self.adjectives.pick(&random)) "
                + "\(Self.things.pick(&random)), \(Self.reasons.pick(&random))"
        case 2:
            sentence = "\(Self.observations.pick(&random)) \(Self.places.pick(&random)), \(Self.reasons.pick(&random))"
        case 3:
            sentence = "\(Self.openers.pick(&random)) \(Self.subjects.pick(&random)) \(Self.verbs.pick(&random)) "
                + "\(Self.things.pick(&random)) \(Self.times.pick(&random))"
        default:
            sentence = "\(Self.observations.pick(&random)) \(Self.things.pick(&random)) \(Self.times.pick(&random))"
        }
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + (random.next() % 9 == 0 ? "!" : ".")
    }

    static let openers = [
        "I think", "In my view", "Honestly,", "Speaking as a parent,", "As someone who cycles to work,",
        "After living here for twenty years, I believe", "It seems to me that", "Many neighbours agree that",
        "From what I have seen,", "Quite simply,", "If we are serious about this,", "Looking at other towns,",
    ]
    static let subjects = [
        "the council", "our community", "local businesses", "the city", "everyone on our street",
        "the schools", "young people", "older residents", "volunteers", "the transport authority",
        "landlords", "the library", "we", "the health board", "neighbourhood groups",
    ]
    static let verbs = [
        "should invest in", "could easily provide", "must stop ignoring", "ought to rethink", "ought to fund",
        "would benefit from", "must prioritise", "should pilot", "could share", "must protect",
        "should measure", "might start with",
    ]
    static let adjectives = [
        "safer", "cheaper", "greener", "more frequent", "accessible", "quieter", "well lit", "affordable",
        "shared", "better maintained", "longer opening", "clearer", "local", "free", "covered",
    ]
    static let things = [
        "bus services", "cycle lanes", "street lighting", "play areas", "community gardens", "housing",
        "public toilets", "pedestrian crossings", "youth clubs", "repair cafés", "bins and recycling points",
        "benches", "tree planting", "parking rules", "health checks", "study spaces", "sports pitches",
        "market stalls", "flood defences", "broadband",
    ]
    static let places = [
        "near the primary school", "on the high street", "around the station", "in the old town",
        "along the river", "by the retail park", "in every ward", "on the estate", "at the leisure centre",
        "next to the hospital", "in the outlying villages", "across the city centre",
    ]
    static let reasons = [
        "because it would save money in the long run", "since families have nowhere else to go",
        "so that nobody is left out", "which would cut traffic at rush hour", "as the current situation is unsafe",
        "because other cities have shown it works", "so children can walk to school on their own",
        "which would bring visitors back", "because the waiting lists keep growing",
        "since the last survey asked for exactly this", "so that older people feel less isolated",
    ]
    static let observations = [
        "There is hardly any", "We badly need", "Nobody maintains the", "It is hard to find", "There are too few",
        "Please keep the", "We have lost the", "It would be great to see more",
    ]
    static let times = [
        "in the evenings", "at weekends", "during the school run", "in winter", "all year round",
        "before the next election", "within two years", "on market days", "after dark", "during the summer holidays",
    ]
}

extension Array {
    /// One element chosen by `random`; the arrays of the grammar are never empty.
    fileprivate func pick(_ random: inout SplitMix) -> Element {
        self[Int(random.next() % UInt64(count))]
    }
}
