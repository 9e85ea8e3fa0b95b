/// What `help` shows, from the intents folder's `_help.intent` (docs/intents.md, "Help"): the
/// first lines to type on an empty store, and the topics. A topic is a theme — `help` lists the
/// intents under the themes their files name (`theme: reminders`) — or a page of its own
/// (`help dates`).
public struct HelpBook: Hashable, Sendable {
    public struct Topic: Hashable, Sendable {
        /// What `help NAME` asks for, and what an intent's `theme:` names.
        public let name: String
        /// Whether `help` lists it as a theme of intents; else it is a page only.
        public let isTheme: Bool
        public let title: String
        /// One line: what the theme is for.
        public let about: String
        /// Other words that ask for it ("help remind", "help follow-ups").
        public let words: [String]
        /// A few sentences Kith understands, shown under the heading.
        public let examples: [String]
        /// The tips its page ends with, one paragraph each.
        public let tips: [String]
        public let line: Int

        public init(name: String, isTheme: Bool, title: String, about: String, words: [String],
                    examples: [String], tips: [String], line: Int) {
            self.name = name
            self.isTheme = isTheme
            self.title = title
            self.about = about
            self.words = words
            self.examples = examples
            self.tips = tips
            self.line = line
        }
    }

    /// The first line of `help`.
    public let intro: String
    /// Lines a newcomer can type first (add someone, log a conversation, import contacts).
    public let start: [String]
    /// In the order `help` shows them.
    public let topics: [Topic]

    public init(intro: String = "", start: [String] = [], topics: [Topic] = []) {
        self.intro = intro
        self.start = start
        self.topics = topics
    }

    public var themes: [Topic] { topics.filter(\.isTheme) }

    public func topic(named name: String) -> Topic? {
        topics.first { $0.name == name }
    }
}

extension Catalogue {
    /// The file holding what `help` shows (`HelpBook`); a folder without one has no themes.
    public static let helpFileName = "_help.intent"

    /// What `help` shows: themes, topics and the first lines for a new user.
    public var help: HelpBook { details.wrapped.help }

    /// The synonym list of `help`'s topics, made from `_help.intent`: each topic's name, title
    /// and words read as its name (`help [me] [with] {help_topic:topic}`), and nothing else reads
    /// as a topic, so "help me write a speech" is no request for help.
    public static let helpTopicList = "help_topic"

    static func topicList(_ book: HelpBook, errors: inout [CatalogueError]) -> SynonymList {
        var owner: [[String]: String] = [:]
        return SynonymList(name: helpTopicList, entries: book.topics.map { topic in
            var phrasings: [[String]] = []
            for phrase in [topic.name, topic.title] + topic.words {
                let words = Tokenizer.tokenize(phrase).map(\.word)
                guard !words.isEmpty else { continue }
                if let other = owner[words], other != topic.name {
                    errors.append(CatalogueError(file: helpFileName, line: topic.line, column: 1,
                                                 message: "'\(phrase)' asks for both '\(other)' and '\(topic.name)'"))
                } else if owner.updateValue(topic.name, forKey: words) == nil {
                    phrasings.append(words)
                }
            }
            return SynonymList.Entry(canonical: topic.name, phrasings: phrasings)
        })
    }

    /// Reads `_help.intent`:
    /// ```
    /// intro: Ask me about your people in plain English.
    /// start:
    ///   add Diane Smith as a friend
    /// theme reminders:
    ///   title: Reminders
    ///   about: Follow-ups you promised, and birthdays coming up.
    ///   words: reminder, remind, follow-ups
    ///   examples:
    ///     remind me to follow up with Diane next Tuesday
    ///   tips:
    ///     A reminder that names someone you know is linked to them.
    /// topic dates:
    ///   …
    /// ```
    static func helpBook(from text: String, errors: inout [CatalogueError]) -> HelpBook {
        let file = SectionedFile(name: helpFileName, text: text)
        errors += file.errors
        var topics: [Topic] = []
        typealias Topic = HelpBook.Topic
        // Sections in the order written: the order `help` shows.
        let headers = file.sectionNames.compactMap { name in file.sectionHeader(name).map { (name, $0) } }
        for (section, header) in headers where section != "start" {
            let parts = section.split(separator: " ")
            guard parts.count == 2, parts[0] == "theme" || parts[0] == "topic", TemplateParser.isName(String(parts[1])) else {
                errors.append(header.error("expected 'start:', 'theme NAME:' or 'topic NAME:'"))
                continue
            }
            var values: [String: String] = [:]
            var lists: [String: [String]] = [:]
            var list: String?
            for line in file.section(section) {
                if line.indent > 2, let list {
                    lists[list, default: []].append(line.text)
                } else if line.indent == 2, line.text.hasSuffix(":"), ["examples", "tips"].contains(String(line.text.dropLast())) {
                    list = String(line.text.dropLast())
                } else if line.indent == 2, let (key, value) = line.split(on: ":"), ["title", "about", "words"].contains(key) {
                    list = nil
                    values[key] = value
                } else {
                    errors.append(line.error("expected 'title:', 'about:', 'words:', 'examples:' or 'tips:' (items indented below)"))
                }
            }
            guard let title = values["title"], !title.isEmpty else {
                errors.append(header.error("'\(parts[1])' has no 'title:'"))
                continue
            }
            let words = (values["words"] ?? "").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            topics.append(Topic(name: String(parts[1]), isTheme: parts[0] == "theme", title: title,
                                about: values["about"] ?? "", words: words, examples: lists["examples"] ?? [],
                                tips: lists["tips"] ?? [], line: header.number))
        }
        for name in Set(topics.map(\.name)) where topics.filter({ $0.name == name }).count > 1 {
            let line = topics.last { $0.name == name }!.line
            errors.append(CatalogueError(file: helpFileName, line: line, column: 1, message: "topic '\(name)' is defined twice"))
        }
        return HelpBook(intro: file.value("intro")?.valueText ?? "", start: file.section("start").map(\.text),
                        topics: topics)
    }
}
