//! The pages phones get: one embedded template (assets/phone.html, no external font, script or
//! style), filled on the server so that it works with JavaScript off; the script in it only
//! sends without reloading and follows step changes. Every text from the session or a phone is
//! HTML-escaped here, and the JSON handed to the script cannot close its `<script>` element.

use std::fmt::Write as _;

use crate::app::room::Refusal;
use crate::domain::Lang;
use crate::domain::idea::{IdeaRefusal, MAX_IDEA_CHARS, MAX_NAME_CHARS};
use crate::i18n::{Strings, fill, strings};

use super::view::PhoneView;

const TEMPLATE: &str = include_str!("../../assets/phone.html");

/// What the page says above the form after a plain form post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// "Terkirim", with the text shown back.
    Sent(String),
    Done(String),
    Problem(String),
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

/// `?lang=en` for English links and form targets.
fn lang_query(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "",
        Lang::En => "?lang=en",
    }
}

fn other_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "?lang=en",
        Lang::En => "?lang=id",
    }
}

fn fill_template(lang: Lang, title: &str, page: &str, body: &str, data: &str) -> String {
    TEMPLATE
        .replace("{{LANG}}", lang_code(lang))
        .replace("{{TITLE}}", &escape(title))
        .replace("{{PAGE}}", page)
        .replace("{{DATA}}", &data.replace('<', "\\u003c"))
        .replace("{{BODY}}", body)
}

/// The landing page at `/`: asks for the join code shown on the screen.
pub fn landing(lang: Lang, problem: Option<&str>) -> String {
    let tr = strings(lang);
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1>{}</h1><a href=\"/{}\">{}</a></header>",
        escape(&tr.landing_title),
        other_lang(lang),
        escape(&tr.phone_lang)
    );
    if let Some(p) = problem {
        let _ = write!(body, "<p class=\"card err\">{}</p>", escape(p));
    }
    let _ = write!(
        body,
        "<form class=\"card\" method=\"post\" action=\"/join{}\"><label for=\"code\">{}</label>\
         <input id=\"code\" name=\"code\" maxlength=\"12\" autocomplete=\"off\" autocapitalize=\"characters\" required>\
         <button>{}</button></form>",
        lang_query(lang),
        escape(&tr.landing_code),
        escape(&tr.landing_go)
    );
    fill_template(lang, &tr.landing_title, "landing", &body, "{}")
}

/// The words for a refusal, on the phone.
pub fn refusal_text(tr: &Strings, r: Refusal) -> String {
    match r {
        Refusal::Idea(IdeaRefusal::NoText | IdeaRefusal::NoId) => tr.phone_refused_text.clone(),
        Refusal::Idea(IdeaRefusal::TooLong) => tr.phone_refused_long.clone(),
        Refusal::Idea(IdeaRefusal::BadKind | IdeaRefusal::BadHeading) => tr.phone_refused_kind.clone(),
        Refusal::Idea(IdeaRefusal::Closed) | Refusal::Closed => tr.phone_refused_closed.clone(),
        Refusal::Idea(IdeaRefusal::Blocked) => tr.phone_refused_blocked.clone(),
        Refusal::OverBudget => tr.phone_vote_over.clone(),
        Refusal::NoStacking | Refusal::NothingToTake => tr.phone_vote_once.clone(),
        Refusal::NoRound | Refusal::NotACandidate => tr.phone_vote_closed.clone(),
    }
}

/// The words the script needs, by the codes the JSON API answers with.
fn script_strings(tr: &Strings) -> serde_json::Value {
    let r = |x: Refusal| refusal_text(tr, x);
    serde_json::json!({
        "phone_send": tr.phone_send, "phone_sending": tr.phone_sending, "phone_sent": tr.phone_sent,
        "phone_again": tr.phone_again, "phone_retry": tr.phone_retry, "phone_ranking": tr.phone_ranking,
        "phone_votes": tr.phone_votes, "phone_vote_title": tr.phone_vote_title,
        "phone_vote_left": tr.phone_vote_left, "phone_vote_add": tr.phone_vote_add,
        "phone_vote_take": tr.phone_vote_take, "phone_vote_done": tr.phone_vote_done,
        "idea_no_text": r(Refusal::Idea(IdeaRefusal::NoText)),
        "idea_too_long": r(Refusal::Idea(IdeaRefusal::TooLong)),
        "idea_bad_kind": r(Refusal::Idea(IdeaRefusal::BadKind)),
        "idea_bad_heading": r(Refusal::Idea(IdeaRefusal::BadHeading)),
        "idea_closed": r(Refusal::Closed),
        "idea_blocked": r(Refusal::Idea(IdeaRefusal::Blocked)),
        "idea_slow": tr.phone_refused_slow, "vote_slow": tr.phone_refused_slow,
        "idea_device": tr.phone_refused_session, "vote_device": tr.phone_refused_session,
        "vote_over_budget": r(Refusal::OverBudget), "vote_no_stacking": r(Refusal::NoStacking),
        "vote_no_round": r(Refusal::NoRound), "vote_not_a_candidate": r(Refusal::NotACandidate),
        "vote_blocked": r(Refusal::Idea(IdeaRefusal::Blocked)),
    })
}

fn options(out: &mut String, list: &[super::view::Choice]) {
    for c in list {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            escape(&c.code),
            escape(&c.name)
        );
    }
}

/// The phone page for one device: the step, the form (or why there is none), the voting round.
pub fn phone(lang: Lang, token: &str, csrf: &str, view: &PhoneView, device: &str, note: Option<&Note>) -> String {
    let tr = strings(lang);
    let q = lang_query(lang);
    let mut b = String::new();
    let _ = write!(
        b,
        "<header><h1>{}</h1><a href=\"/{token}{}\">{}</a></header>",
        escape(&tr.phone_title),
        other_lang(lang),
        escape(&tr.phone_lang)
    );
    let (class, hidden, strong, shown) = match note {
        Some(Note::Sent(t)) => ("ok", "", tr.phone_sent.as_str(), Some(t.as_str())),
        Some(Note::Done(m)) => ("ok", "", m.as_str(), None),
        Some(Note::Problem(m)) => ("err", "", m.as_str(), None),
        None => ("", " hidden", "", None),
    };
    let _ = write!(
        b,
        "<p id=\"note\" class=\"card {class}\" role=\"status\"{hidden}><strong>{}</strong>",
        escape(strong)
    );
    if let Some(t) = shown {
        let _ = write!(b, "<br><q>{}</q>", escape(t));
    }
    b.push_str("</p>");
    let _ = write!(
        b,
        "<section class=\"card\"><p class=\"label\">{}</p><h2 id=\"st\">{}</h2><p id=\"sq\">{}</p></section>",
        escape(&tr.phone_step),
        escape(&view.title),
        escape(&view.question)
    );
    let _ = write!(
        b,
        "<p id=\"closed\" class=\"card\"{}>{}</p>",
        if view.open { " hidden" } else { "" },
        escape(&tr.phone_no_ideas)
    );
    let mut id = [0u8; 12];
    let client_id: String = match getrandom::fill(&mut id) {
        Ok(()) => id.iter().map(|x| format!("{x:02x}")).collect(),
        Err(_) => String::new(),
    };
    let _ = write!(
        b,
        "<form id=\"idea\" class=\"card\" method=\"post\" action=\"/{token}/ideas{q}\"{}>\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"id\" value=\"{client_id}\">\
         <input type=\"hidden\" name=\"step\" value=\"{}\">",
        if view.open { "" } else { " hidden" },
        escape(csrf),
        escape(&view.step)
    );
    let _ = write!(
        b,
        "<div id=\"hwrap\"{}><label for=\"element\">{}</label><select id=\"element\" name=\"element\">",
        if view.headings.len() < 2 { " hidden" } else { "" },
        escape(&tr.phone_heading)
    );
    options(&mut b, &view.headings);
    let _ = write!(
        b,
        "</select></div><label for=\"kind\">{}</label><select id=\"kind\" name=\"kind\">",
        escape(&tr.phone_kind)
    );
    options(&mut b, &view.kinds);
    let limit = fill(&tr.phone_limit, &[("max", &MAX_IDEA_CHARS.to_string())]);
    let _ = write!(
        b,
        "</select><label for=\"text\">{} <small>({})</small></label>\
         <textarea id=\"text\" name=\"text\" maxlength=\"{MAX_IDEA_CHARS}\" required></textarea>\
         <label for=\"name\">{}</label><input id=\"name\" name=\"name\" maxlength=\"{MAX_NAME_CHARS}\" autocomplete=\"name\">\
         <label for=\"opd\">{}</label><input id=\"opd\" name=\"opd\" maxlength=\"{MAX_NAME_CHARS}\" autocomplete=\"organization\">\
         <p class=\"hint\">{}</p><button>{}</button></form>",
        escape(&tr.phone_text),
        escape(&limit),
        escape(&tr.phone_name),
        escape(&tr.phone_opd),
        escape(&tr.phone_anon),
        escape(&tr.phone_send)
    );
    b.push_str("<section id=\"vote\" class=\"card\"");
    match &view.round {
        None => b.push_str(" hidden>"),
        Some(r) if r.revealed => {
            let _ = write!(b, "><h2>{}</h2><ol class=\"c\">", escape(&tr.phone_ranking));
            for c in &r.candidates {
                let votes = fill(&tr.phone_votes, &[("n", &c.votes.unwrap_or(0).to_string())]);
                let _ = write!(
                    b,
                    "<li class=\"row\"><span>{}</span><span class=\"dots\">{}</span></li>",
                    escape(&c.text),
                    escape(&votes)
                );
            }
            b.push_str("</ol>");
        }
        Some(r) => {
            let left = r.budget.saturating_sub(r.spent(device));
            let line = fill(
                &tr.phone_vote_left,
                &[("n", &left.to_string()), ("budget", &r.budget.to_string())],
            );
            let _ = write!(
                b,
                "><h2>{}</h2><p class=\"dots\">{}</p><ul class=\"c\">",
                escape(&tr.phone_vote_title),
                escape(&line)
            );
            let mine = r.mine.get(device);
            for c in &r.candidates {
                let n = mine.and_then(|m| m.get(&c.id)).copied().unwrap_or(0);
                let back = n > 0 && !r.stacking;
                let _ = write!(
                    b,
                    "<li><form class=\"row\" method=\"post\" action=\"/{token}/votes{q}\">\
                     <input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"entry\" value=\"{}\">\
                     <input type=\"hidden\" name=\"take_back\" value=\"{back}\"><span>{} {}</span>\
                     <button class=\"small\">{}</button></form></li>",
                    escape(csrf),
                    escape(&c.id),
                    escape(&c.text),
                    "●".repeat(usize::try_from(n.min(20)).unwrap_or(0)),
                    escape(if back { &tr.phone_vote_take } else { &tr.phone_vote_add })
                );
            }
            b.push_str("</ul>");
        }
    }
    b.push_str("</section>");
    let _ = write!(b, "<p><a href=\"/{token}{q}\">{}</a></p>", escape(&tr.phone_reload));
    let data = serde_json::json!({
        "base": format!("/{token}"),
        "lang": lang_code(lang),
        "strings": script_strings(tr),
        "state": super::state_json(view, Some(device)),
    });
    fill_template(lang, &tr.phone_title, "phone", &b, &data.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_inert() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn the_page_is_small_and_self_contained() {
        assert!(TEMPLATE.len() < 50 * 1024);
        for external in ["http://", "https://", "src=\"/", "href=\"http", "@import", "url("] {
            assert!(!TEMPLATE.contains(external), "{external}");
        }
    }
}
