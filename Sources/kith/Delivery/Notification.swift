/// A desktop notification through `notify-send` (libnotify), the way every Linux desktop shows
/// one: `notify-send --app-name=Kith SUMMARY BODY`.
struct DesktopNotifier {
    let programs: any Programs

    /// Raises the notification, or says why it could not.
    func notify(summary: String, body: String) async throws(DeliveryError) {
        guard let path = programs.find("notify-send") else {
            throw DeliveryError("--notify needs notify-send, which is not on PATH, so no notification was shown "
                                + "(on Debian or Ubuntu: apt-get install libnotify-bin)")
        }
        let status: Int32
        do {
            status = try await programs.run(path, ["--app-name=Kith", Self.escaped(summary), Self.escaped(body)], input: [])
        } catch {
            throw DeliveryError("cannot run \(path): \(error)")
        }
        guard status == 0 else {
            throw DeliveryError("notify-send failed (exit \(status)); a notification needs a desktop session "
                                + "(DBUS_SESSION_BUS_ADDRESS) to show in")
        }
    }

    /// Notification servers may read the body as markup: `&`, `<` and `>` are written as entities
    /// so a reminder about "Q&A <draft>" shows as typed.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
