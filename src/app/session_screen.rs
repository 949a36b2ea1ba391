//! The session screen: the agenda on one side, the current step and its entries on the other.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;

use ratatui::crossterm::event::KeyEvent;
use time::OffsetDateTime;

use super::entry_form::{EntryForm, Outcome};
use super::panels::{self, Panel};
use super::{Cmd, Effect, IdGen, Scope};
use crate::domain::edit::EditError;
use crate::domain::entry_ids::EntryIds;
use crate::domain::grouping::{self, Group, GroupKey};
use crate::domain::{Edit, Kind, Session, SessionDate, StepKind};
use crate::template::catalog;

use super::step_index::Stamp;
pub use super::step_index::{EntryChange, KindCounts, Row, StepIndex, rows};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Step,
}

#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    Form(Box<EntryForm>),
    /// Asking whether to delete this.
    ConfirmDelete(DeleteTarget),
    /// A tool open over the step: voting, readiness, matrix, roster, find, …
    Panel(Box<Panel>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteTarget {
    Entry(crate::domain::EntryId),
    Commitment(crate::domain::CommitmentId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Opened, nothing changed yet.
    Clean,
    /// A change waits for the disk.
    Pending,
    Saved(OffsetDateTime),
    Failed(crate::domain::OsError),
}

/// What a change undone or redone was, for the status line to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    EntryAdded(String),
    EntryRemoved(String),
    EntryChanged(String),
    Participant(String),
    Presence,
    Score,
    Vote,
    Commitment(String),
    Minutes,
    Timer,
    /// Ideas from phones: accepted, rejected, merged; the room's settings.
    Room,
}

impl Change {
    /// The change `edit` stands for: the user's own change when redoing it, or when undoing,
    /// the change its inverse (`edit`) takes back. `session` is as before `edit` is applied.
    pub fn of(edit: &Edit, session: &Session, undoing: bool) -> Change {
        let text_of = |id: &str| session.entry(id).map(|e| e.text.clone()).unwrap_or_default();
        let (added, removed) = if undoing {
            (
                Change::EntryRemoved as fn(String) -> Change,
                Change::EntryAdded as fn(String) -> Change,
            )
        } else {
            (
                Change::EntryAdded as fn(String) -> Change,
                Change::EntryRemoved as fn(String) -> Change,
            )
        };
        match edit {
            Edit::AddEntry(e) | Edit::InsertEntry { entry: e, .. } => added(e.text.clone()),
            Edit::RemoveEntry { id } => removed(text_of(id)),
            Edit::ReplaceEntry(e) => Change::EntryChanged(e.text.clone()),
            Edit::PutParticipant(p) | Edit::InsertParticipant { participant: p, .. } => {
                Change::Participant(p.name.clone())
            }
            Edit::RemoveParticipant { id } => Change::Participant(
                session
                    .participants
                    .iter()
                    .find(|p| p.id == *id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
            ),
            Edit::SetPresence(_) => Change::Presence,
            Edit::SetScore { .. } => Change::Score,
            Edit::PutRound(_) | Edit::InsertRound { .. } | Edit::RemoveRound { .. } => Change::Vote,
            Edit::PutCommitment(c) | Edit::InsertCommitment { commitment: c, .. } => Change::Commitment(c.opd.clone()),
            Edit::RemoveCommitment { id } => Change::Commitment(
                session
                    .commitments
                    .iter()
                    .find(|c| c.id == *id)
                    .map(|c| c.opd.clone())
                    .unwrap_or_default(),
            ),
            Edit::SetMinutes { .. } => Change::Minutes,
            Edit::SetTiming { .. } => Change::Timer,
            Edit::PutIdea(_)
            | Edit::InsertIdea { .. }
            | Edit::RemoveIdea { .. }
            | Edit::SetRoom(_)
            | Edit::Batch(_) => Change::Room,
        }
    }
}

/// A short message on the status line about the last key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    Added,
    Updated,
    Deleted,
    /// Undone: the change the user had made.
    Undone(Change),
    /// Redone: the change made again.
    Redone(Change),
    NothingToUndo,
    NothingToRedo,
    ReadOnly,
    Refused(String),
    /// An edit the rules refused.
    Edit(crate::domain::EditError),
    /// A vote the rules refused.
    Vote(crate::domain::vote::VoteError),
    Text(String),
    ScoreSaved,
    ScoreCleared,
    ScoreRange,
    ScoreFirst,
    VoteAdded,
    VoteRemoved,
    VotesRevealed,
    VotesHidden,
    VoteRulesChanged,
    VoteNewRound,
    ProgramSaved,
    NotAProgram,
    QuickWinMarked,
    QuickWinUnmarked,
    NameRequired,
    ParticipantSaved,
    ParticipantRemoved,
    BadYear,
    BadCost,
    BadDate,
    OpdRequired,
    CommitmentSaved,
    CommitmentDeleted,
    TimerStarted,
    TimerPaused,
    MinutesChanged,
    /// Everyone on the roster marked present.
    AllPresent,
    /// `v` on a step with nothing to vote on (and no round yet).
    VoteNothing,
    /// `a` on a step that records no entries.
    StepCollectsNothing,
    /// A readiness score's note was saved.
    NoteSaved,
    /// The anonymous tally of an entry was set to this count.
    TallySet(u32),
    /// `w` on a program whose scores put it outside the quick-win quadrant.
    QuickWinOutside {
        impact: Option<u8>,
        effort: Option<u8>,
    },
    IdeaAccepted,
    IdeasAccepted(usize),
    IdeaRejected,
    IdeaMerged,
    NoIdea,
    NothingToMerge,
    StraightOn,
    StraightOff,
    DeviceBlocked,
    RoomStopped,
}

#[derive(Debug, Clone)]
pub struct SessionScreen {
    pub session: Session,
    pub path: PathBuf,
    pub read_only: bool,
    /// Why the session is read-only when it was not asked for: the folder cannot be written.
    pub read_only_why: Option<crate::domain::OsError>,
    pub focus: Pane,
    pub agenda_cursor: usize,
    /// Index into the current step's rows.
    pub cursor: usize,
    pub mode: Mode,
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    pub save: SaveState,
    pub flash: Option<Flash>,
    /// The cursor each step had when it was left (by step index).
    step_cursors: std::collections::HashMap<usize, usize>,
    /// The kind last recorded on each step (by step index): the next entry there starts on it.
    last_kind: std::collections::HashMap<usize, Kind>,
    /// Each step's index, built on first use; see `index`.
    index: Vec<OnceLock<StepIndex>>,
    /// See `counts`.
    counts: OnceLock<KindCounts>,
    /// The entries' ids, built on the first edit and kept by every edit after it.
    ids: Option<EntryIds>,
}

impl SessionScreen {
    pub fn new(mut session: Session, path: PathBuf, read_only: bool) -> SessionScreen {
        session.current_step = session.current_step.min(session.agenda.steps.len().saturating_sub(1));
        grouping::settle_general(&mut session);
        let agenda_cursor = session.current_step;
        // Every step's index is built now, while the file is being opened anyway (about 1.5 ms
        // a step at 100,000 entries), so that no step change waits for one later; edits keep
        // them up to date from then on.
        let index = (0..session.agenda.steps.len())
            .map(|step| OnceLock::from(StepIndex::build(&session, step)))
            .collect();
        SessionScreen {
            session,
            path,
            read_only,
            read_only_why: None,
            focus: Pane::Step,
            agenda_cursor,
            cursor: 0,
            mode: Mode::Normal,
            undo: Vec::new(),
            redo: Vec::new(),
            save: SaveState::Clean,
            flash: None,
            last_kind: std::collections::HashMap::new(),
            step_cursors: std::collections::HashMap::new(),
            index,
            counts: OnceLock::new(),
            ids: None,
        }
    }

    pub fn groups(&self) -> Vec<Group> {
        match self.session.step() {
            Some(step) => grouping::groups(step, &self.session, catalog()),
            None => Vec::new(),
        }
    }

    /// The current step's groups and rows, as `groups()` and `rows()` give them, from a cache.
    pub fn index(&self) -> Cow<'_, StepIndex> {
        let step = self.session.current_step;
        let fresh = || StepIndex::build(&self.session, step);
        let Some(cell) = self.index.get(step) else {
            return Cow::Owned(fresh());
        };
        let cached = cell.get_or_init(fresh);
        if cached.stamp != Stamp::of(&self.session) {
            return Cow::Owned(fresh());
        }
        debug_assert_eq!(
            cached.groups,
            self.groups(),
            "the step index is stale: call SessionScreen::refresh after changing the session directly"
        );
        Cow::Borrowed(cached)
    }

    /// Forgets the cached indexes; each is built again from the session when next used. Edits,
    /// undo and redo do this themselves; call it after changing `session` directly.
    pub fn refresh(&mut self) {
        self.forget_indexes();
        self.ids = None;
    }

    fn forget_indexes(&mut self) {
        self.index = (0..self.session.agenda.steps.len()).map(|_| OnceLock::new()).collect();
        self.counts = OnceLock::new();
    }

    /// Applies an edit to the session with the entry ids at hand (see `EntryIds`).
    fn apply_edit(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let ids = self.ids.get_or_insert_with(|| EntryIds::of(&self.session));
        edit.apply_with_ids(&mut self.session, ids)
    }

    /// The entries counted by pillar and kind, as `KindCounts::count` gives them, from a cache.
    pub fn counts(&self) -> Cow<'_, KindCounts> {
        let cached = self.counts.get_or_init(|| KindCounts::count(&self.session));
        if cached.stamp != Stamp::of(&self.session) {
            return Cow::Owned(KindCounts::count(&self.session));
        }
        debug_assert_eq!(
            cached.table(),
            KindCounts::count(&self.session).table(),
            "the counts are stale: call SessionScreen::refresh after changing the session directly"
        );
        Cow::Borrowed(cached)
    }

    /// After an edit: the change is carried into the indexes built so far.
    fn reindex(&mut self, change: &EntryChange<'_>) {
        if self.index.len() != self.session.agenda.steps.len() {
            return self.forget_indexes();
        }
        let now = Stamp::of(&self.session);
        let before = change.before(now.entries);
        // An index that was not up to date before the edit is built afresh when next needed.
        if let Some(counts) = self.counts.get_mut() {
            if counts.stamp.entries == before {
                counts.apply(change, &self.session);
            } else {
                self.counts = OnceLock::new();
            }
        }
        for (step, cell) in self.index.iter_mut().enumerate() {
            if let Some(index) = cell.get_mut() {
                if index.stamp.entries == before {
                    index.apply(change, &self.session, step);
                } else {
                    *cell = OnceLock::new();
                }
            }
        }
    }

    /// Carries an applied edit into the indexes; returns the entry it leaves to look at.
    fn after_edit(&mut self, inserted_at: Option<usize>, inverse: &Edit) -> Option<usize> {
        if let Edit::Batch(edits) = inverse
            && edits.iter().filter(|e| e.entry_id().is_some()).count() > 1
        {
            // Several entries at once (all ideas accepted): the indexes are built afresh.
            self.forget_indexes();
            return None;
        }
        let change = EntryChange::of(inserted_at, inverse, &self.session);
        self.reindex(&change);
        change.index()
    }

    /// The heading and entry under the cursor, from the cached index.
    pub fn selected(&self) -> (Option<GroupKey>, Option<usize>) {
        let index = self.index();
        let (key, entry) = index.at(self.cursor);
        (key.cloned(), entry)
    }

    /// The heading and entry under the cursor.
    pub fn selection(&self, groups: &[Group]) -> (Option<GroupKey>, Option<usize>) {
        match rows(groups).get(self.cursor) {
            Some(Row::Header(g)) => (groups.get(*g).map(|g| g.key.clone()), None),
            Some(Row::Entry { group, index }) => (groups.get(*group).map(|g| g.key.clone()), Some(*index)),
            None => (groups.first().map(|g| g.key.clone()), None),
        }
    }

    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        match &mut self.mode {
            Mode::Form(form) => form.paste(text),
            Mode::Panel(panel) => panel.paste(text),
            _ => {}
        }
        Vec::new()
    }

    /// The audience view: take the newer session the facilitator saved, keeping what this screen
    /// shows as steady as the change allows.
    pub fn follow_file(&mut self, mut session: Session) {
        let moved = session.current_step != self.session.current_step;
        let grew = session.entries.len() > self.session.entries.len();
        grouping::settle_general(&mut session);
        self.session = session;
        self.refresh();
        self.agenda_cursor = self.session.current_step;
        if moved {
            self.cursor = 0;
        }
        if grew {
            // A new entry was added (new entries go last): keep it in view.
            let newest = self.session.entries.len().saturating_sub(1);
            if let Some(pos) = self.index().row_of(newest) {
                self.cursor = pos;
            }
        }
        let n = self.index().len();
        self.cursor = self.cursor.min(n.saturating_sub(1));
    }

    /// Focus mode: the arrows step through the entries of the step, one at a time.
    pub fn focus_key(&mut self, cmd: Option<Cmd>) {
        let index = self.index();
        let is_entry = |i: &usize| matches!(index.row(*i), Some(Row::Entry { .. }));
        let to = match cmd {
            Some(Cmd::Down) => (self.cursor + 1..index.len()).find(is_entry),
            Some(Cmd::Up) => (0..self.cursor.min(index.len())).rev().find(is_entry),
            Some(Cmd::Top) => Some(0),
            _ => None,
        };
        drop(index);
        if let Some(row) = to {
            self.cursor = row;
        }
    }

    /// Where keys are read: the open form, question or panel, else the step.
    pub fn scope(&self) -> Scope {
        match &self.mode {
            Mode::Normal => Scope::Session,
            Mode::Form(f) if f.asking_discard => Scope::Confirm,
            Mode::Form(_) => Scope::EntryForm,
            Mode::ConfirmDelete(_) => Scope::Confirm,
            Mode::Panel(p) => p.scope(),
        }
    }

    /// Whether a text field has the keyboard.
    pub fn typing(&self) -> bool {
        match &self.mode {
            Mode::Form(_) => true,
            Mode::Panel(p) => p.typing(),
            _ => false,
        }
    }

    /// Whether a yes/no question is waiting for its answer.
    pub fn asking(&self) -> bool {
        match &self.mode {
            Mode::ConfirmDelete(_) => true,
            Mode::Panel(p) => matches!(p.as_ref(), Panel::Roster(r) if r.confirm.is_some()),
            _ => false,
        }
    }

    fn on_commitment_step(&self) -> bool {
        self.session.step().is_some_and(|s| s.kind == StepKind::Commitments)
    }

    fn go_to_step(&mut self, step: usize, now: OffsetDateTime) -> Vec<Effect> {
        let last = self.session.agenda.steps.len().saturating_sub(1);
        let step = step.min(last);
        self.agenda_cursor = step;
        if step == self.session.current_step {
            return Vec::new();
        }
        // A running timer follows the agenda: the time so far goes to the step being left.
        if let Some(since) = self.session.timer_started
            && !self.read_only
        {
            let run = u64::try_from((now - since).whole_seconds()).unwrap_or(0);
            if let Some(old) = self.session.agenda.steps.get_mut(self.session.current_step) {
                old.spent_seconds = old.spent_seconds.saturating_add(run);
            }
            self.session.timer_started = Some(now);
        }
        // Each step keeps its place: coming back does not jump to the first heading.
        self.step_cursors.insert(self.session.current_step, self.cursor);
        self.session.current_step = step;
        let rows = self.index().len();
        self.cursor = self
            .step_cursors
            .get(&step)
            .copied()
            .unwrap_or(0)
            .min(rows.saturating_sub(1));
        if self.read_only {
            return Vec::new();
        }
        self.save = SaveState::Pending;
        vec![Effect::Save]
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, now: OffsetDateTime, ids: &mut IdGen) -> Vec<Effect> {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Form(mut form) => {
                let Some(step) = self.session.step().cloned() else {
                    return Vec::new();
                };
                match form.on_key(key, cmd, &self.session, &step, ids.next(now), now) {
                    Outcome::Continue => self.mode = Mode::Form(form),
                    Outcome::Cancel => {}
                    Outcome::Save(entry) => {
                        let edit = if form.editing.is_some() {
                            Edit::ReplaceEntry(*entry)
                        } else {
                            self.last_kind.insert(self.session.current_step, entry.kind);
                            Edit::AddEntry(*entry)
                        };
                        let flash = if form.editing.is_some() {
                            Flash::Updated
                        } else {
                            Flash::Added
                        };
                        return self.apply(edit, now, flash);
                    }
                }
                Vec::new()
            }
            Mode::ConfirmDelete(target) => {
                match cmd {
                    Some(Cmd::Yes) => {
                        return match target {
                            DeleteTarget::Entry(id) => self.apply(Edit::RemoveEntry { id }, now, Flash::Deleted),
                            DeleteTarget::Commitment(id) => {
                                self.apply(Edit::RemoveCommitment { id }, now, Flash::CommitmentDeleted)
                            }
                        };
                    }
                    Some(Cmd::No) => {}
                    // Any other key leaves the question standing: a stray key is no answer.
                    _ => self.mode = Mode::ConfirmDelete(target),
                }
                Vec::new()
            }
            Mode::Panel(mut panel) => {
                let ctx = panels::Ctx {
                    session: &self.session,
                    now,
                    ids,
                };
                match panel.on_key(key, cmd, ctx) {
                    panels::Outcome::Stay => self.mode = Mode::Panel(panel),
                    panels::Outcome::Close => {}
                    panels::Outcome::Refuse(flash) => {
                        self.flash = Some(flash);
                        self.mode = Mode::Panel(panel);
                    }
                    panels::Outcome::Apply { edit, flash, close } => {
                        if !close {
                            self.mode = Mode::Panel(panel);
                        }
                        return self.apply(*edit, now, flash);
                    }
                    panels::Outcome::Jump { entry } => self.follow(&entry),
                }
                Vec::new()
            }
            Mode::Normal if self.on_commitment_step() && matches!(cmd, Some(Cmd::Add | Cmd::Edit | Cmd::Delete)) => {
                self.on_commitment_key(cmd, now)
            }
            Mode::Normal => self.on_normal_key(cmd, now, ids),
        }
    }

    /// `a`, `e`/Enter and `d` on the commitments step work on commitments, not entries.
    fn on_commitment_key(&mut self, cmd: Option<Cmd>, now: OffsetDateTime) -> Vec<Effect> {
        if self.read_only {
            self.flash = Some(Flash::ReadOnly);
            return Vec::new();
        }
        let today = SessionDate(now.date());
        let selected = self.session.commitments.get(self.cursor);
        match cmd {
            Some(Cmd::Add) => {
                let form = panels::commitments::CommitmentForm::new(None, today);
                self.mode = Mode::Panel(Box::new(Panel::Commitment(Box::new(form))));
            }
            Some(Cmd::Edit) => {
                if let Some(c) = selected {
                    let form = panels::commitments::CommitmentForm::new(Some(c), today);
                    self.mode = Mode::Panel(Box::new(Panel::Commitment(Box::new(form))));
                }
            }
            _ => {
                if let Some(c) = selected {
                    self.mode = Mode::ConfirmDelete(DeleteTarget::Commitment(c.id.clone()));
                }
            }
        }
        Vec::new()
    }

    /// The room's panel: link, QR code and the inbox.
    pub fn open_inbox(&mut self) {
        self.open_panel(Panel::Inbox(Box::default()));
    }

    fn open_panel(&mut self, panel: Panel) {
        self.focus = Pane::Step;
        self.mode = Mode::Panel(Box::new(panel));
    }

    /// Starts or pauses the current step's timer.
    fn toggle_timer(&mut self, now: OffsetDateTime) -> Vec<Effect> {
        let step = self.session.current_step;
        let spent = self.session.step().map_or(0, |s| s.spent_seconds);
        let (edit, flash) = match self.session.timer_started {
            Some(since) => {
                let run = u64::try_from((now - since).whole_seconds()).unwrap_or(0);
                (
                    Edit::SetTiming {
                        step,
                        spent_seconds: spent.saturating_add(run),
                        started: None,
                    },
                    Flash::TimerPaused,
                )
            }
            None => (
                Edit::SetTiming {
                    step,
                    spent_seconds: spent,
                    started: Some(now),
                },
                Flash::TimerStarted,
            ),
        };
        self.apply(edit, now, flash)
    }

    fn add_minutes(&mut self, delta: i64, now: OffsetDateTime) -> Vec<Effect> {
        let step = self.session.current_step;
        let current = i64::from(self.session.step().map_or(0, |s| s.minutes));
        let minutes = u32::try_from((current + delta).max(0)).unwrap_or(0);
        self.apply(Edit::SetMinutes { step, minutes }, now, Flash::MinutesChanged)
    }

    fn on_normal_key(&mut self, cmd: Option<Cmd>, now: OffsetDateTime, ids: &mut IdGen) -> Vec<Effect> {
        let Some(cmd) = cmd else {
            return Vec::new();
        };
        self.flash = None;
        match cmd {
            Cmd::Timer => return self.toggle_timer(now),
            Cmd::PlusMinute => return self.add_minutes(1, now),
            Cmd::PlusFive => return self.add_minutes(5, now),
            Cmd::MinusMinute => return self.add_minutes(-1, now),
            Cmd::MinusFive => return self.add_minutes(-5, now),
            Cmd::Readiness => self.open_panel(Panel::Readiness(Box::default())),
            Cmd::Roster => self.open_panel(Panel::Roster(Box::default())),
            Cmd::Find => self.open_panel(Panel::Find(Box::default())),
            Cmd::Matrix => {
                let pillar = self.session.step().and_then(|s| s.pillar);
                self.open_panel(Panel::Matrix(panels::matrix::MatrixPanel::new(pillar)));
            }
            Cmd::Vote
                if panels::vote::candidates(&self.session).is_empty()
                    && panels::vote::round_for_step(&self.session).is_none() =>
            {
                // An empty round would only be an empty panel: say what to do instead.
                self.flash = Some(Flash::VoteNothing);
            }
            Cmd::Vote => {
                let ctx = panels::Ctx {
                    session: &self.session,
                    now,
                    ids,
                };
                let (panel, create) = panels::vote::VotePanel::open(ctx);
                self.open_panel(Panel::Vote(panel));
                if let Some(edit) = create {
                    return self.apply(edit, now, Flash::VoteNewRound);
                }
            }
            Cmd::ProgramDetails => match self.selected().1.map(|i| &self.session.entries[i]) {
                Some(e) if e.kind == Kind::Program => {
                    let form = panels::program_form::ProgramForm::new(e);
                    self.open_panel(Panel::Program(Box::new(form)));
                }
                _ => self.flash = Some(Flash::NotAProgram),
            },
            Cmd::Back => return vec![Effect::Close],
            Cmd::SwitchPane => {
                self.focus = match self.focus {
                    Pane::Agenda => Pane::Step,
                    Pane::Step => Pane::Agenda,
                };
                self.agenda_cursor = self.session.current_step;
            }
            Cmd::NextStep => return self.go_to_step(self.session.current_step + 1, now),
            Cmd::PrevStep => return self.go_to_step(self.session.current_step.saturating_sub(1), now),
            Cmd::Redo => return self.redo(now),
            Cmd::Undo => return self.undo(now),
            Cmd::Up => match self.focus {
                Pane::Agenda => self.agenda_cursor = self.agenda_cursor.saturating_sub(1),
                Pane::Step => self.cursor = self.cursor.saturating_sub(1),
            },
            Cmd::Down => match self.focus {
                Pane::Agenda => {
                    self.agenda_cursor = (self.agenda_cursor + 1).min(self.session.agenda.steps.len().saturating_sub(1))
                }
                Pane::Step => {
                    let n = self.index().len();
                    self.cursor = (self.cursor + 1).min(n.saturating_sub(1));
                }
            },
            Cmd::Top => match self.focus {
                Pane::Agenda => self.agenda_cursor = 0,
                Pane::Step => self.cursor = 0,
            },
            Cmd::Bottom => match self.focus {
                Pane::Agenda => self.agenda_cursor = self.session.agenda.steps.len().saturating_sub(1),
                Pane::Step => self.cursor = self.index().len().saturating_sub(1),
            },
            // Enter in the agenda goes to that step; in the step it edits the entry.
            Cmd::Edit if self.focus == Pane::Agenda => {
                self.focus = Pane::Step;
                return self.go_to_step(self.agenda_cursor, now);
            }
            Cmd::Add => self.open_form(None),
            Cmd::Edit => {
                if let (_, Some(index)) = self.selected() {
                    self.open_form(Some(index));
                }
            }
            Cmd::Delete => {
                if self.read_only {
                    self.flash = Some(Flash::ReadOnly);
                } else if let (_, Some(index)) = self.selected() {
                    self.mode = Mode::ConfirmDelete(DeleteTarget::Entry(self.session.entries[index].id.clone()));
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn open_form(&mut self, entry: Option<usize>) {
        if self.read_only {
            self.flash = Some(Flash::ReadOnly);
            return;
        }
        let (place, _) = self.selected();
        let Some(step) = self.session.step() else {
            return;
        };
        let existing = entry.and_then(|i| self.session.entries.get(i));
        if existing.is_none() && step.collects.is_empty() {
            // Nothing recorded here: an entry would be filed on some other step, out of sight.
            self.flash = Some(Flash::StepCollectsNothing);
            return;
        }
        let last = self.last_kind.get(&self.session.current_step).copied();
        let form = match existing {
            Some(e) => EntryForm::edit(step, &self.session, e, place.as_ref()),
            None => EntryForm::new_entry(step, &self.session, place.as_ref(), last),
        };
        self.focus = Pane::Step;
        self.mode = Mode::Form(Box::new(form));
    }

    fn apply(&mut self, edit: Edit, now: OffsetDateTime, flash: Flash) -> Vec<Effect> {
        if self.read_only {
            self.flash = Some(Flash::ReadOnly);
            return Vec::new();
        }
        let about_entry = edit.entry_id().is_some();
        let inserted_at = EntryChange::insertion(&edit, self.session.entries.len());
        match self.apply_edit(edit) {
            Ok(inverse) => {
                let at = self.after_edit(inserted_at, &inverse);
                self.undo.push(inverse);
                self.redo.clear();
                self.changed(now, about_entry, at, flash)
            }
            Err(e) => {
                self.flash = Some(Flash::Edit(e));
                Vec::new()
            }
        }
    }

    /// Applies a change a phone asked for. Neither the undo history, the cursor nor the message
    /// on the status line move: the facilitator may be in the middle of something.
    pub fn apply_from_room(&mut self, edit: Edit, now: OffsetDateTime) -> Result<Vec<Effect>, EditError> {
        let inserted_at = EntryChange::insertion(&edit, self.session.entries.len());
        let inverse = self.apply_edit(edit)?;
        self.after_edit(inserted_at, &inverse);
        let n = self.index().len();
        self.cursor = self.cursor.min(n.saturating_sub(1));
        self.session.updated = now;
        self.save = SaveState::Pending;
        Ok(vec![Effect::Save])
    }

    fn undo(&mut self, now: OffsetDateTime) -> Vec<Effect> {
        self.history_step(now, true)
    }

    fn redo(&mut self, now: OffsetDateTime) -> Vec<Effect> {
        self.history_step(now, false)
    }

    fn history_step(&mut self, now: OffsetDateTime, undo: bool) -> Vec<Effect> {
        if self.read_only {
            self.flash = Some(Flash::ReadOnly);
            return Vec::new();
        }
        let (from, empty) = if undo {
            (&mut self.undo, Flash::NothingToUndo)
        } else {
            (&mut self.redo, Flash::NothingToRedo)
        };
        let Some(edit) = from.pop() else {
            self.flash = Some(empty);
            return Vec::new();
        };
        let change = Change::of(&edit, &self.session, undo);
        let flash = if undo {
            Flash::Undone(change)
        } else {
            Flash::Redone(change)
        };
        let about_entry = edit.entry_id().is_some();
        let inserted_at = EntryChange::insertion(&edit, self.session.entries.len());
        match self.apply_edit(edit) {
            Ok(inverse) => {
                let at = self.after_edit(inserted_at, &inverse);
                if undo {
                    self.redo.push(inverse);
                } else {
                    self.undo.push(inverse);
                }
                self.changed(now, about_entry, at, flash)
            }
            Err(e) => {
                self.flash = Some(Flash::Edit(e));
                Vec::new()
            }
        }
    }

    /// After any change: stamp the session, follow the entry on screen, ask for a save.
    /// `entry`: the entry an entry edit leaves to look at (none after a removal).
    fn changed(&mut self, now: OffsetDateTime, about_entry: bool, entry: Option<usize>, flash: Flash) -> Vec<Effect> {
        self.session.updated = now;
        self.flash = Some(flash);
        // Entry changes made from the step follow the entry; changes inside a panel stay put.
        if about_entry && !matches!(self.mode, Mode::Panel(_)) {
            self.follow_index(entry);
        }
        self.save = SaveState::Pending;
        vec![Effect::Save]
    }

    /// Puts the cursor on an entry (see `follow_index`).
    fn follow(&mut self, entry_id: &str) {
        let index = self.session.entry_index(entry_id);
        self.follow_index(index);
    }

    /// Puts the cursor on entry `index`; if the current step does not show it, goes to the step
    /// that does, so an undo never changes something out of sight. With no entry, the cursor
    /// only stays within the list.
    fn follow_index(&mut self, index: Option<usize>) {
        let Some(index) = index else {
            let n = self.index().len();
            self.cursor = self.cursor.min(n.saturating_sub(1));
            return;
        };
        let find = |s: &SessionScreen| s.index().row_of(index);
        if let Some(pos) = find(self) {
            self.cursor = pos;
            return;
        }
        let original = self.session.current_step;
        for step in 0..self.session.agenda.steps.len() {
            self.session.current_step = step;
            if let Some(pos) = find(self) {
                self.cursor = pos;
                self.agenda_cursor = step;
                return;
            }
        }
        self.session.current_step = original;
    }
}
