#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import KithCapture
import KithExchange
import SystemPackage

/// What reading conversations (mail, calendars, chats) needs from the machine: the files of a
/// folder, stdin, the local time zone and the phone region.
extension Platform {
    /// The user's zone as KithCapture takes it: the offset `localtime_r` gives at each instant,
    /// so a mail sent in summer and one in winter each land on their own local day.
    static let localTime = LocalTime { instant in
        var seconds = time_t(instant)
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return 0 }
        return Int(local.tm_gmtoff)
    }

    /// The region national phone numbers are read in: `code` (the `--region` option), else
    /// `$KITH_REGION`, else the territory of the locale (`en_US.UTF-8` is the US); nil when none
    /// is one KithCapture knows.
    static func phoneRegion(_ code: String?) -> PhoneRegion? {
        if let code { return PhoneRegion(code: code.uppercased()) }
        if let code = environment["KITH_REGION"], !code.isEmpty { return PhoneRegion(code: code.uppercased()) }
        for name in ["LC_ALL", "LC_TELEPHONE", "LANG"] {
            guard let locale = environment[name], !locale.isEmpty else { continue }
            let territory = locale.split(separator: ".").first?.split(separator: "_").dropFirst().first
            return territory.flatMap { PhoneRegion(code: $0.uppercased()) }
        }
        return nil
    }

    /// Whether `path` is a folder.
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The files to read for a conversation import from `path`: stdin for `-`; the messages of
    /// a Maildir (its `cur/` and `new/`); the files of any other folder (a vdirsyncer calendar's
    /// `.ics` files), hidden ones left out; or the one file. In name order, so a run is repeatable.
    static func conversationFiles(at path: String) throws(SystemError) -> (files: [ConversationReading.File], inFolder: Bool) {
        if path == "-" { return ([.init(name: "stdin", bytes: try readAll(FileDescriptor.standardInput))], false) }
        guard isFolder(path) else { return ([.init(name: path, bytes: try readFile(path))], false) }
        let maildir = ["cur", "new"].filter { isFolder(path + "/" + $0) }
        let folders = maildir.isEmpty ? [""] : maildir
        var files: [ConversationReading.File] = []
        for folder in folders {
            let directory = folder.isEmpty ? path : path + "/" + folder
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw SystemError(error)
            }
            for name in names.sorted() where !name.hasPrefix(".") && !isFolder(directory + "/" + name) {
                let shown = folder.isEmpty ? name : folder + "/" + name
                files.append(.init(name: shown, bytes: try readFile(directory + "/" + name)))
            }
        }
        return (files, true)
    }
}
