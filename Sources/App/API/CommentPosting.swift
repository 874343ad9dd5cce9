// What every route that adds a contributor's comment does once its own rules have passed.
import Campaigns
import HTTP
import Storage

/// Shared by the idea's comment route and the published guide's (`GuideCommentRoute`): the reply
/// rule, the insert, the live count and the 201 answer are the same; who may comment when is not.
enum CommentPosting {
    /// Checks the reply rule and inserts the comment, inside the caller's write.
    static func insert(
        on contributionID: Int64, parentID: Int64?, by callerID: Int64, text: String, now: Int64, in connection: Connection
    ) throws -> CommentRecord {
        let comments = CommentStore(connection)
        if let parentID, let refusal = CommentRules.reply(to: try comments.comment(id: parentID)?.facts, on: contributionID) {
            throw refusal.on(field: "parentId")
        }
        return try comments.insert(contributionID: contributionID, parentID: parentID, contributorID: callerID, body: text, now: now)
    }

    /// After the write: the new count to open pages, and the comment as the 201 answer.
    static func created(
        _ comment: CommentRecord, campaignID: Int64, count: Int, callerID: Int64, _ context: AppContext
    ) -> Response {
        context.publishCommentCount(campaignID: campaignID, contributionID: comment.contributionID, comments: count)
        var json = JSONWriter()
        json.comment(comment, viewerID: callerID, replies: [])
        return .json(json.bytes, status: .created)
    }
}
