import KithTime

/// Reads SMS Backup & Restore's XML (the Android app by SyncTech): texts (`<smses>` with `<sms>`
/// and `<mms>`) and the call log (`<calls>` with `<call>`).
///
/// | element | trace |
/// | --- | --- |
/// | `<sms address date type contact_name body …/>` | channel message; `type` 1 received, 2 sent; 3 draft, 4 outbox, 5 failed and 6 queued are `notSent` |
/// | `<mms date msg_box address contact_name m_id …>` with `<addr address type/>` children | channel message; `msg_box` 1 received, 2 sent; the sender is the `addr` of type 137, the recipients those of 151 (To) and 130 (Cc) |
/// | `<call number duration date type contact_name …/>` | channel call; `type` 1 incoming, 2 outgoing; 3 missed, 4 voicemail, 5 rejected, 6 blocked, and any call of duration 0, are `missedCall` |
///
/// `date` is milliseconds since 1970. Numbers are normalised (`PhoneNumber`); an address with no
/// digits (a sender id such as `AMAZON`) is kept as the participant's `account`. `contact_name`
/// is the name, unless it is `(Unknown)` or `null`. Bodies are only hashed into the key.
/// An element without a date or an address is reported and skipped; a tag that is not well formed
/// ends the reading there, with a warning, keeping every element before it.
enum SMSBackupReader {
    static func read(_ raw: UnsafeRawBufferPointer, options: CaptureOptions) -> CaptureResult {
        var result = CaptureResult(format: .sms)
        var scanner = XMLScanner(raw.bindMemory(to: UInt8.self))
        var root: [UInt8]?
        var rootClosed = false
        var mms: (attributes: Attributes, line: Int, addresses: [(address: String, type: Int)], parts: StableHash)?
        while let event = scanner.next() {
            switch event {
            case .broken(let line, let reason):
                result.warn(line, "\(reason); the rest of the file is not read")
            case .start(let name, let list, let selfClosing, let line):
                let attributes = Attributes(list)
                switch String(decoding: name, as: UTF8.self) {
                case "smses", "calls":
                    root = name
                case "sms":
                    if let trace = sms(attributes, line: line, options: options, result: &result) { result.traces.append(trace) }
                case "call":
                    if let trace = call(attributes, line: line, options: options, result: &result) { result.traces.append(trace) }
                case "mms":
                    mms = (attributes, line, [], StableHash())
                    if selfClosing, let open = mms {
                        if let trace = self.mms(open, options: options, result: &result) { result.traces.append(trace) }
                        mms = nil
                    }
                case "addr":
                    if mms != nil, let address = attributes["address"] {
                        mms!.addresses.append((address, Int(attributes["type"] ?? "") ?? 0))
                    }
                case "part":
                    if mms != nil, let text = attributes["text"], text != "null" { mms!.parts.add(text); mms!.parts.add(0) }
                default:
                    break
                }
            case .end(let name, _):
                if name == Array("mms".utf8), let open = mms {
                    if let trace = self.mms(open, options: options, result: &result) { result.traces.append(trace) }
                    mms = nil
                } else if let root, name == root {
                    rootClosed = true
                }
            }
        }
        if let open = mms { result.warn(open.line, "<mms> is not closed; skipped") }
        if root == nil {
            result.warn(scanner.line, "no <smses> or <calls> element; nothing read")
        } else if !rootClosed, !result.warnings.contains(where: { $0.message.hasSuffix("is not read") }) {
            result.warn(scanner.line, "the file ends before its closing tag; it may be cut short")
        }
        return result
    }

    struct Attributes {
        private var values: [String: String] = [:]
        init(_ list: [(name: [UInt8], value: String)]) {
            for (name, value) in list { values[String(decoding: name, as: UTF8.self)] = value }
        }
        subscript(name: String) -> String? { values[name] }
    }

    private static func sms(_ a: Attributes, line: Int, options: CaptureOptions, result: inout CaptureResult) -> Trace? {
        guard let (date, seconds) = when(a["date"], options), let address = a["address"], !address.isEmpty else {
            result.warn(line, "<sms> has no \(a["address"]?.isEmpty == false ? "readable date" : "address"); skipped")
            return nil
        }
        let type = Int(a["type"] ?? "") ?? 0
        let people = address.split(separator: "~").map { participant(String($0), name: a["contact_name"], options) }
        var hash = StableHash()
        hash.add(a["body"] ?? "")
        let sent = type != 1
        return Trace(date: date, time: seconds, channel: .message, source: .sms,
                     key: "sms:\(a["date"]!)|\(people.map(key).joined(separator: "~"))|\(type)|\(hash.hex)",
                     from: sent ? nil : people.first, to: sent ? people : Array(people.dropFirst()),
                     direction: type == 1 ? .incoming : type == 2 ? .outgoing : .unknown,
                     notConversation: (3...6).contains(type) ? .notSent : nil, line: line)
    }

    private static func call(_ a: Attributes, line: Int, options: CaptureOptions, result: inout CaptureResult) -> Trace? {
        guard let (date, seconds) = when(a["date"], options), let number = a["number"], !number.isEmpty else {
            result.warn(line, "<call> has no \(a["number"]?.isEmpty == false ? "readable date" : "number"); skipped")
            return nil
        }
        let type = Int(a["type"] ?? "") ?? 0
        let duration = Int(a["duration"] ?? "") ?? 0
        let person = participant(number, name: a["contact_name"], options)
        let outgoing = type == 2
        let missed = duration == 0 || (3...6).contains(type)
        return Trace(date: date, time: seconds, channel: .call, source: .sms,
                     key: "sms:call:\(a["date"]!)|\(key(person))|\(type)|\(duration)",
                     from: outgoing ? nil : person, to: outgoing ? [person] : [],
                     direction: outgoing ? .outgoing : .incoming,
                     notConversation: missed ? .missedCall : nil, line: line, duration: duration)
    }

    private static func mms(_ open: (attributes: Attributes, line: Int, addresses: [(address: String, type: Int)], parts: StableHash),
                            options: CaptureOptions, result: inout CaptureResult) -> Trace? {
        let a = open.attributes
        var addresses = open.addresses
        if addresses.isEmpty, let address = a["address"] {
            addresses = address.split(separator: "~").map { (String($0), 0) }
        }
        guard let (date, seconds) = when(a["date"], options), !addresses.isEmpty else {
            result.warn(open.line, "<mms> has no \(addresses.isEmpty ? "address" : "readable date"); skipped")
            return nil
        }
        let box = Int(a["msg_box"] ?? "") ?? 0
        let names = (a["contact_name"] ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
        let single = addresses.count == 1 ? names.first : nil
        let sender = addresses.first { $0.type == 137 }.map { participant($0.address, name: single, options) }
        let recipients = addresses.filter { $0.type != 137 && $0.type != 129 }.map { participant($0.address, name: single, options) }
        let id = a["m_id"].flatMap { $0 == "null" || $0.isEmpty ? nil : $0 } ?? open.parts.hex
        return Trace(date: date, time: seconds, channel: .message, source: .sms,
                     key: "sms:mms:\(a["date"]!)|\(id)",
                     from: box == 2 ? nil : sender, to: recipients,
                     direction: box == 1 ? .incoming : box == 2 ? .outgoing : .unknown,
                     notConversation: (3...4).contains(box) ? .notSent : nil, line: open.line)
    }

    /// The local day and time of an epoch-milliseconds attribute.
    private static func when(_ text: String?, _ options: CaptureOptions) -> (CalendarDate, Int)? {
        guard let text, let ms = Int64(text), ms > 0 else { return nil }
        let local = options.localTime.local(ms / 1000)
        return (local.date, local.seconds)
    }

    private static func participant(_ address: String, name: String?, _ options: CaptureOptions) -> Participant {
        let name = name.flatMap { $0 == "(Unknown)" || $0 == "null" || $0.isEmpty ? nil : $0 }
        if let phone = PhoneNumber.normalize(address, region: options.phoneRegion) {
            return Participant(name: name, phone: phone)
        }
        return Participant(name: name, account: address.trimmingCharacters(in: " "))
    }

    private static func key(_ person: Participant) -> String { person.phone ?? person.account ?? "" }
}
