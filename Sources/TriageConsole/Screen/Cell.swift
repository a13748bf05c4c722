import Synchronization

/// One screen cell: a whole grapheme cluster (a `Character`, with its combining marks, skin tone or joined emoji).
/// A cluster wider than one column occupies its cell and the next ones, which are marked `continuation`.
///
/// A cell is plain data (no reference inside), so a frame of 12,000 cells is created, copied, compared and freed
/// without a retain or release per cell: its cluster is held as `glyph`, the scalar's value when the cluster is one
/// scalar (nearly every cell), else the number `Clusters` gave that cluster.
public struct Cell: Hashable, Sendable {
    var glyph: UInt32
    public var style: CellStyle
    public var continuation: Bool

    public init(_ character: Character = " ", style: CellStyle = .plain, continuation: Bool = false) {
        glyph = Clusters.glyph(of: character)
        self.style = style
        self.continuation = continuation
    }

    /// A cell holding one printable ASCII byte.
    init(ascii byte: UInt8, style: CellStyle) {
        glyph = UInt32(byte)
        self.style = style
        continuation = false
    }

    public var character: Character {
        get { Clusters.character(of: glyph) }
        set { glyph = Clusters.glyph(of: newValue) }
    }

    /// The cluster's scalar when it is one scalar (read without building the `Character`).
    public var scalar: UInt32? { glyph < Clusters.first ? glyph : nil }

    /// Whether the cell holds one ASCII character (read without building the `Character`).
    public var isASCII: Bool { glyph < 0x80 }
}

/// Numbers for the clusters of more than one scalar that cells hold (emoji sequences, flags, letters with combining
/// marks): each distinct cluster gets one number above the last Unicode scalar, for the life of the process, so equal
/// clusters are equal numbers. Past `limit` distinct clusters (text crafted to fill memory), a new one is shown as
/// U+FFFD.
enum Clusters {
    static let first: UInt32 = 0x11_0000
    static let limit = 1 << 20
    private static let table = Mutex<(numbers: [String: UInt32], clusters: [Character])>(([:], []))

    static func glyph(of character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        let head = scalars.first ?? " "
        if scalars.index(after: scalars.startIndex) == scalars.endIndex { return head.value }
        let key = String(character)
        return table.withLock { table in
            if let number = table.numbers[key] { return number }
            guard table.clusters.count < limit else { return 0xFFFD }
            let number = first + UInt32(table.clusters.count)
            table.clusters.append(character)
            table.numbers[key] = number
            return number
        }
    }

    static func character(of glyph: UInt32) -> Character {
        if glyph < first { return Character(Unicode.Scalar(glyph) ?? "\u{FFFD}") }
        return table.withLock { table in
            let index = Int(glyph - first)
            return index < table.clusters.count ? table.clusters[index] : "\u{FFFD}"
        }
    }
}
