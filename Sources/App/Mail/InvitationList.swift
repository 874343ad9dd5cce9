// Reads an uploaded invitation list: a CSV with an `email` column, every row an address, or nothing queued.
import Campaigns
import Mail

/// The addresses of an invitation list, each with the line it came from.
///
/// The header must name an `email` column (any case); other columns — a name, a ward — are ignored,
/// so an export from the staff directory can be sent as it is. A row that is not an address, or that
/// repeats an earlier one (compared in lower case), is a problem reported by line, and the message
/// never repeats the cell: the answer names no address.
enum InvitationList {
    /// Most addresses one list may hold.
    static let maxAddresses = 20_000

    static func parse(_ csv: [UInt8]) throws -> [(line: Int, address: MailAddress)] {
        let records: [CSVRecord]
        do {
            records = try CSVReader.parse(csv)
        } catch {
            throw APIError.badRequest(error.description)
        }
        guard let header = records.first else { throw APIError.badRequest("The file is empty; the first line must be the header.") }
        let columns = header.fields.map { String($0.filter { !$0.isWhitespace }).lowercased() }
        guard let column = columns.firstIndex(of: "email") else {
            throw APIError.badRequest("Line \(header.line): the header must have an \"email\" column.")
        }
        guard records.count - 1 <= maxAddresses else {
            throw APIError.badRequest("A list holds at most \(maxAddresses) addresses; send it in parts.")
        }
        var problems: [ImportError.RowProblem] = []
        var addresses: [(line: Int, address: MailAddress)] = []
        var firstLine: [String: Int] = [:]
        for record in records.dropFirst() {
            let cell = column < record.fields.count ? record.fields[column] : ""
            guard let address = MailAddress(cell) else {
                problems.append(.init(line: record.line, message: MailAddress.problem(String(cell.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())) ?? "this is not an address."))
                continue
            }
            if let earlier = firstLine[address.comparable] {
                problems.append(.init(line: record.line, message: "the same address as line \(earlier)."))
                continue
            }
            firstLine[address.comparable] = record.line
            addresses.append((record.line, address))
        }
        guard problems.isEmpty else { throw RowsRefused(refusal: MailRefusal.badAddresses, rows: problems) }
        guard !addresses.isEmpty else { throw MailRefusal.noAddresses }
        return addresses
    }
}

/// A refusal about some rows of an uploaded file: answered as the refusal, with `rows` listing each
/// bad line and what is wrong with it (never its content).
struct RowsRefused: Error {
    var refusal: any Refusal
    var rows: [ImportError.RowProblem]
}
