// swift-tools-version:6.0
// Groundswell: one module per layer, dependencies pointing one way (HTTP and Campaigns know nothing
// of each other; Storage knows Campaigns; App wires all three into the JSON API).
import PackageDescription

let package = Package(
    name: "Groundswell",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "groundswell", targets: ["groundswell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // /metrics: the swift-metrics API, kept in Prometheus' text format by swift-prometheus.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Header-only: epoll, eventfd and sched_getaffinity, which Swift's Glibc module does not export.
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        // libcurl (Debian's libcurl4-openssl-dev): SMTP submission and its TLS, for the Mail module.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        .target(name: "HTTP", dependencies: ["CZlib", "CLinux"]),
        .target(name: "Campaigns"),
        // Messages (RFC 5322, MIME) and their SMTP transport; knows nothing of campaigns or SQLite.
        .target(name: "Mail", dependencies: ["CCurl"]),
        .target(name: "Storage", dependencies: ["CSQLite", "Campaigns"]),
        .target(
            name: "App",
            dependencies: [
                "HTTP", "Storage", "Campaigns", "Mail",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "groundswell",
            dependencies: ["App", "CLinux", "Mail", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "TestSupport", dependencies: ["HTTP"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "CampaignsTests", dependencies: ["Campaigns"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "CCurl"]),
        .testTarget(
            name: "AppTests", dependencies: ["App", "HTTP", "Storage", "Campaigns", "TestSupport"],
            resources: [.copy("Fixtures")]),
    ]
)
