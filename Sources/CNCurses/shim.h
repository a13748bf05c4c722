// The only C the console touches: ncursesw with wide characters, and the attribute macros Swift cannot import.
#ifndef TRIAGE_CNCURSES_SHIM_H
#define TRIAGE_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline attr_t triage_attr_bold(void) { return A_BOLD; }
static inline attr_t triage_attr_dim(void) { return A_DIM; }
static inline attr_t triage_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t triage_attr_reverse(void) { return A_REVERSE; }
static inline attr_t triage_attr_normal(void) { return A_NORMAL; }
static inline int triage_key_code_yes(void) { return KEY_CODE_YES; }
static inline int triage_err(void) { return ERR; }
static inline WINDOW *triage_stdscr(void) { return stdscr; }
static inline int triage_colors(void) { return COLORS; }
static inline int triage_color_pairs(void) { return COLOR_PAIRS; }

/// Writes one wide character with attributes and a colour pair at (y, x).
static inline int triage_put(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Writes one wide character with an extended colour pair (more than 32767 pairs).
static inline int triage_put_ext(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, (short)0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Reads a key or character: returns KEY_CODE_YES for a function key, OK for a character, ERR on timeout.
static inline int triage_get(wint_t *out) { return wget_wch(stdscr, out); }

/// Reads one byte of input, or a key code (>= KEY_MIN) for a key curses recognised, or ERR on timeout. Text is read
/// byte by byte and decoded by the console, so it does not depend on the locale.
static inline int triage_getch(void) { return wgetch(stdscr); }
static inline int triage_key_min(void) { return KEY_MIN; }

static inline const char *triage_codeset(void) { return nl_langinfo(CODESET); }

#endif
