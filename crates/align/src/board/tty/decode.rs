//! What a terminal sends, decoded into the events the keymap reads. The board reads its
//! terminal itself (see [`super`]), so it decodes the bytes itself too: keys as xterm
//! and its kin send them (a character, a control key, `ESC` before a key for Alt,
//! `CSI`/`SS3` sequences for the arrows, the editing keys and F1…F20, with xterm's
//! modifier parameter), the mouse (SGR, urxvt and X10 reports), bracketed paste and
//! focus reports. The events are crossterm's, so nothing past this module knows.
//!
//! Bytes can arrive in any pieces: a sequence split between two reads is put together,
//! and what is not a whole event yet is held until the rest comes. When nothing more
//! comes, the caller says so ([`Decoder::expire`]) and a lone `ESC` is the Esc key,
//! `ESC [` is `Alt-[` (which is how a terminal sends that key); a longer unfinished
//! sequence is noise and dropped. A sequence the board has no use for is read whole
//! and dropped, so the byte after it is never mistaken for part of it.

use std::collections::VecDeque;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const ESC: u8 = 0x1b;
/// The end of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";
/// No escape sequence a terminal sends as input is longer: a longer one that has not
/// ended is noise, dropped rather than held for ever.
const LONGEST: usize = 64;

/// Bytes in, events out.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes read but not decoded yet: the start of a sequence whose rest has not come.
    held: Vec<u8>,
    /// Inside a bracketed paste: the pasted bytes so far.
    paste: Option<Vec<u8>>,
    events: VecDeque<Event>,
}

/// What the bytes at the front of the buffer are.
#[derive(Debug, PartialEq)]
enum Step {
    /// The start of something: more bytes are needed to say what.
    More,
    /// This many bytes made this event.
    Event(usize, Event),
    /// This many bytes mean nothing to the board (a sequence it has no use for, a stray
    /// byte).
    Skip(usize),
    /// This many bytes opened a bracketed paste.
    Paste(usize),
}

impl Decoder {
    /// Take bytes the terminal sent.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.held.extend_from_slice(bytes);
        let mut at = 0;
        while at < self.held.len() {
            if let Some(paste) = &mut self.paste {
                let rest = &self.held[at..];
                if let Some(end) = find(rest, PASTE_END) {
                    paste.extend_from_slice(&rest[..end]);
                    let text = String::from_utf8_lossy(paste).into_owned();
                    self.events.push_back(Event::Paste(text));
                    self.paste = None;
                    at += end + PASTE_END.len();
                    continue;
                }
                // Keep what may be the start of the end marker; the rest is pasted text.
                let keep = (1..PASTE_END.len())
                    .rev()
                    .find(|&n| rest.ends_with(&PASTE_END[..n]))
                    .unwrap_or(0);
                paste.extend_from_slice(&rest[..rest.len() - keep]);
                at = self.held.len() - keep;
                break;
            }
            match step(&self.held[at..]) {
                Step::More => break,
                Step::Event(n, event) => {
                    self.events.push_back(event);
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::Paste(n) => {
                    self.paste = Some(Vec::new());
                    at += n;
                }
            }
        }
        self.held.drain(..at);
    }

    /// The next decoded event.
    pub fn next(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Whether an event is decoded and waiting to be taken.
    pub fn has_events(&self) -> bool {
        !self.events.is_empty()
    }

    /// Whether bytes are held for the rest of an escape sequence (or of a character):
    /// the caller gives the rest a moment to come, then calls [`Decoder::expire`]. A
    /// paste has no such moment: it lasts until its end marker.
    pub fn waiting(&self) -> bool {
        self.paste.is_none() && !self.held.is_empty()
    }

    /// Whether all that is held is one `ESC`: the Esc key, unless the rest of a sequence
    /// is already on its way.
    pub fn holds_lone_escape(&self) -> bool {
        self.paste.is_none() && self.held == [ESC]
    }

    /// The rest of what is held did not come: a lone `ESC` is the Esc key, `ESC` and
    /// one printable character that key with Alt (`ESC [` is `Alt-[`, `ESC O` is
    /// `Alt-O`); anything longer is a sequence cut short, and dropped.
    pub fn expire(&mut self) {
        if self.paste.is_some() {
            return;
        }
        match *self.held.as_slice() {
            [ESC] => self.events.push_back(key(KeyCode::Esc, KeyModifiers::NONE)),
            [ESC, c @ 0x20..=0x7e] => self
                .events
                .push_back(char_key(char::from(c), KeyModifiers::ALT)),
            _ => {}
        }
        self.held.clear();
    }

    /// Forget everything held and decoded: the terminal was someone else's meanwhile
    /// (a suspend), and what it sent then was not meant for the board.
    pub fn clear(&mut self) {
        *self = Decoder::default();
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A character key; a capital also reports Shift, as crossterm does.
fn char_key(c: char, modifiers: KeyModifiers) -> Event {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), modifiers | shift)
}

/// What the bytes at the front of `b` are.
fn step(b: &[u8]) -> Step {
    let Some(&first) = b.first() else {
        return Step::More;
    };
    let plain = |code| Step::Event(1, key(code, KeyModifiers::NONE));
    let ctrl = |c: u8| Step::Event(1, key(KeyCode::Char(char::from(c)), KeyModifiers::CONTROL));
    match first {
        ESC => escape(b),
        b'\r' => plain(KeyCode::Enter),
        b'\t' => plain(KeyCode::Tab),
        0x7f => plain(KeyCode::Backspace),
        0 => ctrl(b' '),
        // Ctrl-a … Ctrl-z (Ctrl-j is also a line feed, Ctrl-h a backspace on some
        // terminals: raw, they are the control keys, as crossterm reports them).
        c @ 0x01..=0x1a => ctrl(c - 0x01 + b'a'),
        c @ 0x1c..=0x1f => ctrl(c - 0x1c + b'4'),
        c @ 0x20..=0x7e => Step::Event(1, char_key(char::from(c), KeyModifiers::NONE)),
        _ => utf8(b),
    }
}

/// A character of more than one byte.
fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Skip(1),
    };
    for (i, &byte) in b.iter().enumerate().take(len).skip(1) {
        if byte & 0xc0 != 0x80 {
            return Step::Skip(i);
        }
    }
    if b.len() < len {
        return Step::More;
    }
    match std::str::from_utf8(&b[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Step::Event(len, char_key(c, KeyModifiers::NONE)),
        None => Step::Skip(len),
    }
}

/// `ESC` and what follows it.
fn escape(b: &[u8]) -> Step {
    match b.get(1) {
        None => Step::More,
        Some(b'[') => csi(b),
        Some(b'O') => ss3(b),
        // Esc pressed twice: the first is Esc, the second starts anew.
        Some(&ESC) => Step::Event(1, key(KeyCode::Esc, KeyModifiers::NONE)),
        // `ESC` before a key: that key with Alt.
        Some(_) => match step(&b[1..]) {
            Step::Event(n, Event::Key(mut k)) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(n + 1, Event::Key(k))
            }
            Step::More => Step::More,
            Step::Skip(n) | Step::Event(n, _) | Step::Paste(n) => Step::Skip(n + 1),
        },
    }
}

/// `ESC O` and a letter: the arrows, Home, End and F1–F4 in the terminal's
/// application mode. Anything else after `ESC O` means `Alt-O` was pressed.
fn ss3(b: &[u8]) -> Step {
    let Some(&last) = b.get(2) else {
        return Step::More;
    };
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(last - b'P' + 1),
        _ => return Step::Event(2, char_key('O', KeyModifiers::ALT)),
    };
    Step::Event(3, key(code, KeyModifiers::NONE))
}

/// `ESC [`: a control sequence — parameter bytes, intermediate bytes, one final byte —
/// or one of the two older forms that break that grammar (the Linux console's
/// `ESC [ [ A` for F1, the X10 mouse report `ESC [ M` and three raw bytes).
fn csi(b: &[u8]) -> Step {
    match b.get(2) {
        None => return Step::More,
        Some(b'[') => {
            return match b.get(3) {
                None => Step::More,
                Some(&f @ b'A'..=b'E') => {
                    Step::Event(4, key(KeyCode::F(f - b'A' + 1), KeyModifiers::NONE))
                }
                Some(_) => Step::Skip(4),
            };
        }
        Some(b'M') => return x10_mouse(b),
        Some(_) => {}
    }
    let mut last = None;
    for (i, &byte) in b.iter().enumerate().skip(2) {
        match byte {
            0x20..=0x3f => {}
            0x40..=0x7e => {
                last = Some(i);
                break;
            }
            // Not a control sequence after all: `ESC [` was `Alt-[`; a sequence broken
            // off further on is dropped, and the byte that broke it read on its own.
            _ if i == 2 => return Step::Event(2, char_key('[', KeyModifiers::ALT)),
            _ => return Step::Skip(i),
        }
    }
    let Some(last) = last else {
        return if b.len() >= LONGEST {
            Step::Skip(b.len())
        } else {
            Step::More
        };
    };
    let len = last + 1;
    let params = &b[2..last];
    match control(params, b[last]) {
        Control::Event(event) => Step::Event(len, event),
        Control::Paste => Step::Paste(len),
        Control::Nothing => Step::Skip(len),
    }
}

enum Control {
    Event(Event),
    Paste,
    Nothing,
}

/// What a whole control sequence means, from its parameters and final byte.
fn control(params: &[u8], last: u8) -> Control {
    if let Some(sgr) = params.strip_prefix(b"<") {
        return match (last, numbers(sgr).as_slice()) {
            (b'M' | b'm', &[Some(cb), Some(x), Some(y)]) => {
                mouse(cb, x, y, last == b'm').map_or(Control::Nothing, Control::Event)
            }
            _ => Control::Nothing,
        };
    }
    // Replies to questions (`ESC [ ? …`, `ESC [ > …`) and other private sequences.
    if params.first().is_some_and(|p| (b'<'..=b'?').contains(p)) {
        return Control::Nothing;
    }
    let fields = numbers(params);
    let field = |i: usize| fields.get(i).copied().flatten();
    let (modifiers, kind) = modifiers_of(params, 1);
    let pressed = |code| Control::Event(Event::Key(KeyEvent::new_with_kind(code, modifiers, kind)));
    match last {
        b'~' => match field(0) {
            Some(200) => Control::Paste,
            // xterm's modifyOtherKeys: `ESC [ 27 ; modifiers ; code ~`.
            Some(27) => match field(2).and_then(char::from_u32) {
                Some(c) => Control::Event(codepoint_key(c, modifiers, KeyEventKind::Press)),
                None => Control::Nothing,
            },
            Some(n) => tilde_key(n).map_or(Control::Nothing, pressed),
            None => Control::Nothing,
        },
        // A key with a letter: no first parameter, or 1 before the modifiers. Anything
        // else before a letter is a report (`ESC [ 12 ; 40 R`, the cursor), not a key.
        b'A' | b'B' | b'C' | b'D' | b'H' | b'F' | b'P' | b'Q' | b'R' | b'S'
            if matches!(field(0), None | Some(1)) && fields.len() <= 2 =>
        {
            pressed(match last {
                b'A' => KeyCode::Up,
                b'B' => KeyCode::Down,
                b'C' => KeyCode::Right,
                b'D' => KeyCode::Left,
                b'H' => KeyCode::Home,
                b'F' => KeyCode::End,
                f => KeyCode::F(f - b'P' + 1),
            })
        }
        b'Z' if fields.len() <= 2 => Control::Event(Event::Key(KeyEvent::new_with_kind(
            KeyCode::BackTab,
            modifiers | KeyModifiers::SHIFT,
            kind,
        ))),
        b'I' if params.is_empty() => Control::Event(Event::FocusGained),
        b'O' if params.is_empty() => Control::Event(Event::FocusLost),
        // The kitty keyboard protocol's `ESC [ code ; modifiers u`.
        b'u' => match field(0).and_then(char::from_u32) {
            Some(c) => Control::Event(codepoint_key(c, modifiers, kind)),
            None => Control::Nothing,
        },
        // urxvt's mouse report, the button offset by 32 as in X10's.
        b'M' => match fields.as_slice() {
            &[Some(cb), Some(x), Some(y)] if cb >= 32 => {
                mouse(cb - 32, x, y, false).map_or(Control::Nothing, Control::Event)
            }
            _ => Control::Nothing,
        },
        _ => Control::Nothing,
    }
}

/// The `;`-separated numbers of a parameter string (of each, the part before any `:`);
/// an empty or unreadable one is `None`.
fn numbers(params: &[u8]) -> Vec<Option<u32>> {
    if params.is_empty() {
        return Vec::new();
    }
    params
        .split(|&b| b == b';')
        .map(|field| {
            let main = field.split(|&b| b == b':').next().unwrap_or_default();
            std::str::from_utf8(main).ok()?.parse().ok()
        })
        .collect()
}

/// xterm's modifier parameter, field `i`: 1 + Shift 1, Alt 2, Ctrl 4, Super 8, Hyper 16,
/// Meta 32; after a `:`, the kind of event (1 press, 2 repeat, 3 release).
fn modifiers_of(params: &[u8], i: usize) -> (KeyModifiers, KeyEventKind) {
    let Some(field) = params.split(|&b| b == b';').nth(i) else {
        return (KeyModifiers::NONE, KeyEventKind::Press);
    };
    let mut parts = field.split(|&b| b == b':').map(|p| {
        std::str::from_utf8(p)
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
    });
    let mask = parts.next().flatten().unwrap_or(1).saturating_sub(1);
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if mask & bit != 0 {
            modifiers |= modifier;
        }
    }
    let kind = match parts.next().flatten() {
        Some(2) => KeyEventKind::Repeat,
        Some(3) => KeyEventKind::Release,
        _ => KeyEventKind::Press,
    };
    (modifiers, kind)
}

/// The keys sent as `ESC [ n ~` (the VT220's editing keys and function keys).
fn tilde_key(n: u32) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F(u8::try_from(n - 10).ok()?),
        17..=21 => KeyCode::F(u8::try_from(n - 11).ok()?),
        23..=26 => KeyCode::F(u8::try_from(n - 12).ok()?),
        28 | 29 => KeyCode::F(u8::try_from(n - 13).ok()?),
        31..=34 => KeyCode::F(u8::try_from(n - 14).ok()?),
        _ => return None,
    })
}

/// A key given by its code point (kitty's `u` and xterm's modifyOtherKeys).
fn codepoint_key(c: char, modifiers: KeyModifiers, kind: KeyEventKind) -> Event {
    let code = match c {
        '\x1b' => KeyCode::Esc,
        '\r' => KeyCode::Enter,
        '\t' if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        '\t' => KeyCode::Tab,
        '\x7f' => KeyCode::Backspace,
        c => KeyCode::Char(c),
    };
    Event::Key(KeyEvent::new_with_kind(code, modifiers, kind))
}

/// X10's mouse report: `ESC [ M` and three bytes, each 32 more than its value.
fn x10_mouse(b: &[u8]) -> Step {
    let Some(&[cb, x, y]) = b.get(3..6) else {
        return Step::More;
    };
    let event = cb.checked_sub(32).and_then(|cb| {
        mouse(
            u32::from(cb),
            u32::from(x.saturating_sub(32)),
            u32::from(y.saturating_sub(32)),
            false,
        )
    });
    event.map_or(Step::Skip(6), |e| Step::Event(6, e))
}

/// A mouse report: the button code (its low bits the button, 4 Shift, 8 Alt, 16 Ctrl,
/// 32 a move, 64 the wheel), the 1-based cell, and whether it says a button went up.
fn mouse(cb: u32, x: u32, y: u32, up: bool) -> Option<Event> {
    let button = (cb & 0b11) | ((cb & 0b1100_0000) >> 4);
    let moving = cb & 32 != 0;
    let which = |n| match n {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = match (button, moving) {
        (0..=2, false) if up => MouseEventKind::Up(which(button)),
        (0..=2, false) => MouseEventKind::Down(which(button)),
        (0..=2, true) => MouseEventKind::Drag(which(button)),
        // X10 says only that some button went up.
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if cb & bit != 0 {
            modifiers |= modifier;
        }
    }
    let cell = |n: u32| u16::try_from(n.saturating_sub(1)).unwrap_or(u16::MAX);
    Some(Event::Mouse(MouseEvent {
        kind,
        column: cell(x),
        row: cell(y),
        modifiers,
    }))
}

#[cfg(test)]
mod tests;
