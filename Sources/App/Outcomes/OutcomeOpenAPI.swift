// The OpenAPI operations of reporting back: the progress page and data, statuses and updates.

extension OutcomeRoutes {
    typealias Operation = OpenAPIDocument.Operation

    static let operations: [Operation] = [
        Operation(method: "get", path: "/c/{slug}/progress", summary: "What became of the campaign's ideas (HTML)",
                  responses: [("200", "HTML"), ("404", "HTML page: no such campaign")], page: true),
        Operation(method: "get", path: "/api/campaigns/{slug}/progress",
                  summary: "Public: every visible idea with a status — set by staff, or the shortlist's (shortlisted, in_guide) — by status then oldest first: {campaign, title, state, statuses:[{status,label,count}], items:[{id,title,body,guideId,outcome:{status,label,response,changedOn,history:[{status,label,response,on}],updates:[ProgressUpdate],percent}}]}",
                  responses: [("200", "the progress"), ("404", "not_found")], returns: ["200": "Progress"]),
        Operation(method: "put", path: "/admin/contributions/{id}/status",
                  summary: "An idea's public status {status: under_review|shortlisted|in_guide|adopted|in_progress|implemented|not_taken_forward, response} with the official response; audited, allowed on archived campaigns, alerts contributors who opted in (facilitator)",
                  responses: [("200", "{contributionId,status,label,response,changedOn}"), ("404", "not_found"),
                              ("409", "status_unchanged"), ("422", "validation / not_reportable")]),
        Operation(method: "post", path: "/admin/contributions/{id}/updates",
                  summary: "An implementation update on an adopted idea {role?, site?, note, percent?: 0..100, on?: YYYY-MM-DD}; audited (facilitator)",
                  responses: [("201", "{id,contributionId,role,site,note,percent,on}"), ("404", "not_found"),
                              ("409", "not_adopted"), ("422", "validation / not_reportable")]),
        Operation(method: "get", path: "/api/campaigns/{slug}/stories",
                  summary: "Public: the campaign's visible stories, newest first — byline, optional link, the body as Markdown-lite blocks [{type: heading|paragraph|list|quote, level?, ordered?, spans|items: [{text, style: plain|strong|emphasis|link, href?}]}], counts and the caller's vote",
                  responses: [("200", "{items}"), ("404", "not_found")], returns: ["200": "StoryList"]),
        Operation(method: "post", path: "/admin/campaigns/{slug}/stories",
                  summary: "A story {questionId (its phase), title, body (Markdown-lite, ≤ 5000), byline (the story-teller's name, chosen by staff), link?: http(s) address, linkLabel?}: an official contribution with a byline; audited (facilitator)",
                  responses: [("201", "the story"), ("409", "campaign_archived"), ("422", "validation")]),
        Operation(method: "post", path: "/api/guides/{id}/comments",
                  summary: "Have your say on a published mini-guide {body, parentId?}: a comment on its idea's thread (moderated, reported and exported as any comment), allowed whenever the guide is published until the campaign is archived; joined contributors only",
                  responses: [("201", "Comment"), ("401", "unauthorized"), ("404", "not_found"),
                              ("409", "guide_not_published / campaign_archived / rate_limited"), ("422", "validation")],
                  body: "NewComment", returns: ["201": "Comment"]),
        Operation(method: "post", path: "/admin/campaigns/{slug}/progress/import",
                  summary: "Implementation updates from a CSV body (idea, note; role, site, date, percent optional): every row or none, bad rows by line; audited (facilitator)",
                  responses: [("200", "{imported}"), ("422", "validation: the bad rows by line")]),
    ]
}
