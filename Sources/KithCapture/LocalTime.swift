import KithTime

/// The user's time zone, as far as capture needs it: the offset from UTC at an instant.
///
/// Time zones only decide the day. A mail's `Date` is an instant (its own zone says when); the
/// day it is filed under is the day it was in the user's zone then. KithCapture never reads the
/// clock or the system's zone: the caller passes this (the front end builds it on `localtime_r`).
public struct LocalTime: Sendable {
    /// Seconds east of UTC at `instant` (seconds since 1970-01-01 UTC): 3600 in Paris in winter.
    public let offset: @Sendable (_ instant: Int64) -> Int

    public init(offset: @escaping @Sendable (_ instant: Int64) -> Int) {
        self.offset = offset
    }

    /// UTC itself.
    public static let utc = LocalTime { _ in 0 }

    /// A zone that never changes its offset.
    public static func fixed(seconds: Int) -> LocalTime { LocalTime { _ in seconds } }

    /// The local day of `instant`, and its seconds after local midnight.
    public func local(_ instant: Int64) -> (date: CalendarDate, seconds: Int) {
        let local = instant + Int64(offset(instant))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (CalendarDate(daysSinceEpoch: Int(days)), Int(local - days * 86_400))
    }

    /// The instant a local wall-clock time names. A time that is skipped or repeated when the
    /// clocks change gets the offset in force just before the change.
    public func instant(of date: CalendarDate, seconds: Int) -> Int64 {
        let wall = Int64(date.daysSinceEpoch) * 86_400 + Int64(seconds)
        let guess = wall - Int64(offset(wall))
        return wall - Int64(offset(guess))
    }
}
