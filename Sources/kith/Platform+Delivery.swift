#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// What `kith today` needs from the machine for delivery: the clock to the second for a mail's
/// Date, the host's name, kith's own path and the user's configuration folder for the timer.
extension Platform {
    /// The RFC 5322 date of this moment in the local time zone: `Tue, 10 Mar 2026 08:00:00 +0100`.
    static var mailDate: String {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        return MailMessage.date(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday),
                                weekday: Int(local.tm_wday), hour: Int(local.tm_hour), minute: Int(local.tm_min),
                                second: Int(local.tm_sec), utcOffset: Int(local.tm_gmtoff))
    }

    /// The machine's name, "localhost" when it has none.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    /// A Message-ID's left part that no other message has: the day, the process, the time and a
    /// random number.
    static func uniqueMessageID(day: String) -> String {
        let random = UInt64.random(in: 0...UInt64.max)
        return "kith-today.\(day).\(getpid()).\(time(nil)).\(String(random, radix: 16))@\(hostName)"
    }

    /// `path` from the root: relative paths are taken from the current directory.
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = FileManager.default.currentDirectoryPath
        return (directory.hasSuffix("/") ? directory : directory + "/") + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    /// The absolute path of the running kith: what a timer must start.
    static var executablePath: String {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        let name = CommandLine.arguments[0]
        return name.contains("/") ? absolutePath(name) : executable(named: name) ?? name
    }

    /// `$XDG_CONFIG_HOME/systemd/user`, or `~/.config/systemd/user`: where user units live.
    static func userUnitDirectory() -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/systemd/user" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/systemd/user"
    }

    static func fileExists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Makes `path` and the folders above it that are missing (readable by the owner only).
    static func makeDirectories(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    static func writeFile(_ text: String, to path: String) throws {
        try writeFile(Data(text.utf8), to: path)
    }

    static func removeFile(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 else { throw SystemError() }
    }
}
