//! Adding goals and key results on the board as a team lead does it: `n` for a goal
//! beside the selected one, `K` for a key result of the selected goal with the next id
//! within that goal (`kr3` after `kr1`, `kr2`). Only the new lines are written, comments
//! stay, `u` gives back the original bytes, and the new row is selected.

use super::{
    Fixture, agrees_with_disk, assert_screen, draw, form_error, form_open, form_text, line_diff,
    message, on_disk, open_text, press, select_goal, set_field, type_text,
};

/// OKRs as teams write them: kr1, kr2 under every objective, a parent without key
/// results, a comment the edits must keep.
const TEAM: &str = include_str!("../../../tests/fixtures/valid/team_okrs.toml");

/// The selected row of the goals pane, as its link reads.
fn selected_goal(f: &Fixture) -> String {
    f.app
        .selected_goal_row()
        .expect("a goal row")
        .target(f.app.ws())
        .to_string()
}

#[test]
fn k_adds_the_next_key_result_of_the_selected_goal_and_u_takes_it_back() {
    let mut f = open_text(TEAM);
    select_goal(&mut f.app, "retention/kr1");
    press(&mut f.app, "K");
    assert!(form_open(&f.app));
    // The next id within the goal, the rest empty.
    let answers: Vec<String> = (0..7).map(|i| form_text(&f.app, i)).collect();
    assert_eq!(answers, ["", "", "", "", "", "", "kr3"]);
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "add_key_result_form_80x24", &t);
    // A title is required, and start and target must differ.
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((0, "a key result needs a title".to_string()))
    );
    type_text(&mut f.app, "Expansion revenue per shop");
    set_field(&mut f, 1, "10");
    set_field(&mut f, 2, "10");
    press(&mut f.app, "Enter");
    assert_eq!(form_error(&f.app).map(|e| e.0), Some(2));
    set_field(&mut f, 2, "25 €");
    set_field(&mut f, 3, "€");
    set_field(&mut f, 4, "sam");
    set_field(&mut f, 5, "2026-12-15");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    assert_eq!(message(&f.app), "added key result retention/kr3 · saved");
    let added = on_disk(&f.path);
    let (removed, new) = line_diff(TEAM, &added);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        new,
        [
            "  [[goals.key_results]]\n",
            "  id = \"kr3\"\n",
            "  title = \"Expansion revenue per shop\"\n",
            "  owner = \"sam\"\n",
            "  due = 2026-12-15\n",
            "  unit = \"€\"\n",
            "  start = 10\n",
            "  target = 25\n",
            "\n",
        ]
    );
    agrees_with_disk(&f);
    // The new key result is selected, ready for a check-in.
    assert_eq!(selected_goal(&f), "retention/kr3");
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), TEAM);
    press(&mut f.app, "C-r");
    assert_eq!(on_disk(&f.path), added);
}

#[test]
fn n_adds_a_goal_beside_the_selected_one_and_u_takes_it_back() {
    let mut f = open_text(TEAM);
    select_goal(&mut f.app, "activation");
    press(&mut f.app, "n");
    assert!(form_open(&f.app));
    let answers: Vec<String> = (0..10).map(|i| form_text(&f.app, i)).collect();
    // Beside activation: under its parent, growth; the id made from the title.
    assert_eq!(
        answers,
        ["", "objective", "3", "", "", "", "active", "", "growth", ""]
    );
    let t = draw(&mut f.app, 80, 24);
    assert_screen("tests_edit", "add_goal_form_80x24", &t);
    type_text(&mut f.app, "Win mid-market shops");
    set_field(&mut f, 2, "4");
    set_field(&mut f, 3, "quarter");
    set_field(&mut f, 4, "2026-10-01");
    set_field(&mut f, 5, "2026-09-30");
    press(&mut f.app, "Enter");
    assert_eq!(
        form_error(&f.app),
        Some((
            5,
            "2026-09-30 comes before the start, 2026-10-01".to_string()
        ))
    );
    set_field(&mut f, 5, "2026-12-31");
    set_field(&mut f, 7, "dana");
    set_field(&mut f, 8, "growht");
    press(&mut f.app, "Enter");
    let (field, why) = form_error(&f.app).expect("the parent is refused");
    assert_eq!(field, 8);
    assert!(why.contains("\"growth\""), "{why}");
    set_field(&mut f, 8, "growth");
    // An id that is taken is refused on the id field.
    set_field(&mut f, 9, "retention");
    press(&mut f.app, "Enter");
    assert_eq!(form_error(&f.app).map(|e| e.0), Some(9));
    set_field(&mut f, 9, "");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    assert_eq!(message(&f.app), "added goal win-mid-market · saved");
    let added = on_disk(&f.path);
    let (removed, new) = line_diff(TEAM, &added);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        new.concat(),
        "[[goals]]\nid = \"win-mid-market\"\ntitle = \"Win mid-market shops\"\nparent = \"growth\"\nweight = 4\nhorizon = \"quarter\"\nstart = 2026-10-01\ndue = 2026-12-31\nstatus = \"active\"\nowner = \"dana\"\n\n"
    );
    agrees_with_disk(&f);
    assert_eq!(selected_goal(&f), "win-mid-market");
    // Its first key result: K on it, kr1 as in every other goal.
    press(&mut f.app, "K");
    assert_eq!(form_text(&f.app, 6), "kr1");
    press(&mut f.app, "Esc");
    press(&mut f.app, "u");
    assert_eq!(on_disk(&f.path), TEAM);
    assert!(f.app.ws().goal_by_id("win-mid-market").is_none());
}

#[test]
fn adding_needs_a_goal_to_add_a_key_result_to_and_the_board_tab() {
    let mut f = open_text("version = 1\n[workspace]\nname = \"New team\"\n");
    press(&mut f.app, "K");
    assert!(!form_open(&f.app));
    assert!(
        message(&f.app).contains("add one with n"),
        "{}",
        message(&f.app)
    );
    // The first goal of an empty workspace.
    press(&mut f.app, "n");
    type_text(&mut f.app, "Ship v1");
    press(&mut f.app, "Enter");
    assert!(!form_open(&f.app), "{:?}", form_error(&f.app));
    assert_eq!(
        on_disk(&f.path),
        "version = 1\n[workspace]\nname = \"New team\"\n\n[[goals]]\nid = \"ship-v1\"\ntitle = \"Ship v1\"\nweight = 3\nstatus = \"active\"\n"
    );
    press(&mut f.app, "K");
    assert_eq!(form_text(&f.app, 6), "kr1");
    press(&mut f.app, "Esc 2 n");
    assert!(!form_open(&f.app));
    assert!(message(&f.app).contains("Board tab"), "{}", message(&f.app));
}

#[test]
fn in_a_directory_per_person_the_forms_name_the_file_they_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("ana")).unwrap();
    std::fs::create_dir_all(root.join("ben")).unwrap();
    std::fs::write(
        root.join("goals.toml"),
        TEAM.split("[[tasks]]").next().unwrap(),
    )
    .unwrap();
    std::fs::write(
        root.join("ana/tasks.toml"),
        "[[tasks]]\nid = \"A-1\"\ntitle = \"Dunning\"\nowner = \"ana\"\n",
    )
    .unwrap();
    let ben = "[[tasks]]\nid = \"B-1\"\ntitle = \"Survey\"\nowner = \"ben\"\ngoals = [\"retention/kr2\"]\n";
    std::fs::write(root.join("ben/tasks.toml"), ben).unwrap();
    let mut app = super::app_of(align_core::load(root).unwrap());
    // `a` on ben's task: his file, by its path (every person's file is tasks.toml).
    super::select_task(&mut app, "B-1");
    press(&mut app, "a");
    let context = app.form().unwrap().context.join("\n");
    assert!(
        context.contains("B-2 · status todo · written after the last task in ben/tasks.toml"),
        "{context}"
    );
    press(&mut app, "Esc");
    // `n` and `K` write the goals' file.
    select_goal(&mut app, "activation");
    press(&mut app, "n");
    let context = app.form().unwrap().context.join("\n");
    assert!(
        context.contains("under growth · written after the last goal in goals.toml"),
        "{context}"
    );
    type_text(&mut app, "Partners");
    press(&mut app, "Enter");
    assert_eq!(message(&app), "added goal partners · saved");
    let goals = std::fs::read_to_string(root.join("goals.toml")).unwrap();
    assert!(goals.ends_with("[[goals]]\nid = \"partners\"\ntitle = \"Partners\"\nparent = \"growth\"\nweight = 3\nstatus = \"active\"\n\n"), "{goals}");
    assert_eq!(
        std::fs::read_to_string(root.join("ben/tasks.toml")).unwrap(),
        ben
    );
}
