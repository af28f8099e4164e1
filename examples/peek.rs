fn main() {
    let p = std::env::args().nth(1).unwrap();
    match align::load(std::path::Path::new(&p)) {
        Ok(l) => {
            for w in &l.warnings {
                println!("warning: {w}");
            }
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let sb = align::score_workspace(&l.workspace, today, None);
            for (t, s) in l.workspace.tasks.iter().zip(&sb.tasks) {
                println!(
                    "{:6} {:3} {:12} {:50} {:?} {:?}",
                    t.id,
                    s.points,
                    s.class.as_str(),
                    t.title.chars().take(50).collect::<String>(),
                    t.goals,
                    s.suggested_goal
                );
            }
            for (g, f) in l.workspace.goals.iter().zip(&sb.goals) {
                println!("{} {:?}", g.id, f);
            }
            println!("{:?}", sb.summary);
        }
        Err(align::LoadError::Invalid { errors, warnings }) => {
            for e in errors {
                println!("error: {e}");
            }
            for w in warnings {
                println!("warning: {w}");
            }
        }
        Err(e) => println!("error: {e}"),
    }
}
