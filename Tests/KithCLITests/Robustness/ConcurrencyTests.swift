import Foundation
import KithText
import Testing

/// Several `kith` processes on one store at once, compacting every few transactions so that
/// compactions keep happening while others append.
@Suite struct ConcurrencyTests {
    static let today = "2026-03-10"

    static func count(in line: String?) -> Int? {
        guard let line, let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["count"] as? Int
    }

    static func isConfirmation(_ line: String?, _ prefix: String) -> Bool {
        guard let line, let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["error"] == nil && (object["text"] as? String)?.hasPrefix(prefix) == true
    }

    /// Sessions take turns: one writes, and then another — a long-running script session or a
    /// fresh one-shot — asks, and must already see the change.
    @Test func everySessionSeesOthersChangesByItsNextQuestion() throws {
        let steps = Stress.count("LOCKSTEP_STEPS", short: 60, long: 600)
        var rng = SeededGenerator(seed: Stress.seed &+ 2)
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json").path
        let environment = ["KITH_COMPACT_EVERY": "3"]
        let arguments = ["run", "-", "--json", "--store", store, "--today", Self.today]
        let sessions = try (0..<3).map { _ in try KithChild(arguments, environment: environment) }
        var answered = [Int](repeating: 0, count: sessions.count)
        /// Sends a line to session `index` and returns its answer.
        func ask(_ index: Int, _ line: String) throws -> String {
            try #require(sessions[index].send(line + "\n"))
            answered[index] += 1
            let lines = try #require(sessions[index].waitForLines(answered[index]), "session \(index) stopped: \(line)")
            return lines[answered[index] - 1]
        }
        var people: [String] = []
        var conversations = 0
        for step in 0..<steps {
            let writer = Int.random(in: 0..<sessions.count, using: &rng)
            let logging = !people.isEmpty && Bool.random(using: &rng)
            if logging {
                let name = people.randomElement(using: &rng)!
                let answer = try ask(writer, "I talked to \(name) today about item \(step)")
                try #require(Self.isConfirmation(answer, "Logged "), "\(answer)")
                conversations += 1
            } else {
                let name = "Person L\(step)"
                let answer = try ask(writer, "add \(name)")
                try #require(Self.isConfirmation(answer, "Added "), "\(answer)")
                people.append(name)
            }
            let question = logging ? "how many conversations did I have this year" : "how many people do I know"
            let expected = logging ? conversations : people.count
            // Another session, or a new process, asks next.
            if Int.random(in: 0..<4, using: &rng) == 0 {
                let result = try KithProcess.run(["ask", "--json", "--store", store, "--today", Self.today, question])
                #expect(Self.count(in: result.stdout) == expected, "step \(step): a new process saw \(result.stdout)")
            } else {
                let reader = (writer + Int.random(in: 1..<sessions.count, using: &rng)) % sessions.count
                let answer = try ask(reader, question)
                #expect(Self.count(in: answer) == expected, "step \(step): session \(reader) saw \(answer)")
            }
        }
        for (index, session) in sessions.enumerated() {
            let exit = session.wait()
            #expect(exit.status == 0 && !exit.signalled, "session \(index): \(exit.stderr)")
            #expect(exit.stderr == "", "session \(index)")
        }
        Stress.report("lockstep: \(steps) writes by 3 sessions, each followed by a question from another session or process")
    }

    /// Writers run flat out at once — script sessions and a chain of one-shot `kith ask`s —
    /// while a reader keeps asking. Nothing is lost or duplicated; the reader's counts never go
    /// back and always include every change confirmed before it asked.
    @Test func concurrentWritersLoseAndDuplicateNothing() throws {
        let perWriter = Stress.count("WRITES_PER_WRITER", short: 40, long: 700)
        let oneShots = max(10, perWriter / 4)
        var rng = SeededGenerator(seed: Stress.seed &+ 3)
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json").path
        let environment = ["KITH_COMPACT_EVERY": "5"]
        let arguments = ["run", "-", "--json", "--store", store, "--today", Self.today]

        // Each script writer adds its own people and logs conversations with them.
        var expectedPeople: Set<String> = []
        var expectedTopics: [String: [String]] = [:]
        var scripts: [[String]] = []
        for writer in 0..<3 {
            var own: [String] = []
            var lines: [String] = []
            for index in 0..<perWriter {
                if own.isEmpty || Int.random(in: 0..<3, using: &rng) > 0 {
                    let name = "Person W\(writer)N\(index)"
                    own.append(name)
                    expectedPeople.insert(name)
                    lines.append("add \(name)")
                } else {
                    let with = Array(own.shuffled(using: &rng).prefix(2)).sorted()
                    let topic = "item W\(writer)N\(index)"
                    expectedTopics[topic] = with
                    lines.append("I talked to \(with.joined(separator: " and ")) today about \(topic)")
                }
            }
            scripts.append(lines)
        }
        let writers = try scripts.map { lines in
            let child = try KithChild(arguments, environment: environment)
            child.send(lines.joined(separator: "\n") + "\n")
            child.closeInput()
            return child
        }
        // One-shot writers, one process per change, on their own thread.
        let oneShotNames = (0..<oneShots).map { "Person A\($0)" }
        expectedPeople.formUnion(oneShotNames)
        let oneShotsDone = Flag()
        let oneShotResults = try Thread.detachNewThreadAndWait {
            defer { oneShotsDone.set() }
            return try oneShotNames.map { name -> (Bool, String) in
                let child = try KithChild(["ask", "--json", "--store", store, "--today", Self.today, "add \(name)"],
                                          environment: environment)
                let exit = child.wait()
                return (exit.status == 0 && Self.isConfirmation(exit.stdout, "Added "), exit.stdout + exit.stderr)
            }
        }

        // The reader asks until every writer is done.
        let reader = try KithChild(arguments, environment: environment)
        var readings: [(confirmedBefore: Int, answer: Int?)] = []
        func confirmedSoFar() -> Int {
            writers.enumerated().reduce(0) { sum, writer in
                sum + writer.element.lines.prefix(scripts[writer.offset].count).enumerated()
                    .filter { scripts[writer.offset][$0.offset].hasPrefix("add ") && Self.isConfirmation($0.element, "Added ") }.count
            }
        }
        var asked = 0
        repeat {
            let before = confirmedSoFar()
            try #require(reader.send("how many people do I know\n"))
            asked += 1
            let lines = try #require(reader.waitForLines(asked), "the reader stopped")
            readings.append((before, Self.count(in: lines[asked - 1])))
        } while !(writers.allSatisfy(\.isFinished) && oneShotsDone.isSet) || asked < 5
        let readerExit = reader.wait()
        let exits = writers.map { $0.wait() }
        let oneShotOutcomes = try oneShotResults.get()

        for (index, exit) in exits.enumerated() {
            #expect(exit.status == 0 && !exit.signalled, "writer \(index): \(exit.stderr)")
            #expect(exit.stderr == "", "writer \(index)")
            let lines = KithChild.completeLines(Array(exit.stdout.utf8))
            #expect(lines.count == scripts[index].count, "writer \(index) answered \(lines.count) lines")
            for (line, sent) in zip(lines, scripts[index]) {
                #expect(Self.isConfirmation(line, sent.hasPrefix("add ") ? "Added " : "Logged "), "writer \(index): \(line)")
            }
        }
        for (ok, output) in oneShotOutcomes { #expect(ok, "one-shot: \(output)") }
        #expect(readerExit.status == 0 && readerExit.stderr == "", "reader: \(readerExit.stderr)")

        // The store holds each change exactly once.
        let contents = try StoreContents.read(store)
        #expect(contents.problems == [])
        #expect(contents.duplicateNames == [])
        #expect(Set(contents.people.values.map(\.name)) == expectedPeople)
        #expect(contents.people.count == expectedPeople.count)
        let topics = contents.interactionsByTopic
        #expect(Set(topics.keys) == Set(expectedTopics.keys))
        for (topic, people) in expectedTopics {
            #expect(topics[topic]?.count == 1, "\(topic) logged \(topics[topic]?.count ?? 0) times")
            #expect(topics[topic].map { contents.names($0[0].people) } == people, "\(topic)")
        }
        #expect(privacyProblems(storeDirectory: directory.path).filter { !$0.hasPrefix(directory.path) } == [])
        let load = try KithProcess.run(["ask", "--json", "--store", store, "--today", Self.today, "how many people do I know"])
        #expect(load.status == 0 && Self.count(in: load.stdout) == expectedPeople.count, "\(load.stdout) \(load.stderr)")

        // What the reader saw never went back, and always included what was confirmed before.
        var previous = 0
        for (index, reading) in readings.enumerated() {
            guard let count = reading.answer else {
                Issue.record("reading \(index) has no count")
                continue
            }
            #expect(count >= previous, "reading \(index): \(count) after \(previous)")
            #expect(count >= reading.confirmedBefore, "reading \(index): \(count), but \(reading.confirmedBefore) adds were confirmed before it asked")
            #expect(count <= expectedPeople.count)
            previous = count
        }
        let writes = scripts.map(\.count).reduce(0, +) + oneShots
        Stress.report("concurrency: \(writes) writes (3 script sessions, \(oneShots) one-shot processes) "
                      + "with compaction every 5 transactions, \(readings.count) reads; none lost, none duplicated")
    }
}

/// A flag one thread sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.withLock { value = true }
    }

    var isSet: Bool { lock.withLock { value } }
}
