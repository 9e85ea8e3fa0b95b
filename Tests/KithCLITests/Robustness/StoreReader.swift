import Foundation

/// What a store holds, read straight from its files by a separate, deliberately simple reader
/// (docs/store-format.md): the snapshot, then the journal's transactions after `journalSeq`,
/// dropping a torn last line. The robustness tests compare it with what kith confirmed, so a
/// bug in kith's own loader cannot hide itself.
struct StoreContents {
    struct Person: Hashable {
        var name: String
        var tags: [String]
    }

    struct Interaction: Hashable {
        var people: [Int]
        var channel: String
        var date: String
        var topic: String?
    }

    var people: [Int: Person] = [:]
    var interactions: [Int: Interaction] = [:]
    var undoIDs: [Int] = []
    /// The `seq` of every journal transaction applied, in file order.
    var appliedSeqs: [Int] = []
    /// Whether the journal ended in a torn line (which kith ignores, with a warning).
    var tornTail = false
    /// Problems a correct store never has.
    var problems: [String] = []

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) throws -> StoreContents {
        var contents = StoreContents()
        var lastSeq = 0
        if let data = FileManager.default.contents(atPath: path) {
            guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw Unreadable(description: "\(path): not an object")
            }
            // Every version so far keeps names, tags and interactions as version 1 did.
            guard top["format"] as? String == "kith", (top["version"] as? Int ?? 0) >= 1 else {
                throw Unreadable(description: "\(path): not a kith store")
            }
            lastSeq = top["journalSeq"] as? Int ?? 0
            for person in top["people"] as? [[String: Any]] ?? [] { try contents.put(["person": person]) }
            for interaction in top["interactions"] as? [[String: Any]] ?? [] { try contents.put(["interaction": interaction]) }
            for entry in top["undo"] as? [[String: Any]] ?? [] { contents.undoIDs.append(entry["id"] as? Int ?? -1) }
        }
        let journal = FileManager.default.contents(atPath: path + ".journal").map(Array.init) ?? []
        var lines = journal.split(separator: 0x0A, omittingEmptySubsequences: false)
        if journal.last != 0x0A, !journal.isEmpty {
            contents.tornTail = true
            lines.removeLast()
        } else if !lines.isEmpty {
            lines.removeLast()  // the empty piece after the final newline
        }
        for (index, line) in lines.enumerated() {
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            guard let object, let seq = object["seq"] as? Int, let ops = object["ops"] as? [[String: Any]] else {
                if index == lines.count - 1, (try? JSONSerialization.jsonObject(with: Data(line))) == nil {
                    contents.tornTail = true  // complete but cut short: also a torn write
                    break
                }
                throw Unreadable(description: "\(path).journal:\(index + 1): not a transaction")
            }
            guard seq > lastSeq else { continue }  // already in the snapshot
            lastSeq = seq
            contents.appliedSeqs.append(seq)
            for op in ops { try contents.apply(op) }
        }
        contents.checkReferences()
        return contents
    }

    private mutating func apply(_ op: [String: Any]) throws {
        switch op["op"] as? String {
        case "put": try put(op)
        case "delete":
            let id = op["id"] as? Int ?? -1
            switch op["kind"] as? String {
            case "person": people[id] = nil
            case "interaction": interactions[id] = nil
            default: break
            }
        case "pushUndo":
            let id = (op["entry"] as? [String: Any])?["id"] as? Int ?? -1
            undoIDs.removeAll { $0 == id }
            undoIDs.append(id)
            if undoIDs.count > 20 { undoIDs.removeFirst(undoIDs.count - 20) }
        case "popUndo":
            let id = op["id"] as? Int ?? -1
            undoIDs.removeAll { $0 == id }
        case "owner": break
        default: throw Unreadable(description: "unknown op \(op)")
        }
    }

    private mutating func put(_ op: [String: Any]) throws {
        if let person = op["person"] as? [String: Any] {
            guard let id = person["id"] as? Int, let name = person["name"] as? String else {
                throw Unreadable(description: "bad person \(person)")
            }
            people[id] = Person(name: name, tags: person["tags"] as? [String] ?? [])
        } else if let interaction = op["interaction"] as? [String: Any] {
            guard let id = interaction["id"] as? Int, let ids = interaction["people"] as? [Int],
                  let channel = interaction["channel"] as? String, let date = interaction["date"] as? String else {
                throw Unreadable(description: "bad interaction \(interaction)")
            }
            interactions[id] = Interaction(people: ids, channel: channel, date: date, topic: interaction["topic"] as? String)
        }
    }

    private mutating func checkReferences() {
        for (id, interaction) in interactions {
            for person in interaction.people where people[person] == nil {
                problems.append("interaction \(id) names missing person \(person)")
            }
        }
        if appliedSeqs != appliedSeqs.sorted() || Set(appliedSeqs).count != appliedSeqs.count {
            problems.append("journal seqs out of order: \(appliedSeqs)")
        }
        if Set(undoIDs).count != undoIDs.count { problems.append("duplicate undo ids \(undoIDs)") }
    }

    /// People by name; a name held twice is a duplicated change.
    var peopleByName: [String: Person] {
        var byName: [String: Person] = [:]
        for person in people.values { byName[person.name] = person }
        return byName
    }

    var duplicateNames: [String] {
        Dictionary(grouping: people.values, by: \.name).filter { $0.value.count > 1 }.keys.sorted()
    }

    /// Interactions by topic (the workloads give each a unique one), with people as names.
    var interactionsByTopic: [String: [Interaction]] {
        Dictionary(grouping: interactions.values.filter { $0.topic != nil }, by: { $0.topic! })
    }

    func names(_ ids: [Int]) -> [String] {
        ids.map { people[$0]?.name ?? "#\($0)" }.sorted()
    }
}

/// Modes of the store's files and directory: everything private, whatever the umask.
func privacyProblems(storeDirectory: String) -> [String] {
    var problems: [String] = []
    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }
    if let dirMode = mode(storeDirectory), dirMode != 0o700 {
        problems.append("\(storeDirectory) has mode \(String(dirMode, radix: 8))")
    }
    for name in (try? FileManager.default.contentsOfDirectory(atPath: storeDirectory)) ?? [] {
        let path = storeDirectory + "/" + name
        if let fileMode = mode(path), fileMode != 0o600 { problems.append("\(name) has mode \(String(fileMode, radix: 8))") }
        let known = ["kith.json", "kith.json.journal", "kith.json.lock", "kith.json.image"].contains(name)
            || name.hasPrefix("kith.json.tmp-") || name.hasPrefix("kith.json.image.tmp-")
        if !known { problems.append("unexpected file \(name)") }
    }
    return problems
}
