import CNcurses
import GuardTUI

@main
enum Entry {
    static func main() async {
        _ = dg_lines()
    }
}
