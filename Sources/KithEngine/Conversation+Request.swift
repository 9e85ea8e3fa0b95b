import KithGraph
import KithLanguage
import KithTime

extension Conversation {
    /// A recognised line with its slots resolved against the graph.
    public struct Request: Sendable {
        public let question: String
        public let recognition: Recognition
        /// The slots the intent runs with: the line's, completed by `Conversation.complete` with
        /// what the engine fills in for the ones left out (defaults, the person a reminder names)
        /// and settles differently from how they were said.
        var slots: [String: SlotValue]
        /// Why a slot holds what the line didn't say, by slot: "default", "named in the text".
        var notes: [String: String] = [:]
        /// Resolved people per name slot (`person`, `people`).
        var people: [String: [RecordID]] = [:]
        /// Why a reminder is linked to nobody although its text names someone: "Sam could be
        /// Sam Lee or Sam Ortiz".
        var unlinked: String?

        init(question: String, recognition: Recognition) {
            self.question = question
            self.recognition = recognition
            slots = recognition.slots
        }

        public var intent: String { recognition.intent }

        func text(_ slot: Slot) -> String? {
            if case .text(let t)? = slots[slot.rawValue] { return t }
            return nil
        }

        func canonical(_ slot: Slot) -> String? {
            if case .canonical(let c)? = slots[slot.rawValue] { return c }
            return nil
        }

        func period(_ slot: Slot = .period) -> Period? {
            if case .time(let value)? = slots[slot.rawValue] { return value.period }
            return nil
        }

        func day(_ slot: Slot) -> CalendarDate? {
            if case .time(.day(let d))? = slots[slot.rawValue] { return d }
            return nil
        }

        func number(_ slot: Slot) -> Int? {
            if case .number(let n)? = slots[slot.rawValue] { return n }
            return nil
        }

        func person(_ slot: Slot = .person) -> RecordID? { people[slot.rawValue]?.first }

        /// Slots in the contract's JSON shapes, in a stable order.
        var jsonSlots: [(String, JSONValue)] { resolvedSlots.map { ($0.0, $0.1) } }

        /// Slot name, JSON value — names replaced by the resolved full names, and every slot the
        /// engine filled in included.
        public var resolvedSlots: [(String, JSONValue)] {
            slots.keys.sorted().map { key in
                (key, Self.json(slots[key]!, resolved: resolvedNames[key]))
            }
        }

        /// Full names for resolved name slots (set by the conversation).
        var resolvedNames: [String: [String]] = [:]

        static func json(_ value: SlotValue, resolved: [String]?) -> JSONValue {
            if let resolved {
                if case .names = value { return .array(resolved.map(JSONValue.string)) }
                return .string(resolved.first ?? "")
            }
            switch value {
            case .text(let t): return .string(t)
            case .names(let n): return .array(n.map(JSONValue.string))
            case .canonical(let c): return .string(c)
            case .number(let n): return .number(n)
            case .time(.day(let d)): return .string(d.iso)
            case .time(.period(let p)):
                return .object([("start", .string(p.start.iso)), ("end", .string(p.end.iso))])
            }
        }
    }
}

extension Conversation.Request {
    /// An indented dump of the understanding, for `kith parse`, with the slots the engine
    /// filled in marked:
    /// ```
    /// not_contacted  (not_contacted.intent:6: who <not> I <reach> [{period}])
    /// ├─ channel: call
    /// └─ period: 2026-03-01..2026-03-10 (default)
    /// ```
    public var tree: String { tree(rewrites: []) }

    /// The tree, with what the matcher rewrote before matching as its last branches.
    func tree(rewrites: [String], sources: [String: String] = [:]) -> String {
        let template = recognition.template
        var lines = ["\(intent)  (\(template.file):\(template.line): \(template.source))"]
        let keys = slots.keys.sorted()
        for key in keys {
            let value = slots[key]!
            var shown = value.rendered
            if let names = resolvedNames[key], names.joined(separator: ", ") != shown {
                shown += " → " + names.joined(separator: ", ")
            }
            if let note = notes[key] { shown += " (\(note))" }
            if let source = sources[key] { shown += " ← " + source }
            lines.append("\(key): \(shown)")
        }
        lines += recognition.notes + rewrites
        for i in 1..<lines.count {
            lines[i] = (i == lines.count - 1 ? "└─ " : "├─ ") + lines[i]
        }
        return lines.joined(separator: "\n")
    }
}

