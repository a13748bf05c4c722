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
#include <unistd.h>

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

/// The C library's width of one character: how ncurses places it, and how a wcwidth-based terminal draws it.
static inline int triage_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/// Text for the terminal that ncurses does not draw (emoji sequences, whose width terminals disagree about),
/// gathered by `triage_put_raw` and written by `triage_raw_flush`.
struct triage_raw { char bytes[8192]; size_t used; };

static inline struct triage_raw *triage_raw_queue(void) {
    static struct triage_raw queue;
    return &queue;
}

static inline int triage_raw_putc(int c) {
    struct triage_raw *q = triage_raw_queue();
    if (q->used < sizeof q->bytes) q->bytes[q->used++] = (char)c;
    return c;
}

/// Queues `utf8` for (y, x): an absolute cursor move, the attributes and colour pair (through ncurses, which so
/// knows what the terminal is set to), the text. ERR when the terminal has no cursor addressing or the queue is full.
static inline int triage_put_raw(int y, int x, const char *utf8, attr_t attrs, int pair) {
    const char *cup = tigetstr("cup");
    if (cup == NULL || cup == (char *)-1 || triage_raw_queue()->used + 256 > sizeof triage_raw_queue()->bytes) return ERR;
    tputs(tiparm(cup, y, x), 1, triage_raw_putc);
    vid_puts(attrs, (short)0, &pair, triage_raw_putc);
    for (const char *p = utf8; *p; ++p) triage_raw_putc((unsigned char)*p);
    return OK;
}

/// Writes what `triage_put_raw` queued to `fd`, after ncurses has written its frame, ending with an absolute move
/// to (y, x): where ncurses left the cursor and believes it is, whatever width the terminal gave the text.
static inline void triage_raw_flush(int fd, int y, int x) {
    struct triage_raw *q = triage_raw_queue();
    const char *cup = tigetstr("cup");
    if (cup != NULL && cup != (char *)-1) tputs(tiparm(cup, y, x), 1, triage_raw_putc);
    size_t done = 0;
    while (done < q->used) {
        ssize_t n = write(fd, q->bytes + done, q->used - done);
        if (n <= 0) break;
        done += (size_t)n;
    }
    q->used = 0;
}

/// Reads a key or character: returns KEY_CODE_YES for a function key, OK for a character, ERR on timeout.
static inline int triage_get(wint_t *out) { return wget_wch(stdscr, out); }

/// Reads one byte of input, or a key code (>= KEY_MIN) for a key curses recognised, or ERR on timeout. Text is read
/// byte by byte and decoded by the console, so it does not depend on the locale.
static inline int triage_getch(void) { return wgetch(stdscr); }
static inline int triage_key_min(void) { return KEY_MIN; }

static inline const char *triage_codeset(void) { return nl_langinfo(CODESET); }

#endif
