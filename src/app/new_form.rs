//! The home screen's form for a new session: region, its Kemendagri code, stage, date, venue.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::Cmd;
use crate::domain::{NewSession, SessionDate, Stage};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewField {
    Region,
    RegionCode,
    Stage,
    Date,
    Venue,
    Mentors,
}

impl NewField {
    const ORDER: [NewField; 6] = [
        NewField::Region,
        NewField::RegionCode,
        NewField::Stage,
        NewField::Date,
        NewField::Venue,
        NewField::Mentors,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFormError {
    RegionEmpty,
    BadDate,
    BadRegionCode,
}

#[derive(Debug, Clone)]
pub struct NewForm {
    pub region: TextArea<'static>,
    /// Optional; empty means none.
    pub region_code: TextArea<'static>,
    pub stage: Stage,
    pub date: TextArea<'static>,
    pub venue: TextArea<'static>,
    /// The ministry mentors, separated by `;` (a name may hold a comma: "Drs. Siswoko, M.Si").
    pub mentors: TextArea<'static>,
    pub field: NewField,
    pub error: Option<NewFormError>,
    /// Creating the session failed (e.g. it exists already): the whole message, and the form
    /// stays as it was typed.
    pub failed: Option<String>,
    /// The earlier session this one carries forward (the home screen's `c`).
    pub from: Option<std::path::PathBuf>,
    /// That session's stage and date, `Bimtek I, 2021-09-07`, for the form's title.
    pub from_label: String,
}

pub enum Outcome {
    Continue,
    Cancel,
    Create(NewSession),
}

impl Default for NewForm {
    fn default() -> Self {
        NewForm {
            region: TextArea::default(),
            region_code: TextArea::default(),
            stage: Stage::ALL[0],
            date: TextArea::default(),
            venue: TextArea::default(),
            mentors: TextArea::default(),
            field: NewField::Region,
            error: None,
            failed: None,
            from: None,
            from_label: String::new(),
        }
    }
}

impl NewForm {
    /// A form with the date already filled in (today, from the shell's clock).
    pub fn with_date(date: SessionDate) -> NewForm {
        let mut f = NewForm::default();
        f.date.insert_str(date.to_string());
        f
    }

    /// The form for the next stage of an earlier session: its region, the stage after it (IV
    /// stays IV), today. The venue is left empty, which means the earlier session's venue.
    pub fn carry(
        from: std::path::PathBuf,
        earlier: &crate::domain::session::SessionSummary,
        today: SessionDate,
    ) -> NewForm {
        let mut f = NewForm::with_date(today);
        f.region.insert_str(&earlier.region);
        let stage = earlier.stage;
        f.stage = if stage.number() >= 4 { stage } else { stage.next() };
        f.field = NewField::Date;
        f.from = Some(from);
        f.from_label = format!("Bimtek {}, {}", stage.roman(), earlier.date);
        f
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        match self.field {
            NewField::Region => Some(&mut self.region),
            NewField::RegionCode => Some(&mut self.region_code),
            NewField::Date => Some(&mut self.date),
            NewField::Venue => Some(&mut self.venue),
            NewField::Mentors => Some(&mut self.mentors),
            NewField::Stage => None,
        }
    }

    pub fn paste(&mut self, text: &str) {
        let one_line = text.replace(['\r', '\n'], " ");
        if let Some(t) = self.input() {
            t.insert_str(one_line);
        }
    }

    fn step_field(&mut self, forward: bool) {
        let i = NewField::ORDER.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = NewField::ORDER.len();
        self.field = NewField::ORDER[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    fn cycle_stage(&mut self, forward: bool) {
        let i = usize::from(self.stage.number() - 1);
        self.stage = Stage::ALL[if forward { (i + 1) % 4 } else { (i + 3) % 4 }];
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>) -> Outcome {
        self.failed = None;
        let on_stage = self.field == NewField::Stage;
        match cmd {
            Some(Cmd::Back) => return Outcome::Cancel,
            Some(Cmd::Save) => return self.submit(),
            Some(Cmd::NextField) => self.step_field(true),
            Some(Cmd::PrevField) => self.step_field(false),
            Some(Cmd::ChoicePrev) if on_stage => self.cycle_stage(false),
            Some(Cmd::ChoiceNext) if on_stage => self.cycle_stage(true),
            Some(Cmd::Digit) if on_stage => {
                if let KeyCode::Char(c @ '1'..='4') = key.code
                    && let Some(s) = Stage::new(c as u8 - b'0')
                {
                    self.stage = s;
                }
            }
            _ => {
                if let Some(t) = self.input() {
                    t.input(key);
                }
            }
        }
        Outcome::Continue
    }

    fn submit(&mut self) -> Outcome {
        let region = self.region.lines().join(" ").trim().to_string();
        if region.is_empty() {
            self.error = Some(NewFormError::RegionEmpty);
            self.field = NewField::Region;
            return Outcome::Continue;
        }
        let code = self.region_code.lines().join("").trim().to_string();
        let region_code = if code.is_empty() {
            None
        } else if let Ok(c) = crate::domain::region::check(&code) {
            Some(c)
        } else {
            self.error = Some(NewFormError::BadRegionCode);
            self.field = NewField::RegionCode;
            return Outcome::Continue;
        };
        let Ok(date) = self.date.lines().join("").parse::<SessionDate>() else {
            self.error = Some(NewFormError::BadDate);
            self.field = NewField::Date;
            return Outcome::Continue;
        };
        Outcome::Create(NewSession {
            region,
            stage: self.stage,
            date,
            venue: self.venue.lines().join(" ").trim().to_string(),
            title: None,
            mentors: self
                .mentors
                .lines()
                .join(" ")
                .split(';')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect(),
            region_code,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(f: &mut NewForm, code: KeyCode) -> Outcome {
        let key = KeyEvent::new(code, ratatui::crossterm::event::KeyModifiers::NONE);
        f.on_key(key, crate::app::Keymap::default().cmd(crate::app::Scope::NewForm, &key))
    }

    fn form_with_code(code: &str) -> NewForm {
        let mut f = NewForm::with_date("2021-09-07".parse().expect("date"));
        f.paste("Kabupaten Halmahera Utara");
        press(&mut f, KeyCode::Tab);
        assert_eq!(f.field, NewField::RegionCode, "the code follows the region");
        f.paste(code);
        f
    }

    #[test]
    fn the_region_code_is_checked_and_kept() {
        let mut f = form_with_code("82.03");
        let Outcome::Create(spec) = press(&mut f, KeyCode::Enter) else {
            panic!("not created");
        };
        assert_eq!(spec.region_code.as_deref(), Some("82.03"));

        let mut f = form_with_code("8203");
        press(&mut f, KeyCode::Tab);
        assert!(matches!(press(&mut f, KeyCode::Enter), Outcome::Continue));
        assert_eq!(f.error, Some(NewFormError::BadRegionCode));
        assert_eq!(f.field, NewField::RegionCode, "back on the field to correct");

        let mut f = form_with_code("");
        let Outcome::Create(spec) = press(&mut f, KeyCode::Enter) else {
            panic!("not created");
        };
        assert_eq!(spec.region_code, None, "the code may stay empty");
    }
}
