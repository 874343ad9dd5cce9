// Security headers every response carries unless the handler set its own value.

public enum SecurityHeaders {
    /// A strict policy for our pages: only our own scripts, styles and connections; no inline code,
    /// no framing by anyone (clickjacking), no plugins, no `<base>` tricks.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    public static let defaults: [(name: String, value: String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Content-Security-Policy", contentSecurityPolicy),
    ]

    static func apply(to headers: inout Headers) {
        for (name, value) in defaults where !headers.contains(name) {
            headers.add(name, value)
        }
    }
}
