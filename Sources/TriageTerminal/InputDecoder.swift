import TriageConsole

/// One read from the terminal: a byte of input, a key curses recognised (`KEY_…` codes: arrows, function keys,
/// `KEY_RESIZE`), or nothing within the wait.
enum RawInput: Equatable, Sendable {
    case byte(UInt8)
    case function(Int32)
    case none
}

/// Turns the terminal's bytes into keys, whatever the locale: text is decoded as UTF-8 here (a byte that is not
/// UTF-8 is read as Latin-1), so an accent typed under `LANG=C` is never dropped nor takes the keys after it along.
/// Escape starts Alt-x and the bracketed-paste markers (`ESC [200~` … `ESC [201~`); whatever follows a lone Escape
/// (a resize, Enter, another Escape) is kept for the next read instead of being lost.
struct InputDecoder {
    /// Reads the next raw input, waiting up to the given milliseconds (0: only what is already there).
    typealias Source = (_ milliseconds: Int) -> RawInput

    /// Raw inputs read ahead and given back (what followed a lone Escape, a byte that ended a UTF-8 sequence early).
    private var unread: [RawInput] = []
    /// How long to wait for the rest of a paste before taking what arrived (a paste that never ends is not a hang).
    var pasteWait = 200

    static let pasteStart: [UInt8] = Array("[200~".utf8)
    static let pasteEnd: [UInt8] = [0x1B] + Array("[201~".utf8)

    /// The next key, or a curses key code for the terminal to map (`.function`), `.ignored` for input that makes no
    /// key, or nil when nothing came within the wait.
    mutating func next(wait milliseconds: Int, from source: Source) -> Decoded? {
        let first = read(milliseconds, source)
        switch first {
        case .none: return nil
        case .function(let code): return .function(code)
        case .byte(let byte): return decode(byte, source) ?? .ignored
        }
    }

    /// What the decoder hands the terminal.
    enum Decoded: Equatable {
        case key(Key)
        /// A key code from curses (`KEY_UP`, `KEY_RESIZE`…), for the terminal to map.
        case function(Int32)
        /// Input was read but makes no key (a NUL, an escape sequence nobody knows).
        case ignored
    }

    private mutating func read(_ milliseconds: Int, _ source: Source) -> RawInput {
        if !unread.isEmpty { return unread.removeFirst() }
        return source(milliseconds)
    }

    private mutating func decode(_ byte: UInt8, _ source: Source) -> Decoded? {
        switch byte {
        case 0x1B: return escape(source)
        case 0x09: return .key(.tab)
        case 0x0A, 0x0D: return .key(.enter)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x01...0x1A: return .key(.control(Character(Unicode.Scalar(byte + 0x60))))
        case 0x00, 0x1C...0x1F: return nil
        default: return character(byte, source).map { .key(.character($0)) }
        }
    }

    /// The character a printable byte starts: ASCII, or a UTF-8 sequence read to its end; a byte that does not start
    /// or continue valid UTF-8 is taken as Latin-1 (a terminal in ISO-8859-1), never dropped.
    private mutating func character(_ lead: UInt8, _ source: Source) -> Character? {
        if lead < 0x80 { return Character(Unicode.Scalar(lead)) }
        let length: Int =
            switch lead {
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 1
            }
        var bytes = [lead]
        while bytes.count < length {
            let next = read(0, source)
            guard case .byte(let b) = next, (0x80...0xBF).contains(b) else {
                if next != .none { unread.insert(next, at: 0) }
                break
            }
            bytes.append(b)
        }
        if bytes.count == length, let text = String(validating: bytes, as: UTF8.self), let c = text.first { return c }
        // Not UTF-8: the lead byte as Latin-1, the rest read again on their own.
        unread.insert(contentsOf: bytes.dropFirst().map { RawInput.byte($0) }, at: 0)
        return Character(Unicode.Scalar(lead))
    }

    /// After an Escape: a paste, Alt and a character, or a lone Escape (what follows it is read next).
    private mutating func escape(_ source: Source) -> Decoded? {
        let next = read(0, source)
        guard case .byte(let byte) = next else {
            if next != .none { unread.append(next) }
            return .key(.escape)
        }
        if byte == UInt8(ascii: "[") {
            var sequence: [UInt8] = [byte]
            // A CSI sequence the terminal sent in one go: parameters, then a final byte.
            while sequence.count < 16 {
                let more = read(0, source)
                guard case .byte(let b) = more else {
                    if more != .none { unread.append(more) }
                    break
                }
                sequence.append(b)
                if (0x40...0x7E).contains(b) { break }
            }
            if sequence == Self.pasteStart { return .key(.paste(paste(source))) }
            if sequence.count == 1 { return .key(.alt("[")) }
            // Some other sequence curses did not know: ignore it rather than type it.
            return nil
        }
        if byte >= 0x20 && byte != 0x7F, let c = character(byte, source) { return .key(.alt(c)) }
        // Escape then a control key (Enter, Tab, another Escape): Escape now, that key next.
        unread.append(next)
        return .key(.escape)
    }

    /// The text of a bracketed paste, up to its end marker, decoded as UTF-8 (Latin-1 for stray bytes).
    private mutating func paste(_ source: Source) -> String {
        var bytes: [UInt8] = []
        while true {
            let next = read(pasteWait, source)
            switch next {
            case .none:
                return Self.text(bytes)
            case .function:
                // curses turned part of the paste into a key (a pasted escape sequence): keep nothing of it.
                continue
            case .byte(let b):
                bytes.append(b)
                if bytes.count >= Self.pasteEnd.count && Array(bytes.suffix(Self.pasteEnd.count)) == Self.pasteEnd {
                    return Self.text(Array(bytes.dropLast(Self.pasteEnd.count)))
                }
            }
        }
    }

    static func text(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Mixed or not UTF-8: decode what is valid and take each stray byte as Latin-1.
        var decoder = InputDecoder()
        var queue = bytes.map { RawInput.byte($0) }
        var out = ""
        while !queue.isEmpty {
            let first = queue.removeFirst()
            guard case .byte(let b) = first else { continue }
            if b < 0x80 {
                out.unicodeScalars.append(Unicode.Scalar(b))
                continue
            }
            let c = decoder.character(b) { _ in queue.isEmpty ? .none : queue.removeFirst() }
            if let c { out.append(c) }
            queue.insert(contentsOf: decoder.unread, at: 0)
            decoder.unread.removeAll()
        }
        return out
    }
}
