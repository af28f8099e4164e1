//! No traction on the board: a key result with much work finished for it in the last four
//! weeks and no movement in the check-ins since says so in words — on its row in the goals
//! pane and in the goal's detail — and the flag goes once a check-in shows it moving.

use super::{assert_screen, draw, form_open, open_text, press, rows, select_goal, type_text};

/// The team's goals (`tests/fixtures/traction/goals.toml`, as the CLI tests read them)
/// and its tasks in the same file.
const TEAM: &str = concat!(
    include_str!("../../../tests/fixtures/traction/goals.toml"),
    r#"[[tasks]]
id = "D-1"
title = "Dunning emails"
status = "done"
done = 2026-11-03
effort = 3
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-2"
title = "Card updater"
status = "done"
done = 2026-11-10
effort = 2
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-3"
title = "Cancel flow survey"
status = "done"
done = 2026-11-18
effort = 2
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-4"
title = "Win-back offer"
status = "doing"
effort = 3
goals = ["retention/kr1"]
owner = "dana"

[[tasks]]
id = "D-5"
title = "Support macros"
status = "done"
done = 2026-11-12
effort = 2
goals = ["retention/kr2"]
owner = "dana"
"#
);

#[test]
fn a_key_result_unmoved_by_much_work_reads_no_traction_until_a_checkin_moves_it() {
    let mut f = open_text(TEAM);
    select_goal(&mut f.app, "retention");
    let t = draw(&mut f.app, 100, 30);
    let screen = rows(&t);
    let row = |id: &str| {
        screen
            .iter()
            .find(|l| l.contains(&format!("◦ {id}")))
            .cloned()
            .unwrap_or_default()
    };
    // Churn: 7 effort in 3 tasks since late October, churn still 3.9%.
    assert!(
        row("Churn to 2%").contains("Churn to 2% no traction"),
        "{}",
        screen.join("\n")
    );
    assert!(
        !row("NPS to 50").contains("no traction"),
        "{}",
        screen.join("\n")
    );
    let all = screen.join("\n");
    assert!(all.contains("no traction on 1 key result"), "{all}");
    assert_screen("tests_traction", "no_traction_100x30", &t);

    // Dana checks in: churn down to 3.6%. The work moved it; the flag goes.
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "c");
    assert!(form_open(&f.app));
    type_text(&mut f.app, "3.6");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app));
    let t = draw(&mut f.app, 100, 30);
    assert!(
        rows(&t).iter().all(|l| !l.contains("no traction")),
        "{}",
        rows(&t).join("\n")
    );
}
