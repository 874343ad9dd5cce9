// What another part of Storage keeps beside one connection, told when the connection's read transactions begin and end.

/// State another part of Storage keeps with one connection (the vote journal's view of it), so that
/// `Connection` itself stays a plain SQLite handle. Confined like its connection.
protocol ConnectionAttachment: AnyObject {
    /// A read transaction began: what holds for one snapshot may be kept until it ends.
    func readTransactionBegan()
    /// The read transaction ended: forget what held for its snapshot.
    func readTransactionEnded()
}
