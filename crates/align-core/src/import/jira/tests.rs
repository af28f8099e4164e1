use chrono::NaiveDate;

use super::*;
use crate::import::test_support::*;

const HEADER: &str = "Summary,Issue key,Issue id,Issue Type,Status,Priority,Resolution,Assignee,Resolved,Fix versions,Due date,Labels,Labels,Parent,Parent summary,Status Category,Status Category Changed";

fn read(rows: &[&str]) -> Parsed {
    let ws = load_text(DEMO);
    let text = format!("\u{feff}{HEADER}\r\n{}\r\n", rows.join("\r\n"));
    jira(&ws, "jira.csv", text.as_bytes()).unwrap()
}

fn err(text: &str) -> String {
    let ws = load_text(DEMO);
    jira(&ws, "jira.csv", text.as_bytes())
        .unwrap_err()
        .to_string()
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn fields_map_to_align() {
    let p = read(&[
        "\"Dunning e-mails, then \"\"pause\"\"\",PAY-88,10088,Story,In Review,High,,Maya Chen,,,04/Dec/26,billing,emails,10010,Cut churn among small shops,In Progress,10/Nov/26 9:00 AM",
        "Copy in German,PAY-90,10090,Subtask,Done,Medium,Done,,24/Nov/26 3:12 PM,,,emails,,10088,\"Dunning e-mails, then \"\"pause\"\"\",Done,24/Nov/26 3:12 PM",
    ]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let a = &p.tasks[0];
    assert_eq!(a.source, "jira:PAY-88");
    assert_eq!(a.title, "Dunning e-mails, then \"pause\"");
    assert_eq!((a.status, a.open_only), (TaskStatus::Doing, false));
    assert_eq!(a.owner.as_deref(), Some("Maya Chen"));
    assert_eq!(
        a.tags,
        Some(vec!["billing".to_string(), "emails".to_string()])
    );
    assert_eq!(a.due, Some(day(2026, 12, 4)));
    assert_eq!(a.impact, Some(4));
    assert_eq!(
        a.link.as_deref(),
        Some("retention"),
        "by the parent's summary"
    );
    let b = &p.tasks[1];
    assert_eq!((b.status, b.done), (TaskStatus::Done, day(2026, 11, 24)));
    assert_eq!(b.owner, None, "unassigned says nothing of the owner");
    assert_eq!(b.due, Some(None), "an empty due date: none");
    // Its parent is PAY-88 in the same file, whose parent names the goal.
    assert_eq!(b.link.as_deref(), Some("retention"));
}

#[test]
fn status_categories_resolutions_and_names() {
    let row = |key: &str, status: &str, resolution: &str, resolved: &str, category: &str| {
        format!(
            "T,{key},1{},Task,{status},,{resolution},,{resolved},,,,,,,{category},",
            &key[4..]
        )
    };
    let rows = [
        row("PAY-1", "Selected for Development", "", "", "To Do"),
        row("PAY-2", "Blocked", "", "", "In Progress"),
        row("PAY-3", "Closed", "Won't Fix", "20/Nov/26 1:00 PM", "Done"),
        row("PAY-4", "Cancelled", "", "", "Done"),
        row("PAY-5", "Done", "Done", "", "Done"),
        // No category: the status's name, then the resolution.
        row("PAY-6", "In Progress", "", "", ""),
        row("PAY-7", "Resolved", "Duplicate", "", ""),
        row("PAY-8", "Awaiting Approval", "Fixed", "", ""),
        row("PAY-9", "Awaiting Approval", "", "", ""),
        row("PAY-10", "Awaiting Approval", "", "", ""),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let p = read(&rows);
    let got: Vec<(TaskStatus, bool)> = p.tasks.iter().map(|t| (t.status, t.open_only)).collect();
    use TaskStatus::*;
    assert_eq!(
        got,
        [
            (Todo, true),
            (Doing, false),
            (Dropped, false),
            (Dropped, false),
            (Done, false),
            (Doing, false),
            (Dropped, false),
            (Done, false),
            (Todo, true),
            (Todo, true),
        ]
    );
    assert_eq!(
        p.tasks[4].done, None,
        "no date: the import's day is used later"
    );
    assert_eq!(
        p.warnings,
        [
            "jira.csv: status \"Awaiting Approval\" (2 issues) is not one align knows and its \"Status Category\" is empty or not To Do, In Progress or Done; read as todo"
        ]
    );
}

#[test]
fn the_done_date_falls_back_on_the_category_change() {
    let p = read(&["T,PAY-1,1,Task,Done,,Done,,,,,,,,,Done,22/Nov/26 5:45 PM"]);
    assert_eq!(p.tasks[0].done, day(2026, 11, 22));
}

#[test]
fn epics_are_not_tasks_but_link_their_issues() {
    let p = read(&[
        "Carriers,PAY-11,10011,Epic,In Progress,,,,,,,,,,,In Progress,",
        "Mobile app,PAY-12,10012,Epic,To Do,,,,,,,,,,,To Do,",
        "DHL customs,PAY-91,10091,Bug,In Review,,,,,,,,,10011,Carriers,In Progress,",
        "Offline mode,PAY-94,10094,Story,To Do,,,,,,,,,10012,Mobile app,To Do,",
        "Driver,PAY-93,10093,Task,To Do,,,,,reliability/uptime,,,,,,To Do,",
        "Preview,PAY-96,10096,Story,To Do,,,,,,,,,10200,Make the label editor faster,To Do,",
    ]);
    assert_eq!(p.skipped.values().sum::<usize>(), 2);
    let links: Vec<Option<&str>> = p.tasks.iter().map(|t| t.link.as_deref()).collect();
    assert_eq!(
        links,
        [Some("carriers"), None, Some("reliability/uptime"), None]
    );
    assert_eq!(
        p.tasks[1].unmatched.as_deref(),
        Some("PAY-94: epic \"Mobile app\" matches no goal")
    );
    assert_eq!(
        p.tasks[3].unmatched.as_deref(),
        Some("PAY-96: parent \"Make the label editor faster\" matches no goal"),
        "a parent outside the export is known by its summary"
    );
    assert_eq!(p.tasks[2].unmatched, None);
}

#[test]
fn data_center_epic_links_and_fix_versions() {
    let ws = load_text(DEMO);
    let text = "Summary,Issue key,Issue id,Parent id,Issue Type,Status,Fix Version/s,Fix Version/s,Custom field (Epic Link),Custom field (Epic Name)\n\
        Carrier onboarding,OPS-1,20001,,Epic,Open,,,,carriers\n\
        Print DHL labels,OPS-2,20002,,Story,In Progress,,,OPS-1,\n\
        Map error codes,OPS-3,20003,20002,Sub-task,Closed,,,,\n\
        Patch the server,OPS-4,20004,,Task,Resolved,2026.11,reliability,,\n\
        Old epic link,OPS-5,20005,,Task,Open,,,OPS-99,\n";
    let p = jira(&ws, "dc.csv", text.as_bytes()).unwrap();
    let links: Vec<Option<&str>> = p.tasks.iter().map(|t| t.link.as_deref()).collect();
    assert_eq!(
        links,
        [
            Some("carriers"),
            Some("carriers"),
            Some("reliability"),
            None
        ],
        "the epic by its Epic Name; a sub-task through its story's epic; the second fix version"
    );
    assert_eq!(
        p.tasks[3].unmatched.as_deref(),
        Some("OPS-5: epic \"OPS-99\" matches no goal")
    );
    assert_eq!(p.tasks[1].status, TaskStatus::Done, "Closed");
}

#[test]
fn a_parent_loop_ends() {
    let p = read(&[
        "A,PAY-1,1,Task,To Do,,,,,,,,,2,,To Do,",
        "B,PAY-2,2,Task,To Do,,,,,,,,,1,,To Do,",
    ]);
    assert_eq!(p.tasks.len(), 2);
    assert_eq!(
        p.tasks[0].unmatched.as_deref(),
        Some("PAY-1: parent \"B\", parent \"A\" match no goal")
    );
}

#[test]
fn german_exports_are_read() {
    let ws = load_text(DEMO);
    let text = "Zusammenfassung;Vorgangsschlüssel;Vorgangstyp;Status;Lösung;Zugewiesene Person;Erledigt;Fälligkeitsdatum;Stichwörter;Stichwörter;Statuskategorie;Priorität\n\
        Pausieren anbieten;RET-7;Story;In Arbeit;;Maya Chen;;04/Dez./26;kündigung;;In Arbeit;Hoch\n\
        Umfrage;RET-8;Aufgabe;Fertig;Fertig;;20/Nov./26 11:30 AM;;;;Fertig;Mittel\n\
        Export entfernen;RET-9;Aufgabe;Fertig;Wird nicht erledigt;;18.11.2026 09:00;;;;Fertig;Niedrigste\n";
    let p = jira(&ws, "de.csv", text.as_bytes()).unwrap();
    let t = &p.tasks;
    assert_eq!(
        (t[0].status, t[0].due, t[0].impact),
        (TaskStatus::Doing, Some(day(2026, 12, 4)), Some(4))
    );
    assert_eq!(t[0].tags, Some(vec!["kündigung".to_string()]));
    assert_eq!(
        (t[1].status, t[1].done),
        (TaskStatus::Done, day(2026, 11, 20))
    );
    assert_eq!((t[2].status, t[2].impact), (TaskStatus::Dropped, Some(1)));
}

#[test]
fn dates_that_do_not_read_are_counted_once_and_left_alone() {
    let p = read(&[
        "A,PAY-1,1,Task,Done,,Done,,6/21/2025 16:14,,6/30/2025,,,,,Done,",
        "B,PAY-2,2,Task,Done,,Done,,6/22/2025 16:14,,,,,,,Done,",
        "C,PAY-3,3,Task,Done,,Done,,6/23/2025 16:14,,,,,,,Done,",
    ]);
    assert_eq!(
        p.tasks[0].due, None,
        "an unreadable due date leaves the task's"
    );
    assert_eq!(p.tasks[0].done, None);
    assert_eq!(
        p.warnings,
        [
            "jira.csv: PAY-1's \"Resolved\" is \"6/21/2025 16:14\", not a date align reads (Jira's own 03/Dec/26, 2026-12-03 or 03.12.2026); ignored, and 2 more like it",
            "jira.csv: PAY-1's \"Due date\" is \"6/30/2025\", not a date align reads (Jira's own 03/Dec/26, 2026-12-03 or 03.12.2026); ignored",
        ]
    );
}

#[test]
fn columns_the_export_left_out_are_left_alone() {
    let ws = load_text(DEMO);
    let p = jira(&ws, "j.csv", b"Issue key,Summary,Status\nPAY-1,A,To Do\n").unwrap();
    let t = &p.tasks[0];
    assert_eq!(
        (t.tags.as_ref(), t.due, t.impact, t.owner.as_ref()),
        (None, None, None, None)
    );
}

#[test]
fn bad_rows_name_their_line() {
    let h = "Summary,Issue key,Status\n";
    assert_eq!(
        err(&format!(
            "{h}A,PAY-1,To Do\n\"B\nwith a break\",PAY-2,Done\nC,not a key,Done\n"
        )),
        "jira.csv:5: \"Issue key\" is \"not a key\", not a Jira issue key (like PAY-88)"
    );
    assert_eq!(
        err(&format!("{h}A,PAY-1,To Do\n,PAY-2,Done\n")),
        "jira.csv:3: PAY-2 has no \"Summary\""
    );
    assert_eq!(
        err(&format!("{h}A,,To Do\n")),
        "jira.csv:2: no \"Issue key\" in this row"
    );
    assert_eq!(
        err(&format!("{h}A,PAY-1,\n")),
        "jira.csv:2: PAY-1 has no \"Status\""
    );
    assert_eq!(
        err("Summary,Key,Status\nA,PAY-1,To Do\n"),
        "jira.csv:1: no \"Issue key\" column, which Jira's CSV export always has; export the issues again with Filters → Export → Export CSV (all fields); Jira writes the headers in your profile's language, and align reads English and German ones"
    );
    assert_eq!(
        err("ID,Team,Title,Status\nENG-1,Eng,A,Todo\n"),
        "jira.csv: this looks like Linear's CSV export; use `align import linear`"
    );
}

#[test]
fn keys_look_like_jira_keys() {
    for k in ["PAY-88", "A1_B-7", "pay-1"] {
        assert!(is_key(k), "{k}");
    }
    for k in ["PAY", "PAY-", "-1", "1AB-2", "PAY 88", "PAY-8a", "PA-Y-1"] {
        assert!(!is_key(k), "{k}");
    }
}
