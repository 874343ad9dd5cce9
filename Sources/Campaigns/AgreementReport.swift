// How far coders (or teams) agree when they sort contributions into themes, per theme and overall.

/// Agreement figures for a coding exercise: one row per theme, and one for the exact sets.
public struct AgreementReport: Sendable, Equatable {
    /// The statistics for one way of labelling the items.
    public struct Figures: Sendable, Equatable {
        /// Items coded by at least two coders (the only ones any statistic uses).
        public var items: Int
        /// `Agreement.percentAgreement`, 0…1.
        public var percent: Double?
        /// `Agreement.meanPairwiseKappa`: Cohen's kappa for two coders, Light's mean over pairs for more.
        public var kappa: Double?
        /// `Agreement.krippendorffAlpha` (nominal).
        public var alpha: Double?

        public init(items: Int, percent: Double?, kappa: Double?, alpha: Double?) {
            self.items = items
            self.percent = percent
            self.kappa = kappa
            self.alpha = alpha
        }
    }

    /// One theme's figures, with the theme as a present/absent label.
    public struct ThemeFigures: Sendable, Equatable {
        public var themeID: Int64
        public var figures: Figures

        public init(themeID: Int64, figures: Figures) {
            self.themeID = themeID
            self.figures = figures
        }
    }

    /// In the order the themes were given.
    public var byTheme: [ThemeFigures]
    /// With each item's exact set of themes as its label.
    public var overall: Figures

    public init(byTheme: [ThemeFigures], overall: Figures) {
        self.byTheme = byTheme
        self.overall = overall
    }

    /// The figures for one theme, if it was in the report.
    public func figures(for themeID: Int64) -> Figures? {
        byTheme.first { $0.themeID == themeID }?.figures
    }

    /// codes: item id → coder/team id → set of theme ids (empty set = "not relevant"). Per theme, each item×coder
    /// becomes a binary label present/absent; overall uses the exact set as the label.
    ///
    /// A coder missing from an item's dictionary did not code it. Theme ids in `codes` but not in
    /// `themes` get no row of their own but still count in the overall sets.
    public static func build(codes: [Int64: [String: Set<Int64>]], themes: [Int64]) -> AgreementReport {
        let items = codes.keys.sorted()
        let coders = Set(codes.values.flatMap(\.keys)).sorted()
        let pairable = items.filter { (codes[$0]?.count ?? 0) >= 2 }.count

        func matrix(_ label: (Set<Int64>) -> String) -> [[String?]] {
            items.map { item in
                let byCoder = codes[item] ?? [:]
                return coders.map { coder in byCoder[coder].map(label) }
            }
        }
        func figures(_ data: [[String?]]) -> Figures {
            Figures(
                items: pairable,
                percent: Agreement.percentAgreement(data),
                kappa: Agreement.meanPairwiseKappa(data),
                alpha: Agreement.krippendorffAlpha(data)
            )
        }

        let byTheme = themes.map { theme in
            ThemeFigures(themeID: theme, figures: figures(matrix { $0.contains(theme) ? "present" : "absent" }))
        }
        let overall = figures(matrix { set in set.sorted().map(String.init).joined(separator: ",") })
        return AgreementReport(byTheme: byTheme, overall: overall)
    }
}
