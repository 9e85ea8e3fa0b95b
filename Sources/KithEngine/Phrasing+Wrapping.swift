extension Phrasing {
    /// Text laid out to a width: paragraphs and table cells wrap at spaces, never inside a word,
    /// continuing under a hanging indent. A word wider than the room left stands on a line of its
    /// own rather than being cut. Widths count characters, which is what a terminal shows for
    /// the text Kith writes itself.
    struct Layout {
        /// The narrowest layout honoured; below it text would be a column of single words.
        static let minimumWidth = 24

        let width: Int
        private(set) var lines: [String] = []

        init(width: Int) {
            self.width = max(width, Self.minimumWidth)
        }

        var text: String { lines.joined(separator: "\n") }

        /// An empty line, unless the text is empty or already ends with one.
        mutating func blank() {
            if let last = lines.last, !last.isEmpty { lines.append("") }
        }

        /// `text` from column `indent`, its further lines from column `hanging` (`indent` when nil).
        mutating func paragraph(_ text: String, indent: Int = 0, hanging: Int? = nil) {
            lines += Self.wrap(text, width: width, first: String(repeating: " ", count: indent),
                               rest: String(repeating: " ", count: hanging ?? indent))
        }

        /// Rows of cells, each column as wide as its widest cell, two spaces apart, from column
        /// `indent`. The last cell of a row wraps under its own column; when the other columns
        /// leave it too little room, each row's last cell goes on the lines below, indented
        /// further.
        mutating func table(_ rows: [[String]], indent: Int = 2) {
            let columns = rows.map(\.count).max() ?? 0
            guard columns > 1 else {
                for row in rows { paragraph(row.first ?? "", indent: indent, hanging: indent + 2) }
                return
            }
            var widths = [Int](repeating: 0, count: columns - 1)
            for row in rows {
                for (column, cell) in row.dropLast().enumerated() { widths[column] = max(widths[column], cell.count) }
            }
            let lastColumn = indent + widths.reduce(0, +) + 2 * widths.count
            let margin = String(repeating: " ", count: indent)
            if width - lastColumn >= max(Self.minimumWidth, width / 3) {
                for row in rows {
                    var lead = margin
                    for (column, cell) in row.dropLast().enumerated() {
                        lead += cell + String(repeating: " ", count: widths[column] - cell.count + 2)
                    }
                    guard row.count == columns, let last = row.last, !last.isEmpty else {
                        lines.append(String(lead.reversed().drop { $0 == " " }.reversed()))
                        continue
                    }
                    lines += Self.wrap(last, width: width, first: lead,
                                       rest: String(repeating: " ", count: lastColumn))
                }
            } else {
                for row in rows {
                    paragraph(row.dropLast().joined(separator: "  "), indent: indent, hanging: indent + 2)
                    if let last = row.last, row.count > 1, !last.isEmpty {
                        paragraph(last, indent: indent + 4)
                    }
                }
            }
        }

        /// The words of `text` in lines no wider than `width` where the words allow, the first
        /// line after `first` and the others after `rest`.
        static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
            var lines: [String] = []
            var line = first
            var lineCount = first.count
            var empty = true
            for word in text.split(separator: " ") {
                if !empty && lineCount + 1 + word.count > width {
                    lines.append(line)
                    line = rest
                    lineCount = rest.count
                    empty = true
                }
                if !empty {
                    line += " "
                    lineCount += 1
                }
                line += word
                lineCount += word.count
                empty = false
            }
            lines.append(empty ? String(line.reversed().drop { $0 == " " }.reversed()) : line)
            return lines
        }
    }
}
