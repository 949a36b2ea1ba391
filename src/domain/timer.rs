//! Step timing: the countdown of the current step, its colour, and the projected end of the
//! session. All arithmetic takes `now` as an argument, so it is tested with a fake clock.

use time::{Duration, OffsetDateTime};

use super::Session;

/// Amber when this share of the planned time or less is left.
pub const AMBER_PERCENT: i64 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Plenty of time left.
    Normal,
    /// 20 % or less left.
    Amber,
    /// Time is up; the overrun is counting.
    Over,
}

/// Seconds spent on a step so far, including the current run if its timer is running.
pub fn elapsed(session: &Session, step: usize, now: OffsetDateTime) -> i64 {
    let Some(s) = session.agenda.steps.get(step) else {
        return 0;
    };
    let running = match session.timer_started {
        Some(since) if step == session.current_step => (now - since).whole_seconds().max(0),
        _ => 0,
    };
    i64::try_from(s.spent_seconds)
        .unwrap_or(i64::MAX)
        .saturating_add(running)
}

/// Seconds left on the step's plan: negative once it runs over.
pub fn remaining(session: &Session, step: usize, now: OffsetDateTime) -> i64 {
    let planned = session.agenda.steps.get(step).map_or(0, |s| i64::from(s.minutes) * 60);
    planned - elapsed(session, step, now)
}

pub fn phase(session: &Session, step: usize, now: OffsetDateTime) -> Phase {
    let planned = session.agenda.steps.get(step).map_or(0, |s| i64::from(s.minutes) * 60);
    let left = remaining(session, step, now);
    if left <= 0 {
        Phase::Over
    } else if left * 100 <= planned * AMBER_PERCENT {
        Phase::Amber
    } else {
        Phase::Normal
    }
}

/// When the session will end if the rest goes to plan: what is left of the current step (none
/// if it already ran over) plus the planned time of every later step.
pub fn projected_end(session: &Session, now: OffsetDateTime) -> OffsetDateTime {
    let current = session.current_step;
    let left_now = remaining(session, current, now).max(0);
    let later: i64 = session
        .agenda
        .steps
        .iter()
        .skip(current + 1)
        .map(|s| i64::from(s.minutes) * 60)
        .sum();
    now + Duration::seconds(left_now + later)
}

/// `12:05`, or `-03:10` for an overrun; hours appear when needed.
pub fn format_countdown(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{sign}{:02}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::session;
    use time::macros::datetime;

    const T0: OffsetDateTime = datetime!(2021-09-07 09:00 +9);

    #[test]
    fn countdown_runs_only_while_started() {
        let mut s = session();
        s.agenda.steps[0].minutes = 10;
        assert_eq!(remaining(&s, 0, T0), 600);
        s.timer_started = Some(T0);
        assert_eq!(remaining(&s, 0, T0 + Duration::minutes(3)), 420);
        // Other steps do not count the running timer.
        assert_eq!(elapsed(&s, 1, T0 + Duration::minutes(3)), 0);
    }

    #[test]
    fn phase_turns_amber_at_twenty_percent_and_red_when_over() {
        let mut s = session();
        s.agenda.steps[0].minutes = 10;
        s.timer_started = Some(T0);
        assert_eq!(phase(&s, 0, T0 + Duration::minutes(7)), Phase::Normal);
        assert_eq!(phase(&s, 0, T0 + Duration::minutes(8)), Phase::Amber);
        assert_eq!(phase(&s, 0, T0 + Duration::minutes(10)), Phase::Over);
        assert_eq!(remaining(&s, 0, T0 + Duration::seconds(725)), -125);
        assert_eq!(format_countdown(-125), "-02:05");
        assert_eq!(format_countdown(3725), "1:02:05");
    }

    #[test]
    fn projected_end_moves_with_overrun_and_early_finish() {
        let mut s = session();
        for st in &mut s.agenda.steps {
            st.minutes = 30;
        }
        let steps = i64::try_from(s.agenda.steps.len()).expect("few steps");
        // Not started: the whole plan from now.
        assert_eq!(projected_end(&s, T0), T0 + Duration::minutes(30 * steps));
        // Ten minutes over on the first step: the end moves by ten minutes.
        s.timer_started = Some(T0);
        let late = T0 + Duration::minutes(40);
        assert_eq!(projected_end(&s, late), late + Duration::minutes(30 * (steps - 1)));
        assert_eq!(
            projected_end(&s, late) - (T0 + Duration::minutes(30 * steps)),
            Duration::minutes(10)
        );
        // Finishing the first step after 20 minutes brings the end ten minutes earlier.
        s.timer_started = None;
        s.agenda.steps[0].spent_seconds = 20 * 60;
        s.current_step = 1;
        let t = T0 + Duration::minutes(20);
        assert_eq!(projected_end(&s, t), T0 + Duration::minutes(20 + 30 * (steps - 1)));
    }
}
