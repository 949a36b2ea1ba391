//! The details of a program idea: OPD in charge, horizon, budget, plan link, innovation type,
//! impact and effort, quick win, status; then what the masterplan's program table and a
//! quick-win sheet ask for (partners, location, indicator, output, cost, years, background, goal,
//! activities, schedule).

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome, cycle, line_input, line_text, type_into};
use crate::app::Cmd;
use crate::app::session_screen::Flash;
use crate::domain::EntryId;
use crate::domain::program::{
    BudgetSource, Horizon, InnovationType, ProgramInfo, ProgramStatus, YEARS, parse_rupiah, parse_year,
};
use crate::domain::{Edit, Entry};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    // The masterplan table's and the quick-win sheet's fields, after the ones the room sets
    // first, so that the usual walk through the form stays as it was.
    Partners,
    Location,
    Indicator,
    Output,
    Cost,
    StartYear,
    Background,
    Goal,
    Activities,
    Schedule,
}

impl Field {
    pub const ALL: [Field; 21] = [
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
        Field::Partners,
        Field::Location,
        Field::Indicator,
        Field::Output,
        Field::Cost,
        Field::StartYear,
        Field::Background,
        Field::Goal,
        Field::Activities,
        Field::Schedule,
    ];

    pub fn is_text(self) -> bool {
        !matches!(
            self,
            Field::Horizon
                | Field::Budget
                | Field::Innovation
                | Field::Impact
                | Field::Effort
                | Field::QuickWin
                | Field::Status
        )
    }

    /// The text a typed field starts with.
    fn initial(self, info: &ProgramInfo) -> String {
        let year = |y: Option<u16>| y.map(|y| y.to_string()).unwrap_or_default();
        match self {
            Field::Description => info.description.clone(),
            Field::Opd => info.opd.clone(),
            Field::Year => year(info.target_year),
            Field::StartYear => year(info.start_year),
            Field::PlanLink => info.plan_link.clone(),
            Field::Partners => info.partners.clone(),
            Field::Location => info.location.clone(),
            Field::Indicator => info.indicator.clone(),
            Field::Output => info.output.clone(),
            Field::Cost => info.cost.map(rupiah_digits).unwrap_or_default(),
            Field::Background => info.background.clone(),
            Field::Goal => info.goal.clone(),
            Field::Activities => info.activities.clone(),
            Field::Schedule => info.schedule.clone(),
            _ => String::new(),
        }
    }
}

pub use crate::domain::program::rupiah_digits;

#[derive(Debug, Clone)]
pub struct ProgramForm {
    pub entry: EntryId,
    pub info: ProgramInfo,
    /// The typed fields' inputs, in the order of [`Field::ALL`].
    pub inputs: Vec<(Field, TextArea<'static>)>,
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
        let mut info = entry.program.clone().unwrap_or_default();
        if info.opd.is_empty() {
            // The OPD in charge starts as the proposing agency.
            info.opd = entry.proposer.opd().unwrap_or("").to_string();
        }
        let inputs = Field::ALL
            .iter()
            .filter(|f| f.is_text())
            .map(|f| (*f, line_input(&f.initial(&info))))
            .collect();
        ProgramForm {
            entry: entry.id.clone(),
            info,
            inputs,
            field: 0,
        }
    }

    pub fn field(&self) -> Field {
        Field::ALL[self.field.min(Field::ALL.len() - 1)]
    }

    /// The input of a typed field.
    pub fn text_of(&self, field: Field) -> Option<&TextArea<'static>> {
        self.inputs.iter().find(|(f, _)| *f == field).map(|(_, t)| t)
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        let field = self.field();
        self.inputs.iter_mut().find(|(f, _)| *f == field).map(|(_, t)| t)
    }

    fn typed(&self, field: Field) -> String {
        self.text_of(field).map(line_text).unwrap_or_default()
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
            return Outcome::Refuse(Flash::Edit(crate::domain::EditError::NoSuchEntry(
                self.entry.to_string(),
            )));
        };
        let mut info = self.info.clone();
        info.description = self.typed(Field::Description);
        info.opd = self.typed(Field::Opd);
        info.plan_link = self.typed(Field::PlanLink);
        info.partners = self.typed(Field::Partners);
        info.location = self.typed(Field::Location);
        info.indicator = self.typed(Field::Indicator);
        info.output = self.typed(Field::Output);
        info.background = self.typed(Field::Background);
        info.goal = self.typed(Field::Goal);
        info.activities = self.typed(Field::Activities);
        info.schedule = self.typed(Field::Schedule);
        let at = |f: Field| Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
        for (field, slot) in [
            (Field::Year, &mut info.target_year),
            (Field::StartYear, &mut info.start_year),
        ] {
            let text = self.typed(field);
            match parse_year(&text) {
                Ok(y) => *slot = y,
                Err(_) => {
                    self.field = at(field);
                    return Outcome::Refuse(Flash::BadYear);
                }
            }
        }
        match parse_rupiah(&self.typed(Field::Cost)) {
            Ok(v) => info.cost = v,
            Err(_) => {
                self.field = at(Field::Cost);
                return Outcome::Refuse(Flash::BadCost);
            }
        }
        if info.validate().is_err() {
            let bad_start = info.start_year.is_some_and(|y| !YEARS.contains(&y));
            self.field = at(if bad_start { Field::StartYear } else { Field::Year });
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
