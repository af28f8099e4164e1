//! Shell completion of task and goal ids. clap's generated scripts complete commands
//! and options, but the ids live in the workspace, so the scripts ask `align` for them:
//! each generated script gets a few lines that, where the command line wants a task, a
//! goal or a link (`align explain T-1…`, `align link T-101 ret…`, `score --goal …`),
//! run the hidden `align complete-ids KIND` and offer what it prints. Which argument
//! wants which ids is one table here ([`ID_ARGS`]), checked against the command line's
//! definition by a test.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::CommandFactory;

use super::Failure;
use super::context::{out, workspace_path};
use crate::cli::{Cli, IdKind};
use crate::config::{self, Config};

/// Per subcommand, which ids its positional arguments take, in order.
pub(crate) const ID_ARGS: &[(&str, &[IdKind])] = &[
    ("explain", &[IdKind::Tasks]),
    ("link", &[IdKind::Tasks, IdKind::Links]),
    ("unlink", &[IdKind::Tasks, IdKind::Links]),
    ("close", &[IdKind::Goals]),
];

/// Options, per subcommand, whose value is a link.
const LINK_OPTIONS: &[(&str, &str)] = &[("score", "--goal")];

/// `align complete-ids KIND`: the workspace's ids of that kind, one a line. For a
/// completion script: a workspace that does not load prints nothing, and no warnings.
pub(super) fn ids(cli: &Cli, kind: IdKind) -> Result<ExitCode, Failure> {
    let config = config::default_path()
        .and_then(|p| config::load(&p).ok())
        .map_or_else(Config::default, |(c, _)| c);
    let Ok(path) = workspace_path(cli, &config) else {
        return Ok(ExitCode::SUCCESS);
    };
    let Ok(loaded) = align_core::load(&path) else {
        return Ok(ExitCode::SUCCESS);
    };
    out(&id_lines(&loaded.workspace, kind))?;
    Ok(ExitCode::SUCCESS)
}

/// The ids of `kind`, one a line; an id a shell would split or show raw is left out.
fn id_lines(ws: &align_core::Workspace, kind: IdKind) -> String {
    let mut ids: Vec<String> = Vec::new();
    match kind {
        IdKind::Tasks => ids.extend(ws.tasks.iter().map(|t| t.id.clone())),
        IdKind::Goals => ids.extend(ws.goals.iter().map(|g| g.id.clone())),
        IdKind::Links => {
            for g in &ws.goals {
                ids.push(g.id.clone());
                ids.extend(
                    g.key_results
                        .iter()
                        .map(|k| align_core::model::LinkRef::key_result(&g.id, &k.id).to_string()),
                );
            }
        }
    }
    let mut text = String::new();
    for id in ids {
        if !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            text.push_str(&id);
            text.push('\n');
        }
    }
    text
}

/// The options (of any command) that take a value, as the command line is typed:
/// the word after them is no positional argument.
fn value_options() -> Vec<String> {
    let mut names = Vec::new();
    let mut commands = vec![Cli::command()];
    while let Some(cmd) = commands.pop() {
        for arg in cmd.get_arguments() {
            if arg.is_positional() || !arg.get_action().takes_values() {
                continue;
            }
            if let Some(long) = arg.get_long() {
                names.push(format!("--{long}"));
            }
            if let Some(short) = arg.get_short() {
                names.push(format!("-{short}"));
            }
        }
        commands.extend(cmd.get_subcommands().cloned());
    }
    names.sort();
    names.dedup();
    names
}

/// `sub:n) kind` cases: the n-th positional argument (from 0) of `sub`.
fn cases(separator: &str, end: &str) -> String {
    let mut text = String::new();
    for (sub, kinds) in ID_ARGS {
        for (n, kind) in kinds.iter().enumerate() {
            let _ = writeln!(
                text,
                "            {sub}:{n}{separator} kind={}{end}",
                kind.name()
            );
        }
    }
    text
}

/// Lines that make clap's script for `shell` offer ids where they are wanted (shells
/// without such lines keep clap's script as it is).
pub(super) fn extension(shell: clap_complete::Shell) -> String {
    let options = value_options().join("|");
    let link_options: Vec<String> = LINK_OPTIONS
        .iter()
        .map(|(sub, opt)| format!("{sub}:{opt}"))
        .collect();
    match shell {
        clap_complete::Shell::Bash => format!(
            r#"
# Task and goal ids, from the workspace (align complete-ids).
_align_ids() {{
    local i word sub="" ws="" n=0 kind=""
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$word" in
            -w|--workspace) ws="${{COMP_WORDS[i+1]}}"; i=$((i + 1)) ;;
            {options}) i=$((i + 1)) ;;
            -*) ;;
            *) if [[ -z "$sub" ]]; then sub="$word"; else n=$((n + 1)); fi ;;
        esac
    done
    case "$sub:$prev" in
        {link_options}) kind=links ;;
        *:-*) ;;
        *) case "$sub:$n" in
{cases}        esac ;;
    esac
    if [[ -n "$kind" && "$cur" != -* ]]; then
        local ids
        ids="$(align ${{ws:+--workspace "$ws"}} complete-ids "$kind" 2>/dev/null)"
        COMPREPLY=( $(compgen -W "$ids" -- "$cur") )
        return 0
    fi
    _align "$@"
}}
if [[ "${{BASH_VERSINFO[0]}}" -eq 4 && "${{BASH_VERSINFO[1]}}" -ge 4 || "${{BASH_VERSINFO[0]}}" -gt 4 ]]; then
    complete -F _align_ids -o nosort -o bashdefault -o default align
else
    complete -F _align_ids -o bashdefault -o default align
fi
"#,
            link_options = link_options.join("|"),
            cases = cases(")", " ;;"),
        ),
        clap_complete::Shell::Fish => {
            let fish_options = value_options().join(" ");
            let fish_links: Vec<String> = link_options.iter().map(|o| format!("'{o}'")).collect();
            let fish_links = fish_links.join(" ");
            let fish_cases = cases("", "")
                .lines()
                .map(|l| {
                    let l = l.trim();
                    let (case, kind) = l.split_once(' ').unwrap_or((l, ""));
                    format!(
                        "        case '{case}'\n            set {}\n",
                        kind.replace('=', " ")
                    )
                })
                .collect::<String>();
            format!(
                r#"
# Task and goal ids, from the workspace (align complete-ids).
function __align_id_kind
    set -l words (commandline -opc)
    set -l sub ""
    set -l n 0
    set -l skip 0
    for word in $words[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        if contains -- $word {fish_options}
            set skip 1
        else if not string match -q -- '-*' $word
            if test -z "$sub"
                set sub $word
            else
                set n (math $n + 1)
            end
        end
    end
    set -l kind ""
    if contains -- "$sub:$words[-1]" {fish_links}
        set kind links
    else if test $skip = 0
        switch "$sub:$n"
{fish_cases}        end
    end
    test -n "$kind"; and echo $kind
end
function __align_ids
    set -l words (commandline -opc)
    set -l ws
    set -l i (contains -i -- -w $words; or contains -i -- --workspace $words)
    if test -n "$i"
        set ws --workspace $words[(math $i + 1)]
    end
    align $ws complete-ids (__align_id_kind) 2>/dev/null
end
complete -c align -f -n '__align_id_kind >/dev/null' -a '(__align_ids)'
"#
            )
        }
        _ => String::new(),
    }
}

/// For zsh, clap's script completes each argument with `_default`; those that want
/// ids ask for them instead.
pub(super) fn zsh(script: &str) -> String {
    let cmd = Cli::command();
    let mut script = script.to_string();
    let mut specs: Vec<(String, IdKind)> = Vec::new();
    for (sub, kinds) in ID_ARGS {
        let Some(sub) = cmd.find_subcommand(sub) else {
            continue;
        };
        for (arg, kind) in sub.get_positionals().zip(kinds.iter()) {
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let spec = format!("':{} -- {}:", arg.get_id(), help.replace('\'', "'\\''"));
            specs.push((spec, *kind));
        }
    }
    for (spec, kind) in specs {
        script = script.replace(
            &format!("{spec}_default'"),
            &format!("{spec}_align_ids {}'", kind.name()),
        );
    }
    for (sub, opt) in LINK_OPTIONS {
        let Some(arg) = cmd.find_subcommand(sub).and_then(|s| {
            s.get_arguments()
                .find(|a| a.get_long() == opt.strip_prefix("--"))
                .cloned()
        }) else {
            continue;
        };
        let value = arg
            .get_value_names()
            .and_then(|v| v.first().map(ToString::to_string))
            .unwrap_or_default();
        script = script.replace(
            &format!("]:{value}:_default'"),
            &format!("]:{value}:_align_ids links'"),
        );
    }
    // Defined before the script's last lines call `_align` (when autoloaded from fpath).
    let at = script
        .rfind("if [ \"$funcstack[1]\" = \"_align\" ]")
        .unwrap_or(script.len());
    script.insert_str(
        at,
        r#"# Task and goal ids, from the workspace (align complete-ids).
(( $+functions[_align_ids] )) ||
_align_ids() {
    local -a ids ws
    (( ${+opt_args[-w]} )) && ws=(--workspace "${opt_args[-w]}")
    (( ${+opt_args[--workspace]} )) && ws=(--workspace "${opt_args[--workspace]}")
    ids=(${(f)"$(align $ws complete-ids $1 2>/dev/null)"})
    compadd -a ids
}

"#,
    );
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument the table names exists, by the name it has: a renamed command
    /// or argument would quietly stop completing ids.
    #[test]
    fn the_table_names_real_commands_and_their_id_arguments() {
        let cmd = Cli::command();
        for (sub, kinds) in ID_ARGS {
            let sub = cmd.find_subcommand(sub).expect(sub);
            let ids: Vec<String> = sub
                .get_positionals()
                .map(|a| a.get_id().to_string())
                .collect();
            assert_eq!(ids.len(), kinds.len(), "{ids:?}");
            for (id, kind) in ids.iter().zip(kinds.iter()) {
                let want = if *kind == IdKind::Tasks {
                    "task"
                } else {
                    "goal"
                };
                assert_eq!(id, want);
            }
        }
        for (sub, opt) in LINK_OPTIONS {
            let sub = cmd.find_subcommand(sub).expect(sub);
            assert!(
                sub.get_arguments()
                    .any(|a| a.get_long() == opt.strip_prefix("--"))
            );
        }
        // Each shell's script offers them: the zsh spec of every such argument is
        // replaced, the others get their lines.
        let mut buf = Vec::new();
        clap_complete::generate(
            clap_complete::Shell::Zsh,
            &mut Cli::command(),
            "align",
            &mut buf,
        );
        let script = zsh(&String::from_utf8_lossy(&buf));
        for kind in ["tasks", "goals", "links"] {
            assert!(script.contains(&format!(":_align_ids {kind}'")), "{kind}");
        }
        assert!(script.contains("]:LINK:_align_ids links'"));
        assert!(
            script.find("_align_ids() {").unwrap() < script.rfind("compdef _align align").unwrap()
        );
        assert!(extension(clap_complete::Shell::Bash).contains("link:1) kind=links ;;"));
        assert!(extension(clap_complete::Shell::Fish).contains("case 'close:0'"));
    }
}
