import Testing
@testable import Campaigns

@Test func moduleBuilds() {}
