// The 21 themes a Change Challenge–sized seed is written around: 10 barriers, 11 building blocks, and how people voice each.

import Campaigns

/// One theme of the seeded codebook and the sentences contributors use for it. `{role}` and
/// `{place}` are filled in per sentence; the wording is invented, the shape is the method's.
struct SeedTheme: Sendable {
    let name: String
    let kind: ThemeKind
    let sentences: [String]
}

enum ChangeChallengeCodebook {
    static let question = "What gets in the way of changing things for the better where you work, and what helps?"

    static let roles = [
        "nurses", "porters", "junior doctors", "healthcare assistants", "admin staff", "physiotherapists", "midwives",
        "pharmacists", "cleaners", "ward clerks", "paramedics", "theatre staff",
    ]
    static let places = [
        "on my ward", "in outpatients", "in A&E", "in theatres", "in the community team", "on nights", "in maternity",
        "in the pharmacy", "in radiology", "on the stroke unit", "in the discharge lounge", "in our GP practice",
    ]

    /// Sentences that say nothing about change, mixed into contributions as people write them.
    static let fillers = [
        "I have worked here for many years.", "This is just my own view.", "It is the same on most wards I know.",
        "I hope someone reads this.", "Speaking from experience {place}.", "My colleagues feel the same.",
        "This has been going on for a long time.", "I would like to see this taken seriously.",
    ]

    /// Whole contributions that code as not relevant.
    static let offTopic = [
        "Thank you for running this.", "Test post, please ignore.", "Is there a car park at the conference venue?",
        "When is the next meeting?", "Great initiative, well done everyone.", "I agree with the post above.",
        "Can someone reset my login for the staff portal?", "Hello from the night shift.",
        "How do I change my profile picture?", "Happy new year to all the team.",
    ]

    static let themes: [SeedTheme] = [
        SeedTheme(name: "No time to improve", kind: .barrier, sentences: [
            "There is never enough time {place} to stop and think about doing things differently.",
            "We are so short staffed that improvement always comes last.",
            "The {role} are run off their feet and every spare minute goes on the next patient.",
            "Nobody has time for improvement work, it all happens in our breaks.",
            "Workload keeps rising and the time to try new ideas disappears.",
            "By the end of a twelve hour shift nobody has the energy left for change.",
        ]),
        SeedTheme(name: "Hierarchy and not being heard", kind: .barrier, sentences: [
            "Ideas from the {role} are ignored unless a consultant repeats them.",
            "Junior staff do not feel able to speak up in front of senior colleagues.",
            "The hierarchy means decisions are made at the top and handed down.",
            "When I raised a suggestion my manager said it was above my pay grade.",
            "Nobody listens to the people who actually do the work {place}.",
            "You have to know the right person in the hierarchy to get heard.",
        ]),
        SeedTheme(name: "Bureaucracy and sign-off", kind: .barrier, sentences: [
            "Every small change needs three forms and a committee approval.",
            "The paperwork for a simple pilot takes months to get signed off.",
            "Governance processes are so slow that good ideas die waiting.",
            "Duplicate forms and endless sign off chains waste hours every week.",
            "Red tape stops the {role} from fixing obvious problems.",
            "By the time the business case is approved the idea is out of date.",
        ]),
        SeedTheme(name: "No money or equipment", kind: .barrier, sentences: [
            "There is no budget for even small improvements {place}.",
            "Funding is always frozen when we ask for new equipment.",
            "We lack basic resources like working equipment and enough beds.",
            "Cost savings come before quality every time.",
            "Money for improvement goes to external consultants instead of the front line.",
            "Without investment in equipment nothing will change.",
        ]),
        SeedTheme(name: "Fear of blame", kind: .barrier, sentences: [
            "People are afraid of being blamed if a new idea goes wrong.",
            "There is a blame culture, so nobody wants to take a risk.",
            "After an incident the first question is who is at fault, not what we can learn.",
            "The {role} fear disciplinary action if they try something new.",
            "Mistakes are punished so problems get hidden rather than fixed.",
            "Fear of complaints and litigation makes everyone play it safe.",
        ]),
        SeedTheme(name: "Silos and poor communication", kind: .barrier, sentences: [
            "Departments work in silos and do not talk to each other.",
            "Information gets lost at handover between teams.",
            "We hear about changes from rumours rather than from our managers.",
            "Emails about new policies arrive too late and are too long to read.",
            "The left hand does not know what the right hand is doing between wards.",
            "Communication between primary care and the hospital is poor.",
        ]),
        SeedTheme(name: "Resistance to change", kind: .barrier, sentences: [
            "Some colleagues say we have always done it this way and refuse to change.",
            "Change fatigue means people roll their eyes at every new initiative.",
            "Cynicism is strong because past initiatives were dropped after a month.",
            "Old habits are defended even when they clearly fail patients.",
            "People resist change because nobody explains why it is needed.",
            "Every reorganisation leaves staff more resistant to the next one.",
        ]),
        SeedTheme(name: "IT that gets in the way", kind: .barrier, sentences: [
            "The computer systems crash and we go back to paper.",
            "We log into six different IT systems that do not talk to each other.",
            "Slow computers waste time {place} every single shift.",
            "The electronic record is so clunky that it takes longer than paper.",
            "IT problems take weeks to fix and the helpdesk never answers.",
            "Passwords, logins and printers fail constantly.",
        ]),
        SeedTheme(name: "Targets over improvement", kind: .barrier, sentences: [
            "Targets drive everything, so long term improvement gets ignored.",
            "The four hour target matters more than what is right for the patient.",
            "Managers chase the numbers for the next board report.",
            "Short term targets mean every project must show results within weeks.",
            "We game the targets instead of improving care.",
            "Performance figures dominate every meeting.",
        ]),
        SeedTheme(name: "No skills for improvement", kind: .barrier, sentences: [
            "Nobody has taught us improvement methods like PDSA cycles.",
            "Staff do not know how to turn an idea into a project.",
            "Training budgets have been cut so skills are not developed.",
            "We lack the skills in data analysis to show that an idea works.",
            "Mandatory training crowds out any learning about improvement.",
            "New starters get no induction on how to suggest changes.",
        ]),
        SeedTheme(name: "Leaders who listen", kind: .buildingBlock, sentences: [
            "Good leaders walk the wards and listen to what staff say.",
            "Our matron listens to suggestions and backs us to try them.",
            "Leaders who ask what gets in the way make all the difference.",
            "When the chief executive visited {place} and listened, things started to move.",
            "Supportive managers who listen are the key to change.",
            "Leaders should hold open listening sessions every month.",
        ]),
        SeedTheme(name: "Permission to act", kind: .buildingBlock, sentences: [
            "Give front line staff permission to try small changes without asking.",
            "Empower the {role} to make decisions about their own work.",
            "We need the freedom to test ideas on a small scale.",
            "Trust staff to act and they will solve problems themselves.",
            "A simple permission to act card would empower everyone.",
            "Autonomy over how we organise the work would unlock ideas.",
        ]),
        SeedTheme(name: "Sharing what works", kind: .buildingBlock, sentences: [
            "Share good practice between wards so we do not reinvent the wheel.",
            "An online place to share ideas across the trust would help.",
            "Spread what works by sharing stories of successful projects.",
            "Team huddles are a good place to share ideas.",
            "We should learn from other hospitals that solved the same problem.",
            "A newsletter sharing ideas from the {role} would inspire others.",
        ]),
        SeedTheme(name: "Patients as partners", kind: .buildingBlock, sentences: [
            "Involve patients in designing services from the start.",
            "Listen to patient feedback and act on what they tell us.",
            "Patient stories at board meetings remind everyone why change matters.",
            "Carers and families have great ideas we never ask for.",
            "Co-design with patients makes changes stick.",
            "Patient representatives should sit on every improvement group.",
        ]),
        SeedTheme(name: "Coaching and development", kind: .buildingBlock, sentences: [
            "Coaching and mentoring for staff who want to lead change.",
            "Improvement training for every team, including the {role}.",
            "Development programmes that teach quality improvement skills.",
            "Shadowing other departments helps us learn new ways of working.",
            "Protected study days for learning improvement methods.",
            "A mentor who has led change before helps enormously.",
        ]),
        SeedTheme(name: "Working across boundaries", kind: .buildingBlock, sentences: [
            "Multidisciplinary teams working together solve problems faster.",
            "Joint meetings between nurses, doctors and porters build trust.",
            "Working across boundaries with social care keeps patients out of hospital.",
            "Team spirit and collaboration make change possible {place}.",
            "Shared goals across departments break down the walls.",
            "Cross team projects help us see the whole patient journey.",
        ]),
        SeedTheme(name: "Recognition", kind: .buildingBlock, sentences: [
            "Recognise and celebrate staff who improve things.",
            "A simple thank you from managers goes a long way.",
            "Awards for improvement projects motivate teams.",
            "Celebrate small wins so people see that change is possible.",
            "A mention in the staff bulletin for the {role} who try new ideas.",
            "Appreciation and praise keep people motivated.",
        ]),
        SeedTheme(name: "Protected time", kind: .buildingBlock, sentences: [
            "Protected time each week for improvement projects.",
            "Backfill so staff can be released to work on ideas.",
            "An hour a month set aside for the team to plan changes.",
            "Improvement days where routine work is covered.",
            "Dedicated sessions in the rota for quality improvement.",
            "Time out from clinical duties to test ideas properly.",
        ]),
        SeedTheme(name: "Data that shows impact", kind: .buildingBlock, sentences: [
            "Measure the impact so we can show that an idea works.",
            "Simple data on a dashboard helps teams track improvement.",
            "Evidence from audit convinces managers to support change.",
            "Run charts show whether a change is really an improvement.",
            "Access to data about our own ward would help us improve.",
            "Evaluate projects properly and publish the results.",
        ]),
        SeedTheme(name: "Networks of change agents", kind: .buildingBlock, sentences: [
            "Networks of change agents across the trust support each other.",
            "Connecting with people in other organisations who share our interests.",
            "A community of practice for improvement keeps the energy going.",
            "Social media connects the {role} who want to change the NHS.",
            "Meeting like minded colleagues at events gives new energy.",
            "Change champions on every ward, linked in a network.",
        ]),
        SeedTheme(name: "A shared purpose", kind: .buildingBlock, sentences: [
            "A clear shared purpose about patients unites everyone.",
            "When we agree on a common goal, change follows.",
            "A vision everyone understands helps us pull in the same direction.",
            "Remember that we all came into the NHS to care for patients.",
            "Shared values give us a reason to keep improving.",
            "A clear purpose for the team makes priorities obvious.",
        ]),
    ]

    /// Themes coders often take for one another: index → its confusable neighbour.
    static let confusable: [Int: Int] = [
        0: 17, 17: 0, 1: 10, 10: 1, 9: 14, 14: 9, 5: 15, 15: 5, 2: 8, 8: 2, 3: 0, 6: 4, 4: 6, 7: 3, 11: 10, 12: 19,
        19: 12, 13: 10, 16: 10, 18: 8, 20: 11,
    ]
}
