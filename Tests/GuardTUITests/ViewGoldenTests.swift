import GuardTUI
import Testing

/// The views of issue 15 against their golden text and roles.
@Suite struct ViewGoldenTests {
    @Test(arguments: ViewScene.all)
    func matchesGolden(_ scene: ViewScene) throws {
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
