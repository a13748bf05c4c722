import Foundation

/// A strict check of a request body's JSON before it is decoded (RFC 8259, nothing more): no leading zeros, no
/// number too large for a double (`1e400`), no duplicate key in an object (`{"internal_note": false,
/// "internal_note": true}` must not be read as either), at most `maxDepth` levels of nesting. Anything else the
/// decoder would let through or read one way among several is refused as malformed (400).
struct StrictJSON {
    struct Failure: Error { var message: String }

    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    /// Throws `Failure`, saying what is wrong and where, unless `data` is exactly one well-formed JSON value.
    static func check(_ data: Data) throws(Failure) {
        var parser = StrictJSON(bytes: Array(data))
        parser.skipSpace()
        try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.failure("unexpected text after the JSON value") }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func failure(_ message: String) -> Failure { Failure(message: "\(message) at byte \(index)") }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard current == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) levels deep") }
        switch current {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case let byte? where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte): try number()
        default: throw failure("expected a JSON value")
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        index += 1
        skipSpace()
        if current == UInt8(ascii: "}") { return index += 1 }
        var keys = Set<String>()
        while true {
            let start = index
            guard current == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            guard keys.insert(key).inserted else {
                index = start
                throw failure("duplicate key \"\(key.prefix(40))\"")
            }
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try value(depth: depth + 1)
            skipSpace()
            if current == UInt8(ascii: "}") { return index += 1 }
            try expect(UInt8(ascii: ","))
            skipSpace()
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        index += 1
        skipSpace()
        if current == UInt8(ascii: "]") { return index += 1 }
        while true {
            try value(depth: depth + 1)
            skipSpace()
            if current == UInt8(ascii: "]") { return index += 1 }
            try expect(UInt8(ascii: ","))
            skipSpace()
        }
    }

    /// Reads a string and returns its text (escapes resolved), for comparing keys.
    private mutating func string() throws(Failure) -> String {
        index += 1
        var units: [UInt16] = []
        var start = index
        func flush(_ end: Int) { units += String(decoding: bytes[start..<end], as: UTF8.self).utf16 }
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                flush(index)
                index += 1
                return String(decoding: units, as: UTF16.self)
            case UInt8(ascii: "\\"):
                flush(index)
                index += 1
                guard let escaped = current else { throw failure("unterminated string") }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): units.append(UInt16(escaped))
                case UInt8(ascii: "b"): units.append(0x08)
                case UInt8(ascii: "f"): units.append(0x0C)
                case UInt8(ascii: "n"): units.append(0x0A)
                case UInt8(ascii: "r"): units.append(0x0D)
                case UInt8(ascii: "t"): units.append(0x09)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let unit = UInt16(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                    else { throw failure("bad \\u escape") }
                    units.append(unit)
                    index += 4
                default: throw failure("bad escape")
                }
                start = index
            case 0..<0x20: throw failure("control character in a string")
            default: index += 1
            }
        }
    }

    private mutating func number() throws(Failure) {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let from = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index - from
        }
        if current == UInt8(ascii: "0") {
            index += 1
            if let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { throw failure("a number with a leading zero") }
        } else if digits() == 0 {
            throw failure("bad number")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw failure("bad number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("bad number") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw failure("a number too large: \(text.prefix(40))") }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard index + expected.count <= bytes.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw failure("expected a JSON value")
        }
        index += expected.count
    }
}
