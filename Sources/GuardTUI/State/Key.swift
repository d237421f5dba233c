/// A key press, decoded by the terminal backend; the state machine sees only these.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab
    /// Ctrl plus a letter, e.g. `.control("s")`.
    case control(Character)
    /// The terminal changed size.
    case resize
}
