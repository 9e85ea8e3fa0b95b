import Testing
@testable import KithCapture

@Suite struct TopicTests {
    static let cases: [(String, String?)] = [
        ("Re: Facebook post", "Facebook post"),
        ("RE: re: Re: Facebook post", "Facebook post"),
        ("Fwd: Fw: AW: WG: SV: slides", "slides"),
        ("Re[2]: Re(3): Re^4: budget", "budget"),
        ("Re : spaced", "spaced"),
        ("[kith-dev] Re: [kith-dev] Re: release plan", "release plan"),
        ("Re: [kith/kith] Capture mail (PR #14)", "Capture mail (PR #14)"),
        ("[EXTERNAL] Invoice", "Invoice"),
        ("Réf : Antw: TR: Odp: lunch", "lunch"),
        ("回复：周五见", "周五见"),
        ("ΑΠ: συνάντηση", "συνάντηση"),
        ("Regarding the offer", "Regarding the offer"),  // "Re" must end in a colon
        ("Reply needed: forms", "Reply needed: forms"),
        ("Fwdx: x", "Fwdx: x"),
        ("Re:", "Re:"),  // nothing left: kept whole
        ("[draft]", "[draft]"),
        ("   ", nil),
        ("", nil),
        ("  Lunch  ", "Lunch"),
    ]

    @Test(arguments: cases)
    func strips(_ c: (String, String?)) {
        #expect(Topic.of(c.0) == c.1)
    }
}
