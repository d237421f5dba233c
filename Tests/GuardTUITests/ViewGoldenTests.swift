import GuardTUI
import Testing

/// The views of issue 15 against their golden text and roles.
@Suite struct ViewGoldenTests {
    @Test(arguments: ViewScene.all)
    func matchesGolden(_ scene: ViewScene) throws {
        let screen = scene.render()
        #expect(screen.width == scene.width && screen.height == scene.height)
        try GoldenFile.check(screen, name: scene.name)
    }
}
