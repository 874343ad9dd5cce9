// Errors the stores raise for states the schema alone cannot express (a row that vanished mid-write).

/// A store could not do what was asked because the data is not as the caller expected.
public enum StoreError: Error, Sendable, Equatable {
    /// The row the write targets does not exist (any more).
    case notFound
    /// A stored value is outside what the code knows (an unknown enum string): the database was edited by hand.
    case corrupt(table: String, column: String)
}
