//! The person's own settings, apart from the team's workspace: a default workspace, a
//! colour theme, and key remaps for the board. They live in the platform's config
//! directory (`~/.config/align/config.toml` on Linux; `ALIGN_CONFIG` names another
//! file), are read once at start, and a mistake in them is reported like one in a
//! workspace: `FILE:LINE:COL: message`.
//!
//! Keys are kept as [`KeySpec`]s — plain data, no terminal library — and the board maps
//! them onto its actions by name, so the library stays free of terminal code.

use std::fmt;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use align_core::diag::{Diagnostic, LoadError, Severity, Sink};

/// The board's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl Theme {
    pub const ALL: &'static [&'static str] = &["dark", "light", "high-contrast"];

    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "dark" => Some(Theme::Dark),
            "light" => Some(Theme::Light),
            "high-contrast" => Some(Theme::HighContrast),
            _ => None,
        }
    }
}

/// What names a goal or key result on the board where there is no room for its id and
/// its title both (the config's `goal_names`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GoalNames {
    /// The title, as people think of the goal (the default).
    #[default]
    Title,
    /// The id, as tasks link to it.
    Id,
}

impl GoalNames {
    pub const ALL: &'static [&'static str] = &["title", "id"];

    pub fn parse(s: &str) -> Option<GoalNames> {
        match s {
            "title" => Some(GoalNames::Title),
            "id" => Some(GoalNames::Id),
            _ => None,
        }
    }
}

/// A key without modifiers, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// A key with modifiers, as written in the config: `ctrl-r`, `alt-x`, `shift-tab`, `F1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    pub key: KeyName,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl KeySpec {
    pub const fn plain(key: KeyName) -> KeySpec {
        KeySpec {
            key,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Parse `ctrl-r`, `Alt+x`, `shift-tab`, `space`, `pgdn`, `F5`, `?`, `-`.
    pub fn parse(s: &str) -> Result<KeySpec, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("an empty key".to_string());
        }
        let mut spec = KeySpec::plain(KeyName::Esc);
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (taken, flag) = if let Some(r) = strip_modifier(&lower, "ctrl") {
                (r, &mut spec.ctrl)
            } else if let Some(r) = strip_modifier(&lower, "control") {
                (r, &mut spec.ctrl)
            } else if let Some(r) = strip_modifier(&lower, "alt") {
                (r, &mut spec.alt)
            } else if let Some(r) = strip_modifier(&lower, "shift") {
                (r, &mut spec.shift)
            } else {
                break;
            };
            *flag = true;
            rest = &rest[rest.len() - taken.len()..];
        }
        let lower = rest.to_ascii_lowercase();
        spec.key = match lower.as_str() {
            "enter" | "return" => KeyName::Enter,
            "esc" | "escape" => KeyName::Esc,
            "tab" if spec.shift => KeyName::BackTab,
            "tab" => KeyName::Tab,
            "backtab" => KeyName::BackTab,
            "backspace" => KeyName::Backspace,
            "delete" | "del" => KeyName::Delete,
            "up" => KeyName::Up,
            "down" => KeyName::Down,
            "left" => KeyName::Left,
            "right" => KeyName::Right,
            "home" => KeyName::Home,
            "end" => KeyName::End,
            "pageup" | "pgup" => KeyName::PageUp,
            "pagedown" | "pgdn" => KeyName::PageDown,
            "space" => KeyName::Char(' '),
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                let n: u8 = f[1..].parse().unwrap_or(0);
                if !(1..=24).contains(&n) {
                    return Err(format!("no key F{n}"));
                }
                KeyName::F(n)
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    // With Ctrl a letter's case means nothing to a terminal (`Ctrl+R` is
                    // Ctrl-r); with Alt a capital is Alt-Shift (`alt-S` = `alt-shift-s`).
                    (Some(c), None) if spec.ctrl => KeyName::Char(c.to_ascii_lowercase()),
                    (Some(c), None) if spec.alt && c.is_ascii_uppercase() => {
                        spec.shift = true;
                        KeyName::Char(c.to_ascii_lowercase())
                    }
                    (Some(c), None) if spec.alt || spec.shift => {
                        KeyName::Char(c.to_ascii_lowercase())
                    }
                    (Some(c), None) => KeyName::Char(c),
                    _ => return Err(format!("unknown key {rest:?}")),
                }
            }
        };
        Ok(spec)
    }
}

/// `ctrl-…` or `ctrl+…`: the text after the modifier, when `lower` starts with it.
fn strip_modifier<'a>(lower: &'a str, name: &str) -> Option<&'a str> {
    let r = lower.strip_prefix(name)?;
    let r = r.strip_prefix('-').or_else(|| r.strip_prefix('+'))?;
    (!r.is_empty()).then_some(r)
}

impl fmt::Display for KeySpec {
    /// How the `?` overlay writes a key: `Ctrl-r`, `Alt-x`, `R` (Shift-r), `Alt-S`,
    /// `Shift-Tab`, `PgDn`, `F1`. A shifted letter is its capital; only beside Ctrl,
    /// where a capital would read as the plain letter, is Shift written out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        let shift_written = match self.key {
            KeyName::BackTab => false,
            KeyName::Char(c) => self.ctrl || !c.is_alphabetic() || c == ' ',
            _ => true,
        };
        if self.shift && shift_written {
            f.write_str("Shift-")?;
        }
        match self.key {
            KeyName::Char(' ') => f.write_str("Space"),
            KeyName::Char(c) if self.shift && c.is_alphabetic() => {
                write!(f, "{}", c.to_uppercase())
            }
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::Enter => f.write_str("Enter"),
            KeyName::Esc => f.write_str("Esc"),
            KeyName::Tab => f.write_str("Tab"),
            KeyName::BackTab => f.write_str("Shift-Tab"),
            KeyName::Backspace => f.write_str("Backspace"),
            KeyName::Delete => f.write_str("Del"),
            KeyName::Up => f.write_str("↑"),
            KeyName::Down => f.write_str("↓"),
            KeyName::Left => f.write_str("←"),
            KeyName::Right => f.write_str("→"),
            KeyName::Home => f.write_str("Home"),
            KeyName::End => f.write_str("End"),
            KeyName::PageUp => f.write_str("PgUp"),
            KeyName::PageDown => f.write_str("PgDn"),
            KeyName::F(n) => write!(f, "F{n}"),
        }
    }
}

/// The settings, with defaults for what the file leaves out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Where the file was read from, if there was one.
    pub path: Option<PathBuf>,
    /// The workspace to open when none is named and none is found upwards.
    pub workspace: Option<PathBuf>,
    pub theme: Theme,
    /// Who the person is among the workspace's owners (default: `$USER`): the board counts
    /// the check-ins they owe.
    pub me: Option<String>,
    /// Where a goal's id and title do not both fit on the board, which one shows.
    pub goal_names: GoalNames,
    /// Board action name → the keys that replace its defaults, in the order the file
    /// lists them (when two entries claim one key, the first written wins).
    pub keys: Vec<(String, Vec<KeySpec>)>,
}

/// The config file align reads: `ALIGN_CONFIG`, else the platform's config directory.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ALIGN_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "align").map(|d| d.config_dir().join("config.toml"))
}

/// Read the config at `path`; a missing file is the defaults.
pub fn load(path: &Path) -> Result<(Config, Vec<Diagnostic>), LoadError> {
    let text = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Config::default(), Vec::new()));
        }
        Err(source) => {
            return Err(LoadError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let text = String::from_utf8(text).map_err(|_| LoadError::Invalid {
        errors: vec![Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "config file is not valid UTF-8".to_string(),
            help: None,
        }],
        warnings: Vec::new(),
    })?;
    parse(path, &text)
}

/// Parse config text; `path` is for messages and relative workspace paths, and a
/// `workspace` starting `~/` is in the person's home directory.
pub fn parse(path: &Path, text: &str) -> Result<(Config, Vec<Diagnostic>), LoadError> {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    parse_with_home(path, text, home.as_deref())
}

/// [`parse`] with the home directory given (`None`: `~/` is kept as written), so that
/// what it reads does not depend on the environment it runs in.
pub fn parse_with_home(
    path: &Path,
    text: &str,
    home: Option<&Path>,
) -> Result<(Config, Vec<Diagnostic>), LoadError> {
    let mut sink = Sink::new(path, text);
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    match DeTable::parse(text) {
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            sink.error(at, format!("TOML syntax: {}", e.message()));
        }
        Ok(doc) => read(&mut sink, doc.get_ref(), path, home, &mut config),
    }
    sink.out.sort_by_key(|d| (d.line, d.column));
    let (errors, warnings): (Vec<_>, Vec<_>) = sink
        .out
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok((config, warnings))
    } else {
        Err(LoadError::Invalid { errors, warnings })
    }
}

fn expand_home(p: &str, home: Option<&Path>) -> PathBuf {
    match (p.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(p),
    }
}

fn read(sink: &mut Sink, doc: &DeTable, path: &Path, home: Option<&Path>, config: &mut Config) {
    for (k, v) in doc {
        let at = v.span().start;
        match (k.get_ref().as_ref(), v.get_ref()) {
            ("workspace", DeValue::String(s)) => {
                let p = expand_home(s, home);
                // A relative path is relative to the config file.
                config.workspace = Some(match path.parent() {
                    Some(dir) if p.is_relative() => dir.join(p),
                    _ => p,
                });
            }
            ("me", DeValue::String(s)) => config.me = Some(s.to_string()),
            ("theme", DeValue::String(s)) => match Theme::parse(s) {
                Some(t) => config.theme = t,
                None => sink.error_help(
                    at,
                    format!("unknown theme {s:?}"),
                    format!("allowed: {}", Theme::ALL.join(", ")),
                ),
            },
            ("goal_names", DeValue::String(s)) => match GoalNames::parse(s) {
                Some(g) => config.goal_names = g,
                None => sink.error_help(
                    at,
                    format!("unknown goal_names {s:?}"),
                    format!("allowed: {}", GoalNames::ALL.join(", ")),
                ),
            },
            ("keys", DeValue::Table(keys)) => {
                // In the file's order, whatever order the parsed table keeps.
                let mut entries: Vec<_> = keys.iter().collect();
                entries.sort_by_key(|(action, _)| action.span().start);
                for (action, spec) in entries {
                    let specs: Vec<(&str, usize)> = match spec.get_ref() {
                        DeValue::String(s) => vec![(s.as_ref(), spec.span().start)],
                        DeValue::Array(items) => items
                            .iter()
                            .filter_map(|i| {
                                if let DeValue::String(s) = i.get_ref() {
                                    Some((s.as_ref(), i.span().start))
                                } else {
                                    sink.error(
                                        i.span().start,
                                        "a key must be a string like \"ctrl-r\"",
                                    );
                                    None
                                }
                            })
                            .collect(),
                        _ => {
                            sink.error(
                                spec.span().start,
                                "keys are a string like \"ctrl-r\" or a list of them",
                            );
                            continue;
                        }
                    };
                    let mut parsed = Vec::new();
                    for (s, at) in specs {
                        match KeySpec::parse(s) {
                            Ok(k) => parsed.push(k),
                            Err(why) => sink.error_help(
                                at,
                                format!("{why} for {:?}", action.get_ref()),
                                "write keys like \"x\", \"ctrl-r\", \"alt-x\", \"shift-tab\", \"F2\", \"pgdn\", \"space\"".to_string(),
                            ),
                        }
                    }
                    config.keys.push((action.get_ref().to_string(), parsed));
                }
            }
            ("workspace" | "theme" | "me" | "goal_names" | "keys", other) => sink.error(
                at,
                format!(
                    "\"{}\" must be {}, found {}",
                    k.get_ref(),
                    if k.get_ref() == "keys" {
                        "a table"
                    } else {
                        "a string"
                    },
                    align_core::schema::type_name(other)
                ),
            ),
            (name, _) => sink.warning(
                k.span().start,
                format!("unknown setting {name:?}, ignored"),
                align_core::diag::did_you_mean(
                    name,
                    ["workspace", "theme", "me", "goal_names", "keys"],
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print_like_people_write_them() {
        let cases = [
            ("x", "x"),
            ("ctrl-r", "Ctrl-r"),
            ("Ctrl+R", "Ctrl-r"),
            ("alt-x", "Alt-x"),
            ("shift-tab", "Shift-Tab"),
            ("space", "Space"),
            ("pgdn", "PgDn"),
            ("F5", "F5"),
            ("?", "?"),
            ("-", "-"),
            ("ctrl-alt-d", "Ctrl-Alt-d"),
            // Shifted letters are capitals; Shift is written out only beside Ctrl.
            ("R", "R"),
            ("shift-r", "R"),
            ("Shift-R", "R"),
            ("alt-shift-s", "Alt-S"),
            ("alt-S", "Alt-S"),
            ("ctrl-shift-m", "Ctrl-Shift-M"),
            ("shift-1", "Shift-1"),
            ("shift-space", "Shift-Space"),
            ("shift-F5", "Shift-F5"),
        ];
        for (text, shown) in cases {
            let k = KeySpec::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(k.to_string(), shown, "{text}");
        }
        // Written either way, a shifted letter is one key.
        assert_eq!(
            KeySpec::parse("alt-S").unwrap(),
            KeySpec::parse("alt-shift-s").unwrap()
        );
        assert!(KeySpec::parse("ctrl-").is_err());
        assert!(KeySpec::parse("hyper-x").is_err());
        assert!(KeySpec::parse("F99").is_err());
        assert!(KeySpec::parse("").is_err());
    }

    #[test]
    fn a_config_file_sets_theme_workspace_and_keys() {
        let path = Path::new("/home/u/.config/align/config.toml");
        let (c, warnings) = parse_with_home(
            path,
            "theme = \"light\"\nworkspace = \"plans/align.toml\"\ncolour = 1\n[keys]\nundo = [\"u\", \"ctrl-z\"]\nlink = \"ctrl-l\"\n",
            Some(Path::new("/home/u")),
        )
        .unwrap();
        assert_eq!(c.theme, Theme::Light);
        assert_eq!(
            c.workspace,
            Some(PathBuf::from("/home/u/.config/align/plans/align.toml"))
        );
        let names: Vec<&str> = c.keys.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["undo", "link"], "in the file's order");
        assert_eq!(c.keys[0].1.len(), 2);
        assert!(c.keys[1].1[0].ctrl);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("colour"));
    }

    #[test]
    fn goal_names_choose_the_title_or_the_id() {
        let path = Path::new("config.toml");
        let names = |text: &str| parse_with_home(path, text, None).map(|c| c.0.goal_names);
        assert_eq!(names("").unwrap(), GoalNames::Title);
        assert_eq!(names("goal_names = \"id\"").unwrap(), GoalNames::Id);
        assert_eq!(names("goal_names = \"title\"").unwrap(), GoalNames::Title);
        let Err(LoadError::Invalid { errors, .. }) = names("goal_names = \"both\"") else {
            panic!("an unknown value is an error");
        };
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("title, id")
        );
    }

    #[test]
    fn a_workspace_under_tilde_is_in_the_home_directory_given() {
        let path = Path::new("/etc/align/config.toml");
        let home = Some(Path::new("/home/u"));
        let workspace = |text: &str| parse_with_home(path, text, home).unwrap().0.workspace;
        assert_eq!(
            workspace("workspace = \"~/plans/align.toml\""),
            Some(PathBuf::from("/home/u/plans/align.toml"))
        );
        assert_eq!(
            workspace("workspace = \"/srv/align.toml\""),
            Some(PathBuf::from("/srv/align.toml"))
        );
    }

    #[test]
    fn mistakes_point_at_the_value() {
        let path = Path::new("config.toml");
        let Err(LoadError::Invalid { errors, .. }) =
            parse_with_home(path, "theme = \"neon\"\n[keys]\nlink = \"hyper-l\"\n", None)
        else {
            panic!("expected errors");
        };
        let shown: Vec<String> = errors
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                "config.toml:1:9: unknown theme \"neon\" (allowed: dark, light, high-contrast)",
                "config.toml:3:8: unknown key \"hyper-l\" for \"link\" (write keys like \"x\", \"ctrl-r\", \"alt-x\", \"shift-tab\", \"F2\", \"pgdn\", \"space\")",
            ]
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let (c, w) = load(Path::new("/nonexistent/align/config.toml")).unwrap();
        assert_eq!(c, Config::default());
        assert!(w.is_empty());
    }
}
