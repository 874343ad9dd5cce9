// The two big stages of a seed run: votes (sorted for append-only inserts) and threaded comments.
import Campaigns
import Storage

extension CampaignSeeder {
    typealias VoteRow = (contributionID: Int64, contributorID: Int64, value: Int8)

    /// Writes exactly `plan.votes[i]` distinct voters for each contribution, `plan.ups[i]` of them up.
    /// Voters are an arithmetic walk over the people with a stride coprime to their number, so they
    /// are distinct without a set, then sorted to match the primary key. Returns the votes written.
    func insertVotes(_ database: Database, plan: SeedPlan, contributionIDs: [Int64], peopleIDs: [Int64]) throws -> Int {
        var random = SplitMix(seed: 9_000_003)
        let people = peopleIDs.count
        var rows: [VoteRow] = []
        rows.reserveCapacity(size.chunkRows + people)
        var written = 0
        var voters: [(person: Int, value: Int8)] = []
        for (position, contributionID) in contributionIDs.enumerated() {
            let count = plan.votes[position]
            guard count > 0 else { continue }
            let start = Int(random.next() % UInt64(people))
            var stride = 1 + Int(random.next() % UInt64(max(1, people - 1)))
            while greatestCommonDivisor(stride, people) != 1 { stride += 1 }
            voters.removeAll(keepingCapacity: true)
            for step in 0..<count {
                voters.append(((start + step * stride) % people, step < plan.ups[position] ? 1 : -1))
            }
            voters.sort { $0.person < $1.person }
            for voter in voters {
                rows.append((contributionID, peopleIDs[voter.person], voter.value))
            }
            if rows.count >= size.chunkRows {
                try writeVotes(database, rows)
                written += rows.count
                rows.removeAll(keepingCapacity: true)
            }
        }
        if !rows.isEmpty {
            try writeVotes(database, rows)
            written += rows.count
        }
        return written
    }

    private func writeVotes(_ database: Database, _ rows: [VoteRow]) throws {
        let votedAt = now - 3_600
        try database.write { try SeedStore($0).insertVotes(rows, votedAt: votedAt) }
    }

    /// Writes `plan.comments[i]` comments on each contribution: three in four start a thread, the
    /// rest reply to one of those. Returns the comments written.
    func insertComments(_ database: Database, plan: SeedPlan, contributionIDs: [Int64], peopleIDs: [Int64]) throws -> Int {
        var random = SplitMix(seed: 9_000_004)
        let grammar = PhraseGrammar()
        var threads: [SeedComment] = []
        // A reply before its parent is written: the parent's index in `threads`.
        var replies: [(parent: Int, comment: SeedComment)] = []
        var written = 0
        let at = now - 7_200
        for (position, contributionID) in contributionIDs.enumerated() {
            let count = plan.comments[position]
            guard count > 0 else { continue }
            let first = threads.count
            let threadCount = max(1, (count * 3 + 3) / 4)
            for index in 0..<count {
                let comment = SeedComment(
                    contributionID: contributionID, parentID: nil,
                    contributorID: peopleIDs[Int(random.next() % UInt64(peopleIDs.count))],
                    body: grammar.body(minimum: 30, maximum: 400, using: &random), createdAt: at)
                if index < threadCount {
                    threads.append(comment)
                } else {
                    replies.append((first + Int(random.next() % UInt64(threadCount)), comment))
                }
            }
            if threads.count + replies.count >= size.chunkRows / 2 {
                written += try writeComments(database, threads, replies)
                threads.removeAll(keepingCapacity: true)
                replies.removeAll(keepingCapacity: true)
            }
        }
        if !threads.isEmpty { written += try writeComments(database, threads, replies) }
        return written
    }

    private func writeComments(
        _ database: Database, _ threads: [SeedComment], _ replies: [(parent: Int, comment: SeedComment)]
    ) throws -> Int {
        try database.write { connection in
            let store = SeedStore(connection)
            let threadIDs = try store.insertComments(threads)
            _ = try store.insertComments(replies.map { reply in
                var comment = reply.comment
                comment.parentID = threadIDs[reply.parent]
                return comment
            })
            return threads.count + replies.count
        }
    }
}

private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
