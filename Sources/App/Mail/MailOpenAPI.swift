// The mail routes in the OpenAPI document: invitations, reminders, the Mail section's status, unsubscribe.
extension MailStatusRoutes {
    private typealias Op = OpenAPIDocument.Operation
    private static let guarded = [("401", "unauthorized: no staff session or token"), ("403", "role_not_permitted / campaign_not_covered")]

    /// Every mail operation, appended to `OpenAPIDocument.operations`.
    static let operations: [OpenAPIDocument.Operation] = [
        Op(method: "post", path: "/admin/campaigns/{slug}/invitations",
           summary: "Invite by e-mail: a text/csv body with an email column; each address gets a personal join link",
           responses: [("202", "{queued, alreadyInvited}"),
                       ("409", "mail_campaign_not_live / campaign_archived"),
                       ("422", "bad_addresses {rows: [{line, message}]}, nothing queued / no_addresses / not_csv")] + guarded),
        Op(method: "post", path: "/admin/campaigns/{slug}/reminders",
           summary: "Remind every invitation that still holds an address (at most once a day)",
           responses: [("202", "{queued}"), ("409", "reminder_too_soon / nobody_to_remind / mail_campaign_not_live")] + guarded),
        Op(method: "get", path: "/admin/mail", summary: "The relay's state, the whole outbox counted, the demo's preview",
           responses: [("200", "{relay, waiting, oldestQueuedAt, outcomes, preview}")] + guarded),
        Op(method: "get", path: "/admin/campaigns/{slug}/mail",
           summary: "A campaign's mail: queue, outcomes (counts, never addresses), invitations held, sends, announcements",
           responses: [("200", "{relay, waiting, outcomes, invitations, sends, announcements}")] + guarded),
        Op(method: "post", path: "/api/unsubscribe/{token}",
           summary: "One-click unsubscribe (RFC 8058) with the token of a message's List-Unsubscribe link",
           responses: [("200", "{unsubscribed}"), ("404", "not_found: not a token of this server")],
           returns: ["200": "Unsubscribed"]),
    ]
}
