import KithGraph
import KithTime

/// The built-in sample network behind `--demo`: Alex Morgan's contacts in Boston and beyond,
/// with six months of conversations up to `DemoNetwork.today`.
///
/// Everything is deterministic: the people, relations and reminders are literal tables below,
/// and the conversations come from simple rules (each person's usual gap between conversations
/// and the day of the latest one) jittered by a seeded SeededGenerator, so every call returns the
/// same graph. README examples and golden transcripts run against it.
///
/// Things the demo is built to show:
/// - one Diane (Diane Smith, a client at Acme in Boston, married to Robert "Bob" Stone), one
///   Carol, one Ruth, and two Sams (Sam Lee and Sam Ortiz) for the "Which Sam?" question;
/// - Diane last seen on 2026-03-09 (talk, "the Facebook post"), Bob on 2026-03-06 (call);
/// - eight people well overdue for their cadence (Marcus Webb, Zoë Laurent, Michael O'Brien,
///   Maya Goldberg, Laura Bianchi, Kenji Watanabe, Jonas Berg, Priya Natarajan), Sam Ortiz a
///   little overdue, and four never contacted (Noah Patel, Victor Huang, Patrick Nolan, Julia Rossi);
/// - birthdays soon after today (Bob on March 21, Carol on March 28, Emily on April 2) and one
///   on February 29 (Inês Carvalho).
///
/// Relations read as the model says, "`person` is `other`'s `kind`" (Diane is Bob's wife;
/// David is my manager, with `ownerID` as `other`). Introductions and referrals are always to
/// the owner: `introduced-by` / `referred-by` mean "`person` was introduced / referred to me by
/// `other`" (Carol introduced-by Diane: Diane introduced me to Carol). Only one direction of
/// each relation is stored; inverses (Bob is Diane's husband) are the reader's to derive.
public enum DemoNetwork {
    /// The demo's own "today", a Tuesday. No interaction is later than this.
    public static let today = CalendarDate(year: 2026, month: 3, day: 10)!

    /// The first day of the demo's conversation history.
    public static let historyStart = CalendarDate(year: 2025, month: 9, day: 10)!

    /// A fresh copy of the sample network. Ids: people 1…N in the order of the table below,
    /// interactions 1…M by date, relations and reminders in table order.
    public static func graph() -> Graph {
        var graph = Graph()
        graph.apply(.setOwner(Owner(name: "Alex Morgan", emails: ["alex.morgan@example.com"], phones: ["+1 555 0199"])))

        var ids: [String: RecordID] = ["me": ownerID]
        for (index, seed) in people.enumerated() {
            precondition(ids[seed.name] == nil, "demo: duplicate name \(seed.name)")
            ids[seed.name] = index + 1
        }
        func id(_ name: String) -> RecordID {
            guard let id = ids[name] else { preconditionFailure("demo: no person named \(name)") }
            return id
        }

        for (index, seed) in people.enumerated() {
            graph.apply(.put(.person(seed.person(id: index + 1))))
        }
        for (index, (person, kind, other)) in relations.enumerated() {
            graph.apply(.put(.relation(Relation(id: index + 1, person: id(person), kind: kind, other: id(other)))))
        }
        for interaction in schedule(id: id) {
            graph.apply(.put(.interaction(interaction)))
        }
        for (index, row) in reminders.enumerated() {
            var reminder = Reminder(id: index + 1, due: date(row.due), person: row.person.map(id), text: row.text)
            reminder.done = row.done
            reminder.recurrence = row.recurrence
            graph.apply(.put(.reminder(reminder)))
        }
        return graph
    }

    // MARK: - People

    /// One row of the people table. `every` is the usual number of days between conversations
    /// and `last` how many days before `today` the latest one was; without them the person is
    /// never contacted on their own (they may still appear in `groups` or `pinned`).
    private struct Seed {
        var name: String
        var aliases: [String] = []
        var tags: [String] = []
        var org: String? = nil
        var title: String? = nil
        var place: String? = nil
        var emails: [String] = []
        var phones: [String] = []
        /// `YYYY-MM-DD`, or `--MM-DD` without a year.
        var birthday: String? = nil
        var howMet: String? = nil
        var cadence: Int? = nil
        var added: String
        var every: Int? = nil
        var last: Int? = nil
        var topics: [String] = []
        var notes: [(date: String, text: String)] = []

        func person(id: RecordID) -> Person {
            var person = Person(id: id, name: name)
            person.aliases = aliases
            person.tags = tags
            person.org = org
            person.title = title
            person.place = place
            person.emails = emails
            person.phones = phones
            person.birthday = birthday.map { MonthDay(iso: $0)! }
            person.howMet = howMet
            person.cadenceDays = cadence
            person.notes = notes.map { Note(date: DemoNetwork.date($0.date), text: $0.text) }
            person.added = DemoNetwork.date(added)
            return person
        }

        /// Channels in rough order of likelihood for this person's circle.
        var channels: [String] {
            let local = place == "Boston" || place == "Cambridge"
            let first = tags.first ?? ""
            switch first {
            case "family", "inner circle": return ["talk", "call", "message", "talk", "video"]
            case "client": return ["meeting", "email", "call", "meeting", "video"]
            case "colleague": return local ? ["meeting", "talk", "message", "meeting"] : ["video", "email", "message", "video"]
            case "mentor", "investor": return ["meeting", "video", "email", "call"]
            case "neighbor": return ["talk", "message", "talk"]
            default: return local ? ["talk", "message", "call", "talk"] : ["video", "message", "call", "email"]
            }
        }
    }

    private static let people: [Seed] = [
        Seed(name: "Diane Smith", tags: ["client", "friend"], org: "Acme", title: "VP of Marketing",
             place: "Boston", emails: ["diane.smith@example.com", "diane@acme.example"], phones: ["+1 555 0101"], birthday: "1984-05-04",
             howMet: "the networking group", cadence: 14, added: "2024-02-12", every: 16, last: 12,
             topics: ["the partnership", "the podcast", "her marathon training", "the Q2 budget", "the Acme rebrand"],
             notes: [("2024-06-02", "has two kids"), ("2025-11-18", "training for the Boston marathon")]),
        Seed(name: "Robert Stone", aliases: ["Bob"], tags: ["friend", "inner circle"], org: "Globex",
             title: "Engineering Manager", place: "Boston", emails: ["bob.stone@example.org"], phones: ["+1 555 0102"],
             birthday: "1982-03-21", howMet: "through Diane", cadence: 7, added: "2024-03-02", every: 9, last: 11,
             topics: ["the ski trip", "his new team", "the Celtics game", "hiking in the White Mountains"],
             notes: [("2024-09-14", "loves hiking"), ("2026-01-12", "started managing a new team at Globex")]),
        Seed(name: "Carol Jones", tags: ["client"], org: "Initech", title: "Head of Operations",
             place: "Cambridge", emails: ["carol.jones@example.com"], phones: ["+1 555 0103"], birthday: "--03-28",
             howMet: "through Diane", cadence: 30, added: "2025-10-14", every: 21, last: 8,
             topics: ["the partnership", "the Initech contract", "the Q2 budget"],
             notes: [("2025-10-14", "prefers email to calls")]),
        Seed(name: "Ruth Park", tags: ["mentor", "inner circle"], org: "Harvard Business School",
             title: "Professor", place: "Cambridge", emails: ["ruth.park@example.org"], phones: ["+1 555 0104"],
             birthday: "1958-11-12", howMet: "college", cadence: 30, added: "2023-05-20", every: 30, last: 19,
             topics: ["her book", "my career plans", "the leadership course"],
             notes: [("2025-12-01", "writing a book on leadership")]),
        Seed(name: "Sam Lee", tags: ["colleague"], org: "Stark Labs", title: "Product Designer",
             place: "Boston", emails: ["sam.lee@example.com"], phones: ["+1 555 0105"], birthday: "--07-19",
             cadence: 14, added: "2024-08-19", every: 8, last: 1,
             topics: ["the design review", "the onboarding flow", "the Q2 budget"]),
        Seed(name: "Sam Ortiz", tags: ["neighbor", "friend"], place: "Boston", emails: ["sam.ortiz@example.org"],
             phones: ["+1 555 0106"], cadence: 30, added: "2023-09-03", every: 24, last: 38,
             topics: ["his garden", "the snow plowing"],
             notes: [("2025-10-02", "has a dog named Biscuit")]),
        Seed(name: "Zoë Laurent", tags: ["friend"], org: "Globex", title: "Data Scientist", place: "London",
             emails: ["zoe.laurent@example.org"], birthday: "--06-14", howMet: "college", cadence: 30,
             added: "2023-01-15", every: 35, last: 78, topics: ["her new job", "life in London"],
             notes: [("2025-09-20", "moved to London in the summer")]),
        Seed(name: "José Álvarez", tags: ["client"], org: "Umbrella Health", title: "Director of Procurement",
             place: "San Francisco", emails: ["jose.alvarez@example.com"], phones: ["+1 555 0108"],
             howMet: "the expo", cadence: 30, added: "2025-04-09", every: 21, last: 15,
             topics: ["the pilot program", "the renewal", "the procurement process"],
             notes: [("2025-11-05", "vegetarian"), ("2026-01-28", "coaches his son's soccer team")]),
        Seed(name: "Linda Morgan", aliases: ["Mom"], tags: ["family", "inner circle"], place: "Boston",
             emails: ["linda.morgan@example.org"], phones: ["+1 555 0109"], birthday: "1956-09-30",
             cadence: 7, added: "2023-01-01", every: 9, last: 5,
             topics: ["the garden", "her book club", "Dad's knee"]),
        Seed(name: "Peter Morgan", aliases: ["Dad"], tags: ["family"], place: "Boston", phones: ["+1 555 0110"],
             birthday: "1954-01-17", cadence: 14, added: "2023-01-01", every: 18, last: 9,
             topics: ["the Red Sox", "his woodworking", "the knee surgery"]),
        Seed(name: "Emily Morgan", aliases: ["Em"], tags: ["family", "inner circle"], org: "Umbrella Health",
             title: "Pediatrician", place: "Cambridge", emails: ["emily.morgan@example.org"], phones: ["+1 555 0111"],
             birthday: "1988-04-02", cadence: 7, added: "2023-01-01", every: 8, last: 3,
             topics: ["Nora's school play", "her new job", "the holidays"],
             notes: [("2026-01-20", "started a new job at Umbrella Health")]),
        Seed(name: "Tom Becker", tags: ["family"], org: "Initech", title: "Software Engineer", place: "Cambridge",
             emails: ["tom.becker@example.org"], birthday: "1986-02-11", added: "2023-01-01", every: 60, last: 30,
             topics: ["the house renovation"]),
        Seed(name: "Nora Becker", tags: ["family"], place: "Cambridge", birthday: "2017-08-09", added: "2023-01-01"),
        Seed(name: "Marcus Webb", tags: ["client"], org: "Globex", title: "Procurement Lead", place: "New York",
             emails: ["marcus.webb@example.com"], phones: ["+1 555 0114"], howMet: "through Bob", cadence: 30,
             added: "2025-06-11", every: 25, last: 64, topics: ["the Globex contract", "the pricing proposal"],
             notes: [("2025-09-30", "budget decisions happen in January")]),
        Seed(name: "Priya Natarajan", tags: ["investor", "mentor"], org: "Harbor Ventures", title: "Partner",
             place: "San Francisco", emails: ["priya@example.com"], birthday: "--12-03", howMet: "through Ruth",
             cadence: 90, added: "2024-11-04", every: 60, last: 165, topics: ["the seed round", "the board deck"],
             notes: [("2025-09-26", "invests in health-tech startups")]),
        Seed(name: "David Kim", tags: ["colleague"], org: "Stark Labs", title: "VP of Engineering", place: "Boston",
             emails: ["david.kim@example.com"], phones: ["+1 555 0116"], birthday: "--09-12", cadence: 7,
             added: "2024-08-19", every: 7, last: 0,
             topics: ["the roadmap", "my performance review", "the Q2 budget", "the hiring plan"]),
        Seed(name: "Hannah Schmidt", tags: ["colleague"], org: "Stark Labs", title: "Research Lead", place: "Berlin",
             emails: ["hannah.schmidt@example.com"], birthday: "--10-30", added: "2024-10-07", every: 30, last: 13,
             topics: ["the Berlin launch", "the research results"]),
        Seed(name: "Lukas Müller", tags: ["friend"], place: "Berlin", emails: ["lukas.mueller@example.org"],
             howMet: "college", added: "2023-02-10", every: 60, last: 40, topics: ["his band", "the Berlin marathon"]),
        Seed(name: "Inês Carvalho", tags: ["friend"], place: "Lisbon", emails: ["ines.carvalho@example.org"],
             birthday: "1992-02-29", howMet: "a conference in Lisbon", added: "2024-05-23", every: 45, last: 26,
             topics: ["her startup", "surfing in Ericeira"],
             notes: [("2025-10-18", "surfs every weekend")]),
        Seed(name: "Chloé Martin", tags: ["client"], org: "Acme", title: "Brand Director", place: "New York",
             emails: ["chloe.martin@example.com"], phones: ["+1 555 0120"], howMet: "through Diane", cadence: 30,
             added: "2025-03-17", every: 28, last: 22, topics: ["the Acme rebrand", "the New York event"]),
        Seed(name: "Ben Carter", tags: ["neighbor", "friend"], place: "Boston", emails: ["ben.carter@example.org"],
             phones: ["+1 555 0121"], birthday: "--10-05", added: "2023-06-30", every: 20, last: 6,
             topics: ["the fence", "his dog"]),
        Seed(name: "Olivia Chen", tags: ["friend", "inner circle"], org: "Umbrella Health", title: "Product Manager",
             place: "San Francisco", emails: ["olivia.chen@example.org"], phones: ["+1 555 0122"], birthday: "1989-07-22",
             howMet: "college", cadence: 14, added: "2023-01-20", every: 12, last: 5,
             topics: ["the podcast", "her promotion", "the college reunion"],
             notes: [("2026-02-18", "launched a podcast about product management")]),
        Seed(name: "Michael O'Brien", aliases: ["Mike"], tags: ["client"], org: "Initech", title: "CFO",
             place: "Boston", emails: ["michael.obrien@example.com"], phones: ["+1 555 0123"], howMet: "the expo",
             cadence: 30, added: "2025-05-14", every: 22, last: 95, topics: ["the Q2 budget", "the invoice"],
             notes: [("2025-12-05", "his daughter is applying to colleges")]),
        Seed(name: "Aisha Rahman", tags: ["colleague"], org: "Stark Labs", title: "Staff Engineer", place: "Boston",
             emails: ["aisha.rahman@example.com"], birthday: "1994-05-17", added: "2024-08-19", every: 15, last: 4,
             topics: ["the API migration", "the on-call rotation"]),
        Seed(name: "Daniel Novak", tags: ["investor"], org: "Harbor Ventures", title: "Principal", place: "New York",
             emails: ["daniel.novak@example.com"], howMet: "through Priya", cadence: 90, added: "2025-01-22",
             every: 70, last: 33, topics: ["the Series A", "the market map"]),
        Seed(name: "Grace Thompson", tags: ["client"], org: "Umbrella Health", title: "COO", place: "Boston",
             emails: ["grace.thompson@example.com"], phones: ["+1 555 0126"], howMet: "through José", cadence: 30,
             added: "2025-11-03", every: 26, last: 10, topics: ["the pilot program", "the hospital rollout"]),
        Seed(name: "Kenji Watanabe", tags: ["friend"], place: "San Francisco", emails: ["kenji.watanabe@example.org"],
             phones: ["+1 555 0127"], birthday: "--08-30", howMet: "college", cadence: 30, added: "2023-01-20",
             every: 30, last: 140, topics: ["his startup"],
             notes: [("2025-10-21", "thinking about moving back to Tokyo")]),
        Seed(name: "Fatima Benali", tags: ["colleague"], org: "Globex", title: "Analytics Manager", place: "London",
             emails: ["fatima.benali@example.com"], added: "2024-01-08", every: 90, last: 55, topics: ["her new job"]),
        Seed(name: "Rachel Adler", tags: ["client"], org: "Globex", title: "Head of Partnerships", place: "New York",
             emails: ["rachel.adler@example.com"], phones: ["+1 555 0129"], howMet: "the networking group", cadence: 30,
             added: "2025-02-26", every: 24, last: 17, topics: ["the Globex renewal", "the workshop"]),
        Seed(name: "Miguel Fernández", tags: ["friend"], place: "San Francisco", emails: ["miguel.fernandez@example.org"],
             howMet: "the networking group", added: "2024-04-11", every: 50, last: 47,
             topics: ["the networking group", "his photography"]),
        Seed(name: "Anna Kowalski", tags: ["neighbor"], place: "Boston", phones: ["+1 555 0131"], birthday: "--04-22",
             added: "2023-09-03", every: 40, last: 12, topics: ["her cat", "the building repairs"]),
        Seed(name: "Ethan Brooks", tags: ["client"], org: "Acme", title: "Sales Director", place: "Boston",
             emails: ["ethan.brooks@example.com"], phones: ["+1 555 0132"], howMet: "through Diane", cadence: 30,
             added: "2025-07-08", every: 28, last: 25, topics: ["the sales kickoff", "the partnership"]),
        Seed(name: "Laura Bianchi", tags: ["friend"], place: "London", emails: ["laura.bianchi@example.org"],
             birthday: "1990-06-06", howMet: "college", cadence: 30, added: "2023-01-20", every: 30, last: 110,
             topics: ["her wedding", "the London trip"],
             notes: [("2025-11-20", "getting married in June")]),
        Seed(name: "Omar Haddad", tags: ["client"], org: "Initech", title: "Product Lead", place: "San Francisco",
             emails: ["omar.haddad@example.com"], phones: ["+1 555 0134"], howMet: "through Diane", cadence: 30,
             added: "2025-08-25", every: 30, last: 20, topics: ["the integration", "the pricing proposal"]),
        Seed(name: "Sophie Wagner", tags: ["colleague", "friend"], org: "Stark Labs", title: "Designer",
             place: "Berlin", emails: ["sophie.wagner@example.com"], birthday: "--11-08", added: "2024-10-07",
             every: 20, last: 9, topics: ["the design system", "the Berlin launch"]),
        Seed(name: "Noah Patel", org: "Umbrella Health", title: "Data Engineer", emails: ["noah.patel@example.com"],
             howMet: "the expo", added: "2025-11-20"),
        Seed(name: "Isabel Santos", tags: ["client"], org: "Umbrella Health", title: "Clinic Director",
             place: "Lisbon", emails: ["isabel.santos@example.com"], howMet: "through Inês", cadence: 30,
             added: "2025-06-30", every: 30, last: 16, topics: ["the Lisbon clinic", "the pilot program"]),
        Seed(name: "Jonas Berg", tags: ["investor"], org: "Harbor Ventures", title: "Venture Partner", place: "London",
             emails: ["jonas.berg@example.com"], howMet: "through Priya", cadence: 90, added: "2025-03-03",
             every: 90, last: 150, topics: ["the fund's thesis"]),
        Seed(name: "Maya Goldberg", tags: ["friend"], place: "New York", emails: ["maya.goldberg@example.org"],
             phones: ["+1 555 0139"], birthday: "--01-25", howMet: "college", cadence: 14, added: "2023-01-20",
             every: 20, last: 70, topics: ["her new apartment", "the college reunion"],
             notes: [("2025-12-30", "has a new apartment in Brooklyn")]),
        Seed(name: "Chris Walker", tags: ["neighbor"], place: "Boston", phones: ["+1 555 0140"], added: "2024-02-02",
             every: 45, last: 30, topics: ["the parking permits"]),
        Seed(name: "Elena Petrova", tags: ["mentor"], org: "Globex", title: "Chief Strategy Officer", place: "London",
             emails: ["elena.petrova@example.com"], howMet: "the networking group", cadence: 90, added: "2024-06-17",
             every: 45, last: 41, topics: ["my career plans", "the Globex strategy"]),
        Seed(name: "Victor Huang", tags: ["client"], org: "Acme", title: "Regional Manager", place: "San Francisco",
             emails: ["victor.huang@example.com"], phones: ["+1 555 0142"], howMet: "the expo", cadence: 30,
             added: "2026-03-02"),
        Seed(name: "Amelia Clarke", tags: ["friend"], place: "London", emails: ["amelia.clarke@example.org"],
             added: "2024-07-01", every: 75, last: 60, topics: ["her new job"]),
        Seed(name: "Jamal Wright", tags: ["friend"], place: "Boston", emails: ["jamal.wright@example.org"],
             phones: ["+1 555 0144"], birthday: "1987-12-19", howMet: "the networking group", added: "2024-02-12",
             every: 30, last: 27, topics: ["the networking group", "his startup idea"]),
        Seed(name: "François Dubois", tags: ["client"], org: "Globex", title: "Account Director", place: "London",
             emails: ["francois.dubois@example.com"], howMet: "the expo", cadence: 90, added: "2025-04-09",
             every: 45, last: 52, topics: ["the Globex contract"]),
        Seed(name: "Lena Wagner", tags: ["friend"], place: "Berlin", emails: ["lena.wagner@example.org"],
             howMet: "through Sophie", added: "2025-02-14", every: 60, last: 34, topics: ["her art show"]),
        Seed(name: "Patrick Nolan", tags: ["neighbor"], place: "Boston", phones: ["+1 555 0147"], added: "2025-12-12"),
        Seed(name: "Julia Rossi", org: "Initech", title: "Recruiter", place: "New York",
             emails: ["julia.rossi@example.com"], howMet: "the expo", added: "2025-11-20"),
    ]

    // MARK: - Relations

    /// (person, kind, other): "person is other's kind"; "me" is the owner.
    private static let relations: [(String, String, String)] = [
        ("Diane Smith", "wife", "Robert Stone"),
        ("Linda Morgan", "wife", "Peter Morgan"),
        ("Tom Becker", "husband", "Emily Morgan"),
        ("Linda Morgan", "mother", "me"),
        ("Peter Morgan", "father", "me"),
        ("Emily Morgan", "sister", "me"),
        ("Nora Becker", "daughter", "Emily Morgan"),
        ("Nora Becker", "daughter", "Tom Becker"),
        ("Sophie Wagner", "sister", "Lena Wagner"),
        ("Olivia Chen", "friend", "Maya Goldberg"),
        ("Kenji Watanabe", "friend", "Olivia Chen"),
        ("Ben Carter", "friend", "Sam Ortiz"),
        ("Robert Stone", "friend", "me"),
        ("Sam Lee", "colleague", "Aisha Rahman"),
        ("Hannah Schmidt", "colleague", "Sophie Wagner"),
        ("Ethan Brooks", "colleague", "Diane Smith"),
        ("Chloé Martin", "colleague", "Diane Smith"),
        ("Grace Thompson", "colleague", "José Álvarez"),
        ("Carol Jones", "colleague", "Michael O'Brien"),
        ("David Kim", "manager", "me"),
        ("David Kim", "manager", "Aisha Rahman"),
        ("Ruth Park", "mentor", "me"),
        ("Elena Petrova", "mentor", "me"),
        ("Robert Stone", "introduced-by", "Diane Smith"),
        ("Carol Jones", "introduced-by", "Diane Smith"),
        ("Chloé Martin", "introduced-by", "Diane Smith"),
        ("Priya Natarajan", "introduced-by", "Ruth Park"),
        ("Daniel Novak", "introduced-by", "Priya Natarajan"),
        ("Jonas Berg", "introduced-by", "Priya Natarajan"),
        ("Lena Wagner", "introduced-by", "Sophie Wagner"),
        ("Ethan Brooks", "referred-by", "Diane Smith"),
        ("Omar Haddad", "referred-by", "Diane Smith"),
        ("Marcus Webb", "referred-by", "Robert Stone"),
        ("Grace Thompson", "referred-by", "José Álvarez"),
        ("Isabel Santos", "referred-by", "Inês Carvalho"),
    ]

    // MARK: - Reminders

    private static let reminders: [(due: String, person: String?, text: String, done: Bool, recurrence: String?)] = [
        ("2026-02-20", "Diane Smith", "send Diane the podcast link", true, nil),
        ("2026-03-03", "Michael O'Brien", "follow up on the Q2 budget proposal", false, nil),
        ("2026-03-06", "Carol Jones", "send Carol the partnership deck", false, nil),
        ("2026-03-13", "Kenji Watanabe", "check in with Kenji about his move", false, nil),
        ("2026-03-17", nil, "book the team offsite", false, nil),
        ("2026-03-21", "Robert Stone", "call Bob for his birthday", false, "yearly"),
    ]

    // MARK: - Conversations

    /// Conversations with several people: members, usual gap in days, days before `today` of
    /// the latest one, channels and topics.
    private static let groups: [(members: [String], every: Int, last: Int, channels: [String], topics: [String])] = [
        (["Diane Smith", "Robert Stone"], 21, 17, ["talk"], ["the ski trip", "their kitchen renovation", "the kids' school"]),
        (["Linda Morgan", "Peter Morgan"], 21, 2, ["talk", "video"], ["the garden", "Dad's knee", "the family reunion"]),
        (["Emily Morgan", "Tom Becker"], 40, 10, ["talk"], ["the house renovation", "the holidays"]),
        (["Emily Morgan", "Tom Becker", "Nora Becker"], 45, 24, ["talk"], ["Nora's school play", "the science fair"]),
        (["Sam Lee", "Aisha Rahman"], 28, 7, ["meeting"], ["the Q2 budget", "the design review", "the roadmap"]),
        (["Hannah Schmidt", "Sophie Wagner"], 35, 6, ["video"], ["the Berlin launch", "the hiring plan"]),
        (["Ben Carter", "Sam Ortiz", "Anna Kowalski"], 45, 45, ["talk"], ["the block party", "the new bike lane"]),
        (["Carol Jones", "Michael O'Brien"], 40, 100, ["meeting"], ["the Q2 budget", "the Initech contract"]),
        (["José Álvarez", "Grace Thompson"], 35, 24, ["meeting", "video"], ["the pilot program", "the hospital rollout"]),
    ]

    /// Conversations the README and golden tests rely on, exactly as given.
    private static let pinned: [(date: String, people: [String], channel: String, topic: String?)] = [
        ("2025-10-14", ["Diane Smith", "Carol Jones"], "meeting", "the partnership"),
        ("2025-11-03", ["José Álvarez", "Grace Thompson"], "meeting", "the pilot program"),
        ("2026-03-06", ["Robert Stone"], "call", "the ski trip"),
        ("2026-03-09", ["Diane Smith"], "talk", "the Facebook post"),
    ]

    private struct Draft {
        var date: CalendarDate
        var people: [RecordID]
        var channel: String
        var topic: String?
    }

    private struct DayKey: Hashable {
        var person: RecordID
        var day: Int
    }

    /// Pinned conversations first, then group ones, then each person's own; a person has at most
    /// one conversation a day, none before they were added and none outside the history window.
    private static func schedule(id: (String) -> RecordID) -> [Interaction] {
        var drafts: [Draft] = []
        var busy: Set<DayKey> = []
        let added = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($0.offset + 1, date($0.element.added)) })

        func add(_ date: CalendarDate, _ members: [RecordID], _ channel: String, _ topic: String?) {
            var date = date
            // Meetings happen on weekdays: move a weekend one back to the Friday.
            if channel == "meeting", date.weekday.rawValue >= Weekday.saturday.rawValue {
                date = date.adding(days: Weekday.friday.rawValue - date.weekday.rawValue)
            }
            guard historyStart <= date, date <= today,
                  members.allSatisfy({ added[$0]! <= date && !busy.contains(DayKey(person: $0, day: date.daysSinceEpoch)) })
            else { return }
            for member in members { busy.insert(DayKey(person: member, day: date.daysSinceEpoch)) }
            drafts.append(Draft(date: date, people: members, channel: channel, topic: topic))
        }

        /// Dates from `today - last` back to the start of history, about `every` days apart.
        func walk(every: Int, last: Int, rng: inout SeededGenerator, _ body: (CalendarDate, inout SeededGenerator) -> Void) {
            var date = today.adding(days: -last)
            let spread = every / 4
            while date >= historyStart {
                body(date, &rng)
                date = date.adding(days: -(every + rng.int(-spread...spread)))
            }
        }

        func topic(_ topics: [String], _ rng: inout SeededGenerator) -> String? {
            rng.percent(50) && !topics.isEmpty ? rng.pick(topics) : nil
        }

        for row in pinned {
            add(date(row.date), row.people.map(id), row.channel, row.topic)
        }
        for (index, group) in groups.enumerated() {
            var rng = SeededGenerator(seed: 0x6B17_6000 &+ UInt64(index))
            walk(every: group.every, last: group.last, rng: &rng) { date, rng in
                add(date, group.members.map(id), rng.pick(group.channels), topic(group.topics, &rng))
            }
        }
        for (index, seed) in people.enumerated() {
            guard let every = seed.every, let last = seed.last else { continue }
            var rng = SeededGenerator(seed: 0x6B17_0000 &+ UInt64(index + 1))
            walk(every: every, last: last, rng: &rng) { date, rng in
                add(date, [index + 1], rng.pick(seed.channels), topic(seed.topics, &rng))
            }
        }

        // A person appears at most once a day, so (date, first person) orders drafts totally.
        drafts.sort { ($0.date, $0.people[0]) < ($1.date, $1.people[0]) }
        return drafts.enumerated().map { index, draft in
            Interaction(id: index + 1, date: draft.date, people: draft.people, channel: draft.channel, topic: draft.topic)
        }
    }

    private static func date(_ iso: String) -> CalendarDate {
        guard let date = CalendarDate(iso: iso) else { preconditionFailure("demo: bad date \(iso)") }
        return date
    }
}
