import Testing
@testable import KithCapture

/// Address lists from RFC 5322's appendix A, RFC 2047's examples, and what clients really send.
@Suite struct AddressListTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let field: String
        let expected: [Participant]
        var testDescription: String { field }
        init(_ field: String, _ expected: [(String?, String)]) {
            self.field = field
            self.expected = expected.map { Participant(name: $0.0, email: $0.1) }
        }
    }

    static let cases: [Case] = [
        // RFC 5322 A.1
        Case(#""Joe Q. Public" <john.q.public@example.com>"#, [("Joe Q. Public", "john.q.public@example.com")]),
        Case("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
             [("Mary Smith", "mary@x.test"), (nil, "jdoe@example.org"), ("Who?", "one@y.test")]),
        Case(#"<boss@nil.test>, "Giant; \"Big\" Box" <sysservices@example.net>"#,
             [(nil, "boss@nil.test"), (#"Giant; "Big" Box"#, "sysservices@example.net")]),
        Case("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
             [("Ed Jones", "c@a.test"), (nil, "joe@where.test"), ("John", "jdoe@one.test")]),
        Case("Undisclosed recipients:;", []),
        // RFC 5322 A.5: comments everywhere
        Case(#"Pete(A nice \) chap) <pete(his account)@silly.test(his host)>"#, [("Pete", "pete@silly.test")]),
        Case("A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)",
             [("Chris Jones", "c@public.example"), (nil, "joe@example.org"), ("John", "jdoe@one.test")]),
        // RFC 5322 A.6: obsolete forms
        Case("Joe Q. Public <john.q.public@example.com>", [("Joe Q. Public", "john.q.public@example.com")]),
        Case("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
             [("Mary Smith", "mary@example.net"), (nil, "jdoe@test.example")]),
        // RFC 2047 §8
        Case("=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>", [("Keith Moore", "moore@cs.utk.edu")]),
        Case("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>", [("Keld Jørn Simonsen", "keld@dkuug.dk")]),
        Case("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>", [("André Pirard", "pirard@vm1.ulg.ac.be")]),
        Case("Nathaniel Borenstein <nsb@thumper.bellcore.com> (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)",
             [("Nathaniel Borenstein", "nsb@thumper.bellcore.com")]),
        // What clients send
        Case(#""=?utf-8?b?SsO8cmdlbiBNw7xsbGVy?=" <j@x.example>"#, [("Jürgen Müller", "j@x.example")]),
        Case("=?utf-8?q?=E7=8E=8B=E5=B0=8F=E6=98=8E?= <wang@example.cn>", [("王小明", "wang@example.cn")]),
        Case("'Sam Lee' <sam@lee.dev>", [("Sam Lee", "sam@lee.dev")]),
        Case(#""Lee, Sam" <SAM@Lee.DEV>"#, [("Lee, Sam", "sam@lee.dev")]),
        Case("sam@lee.dev <sam@lee.dev>", [(nil, "sam@lee.dev")]),
        Case("sam@lee.dev (Sam Lee)", [("Sam Lee", "sam@lee.dev")]),
        Case("Sam Lee sam@lee.dev", [("Sam Lee", "sam@lee.dev")]),
        Case(", user-example@aol.com, e-s-a-s-2200@app.ar.com", [(nil, "user-example@aol.com"), (nil, "e-s-a-s-2200@app.ar.com")]),
        Case("leads@sg.dc.com,\r\n\t sag@leads.gs.ry.com,\r\n\t\r\n\tcc@c-l-example.com",
             [(nil, "leads@sg.dc.com"), (nil, "sag@leads.gs.ry.com"), (nil, "cc@c-l-example.com")]),
        Case("  Sam   Lee  <  sam@lee.dev  >", [("Sam Lee", "sam@lee.dev")]),
        Case("Sam <mailto:sam@lee.dev>", [("Sam", "sam@lee.dev")]),
        Case(#""\"Bob\" Stone" <bob@stone.example>"#, [(#""Bob" Stone"#, "bob@stone.example")]),
        // Nothing usable
        Case("Sam", []),
        Case("", []),
        Case("<>", []),
        Case("@", []),
        Case(#""unclosed <a@b.c>"#, []),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) {
        #expect(AddressList.parse(Array(c.field.utf8)) == c.expected)
    }

    @Test func normalisedAddresses() {
        #expect(Participant.normalize(email: "  <Sam@Lee.DEV> ") == "sam@lee.dev")
        #expect(Participant.normalize(email: "MAILTO:sam@lee.dev") == "sam@lee.dev")
        #expect(Participant.normalize(email: "sam@") == nil)
        #expect(Participant.normalize(email: "@lee.dev") == nil)
        #expect(Participant.normalize(email: "sam lee@lee.dev") == nil)
        #expect(Participant(name: "", email: "X@Y.Z", phone: "").email == "x@y.z")
        #expect(Participant(name: "", email: "X@Y.Z", phone: "").name == nil)
    }
}
