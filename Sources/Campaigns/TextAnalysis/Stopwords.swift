// English words too common to say what a contribution is about, left out of every analysis aid.

enum Stopwords {
    /// Function words (articles, pronouns, auxiliaries, prepositions, conjunctions) and the hedges
    /// people write around an idea ("I think", "really"), lower-case and without apostrophes, as
    /// `TermNormaliser.words` leaves them.
    static let english: Set<String> = [
        "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "arent",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "cant", "cannot", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "doing", "dont", "down",
        "during", "each", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "getting",
        "got", "had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "hed", "hes", "her", "here",
        "hers", "herself", "him", "himself", "his", "how", "however", "id", "if", "im", "in", "into", "is",
        "isnt", "it", "its", "itself", "ive", "just", "let", "lets", "like", "lot", "lots", "made", "make",
        "makes", "many", "may", "me", "might", "more", "most", "much", "must", "mustnt", "my", "myself", "no",
        "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "others",
        "ought", "our", "ours", "ourselves", "out", "over", "own", "per", "quite", "rather", "really", "same",
        "say", "says", "shall", "she", "shed", "shes", "should", "shouldnt", "so", "some", "something", "still",
        "such", "than", "that", "thats", "the", "their", "theirs", "them", "themselves", "then", "there",
        "theres", "these", "they", "theyd", "theyll", "theyre", "theyve", "thing", "things", "think", "this",
        "those", "though", "through", "to", "too", "under", "until", "up", "upon", "us", "use", "very", "want",
        "was", "wasnt", "way", "we", "wed", "well", "were", "weve", "werent", "what", "whats", "when", "where",
        "whether", "which", "while", "who", "whom", "whos", "why", "will", "with", "within", "without", "wont",
        "would", "wouldnt", "yes", "yet", "you", "youd", "youll", "your", "youre", "yours", "yourself",
        "yourselves", "youve",
    ]
}
