import CNcurses
import GuardTUI

/// Turns what `wget_wch` returns into a ``Key``.
enum KeyDecoder {
    /// `status` is `wget_wch`'s result: `OK` for a character, `KEY_CODE_YES` for a function key.
    static func decode(status: Int32, code: UInt32) -> Key? {
        if status == KEY_CODE_YES { return functionKey(Int32(code)) }
        switch code {
        case 0x1B: return .escape
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(code + 0x60)!))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_RESIZE: .resize
        default: nil
        }
    }
}
