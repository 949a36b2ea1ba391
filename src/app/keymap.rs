//! Every key binding, once per scope: the keys, the command they give and the name under which
//! the catalog describes them. Key handling asks this table which command a key is; the hint
//! lines and the help screen are drawn from it; `config.ron` may rebind any of it by name.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a key is read. Each open thing (screen, panel, form, dialog) is one scope; `Global`
/// keys work in every scope that does not bind the same key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    View,
    Home,
    NewForm,
    Session,
    Focus,
    Confirm,
    EntryForm,
    Readiness,
    Note,
    Vote,
    VotePick,
    Matrix,
    Roster,
    RosterForm,
    Find,
    Program,
    CommitmentForm,
    Inbox,
    InboxEdit,
    InboxMerge,
    Help,
    Backups,
    Recovery,
    Locked,
    SaveAs,
    Export,
    ExportExists,
    Merge,
    MergeDone,
    Audience,
}

impl Scope {
    pub const ALL: [Scope; 31] = [
        Scope::Global,
        Scope::View,
        Scope::Home,
        Scope::NewForm,
        Scope::Session,
        Scope::Focus,
        Scope::Confirm,
        Scope::EntryForm,
        Scope::Readiness,
        Scope::Note,
        Scope::Vote,
        Scope::VotePick,
        Scope::Matrix,
        Scope::Roster,
        Scope::RosterForm,
        Scope::Find,
        Scope::Program,
        Scope::CommitmentForm,
        Scope::Inbox,
        Scope::InboxEdit,
        Scope::InboxMerge,
        Scope::Help,
        Scope::Backups,
        Scope::Recovery,
        Scope::Locked,
        Scope::SaveAs,
        Scope::Export,
        Scope::ExportExists,
        Scope::Merge,
        Scope::MergeDone,
        Scope::Audience,
    ];

    /// The name used in binding names, the catalog and `config.ron`.
    pub fn code(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::View => "view",
            Scope::Home => "home",
            Scope::NewForm => "new",
            Scope::Session => "session",
            Scope::Focus => "focus",
            Scope::Confirm => "confirm",
            Scope::EntryForm => "form",
            Scope::Readiness => "readiness",
            Scope::Note => "note",
            Scope::Vote => "vote",
            Scope::VotePick => "vote_pick",
            Scope::Matrix => "matrix",
            Scope::Roster => "roster",
            Scope::RosterForm => "roster_form",
            Scope::Find => "find",
            Scope::Program => "program",
            Scope::CommitmentForm => "commitment",
            Scope::Inbox => "inbox",
            Scope::InboxEdit => "inbox_edit",
            Scope::InboxMerge => "inbox_merge",
            Scope::Help => "help",
            Scope::Backups => "backups",
            Scope::Recovery => "recovery",
            Scope::Locked => "locked",
            Scope::SaveAs => "save_as",
            Scope::Export => "export",
            Scope::ExportExists => "export_exists",
            Scope::Merge => "merge",
            Scope::MergeDone => "merge_done",
            Scope::Audience => "audience",
        }
    }

    /// Whether letters typed here go into a text field unless this scope binds them.
    pub fn types_text(self) -> bool {
        matches!(
            self,
            Scope::NewForm
                | Scope::EntryForm
                | Scope::Note
                | Scope::RosterForm
                | Scope::Find
                | Scope::VotePick
                | Scope::InboxEdit
                | Scope::Program
                | Scope::CommitmentForm
                | Scope::SaveAs
        )
    }

    /// The scopes whose keys also work here, after this scope's own.
    pub fn fallbacks(self) -> &'static [Scope] {
        match self {
            // The room panel too: on the projector it fills the screen with the code to scan,
            // so P there shows it to the room (and P again returns to the facilitator's view).
            Scope::Home | Scope::Session | Scope::Focus | Scope::Inbox => &[Scope::View, Scope::Global],
            Scope::Help | Scope::Audience => &[],
            _ => &[Scope::Global],
        }
    }
}

/// What a key asks for. The same command may mean a little different things in different scopes
/// (Enter opens at home, saves in a form); the catalog describes each binding in its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cmd {
    Help,
    Quit,
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Add,
    Edit,
    Delete,
    Yes,
    No,
    NextField,
    PrevField,
    ChoicePrev,
    ChoiceNext,
    Save,
    Newline,
    Digit,
    // View
    Projector,
    Theme,
    Language,
    // Home
    New,
    Demo,
    Backups,
    Carry,
    Rescan,
    MergeSessions,
    // Session
    NextStep,
    PrevStep,
    Undo,
    Redo,
    SwitchPane,
    Timer,
    PlusMinute,
    MinusMinute,
    PlusFive,
    MinusFive,
    Readiness,
    Vote,
    Matrix,
    ProgramDetails,
    Roster,
    Find,
    Export,
    SaveAs,
    Focus,
    Present,
    Blank,
    // Panels
    ScopePrev,
    ScopeNext,
    Note,
    Clear,
    AddVote,
    RemoveVote,
    NextVoter,
    PickVoter,
    PrevVoter,
    Reveal,
    Stacking,
    BudgetUp,
    BudgetDown,
    NewRound,
    Impact,
    Effort,
    QuickWin,
    Attendance,
    AllPresent,
    Toggle,
    UseCopy,
    SetAside,
    ReadOnly,
    Room,
    Inbox,
    NextAddress,
    Accept,
    MergeIdea,
    Reject,
    AcceptAll,
    Straight,
    BlockDevice,
}

/// One binding as declared: scope, name (for the catalog and config), command, default keys.
pub struct Binding {
    pub scope: Scope,
    pub name: &'static str,
    pub cmd: Cmd,
    pub keys: &'static str,
}

const fn b(scope: Scope, name: &'static str, cmd: Cmd, keys: &'static str) -> Binding {
    Binding { scope, name, cmd, keys }
}

use Cmd as C;
use Scope as S;

/// The whole table. Keys are written as in `config.ron`: `a`, `A`, `Space`, `Enter`, `Esc`,
/// `Tab`, `BackTab`, `Up`, `Down`, `Left`, `Right`, `Home`, `End`, `PageUp`, `PageDown`,
/// `Insert`, `Delete`, `Backspace`, `F1`…`F12`, with `Ctrl-`, `Alt-` or `Shift-` before.
pub const BINDINGS: &[Binding] = &[
    b(S::Global, "help", C::Help, "? F1"),
    b(S::Global, "quit", C::Quit, "q Ctrl-c"),
    b(S::View, "projector", C::Projector, "P"),
    b(S::View, "theme", C::Theme, "T"),
    b(S::View, "language", C::Language, "L"),
    // Home
    b(S::Home, "up", C::Up, "Up k"),
    b(S::Home, "down", C::Down, "Down j"),
    b(S::Home, "top", C::Top, "Home g"),
    b(S::Home, "bottom", C::Bottom, "End G"),
    b(S::Home, "open", C::Open, "Enter"),
    b(S::Home, "new", C::New, "n"),
    b(S::Home, "demo", C::Demo, "D"),
    b(S::Home, "carry", C::Carry, "c"),
    b(S::Home, "backups", C::Backups, "b"),
    b(S::Home, "merge", C::MergeSessions, "m"),
    b(S::Home, "rescan", C::Rescan, "r F5"),
    // New-session form
    b(S::NewForm, "next", C::NextField, "Tab Down"),
    b(S::NewForm, "prev", C::PrevField, "BackTab Up"),
    b(S::NewForm, "choice_prev", C::ChoicePrev, "Left -"),
    b(S::NewForm, "choice_next", C::ChoiceNext, "Right Space +"),
    b(S::NewForm, "stage", C::Digit, "1 2 3 4"),
    b(S::NewForm, "save", C::Save, "Enter Ctrl-m Ctrl-j"),
    b(S::NewForm, "cancel", C::Back, "Esc"),
    // Session
    b(S::Session, "next_step", C::NextStep, "Right n PageDown"),
    b(S::Session, "prev_step", C::PrevStep, "Left p PageUp"),
    b(S::Session, "up", C::Up, "Up k"),
    b(S::Session, "down", C::Down, "Down j"),
    b(S::Session, "top", C::Top, "Home g"),
    b(S::Session, "bottom", C::Bottom, "End G"),
    b(S::Session, "add", C::Add, "a Insert"),
    b(S::Session, "edit", C::Edit, "e Enter"),
    b(S::Session, "delete", C::Delete, "d Delete"),
    b(S::Session, "undo", C::Undo, "u"),
    b(S::Session, "redo", C::Redo, "Ctrl-r"),
    b(S::Session, "pane", C::SwitchPane, "Tab BackTab"),
    b(S::Session, "timer", C::Timer, "t"),
    b(S::Session, "plus_minute", C::PlusMinute, "+"),
    b(S::Session, "minus_minute", C::MinusMinute, "-"),
    b(S::Session, "plus_five", C::PlusFive, ">"),
    b(S::Session, "minus_five", C::MinusFive, "<"),
    b(S::Session, "readiness", C::Readiness, "s"),
    b(S::Session, "vote", C::Vote, "v"),
    b(S::Session, "matrix", C::Matrix, "m"),
    b(S::Session, "program", C::ProgramDetails, "i"),
    b(S::Session, "roster", C::Roster, "r"),
    b(S::Session, "find", C::Find, "/"),
    b(S::Session, "export", C::Export, "x"),
    b(S::Session, "save_as", C::SaveAs, "S"),
    b(S::Session, "focus", C::Focus, "f"),
    b(S::Session, "present", C::Present, "F5 Shift-F5"),
    b(S::Session, "blank", C::Blank, "b ."),
    b(S::Session, "room", C::Room, "W"),
    b(S::Session, "inbox", C::Inbox, "w"),
    b(S::Session, "back", C::Back, "Esc"),
    // Focus mode
    b(S::Focus, "next", C::Down, "Down Right Space j n PageDown"),
    b(S::Focus, "prev", C::Up, "Up Left k p PageUp"),
    b(S::Focus, "first", C::Top, "Home g"),
    b(S::Focus, "blank", C::Blank, "b ."),
    b(S::Focus, "back", C::Back, "Esc f"),
    // A yes/no question on the session screen
    b(S::Confirm, "yes", C::Yes, "y Y"),
    b(S::Confirm, "no", C::No, "n N Esc q"),
    // Entry form
    b(S::EntryForm, "save", C::Save, "Enter Ctrl-m"),
    b(S::EntryForm, "newline", C::Newline, "Alt-Enter Shift-Enter Ctrl-j"),
    b(S::EntryForm, "next", C::NextField, "Tab"),
    b(S::EntryForm, "prev", C::PrevField, "BackTab"),
    b(S::EntryForm, "choice_prev", C::ChoicePrev, "Left"),
    b(S::EntryForm, "choice_next", C::ChoiceNext, "Right Space"),
    b(S::EntryForm, "pick_up", C::Up, "Up"),
    b(S::EntryForm, "pick_down", C::Down, "Down"),
    b(S::EntryForm, "cancel", C::Back, "Esc"),
    // Readiness
    b(S::Readiness, "up", C::Up, "Up k"),
    b(S::Readiness, "down", C::Down, "Down j"),
    b(S::Readiness, "top", C::Top, "Home"),
    b(S::Readiness, "bottom", C::Bottom, "End"),
    b(S::Readiness, "score", C::Digit, "1 2 3 4 5"),
    b(S::Readiness, "not_score", C::Digit, "0 6 7 8 9"),
    b(S::Readiness, "clear", C::Clear, "Delete Backspace"),
    b(S::Readiness, "note", C::Note, "Enter c"),
    b(S::Readiness, "scope_prev", C::ScopePrev, "Left h"),
    b(S::Readiness, "scope_next", C::ScopeNext, "Right l"),
    b(S::Readiness, "close", C::Back, "Esc"),
    b(S::Note, "save", C::Save, "Enter"),
    b(S::Note, "cancel", C::Back, "Esc"),
    // Dot voting
    b(S::Vote, "up", C::Up, "Up k"),
    b(S::Vote, "down", C::Down, "Down j"),
    b(S::Vote, "top", C::Top, "Home"),
    b(S::Vote, "bottom", C::Bottom, "End"),
    b(S::Vote, "page_up", C::PageUp, "PageUp"),
    b(S::Vote, "page_down", C::PageDown, "PageDown"),
    b(S::Vote, "add", C::AddVote, "Space + ="),
    b(S::Vote, "remove", C::RemoveVote, "- _ Backspace"),
    b(S::Vote, "next_voter", C::NextVoter, "Tab"),
    b(S::Vote, "prev_voter", C::PrevVoter, "BackTab"),
    b(S::Vote, "pick_voter", C::PickVoter, "/"),
    b(S::Vote, "count", C::Digit, "0 1 2 3 4 5 6 7 8 9"),
    b(S::Vote, "set_count", C::Save, "Enter"),
    b(S::Vote, "reveal", C::Reveal, "r"),
    b(S::Vote, "stacking", C::Stacking, "s"),
    b(S::Vote, "budget_up", C::BudgetUp, "]"),
    b(S::Vote, "budget_down", C::BudgetDown, "["),
    b(S::Vote, "new_round", C::NewRound, "N"),
    b(S::Vote, "close", C::Back, "Esc"),
    b(S::VotePick, "pick", C::Save, "Enter"),
    b(S::VotePick, "cancel", C::Back, "Esc"),
    // Impact/effort matrix
    b(S::Matrix, "up", C::Up, "Up k"),
    b(S::Matrix, "down", C::Down, "Down j"),
    b(S::Matrix, "top", C::Top, "Home"),
    b(S::Matrix, "bottom", C::Bottom, "End"),
    b(S::Matrix, "scope_prev", C::ScopePrev, "Left"),
    b(S::Matrix, "scope_next", C::ScopeNext, "Right"),
    b(S::Matrix, "impact", C::Impact, "i"),
    b(S::Matrix, "effort", C::Effort, "e"),
    b(S::Matrix, "value", C::Digit, "1 2 3 4 5"),
    b(S::Matrix, "not_value", C::Digit, "0 6 7 8 9"),
    b(S::Matrix, "quick_win", C::QuickWin, "w Space"),
    b(S::Matrix, "close", C::Back, "Esc"),
    // Roster
    b(S::Roster, "up", C::Up, "Up k"),
    b(S::Roster, "down", C::Down, "Down j"),
    b(S::Roster, "top", C::Top, "Home"),
    b(S::Roster, "bottom", C::Bottom, "End"),
    b(S::Roster, "page_up", C::PageUp, "PageUp"),
    b(S::Roster, "page_down", C::PageDown, "PageDown"),
    b(S::Roster, "add", C::Add, "a Insert"),
    b(S::Roster, "edit", C::Edit, "e Enter"),
    b(S::Roster, "present", C::Attendance, "Space h"),
    b(S::Roster, "all_present", C::AllPresent, "H"),
    b(S::Roster, "delete", C::Delete, "d Delete"),
    b(S::Roster, "close", C::Back, "Esc"),
    b(S::RosterForm, "next", C::NextField, "Tab Down"),
    b(S::RosterForm, "prev", C::PrevField, "BackTab Up"),
    b(S::RosterForm, "role_prev", C::ChoicePrev, "Left"),
    b(S::RosterForm, "role_next", C::ChoiceNext, "Right Space"),
    b(S::RosterForm, "save", C::Save, "Enter"),
    b(S::RosterForm, "cancel", C::Back, "Esc"),
    // Find
    b(S::Find, "up", C::Up, "Up"),
    b(S::Find, "down", C::Down, "Down"),
    b(S::Find, "page_up", C::PageUp, "PageUp"),
    b(S::Find, "page_down", C::PageDown, "PageDown"),
    b(S::Find, "open", C::Open, "Enter"),
    b(S::Find, "close", C::Back, "Esc"),
    // Program details
    b(S::Program, "next", C::NextField, "Tab Down"),
    b(S::Program, "prev", C::PrevField, "BackTab Up"),
    b(S::Program, "choice_prev", C::ChoicePrev, "Left"),
    b(S::Program, "choice_next", C::ChoiceNext, "Right Space"),
    b(S::Program, "score", C::Digit, "1 2 3 4 5"),
    b(S::Program, "save", C::Save, "Enter"),
    b(S::Program, "cancel", C::Back, "Esc"),
    // Commitment form
    b(S::CommitmentForm, "next", C::NextField, "Tab"),
    b(S::CommitmentForm, "prev", C::PrevField, "BackTab"),
    b(S::CommitmentForm, "up", C::Up, "Up"),
    b(S::CommitmentForm, "down", C::Down, "Down"),
    b(S::CommitmentForm, "tick", C::Toggle, "Space"),
    b(S::CommitmentForm, "save", C::Save, "Enter"),
    b(S::CommitmentForm, "cancel", C::Back, "Esc"),
    // The room's inbox: ideas sent from phones
    b(S::Inbox, "up", C::Up, "Up k"),
    b(S::Inbox, "down", C::Down, "Down j"),
    b(S::Inbox, "top", C::Top, "Home"),
    b(S::Inbox, "bottom", C::Bottom, "End"),
    b(S::Inbox, "page_up", C::PageUp, "PageUp"),
    b(S::Inbox, "page_down", C::PageDown, "PageDown"),
    b(S::Inbox, "accept", C::Accept, "Enter a"),
    b(S::Inbox, "edit", C::Edit, "e"),
    b(S::Inbox, "merge", C::MergeIdea, "m"),
    b(S::Inbox, "reject", C::Reject, "x Delete"),
    b(S::Inbox, "accept_all", C::AcceptAll, "A"),
    b(S::Inbox, "straight", C::Straight, "l"),
    b(S::Inbox, "block", C::BlockDevice, "B"),
    b(S::Inbox, "address", C::NextAddress, "Tab"),
    b(S::Inbox, "close", C::Back, "Esc"),
    b(S::InboxEdit, "save", C::Save, "Enter"),
    b(S::InboxEdit, "cancel", C::Back, "Esc"),
    b(S::InboxMerge, "up", C::Up, "Up k"),
    b(S::InboxMerge, "down", C::Down, "Down j"),
    b(S::InboxMerge, "save", C::Save, "Enter"),
    b(S::InboxMerge, "cancel", C::Back, "Esc"),
    // Help
    b(S::Help, "down", C::Down, "Down j"),
    b(S::Help, "up", C::Up, "Up k"),
    b(S::Help, "page_down", C::PageDown, "PageDown Space"),
    b(S::Help, "page_up", C::PageUp, "PageUp"),
    b(S::Help, "quit", C::Quit, "q Ctrl-c"),
    // Dialogs
    b(S::Backups, "up", C::Up, "Up k"),
    b(S::Backups, "down", C::Down, "Down j"),
    b(S::Backups, "top", C::Top, "Home g"),
    b(S::Backups, "bottom", C::Bottom, "End G"),
    b(S::Backups, "restore", C::Open, "Enter"),
    b(S::Backups, "yes", C::Yes, "y Y"),
    b(S::Backups, "close", C::Back, "Esc q"),
    b(S::Recovery, "use", C::UseCopy, "p P u U Enter"),
    b(S::Recovery, "set_aside", C::SetAside, "b B d D"),
    b(S::Recovery, "later", C::Back, "Esc"),
    b(S::Locked, "read_only", C::ReadOnly, "r R Enter"),
    b(S::Locked, "cancel", C::Back, "Esc q"),
    b(S::SaveAs, "save", C::Save, "Enter Ctrl-m Ctrl-j"),
    b(S::SaveAs, "cancel", C::Back, "Esc"),
    b(S::Export, "up", C::Up, "Up k"),
    b(S::Export, "down", C::Down, "Down j"),
    b(S::Export, "pick", C::Digit, "1 2 3 4 5 6"),
    b(S::Export, "export", C::Open, "Enter"),
    b(S::Export, "cancel", C::Back, "Esc"),
    b(S::ExportExists, "yes", C::Yes, "y Y"),
    b(S::ExportExists, "no", C::No, "n N Esc"),
    b(S::Merge, "up", C::Up, "Up k"),
    b(S::Merge, "down", C::Down, "Down j"),
    b(S::Merge, "top", C::Top, "Home g"),
    b(S::Merge, "bottom", C::Bottom, "End G"),
    b(S::Merge, "mark", C::Toggle, "Space"),
    b(S::Merge, "merge", C::Open, "Enter"),
    b(S::Merge, "cancel", C::Back, "Esc"),
    b(S::MergeDone, "close", C::Open, "Enter Esc"),
    // The audience view (`bimtek present`) only looks.
    b(S::Audience, "projector", C::Projector, "P"),
    b(S::Audience, "theme", C::Theme, "T"),
    b(S::Audience, "language", C::Language, "L"),
    b(S::Audience, "blank", C::Blank, "b ."),
    b(S::Audience, "quit", C::Quit, "q Ctrl-c"),
];

/// The short hints under each screen: binding names whose first keys are shown, and the catalog
/// name of the words beside them.
pub const HINTS: &[(Scope, &[&str], &str)] = &[
    (S::Home, &["open"], "home.open"),
    (S::Home, &["new"], "home.new"),
    // Hints that do not fit are left out from the third-last back: the demo and the backups
    // go first at 80 columns, the things a workshop does (carry, merge) stay.
    (S::Home, &["carry"], "home.carry"),
    (S::Home, &["merge"], "home.merge"),
    (S::Home, &["demo"], "home.demo"),
    (S::Home, &["backups"], "home.backups"),
    (S::Home, &["global.help"], "help"),
    (S::Home, &["global.quit"], "quit"),
    (S::NewForm, &["next"], "fields"),
    (S::NewForm, &["choice_prev", "choice_next"], "new.stage"),
    (S::NewForm, &["save"], "new.save"),
    (S::NewForm, &["cancel"], "cancel"),
    (S::Session, &["add"], "session.add"),
    (S::Session, &["edit"], "session.edit"),
    (S::Session, &["delete"], "session.delete"),
    (S::Session, &["prev_step", "next_step"], "session.steps"),
    (S::Session, &["undo"], "session.undo"),
    (S::Session, &["timer"], "session.timer"),
    (S::Session, &["inbox"], "session.inbox"),
    (S::Session, &["global.help"], "help"),
    (S::Session, &["global.quit"], "quit"),
    (S::Focus, &["prev", "next"], "focus.move"),
    (S::Focus, &["blank"], "blank"),
    (S::Focus, &["back"], "back"),
    (S::Confirm, &["yes"], "confirm.yes"),
    (S::Confirm, &["no"], "cancel"),
    (S::EntryForm, &["save"], "save"),
    (S::EntryForm, &["newline"], "form.newline"),
    (S::EntryForm, &["next"], "fields"),
    (S::EntryForm, &["choice_prev", "choice_next"], "choice"),
    (S::EntryForm, &["cancel"], "cancel"),
    (S::Readiness, &["up", "down"], "select"),
    (S::Readiness, &["score"], "readiness.score"),
    (S::Readiness, &["clear"], "readiness.clear"),
    (S::Readiness, &["note"], "readiness.note"),
    (S::Readiness, &["scope_prev", "scope_next"], "readiness.scope"),
    (S::Readiness, &["close"], "close"),
    (S::Note, &["save"], "save"),
    (S::VotePick, &["pick"], "vote_pick.pick"),
    (S::VotePick, &["cancel"], "cancel"),
    (S::Note, &["cancel"], "cancel"),
    (S::Vote, &["up", "down"], "select"),
    (S::Vote, &["add"], "vote.add"),
    (S::Vote, &["remove"], "vote.remove"),
    (S::Vote, &["next_voter"], "vote.voter"),
    (S::Vote, &["pick_voter"], "vote.pick_voter"),
    (S::Vote, &["reveal"], "vote.reveal"),
    (S::Vote, &["budget_down", "budget_up"], "vote.budget"),
    (S::Vote, &["stacking"], "vote.stacking"),
    (S::Vote, &["new_round"], "vote.new_round"),
    (S::Vote, &["close"], "close"),
    (S::Matrix, &["up", "down"], "select"),
    (S::Matrix, &["impact"], "matrix.impact"),
    (S::Matrix, &["effort"], "matrix.effort"),
    (S::Matrix, &["quick_win"], "matrix.quick_win"),
    (S::Matrix, &["scope_prev", "scope_next"], "matrix.scope"),
    (S::Matrix, &["close"], "close"),
    (S::Roster, &["up", "down"], "select"),
    (S::Roster, &["add"], "roster.add"),
    (S::Roster, &["edit"], "roster.edit"),
    (S::Roster, &["present"], "roster.present"),
    (S::Roster, &["all_present"], "roster.all_present"),
    (S::Roster, &["delete"], "roster.delete"),
    (S::Roster, &["close"], "close"),
    (S::RosterForm, &["next"], "fields"),
    (S::RosterForm, &["role_prev", "role_next"], "roster_form.role"),
    (S::RosterForm, &["save"], "save"),
    (S::RosterForm, &["cancel"], "cancel"),
    (S::Find, &["up", "down"], "select"),
    (S::Find, &["open"], "find.open"),
    (S::Find, &["close"], "close"),
    (S::Program, &["next"], "fields"),
    (S::Program, &["choice_prev", "choice_next"], "choice"),
    (S::Program, &["save"], "save"),
    (S::Program, &["cancel"], "cancel"),
    (S::CommitmentForm, &["next"], "fields"),
    (S::CommitmentForm, &["tick"], "commitment.tick"),
    (S::CommitmentForm, &["save"], "save"),
    (S::CommitmentForm, &["cancel"], "cancel"),
    (S::Inbox, &["up", "down"], "select"),
    (S::Inbox, &["accept"], "inbox.accept"),
    (S::Inbox, &["edit"], "inbox.edit"),
    (S::Inbox, &["merge"], "inbox.merge"),
    (S::Inbox, &["reject"], "inbox.reject"),
    (S::Inbox, &["accept_all"], "inbox.accept_all"),
    (S::Inbox, &["straight"], "inbox.straight"),
    (S::Inbox, &["block"], "inbox.block"),
    (S::Inbox, &["close"], "close"),
    (S::InboxEdit, &["save"], "inbox.accept"),
    (S::InboxEdit, &["cancel"], "cancel"),
    (S::InboxMerge, &["up", "down"], "select"),
    (S::InboxMerge, &["save"], "inbox.merge"),
    (S::InboxMerge, &["cancel"], "cancel"),
    (S::Backups, &["up", "down"], "select"),
    (S::Backups, &["restore"], "backups.restore"),
    (S::Backups, &["close"], "close"),
    (S::Recovery, &["use"], "recovery.use"),
    (S::Recovery, &["set_aside"], "recovery.set_aside"),
    (S::Recovery, &["later"], "recovery.later"),
    (S::Locked, &["read_only"], "locked.read_only"),
    (S::Locked, &["cancel"], "cancel"),
    (S::SaveAs, &["save"], "save_as.save"),
    (S::SaveAs, &["cancel"], "cancel"),
    (S::Export, &["up", "down"], "select"),
    (S::Export, &["export"], "export.export"),
    (S::Export, &["cancel"], "cancel"),
    (S::ExportExists, &["yes"], "export.replace"),
    (S::ExportExists, &["no"], "cancel"),
    (S::Merge, &["up", "down"], "select"),
    (S::Merge, &["mark"], "merge.mark"),
    (S::Merge, &["merge"], "merge.merge"),
    (S::Merge, &["cancel"], "cancel"),
    (S::MergeDone, &["close"], "close"),
];

/// A key as bindings name it: the code and the modifiers that matter (Shift only where the code
/// does not already say it, as it does for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(key: &KeyEvent) -> Key {
        let mut mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match key.code {
            // Terminals differ in whether Ctrl-R comes as 'r' or 'R'.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    /// Parses one key as `config.ron` and the table write it.
    pub fn parse(spec: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = spec;
        loop {
            let (prefix, m) = if let Some(r) = rest.strip_prefix("Ctrl-") {
                (r, KeyModifiers::CONTROL)
            } else if let Some(r) = rest.strip_prefix("Alt-") {
                (r, KeyModifiers::ALT)
            } else if let Some(r) = rest.strip_prefix("Shift-") {
                (r, KeyModifiers::SHIFT)
            } else {
                break;
            };
            if prefix.is_empty() {
                break;
            }
            mods |= m;
            rest = prefix;
        }
        let code = match rest {
            "Space" => KeyCode::Char(' '),
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Insert" => KeyCode::Insert,
            "Delete" => KeyCode::Delete,
            "Backspace" => KeyCode::Backspace,
            f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() || ch.is_control() {
                    return None;
                }
                KeyCode::Char(ch)
            }
        };
        if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            return Some(Key {
                code: KeyCode::BackTab,
                mods: mods - KeyModifiers::SHIFT,
            });
        }
        Some(Key::from_event(&KeyEvent::new(code, mods)))
    }

    /// A plain printable character: text in a field that takes text.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// How the key is shown in hints and help.
    pub fn label(&self, space: &str) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("Shift-");
        }
        match self.code {
            KeyCode::Char(' ') => s.push_str(space),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => s.push(c.to_ascii_uppercase()),
            KeyCode::Char(c) => s.push(c),
            KeyCode::Enter => s.push_str("Enter"),
            KeyCode::Esc => s.push_str("Esc"),
            KeyCode::Tab => s.push_str("Tab"),
            KeyCode::BackTab => s.push_str("Shift-Tab"),
            KeyCode::Up => s.push('↑'),
            KeyCode::Down => s.push('↓'),
            KeyCode::Left => s.push('←'),
            KeyCode::Right => s.push('→'),
            KeyCode::Home => s.push_str("Home"),
            KeyCode::End => s.push_str("End"),
            KeyCode::PageUp => s.push_str("PgUp"),
            KeyCode::PageDown => s.push_str("PgDn"),
            KeyCode::Insert => s.push_str("Ins"),
            KeyCode::Delete => s.push_str("Del"),
            KeyCode::Backspace => s.push_str("Backspace"),
            KeyCode::F(n) => s.push_str(&format!("F{n}")),
            other => s.push_str(&format!("{other:?}")),
        }
        s
    }
}

/// Keys shown together: runs of digits as a range (`0–9`), the rest one by one.
pub fn keys_label(keys: &[Key], space: &str) -> String {
    let digit = |k: &Key| match k.code {
        KeyCode::Char(c) if c.is_ascii_digit() && k.mods.is_empty() => Some(c),
        _ => None,
    };
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        if let Some(first) = digit(&keys[i]) {
            let mut j = i;
            while j + 1 < keys.len()
                && digit(&keys[j + 1]).is_some_and(|c| c as u32 == digit(&keys[j]).map_or(0, |d| d as u32) + 1)
            {
                j += 1;
            }
            if j > i + 1 {
                let last = digit(&keys[j]).unwrap_or(first);
                parts.push(format!("{first}–{last}"));
                i = j + 1;
                continue;
            }
        }
        parts.push(keys[i].label(space));
        i += 1;
    }
    parts.join(" / ")
}

/// What is wrong with a rebinding in `config.ron`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebindError {
    UnknownAction(String),
    UnknownKey { action: String, key: String },
    NoKeys(String),
}

impl fmt::Display for RebindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RebindError::UnknownAction(a) => write!(f, "unknown action '{a}'"),
            RebindError::UnknownKey { action, key } => write!(f, "unknown key '{key}' for '{action}'"),
            RebindError::NoKeys(a) => write!(f, "no keys for '{a}'"),
        }
    }
}

/// The bindings in force: the table, with the user's rebindings applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// (scope, binding index into BINDINGS) → keys, in declaration order.
    keys: Vec<Vec<Key>>,
    lookup: HashMap<(Scope, Key), usize>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with(&BTreeMap::new()).unwrap_or_else(|_| Keymap::build(default_keys()))
    }
}

fn default_keys() -> Vec<Vec<Key>> {
    BINDINGS
        .iter()
        .map(|b| b.keys.split_whitespace().filter_map(Key::parse).collect())
        .collect()
}

impl Keymap {
    fn build(keys: Vec<Vec<Key>>) -> Keymap {
        let mut lookup = HashMap::new();
        for (i, ks) in keys.iter().enumerate() {
            for k in ks {
                lookup.entry((BINDINGS[i].scope, *k)).or_insert(i);
            }
        }
        Keymap { keys, lookup }
    }

    /// The table with `overrides` (action name → keys, as in `config.ron`) in place of the
    /// default keys of those actions.
    pub fn with(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, RebindError> {
        let mut keys = default_keys();
        for (action, specs) in overrides {
            let i = index_of(action).ok_or_else(|| RebindError::UnknownAction(action.clone()))?;
            if specs.is_empty() {
                return Err(RebindError::NoKeys(action.clone()));
            }
            let parsed = specs
                .iter()
                .map(|s| {
                    Key::parse(s).ok_or_else(|| RebindError::UnknownKey {
                        action: action.clone(),
                        key: s.clone(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            // A key given to this action leaves the other action of the same scope that had it.
            let scope = BINDINGS[i].scope;
            for (j, ks) in keys.iter_mut().enumerate() {
                if j != i && BINDINGS[j].scope == scope {
                    ks.retain(|k| !parsed.contains(k));
                }
            }
            keys[i] = parsed;
        }
        Ok(Keymap::build(keys))
    }

    /// The command `key` gives in `scope`: the scope's own binding, else a fallback scope's —
    /// except that where text is typed, plain letters are text unless the scope binds them.
    pub fn cmd(&self, scope: Scope, key: &KeyEvent) -> Option<Cmd> {
        let key = Key::from_event(key);
        if let Some(&i) = self.lookup.get(&(scope, key)) {
            return Some(BINDINGS[i].cmd);
        }
        if scope.types_text() && key.is_text() {
            return None;
        }
        scope
            .fallbacks()
            .iter()
            .find_map(|s| self.lookup.get(&(*s, key)))
            .map(|&i| BINDINGS[i].cmd)
    }

    /// The keys of a binding, by its full name (`session.next_step`).
    pub fn keys_of(&self, name: &str) -> &[Key] {
        index_of(name).map_or(&[], |i| self.keys[i].as_slice())
    }

    /// The bindings of a scope with their keys, in declaration order.
    pub fn bindings(&self, scope: Scope) -> impl Iterator<Item = (&'static Binding, &[Key])> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(move |(b, ks)| b.scope == scope && !ks.is_empty())
            .map(|(b, ks)| (b, ks.as_slice()))
    }

    /// The hint line of a scope: (keys label, catalog hint name).
    pub fn hints(&self, scope: Scope, space: &str) -> Vec<(String, &'static str)> {
        HINTS
            .iter()
            .filter(|(s, _, _)| *s == scope)
            .filter_map(|(s, names, hint)| {
                let labels: Vec<String> = names
                    .iter()
                    .filter_map(|n| {
                        let full = if n.contains('.') {
                            n.to_string()
                        } else {
                            format!("{}.{n}", s.code())
                        };
                        let keys = self.keys_of(&full);
                        // A row of digits reads as its range (`1–5`), other keys by the first.
                        if keys.len() > 1
                            && keys
                                .iter()
                                .all(|k| matches!(k.code, KeyCode::Char(c) if c.is_ascii_digit()))
                        {
                            Some(keys_label(keys, space))
                        } else {
                            keys.first().map(|k| k.label(space))
                        }
                    })
                    .collect();
                if labels.is_empty() {
                    return None;
                }
                let short = labels.iter().all(|l| l.chars().count() == 1);
                Some((labels.join(if short { "" } else { "/" }), *hint))
            })
            .collect()
    }
}

/// The full name of a binding: `scope.name`.
pub fn full_name(b: &Binding) -> String {
    format!("{}.{}", b.scope.code(), b.name)
}

fn index_of(name: &str) -> Option<usize> {
    BINDINGS.iter().position(|b| full_name(b) == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_in_the_table_parses() {
        for b in BINDINGS {
            for spec in b.keys.split_whitespace() {
                assert!(Key::parse(spec).is_some(), "{}: '{spec}'", full_name(b));
            }
        }
    }

    #[test]
    fn no_scope_has_two_bindings_on_one_key() {
        let map = Keymap::default();
        for scope in Scope::ALL {
            let mut seen: HashMap<Key, &str> = HashMap::new();
            for (b, keys) in map.bindings(scope) {
                for k in keys {
                    if let Some(other) = seen.insert(*k, b.name) {
                        panic!("{}: {k:?} is bound to both {other} and {}", scope.code(), b.name);
                    }
                }
            }
        }
    }

    #[test]
    fn binding_names_are_unique_and_hints_name_real_bindings() {
        let mut names: Vec<String> = BINDINGS.iter().map(full_name).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "a binding name is used twice");
        for (scope, bindings, _) in HINTS {
            for name in *bindings {
                let full = if name.contains('.') {
                    name.to_string()
                } else {
                    format!("{}.{name}", scope.code())
                };
                assert!(index_of(&full).is_some(), "hint names {full}, which is not a binding");
            }
        }
    }

    #[test]
    fn a_key_reaches_its_command_and_typing_keeps_letters() {
        let map = Keymap::default();
        let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.cmd(Scope::Session, &key('n')), Some(Cmd::NextStep));
        assert_eq!(map.cmd(Scope::Session, &key('q')), Some(Cmd::Quit));
        assert_eq!(map.cmd(Scope::Session, &key('P')), Some(Cmd::Projector));
        assert_eq!(
            map.cmd(Scope::Session, &KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
            Some(Cmd::NextStep)
        );
        assert_eq!(map.cmd(Scope::EntryForm, &key('q')), None, "typed, not quit");
        assert_eq!(
            map.cmd(Scope::EntryForm, &KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)),
            Some(Cmd::Help)
        );
        assert_eq!(
            map.cmd(
                Scope::Session,
                &KeyEvent::new(KeyCode::Char('R'), KeyModifiers::CONTROL)
            ),
            Some(Cmd::Redo)
        );
        assert_eq!(
            map.cmd(Scope::Session, &KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Cmd::SwitchPane)
        );
    }

    #[test]
    fn rebinding_moves_a_key_and_names_what_is_wrong() {
        let mut o = BTreeMap::new();
        o.insert(
            "session.next_step".to_string(),
            vec!["Right".to_string(), "F8".to_string()],
        );
        let map = Keymap::with(&o).expect("valid");
        let f8 = KeyEvent::new(KeyCode::F(8), KeyModifiers::NONE);
        assert_eq!(map.cmd(Scope::Session, &f8), Some(Cmd::NextStep));
        assert_eq!(
            map.cmd(Scope::Session, &KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
            None
        );
        let mut o = BTreeMap::new();
        o.insert("session.blank".to_string(), vec!["Right".to_string()]);
        let map = Keymap::with(&o).expect("valid");
        let right = KeyEvent::new(KeyCode::Right, KeyModifiers::NONE);
        assert_eq!(
            map.cmd(Scope::Session, &right),
            Some(Cmd::Blank),
            "the key left next_step"
        );
        let mut bad = BTreeMap::new();
        bad.insert("session.fly".to_string(), vec!["x".to_string()]);
        assert_eq!(
            Keymap::with(&bad),
            Err(RebindError::UnknownAction("session.fly".into()))
        );
        let mut bad = BTreeMap::new();
        bad.insert("session.blank".to_string(), vec!["Hyper-Q".to_string()]);
        assert!(matches!(Keymap::with(&bad), Err(RebindError::UnknownKey { .. })));
    }

    #[test]
    fn every_binding_hint_and_scope_has_words_in_both_languages() {
        use crate::domain::Lang;
        for lang in [Lang::Id, Lang::En] {
            let tr = crate::i18n::strings(lang);
            for b in BINDINGS {
                let words = tr.key_help.get(&full_name(b));
                assert!(
                    words.is_some_and(|w| !w.trim().is_empty()),
                    "{lang:?}: no words for {}",
                    full_name(b)
                );
            }
            for (_, _, hint) in HINTS {
                assert!(tr.key_hint.contains_key(*hint), "{lang:?}: no hint words '{hint}'");
            }
            for scope in Scope::ALL {
                assert!(
                    tr.key_scope.contains_key(scope.code()),
                    "{lang:?}: no heading for {}",
                    scope.code()
                );
            }
            let known: Vec<String> = BINDINGS.iter().map(full_name).collect();
            for name in tr.key_help.keys() {
                assert!(
                    known.contains(name),
                    "{lang:?}: words for '{name}', which is no binding"
                );
            }
        }
    }

    #[test]
    fn labels_read_as_on_a_keyboard() {
        let keys: Vec<Key> = "0 1 2 3 4 5 6 7 8 9".split(' ').filter_map(Key::parse).collect();
        assert_eq!(keys_label(&keys, "Spasi"), "0–9");
        let keys: Vec<Key> = "Right n PageDown Ctrl-r Space"
            .split(' ')
            .filter_map(Key::parse)
            .collect();
        assert_eq!(keys_label(&keys, "Spasi"), "→ / n / PgDn / Ctrl-R / Spasi");
        let map = Keymap::default();
        assert!(
            map.hints(Scope::Session, "Spasi")
                .contains(&("←→".to_string(), "session.steps"))
        );
    }
}
