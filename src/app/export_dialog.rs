//! The export dialog (`x` on the session screen): choose a format; the shell writes the export
//! beside the session file (`NAME.md`, `NAME.html`, …) and says where. A file of that name is
//! replaced only after a `y`.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::Cmd;
use crate::export::Format;

/// How an export from the session screen went, as the shell reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    Written(PathBuf),
    /// A file of that name is there; the dialog asks before replacing it.
    Exists(PathBuf),
    /// Why nothing was written, ready to show.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportChooser {
    /// Index into [`Format::ALL`].
    pub selected: usize,
    /// The session file's name without `.ron`, to show where the export goes.
    pub stem: String,
    /// Waiting for `y` to replace this file.
    pub confirm: Option<PathBuf>,
    pub error: Option<String>,
}

/// The book over the masterplan is offered in these formats, after the four.
pub const BOOK_FORMATS: [Format; 2] = [Format::Html, Format::Docx];

/// How many choices the dialog lists.
pub const CHOICES: usize = Format::ALL.len() + BOOK_FORMATS.len();

pub enum Outcome {
    Continue,
    Cancel,
    /// `book`: the book over the whole masterplan (`export --book`) rather than this session's.
    Export {
        format: Format,
        replace: bool,
        book: bool,
    },
}

impl ExportChooser {
    pub fn new(session: &Path) -> ExportChooser {
        ExportChooser {
            selected: 0,
            stem: session
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            confirm: None,
            error: None,
        }
    }

    pub fn format(&self) -> Format {
        self.choice().0
    }

    /// The chosen format, and whether it is the book over the masterplan: the four formats,
    /// then that book as HTML and as Word.
    pub fn choice(&self) -> (Format, bool) {
        match Format::ALL.get(self.selected) {
            Some(f) => (*f, false),
            None => (BOOK_FORMATS[(self.selected - Format::ALL.len()).min(1)], true),
        }
    }

    pub fn on_key(&mut self, cmd: Option<Cmd>, key: KeyEvent) -> Outcome {
        if self.confirm.is_some() {
            return match cmd {
                Some(Cmd::Yes) => {
                    self.confirm = None;
                    Outcome::Export {
                        format: self.format(),
                        replace: true,
                        book: self.choice().1,
                    }
                }
                Some(Cmd::No) => {
                    self.confirm = None;
                    Outcome::Continue
                }
                _ => Outcome::Continue,
            };
        }
        let last = CHOICES - 1;
        match cmd {
            Some(Cmd::Back) => return Outcome::Cancel,
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(last),
            Some(Cmd::Digit) => {
                if let KeyCode::Char(c @ '1'..='9') = key.code {
                    self.selected = usize::from(c as u8 - b'1').min(last);
                    return self.export();
                }
            }
            Some(Cmd::Open) => return self.export(),
            _ => {}
        }
        Outcome::Continue
    }

    fn export(&mut self) -> Outcome {
        self.error = None;
        Outcome::Export {
            format: self.format(),
            replace: false,
            book: self.choice().1,
        }
    }

    /// What the shell reported. Returns whether the dialog is done (the export was written).
    pub fn reported(&mut self, outcome: ExportOutcome) -> bool {
        match outcome {
            ExportOutcome::Written(_) => true,
            ExportOutcome::Exists(path) => {
                self.confirm = Some(path);
                false
            }
            ExportOutcome::Failed(message) => {
                self.error = Some(message);
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    /// A key through the keymap, as the app hands it to the dialog.
    fn press(d: &mut ExportChooser, code: KeyCode) -> Outcome {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        let scope = if d.confirm.is_some() {
            crate::app::Scope::ExportExists
        } else {
            crate::app::Scope::Export
        };
        d.on_key(crate::app::Keymap::default().cmd(scope, &key), key)
    }

    #[test]
    fn choosing_and_confirming_a_replacement() {
        let mut d = ExportChooser::new(Path::new("/x/kota-a-bimtek-1-2024-05-06.ron"));
        assert_eq!(d.stem, "kota-a-bimtek-1-2024-05-06");
        press(&mut d, KeyCode::Down);
        press(&mut d, KeyCode::Down);
        assert!(matches!(
            press(&mut d, KeyCode::Enter),
            Outcome::Export {
                format: Format::Csv,
                replace: false,
                ..
            }
        ));
        assert!(!d.reported(ExportOutcome::Exists("/x/a.csv".into())));
        assert!(matches!(press(&mut d, KeyCode::Char('x')), Outcome::Continue));
        assert!(matches!(
            press(&mut d, KeyCode::Char('y')),
            Outcome::Export {
                format: Format::Csv,
                replace: true,
                ..
            }
        ));
        assert!(d.reported(ExportOutcome::Written("/x/a.csv".into())));
        assert!(matches!(
            press(&mut d, KeyCode::Char('4')),
            Outcome::Export {
                format: Format::Docx,
                replace: false,
                ..
            }
        ));
        assert!(matches!(
            press(&mut d, KeyCode::Char('6')),
            Outcome::Export {
                format: Format::Docx,
                replace: false,
                book: true
            }
        ));
        assert_eq!(
            d.choice(),
            (Format::Docx, true),
            "the book over the masterplan, in Word"
        );
        assert!(matches!(press(&mut d, KeyCode::Esc), Outcome::Cancel));
    }

    mod in_the_app {
        use std::path::PathBuf;

        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use time::macros::datetime;

        use super::super::{ExportOutcome, Format};
        use crate::app::session_screen::Flash;
        use crate::app::{Action, App, Dialog, Effect, Screen, SessionRow, update};
        use crate::domain::{Lang, Stage};

        fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
            update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
        }

        fn sample() -> crate::domain::Session {
            crate::store::parse(crate::store::demo::SAMPLE).expect("the sample loads")
        }

        #[test]
        fn x_asks_for_a_format_then_says_where_the_export_went() {
            let mut app = App::new(Lang::Id, datetime!(2024-05-06 09:00 +9), 1, PathBuf::from("x"));
            update(
                &mut app,
                Action::SessionOpened {
                    session: Box::new(sample()),
                    path: "/sesi/a.ron".into(),
                    read_only: false,
                },
            );
            assert!(press(&mut app, KeyCode::Char('x')).is_empty());
            assert!(matches!(app.dialog, Some(Dialog::Export(_))));
            press(&mut app, KeyCode::Down);
            assert_eq!(
                press(&mut app, KeyCode::Enter),
                [Effect::Export {
                    format: Format::Html,
                    replace: false,
                    book: false
                }]
            );
            update(&mut app, Action::Exported(ExportOutcome::Exists("/sesi/a.html".into())));
            assert!(matches!(&app.dialog, Some(Dialog::Export(d)) if d.confirm.is_some()));
            assert_eq!(
                press(&mut app, KeyCode::Char('y')),
                [Effect::Export {
                    format: Format::Html,
                    replace: true,
                    book: false
                }]
            );
            update(
                &mut app,
                Action::Exported(ExportOutcome::Written("/sesi/a.html".into())),
            );
            assert!(app.dialog.is_none());
            let flash = app.session().and_then(|s| s.flash.clone());
            assert!(
                matches!(&flash, Some(Flash::Text(t)) if t.contains("a.html") && !t.contains("/sesi/")),
                "{flash:?}"
            );
        }

        #[test]
        fn c_on_home_prepares_the_next_stage_of_the_selected_session() {
            let mut app = App::new(Lang::Id, datetime!(2021-10-12 09:00 +9), 1, PathBuf::from("x"));
            let path = PathBuf::from("/sesi/a.ron");
            update(
                &mut app,
                Action::SessionsScanned(vec![SessionRow {
                    path: path.clone(),
                    summary: Ok(sample().summary()),
                }]),
            );
            press(&mut app, KeyCode::Char('c'));
            let Screen::Home(home) = &app.screen else {
                panic!("still at home");
            };
            let form = home.form.as_ref().expect("the form is open");
            assert_eq!(form.from.as_deref(), Some(path.as_path()));
            assert_eq!(form.stage, Stage::new(2).expect("stage"));
            let effects = press(&mut app, KeyCode::Enter);
            match &effects[..] {
                [Effect::CreateFrom { spec, from }] => {
                    assert_eq!(from, &path);
                    assert_eq!(spec.region, "Kabupaten Halmahera Utara");
                    assert_eq!(spec.stage, Stage::new(2).expect("stage"));
                    assert_eq!(spec.date.to_string(), "2021-10-12");
                }
                other => panic!("{other:?}"),
            }
            // The form stays until the session opens; here nothing opens it, so it is closed.
            press(&mut app, KeyCode::Esc);
            // The sample row, which has no file of its own, has no next stage.
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Char('c'));
            assert!(matches!(&app.screen, Screen::Home(h) if h.form.is_none()));
        }
    }
}
