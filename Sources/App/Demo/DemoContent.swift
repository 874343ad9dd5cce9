// The words of the demo campaign: an NHS-flavoured consultation with realistic contributions.

/// Fixed text for `groundswell demo`. Question index 0 and 1 belong to Understand, 2 to Answer.
enum DemoContent {
    static let slug = "demo"
    static let title = "Getting the care you need in Riverside"
    static let summary = "Tell Riverside Health and Care Partnership what makes local care hard to reach, and what works."
    static let description = """
        Riverside Health and Care Partnership runs GP surgeries, community nursing and the walk-in centre for \
        about 180,000 people. Before we change how appointments, prescriptions and community services work, we \
        want to understand what it is really like to use them. Everything you write is anonymous: we never ask \
        for your name, e-mail address or NHS number.

        First we listen (Understand). Then we ask for ideas (Answer), choose the most promising together \
        (Prioritise), and report back on what we did (Act).
        """

    static let questions: [(phase: String, text: String)] = [
        ("understand", "What makes it hard to get the care you need from your GP practice?"),
        ("understand", "What works well in local health services that we should protect?"),
        ("answer", "How could we make it easier to see the right person at the right time?"),
    ]

    static let profileQuestions: [(key: String, label: String, choices: [String])] = [
        ("age", "Your age group", ["Under 25", "25–44", "45–64", "65–79", "80 or over", "Prefer not to say"]),
        ("use", "How often do you use local NHS services?", ["Weekly", "Monthly", "A few times a year", "Rarely"]),
        ("carer", "Do you look after someone with a health condition?", ["Yes", "No", "Prefer not to say"]),
    ]

    /// (question index, title, body)
    static let contributions: [(Int, String, String)] = [
        (0, "The 8am phone scramble", "Every morning I ring at 8:00 and I'm 30th in the queue. By the time I get through all the same-day appointments are gone and I'm told to ring again tomorrow."),
        (0, "Online booking never has slots", "The app says there are no appointments available for the next four weeks. It would help to at least be able to join a waiting list."),
        (0, "Repeat prescriptions get lost", "I order my repeat prescription online and half the time the pharmacy says it hasn't arrived. I end up running out of my blood pressure tablets."),
        (0, "Hard to see the same doctor", "My mum has dementia and every appointment is with someone new. We have to explain her whole history each time, which upsets her."),
        (0, "Receptionists asking personal questions", "I understand they need to triage, but explaining my symptoms at the front desk with a queue behind me is embarrassing."),
        (0, "Working hours clash", "I work shifts at the hospital and the surgery is only open while I'm at work. Evening or weekend appointments would make a huge difference."),
        (0, "Long wait for blood test results", "I waited two weeks to hear about my blood test and had to chase it myself. Nobody rang me even though something was flagged."),
        (0, "Parking at the health centre", "There are only twelve spaces at Millbrook Health Centre and they are always full. I've missed an appointment circling round."),
        (0, "No interpreter offered", "My neighbour speaks Polish and was never offered an interpreter. Her teenage son had to translate for her, which isn't right."),
        (0, "Referrals disappear", "My referral to physio took three months and I only found out it had never been sent when I rang the hospital myself."),
        (0, "Telephone appointments don't suit everyone", "I'm hard of hearing and phone consultations are really difficult for me. There's no easy way to ask for face to face."),
        (0, "Too many different numbers", "GP, district nurses, the walk-in centre, 111: I never know who to call for what, and each one sends me somewhere else."),
        (0, "Getting a mental health appointment", "I was told the wait for talking therapy is eight months. In the meantime there's nothing, and the GP can only offer tablets."),
        (0, "Buses don't go to the walk-in centre", "From the east side of town it takes two buses and an hour to reach the walk-in centre. Without a car it's nearly impossible."),
        (0, "Carers aren't listened to", "I care for my husband and I know his condition better than anyone, but I'm often not allowed to speak for him or get information."),
        (0, "Letters arrive after the appointment", "Twice now my hospital appointment letter arrived the day after the appointment date. Texts would be better."),
        (1, "Pharmacists are brilliant", "The pharmacist on Station Road sorted my chest infection in ten minutes with no appointment. More people should know they can do that."),
        (1, "District nurses", "The district nurses who came to dress my dad's leg ulcer were kind, on time and really knew what they were doing. Please don't cut them."),
        (1, "Text reminders", "The text reminders with a link to cancel mean I never miss appointments and someone else gets my slot if I can't make it."),
        (1, "Social prescribing link worker", "The link worker at my surgery got me into a walking group and a debt advice service. It helped more than any medicine."),
        (1, "Flu jab clinics on Saturdays", "The Saturday flu clinic was so well organised: in and out in five minutes, and I didn't need time off work."),
        (1, "Continuity for long-term conditions", "My diabetes nurse has seen me for six years. She knows me and I trust her. That relationship is worth protecting."),
        (1, "The minor injuries unit", "When my son broke his wrist we were seen in forty minutes at the minor injuries unit instead of waiting hours at A&E."),
        (1, "Online consultation form", "Filling in the online form at 10pm and getting a call back the next morning worked really well for me."),
        (1, "Home visits for housebound patients", "The GP still does home visits for my housebound aunt. Without that she would get no care at all."),
        (1, "Friendly reception at Oakfield", "The reception team at Oakfield Surgery are patient and kind, even when they are clearly under pressure."),
        (1, "Community midwives", "Having my antenatal appointments at the children's centre down the road instead of the hospital made everything easier."),
        (1, "Patient participation group", "Our surgery's patient group actually gets things changed, like the new hearing loop at reception."),
    ]

    /// (contribution index, comment, reply or nil)
    static let comments: [(Int, String, String?)] = [
        (0, "Same here. I've started setting an alarm for 7:59 and it still doesn't help.", "We hear you. This is one of the things we most want to fix."),
        (0, "Could they release some appointments in the afternoon too?", nil),
        (2, "It helped me to nominate one pharmacy in the NHS App, but it still goes wrong sometimes.", nil),
        (3, "Continuity matters so much for people with dementia. Could there be a named GP?", "My practice does have named GPs, but you rarely get to see yours."),
        (5, "Shift workers are a big part of this town. Evening clinics would help a lot of us.", nil),
        (8, "Interpreters should be booked automatically when the record says someone needs one.", nil),
        (11, "A single number that routes you to the right place would be amazing.", nil),
        (12, "The wait is awful. Peer support groups helped me a bit while I waited.", nil),
        (16, "I didn't know pharmacists could do this. This should be advertised more.", "It's called Pharmacy First, it covers seven common conditions."),
        (17, "The district nurses were amazing with my grandmother too.", nil),
        (19, "How do you get referred to a link worker?", "Ask at reception: anyone can be referred, you don't need to see a GP first."),
        (21, "Agree, knowing the person you're talking to makes all the difference.", nil),
    ]
}
