//! The decoder against what terminals send: each kind of key, mouse report and paste,
//! sequences cut into pieces at every point, sequences cut short, and any bytes at all.

use proptest::prelude::*;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{Decoder, LONGEST};

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c), NONE)
}

fn mouse(kind: MouseEventKind, column: u16, row: u16, modifiers: KeyModifiers) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    })
}

/// Everything `bytes` decode to when they arrive in one read.
fn decode(bytes: &[u8]) -> Vec<Event> {
    let mut d = Decoder::default();
    d.feed(bytes);
    drain(&mut d)
}

fn drain(d: &mut Decoder) -> Vec<Event> {
    std::iter::from_fn(|| d.next()).collect()
}

#[test]
fn characters_and_control_keys() {
    assert_eq!(decode(b"jG"), [ch('j'), key(KeyCode::Char('G'), SHIFT)]);
    assert_eq!(decode("é✓🙂".as_bytes()), [ch('é'), ch('✓'), ch('🙂')]);
    assert_eq!(
        decode(b"\r\t\x7f"),
        [
            key(KeyCode::Enter, NONE),
            key(KeyCode::Tab, NONE),
            key(KeyCode::Backspace, NONE)
        ]
    );
    assert_eq!(
        decode(b"\x03\x1a\x12\x00\x1c"),
        [
            key(KeyCode::Char('c'), CTRL),
            key(KeyCode::Char('z'), CTRL),
            key(KeyCode::Char('r'), CTRL),
            key(KeyCode::Char(' '), CTRL),
            key(KeyCode::Char('4'), CTRL),
        ]
    );
}

#[test]
fn escape_before_a_key_is_alt() {
    assert_eq!(decode(b"\x1bx"), [key(KeyCode::Char('x'), ALT)]);
    assert_eq!(decode(b"\x1bS"), [key(KeyCode::Char('S'), ALT | SHIFT)]);
    assert_eq!(decode(b"\x1b\x04"), [key(KeyCode::Char('d'), ALT | CTRL)]);
    assert_eq!(decode("\x1bé".as_bytes()), [key(KeyCode::Char('é'), ALT)]);
    // Esc twice is Esc, then what the second one starts.
    let mut d = Decoder::default();
    d.feed(b"\x1b\x1b");
    assert_eq!(drain(&mut d), [key(KeyCode::Esc, NONE)]);
    assert!(d.waiting());
    d.expire();
    assert_eq!(drain(&mut d), [key(KeyCode::Esc, NONE)]);
    assert_eq!(
        decode(b"\x1b\x1b[A"),
        [key(KeyCode::Esc, NONE), key(KeyCode::Up, NONE)]
    );
}

#[test]
fn arrows_editing_and_function_keys_with_modifiers() {
    assert_eq!(
        decode(b"\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1bOA\x1bOH"),
        [
            key(KeyCode::Up, NONE),
            key(KeyCode::Down, NONE),
            key(KeyCode::Right, NONE),
            key(KeyCode::Left, NONE),
            key(KeyCode::Home, NONE),
            key(KeyCode::End, NONE),
            key(KeyCode::Up, NONE),
            key(KeyCode::Home, NONE),
        ]
    );
    assert_eq!(
        decode(b"\x1b[1;5A\x1b[1;2D\x1b[1;3H"),
        [
            key(KeyCode::Up, CTRL),
            key(KeyCode::Left, SHIFT),
            key(KeyCode::Home, ALT)
        ]
    );
    assert_eq!(
        decode(b"\x1b[2~\x1b[3~\x1b[5~\x1b[6~\x1b[1~\x1b[4~\x1b[3;5~"),
        [
            key(KeyCode::Insert, NONE),
            key(KeyCode::Delete, NONE),
            key(KeyCode::PageUp, NONE),
            key(KeyCode::PageDown, NONE),
            key(KeyCode::Home, NONE),
            key(KeyCode::End, NONE),
            key(KeyCode::Delete, CTRL),
        ]
    );
    assert_eq!(
        decode(b"\x1bOP\x1bOS\x1b[15~\x1b[24~\x1b[1;2P\x1b[[A\x1b[34~"),
        [
            key(KeyCode::F(1), NONE),
            key(KeyCode::F(4), NONE),
            key(KeyCode::F(5), NONE),
            key(KeyCode::F(12), NONE),
            key(KeyCode::F(1), SHIFT),
            key(KeyCode::F(1), NONE),
            key(KeyCode::F(20), NONE),
        ]
    );
    assert_eq!(decode(b"\x1b[Z"), [key(KeyCode::BackTab, SHIFT)]);
}

#[test]
fn kitty_and_modify_other_keys() {
    assert_eq!(decode(b"\x1b[97;5u"), [key(KeyCode::Char('a'), CTRL)]);
    assert_eq!(decode(b"\x1b[27u"), [key(KeyCode::Esc, NONE)]);
    let release = Event::Key(KeyEvent::new_with_kind(
        KeyCode::Char('a'),
        NONE,
        KeyEventKind::Release,
    ));
    assert_eq!(decode(b"\x1b[97;1:3u"), [release]);
    assert_eq!(
        decode(b"\x1b[27;6;77~"),
        [key(KeyCode::Char('M'), CTRL | SHIFT)]
    );
}

#[test]
fn mouse_reports_in_every_encoding() {
    let down = MouseEventKind::Down(MouseButton::Left);
    // SGR (1006): 1-based cells, `m` for a release.
    assert_eq!(decode(b"\x1b[<0;12;5M"), [mouse(down, 11, 4, NONE)]);
    assert_eq!(
        decode(b"\x1b[<0;12;5m"),
        [mouse(MouseEventKind::Up(MouseButton::Left), 11, 4, NONE)]
    );
    assert_eq!(
        decode(b"\x1b[<65;1;1M\x1b[<64;300;200M\x1b[<35;3;4M\x1b[<16;2;2M"),
        [
            mouse(MouseEventKind::ScrollDown, 0, 0, NONE),
            mouse(MouseEventKind::ScrollUp, 299, 199, NONE),
            mouse(MouseEventKind::Moved, 2, 3, NONE),
            mouse(down, 1, 1, CTRL),
        ]
    );
    // urxvt (1015) and X10: the button offset by 32, X10's cells too.
    assert_eq!(decode(b"\x1b[32;12;5M"), [mouse(down, 11, 4, NONE)]);
    assert_eq!(decode(b"\x1b[M +%"), [mouse(down, 10, 4, NONE)]);
}

#[test]
fn a_paste_is_text_whatever_it_holds() {
    assert_eq!(
        decode(b"\x1b[200~x\x1b[Ad\r\n\x03\x1b[201~q"),
        [Event::Paste("x\x1b[Ad\r\n\x03".into()), ch('q')]
    );
    assert_eq!(decode(b"\x1b[200~\x1b[201~"), [Event::Paste(String::new())]);
    // A paste only ends at its end marker, however long it takes.
    let mut d = Decoder::default();
    d.feed(b"\x1b[200~half a ");
    assert!(
        !d.waiting(),
        "a paste is not an escape sequence to time out"
    );
    d.expire();
    d.feed(b"paste\x1b[20");
    assert!(drain(&mut d).is_empty());
    d.feed(b"1~j");
    assert_eq!(
        drain(&mut d),
        [Event::Paste("half a paste".into()), ch('j')]
    );
}

#[test]
fn what_the_board_has_no_use_for_is_read_whole_and_dropped() {
    // Focus reports are events; replies to queries, unknown keys and cursor reports are
    // nothing, and the key after each is itself.
    assert_eq!(
        decode(b"\x1b[I\x1b[O"),
        [Event::FocusGained, Event::FocusLost]
    );
    assert_eq!(
        decode(b"\x1b[?64;1;2cq\x1b[>0;95;0cq\x1b[99~q\x1b[12;40Rq\x1b[5;5Xq\x1b[201~q"),
        [ch('q'), ch('q'), ch('q'), ch('q'), ch('q'), ch('q')]
    );
    // Bytes that are no character.
    assert_eq!(decode(b"\x80\xff\xc3q\xe2\x9cq"), [ch('q'), ch('q')]);
}

#[test]
fn a_sequence_cut_short_becomes_its_key_or_nothing() {
    let expired = |bytes: &[u8]| {
        let mut d = Decoder::default();
        d.feed(bytes);
        assert!(d.waiting(), "{bytes:?} waits for more");
        assert!(drain(&mut d).is_empty());
        d.expire();
        assert!(!d.waiting());
        drain(&mut d)
    };
    assert_eq!(expired(b"\x1b"), [key(KeyCode::Esc, NONE)]);
    assert_eq!(expired(b"\x1b["), [key(KeyCode::Char('['), ALT)]);
    assert_eq!(expired(b"\x1bO"), [key(KeyCode::Char('O'), ALT | SHIFT)]);
    assert_eq!(expired(b"\x1b[1;5"), []);
    assert_eq!(expired(b"\x1b[<0;12"), []);
    assert_eq!(expired(b"\x1b[M "), []);
    assert_eq!(expired(b"\xe2\x9c"), []);
    // ... and the next key after it is itself.
    let mut d = Decoder::default();
    d.feed(b"\x1b[");
    d.expire();
    d.feed(b"q");
    assert_eq!(drain(&mut d), [key(KeyCode::Char('['), ALT), ch('q')]);
    // `ESC [` then a byte no control sequence has: Alt-[ and that key.
    assert_eq!(
        decode(b"\x1b[\x7f"),
        [key(KeyCode::Char('['), ALT), key(KeyCode::Backspace, NONE)]
    );
    // `ESC O` then a byte no SS3 key has: Alt-O and that key.
    assert_eq!(
        decode(b"\x1bOj"),
        [key(KeyCode::Char('O'), ALT | SHIFT), ch('j')]
    );
}

/// Sequences a terminal sends, one event each.
const SEQUENCES: &[&[u8]] = &[
    b"j",
    b"Q",
    "é".as_bytes(),
    "🙂".as_bytes(),
    b"\r",
    b"\x1a",
    b"\x7f",
    b"\x1bx",
    b"\x1b\x1b",
    b"\x1b[A",
    b"\x1b[1;5C",
    b"\x1bOP",
    b"\x1b[3~",
    b"\x1b[24;2~",
    b"\x1b[[B",
    b"\x1b[Z",
    b"\x1b[<0;12;5M",
    b"\x1b[<65;100;40m",
    b"\x1b[M !!",
    b"\x1b[32;4;4M",
    b"\x1b[97;5u",
    b"\x1b[200~pasted \x1b[A\r\nlines\x1b[201~",
    b"\x1b[I",
];

proptest! {
    /// However the bytes are cut into reads, the events are the same as in one read.
    #[test]
    fn reads_cut_anywhere_give_the_same_events(
        picks in proptest::collection::vec(0..SEQUENCES.len(), 1..40),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..10),
    ) {
        let bytes: Vec<u8> = picks.iter().flat_map(|&i| SEQUENCES[i].iter().copied()).collect();
        let whole = decode(&bytes);
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
        at.push(0);
        at.push(bytes.len());
        at.sort_unstable();
        let mut d = Decoder::default();
        let mut pieces = Vec::new();
        for w in at.windows(2) {
            d.feed(&bytes[w[0]..w[1]]);
            pieces.extend(drain(&mut d));
        }
        prop_assert_eq!(&pieces, &whole);
        // `ESC ESC` decodes to one Esc and holds the second until it expires.
        let escs = picks.iter().filter(|&&i| SEQUENCES[i] == b"\x1b\x1b").count();
        prop_assert!(whole.len() >= picks.len() - escs);
    }

    /// Any bytes at all: no panic, and outside a paste never more than one escape
    /// sequence's worth held back; after the wait for the rest runs out, nothing.
    #[test]
    fn any_bytes_decode_without_panic_or_growing(
        reads in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..200), 1..20),
    ) {
        let mut d = Decoder::default();
        for read in &reads {
            d.feed(read);
            drain(&mut d);
            if d.paste.is_none() {
                prop_assert!(d.held.len() < LONGEST, "{} bytes held", d.held.len());
            }
            if d.waiting() {
                d.expire();
                prop_assert!(!d.waiting());
            }
        }
    }
}
