import Testing

@testable import GuardTUI

/// Issue 13 item 14: the detail pane prints the command as a shell would read it back.
@Suite struct ShellWordsTests {
    @Test func quotesOnlyWhatNeedsIt() {
        #expect(ShellWords.quote(["sleep", "3600"]) == "sleep 3600")
        #expect(
            ShellWords.quote(["sh", "-c", "trap \"exit 0\" TERM INT; sleep 86400 & wait"])
                == #"sh -c 'trap "exit 0" TERM INT; sleep 86400 & wait'"#)
        #expect(ShellWords.quote(["echo", "it's", ""]) == #"echo 'it'\''s' ''"#)
        #expect(
            ShellWords.quote(["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"])
                == "/docker-entrypoint.sh nginx -g 'daemon off;'")
    }

    @Test("a word with a newline or a control character is spelled out as bash's $'…'")
    func controlCharacters() {
        #expect(ShellWords.quote(["sh", "-c", "a=1\necho \"it's\"\t\\x"]) == #"sh -c $'a=1\necho "it\'s"\t\\x'"#)
        #expect(ShellWords.quote(["printf", "\u{1}"]) == #"printf $'\x01'"#)
    }
}
