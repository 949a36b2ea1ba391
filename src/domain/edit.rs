//! Every change to a session's data is an `Edit`. Applying one returns its inverse, which is
//! what undo keeps: cheap at any session size, and exact.

use std::fmt;

use super::{Entry, Session};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Appends a new entry.
    AddEntry(Entry),
    /// Puts an entry back where it was (the inverse of a removal).
    InsertEntry {
        index: usize,
        entry: Entry,
    },
    RemoveEntry {
        id: String,
    },
    /// Replaces the entry with the same id.
    ReplaceEntry(Entry),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    DuplicateId(String),
    NoSuchEntry(String),
    EmptyText,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::DuplicateId(id) => write!(f, "an entry with id {id} already exists"),
            EditError::NoSuchEntry(id) => write!(f, "no entry with id {id}"),
            EditError::EmptyText => write!(f, "an entry needs text"),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error nothing has changed.
    pub fn apply(self, session: &mut Session) -> Result<Edit, EditError> {
        match self {
            Edit::AddEntry(entry) => {
                let index = session.entries.len();
                Edit::InsertEntry { index, entry }.apply(session)
            }
            Edit::InsertEntry { index, entry } => {
                if entry.text.trim().is_empty() {
                    return Err(EditError::EmptyText);
                }
                if session.entry_index(&entry.id).is_some() {
                    return Err(EditError::DuplicateId(entry.id));
                }
                let id = entry.id.clone();
                let index = index.min(session.entries.len());
                session.entries.insert(index, entry);
                Ok(Edit::RemoveEntry { id })
            }
            Edit::RemoveEntry { id } => {
                let index = session.entry_index(&id).ok_or(EditError::NoSuchEntry(id))?;
                let entry = session.entries.remove(index);
                Ok(Edit::InsertEntry { index, entry })
            }
            Edit::ReplaceEntry(entry) => {
                if entry.text.trim().is_empty() {
                    return Err(EditError::EmptyText);
                }
                let index = session
                    .entry_index(&entry.id)
                    .ok_or_else(|| EditError::NoSuchEntry(entry.id.clone()))?;
                let old = std::mem::replace(&mut session.entries[index], entry);
                Ok(Edit::ReplaceEntry(old))
            }
        }
    }

    /// The entry this edit is about, so the screen can follow it after undo or redo.
    pub fn entry_id(&self) -> &str {
        match self {
            Edit::AddEntry(e) | Edit::ReplaceEntry(e) | Edit::InsertEntry { entry: e, .. } => &e.id,
            Edit::RemoveEntry { id } => id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{entry, session};

    #[test]
    fn add_then_undo_then_redo() {
        let mut s = session();
        let before = s.clone();
        let undo = Edit::AddEntry(entry("a", "Antrean KTP panjang"))
            .apply(&mut s)
            .expect("add");
        assert_eq!(s.entries.len(), before.entries.len() + 1);
        let redo = undo.apply(&mut s).expect("undo");
        assert_eq!(s, before);
        redo.apply(&mut s).expect("redo");
        assert_eq!(s.entries.last().map(|e| e.text.as_str()), Some("Antrean KTP panjang"));
    }

    #[test]
    fn remove_restores_at_the_same_place() {
        let mut s = session();
        for id in ["a", "b", "c"] {
            Edit::AddEntry(entry(id, id)).apply(&mut s).expect("add");
        }
        let before = s.clone();
        let undo = Edit::RemoveEntry { id: "b".into() }.apply(&mut s).expect("remove");
        assert_eq!(s.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        undo.apply(&mut s).expect("undo");
        assert_eq!(s, before);
    }

    #[test]
    fn replace_is_its_own_kind_of_inverse() {
        let mut s = session();
        Edit::AddEntry(entry("a", "lama")).apply(&mut s).expect("add");
        let undo = Edit::ReplaceEntry(entry("a", "baru")).apply(&mut s).expect("replace");
        assert_eq!(s.entries[0].text, "baru");
        undo.apply(&mut s).expect("undo");
        assert_eq!(s.entries[0].text, "lama");
    }

    #[test]
    fn refused_edits_change_nothing() {
        let mut s = session();
        Edit::AddEntry(entry("a", "x")).apply(&mut s).expect("add");
        let before = s.clone();
        assert_eq!(
            Edit::AddEntry(entry("a", "y")).apply(&mut s),
            Err(EditError::DuplicateId("a".into()))
        );
        assert_eq!(
            Edit::AddEntry(entry("b", "  ")).apply(&mut s),
            Err(EditError::EmptyText)
        );
        assert!(Edit::RemoveEntry { id: "zz".into() }.apply(&mut s).is_err());
        assert!(Edit::ReplaceEntry(entry("zz", "q")).apply(&mut s).is_err());
        assert_eq!(s, before);
    }
}
