// Escaping for text the server writes into an HTML page it fills in (the idea page's Open Graph tags).

enum HTMLText {
    /// `text` safe inside a double-quoted attribute value or as element text: the five characters
    /// that could end either are written as character references (HTML Living Standard §13.1.2.3).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
