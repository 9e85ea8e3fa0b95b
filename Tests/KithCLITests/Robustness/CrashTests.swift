import Foundation
import KithText
import Testing

/// Kills real `kith` processes with SIGKILL at random moments while they write a store (adding
/// people, logging conversations with several people, tagging, undoing, and compacting every
/// few transactions), then checks after every kill that:
///
/// - the store loads (kith answers a question from it, exit 0, and says nothing on stderr but
///   the torn-line warning when the journal ends in a torn line);
/// - every change whose confirmation line was printed is there, exactly as confirmed;
/// - nothing else is there, and nothing is half there: the one command that was running when
///   the kill came is either wholly applied or not at all;
/// - nothing is duplicated, no record names a missing person, and every file is private.
///
/// The store carries over from trial to trial (fresh every `segment` trials), so each run starts
/// from whatever the last kill left: a torn journal line, a compaction's leftover temporary file.
@Suite(.serialized) struct CrashTests {
    static let today = "2026-03-10"

    /// What a person or a conversation can be; a key is absent from a store or in one state.
    enum Key: Hashable, CustomStringConvertible {
        case person(String)
        case interaction(topic: String)

        var description: String {
            switch self {
            case .person(let name): return name
            case .interaction(let topic): return "conversation about \(topic)"
            }
        }
    }

    enum State: Hashable {
        case absent
        case person(tags: [String])
        case interaction(people: [String], channel: String, date: String)
    }

    /// A line of the workload and what it does to one key.
    struct Step {
        let line: String
        let key: Key
        let before: State
        let after: State
    }

    /// Makes workloads from what the store is known to hold.
    struct Workload {
        var rng: SeededGenerator
        var counter = 0
        var state: [Key: State] = [:]

        /// "N12": digits, so that no name or topic is a word the matcher knows ("not").
        mutating func uniqueWord(_ prefix: String) -> String {
            counter += 1
            return prefix + String(counter)
        }

        var presentPeople: [String] {
            state.compactMap { key, value in
                if case .person(let name) = key, value != .absent { return name }
                return nil
            }.sorted()
        }

        /// `count` lines as one conversation; `undo` takes back this conversation's last change.
        mutating func script(_ count: Int, undo: Bool) -> [Step] {
            var steps: [Step] = []
            var own: [Step] = []
            for _ in 0..<count {
                let roll = Int.random(in: 0..<100, using: &rng)
                let people = presentPeople
                var step: Step
                if undo && roll < 15, let last = own.popLast() {
                    step = Step(line: "undo", key: last.key, before: last.after, after: last.before)
                } else if roll < 40 || people.isEmpty {
                    let name = "Person " + uniqueWord("N")
                    let client = Bool.random(using: &rng)
                    step = Step(line: "add \(name)" + (client ? " as a client" : ""), key: .person(name),
                                before: .absent, after: .person(tags: client ? ["client"] : []))
                    own.append(step)
                } else if roll < 80 {
                    let with = Array(people.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng))).sorted()
                    let topic = "topic " + uniqueWord("T")
                    let called = Bool.random(using: &rng)
                    let line = (called ? "called " : "I talked to ") + with.joined(separator: " and ")
                        + (called ? " yesterday" : " today") + " about \(topic)"
                    step = Step(line: line, key: .interaction(topic: topic), before: .absent,
                                after: .interaction(people: with, channel: called ? "call" : "talk",
                                                    date: called ? "2026-03-09" : CrashTests.today))
                    own.append(step)
                } else {
                    let untagged = people.filter { name in
                        if case .person(let tags)? = state[.person(name)] { return !tags.contains("friend") }
                        return false
                    }
                    guard let name = untagged.randomElement(using: &rng),
                          case .person(let tags)? = state[.person(name)] else { continue }
                    step = Step(line: "tag \(name) as friend", key: .person(name), before: .person(tags: tags),
                                after: .person(tags: tags + ["friend"]))
                    own.append(step)
                }
                state[step.key] = step.after
                steps.append(step)
            }
            return steps
        }
    }

    struct Tally {
        var trials = 0, killedMidway = 0, finishedFirst = 0, confirmed = 0
        var interruptedApplied = 0, interruptedNotApplied = 0, tornTails = 0, compactions = 0, leftoverTemporaries = 0
    }

    @Test func killedWritersLoseNothingConfirmedAndHalfApplyNothing() throws {
        let trials = Stress.count("CRASH_TRIALS", short: 100, long: 1000)
        let segment = 60
        var rng = SeededGenerator(seed: Stress.seed)
        var tally = Tally()
        var directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var workload = Workload(rng: SeededGenerator(seed: Stress.seed &+ 1))
        var expected: [Key: Set<State>] = [:]
        // When to kill: a script is killed at a random moment while it works on a random line
        // (or while it starts), found by waiting for the answers before that line and then a
        // random part of the time a line takes — learnt from when answers arrive, so the kills
        // stay spread out however loaded the machine is.
        var startup = 0.05
        var perLine = 0.005
        var oneShot = 0.06
        var snapshotInode: UInt64?
        var lastLeftovers: [String] = []

        for trial in 0..<trials {
            if trial > 0 && trial % segment == 0 {
                try? FileManager.default.removeItem(at: directory)
                directory = try KithProcess.temporaryDirectory()
                workload.state = [:]
                expected = [:]
                snapshotInode = nil
                lastLeftovers = []
            }
            let storeDirectory = directory.appendingPathComponent("store").path
            let store = storeDirectory + "/kith.json"
            let environment = ["KITH_COMPACT_EVERY": String(Int.random(in: 1...6, using: &rng))]
            let oneShots = Int.random(in: 0..<5, using: &rng) == 0
            let steps = workload.script(oneShots ? Int.random(in: 1...4, using: &rng) : Int.random(in: 5...25, using: &rng),
                                        undo: !oneShots)
            let target = Int.random(in: 0..<steps.count, using: &rng)
            let delay = Double.random(in: 0...(oneShots ? 1.2 * oneShot : 1.2 * (target == 0 ? startup : perLine)), using: &rng)

            var confirmed = 0
            var finished = false
            if oneShots {
                // A chain of `kith ask`, the last of which is killed after `delay`.
                for (index, step) in steps.enumerated() {
                    let child = try KithChild(["ask", "--json", "--store", store, "--today", Self.today, step.line],
                                              environment: environment)
                    if index == steps.count - 1 {
                        Thread.sleep(forTimeInterval: delay)
                        child.kill()
                    }
                    let exit = child.wait()
                    if let time = child.lineTimes.first { oneShot = 0.9 * oneShot + 0.1 * time }
                    guard !exit.signalled else { break }
                    try #require(Self.isConfirmation(exit.stdout.split(separator: "\n").first.map(String.init), of: step),
                                 "trial \(trial): \(step.line) → \(exit.stdout) \(exit.stderr)")
                    confirmed += 1
                }
                finished = confirmed == steps.count
            } else {
                let child = try KithChild(["run", "-", "--json", "--store", store, "--today", Self.today],
                                          environment: environment)
                child.send(steps.map(\.line).joined(separator: "\n") + "\n")
                child.closeInput()
                if target > 0 { _ = child.waitForLines(target) }
                Thread.sleep(forTimeInterval: delay)
                child.kill()
                let exit = child.wait()
                let times = child.lineTimes
                if let first = times.first { startup = 0.9 * startup + 0.1 * first }
                if times.count >= 2 { perLine = 0.9 * perLine + 0.1 * (times.last! - times[0]) / Double(times.count - 1) }
                let lines = KithChild.completeLines(Array(exit.stdout.utf8))
                for (line, step) in zip(lines, steps) {
                    try #require(Self.isConfirmation(line, of: step), "trial \(trial): \(step.line) → \(line)")
                    confirmed += 1
                }
                finished = !exit.signalled
                if finished {
                    try #require(exit.status == 0 && confirmed == steps.count, "trial \(trial): \(exit.stderr)")
                }
            }

            // The model: confirmed steps happened; the first unconfirmed one may have.
            for step in steps[..<confirmed] { expected[step.key] = [step.after] }
            let interrupted = confirmed < steps.count ? steps[confirmed] : nil
            if let interrupted { expected[interrupted.key] = [interrupted.before, interrupted.after] }

            // The store loads, in kith and in the independent reader, and matches the model.
            let contents = try StoreContents.read(store)
            let load = try KithProcess.run(["ask", "--json", "--store", store, "--today", Self.today, "how many people do I know"])
            try #require(load.status == 0, "trial \(trial): the store does not load: \(load.stderr)")
            try #require(load.stdout.contains(#""count": \#(contents.people.count)"#), "trial \(trial): \(load.stdout)")
            if contents.tornTail {
                tally.tornTails += 1
                #expect(load.stderr.contains("ignoring an incomplete last transaction"), "trial \(trial): \(load.stderr)")
            } else {
                #expect(load.stderr == "", "trial \(trial): \(load.stderr)")
            }
            #expect(contents.problems == [], "trial \(trial)")
            #expect(contents.duplicateNames == [], "trial \(trial): duplicated people")
            #expect(privacyProblems(storeDirectory: storeDirectory) == [], "trial \(trial)")

            var observed: [Key: State] = [:]
            for person in contents.people.values { observed[.person(person.name)] = .person(tags: person.tags) }
            for (topic, interactions) in contents.interactionsByTopic {
                #expect(interactions.count == 1, "trial \(trial): \(topic) logged \(interactions.count) times")
                let interaction = interactions[0]
                observed[.interaction(topic: topic)] = .interaction(people: contents.names(interaction.people),
                                                                   channel: interaction.channel, date: interaction.date)
            }
            for key in Set(expected.keys).union(observed.keys) {
                let state = observed[key] ?? .absent
                let allowed = expected[key] ?? [.absent]
                let why = "trial \(trial) (seed \(Stress.seed)): \(key) is \(state), expected one of \(allowed); "
                    + "confirmed \(confirmed) of \(steps.map(\.line))"
                try #require(allowed.contains(state), Comment(rawValue: why))
            }
            if let interrupted {
                if observed[interrupted.key] ?? .absent == interrupted.after, interrupted.after != interrupted.before {
                    tally.interruptedApplied += 1
                } else {
                    tally.interruptedNotApplied += 1
                }
            }
            // From now on the store's state is what is known.
            expected = observed.mapValues { [$0] }
            workload.state = observed

            tally.trials += 1
            tally.confirmed += confirmed
            if finished { tally.finishedFirst += 1 } else { tally.killedMidway += 1 }
            let inode = (try? FileManager.default.attributesOfItem(atPath: store))?[.systemFileNumber] as? UInt64
            if inode != snapshotInode, inode != nil { tally.compactions += 1 }
            snapshotInode = inode
            // A compaction deletes what earlier ones left, so a crash leaves at most one.
            let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: storeDirectory)) ?? [])
                .filter { $0.hasPrefix("kith.json.tmp-") }
            #expect(leftovers.count <= 1, "trial \(trial): \(leftovers)")
            if !leftovers.isEmpty && leftovers != lastLeftovers { tally.leftoverTemporaries += 1 }
            lastLeftovers = leftovers
        }
        Stress.report("crash: \(tally.trials) trials (seed \(Stress.seed)), \(tally.killedMidway) killed while running, "
                      + "\(tally.finishedFirst) finished before the kill; \(tally.confirmed) confirmed changes all found; "
                      + "the interrupted command was applied whole \(tally.interruptedApplied) times and not at all "
                      + "\(tally.interruptedNotApplied) times; \(tally.tornTails) torn journal tails; snapshot replaced "
                      + "in \(tally.compactions) trials; \(tally.leftoverTemporaries) compactions cut short (each leaving a temporary file, deleted by the next)")
        #expect(tally.killedMidway > trials / 3, "the kills should mostly land while kith runs")
    }

    /// A JSON answer line that confirms `step` (no error, and the question it answers).
    static func isConfirmation(_ line: String?, of step: Step) -> Bool {
        guard let line, let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        guard object["error"] == nil, object["question"] as? String == step.line else { return false }
        let text = object["text"] as? String ?? ""
        if step.line == "undo" { return text.hasPrefix("Undone: ") }
        return ["Added ", "Logged ", "Tagged "].contains { text.hasPrefix($0) }
    }
}
