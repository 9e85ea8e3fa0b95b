/// The words reference stores are made of: names from many places (some with accents and
/// apostrophes, as real address books have), organisations, cities, titles and topics.
enum Vocabulary {
    /// "Van_der_Berg" → "Van der Berg": the lists below are split on spaces.
    private static func words(_ item: Substring) -> String { String(item.map { $0 == "_" ? " " : $0 }) }

    static let firstNames: [String] = """
        Aaron Abigail Adam Adrian Aisha Alan Albert Alejandro Alex Alexander Alexandra Alice Alicia \
        Alison Amanda Amara Amelia Amir Amy Ana Andrea Andrew Angela Anika Anna Anne Anthony Antoine \
        Arjun Arthur Ashley Astrid Aurora Ava Ayesha Barbara Beatriz Ben Benjamin Bianca Björn Brandon \
        Brian Bruno Caleb Camila Carla Carlos Carmen Caroline Catherine Cecilia Charles Charlotte \
        Chen Chiara Chloé Chris Christina Christopher Claire Clara Colin Connor Daniel Daniela David \
        Deborah Derek Diana Diego Dmitri Elena Eli Elif Elijah Elizabeth Ella Emily Emma Eric Erik \
        Esther Ethan Eva Evelyn Fatima Felipe Felix Fernando Fiona Francesca François Freya Gabriel \
        Gabriela George Grace Greta Hana Hannah Harper Harry Hassan Heather Helen Henry Hiroshi Hugo \
        Ian Ibrahim Imani Inês Ingrid Isaac Isabel Isabella Ivan Jack Jacob James Jamal Jane Janet \
        Jasmine Jason Javier Jennifer Jessica Joanna Joel John Jonas Jonathan Jordan Jorge José Joseph \
        Joshua Julia Julian Juliette Justin Kai Karen Karim Katherine Keiko Kenji Kevin Kim Kwame \
        Laila Lars Laura Lauren Leah Leila Leo Leon Liam Lily Linda Lisa Lucas Lucía Luis Luka \
        Madeline Magdalena Malik Marco Margaret María Mariam Mark Marta Martin Mary Mateo Matthew Maya \
        Mehmet Mei Mia Michael Michelle Miguel Mohammed Nadia Naomi Natalia Nathan Nia Nicholas Nicole \
        Nikhil Nina Noah Nora Olga Oliver Olivia Omar Oscar Pablo Patricia Patrick Paul Paula Pedro \
        Peter Philip Priya Rachel Rafael Rahul Raj Rebecca Renée Ricardo Richard Robert Rosa Ruth Ryan \
        Sakura Samantha Samuel Sandra Sara Sarah Sean Sebastian Sergei Sofia Sophie Søren Stephanie \
        Steven Susan Takeshi Tanya Thomas Tim Tobias Tomás Valentina Vanessa Victor Victoria Vikram \
        William Xavier Yara Yusuf Zainab Zoë Zofia Łukasz
        """.split(separator: " ").map(String.init)

    static let lastNames: [String] = """
        Abbott Acosta Adams Adeyemi Agarwal Ahmed Alexander Ali Allen Almeida Alvarez Andersen Anderson \
        Andrews Armstrong Arnold Bailey Baker Banerjee Barnes Bauer Baxter Becker Bell Bennett Berg \
        Bergström Bianchi Bishop Black Blake Boyd Bradley Brennan Brooks Brown Bryant Burke Burns Butler \
        Campbell Carlsson Carter Carvalho Castillo Castro Chan Chang Chapman Chen Cho Clark Cohen Cole \
        Collins Cooper Costa Cox Crawford Cruz Cunningham Da_Silva Dalton Daniels Das Davies Davis Dean \
        Delgado Diaz Dixon Dubois Duncan Dunn Edwards Elliott Ellis Evans Fernandes Fernández Ferrari \
        Fischer Fisher Fitzgerald Fleming Flores Ford Foster Fox Francis Freeman Fujita García Gardner \
        Gibson Gill Gomez Gonzalez Gordon Graham Grant Gray Green Greene Gupta Hall Hamilton Hansen \
        Harper Harris Hart Hayes Henderson Hernández Hill Hoffmann Holmes Hossain Howard Huang Hughes \
        Hunt Hussain Ibrahim Ivanova Jackson James Jansen Jenkins Jensen Johansson Johnson Jones Jordan \
        Joshi Kang Kapoor Keller Kelly Kennedy Khan Kim King Klein Knight Kobayashi Kowalski Kozlov \
        Kumar Lambert Larsen Laurent Lawrence Lee Lefèvre Lewis Li Lim Lin Liu Long Lopez Lund Martin \
        Martínez Mason Matthews Mehta Meyer Miller Mitchell Moore Morales Moreau Morgan Morris Müller \
        Murphy Murray Nakamura Nguyen Nilsson Novak Nowak O'Brien O'Connor O'Neil Okafor Olsen Ortiz \
        Owens Palmer Park Patel Pereira Perez Perry Peters Petrov Phillips Pierce Popescu Porter Powell \
        Price Quinn Ramirez Rao Reed Reid Reyes Richards Richardson Rivera Roberts Robinson Rodríguez \
        Rogers Romano Rossi Russell Ryan Saito Sánchez Santos Sato Schmidt Schneider Schulz Scott Shah \
        Shapiro Sharma Shaw Silva Simmons Singh Smith Sokolov Sørensen Stewart Stone Sullivan Suzuki \
        Svensson Tanaka Taylor Thomas Thompson Torres Tran Turner Van_der_Berg Vargas Verma Wagner Walker \
        Wallace Walsh Wang Ward Watanabe Watson Weber Webb Wells White Williams Wilson Wood Wright Wu \
        Yamamoto Yang Young Zhang Zhao Zimmermann
        """.split(separator: " ").map(words)

    /// Nicknames people go by, stored as aliases.
    static let nicknames: [String: [String]] = [
        "Robert": ["Bob", "Rob"], "William": ["Bill", "Will"], "Elizabeth": ["Liz", "Beth"],
        "Katherine": ["Kate", "Katie"], "Michael": ["Mike"], "Alexander": ["Sasha", "Xander"],
        "Alexandra": ["Sasha", "Lexi"], "Christopher": ["Chris"], "Jonathan": ["Jon"], "Nicholas": ["Nick"],
        "Samantha": ["Sam"], "Samuel": ["Sam"], "Benjamin": ["Ben"], "Matthew": ["Matt"], "Daniel": ["Dan"],
        "Margaret": ["Maggie", "Peggy"], "Victoria": ["Vicky"], "Joseph": ["Joe"], "Anthony": ["Tony"],
        "Richard": ["Rick", "Dick"], "Patricia": ["Patty", "Trish"], "Rebecca": ["Becky"],
        "Jennifer": ["Jen"], "Jessica": ["Jess"], "Steven": ["Steve"], "Thomas": ["Tom"],
        "Francesca": ["Frankie"], "Gabriela": ["Gabi"], "Isabella": ["Bella"], "Valentina": ["Vale"],
    ]

    /// Word stems and suffixes that make organisation names ("Northwind Labs").
    static let orgStems: [String] = """
        Acme Globex Initech Umbrella Northwind Contoso Fabrikam Hooli Soylent Stark Wayne Wonka Tyrell \
        Cyberdyne Aperture Black_Mesa Vandelay Pied_Piper Massive_Dynamic Oscorp Gringotts Monarch \
        Blue_Harbor Red_Cedar Silver_Lake Granite Summit Pioneer Beacon Harbor Lighthouse Evergreen \
        Riverstone Brightline Clearwater Ironwood Keystone Lakeside Meridian Northstar Oakridge \
        Pinnacle Quantum Redwood Sequoia Skyline Starling Sunrise Tidewater Trailhead Westbrook \
        Willow Zenith Atlas Orbit Kestrel Falcon Juniper Maple Copper Ember Polaris Helix Vertex
        """.split(separator: " ").map(words)

    static let orgSuffixes = ["", " Labs", " Systems", " Health", " Partners", " Capital", " Media",
                              " Foods", " Logistics", " Studio", " Bank", " University", " Energy",
                              " Robotics", " Consulting", " Foundation"]

    static let cities: [String] = [
        "Boston", "New York", "London", "San Francisco", "Berlin", "Paris", "Toronto", "Cambridge",
        "Chicago", "Seattle", "Lisbon", "Amsterdam", "Madrid", "Barcelona", "Tokyo", "Singapore",
        "Sydney", "Melbourne", "Austin", "Denver", "Portland", "Los Angeles", "Montréal", "Vancouver",
        "Dublin", "Edinburgh", "Manchester", "Stockholm", "Copenhagen", "Oslo", "Helsinki", "Zürich",
        "Vienna", "Prague", "Warsaw", "Kraków", "Budapest", "Rome", "Milan", "Munich", "Hamburg",
        "Brussels", "Geneva", "Mexico City", "São Paulo", "Buenos Aires", "Bogotá", "Lima",
        "Santiago", "Cape Town", "Nairobi", "Lagos", "Cairo", "Istanbul", "Tel Aviv", "Dubai",
        "Mumbai", "Bangalore", "Delhi", "Seoul", "Osaka", "Kyoto", "Shanghai", "Hong Kong", "Taipei",
        "Bangkok", "Jakarta", "Manila", "Auckland", "Wellington", "Philadelphia", "Washington",
        "Atlanta", "Miami", "Minneapolis", "Pittsburgh", "Baltimore", "Providence", "Somerville",
        "Brookline", "Newton", "Quincy", "Salem", "Worcester", "Burlington", "Ithaca", "Ann Arbor",
        "Madison", "Boulder", "Santa Fe", "Phoenix", "San Diego", "Oakland", "Berkeley", "Palo Alto",
        "Sacramento", "Salt Lake City", "Nashville", "New Orleans", "Raleigh", "Charlotte",
    ]

    static let titles: [String] = [
        "Software Engineer", "Senior Engineer", "Engineering Manager", "CTO", "CEO", "COO", "Founder",
        "Product Manager", "Designer", "Data Scientist", "Researcher", "Professor", "Teacher",
        "Nurse", "Doctor", "Lawyer", "Accountant", "Consultant", "Analyst", "Architect", "Chef",
        "Journalist", "Editor", "Writer", "Photographer", "Recruiter", "Sales Director",
        "Account Executive", "Marketing Lead", "VP of Marketing", "Head of Operations", "Investor",
        "Partner", "Student", "Musician", "Coach", "Pharmacist", "Civil Engineer", "Economist",
        "Policy Advisor",
    ]

    static let howMet: [String] = [
        "at the expo", "through work", "at university", "at the climbing gym", "introduced by a friend",
        "on a flight", "at a conference", "in the neighborhood", "at a wedding", "through the book club",
        "the networking group", "at a hackathon", "at school", "through my sister", "on a hiking trip",
    ]

    static let topics: [String] = [
        "the partnership", "the podcast", "their new job", "the hiking trip", "the Q2 budget",
        "the launch", "the offer", "their move", "the wedding", "the book club pick", "the conference",
        "the contract", "hiring", "the kids", "the marathon", "the fundraiser", "the rebrand",
        "holiday plans", "the apartment", "the new team", "the investor update", "the roadmap",
        "the renovation", "the garden", "the championship game", "the recipe", "the road trip",
        "a job lead", "the introduction", "the referral", "feedback on the deck", "the workshop",
    ]

    static let noteTexts: [String] = [
        "has two kids", "loves hiking", "moving to Berlin in the spring", "allergic to nuts", "vegetarian",
        "training for a marathon", "just had a baby", "prefers email to calls", "plays the cello",
        "studying Japanese", "big fan of the Celtics", "looking for a new role", "runs a book club",
        "recently promoted", "building a cabin", "learning to sail", "has a dog called Biscuit",
        "coffee, not tea", "speaks Portuguese", "writing a novel",
    ]

    static let emailDomains = ["gmail.com", "outlook.com", "fastmail.com", "proton.me", "icloud.com", "yahoo.com"]

    /// Tags and how often a person carries each (independently).
    static let tags: [(tag: String, share: Double)] = [
        ("friend", 0.25), ("colleague", 0.18), ("client", 0.08), ("former colleague", 0.06),
        ("school", 0.05), ("neighbor", 0.03), ("family", 0.03), ("book club", 0.02), ("climbing", 0.02),
        ("partner", 0.02), ("mentor", 0.01), ("investor", 0.01), ("recruiter", 0.01), ("press", 0.005),
    ]

    static let reminderTexts: [String] = [
        "follow up", "send the intro email", "call back", "send birthday wishes", "return the book",
        "share the article", "ask about the offer", "send the proposal", "check in", "book lunch",
    ]
}
