import KithTime

/// Two intents that read the same sentence equally well: the ranking would pick one by name
/// order alone, which is almost always a template bug.
public struct Overlap: Hashable, Sendable, CustomStringConvertible {
    public let sentence: String
    public let first: SentenceTemplate
    public let firstIntent: String
    public let second: SentenceTemplate
    public let secondIntent: String

    public var description: String {
        "\"\(sentence)\" matches \(firstIntent) (\(first.file):\(first.line)) and \(secondIntent) "
            + "(\(second.file):\(second.line)) equally well"
    }
}

extension Catalogue {
    /// Sample sentences generated from every template (alternatives taken in turn, slots filled
    /// with typical values) plus every example, each checked against all intents.
    ///
    /// Generation is bounded (`samplesPerTemplate`), so this finds the overlaps ordinary
    /// sentences hit rather than proving there are none. Tests fail on any overlap.
    public func overlaps(samplesPerTemplate: Int = 48) -> [Overlap] {
        let matcher = Matcher(catalogue: self)
        var sentences: [String] = intents.flatMap { $0.examples.map(\.sentence) }
        for intent in intents {
            for template in intent.sentences {
                sentences += samples(of: template.pattern, limit: samplesPerTemplate)
            }
        }
        var found: [Overlap] = []
        var reported: Set<[String]> = []
        for sentence in sentences {
            let ranked = matcher.recognize(sentence, today: examplesToday)
            guard let top = ranked.first else { continue }
            for other in ranked.dropFirst() where other.score == top.score && other.intent != top.intent {
                let key = [top.intent, other.intent, top.template.source, other.template.source]
                if reported.insert(key).inserted {
                    found.append(Overlap(sentence: sentence, first: top.template, firstIntent: top.intent,
                                         second: other.template, secondIntent: other.intent))
                }
            }
        }
        return found
    }

    /// Up to `limit` sentences the pattern accepts.
    func samples(of pattern: Pattern, limit: Int) -> [String] {
        (0..<limit).map { variant in
            var counter = variant
            return render(pattern, variant: &counter).joined(separator: " ")
        }.reduce(into: []) { unique, sentence in
            if !unique.contains(sentence) { unique.append(sentence) }
        }
    }

    /// Renders one sentence, using `variant` as a mixed-radix counter over the choices met.
    private func render(_ pattern: Pattern, variant: inout Int) -> [String] {
        switch pattern {
        case .word(let word):
            return [word]
        case .sequence(let items):
            return items.flatMap { render($0, variant: &variant) }
        case .choice(let options):
            let pick = variant % options.count
            variant /= options.count
            return render(options[pick], variant: &variant)
        case .slot(let type, _):
            return [sampleValue(type: type)]
        case .fixed, .rule:
            return []
        }
    }

    private func sampleValue(type: String) -> String {
        switch slotKinds[type] ?? .list(type) {
        case .period: return "last week"
        case .upcoming: return "next week"
        case .date: return "yesterday"
        case .due: return "tomorrow"
        case .name: return "Diane"
        case .names: return "Diane and Bob"
        case .label: return "Globex"
        case .text: return "Acme"
        case .number: return "3"
        case .cadence: return "every 2 weeks"
        case .path: return "contacts.vcf"
        case .list(let name):
            return lists[name]?.entries.first?.phrasings.first?.joined(separator: " ") ?? name
        }
    }
}
