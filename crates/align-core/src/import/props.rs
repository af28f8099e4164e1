//! Property tests of the import as a whole: any table a CSV writer produces (any
//! delimiter, line end, byte-order mark, cell text) reads back cell for cell, on the line
//! it starts; and any input at all — bytes, or an export with bytes spliced in — through
//! any of the four importers never panics, and an import that plans is one that verifies
//! (the workspace it would write loads and holds exactly what was imported).

use proptest::prelude::*;

use super::rows::{Required, Sheet};
use super::test_support::*;
use super::{Tool, parse, plan};

/// Cell text with what makes CSV hard: delimiters, quotes, line ends, non-ASCII.
fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "Z", "7", " ", ",", ";", "|", "^", "\t", "\"", "'", "\n", "\r\n", "é", "ß", "Ж",
            "🚚", "\u{7}", "=", "-",
        ]),
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

const DELIMITERS: [u8; 5] = [b',', b';', b'\t', b'|', b'^'];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn what_a_csv_writer_writes_reads_back(
        rows in prop::collection::vec(prop::collection::vec(cell(), 3), 1..8),
        delimiter in 0..DELIMITERS.len(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let delimiter = DELIMITERS[delimiter];
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        w.write_record(["Issue key", "Summary", "Status"]).unwrap();
        // Every row has its key, as an export's does; the key's line is where it starts.
        let mut starts = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            w.flush().unwrap();
            starts.push(w.get_ref().iter().filter(|&&b| b == b'\n').count() as u64 + 1);
            w.write_record([format!("PAY-{i}"), r[1].clone(), r[2].clone()]).unwrap();
        }
        let mut bytes = if bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
        bytes.extend(w.into_inner().unwrap());
        let required = [Required { name: "Issue key", spellings: &["Issue key"] }];
        let sheet = Sheet::read(Tool::Jira, "p.csv", &bytes, &required, "").unwrap();
        let (key, summary, status) =
            (sheet.column(&["Issue key"]), sheet.column(&["Summary"]), sheet.column(&["Status"]));
        prop_assert_eq!(sheet.rows().len(), rows.len());
        for (i, (got, want)) in sheet.rows().iter().zip(&rows).enumerate() {
            prop_assert_eq!(got.get(key), format!("PAY-{i}"));
            prop_assert_eq!(got.get(summary), want[1].trim());
            prop_assert_eq!(got.get(status), want[2].trim());
            prop_assert_eq!(sheet.line(got), starts[i]);
        }
    }

    #[test]
    fn no_input_panics_and_what_plans_verifies(
        seed in 0..SEEDS.len(),
        splices in prop::collection::vec(
            (any::<prop::sample::Index>(), 0..4usize, prop::collection::vec(any::<u8>(), 0..6)),
            0..4,
        ),
        tool in 0..4usize,
    ) {
        let mut input = SEEDS[seed].as_bytes().to_vec();
        for (at, cut, with) in splices {
            let at = at.index(input.len() + 1);
            let end = (at + cut).min(input.len());
            input.splice(at..end, with);
        }
        let tool = [Tool::Taskwarrior, Tool::Github, Tool::Linear, Tool::Jira][tool];
        let ws = load_text(DEMO);
        if let Ok(parsed) = parse(tool, &ws, "p", &input, utc())
            && let Ok(plan) = plan(&ws, tool, parsed, today(), None)
            && !plan.is_empty()
        {
            let mut after = ws.clone();
            let applied = crate::edit::Batch::new(plan.edits.clone())
                .map_err(|e| e.to_string())
                .and_then(|b| crate::edit::Edit::Batch(b).apply(&mut after).map_err(|e| e.to_string()));
            prop_assert!(applied.is_ok(), "{:?}\n{}", applied.err(), String::from_utf8_lossy(&input));
            let verified = super::check(&after, &plan);
            prop_assert!(verified.is_ok(), "{:?}\n{}", verified.err(), String::from_utf8_lossy(&input));
        }
    }
}

/// Exports of each tool to splice bytes into.
const SEEDS: [&str; 4] = [
    "\u{feff}Summary,Issue key,Issue id,Issue Type,Status,Resolution,Assignee,Resolved,Due date,Labels,Labels,Parent,Parent summary,Status Category\r\n\
     \"Retry cards, then \"\"mail\"\"\",PAY-88,10088,Story,In Progress,,Maya Chen,,04/Dec/26,billing,emails,10010,Cut churn among small shops,In Progress\r\n\
     Copy,PAY-90,10090,Subtask,Done,Done,,24/Nov/26 3:12 PM,,,,10088,,Done\r\n\
     Churn,PAY-10,10010,Epic,In Progress,,,,,,,,,In Progress\r\n",
    "ID,Team,Title,Status,Priority,Project,Assignee,Labels,Started,Completed,Canceled,Due Date,Project Milestone\n\
     ENG-101,Eng,\"Win-back, \"\"no strings\"\"\",In Progress,High,Retention,maya,\"email, billing\",2026-11-10T09:00:00Z,,,2026-12-04,churn\n\
     ENG-102,Eng,'-50% promo,Done,Urgent,Carriers,,,,2026-11-20T23:30:00.000Z,,,\n",
    r#"[{"uuid":"a1","description":"Win-back","status":"pending","project":"retention.kr1","tags":["x"],"due":"20261130T120000Z","priority":"H"},
        {"uuid":"b2","description":"Tidy","status":"completed","end":"20261124T170000Z","project":"home"}]"#,
    r#"[{"number":7,"title":"Fix crash","state":"OPEN","labels":[{"name":"bug"}],"milestone":{"title":"Activation"},
         "assignees":[{"login":"leo"}],"url":"https://github.com/p/app/issues/7"},
        {"number":8,"title":"Done","state":"CLOSED","url":"https://github.com/p/app/issues/8","closedAt":"2026-11-20T10:00:00Z"}]"#,
];
