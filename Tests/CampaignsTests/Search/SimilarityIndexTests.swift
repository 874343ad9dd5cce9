// The similar-ideas hint on a table of phrasings that should and should not find each contribution.
import Testing
@testable import Campaigns

@Suite struct SimilarityIndexTests {
    /// A campaign like the demo: what people wrote in Understand.
    static let corpus: [SimilarityDocument] = [
        .init(id: 1, title: "The 8am phone scramble", body: "Every morning I ring at 8:00 and I'm 30th in the queue. By the time I get through all the same-day appointments are gone and I'm told to ring again tomorrow."),
        .init(id: 2, title: "Online booking never has slots", body: "The app says there are no appointments available for the next four weeks. It would help to at least be able to join a waiting list."),
        .init(id: 3, title: "Repeat prescriptions get lost", body: "I order my repeat prescription online and half the time the pharmacy says it hasn't arrived. I end up running out of my blood pressure tablets."),
        .init(id: 4, title: "Hard to see the same doctor", body: "My mum has dementia and every appointment is with someone new. We have to explain her whole history each time, which upsets her."),
        .init(id: 5, title: "Working hours clash", body: "I work shifts at the hospital and the surgery is only open while I'm at work. Evening or weekend appointments would make a huge difference."),
        .init(id: 6, title: "Parking at the health centre", body: "There are only twelve spaces at Millbrook Health Centre and they are always full. I've missed an appointment circling round."),
        .init(id: 7, title: "No interpreter offered", body: "My neighbour speaks Polish and was never offered an interpreter. Her teenage son had to translate for her, which isn't right."),
        .init(id: 8, title: "Buses don't go to the walk-in centre", body: "From the east side of town it takes two buses and an hour to reach the walk-in centre. Without a car it's nearly impossible."),
        .init(id: 9, title: "Community midwives", body: "Having my antenatal appointments at the children's centre down the road instead of the hospital made everything easier."),
        .init(id: 10, title: "Pharmacists are brilliant", body: "The pharmacist on Station Road sorted my chest infection in ten minutes with no appointment. More people should know they can do that."),
        .init(id: 11, title: "Letters arrive after the appointment", body: "Twice now my hospital appointment letter arrived the day after the appointment date. Texts would be better."),
        .init(id: 12, title: "Getting a mental health appointment", body: "I was told the wait for talking therapy is eight months. In the meantime there's nothing, and the GP can only offer tablets."),
    ]
    static let index = SimilarityIndex(corpus)

    /// (what someone types, a contribution that must be offered)
    @Test(arguments: [
        ("Parking for disabled drivers", 6),
        ("Not enough parking spaces at the health centre", 6),
        ("Nobody covers the phone queue at 8am", 1),
        ("You can never get through on the phone in the morning", 1),
        ("My repeat prescription never reaches the pharmacy", 3),
        ("Evening appointments for shift workers", 5),
        ("An interpreter for patients who speak Polish", 7),
        ("A bus to the walk-in centre from the east side", 8),
        ("Hospital letters come too late, send a text", 11),
        ("Seeing the same doctor every time for my mum with dementia", 4),
        ("The online booking app never shows any slots", 2),
    ])
    func shouldFind(_ text: String, _ expected: Int64) {
        let found = Self.index.similar(to: text).map(\.id)
        #expect(found.contains(expected), "\(text) → \(found)")
        #expect(found.first == expected, "\(text) → \(found)")
    }

    /// (what someone types, a contribution that must not be offered)
    @Test(arguments: [
        ("Parking for disabled drivers", 9),
        ("Parking for disabled drivers", 10),
        ("Parking for disabled drivers", 5),
        ("More appointments with the practice nurse please", 9),
        ("I waited for an appointment and then for the results and then for the letter", 9),
        ("Free wifi in the waiting room", 3),
        ("The lifts at the hospital are broken", 5),
        ("Longer opening hours for the pharmacy", 9),
    ])
    func shouldNotFind(_ text: String, _ unexpected: Int64) {
        let found = Self.index.similar(to: text).map(\.id)
        #expect(!found.contains(unexpected), "\(text) → \(found)")
    }

    @Test func textWithNoContentWordsFindsNothing() {
        #expect(Self.index.similar(to: "and the for of").isEmpty)
        #expect(Self.index.similar(to: "").isEmpty)
        #expect(SimilarityIndex([]).similar(to: "parking").isEmpty)
    }

    @Test func atMostFiveBestFirstAndTheSameEveryTime() {
        let found = Self.index.similar(to: "appointment appointments hospital centre", limit: 5)
        #expect(found.count <= 5)
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(found.map(\.id) == Self.index.similar(to: "appointment appointments hospital centre", limit: 5).map(\.id))
    }
}
