/// The second way an intent reads a line, for the lines no template matches: not the shape of a
/// sentence but what it must contain, in any order, among any other words Kith can account for.
///
/// After MycroftAI's Adapt: an intent *requires* some vocabulary and takes more *optionally*. A
/// frame is written in its intent's file:
///
/// ```
/// frame:
///   need: {person}
///   need: when | last time | how long
///   take: {channel}
///   never: not | never
///   say: when did I last talk to {person}
/// ```
///
/// - `need:` one of these must be in the line: a phrase, `<rule>` (every phrasing the shared
///   rule allows) or `{slot}` (an entity found by the slot's kind: a known person, a time, a list
///   entry…). Every `need:` line must be met, each by its own words.
/// - `take:` the same, optional: used when present, filling its slot or explaining its words.
/// - `never:` phrases that rule the frame out ("who haven't I talked to" is never `contacted`).
/// - `say:` how a suggestion built from this frame reads, its slots filled with what the line said.
///
/// `FrameReader` decides how well each frame reads a line; docs/intents.md explains the scoring.
public struct Frame: Hashable, Sendable {
    /// One thing a `need:` or `take:` line accepts.
    public enum Cue: Hashable, Sendable {
        /// Words, as tokens ("last", "time").
        case phrase([String])
        /// An entity filling a slot; `type` is a slot kind's name or a list's name.
        case slot(type: String, name: String)
        /// Words, then free text filling a slot up to a time expression or the end of the line
        /// ("about {topic}").
        case lead([String], type: String, name: String)
    }

    /// One `need:` or `take:` line: any of its cues meets it.
    public struct Group: Hashable, Sendable {
        public let cues: [Cue]
        /// The line as written, for `why`.
        public let source: String
        public let line: Int
    }

    /// A `say:` line: literal text with `{slot}` holes.
    public struct Saying: Hashable, Sendable {
        public let text: String
        /// The slots it names, in order.
        public let slots: [String]
    }

    public let needs: [Group]
    public let takes: [Group]
    public let never: [[String]]
    public let sayings: [Saying]
    public let file: String
    /// The line of the `frame:` header.
    public let line: Int

    public init(needs: [Group], takes: [Group], never: [[String]], sayings: [Saying], file: String, line: Int) {
        self.needs = needs
        self.takes = takes
        self.never = never
        self.sayings = sayings
        self.file = file
        self.line = line
    }

    /// Every slot a cue of this frame can fill.
    var slotNames: Set<String> {
        var names: Set<String> = []
        for group in needs + takes {
            for cue in group.cues {
                switch cue {
                case .slot(_, let name), .lead(_, _, let name): names.insert(name)
                case .phrase: break
                }
            }
        }
        return names
    }
}

extension Frame.Saying {
    /// Parses "when did I last talk to {person}".
    init(_ text: String) {
        var slots: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            slots.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        self.init(text: text, slots: slots)
    }

    /// The saying with its holes filled; nil when a hole has no value.
    public func filled(_ values: [String: String]) -> String? {
        var text = self.text
        for slot in slots {
            guard let value = values[slot] else { return nil }
            text = text.replacingFirst("{\(slot)}", with: value)
        }
        return text
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}

extension Pattern {
    /// Every word sequence a slot-free pattern matches ("talk [to | with]" → talk, talk to,
    /// talk with); nil when it holds a slot or a rule.
    var phrasings: [[String]]? {
        switch self {
        case .word(let word): return [[word]]
        case .fixed, .slot, .rule: return nil
        case .choice(let options):
            var all: [[String]] = []
            for option in options {
                guard let some = option.phrasings else { return nil }
                all += some
            }
            return all
        case .sequence(let items):
            var all: [[String]] = [[]]
            for item in items {
                guard let some = item.phrasings else { return nil }
                all = all.flatMap { prefix in some.map { prefix + $0 } }
            }
            return all
        }
    }
}
