import Testing
@testable import StationAnalysis

/// Chinese phone formats registries use, and near misses.
@Suite struct PhoneNumberTests {
    @Test(arguments: [
        "13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "0086 13812345678", "8613812345678",
        "0351-4040123", "(0351)4040123", "（0351）4040123", "010-12345678", "021 6234 5678", "0351-4040123-8001",
        "0351-4040123转8001", "+86 351 4040123", "400-123-4567", "800 123 4567", "12351", "12345", "95588",
        "0351-4040123/13812345678", "0351-4040123、0351-4040124",
    ])
    func accepted(_ number: String) {
        #expect(PhoneNumber.problem(in: number) == nil)
    }

    @Test(arguments: [
        ("1381234567", "11 digits"), ("12812345678", "13–19"), ("0351-40401", "7 or 8 digits"), ("4040123", "no area code"),
        ("400-123-456", "10 digits"), ("电话待定", "no digits"), ("0351-4040123 ext", "extension"), ("0351-0040123", "never starts with 0"),
        ("13812345678/123", "'123'"),
    ])
    func rejected(_ number: String, _ reason: String) throws {
        let problem = try #require(PhoneNumber.problem(in: number))
        #expect(problem.contains(reason), "\(problem)")
    }
}
