import KithGraph
import KithLanguage

/// Teaching the user: `help` by theme, `help TOPIC`, and how to begin on an empty store. The
/// words come from the catalogue (`_help.intent` and each intent's `theme:`, `about:` and
/// examples); here they are only laid out, to `Options.width`.
extension Conversation {
    func help(_ request: Request) -> Answer {
        // The topic is a name from the list `_help.intent`'s topics make (`Catalogue.topicList`).
        let topic = request.canonical(.topic).flatMap(catalogue.help.topic(named:))
        return Answer(question: request.question, intent: request.intent,
                      text: topic.map(helpPage) ?? helpOverview())
    }

    /// `help`: each theme as its title and what it is for, with a few examples.
    func helpOverview() -> String {
        let book = catalogue.help
        var layout = Phrasing.Layout(width: options.width)
        layout.paragraph(book.intro.isEmpty ? "Ask me about your people in plain English." : book.intro)
        for theme in book.themes {
            layout.blank()
            layout.paragraph("\(theme.title): \(theme.about)")
            for example in theme.examples { layout.paragraph(example, indent: 2, hanging: 4) }
        }
        // Intents no theme lists (or every intent, from a folder without _help.intent).
        let themes = Set(book.themes.map(\.name))
        let others = catalogue.intents.filter { intent in
            intent.name != "help" && !(intent.theme.map(themes.contains) ?? false)
        }
        if !others.isEmpty {
            layout.blank()
            layout.paragraph(book.themes.isEmpty ? "For example:" : "Also:")
            for intent in others {
                layout.paragraph(intent.examples.first?.sentence ?? intent.name, indent: 2, hanging: 4)
                layout.paragraph(intent.about, indent: 6)
            }
        }
        if !book.topics.isEmpty {
            layout.blank()
            layout.paragraph("For more examples and tips, " + topicsSentence)
        }
        return layout.text
    }

    /// "say help and a topic — touch, logging, … or names — such as help dates."
    private var topicsSentence: String {
        let topics = catalogue.help.topics
        guard let example = topics.first(where: { !$0.isTheme }) ?? topics.first else {
            return "say help to see what I understand."
        }
        return "say help and a topic — " + Phrasing.list(topics.map(\.name), or: true)
            + " — such as help \(example.name)."
    }

    /// `help TOPIC`: what it is for; a theme's intents, each with what it does and its first
    /// examples (those the theme shows first lead), or a topic's examples; then the tips.
    func helpPage(_ topic: HelpBook.Topic) -> String {
        var layout = Phrasing.Layout(width: options.width)
        layout.paragraph("\(topic.title): \(topic.about)")
        if topic.isTheme {
            var intents = catalogue.intents.filter { $0.theme == topic.name }
            // The intents of the theme's own examples first, in their order.
            let leading = topic.examples.compactMap { reading(of: $0)?.intent }
            intents.sort { a, b in
                let ia = leading.firstIndex(of: a.name) ?? leading.count, ib = leading.firstIndex(of: b.name) ?? leading.count
                return ia != ib ? ia < ib : a.name < b.name
            }
            for intent in intents {
                layout.blank()
                layout.paragraph(intent.about)
                for example in intent.examples.prefix(3) { layout.paragraph(example.sentence, indent: 2, hanging: 4) }
            }
        } else if !topic.examples.isEmpty {
            layout.blank()
            layout.paragraph("For example:")
            for example in topic.examples { layout.paragraph(example, indent: 2, hanging: 4) }
        }
        if !topic.tips.isEmpty {
            layout.blank()
            layout.paragraph("Tips:")
            // Consecutive "left | right" tips make a table, set apart from the bullets of the others.
            var rows: [[String]] = []
            var bullets = false
            for tip in topic.tips {
                let cells = tip.split(separator: "|", maxSplits: 1).map { String($0).trimmed }
                if cells.count == 2 {
                    if bullets { layout.blank() }
                    rows.append(cells)
                    bullets = false
                } else {
                    if !rows.isEmpty {
                        layout.table(rows)
                        layout.blank()
                        rows = []
                    }
                    layout.paragraph("• " + tip, indent: 2, hanging: 4)
                    bullets = true
                }
            }
            if !rows.isEmpty { layout.table(rows) }
        }
        return layout.text
    }

    // MARK: - An empty store

    /// Questions about your people in general. On a store with nobody in it their answers would
    /// be empty lists and zeros ("You've talked to everyone"); they say how to begin instead.
    static let peopleQuestions: Set<String> = [
        "not_contacted", "contacted", "reach_out", "closest", "birthdays", "find_people", "count", "network_health",
        "referrals", "search_notes", "path",
    ]

    /// How to begin, for a store with nobody in it: the first lines to type (`_help.intent`'s
    /// `start:`), and `help`. The REPL greets an empty store with it too, with a sentence of its
    /// own before (`opening`) and after (`closing`).
    public func gettingStarted(opening: String? = nil, closing: String? = nil) -> String {
        var layout = Phrasing.Layout(width: options.width)
        let start = catalogue.help.start
        layout.paragraph((opening.map { $0 + " " } ?? "") + "Nobody is in your store yet."
                         + (start.isEmpty ? "" : " To begin, try:"))
        for line in start { layout.paragraph(line, indent: 2, hanging: 4) }
        layout.paragraph((start.isEmpty ? "Type" : "or type") + " help for everything I understand."
                         + (closing.map { " " + $0 } ?? ""))
        return layout.text
    }

    /// Whether the store has nobody in it.
    public var storeIsEmpty: Bool { graph.people.isEmpty }
}
