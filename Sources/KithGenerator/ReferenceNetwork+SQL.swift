import KithGraph
import KithTime

extension ReferenceNetwork {
    /// The name of the script that builds the SQLite database from the CSV files beside it:
    /// `cd DIR && sqlite3 kith.db < schema.sql`.
    public static let sqlScriptName = "schema.sql"

    /// The same network as CSV files (RFC 4180, with a header line) plus `schema.sql`, which
    /// creates the tables, imports the files with the `sqlite3` shell's `.import`, turns empty
    /// fields into NULLs and builds the indexes a fair comparison needs — participants on
    /// (person, date) and on date, people on name, organisation and place, tags on tag.
    ///
    /// Every interaction has one `participants` row per distinct person, carrying the
    /// interaction's date so that "last contact" and "any contact in a period" are index lookups.
    public func sqlFiles() -> [(name: String, bytes: [UInt8])] {
        var people = CSV(["id", "name", "org", "title", "place", "email", "phone", "birthday", "how_met",
                          "cadence_days", "added"])
        var aliases = CSV(["person", "alias"])
        var tags = CSV(["person", "tag"])
        var notes = CSV(["person", "date", "text"])
        for person in self.people {
            // A person's addresses in one column each, as the answers show them.
            people.row([String(person.id), person.name, person.org, person.title, person.place,
                        person.emails.joined(separator: ", "), person.phones.joined(separator: ", "), person.birthday?.iso,
                        person.howMet, person.cadenceDays.map(String.init), person.added?.iso])
            for alias in person.aliases { aliases.row([String(person.id), alias]) }
            for tag in person.tags { tags.row([String(person.id), Graph.tagKey(tag)]) }
            for note in person.notes { notes.row([String(person.id), note.date.iso, note.text]) }
        }
        var interactions = CSV(["id", "date", "channel", "topic"])
        var participants = CSV(["interaction", "person", "date"])
        for interaction in self.interactions {
            let date = interaction.date.iso
            interactions.row([String(interaction.id), date, interaction.channel, interaction.topic])
            var seen: Set<RecordID> = []
            for person in interaction.people where seen.insert(person).inserted {
                participants.row([String(interaction.id), String(person), date])
            }
        }
        var relations = CSV(["id", "person", "kind", "other"])
        for relation in self.relations {
            relations.row([String(relation.id), String(relation.person), relation.kind, String(relation.other)])
        }
        var reminders = CSV(["id", "due", "person", "text", "done", "recurrence"])
        for reminder in self.reminders {
            reminders.row([String(reminder.id), reminder.due.iso, reminder.person.map(String.init), reminder.text,
                           reminder.done ? "1" : "0", reminder.recurrence])
        }
        return [
            ("people.csv", people.bytes), ("aliases.csv", aliases.bytes), ("tags.csv", tags.bytes),
            ("notes.csv", notes.bytes), ("interactions.csv", interactions.bytes),
            ("participants.csv", participants.bytes), ("relations.csv", relations.bytes),
            ("reminders.csv", reminders.bytes), (Self.sqlScriptName, Array(sqlScript.utf8)),
        ]
    }

    /// The script for the `sqlite3` shell, run in the folder holding the CSV files.
    public var sqlScript: String {
        let owner = (owner.name ?? "").replacingQuotes
        return """
            -- Kith reference network as SQLite: run `sqlite3 kith.db < schema.sql` in this folder.
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE owner (name TEXT);
            INSERT INTO owner VALUES ('\(owner)');
            CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, org TEXT, title TEXT, place TEXT,
                email TEXT, phone TEXT, birthday TEXT, how_met TEXT, cadence_days INTEGER, added TEXT);
            CREATE TABLE aliases (person INTEGER NOT NULL, alias TEXT NOT NULL);
            CREATE TABLE tags (person INTEGER NOT NULL, tag TEXT NOT NULL);
            CREATE TABLE notes (person INTEGER NOT NULL, date TEXT NOT NULL, text TEXT NOT NULL);
            CREATE TABLE interactions (id INTEGER PRIMARY KEY, date TEXT NOT NULL, channel TEXT NOT NULL, topic TEXT);
            CREATE TABLE participants (interaction INTEGER NOT NULL, person INTEGER NOT NULL, date TEXT NOT NULL);
            CREATE TABLE relations (id INTEGER PRIMARY KEY, person INTEGER NOT NULL, kind TEXT NOT NULL,
                other INTEGER NOT NULL);
            CREATE TABLE reminders (id INTEGER PRIMARY KEY, due TEXT NOT NULL, person INTEGER, text TEXT NOT NULL,
                done INTEGER NOT NULL, recurrence TEXT);
            .import --csv --skip 1 people.csv people
            .import --csv --skip 1 aliases.csv aliases
            .import --csv --skip 1 tags.csv tags
            .import --csv --skip 1 notes.csv notes
            .import --csv --skip 1 interactions.csv interactions
            .import --csv --skip 1 participants.csv participants
            .import --csv --skip 1 relations.csv relations
            .import --csv --skip 1 reminders.csv reminders
            UPDATE people SET org = NULLIF(org, ''), title = NULLIF(title, ''), place = NULLIF(place, ''),
                email = NULLIF(email, ''), phone = NULLIF(phone, ''), birthday = NULLIF(birthday, ''),
                how_met = NULLIF(how_met, ''), cadence_days = NULLIF(cadence_days, ''), added = NULLIF(added, '');
            UPDATE interactions SET topic = NULLIF(topic, '');
            UPDATE reminders SET person = NULLIF(person, ''), recurrence = NULLIF(recurrence, '');
            CREATE INDEX participants_person_date ON participants (person, date);
            CREATE INDEX participants_date ON participants (date, person);
            CREATE INDEX interactions_date ON interactions (date);
            CREATE INDEX people_name ON people (name);
            CREATE INDEX people_org ON people (org COLLATE NOCASE);
            CREATE INDEX people_place ON people (place COLLATE NOCASE);
            CREATE INDEX tags_tag ON tags (tag, person);
            CREATE INDEX tags_person ON tags (person);
            CREATE INDEX aliases_alias ON aliases (alias COLLATE NOCASE);
            CREATE INDEX relations_person ON relations (person);
            CREATE INDEX relations_other ON relations (other);
            ANALYZE;

            """
    }
}

/// A CSV file being written: fields quoted only when they must be, nil as an empty field.
private struct CSV {
    var bytes: [UInt8] = []

    init(_ header: [String]) {
        row(header)
    }

    mutating func row(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let field else { continue }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                bytes.append(UInt8(ascii: "\""))
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes += utf8
            }
        }
        bytes.append(0x0A)
    }
}

private extension String {
    var replacingQuotes: String {
        var result = ""
        for character in self {
            if character == "'" { result.append("'") }
            result.append(character)
        }
        return result
    }
}
