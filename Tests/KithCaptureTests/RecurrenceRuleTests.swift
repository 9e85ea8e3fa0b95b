import Testing
@testable import KithCapture

/// The examples of RFC 5545 §3.8.5.3, with the dates the RFC lists (times on the event's own clock).
@Suite struct RecurrenceRuleTests {
    @Test func dailyForTenOccurrences() {
        #expect(occurrences("FREQ=DAILY;COUNT=10", "19970902T090000") == (2...11).map { "199709\($0 < 10 ? "0" : "")\($0)" })
    }

    @Test func everyTenDaysFiveTimes() {
        #expect(occurrences("FREQ=DAILY;INTERVAL=10;COUNT=5", "19970902T090000")
                == ["19970902", "19970912", "19970922", "19971002", "19971012"])
    }

    @Test func everyDayInJanuaryForThreeYears() {
        let yearly = occurrences("FREQ=YEARLY;UNTIL=20000131T140000;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", "19980101T090000")
        let daily = occurrences("FREQ=DAILY;UNTIL=20000131T140000;BYMONTH=1", "19980101T090000")
        #expect(yearly.count == 93)
        #expect(yearly == daily)
        #expect(yearly.last == "20000131")
    }

    @Test func weeklyOnTuesdayAndThursdayForFiveWeeks() {
        #expect(occurrences("FREQ=WEEKLY;UNTIL=19971007T000000;WKST=SU;BYDAY=TU,TH", "19970902T090000")
                == ["19970902", "19970904", "19970909", "19970911", "19970916", "19970918", "19970923", "19970925",
                    "19970930", "19971002"])
        #expect(occurrences("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", "19970902T090000").count == 10)
    }

    @Test func everyOtherWeekOnMondayWednesdayFriday() {
        #expect(occurrences("FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000;WKST=SU;BYDAY=MO,WE,FR", "19970901T090000")
                == ["19970901", "19970903", "19970905", "19970915", "19970917", "19970919", "19970929", "19971001",
                    "19971003", "19971013", "19971015", "19971017", "19971027", "19971029", "19971031", "19971110",
                    "19971112", "19971114", "19971124", "19971126", "19971128", "19971208", "19971210", "19971212",
                    "19971222"])
    }

    @Test func everyOtherWeekOnTuesdayAndThursdayEightTimes() {
        #expect(occurrences("FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", "19970902T090000")
                == ["19970902", "19970904", "19970916", "19970918", "19970930", "19971002", "19971014", "19971016"])
    }

    @Test func monthlyOnTheFirstFriday() {
        #expect(occurrences("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "19970905T090000")
                == ["19970905", "19971003", "19971107", "19971205", "19980102", "19980206", "19980306", "19980403",
                    "19980501", "19980605"])
    }

    @Test func monthlyOnTheSecondToLastMonday() {
        #expect(occurrences("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "19970922T090000")
                == ["19970922", "19971020", "19971117", "19971222", "19980119", "19980216"])
    }

    @Test func monthlyOnTheThirdToLastDay() {
        #expect(occurrences("FREQ=MONTHLY;BYMONTHDAY=-3", "19970928T090000", through: "19980301")
                == ["19970928", "19971029", "19971128", "19971229", "19980129", "19980226"])
    }

    @Test func monthlyOnTheFirstAndLastDay() {
        #expect(occurrences("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "19970930T090000")
                == ["19970930", "19971001", "19971031", "19971101", "19971130", "19971201", "19971231", "19980101",
                    "19980131", "19980201"])
    }

    @Test func everyTuesdayEveryOtherMonth() {
        #expect(occurrences("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "19970902T090000", through: "19980131")
                == ["19970902", "19970909", "19970916", "19970923", "19970930", "19971104", "19971111", "19971118",
                    "19971125", "19980106", "19980113", "19980120", "19980127"])
    }

    @Test func yearlyInJuneAndJuly() {
        #expect(occurrences("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "19970610T090000")
                == ["19970610", "19970710", "19980610", "19980710", "19990610", "19990710", "20000610", "20000710",
                    "20010610", "20010710"])
    }

    @Test func everyThirdYearOnDays1_100And200() {
        #expect(occurrences("FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "19970101T090000")
                == ["19970101", "19970410", "19970719", "20000101", "20000409", "20000718", "20030101", "20030410",
                    "20030719", "20060101"])
    }

    @Test func everyTwentiethMondayOfTheYear() {
        #expect(occurrences("FREQ=YEARLY;BYDAY=20MO", "19970519T090000", through: "19991231")
                == ["19970519", "19980518", "19990517"])
    }

    @Test func mondayOfWeekNumberTwenty() {
        #expect(occurrences("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "19970512T090000", through: "19991231")
                == ["19970512", "19980511", "19990517"])
    }

    @Test func everyThursdayInMarch() {
        #expect(occurrences("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "19970313T090000", through: "19991231")
                == ["19970313", "19970320", "19970327", "19980305", "19980312", "19980319", "19980326", "19990304",
                    "19990311", "19990318", "19990325"])
    }

    @Test func everyFridayThe13th() {
        #expect(occurrences("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "19970902T090000", through: "20001231")
                == ["19980213", "19980313", "19981113", "19990813", "20001013"])
    }

    @Test func theFirstSaturdayAfterTheFirstSunday() {
        #expect(occurrences("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "19970913T090000", through: "19980630")
                == ["19970913", "19971011", "19971108", "19971213", "19980110", "19980207", "19980307", "19980411",
                    "19980509", "19980613"])
    }

    @Test func usPresidentialElectionDay() {
        #expect(occurrences("FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "19961105T090000",
                            through: "20041231") == ["19961105", "20001107", "20041102"])
    }

    @Test func theThirdTuesdayWednesdayOrThursdayOfTheMonth() {
        #expect(occurrences("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "19970904T090000")
                == ["19970904", "19971007", "19971106"])
    }

    @Test func theSecondToLastWeekday() {
        #expect(occurrences("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "19970929T090000", through: "19980331")
                == ["19970929", "19971030", "19971127", "19971230", "19980129", "19980226", "19980330"])
    }

    @Test func weekStartChangesWhichDaysAWeekHolds() {
        #expect(occurrences("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "19970805T090000")
                == ["19970805", "19970810", "19970819", "19970824"])
        #expect(occurrences("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "19970805T090000")
                == ["19970805", "19970817", "19970819", "19970831"])
    }

    @Test func daysThatDoNotExistAreLeftOut() {
        #expect(occurrences("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "20070115T090000")
                == ["20070115", "20070130", "20070215", "20070315", "20070330"])
        // Monthly on the 31st skips the shorter months, as dateutil and RFC 5545 do.
        #expect(occurrences("FREQ=MONTHLY;COUNT=4", "20260131") == ["20260131", "20260331", "20260531", "20260731"])
    }

    @Test func timesComeFromByHourAndByMinute() {
        #expect(occurrences("FREQ=DAILY;BYHOUR=9,13;BYMINUTE=0,30;COUNT=5", "20260310T090000", time: true)
                == ["20260310T090000", "20260310T093000", "20260310T130000", "20260310T133000", "20260311T090000"])
    }

    @Test func aLeapDayBirthdayFallsOnTheLastDayOfFebruary() {
        // What Kith's own export writes for a February 29 birthday.
        #expect(occurrences("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "20240229", through: "20281231")
                == ["20240229", "20250228", "20260228", "20270228", "20280229"])
        // Plain FREQ=YEARLY from February 29 only meets leap years.
        #expect(occurrences("FREQ=YEARLY", "20240229", through: "20321231") == ["20240229", "20280229", "20320229"])
    }

    @Test func skippingAheadGivesTheSameOccurrences() throws {
        // Without COUNT, whole periods before `from` are skipped; what is left must not change.
        let rules = ["FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU", "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR",
                     "FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=28,29", "FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=MO",
                     "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1"]
        let start = wall("20010317T101500"), from = wall("20190613T000000"), limit = wall("20260101T000000")
        for text in rules {
            let rule = try RecurrenceRule.parse(text)
            var all: [Int] = [], skipped: [Int] = []
            rule.expand(start: start, until: nil, limit: limit) { if $0 >= from { all.append($0) } }
            rule.expand(start: start, until: nil, limit: limit, from: from) { skipped.append($0) }
            #expect(!all.isEmpty, "\(text)")
            #expect(skipped == all, "\(text)")
        }
    }

    @Test(arguments: [
        ("FREQ=HOURLY;COUNT=3", "FREQ=HOURLY is not supported: Kith reads events that repeat daily or less often"),
        ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY is not a frequency"),
        ("COUNT=3", "FREQ is missing"),
        ("FREQ=WEEKLY;UNTL=20191023;BYDAY=TH", "UNTL is not a part of a recurrence rule"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY=XX is not a weekday"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY=0MO has a bad ordinal"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 is out of range"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32 is out of range"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13 is out of range"),
        ("FREQ=DAILY;BYHOUR=-1", "BYHOUR=-1 is out of range"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is not a positive number"),
        ("FREQ=DAILY;COUNT=many", "COUNT=MANY is not a positive number"),
        ("FREQ=DAILY;UNTIL=2026-13-01", "UNTIL=2026-13-01 is not a date"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
        ("FREQ=DAILY;BYDAY=", "BYDAY has no value"),
        ("FREQ", "\"FREQ\" is not NAME=VALUE"),
        ("FREQ=MONTHLY;RSCALE=HEBREW", "RSCALE=HEBREW is not supported"),
    ])
    func badRulesSayWhatIsWrong(rule: String, problem: String) {
        #expect(throws: RecurrenceRule.Problem(description: problem)) { try RecurrenceRule.parse(rule) }
    }

    @Test func partsAreReadInAnyCaseAndExtensionsIgnored() throws {
        let rule = try RecurrenceRule.parse("freq=weekly;byday=mo,-1fr;X-NAME=whatever;RSCALE=GREGORIAN;SKIP=OMIT;")
        #expect(rule.frequency == .weekly)
        #expect(rule.byDay == [.init(ordinal: 0, weekday: 0), .init(ordinal: -1, weekday: 4)])
    }
}
