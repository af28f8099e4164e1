use chrono::{FixedOffset, NaiveDate};

use super::*;
use crate::import::test_support::*;

const HEADER: &str = "ID,Team,Title,Status,Priority,Project,Assignee,Labels,Started,Completed,Canceled,Due Date,Initiatives,Project Milestone";

fn read_in(zone: Zone, rows: &[&str]) -> Parsed {
    let ws = load_text(DEMO);
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    linear(&ws, "linear.csv", text.as_bytes(), zone).unwrap()
}

fn read(rows: &[&str]) -> Parsed {
    read_in(utc(), rows)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn fields_map_to_align() {
    let p = read(&[
        "ENG-101,Eng,\"Win-back e-mail, \"\"no strings\"\"\",In Progress,High,Retention,maya@parcelwise.com,\"email, billing, email\",2026-11-10T09:00:00.000Z,,,2026-12-04,,Monthly logo churn",
        "ENG-102,Eng,Pause option,Done,Urgent,Cut churn among small shops,Priya Nair,,2026-11-02T09:00:00Z,2026-11-20T23:30:00.000Z,,,,",
    ]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let a = &p.tasks[0];
    assert_eq!(a.source, "linear:ENG-101");
    assert_eq!(a.title, "Win-back e-mail, \"no strings\"");
    assert_eq!((a.status, a.open_only), (TaskStatus::Doing, false));
    assert_eq!(a.owner.as_deref(), Some("maya@parcelwise.com"));
    assert_eq!(
        a.tags,
        Some(vec!["email".to_string(), "billing".to_string()])
    );
    assert_eq!((a.due, a.impact), (Some(day(2026, 12, 4)), Some(4)));
    assert_eq!(
        a.link.as_deref(),
        Some("retention/kr1"),
        "the project names the goal, the milestone its key result"
    );
    let b = &p.tasks[1];
    assert_eq!(
        (b.status, b.done, b.impact),
        (TaskStatus::Done, day(2026, 11, 20), Some(5))
    );
    assert_eq!(b.link.as_deref(), Some("retention"), "by the goal's title");
    assert_eq!(b.tags, Some(Vec::new()), "no labels: the tool says none");
    assert_eq!(b.due, Some(None));
    // Completed late in the evening in UTC is the next day east of it.
    let east = Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap());
    let p = read_in(
        east,
        &["ENG-102,Eng,Pause option,Done,,,,,,2026-11-20T23:30:00.000Z,,,,"],
    );
    assert_eq!(p.tasks[0].done, day(2026, 11, 21));
}

#[test]
fn timestamps_decide_the_status_before_its_name() {
    let p = read(&[
        "ENG-1,Eng,A,Todo,,,,,,,,,,",
        "ENG-2,Eng,B,Backlog,,,,,,,,,,",
        "ENG-3,Eng,C,QA,,,,,2026-11-18T08:00:00Z,,,,,",
        "ENG-4,Eng,D,Ready for QA,,,,,,,,,,",
        "ENG-5,Eng,E,Duplicate,,,,,,,2026-11-04T09:00:00Z,,,",
        "ENG-6,Eng,F,Shipped to beta,,,,,2026-11-01T08:00:00Z,2026-11-19T08:00:00Z,,,,",
        "ENG-7,Eng,G,Won't fix,,,,,,,,,,",
        "ENG-8,Eng,H,In Review,,,,,,,,,,",
    ]);
    use TaskStatus::*;
    let got: Vec<(TaskStatus, bool)> = p.tasks.iter().map(|t| (t.status, t.open_only)).collect();
    assert_eq!(
        got,
        [
            (Todo, true),
            (Todo, true),
            (Doing, false),
            (Todo, true),
            (Dropped, false),
            (Done, false),
            (Dropped, false),
            (Doing, false),
        ]
    );
    assert_eq!(p.tasks[5].done, day(2026, 11, 19));
    assert!(
        p.warnings.is_empty(),
        "the export has Started: {:?}",
        p.warnings
    );
}

#[test]
fn without_a_started_column_an_unknown_status_is_noted() {
    let ws = load_text(DEMO);
    let text = "ID,Title,Status\nENG-1,A,Ready for QA\nENG-2,B,Ready for QA\n";
    let p = linear(&ws, "l.csv", text.as_bytes(), utc()).unwrap();
    assert_eq!(p.tasks[0].status, TaskStatus::Todo);
    assert_eq!(
        p.warnings,
        [
            "l.csv: status \"Ready for QA\" (2 issues) is not one align knows and the export has no \"Started\" column to tell; read as todo"
        ]
    );
    let t = &p.tasks[0];
    assert_eq!(
        (t.tags.as_ref(), t.due, t.owner.as_ref()),
        (None, None, None),
        "not exported: left alone"
    );
}

#[test]
fn projects_milestones_and_initiatives_name_goals() {
    let p = read(&[
        "ENG-12,Eng,Offline queue,Todo,,Mobile app,,,,,,,,",
        "ENG-13,Eng,Promo banner,Todo,,Pricing page,,,,,,,,",
        "ENG-14,Eng,Printer offline,Triage,,,,,,,,,Reliability,",
        "ENG-15,Eng,Beta list,Todo,,Mobile app,,,,,,,,carriers",
        "ENG-16,Eng,Both,Todo,,Mobile app,,,,,,,Tablet,Beta",
        "ENG-17,Eng,Nothing,Todo,,,,,,,,,,",
    ]);
    let links: Vec<Option<&str>> = p.tasks.iter().map(|t| t.link.as_deref()).collect();
    assert_eq!(
        links,
        [
            None,
            None,
            Some("reliability"),
            Some("carriers"),
            None,
            None
        ]
    );
    let notes: Vec<Option<&str>> = p.tasks.iter().map(|t| t.unmatched.as_deref()).collect();
    assert_eq!(
        notes,
        [
            Some("ENG-12: project \"Mobile app\" matches no goal"),
            Some(
                "ENG-13: project \"Pricing page\" matches no goal (did you mean \"pricing-page\"?)"
            ),
            None,
            None,
            Some(
                "ENG-16: project \"Mobile app\", milestone \"Beta\", initiative \"Tablet\" match no goal"
            ),
            None,
        ]
    );
}

#[test]
fn formula_guards_and_short_rows() {
    let p = read(&[
        "ENG-1,Eng,'-50% promo banner,Todo,,,'@sam,'=x",
        "ENG-2,Eng,'Quoted' title,Todo,,,,,,,,,,",
    ]);
    assert_eq!(p.tasks[0].title, "-50% promo banner");
    assert_eq!(p.tasks[0].owner.as_deref(), Some("@sam"));
    assert_eq!(p.tasks[0].tags, Some(vec!["=x".to_string()]));
    assert_eq!(
        p.tasks[1].title, "'Quoted' title",
        "only a guard is removed"
    );
}

#[test]
fn bad_rows_name_their_line() {
    let ws = load_text(DEMO);
    let err = |text: &str| {
        linear(&ws, "l.csv", text.as_bytes(), utc())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("ID,Title,Status\nENG-1,A,Todo\nENG 2,B,Todo\n"),
        "l.csv:3: \"ID\" is \"ENG 2\", not a Linear issue ID (like ENG-123)"
    );
    assert_eq!(
        err("ID,Title,Status\n,A,Todo\n"),
        "l.csv:2: no \"ID\" in this row"
    );
    assert_eq!(
        err("ID,Title,Status\nENG-1, ,Todo\n"),
        "l.csv:2: ENG-1 has no \"Title\""
    );
    assert_eq!(
        err("ID,Title\nENG-1,A\n"),
        "l.csv:1: no \"Status\" column, which Linear's CSV export always has; export the issues again with Settings → Administration → Import / Export → Export CSV"
    );
    assert_eq!(
        err("Summary,Issue key,Status\nA,PAY-1,Done\n"),
        "l.csv: this looks like Jira's CSV export; use `align import jira`"
    );
    assert_eq!(
        err("[{\"uuid\":\"a\",\"description\":\"d\",\"status\":\"pending\"}]"),
        "l.csv: this looks like Taskwarrior's JSON (`task export`); use `align import taskwarrior`"
    );
}

#[test]
fn a_date_that_does_not_read_is_noted_and_left_alone() {
    let p = read(&["ENG-1,Eng,A,Todo,,,,,,,,next week,,"]);
    assert_eq!(p.tasks[0].due, None);
    assert_eq!(
        p.warnings,
        ["linear.csv: ENG-1's \"Due Date\" is \"next week\", not a date; ignored"]
    );
}

#[test]
fn ids_look_like_linear_ids() {
    for k in ["ENG-123", "PW2-1", "ÉQ-4"] {
        assert!(is_id(k), "{k}");
    }
    for k in ["ENG", "ENG-", "-1", "ENG 1", "ENG-1a"] {
        assert!(!is_id(k), "{k}");
    }
}
