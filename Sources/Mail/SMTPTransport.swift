// SMTP submission through libcurl: one reused connection, STARTTLS or implicit TLS, AUTH, each reply classified.
import CCurl
import Synchronization

/// Sends messages to an `SMTPRelay` with libcurl's SMTP client (curl.se/libcurl/c/smtp-tls.html),
/// which speaks EHLO, STARTTLS, SASL PLAIN/LOGIN, MAIL/RCPT/DATA and dot-stuffing, and verifies the
/// relay's certificate with OpenSSL. Why libcurl: a well-kept SMTP and TLS client already on every
/// Debian machine, where writing our own would mean writing TLS.
///
/// One easy handle, kept between messages, so libcurl reuses the connection (one handshake and one
/// login for a whole batch of invitations); libcurl reconnects when the relay closed it.
/// A handle must not be used by two threads at once: every use takes `handle`'s lock.
public final class SMTPTransport: MailTransport {
    public let relay: SMTPRelay
    /// Guarded by its mutex: the libcurl handle, used by one call at a time.
    private let handle: Mutex<EasyHandle>

    public init(relay: SMTPRelay) throws {
        _ = Self.globalInit
        guard let easy = curl_easy_init() else { throw SMTPRelayError("libcurl could not start") }
        self.relay = relay
        self.handle = Mutex(EasyHandle(easy))
        try handle.withLock { try configure($0) }
    }

    /// curl_global_init, once per process, before the first handle (thread-safe since libcurl 7.84).
    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// The options that stay the same for every transfer.
    private func configure(_ easy: EasyHandle) throws {
        let curl = easy.pointer
        var codes: [CURLcode] = []
        codes.append(ccurl_setopt_string(curl, CURLOPT_URL, relay.curlURL))
        codes.append(ccurl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps"))
        codes.append(ccurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1))  // threads; the server ignores SIGPIPE
        codes.append(ccurl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT, relay.connectTimeout))
        codes.append(ccurl_setopt_long(curl, CURLOPT_TIMEOUT, relay.transferTimeout))
        codes.append(ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 1))
        codes.append(ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, 2))
        let useSSL: curl_usessl
        switch relay.security {
        case .required: useSSL = CURLUSESSL_ALL
        case .opportunistic: useSSL = CURLUSESSL_TRY
        case .off: useSSL = CURLUSESSL_NONE
        }
        codes.append(ccurl_setopt_long(curl, CURLOPT_USE_SSL, Int(useSSL.rawValue)))
        if let caFile = relay.caFile { codes.append(ccurl_setopt_string(curl, CURLOPT_CAINFO, caFile)) }
        if let username = relay.username {
            codes.append(ccurl_setopt_string(curl, CURLOPT_USERNAME, username))
            codes.append(ccurl_setopt_string(curl, CURLOPT_PASSWORD, relay.password ?? ""))
        }
        if let mechanism = relay.mechanism {
            codes.append(ccurl_setopt_string(curl, CURLOPT_LOGIN_OPTIONS, "AUTH=" + mechanism))
        }
        codes.append(ccurl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, easy.errorBuffer))
        codes.append(ccurl_setopt_write_function(curl, { _, size, count, _ in size * count }))
        codes.append(ccurl_setopt_read_function(curl, { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            return Unmanaged<UploadBody>.fromOpaque(context).takeUnretainedValue().read(into: buffer, max: size * count)
        }))
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            throw SMTPRelayError("libcurl refused a setting: " + String(cString: curl_easy_strerror(failed)))
        }
    }

    public func send(_ message: MailMessage, envelopeFrom: MailAddress) -> SendOutcome {
        let upload = UploadBody(message.rendered())
        return handle.withLock { easy in
            let curl = easy.pointer
            var recipients: UnsafeMutablePointer<curl_slist>? = nil
            recipients = curl_slist_append(recipients, "<" + message.to.text + ">")
            defer {
                _ = ccurl_setopt_slist(curl, CURLOPT_MAIL_RCPT, nil)
                curl_slist_free_all(recipients)
            }
            _ = ccurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, nil)
            _ = ccurl_setopt_string(curl, CURLOPT_MAIL_FROM, "<" + envelopeFrom.text + ">")
            _ = ccurl_setopt_slist(curl, CURLOPT_MAIL_RCPT, recipients)
            _ = ccurl_setopt_long(curl, CURLOPT_UPLOAD, 1)
            return withExtendedLifetime(upload) {
                _ = ccurl_setopt_pointer(curl, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque())
                defer { _ = ccurl_setopt_pointer(curl, CURLOPT_READDATA, nil) }
                return perform(easy)
            }
        }
    }

    public func probe() -> SendOutcome {
        handle.withLock { easy in
            let curl = easy.pointer
            _ = ccurl_setopt_long(curl, CURLOPT_UPLOAD, 0)
            _ = ccurl_setopt_slist(curl, CURLOPT_MAIL_RCPT, nil)
            _ = ccurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, "NOOP")
            defer { _ = ccurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, nil) }
            return perform(easy)
        }
    }

    /// Runs the transfer and classifies libcurl's result with the relay's last reply code.
    private func perform(_ easy: EasyHandle) -> SendOutcome {
        easy.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        let result = curl_easy_perform(easy.pointer)
        var reply = 0
        _ = ccurl_getinfo_long(easy.pointer, CURLINFO_RESPONSE_CODE, &reply)
        return Self.classify(result, reply: reply, detail: String(cString: easy.errorBuffer))
    }

    /// libcurl's outcome as the outbox must act on it. libcurl reports a refused RCPT as
    /// CURLE_SEND_ERROR "RCPT failed: N", a refused MAIL FROM as "MAIL failed: N", and a reply
    /// other than 250 after DATA as CURLE_WEIRD_SERVER_REPLY; the reply code says permanent (5xx)
    /// or transient (4xx), RFC 5321 §4.2.1. 421 is the relay closing (§3.8): the relay, not the message.
    static func classify(_ result: CURLcode, reply: Int, detail: String) -> SendOutcome {
        switch result {
        case CURLE_OK:
            return .delivered
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR:
            return .relayUnavailable(.unreachable)
        case CURLE_OPERATION_TIMEDOUT:
            return .relayUnavailable(.timedOut)
        case CURLE_USE_SSL_FAILED:
            return .relayUnavailable(.noStartTLS)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
            return .relayUnavailable(.tlsFailed)
        case CURLE_LOGIN_DENIED:
            return .relayUnavailable(.loginRefused)
        default:
            break
        }
        if reply == 421 { return .relayUnavailable(.unreachable) }
        if detail.hasPrefix("MAIL failed") { return .relayUnavailable(.senderRefused(code: reply)) }
        let forMessage = detail.hasPrefix("RCPT failed") || result == CURLE_WEIRD_SERVER_REPLY
        switch reply {
        case 500...599 where forMessage: return .refused(code: reply)
        case 400...499 where forMessage: return .deferred(code: reply)
        case 530, 535: return .relayUnavailable(.loginRefused)
        default:
            if result == CURLE_SEND_ERROR, reply == 0 { return .relayUnavailable(.unreachable) }
            return .relayUnavailable(.protocolError(code: reply))
        }
    }
}

/// A libcurl easy handle and its error buffer, freed together.
///
/// `@unchecked Sendable`: only ever used inside `SMTPTransport.handle`'s lock.
final class EasyHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(_ pointer: UnsafeMutableRawPointer) {
        self.pointer = pointer
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(pointer)
        errorBuffer.deallocate()
    }
}

/// The bytes of one message, handed to libcurl's read callback piece by piece.
///
/// `@unchecked Sendable`: read only by libcurl inside one `curl_easy_perform`, under the handle's lock.
final class UploadBody: @unchecked Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Copies up to `max` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<CChar>, max: Int) -> Int {
        let count = min(max, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            guard let base = source.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
