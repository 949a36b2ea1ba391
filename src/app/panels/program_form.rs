//! The details of a program idea: OPD in charge, horizon, budget, plan link, innovation type,
//! impact and effort, quick win, status.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome, cycle, line_input, line_text, type_into};
use crate::app::Cmd;
use crate::app::session_screen::Flash;
use crate::domain::program::{BudgetSource, Horizon, InnovationType, ProgramInfo, ProgramStatus};
use crate::domain::{Edit, Entry};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Description,
    Opd,
    Horizon,
    Year,
    Budget,
    PlanLink,
    Innovation,
    Impact,
    Effort,
    QuickWin,
    Status,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Description,
        Field::Opd,
        Field::Horizon,
        Field::Year,
        Field::Budget,
        Field::PlanLink,
        Field::Innovation,
        Field::Impact,
        Field::Effort,
        Field::QuickWin,
        Field::Status,
    ];

    pub fn is_text(self) -> bool {
        matches!(self, Field::Description | Field::Opd | Field::Year | Field::PlanLink)
    }
}

#[derive(Debug, Clone)]
pub struct ProgramForm {
    pub entry: String,
    pub info: ProgramInfo,
    pub description: TextArea<'static>,
    pub opd: TextArea<'static>,
    pub year: TextArea<'static>,
    pub plan_link: TextArea<'static>,
    pub field: usize,
}

/// Steps an optional choice through None and every value.
fn cycle_opt<T: Copy + PartialEq>(value: Option<T>, all: &[T], forward: bool) -> Option<T> {
    let mut options: Vec<Option<T>> = vec![None];
    options.extend(all.iter().copied().map(Some));
    let i = options.iter().position(|o| *o == value).unwrap_or(0);
    options[cycle(i, options.len(), forward)]
}

fn cycle_score(value: Option<u8>, forward: bool) -> Option<u8> {
    cycle_opt(value, &[1, 2, 3, 4, 5], forward)
}

impl ProgramForm {
    pub fn new(entry: &Entry) -> ProgramForm {
        let info = entry.program.clone().unwrap_or_default();
        ProgramForm {
            entry: entry.id.clone(),
            description: line_input(&info.description),
            opd: line_input(if info.opd.is_empty() {
                entry.proposer.opd().unwrap_or("")
            } else {
                &info.opd
            }),
            year: line_input(&info.target_year.map(|y| y.to_string()).unwrap_or_default()),
            plan_link: line_input(&info.plan_link),
            info,
            field: 0,
        }
    }

    pub fn field(&self) -> Field {
        Field::ALL[self.field.min(Field::ALL.len() - 1)]
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        match self.field() {
            Field::Description => Some(&mut self.description),
            Field::Opd => Some(&mut self.opd),
            Field::Year => Some(&mut self.year),
            Field::PlanLink => Some(&mut self.plan_link),
            _ => None,
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(t) = self.input() {
            t.insert_str(text);
        }
    }

    fn choose(&mut self, forward: bool) {
        let field = self.field();
        let i = &mut self.info;
        match field {
            Field::Horizon => i.horizon = cycle_opt(i.horizon, Horizon::ALL, forward),
            Field::Budget => i.budget = cycle_opt(i.budget, BudgetSource::ALL, forward),
            Field::Innovation => i.innovation = cycle_opt(i.innovation, InnovationType::ALL, forward),
            Field::Impact => i.impact = cycle_score(i.impact, forward),
            Field::Effort => i.effort = cycle_score(i.effort, forward),
            Field::QuickWin => i.quick_win = !i.quick_win,
            Field::Status => i.status = cycle_opt(i.status, ProgramStatus::ALL, forward),
            _ => {}
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        let text = self.field().is_text();
        match cmd {
            Some(Cmd::Back) => return Outcome::Close,
            Some(Cmd::NextField) => self.field = cycle(self.field, Field::ALL.len(), true),
            Some(Cmd::PrevField) => self.field = cycle(self.field, Field::ALL.len(), false),
            Some(Cmd::Save) => return self.submit(ctx),
            Some(Cmd::ChoicePrev) if !text => self.choose(false),
            Some(Cmd::ChoiceNext) if !text => self.choose(true),
            Some(Cmd::Digit) if matches!(self.field(), Field::Impact | Field::Effort) => {
                if let KeyCode::Char(c @ '1'..='5') = key.code {
                    let v = Some(c as u8 - b'0');
                    if self.field() == Field::Impact {
                        self.info.impact = v;
                    } else {
                        self.info.effort = v;
                    }
                }
            }
            _ => {
                if let Some(t) = self.input() {
                    type_into(t, key);
                }
            }
        }
        Outcome::Stay
    }

    fn submit(&mut self, ctx: Ctx) -> Outcome {
        let Some(entry) = ctx.session.entry(&self.entry) else {
            return Outcome::Refuse(Flash::Edit(crate::domain::EditError::NoSuchEntry(self.entry.clone())));
        };
        let year = line_text(&self.year);
        let mut info = self.info.clone();
        info.description = line_text(&self.description);
        info.opd = line_text(&self.opd);
        info.plan_link = line_text(&self.plan_link);
        info.target_year = if year.is_empty() {
            None
        } else {
            match year.parse::<u16>() {
                Ok(y) => Some(y),
                Err(_) => {
                    self.field = Field::ALL.iter().position(|f| *f == Field::Year).unwrap_or(0);
                    return Outcome::Refuse(Flash::BadYear);
                }
            }
        };
        if info.validate().is_err() {
            self.field = Field::ALL.iter().position(|f| *f == Field::Year).unwrap_or(0);
            return Outcome::Refuse(Flash::BadYear);
        }
        if info.quick_win && !info.quick_win_fits() {
            self.field = Field::ALL.iter().position(|f| *f == Field::QuickWin).unwrap_or(0);
            return Outcome::Refuse(super::matrix::outside(&info));
        }
        let mut updated = entry.clone();
        updated.program = (!info.is_empty()).then_some(info);
        updated.updated = ctx.now;
        Outcome::Apply {
            edit: Box::new(Edit::ReplaceEntry(updated)),
            flash: Flash::ProgramSaved,
            close: true,
        }
    }
}
