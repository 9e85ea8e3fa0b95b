import ArgumentParser
import Testing
@testable import kith

/// `OneShotLane` may only take arguments that swift-argument-parser reads the same way.
struct OneShotLaneTests {
    /// What swift-argument-parser makes of the arguments, if it makes an `ask` of them.
    private func parsed(_ arguments: [String]) -> (settings: SessionSettings, question: String)? {
        guard let ask = try? Kith.parseAsRoot(arguments) as? Ask else { return nil }
        return (ask.options.settings, ask.question.text)
    }

    private static let everyday: [[String]] = [
        ["ask", "who", "are", "my", "clients"],
        ["ask", "who haven't I talked to this month"],
        ["ask", "--store", "/tmp/k.json", "--today", "2026-03-10", "who do I know at Acme"],
        ["ask", "--json", "--all", "who", "are", "my", "clients"],
        ["ask", "who", "are", "my", "clients", "--json"],
        ["ask", "when", "did", "I", "--store", "s.json", "last", "see", "Bob"],
        ["ask", "--demo", "--yes", "--no-color", "forget", "Bob"],
        ["ask", "help"],
        ["ask", "--today", "2024-02-29", "what's", "on", "today"],
        ["ask", "  who are my clients  "],
        ["ask", "Zoë", "Ångström", "日本"],
    ]

    @Test(arguments: everyday)
    func takesTheEverydayShapeAndReadsItAsArgumentParserDoes(_ arguments: [String]) throws {
        let lane = try #require(OneShotLane.read(arguments))
        let reference = try #require(parsed(arguments))
        #expect(lane.settings == reference.settings)
        #expect(lane.question == reference.question)
    }

    @Test(arguments: [
        [], ["ask"], ["parse", "who"], ["run", "x.txt"], ["--demo", "ask", "who"],
        ["ask", "--help"], ["ask", "-h", "who"], ["ask", "who", "--help"], ["ask", "--version"],
        ["ask", "--store=x.json", "who"], ["ask", "--store"], ["ask", "who", "--today"],
        ["ask", "--store", "--json", "who"], ["ask", "--today", "-1", "who"],
        ["ask", "--", "--json", "who"], ["ask", "who", "--", "else"],
        ["ask", "--json", "--json", "who"], ["ask", "--store", "a", "--store", "b", "who"],
        ["ask", "-5", "degrees"], ["ask", "who", "-x"], ["ask", "--jsn", "who"],
        ["ask", "--today", "2026-02-30", "who"], ["ask", "--today", "yesterday", "who"],
        ["ask", "--demo", "--store", "x.json", "who"],
        ["ask", ""], ["ask", " ", "\t"], ["ask", "\n"],
    ])
    func leavesEverythingElseToArgumentParser(_ arguments: [String]) {
        #expect(OneShotLane.read(arguments) == nil)
    }

    /// Every placement of every option among the words, one and two at a time: wherever the lane
    /// says yes, swift-argument-parser agrees on every setting and on the question.
    @Test func agreesWithArgumentParserWhereverTheOptionsGo() throws {
        let options = GlobalOption.allCases.map(Self.spelled) + [["--store", ""], ["--today", ""], ["--json", "--json"]]
        let words = ["when", "was", "Bob"]
        var taken = 0
        for first in options.indices {
            for second in options.indices where second != first {
                for i in 0...words.count {
                    for j in i...words.count {
                        var arguments = words
                        arguments.insert(contentsOf: options[second], at: j)
                        arguments.insert(contentsOf: options[first], at: i)
                        arguments.insert("ask", at: 0)
                        guard let lane = OneShotLane.read(arguments) else { continue }
                        taken += 1
                        let reference = try #require(parsed(arguments), "\(arguments)")
                        #expect(lane.settings == reference.settings, "\(arguments)")
                        #expect(lane.question == reference.question, "\(arguments)")
                    }
                }
            }
        }
        #expect(taken == 400)  // the pairs of the seven options that can be used together, at every placement
    }

    /// An option as the command line spells it; every value option gets a date, which any of
    /// them can take.
    static func spelled(_ option: GlobalOption) -> [String] {
        option.takesValue ? ["--\(option.name)", "2026-03-10"] : ["--\(option.name)"]
    }

    /// Each declared option, before, among and after the words: the lane takes it and reads it
    /// as swift-argument-parser does (so `GlobalOptions` has a property of that name and kind).
    @Test(arguments: GlobalOption.allCases)
    func everyDeclaredOptionIsReadAlike(_ option: GlobalOption) throws {
        for position in 0...2 {
            var arguments = ["who", "is", "Bob"]
            arguments.insert(contentsOf: Self.spelled(option), at: position)
            arguments.insert("ask", at: 0)
            let lane = try #require(OneShotLane.read(arguments), "\(arguments)")
            let reference = try #require(parsed(arguments), "\(arguments)")
            #expect(lane.settings == reference.settings, "\(arguments)")
            #expect(lane.settings != SessionSettings(), "\(arguments) set nothing")
            #expect(lane.question == "who is Bob")
        }
    }

    /// swift-argument-parser knows no global option `GlobalOption` does not declare: `ask`'s help
    /// lists exactly the declared ones (and --help), and `GlobalOptions` has one property each.
    @Test func argumentParserHasExactlyTheDeclaredOptions() throws {
        let help = Kith.helpMessage(for: Ask.self, columns: 200)
        let named = Set(help.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
            .filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) })
        #expect(named == Set(GlobalOption.allCases.map(\.name) + ["help", "version"]), "\(help)")
        let ask = try #require(try Kith.parseAsRoot(["ask", "who"]) as? Ask)
        #expect(Mirror(reflecting: ask.options).children.count == GlobalOption.allCases.count)
    }
}
