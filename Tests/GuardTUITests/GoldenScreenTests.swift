import GuardTUI
import Testing

/// Every view of the fixture host against its golden text and roles.
@Suite struct GoldenScreenTests {
    @Test(arguments: GoldenScene.all)
    func matchesGolden(_ scene: GoldenScene) throws {
        let screen = scene.render()
        #expect(screen.width == scene.width && screen.height == scene.height)
        try GoldenFile.check(screen, name: scene.name)
    }
}
