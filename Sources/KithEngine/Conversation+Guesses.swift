import KithGraph
import KithLanguage
import KithTime

/// Guesses, said out loud: a command Kith read only by forgiving a slip in a command word or by
/// a frame is confirmed before it changes anything, and a line Kith could not read gets numbered
/// readings built from what it did find (the person, the period, the nearest intents).
extension Conversation {
    /// Whether the reading came from a fallback (a forgiven slip, a frame, one part of the line)
    /// rather than a template reading the whole line exactly.
    static func isGuess(_ recognition: Recognition) -> Bool {
        recognition.typos > 0 || recognition.reader != .template
    }

    /// A guessed command, asked back in the REPL ("Log a call with Robert Stone on Fri Mar 6?
    /// (yes/no)"); elsewhere the line fails and names the reading it would have made, so a script
    /// is never changed by a guess. `--yes` does not answer for a guess: it confirms deletions the
    /// user asked for, not readings Kith is unsure of.
    func guessConfirmation(for request: Request) -> Answer? {
        guard Self.changingIntents.contains(request.intent), Self.isGuess(request.recognition) else { return nil }
        let reading = restatement(of: request)
        if options.interactive {
            pending = .confirm(request)
            return Answer(question: request.question, intent: request.intent, text: reading.capitalisedFirst + "? (yes/no)")
        }
        return failure(request, .needsConfirmation,
                       "I'm not sure I read that right, so nothing changed. I read it as: \"\(reading)\" — say it that way to do it.")
    }

    /// The request in Kith's own words: the intent's `say:` line that names the most of its slots,
    /// filled with the resolved values ("log a call with Robert Stone on Fri Mar 6").
    func restatement(of request: Request) -> String {
        var values: [String: String] = [:]
        for (slot, value) in request.recognition.slots {
            values[slot] = spoken(slot, value, names: request.resolvedNames[slot])
        }
        return saying(for: request.intent, values: values)
            ?? ([request.intent.replacingUnderscores] + values.keys.sorted().map { "\($0) \(values[$0]!)" }).joined(separator: ", ")
    }

    /// The intent's best `say:` line for these values: every hole filled, the most holes first.
    func saying(for intent: String, values: [String: String]) -> String? {
        let sayings = catalogue.intent(named: intent)?.frame?.sayings ?? []
        return sayings.filter { $0.slots.allSatisfy { values[$0] != nil } }
            .max { $0.slots.count < $1.slots.count }?
            .filled(values)
    }

    /// A slot's value as a person would say it in a sentence.
    func spoken(_ slot: String, _ value: SlotValue, names: [String]?) -> String {
        if let names, !names.isEmpty { return Phrasing.list(names) }
        switch value {
        case .text(let text): return text
        case .names(let list): return Phrasing.list(list)
        case .time(.day(let day)): return spokenDay(day)
        case .time(.period(let period)):
            if period.start == period.end { return spokenDay(period.start) }
            if period.end == today { return "since " + Phrasing.monthDay(period.start, today: today) }
            return "from " + Phrasing.monthDay(period.start, today: today) + " to " + Phrasing.monthDay(period.end, today: today)
        case .canonical(let canonical): return slot == "channel" ? Phrasing.noun(canonical) : canonical
        case .number(let n): return slot == "cadence" ? CadenceParser.spoken(n) : String(n)
        }
    }
}

extension Conversation {
    /// A day as the time expressions read it back: "today", "yesterday", "on Mar 6".
    func spokenDay(_ day: CalendarDate) -> String {
        if day == today { return "today" }
        if day == today.adding(days: -1) { return "yesterday" }
        if day == today.adding(days: 1) { return "tomorrow" }
        return "on " + Phrasing.monthDay(day, today: today)
    }
}

extension Phrasing {
    /// "Mar 6", with the year when it is not this one ("Dec 12 2025").
    static func monthDay(_ day: CalendarDate, today: CalendarDate) -> String {
        shortMonths[day.month - 1] + " " + String(day.day) + (day.year == today.year ? "" : " " + String(day.year))
    }
}

// MARK: - Did you mean

extension Conversation {
    /// Up to three readings of a line Kith could not read, in Kith's own words: first the frames
    /// that read it but not well enough to act on, then those that found part of what they need
    /// (the person, the period) — each with the user's own people, never the demo's.
    func didYouMean(_ question: String) -> [String] {
        let gazetteer = GraphGazetteer(graph: graph, ordinaryWords: ordinaryWords)
        let reader = FrameReader(matcher: matcher)
        // Partial readings that explain as much are offered in the catalogue's suggestion order.
        let order = Dictionary(catalogue.suggestionOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let partial = reader.readings(question, today: today, gazetteer: gazetteer, partially: true)
            .enumerated().sorted { a, b in
                if a.element.explained != b.element.explained { return a.element.explained > b.element.explained }
                let (x, y) = (order[a.element.recognition.intent] ?? .max, order[b.element.recognition.intent] ?? .max)
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
        let readings = reader.readings(question, today: today, gazetteer: gazetteer) + partial
        var chosen: [String] = []
        var intents: Set<String> = []
        for reading in readings where !Self.contextIntents.contains(reading.recognition.intent) {
            let recognition = reading.recognition
            guard !intents.contains(recognition.intent) else { continue }
            var values: [String: String] = [:]
            for (slot, value) in recognition.slots {
                let names = Self.names(in: value, slot: slot, catalogue: catalogue).compactMap { name -> String? in
                    if case .person(let id) = graph.resolve(name: name) { return graph.people[id]?.name }
                    return nil
                }
                values[slot] = spoken(slot, value, names: names.isEmpty ? nil : names)
            }
            guard let sentence = saying(for: recognition.intent, values: values), !chosen.contains(sentence) else { continue }
            intents.insert(recognition.intent)
            chosen.append(sentence)
            if chosen.count == 3 { break }
        }
        return chosen
    }
}

extension String {
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
