// A QR code (ISO/IEC 18004) for a pairing link, made here so that nothing is fetched from anywhere else.

/// A QR code symbol: byte mode, error correction level M (15 % of the symbol can be lost), versions
/// 1 to 10 (up to 213 bytes, plenty for a campaign link), the mask with the lowest penalty score.
/// Pure: the same text always gives the same modules. Checked against an independent encoder in
/// `QRCodeTests`. Structure after ISO/IEC 18004:2015 §7; the tables are its Tables 9 and E.1.
struct QRCode: Sendable, Equatable {
    /// Modules per side: 17 + 4 × version.
    let size: Int
    let version: Int
    let mask: Int
    /// `modules[row][column]`, true for dark.
    let modules: [[Bool]]

    /// Error correction at level M per version: (EC codewords per block, blocks of each data length).
    private static let blocks: [(ec: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]),
        (26, [(4, 43), (1, 44)]),
    ]
    /// Alignment pattern centres per version (Table E.1).
    private static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    /// The smallest symbol holding `text`, or nil when it needs more than version 10. `mask` forces
    /// a mask pattern (for tests); otherwise the one with the lowest penalty is used.
    init?(_ text: String, mask forced: Int? = nil) {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.capacity($0) >= bytes.count }) else { return nil }
        let codewords = Self.codewords(Self.dataCodewords(bytes, version: version), version: version)
        var best: (penalty: Int, grid: Grid)?
        for mask in forced.map({ [$0] }) ?? Array(0..<8) {
            var grid = Grid(version: version)
            grid.place(codewords)
            grid.apply(mask: mask)
            grid.drawFormat(mask: mask)
            let penalty = grid.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, grid) }
        }
        guard let chosen = best?.grid else { return nil }
        self.version = version
        self.size = chosen.size
        self.mask = chosen.mask
        self.modules = chosen.dark
    }

    /// Bytes a version holds in byte mode at level M: data bits less the 4-bit mode and the count.
    static func capacity(_ version: Int) -> Int {
        let entry = blocks[version - 1]
        let dataBits = entry.groups.reduce(0) { $0 + $1.count * $1.data } * 8
        return (dataBits - 4 - (version < 10 ? 8 : 16)) / 8
    }

    /// Mode, count, data, terminator, then 0xEC 0x11 padding to the version's data length (§7.4).
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let total = blocks[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
        var bits: [Bool] = []
        func append(_ value: Int, _ length: Int) {
            for shift in stride(from: length - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, total * 8 - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var result = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while result.count < total {
            result.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return result
    }

    /// The data split into blocks, each with its Reed–Solomon codewords, interleaved (§7.6).
    static func codewords(_ data: [UInt8], version: Int) -> [UInt8] {
        let entry = blocks[version - 1]
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for group in entry.groups {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, degree: entry.ec) }
        var result: [UInt8] = []
        for index in 0..<(dataBlocks.map(\.count).max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<entry.ec {
            for block in ecBlocks { result.append(block[index]) }
        }
        return result
    }

    /// The modules of one symbol being built: function patterns first, then data, mask and format.
    struct Grid {
        let version: Int
        let size: Int
        var dark: [[Bool]]
        /// Modules of finder, separator, timing, alignment, format and version patterns.
        var function: [[Bool]]
        var mask = 0

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: Array(repeating: false, count: size), count: size)
            function = dark
            for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] { drawFinder(row, column) }
            for index in 8..<size - 8 {
                set(6, index, index % 2 == 0)
                set(index, 6, index % 2 == 0)
            }
            let centres = QRCode.alignment[version - 1]
            for row in centres {
                for column in centres where !(row == 6 && column == 6) && !(row == 6 && column == centres.last)
                    && !(row == centres.last && column == 6) {
                    for dy in -2...2 {
                        for dx in -2...2 { set(row + dy, column + dx, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormat(mask: 0)  // reserves the format modules; redrawn once the mask is known
            if version >= 7 { drawVersion() }
        }

        mutating func set(_ row: Int, _ column: Int, _ isDark: Bool) {
            dark[row][column] = isDark
            function[row][column] = true
        }

        /// A finder pattern centred at (row, column) with its light separator (§7.3.2, §7.3.3).
        mutating func drawFinder(_ row: Int, _ column: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let r = row + dy, c = column + dx
                    guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(r, c, distance != 2 && distance != 4)
                }
            }
        }

        /// Level M's format bits 00, the mask, BCH(15,5) with 0x537, XOR 0x5412 (§7.9).
        mutating func drawFormat(mask: Int) {
            let data = 0b00 << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0...5 { set(index, 8, bit(index)) }
            set(7, 8, bit(6))
            set(8, 8, bit(7))
            set(8, 7, bit(8))
            for index in 9..<15 { set(8, 14 - index, bit(index)) }
            for index in 0..<8 { set(8, size - 1 - index, bit(index)) }
            for index in 8..<15 { set(size - 15 + index, 8, bit(index)) }
            set(size - 8, 8, true)  // the dark module
        }

        /// The version, BCH(18,6) with 0x1F25, beside the top-right and bottom-left finders (§7.10).
        mutating func drawVersion() {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let isDark = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3, b = index / 3
                set(b, a, isDark)
                set(a, b, isDark)
            }
        }

        /// Codeword bits in the zigzag order of §7.7.3: column pairs from the right, up and down in turn.
        mutating func place(_ codewords: [UInt8]) {
            var bit = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for step in 0..<size {
                    for offset in 0..<2 {
                        let column = right - offset
                        let upward = (right + 1) & 2 == 0
                        let row = upward ? size - 1 - step : step
                        guard !function[row][column], bit < codewords.count * 8 else { continue }
                        dark[row][column] = (codewords[bit >> 3] >> (7 - (bit & 7))) & 1 == 1
                        bit += 1
                    }
                }
                right -= 2
            }
        }

        /// Flips the data modules where mask pattern `mask` holds (§7.8.2, Table 10).
        mutating func apply(mask: Int) {
            self.mask = mask
            for row in 0..<size {
                for column in 0..<size where !function[row][column] {
                    let (i, j) = (row, column)
                    let flip: Bool
                    switch mask {
                    case 0: flip = (i + j) % 2 == 0
                    case 1: flip = i % 2 == 0
                    case 2: flip = j % 3 == 0
                    case 3: flip = (i + j) % 3 == 0
                    case 4: flip = (i / 2 + j / 3) % 2 == 0
                    case 5: flip = (i * j) % 2 + (i * j) % 3 == 0
                    case 6: flip = ((i * j) % 2 + (i * j) % 3) % 2 == 0
                    default: flip = ((i + j) % 2 + (i * j) % 3) % 2 == 0
                    }
                    if flip { dark[row][column].toggle() }
                }
            }
        }

        /// The penalty score of §7.8.3: runs of five or more, 2×2 blocks, finder-like patterns, balance.
        func penalty() -> Int {
            var score = 0
            let lines = dark + (0..<size).map { column in dark.map { $0[column] } }
            let finderLike: [Bool] = [true, false, true, true, true, false, true]
            for line in lines {
                var run = 1
                for index in 1..<size {
                    if line[index] == line[index - 1] {
                        run += 1
                    } else {
                        if run >= 5 { score += run - 2 }
                        run = 1
                    }
                }
                if run >= 5 { score += run - 2 }
                // Beyond the symbol is the light quiet zone.
                for start in 0...(size - 7) where Array(line[start..<start + 7]) == finderLike {
                    let before = !line[max(0, start - 4)..<start].contains(true)
                    let after = !line[(start + 7)..<min(size, start + 11)].contains(true)
                    if before || after { score += 40 }
                }
            }
            for row in 0..<size - 1 {
                for column in 0..<size - 1 {
                    let value = dark[row][column]
                    if dark[row][column + 1] == value, dark[row + 1][column] == value, dark[row + 1][column + 1] == value {
                        score += 3
                    }
                }
            }
            let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
            let percent = darkCount * 100 / (size * size)
            score += abs(percent - 50) / 5 * 10
            return score
        }
    }
}

/// Reed–Solomon error correction over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1 (§7.5.2).
enum ReedSolomon {
    /// The remainder of `data` · x^degree divided by the generator ∏ (x − αⁱ), i < degree.
    static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
        var generator = [UInt8](repeating: 0, count: degree)
        generator[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                generator[index] = multiply(generator[index], root)
                if index + 1 < degree { generator[index] ^= generator[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        var result = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in 0..<degree { result[index] ^= multiply(generator[index], factor) }
        }
        return result
    }

    /// Multiplication in GF(2⁸) modulo 0x11D, by shifts (Russian peasant).
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> UInt8(shift)) & 1) * Int(x)
        }
        return UInt8(truncatingIfNeeded: product)
    }
}
