// Client addresses as the server's per-address limits see them: IPv4 and IPv6, and the key they count under.

import Glibc

/// A numeric IPv4 or IPv6 address, held in 16 bytes with no allocation. An IPv4-mapped IPv6
/// address (`::ffff:192.0.2.1`, what a dual-stack socket reports for an IPv4 peer) is kept as the
/// IPv4 address it carries, so one client has one address whichever socket it came through.
///
/// Addresses live in memory only, for per-address limits; they are never logged or stored.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The 16 bytes of the IPv6 form (IPv4 as `::ffff:a.b.c.d`), big-endian halves.
    private let high: UInt64
    private let low: UInt64

    /// What a peer whose address could not be read counts as: one shared "address".
    public static let unknown = IPAddress(high: 0, low: 0)

    private init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// From the 4 bytes of an IPv4 address.
    init(ipv4 bytes: (UInt8, UInt8, UInt8, UInt8)) {
        high = 0
        low = 0xFFFF_0000_0000 | UInt64(bytes.0) << 24 | UInt64(bytes.1) << 16 | UInt64(bytes.2) << 8 | UInt64(bytes.3)
    }

    /// From the 16 bytes of an IPv6 address, in network order.
    init(ipv6 bytes: [UInt8]) {
        precondition(bytes.count == 16, "an IPv6 address is 16 bytes")
        high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Parses dotted IPv4 or textual IPv6 (RFC 4291 §2.2, through `inet_pton`); an IPv6 zone
    /// (`fe80::1%eth0`) is ignored. Nil for anything else, host names included.
    public init?(_ text: some StringProtocol) {
        let address = String(text.prefix { $0 != "%" })
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            let bytes = withUnsafeBytes(of: v4.s_addr) { Array($0) }  // network order in memory
            self.init(ipv4: (bytes[0], bytes[1], bytes[2], bytes[3]))
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, address, &v6) == 1 else { return nil }
        self.init(ipv6: withUnsafeBytes(of: v6) { Array($0) })
    }

    public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

    /// The address with all but its first `bits` bits cleared (bits counted in its own family).
    public func masked(to bits: Int) -> IPAddress {
        let total = isIPv4 ? 32 : 128
        let keep = max(0, min(bits, total)) + (128 - total)  // as a prefix of the 128-bit form
        func mask(_ word: UInt64, _ prefix: Int) -> UInt64 {
            prefix >= 64 ? word : prefix <= 0 ? 0 : word & ~(UInt64.max >> UInt64(prefix))
        }
        return IPAddress(high: mask(high, keep), low: mask(low, keep - 64))
    }

    /// The key per-address limits count under: an IPv4 address itself, an IPv6 address by its /64,
    /// the block one subscriber is usually given (RFC 6177 §3), so that one person cannot multiply
    /// their share by changing the interface half of the address.
    public var limitKey: IPAddress { isIPv4 ? self : masked(to: 64) }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        if isIPv4 {
            var v4 = in_addr()
            let word = UInt32(truncatingIfNeeded: low)
            withUnsafeMutableBytes(of: &v4.s_addr) { raw in
                for index in 0..<4 { raw[index] = UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * index)) }
            }
            inet_ntop(AF_INET, &v4, &buffer, socklen_t(buffer.count))
        } else {
            var v6 = in6_addr()
            withUnsafeMutableBytes(of: &v6) { raw in
                for index in 0..<8 {
                    raw[index] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * index))
                    raw[index + 8] = UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * index))
                }
            }
            inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count))
        }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// A block of addresses in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`) or one address alone.
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    public let network: IPAddress
    /// Leading bits that must match, counted in the network's own family (0–32 or 0–128).
    public let prefix: Int

    /// Nil for text that is not an address with an optional `/prefix` in its family's range.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let total = address.isIPv4 ? 32 : 128
        var bits = total
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...total).contains(given), parts[1].allSatisfy(\.isASCII) else { return nil }
            bits = given
        }
        network = address.masked(to: bits)
        prefix = bits
    }

    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv4 == network.isIPv4 && address.masked(to: prefix) == network
    }

    /// A comma-separated list of ranges (`GROUNDSWELL_TRUSTED_PROXIES`); nil names the first bad entry.
    public static func list(_ text: String) -> Result<[AddressRange], InvalidAddressRange> {
        var ranges: [AddressRange] = []
        for entry in text.split(separator: ",") {
            let trimmed = entry.trimmingSpaces
            guard !trimmed.isEmpty else { continue }
            guard let range = AddressRange(trimmed) else { return .failure(InvalidAddressRange(text: String(trimmed))) }
            ranges.append(range)
        }
        return .success(ranges)
    }

    public var description: String {
        let total = network.isIPv4 ? 32 : 128
        return prefix == total ? network.description : "\(network)/\(prefix)"
    }
}

/// An entry of an address list that is not an address or a CIDR block.
public struct InvalidAddressRange: Error, Sendable, Equatable {
    public let text: String
}

extension [AddressRange] {
    func contains(_ address: IPAddress) -> Bool { contains { $0.contains(address) } }
}
