// The relay Groundswell submits mail to, read from GROUNDSWELL_SMTP_URL, _TLS and _CA_FILE and checked before use.

/// An SMTP submission relay: where it is, how the connection is protected, how we log in.
///
/// `smtp://user:password@host:587` submits with STARTTLS (RFC 3207), `smtps://user:password@host:465`
/// over implicit TLS (RFC 8314 §3.3). User and password are percent-decoded; `user;auth=PLAIN` (or
/// `LOGIN`) fixes the SASL mechanism, otherwise the strongest one both sides know is used. A path
/// (`smtp://host/client.example.org`) is the name given in EHLO. The certificate is always verified,
/// against the system's roots or `caFile`; there is no switch to turn that off.
public struct SMTPRelay: Sendable, Equatable {
    /// GROUNDSWELL_SMTP_TLS: what the connection must be protected with.
    public enum Security: String, Sendable, CaseIterable {
        /// STARTTLS must succeed or nothing is sent (implicit TLS with `smtps://`). The default.
        case required
        /// STARTTLS when the relay offers it, plain text when it does not (credentials are then refused).
        case opportunistic
        /// Plain text: only for a relay on this machine, and never with credentials.
        case off
    }

    /// `smtps://`: TLS from the first byte instead of STARTTLS.
    public var implicitTLS: Bool
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// `PLAIN` or `LOGIN` when the URL fixes the SASL mechanism.
    public var mechanism: String?
    /// The EHLO name, from the URL's path; nil lets libcurl use this machine's name.
    public var ehloName: String?
    public var security: Security
    /// GROUNDSWELL_SMTP_CA_FILE: PEM certificates to verify the relay with instead of the system's.
    public var caFile: String?
    /// Seconds to connect and finish the TLS handshake.
    public var connectTimeout = 10
    /// Seconds one whole message (or probe) may take, connection included; then it counts as the relay down.
    public var transferTimeout = 60

    /// Parses and checks a relay URL; throws a `SMTPRelayError` naming what is wrong (never the password).
    public init(url: String, security: Security = .required, caFile: String? = nil) throws {
        let implicit: Bool
        let rest: Substring
        if url.hasPrefix("smtp://") {
            implicit = false
            rest = url.dropFirst("smtp://".count)
        } else if url.hasPrefix("smtps://") {
            implicit = true
            rest = url.dropFirst("smtps://".count)
        } else {
            throw SMTPRelayError("GROUNDSWELL_SMTP_URL must start with smtp:// or smtps://")
        }
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count).drop { $0 == "/" }
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            let (user, secret) = userinfo.firstIndex(of: ":").map { (userinfo[..<$0], userinfo[userinfo.index(after: $0)...]) }
                ?? (userinfo, nil)
            var name = user
            if let semicolon = user.firstIndex(of: ";") {
                name = user[..<semicolon]
                let option = user[user.index(after: semicolon)...].uppercased()
                guard option == "AUTH=PLAIN" || option == "AUTH=LOGIN" else {
                    throw SMTPRelayError("the only option in GROUNDSWELL_SMTP_URL's user part is ;auth=PLAIN or ;auth=LOGIN")
                }
                mechanism = String(option.dropFirst("AUTH=".count))
            }
            guard let decodedUser = Self.percentDecoded(name), !decodedUser.isEmpty else {
                throw SMTPRelayError("GROUNDSWELL_SMTP_URL has an empty or badly escaped user name")
            }
            guard let secret, let decodedSecret = Self.percentDecoded(secret) else {
                throw SMTPRelayError("GROUNDSWELL_SMTP_URL names a user but no password (user:password@host)")
            }
            username = decodedUser
            password = decodedSecret
        }
        let (host, port) = try Self.hostAndPort(hostPort, defaultPort: implicit ? 465 : 587)
        self.implicitTLS = implicit
        self.host = host
        self.port = port
        self.ehloName = path.isEmpty ? nil : String(path)
        self.security = security
        self.caFile = caFile
        if implicit, security != .required {
            throw SMTPRelayError("smtps:// is always TLS: leave GROUNDSWELL_SMTP_TLS unset or set it to required")
        }
        if security != .required, username != nil, !isLoopback {
            throw SMTPRelayError(
                "GROUNDSWELL_SMTP_TLS=\(security.rawValue) would send the relay password in clear: use required, or a relay on this machine")
        }
        if let ehloName, !ehloName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) {
            throw SMTPRelayError("the path of GROUNDSWELL_SMTP_URL is the EHLO name and must be a host name")
        }
    }

    /// The relay on this machine (where TLS may be off).
    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// How the console and the log name the relay: scheme, host, port and protection, never the credentials.
    public var summary: String {
        let scheme = implicitTLS ? "smtps" : "smtp"
        let protection: String
        switch (implicitTLS, security) {
        case (true, _): protection = "implicit TLS"
        case (false, .required): protection = "STARTTLS required"
        case (false, .opportunistic): protection = "STARTTLS when offered"
        case (false, .off): protection = "no TLS"
        }
        let login = username == nil ? "no login" : "AUTH " + (mechanism ?? "PLAIN or LOGIN")
        return "\(scheme)://\(host):\(port) (\(protection), \(login))"
    }

    /// The URL libcurl is given: no credentials in it (they go in their own options).
    var curlURL: String {
        "\(implicitTLS ? "smtps" : "smtp")://\(host):\(port)" + (ehloName.map { "/" + $0 } ?? "")
    }

    private static func hostAndPort(_ text: Substring, defaultPort: Int) throws -> (String, Int) {
        var host = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw SMTPRelayError("GROUNDSWELL_SMTP_URL has an unclosed [") }
            host = text[...close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw SMTPRelayError("GROUNDSWELL_SMTP_URL has text after its host")
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-[]:".contains($0) }) else {
            throw SMTPRelayError("GROUNDSWELL_SMTP_URL needs a host (smtp://user:password@host:587)")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw SMTPRelayError("GROUNDSWELL_SMTP_URL's port must be a number from 1 to 65535")
        }
        return (String(host), port)
    }

    /// RFC 3986 §2.1 percent-decoding; nil on a malformed escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A relay setting that cannot be used, said so that the administrator can fix it.
public struct SMTPRelayError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
