//! Bulk import: many case files checked like `open_case`, then written in one
//! store transaction, so a bad item or a taken reference writes nothing.

use std::collections::HashMap;

use foidesk_case::file::CaseFile;
use foidesk_case::CaseError;
use foidesk_store::Store;

use crate::{Engine, EngineError};

impl Engine {
    /// Open a case for each `(authority slug, reference, case file)`, all or
    /// none; the ids come back in the order of `items`. An item that does not
    /// validate is `Invalid`, its field naming it as `items[i]` (0-based).
    pub(crate) async fn import_cases(
        &self,
        store: &Store,
        items: &[(String, String, CaseFile)],
        by: &str,
    ) -> Result<Vec<i64>, EngineError> {
        let now = self.timestamp();
        // A batch names few authorities many times: look each up once.
        let mut authorities: HashMap<&str, i64> = HashMap::new();
        let mut cases = Vec::with_capacity(items.len());
        for (i, (slug, reference, file)) in items.iter().enumerate() {
            let authority_id = match authorities.get(slug.as_str()) {
                Some(id) => *id,
                None => {
                    let found = store.authority_by_slug(slug).await?;
                    let id = found.map(|a| a.id).ok_or_else(|| EngineError::Invalid {
                        field: format!("items[{i}], authority"),
                        message: format!("no authority '{slug}'"),
                    })?;
                    authorities.insert(slug, id);
                    id
                }
            };
            let case = self
                .new_case(authority_id, reference, file, by, &now)
                .map_err(|e| at_item(i, e))?;
            cases.push(case);
        }
        let files: Vec<&CaseFile> = items.iter().map(|(_, _, f)| f).collect();
        self.print_cases(store, &mut cases, &files, false, by)
            .await?;
        Ok(store.create_cases(&cases).await?)
    }
}

/// An item's fault, located: its index, then the field or event within it.
fn at_item(i: usize, err: EngineError) -> EngineError {
    let (field, message) = match err {
        EngineError::Invalid { field, message }
        | EngineError::Case(CaseError::Field {
            location: field,
            message,
        }) => (format!("items[{i}], {field}"), message),
        EngineError::Case(_)
        | EngineError::Assess(_)
        | EngineError::Calendar(_)
        | EngineError::TooManyEvents { .. } => (format!("items[{i}]"), err.to_string()),
        other => return other,
    };
    EngineError::Invalid { field, message }
}
