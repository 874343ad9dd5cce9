// Which address a request comes from when it arrives through a trusted reverse proxy (RFC 7239, X-Forwarded-For).

/// Finds the client behind the proxies the operator trusts. A peer that is not a trusted proxy
/// is the client, whatever headers it sends: anyone can write `X-Forwarded-For`, so it is read
/// only from a proxy that is known to write it.
///
/// The chain is read from the right, the hop nearest to us first: each trusted proxy says who
/// connected to it, until a hop that is not trusted — the client. A hop that cannot be read
/// (`unknown`, an obfuscated name, garbage) ends the walk at the last hop that could, since
/// nothing left of it can be checked.
///
/// `X-Forwarded-For` is read when present (nginx, HAProxy and most load balancers append to it),
/// else `Forwarded` (RFC 7239 §4). A proxy that writes only `Forwarded` must therefore drop any
/// `X-Forwarded-For` a client sends, as the README's production recipe says.
public enum ForwardedFor {
    public static func client(peer: IPAddress, headers: Headers, trusted: [AddressRange]) -> IPAddress {
        guard !trusted.isEmpty, trusted.contains(peer) else { return peer }
        var client = peer
        for hop in chain(headers).reversed() {
            guard let hop else { return client }
            client = hop
            if !trusted.contains(hop) { return hop }
        }
        return client
    }

    /// The hops the headers name, farthest first; nil for one that is not an address.
    static func chain(_ headers: Headers) -> [IPAddress?] {
        let forwardedFor = headers.values("X-Forwarded-For")
        if !forwardedFor.isEmpty {
            // Repeated fields combine in order, as one comma-separated list (RFC 9110 §5.3).
            return forwardedFor.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map(node)
        }
        return headers.values("Forwarded").flatMap { value in
            elements(value).map { element -> IPAddress? in
                // forwarded-pair = token "=" value; the `for` parameter names the hop (RFC 7239 §5.2).
                for pair in element.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    if parts.count == 2, parts[0].trimmingSpaces.lowercased() == "for" { return node(parts[1]) }
                }
                return nil
            }
        }
    }

    /// A `Forwarded` value split into its comma-separated elements, commas inside quotes kept.
    private static func elements(_ value: String) -> [Substring] {
        var result: [Substring] = []
        var start = value.startIndex
        var quoted = false
        for index in value.indices {
            switch value[index] {
            case "\"": quoted.toggle()
            case "," where !quoted:
                result.append(value[start..<index])
                start = value.index(after: index)
            default: break
            }
        }
        result.append(value[start...])
        return result
    }

    /// One hop: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`, quoted or not.
    static func node(_ text: Substring) -> IPAddress? {
        var node = Substring(text.trimmingSpaces)
        if node.count >= 2, node.first == "\"", node.last == "\"" { node = node.dropFirst().dropLast() }
        if node.first == "[" {
            guard let close = node.firstIndex(of: "]") else { return nil }
            return IPAddress(node[node.index(after: node.startIndex)..<close])
        }
        if node.filter({ $0 == ":" }).count == 1, let colon = node.firstIndex(of: ":") {
            return IPAddress(node[..<colon])  // IPv4 with a port
        }
        return IPAddress(node)
    }
}
