//! A `[[goals]]` element read into a [`Goal`] with its key results and their check-ins:
//! every key checked for type and range, and a goal kept (with its errors reported) as
//! long as it has an id, so links to it still resolve.

use super::doc::Item;
use super::document::as_table;
use crate::diag::Sink;
use crate::model::{Checkin, FileIx, Goal, GoalKind, GoalStatus, Horizon, KeyResult, Origin};
use crate::schema::{Reader, What, date_of};

const GOAL_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "parent",
    "weight",
    "horizon",
    "start",
    "due",
    "status",
    "owner",
    "grade",
    "review",
    "key_results",
];
const KR_KEYS: &[&str] = &[
    "id", "title", "owner", "due", "unit", "start", "target", "current", "checkins",
];
const CHECKIN_KEYS: &[&str] = &["date", "value", "confidence", "note"];

pub(super) fn read_goal(
    sink: &mut Sink,
    file: usize,
    n: usize,
    v: Item<'_>,
) -> Option<(Goal, Option<usize>)> {
    let at = v.span().start;
    let table = as_table(sink, v, format_args!("goal #{}", n + 1))?;
    let mut r = Reader::new(table, at, What::item("goal", n, table, None));
    let id = r.id(sink);
    let title = r.required_string(sink, "title").map(|s| s.0);
    let kind = r
        .choice(sink, "kind", GoalKind::ALL, GoalKind::parse)
        .unwrap_or(GoalKind::Objective);
    let parent = r.string(sink, "parent");
    let weight = r.int(sink, "weight", 1..=5).unwrap_or(3) as u8;
    let horizon = r.choice(sink, "horizon", Horizon::ALL, Horizon::parse);
    let start = r.date(sink, "start");
    let due = r.date(sink, "due");
    let status = r
        .choice(sink, "status", GoalStatus::ALL, GoalStatus::parse)
        .unwrap_or(GoalStatus::Active);
    let owner = r.string(sink, "owner").map(|s| s.0);
    let grade = r.number(sink, "grade", Some((|g| (0.0..=1.0).contains(&g), "0..1")));
    let review = r.string(sink, "review").map(|s| s.0);
    if let (Some(s), Some(d)) = (start, due)
        && d < s
    {
        let at = table.get("due").map_or(at, |v| v.span().start);
        sink.error(
            at,
            format!("{} is due ({d}) before it starts ({s})", r.what),
        );
    }
    let mut key_results = Vec::new();
    if let Some(list) = r.array(sink, "key_results") {
        for (k, v) in list.iter().enumerate() {
            if let Some(kr) = read_key_result(sink, file, &r.what, k, v) {
                key_results.push(kr);
            }
        }
    }
    r.finish(sink, GOAL_KEYS);
    let (id, span) = id?;
    // A missing title is already an error; the goal is kept so links to it still resolve.
    let goal = Goal {
        id,
        title: title.unwrap_or_default(),
        kind,
        parent: parent.as_ref().map(|p| p.0.clone()),
        weight,
        horizon,
        start,
        due,
        status,
        owner,
        grade,
        review,
        key_results,
        upstream: None,
        origin: Origin {
            file: FileIx(file),
            span,
        },
        // Extended to the next top-level table once the whole file is read.
        block: v.span(),
    };
    Some((goal, parent.map(|p| p.1)))
}

fn read_key_result(
    sink: &mut Sink,
    file: usize,
    goal: &What<'_>,
    n: usize,
    v: Item<'_>,
) -> Option<KeyResult> {
    let at = v.span().start;
    let table = as_table(sink, v, format_args!("key result #{} of {goal}", n + 1))?;
    let mut r = Reader::new(table, at, What::item("key result", n, table, Some(goal)));
    let id = r.id(sink);
    let title = r.required_string(sink, "title").map(|s| s.0);
    let owner = r.string(sink, "owner").map(|s| s.0);
    let due = r.date(sink, "due");
    let unit = r.string(sink, "unit").map(|s| s.0);
    let start = r.number(sink, "start", None).unwrap_or(0.0);
    if !table.contains_key("target") {
        r.missing(sink, "target");
    }
    let target = r.number(sink, "target", None);
    if let Some(t) = target
        && t == start
    {
        let at = table.get("target").map_or(at, |v| v.span().start);
        sink.error_help(
            at,
            format!(
                "{} has target equal to start ({t}): progress is undefined",
                r.what
            ),
            "set start to where the measure was when the goal began".to_string(),
        );
    }
    let mut checkins = Vec::new();
    if let Some(list) = r.array(sink, "checkins") {
        for (k, v) in list.iter().enumerate() {
            if let Some(c) = read_checkin(sink, &r.what, k, v) {
                checkins.push(c);
            }
        }
    }
    let current = r.number(sink, "current", None).unwrap_or_else(|| {
        checkins
            .iter()
            .max_by_key(|c: &&Checkin| c.date)
            .map_or(start, |c| c.value)
    });
    r.finish(sink, KR_KEYS);
    let (id, span) = id?;
    // A missing title or target is already an error; the key result is kept so links to
    // it still resolve.
    Some(KeyResult {
        id,
        title: title.unwrap_or_default(),
        owner,
        due,
        unit,
        start,
        target: target.unwrap_or(start),
        current,
        checkins,
        origin: Origin {
            file: FileIx(file),
            span,
        },
    })
}

fn read_checkin(sink: &mut Sink, kr: &What<'_>, n: usize, v: Item<'_>) -> Option<Checkin> {
    let what = What::Item {
        kind: "check-in",
        n,
        id: None,
        of: Some(kr),
    };
    let table = as_table(sink, v, what)?;
    let mut r = Reader::new(table, v.span().start, what);
    let date = if let Some(d) = r.raw("date") {
        date_of(sink, d, format_args!("\"date\" of {}", r.what))
    } else {
        r.missing(sink, "date");
        None
    };
    let value = if table.get("value").is_some() {
        r.number(sink, "value", None)
    } else {
        r.missing(sink, "value");
        None
    };
    let confidence = match r.number(sink, "confidence", None) {
        Some(c) if !(0.0..=1.0).contains(&c) => {
            let at = table
                .get("confidence")
                .map_or(v.span().start, |v| v.span().start);
            sink.error_help(
                at,
                format!(
                    "\"confidence\" of {} is {}; it must be 0..1",
                    r.what,
                    crate::number::display(c)
                ),
                confidence_help(c),
            );
            None
        }
        c => c,
    };
    let note = r.string(sink, "note").map(|s| s.0);
    r.finish(sink, CHECKIN_KEYS);
    Some(Checkin {
        date: date?,
        value: value?,
        confidence,
        note,
    })
}

/// What a confidence outside 0..1 probably meant: 7 on a scale of ten is 0.7, 70 a
/// percentage.
pub(super) fn confidence_help(c: f64) -> String {
    let scale = "confidence runs from 0 (no chance) to 1 (sure)";
    if c > 1.0 && c <= 10.0 {
        format!("did you mean {}? {scale}", crate::number::display(c / 10.0))
    } else if c > 10.0 && c <= 100.0 {
        format!(
            "did you mean {} ({}%)? {scale}",
            crate::number::display(c / 100.0),
            crate::number::display(c)
        )
    } else {
        scale.to_string()
    }
}
