import GuardTUI
import Testing

/// Every view of the fixture host against its golden text and roles.
@Suite struct GoldenScreenTests {
    @Test(arguments: GoldenScene.all)
    func matchesGolden(_ scene: GoldenScene) throws {
        let screen = scene.render()
        #expect(screen.width == scene.width && screen.height == scene.height)
        let files = [
            ("\(scene.name).txt", GoldenFile.text(screen)), ("\(scene.name).roles.txt", GoldenFile.roles(screen)),
        ]
        for (name, actual) in files {
            if GoldenFile.updating {
                try GoldenFile.write(actual, name: name)
                continue
            }
            guard let expected = GoldenFile.bundled(name) else {
                Issue.record("no golden \(name): run DOCKERGUARD_UPDATE_GOLDEN=1 swift test --filter GuardTUITests")
                continue
            }
            if let difference = GoldenFile.difference(expected: expected, actual: actual) {
                Issue.record("\(name): \(difference)")
            }
        }
    }
}
