// The export routes in the OpenAPI document.
extension ExportRoutes {
    private static let refusals = [
        ("401", "unauthorized: no staff session or token"), ("403", "role_not_permitted / campaign_not_covered"),
        ("404", "not_found: campaign or table"),
    ]

    /// Appended to `OpenAPIDocument.operations`.
    static let operations: [OpenAPIDocument.Operation] = [
        OpenAPIDocument.Operation(
            method: "get", path: "/admin/campaigns/{slug}/export/{file}",
            summary: "One table as CSV, streamed (file: contributions|comments|votes|codes|agreement|findings|teams|participants|stats|audit|machine_codes"
                + " .csv, or linked.csv for admins: contributions with their authors' k-anonymous profiles); audited",
            responses: [("200", "text/csv, UTF-8 with BOM, CRLF, no contributor column (PRIVACY.md)")] + refusals),
        OpenAPIDocument.Operation(
            method: "get", path: "/admin/campaigns/{slug}/export.json",
            summary: "The campaign as one open-data JSON document, streamed; audited",
            responses: [("200", "{campaign, questions, themes, contributions, comments, votes, participants, stats}")] + refusals),
    ]
}
