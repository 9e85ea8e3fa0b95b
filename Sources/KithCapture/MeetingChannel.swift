/// How a calendar event was held, from what it says about itself: Kith's channel names.
///
/// | the event has | channel |
/// | --- | --- |
/// | a link to a video service (`videoHosts`) in LOCATION, DESCRIPTION, URL, CONFERENCE, X-GOOGLE-CONFERENCE or Microsoft's meeting-URL properties | video |
/// | the word "video", "videocall", "facetime" or "zoom" in its SUMMARY | video |
/// | a `tel:` link in those properties, or the word "call", "calls", "phone" or "phonecall" in its SUMMARY | call |
/// | none of these | meeting |
///
/// A video link wins over a phone number, because video invitations carry dial-in numbers too.
enum MeetingChannel {
    /// Hosts of video-meeting links; a subdomain counts (`us02web.zoom.us`, `acme.webex.com`).
    static let videoHosts: [String] = [
        "zoom.us", "zoomgov.com", "zoom.com", "meet.google.com", "hangouts.google.com", "teams.microsoft.com", "teams.live.com",
        "webex.com", "whereby.com", "meet.jit.si", "8x8.vc", "gotomeeting.com", "gotomeet.me", "meet.goto.com", "app.goto.com",
        "bluejeans.com", "chime.aws", "facetime.apple.com", "join.skype.com", "meet.lync.com", "around.co", "vc.larksuite.com",
    ]

    static let videoWords = ["video", "videocall", "facetime", "zoom"].map { Array($0.utf8) }
    static let callWords = ["call", "calls", "phone", "phonecall"].map { Array($0.utf8) }

    /// What links in one property's value say: a video service, a `tel:` number.
    struct Links {
        var video = false
        var phone = false

        /// Scans a value once: each `scheme://host` and each `tel:`.
        /// - Complexity: O(n) in the value's length.
        mutating func scan(_ bytes: ArraySlice<UInt8>) {
            var index = bytes.startIndex
            let end = bytes.endIndex
            while index < end {
                defer { index += 1 }
                guard bytes[index] == UInt8(ascii: ":") else { continue }
                if index + 2 < end, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                    var host: [UInt8] = []
                    var cursor = index + 3
                    while cursor < end, host.count < 128 {
                        var byte = bytes[cursor]
                        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                        guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") else { break }
                        host.append(byte)
                        cursor += 1
                    }
                    if !video, MeetingChannel.isVideoHost(host) { video = true }
                } else if index >= bytes.startIndex + 3 {
                    // "tel:" in any case, not the end of a longer word ("hotel:").
                    let t = bytes[index - 3] | 0x20, e = bytes[index - 2] | 0x20, l = bytes[index - 1] | 0x20
                    let before = index - 4 >= bytes.startIndex ? bytes[index - 4] | 0x20 : UInt8(ascii: " ")
                    if t == UInt8(ascii: "t"), e == UInt8(ascii: "e"), l == UInt8(ascii: "l"),
                       !(before >= UInt8(ascii: "a") && before <= UInt8(ascii: "z")) {
                        phone = true
                    }
                }
            }
        }
    }

    static func isVideoHost(_ host: [UInt8]) -> Bool {
        for known in videoHosts {
            let suffix = known.utf8
            guard host.count >= suffix.count, host.suffix(suffix.count).elementsEqual(suffix) else { continue }
            if host.count == suffix.count || host[host.count - suffix.count - 1] == UInt8(ascii: ".") { return true }
        }
        return false
    }

    /// The channel for an event with this summary and these links.
    static func channel(summary: String?, links: Links) -> Trace.Channel {
        if links.video { return .video }
        var video = false, call = links.phone
        if let summary {
            // Words: runs of letters (any byte of a non-ASCII letter counts), compared in lowercase.
            var word: [UInt8] = []
            func check() {
                if !word.isEmpty {
                    if videoWords.contains(word) { video = true } else if callWords.contains(word) { call = true }
                    word.removeAll(keepingCapacity: true)
                }
            }
            for byte in summary.utf8 {
                let lowered = lower(byte)
                if (lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z")) || byte >= 0x80 {
                    word.append(lowered)
                } else {
                    check()
                }
            }
            check()
        }
        return video ? .video : call ? .call : .meeting
    }
}
