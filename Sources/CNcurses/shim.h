// ncursesw for Swift. The wide-character API needs these two defines before curses.h; pkg-config's
// -D flags are dropped by SwiftPM, so they live here. The macros and globals Swift cannot import
// (or rejects as not concurrency-safe) are wrapped as static inline functions in this same header:
// a second C target including curses.h with other defines would break the module ("'_win_st' has
// different definitions in different modules").
#ifndef DOCKERGUARD_CNCURSES_SHIM_H
#define DOCKERGUARD_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

static inline WINDOW *dg_stdscr(void) { return stdscr; }
static inline int dg_lines(void) { return LINES; }
static inline int dg_cols(void) { return COLS; }
static inline int dg_colors(void) { return COLORS; }
static inline int dg_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t dg_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline attr_t dg_a_bold(void) { return A_BOLD; }
static inline attr_t dg_a_dim(void) { return A_DIM; }
static inline attr_t dg_a_reverse(void) { return A_REVERSE; }
static inline attr_t dg_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dg_a_normal(void) { return A_NORMAL; }
static inline int dg_key_resize(void) { return KEY_RESIZE; }

/// Takes the terminal's size from the kernel and resizes curses to it. The app catches SIGWINCH
/// itself (curses' own handler may run on any thread and would not wake the UI thread's poll).
static inline int dg_refresh_size(void) {
    struct winsize size;
    if (ioctl(1, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return ERR;
    return resizeterm(size.ws_row, size.ws_col);
}

/// Draws `count` UTF-32 code units at (row, column) with `attributes` and colour pair `pair`.
static inline int dg_put(int row, int column, const wchar_t *text, int count, attr_t attributes, short pair) {
    if (wmove(stdscr, row, column) == ERR) return ERR;
    attr_set(attributes, pair, NULL);
    return waddnwstr(stdscr, text, count);
}

#endif
