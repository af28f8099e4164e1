//! Every change to a goal — its fields, a key result's, a check-in, closing it — is one
//! rewrite of the goal's block. Finding that block, refusing an upstream workspace's goal,
//! finding the goal's or a key result's table in it and wrapping the new text as a
//! [`BlockEdit`] happen here once, so each of those edits says only what it changes and
//! none of them can forget that an upstream goal is read-only.

use super::block::{TableRef, item, table_ref};
use super::{BlockEdit, EditError, Splice, Subject};
use crate::model::{FileIx, GoalIx, Workspace};
use crate::schema::Value;
use toml::de::DeValue;

fn rejected(why: &str) -> EditError {
    EditError::Rejected {
        why: why.to_string(),
    }
}

/// A goal's block as its file has it, read for one edit.
pub(super) struct GoalBlock<'w> {
    goal: GoalIx,
    file: FileIx,
    at: usize,
    /// The block's text.
    pub(super) text: &'w str,
    value: Value<'w>,
    key_result: Option<Value<'w>>,
}

impl<'w> GoalBlock<'w> {
    /// Goal `goal`'s block, with the table of its key result `key_result` when one is
    /// named (else the goal's own table) as the one [`GoalBlock::table`] gives. An
    /// upstream workspace's goal is refused.
    pub(super) fn read(
        ws: &'w Workspace,
        goal: GoalIx,
        key_result: Option<usize>,
    ) -> Result<GoalBlock<'w>, EditError> {
        super::own_goal(ws, goal)?;
        let g = &ws.goals[goal];
        let file = g.origin.file;
        let text = &ws.files[file].text[g.block.clone()];
        let value = item(text, "goals")?
            .ok_or_else(|| rejected("the goal could not be found in its file"))?;
        let key_result = match key_result {
            None => None,
            Some(k) => {
                let DeValue::Table(goal_table) = value.get_ref() else {
                    return Err(rejected("the goal is not a table"));
                };
                let kr = match goal_table.get("key_results").map(toml::Spanned::get_ref) {
                    Some(DeValue::Array(items)) => items.get(k).cloned(),
                    _ => None,
                };
                Some(kr.ok_or_else(|| rejected("the key result could not be found in its goal"))?)
            }
        };
        Ok(GoalBlock {
            goal,
            file,
            at: g.block.start,
            text,
            value,
            key_result,
        })
    }

    /// The table the edit writes into: the key result's when one was named, else the goal's.
    pub(super) fn table(&self) -> Result<TableRef<'_, 'w>, EditError> {
        match &self.key_result {
            Some(kr) => {
                table_ref(kr, self.text).ok_or_else(|| rejected("the key result is not a table"))
            }
            None => {
                table_ref(&self.value, self.text).ok_or_else(|| rejected("the goal is not a table"))
            }
        }
    }

    /// The edit that puts `new` in place of the block.
    pub(super) fn replaced_by(&self, new: String, label: String) -> BlockEdit {
        BlockEdit {
            splice: Splice {
                file: self.file,
                at: self.at,
                removed: self.text.to_string(),
                inserted: new,
            },
            subject: Subject::Goal(self.goal),
            label,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::edit::{
        Closing, EditError, GoalChanges, KeyResultChanges, checkin, close_goal, edit_goal,
        edit_key_result,
    };
    use crate::model::GoalStatus;

    /// A team whose workspace names a company one upstream.
    fn cascade() -> (tempfile::TempDir, crate::load::Loaded) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("company.toml"),
            "version = 1\n[workspace]\nkey = \"company\"\n\n[[goals]]\nid = \"growth\"\ntitle = \"Grow\"\n  [[goals.key_results]]\n  id = \"kr1\"\n  title = \"Shops\"\n  start = 0\n  target = 100\n  current = 40\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("team.toml"),
            "version = 1\n[workspace]\nupstream = [\"company.toml\"]\n\n[[goals]]\nid = \"retention\"\ntitle = \"Keep shops\"\nparent = \"company:growth\"\n",
        )
        .unwrap();
        let loaded = crate::load::load(&dir.path().join("team.toml")).unwrap();
        (dir, loaded)
    }

    #[test]
    fn every_goal_edit_refuses_an_upstream_goal() {
        let (_dir, loaded) = cascade();
        let ws = &loaded.workspace;
        let company = ws.goal_by_id("company:growth").unwrap();
        let own = ws.goal_by_id("retention").unwrap();
        let upstream = |r: Result<(), EditError>| matches!(r, Err(EditError::Upstream { ref key, .. }) if key == "company");
        let retitle = GoalChanges {
            title: Some("Grow faster".into()),
            ..GoalChanges::default()
        };
        assert!(upstream(edit_goal(ws, company, &retitle).map(drop)));
        let retarget = KeyResultChanges {
            title: Some("Paying shops".into()),
            ..KeyResultChanges::default()
        };
        assert!(upstream(
            edit_key_result(ws, company, 0, &retarget).map(drop)
        ));
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert!(upstream(
            checkin(ws, company, 0, 50.0, None, None, day).map(drop)
        ));
        let closing = Closing {
            grade: 0.7,
            review: None,
            status: GoalStatus::Achieved,
            roll_over: None,
        };
        assert!(upstream(close_goal(ws, company, &closing, day).map(drop)));
        // The team's own goal is theirs to change.
        assert!(edit_goal(ws, own, &retitle).unwrap().is_some());
    }
}
