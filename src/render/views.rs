//! View models and askama templates. Views hold display-ready text, never
//! database rows or content structs.

use askama::Template;

use crate::content::Site;
use crate::content::site::Service;
use crate::i18n::I18n;

/// A phone number for display and for a `tel:` link.
#[derive(Debug, Clone)]
pub struct Phone {
    pub display: String,
    pub tel: String,
}

impl Phone {
    pub fn new(number: &str) -> Self {
        let digits: String = number
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        Self {
            display: number.to_string(),
            tel: format!("tel:{digits}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct HelplineView {
    pub name: String,
    pub phone: String,
    pub tel: String,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct CrisisView {
    pub name: String,
    pub phone: String,
    pub tel: String,
    pub hours: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct SurveyView {
    pub invitation: String,
    pub link_text: String,
}

/// One language version of a page.
#[derive(Debug, Clone)]
pub struct Alternate {
    /// BCP 47 tag, for `hreflang` and `lang`.
    pub tag: String,
    /// The language's name in itself ("Cymraeg").
    pub name: String,
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct LinkView {
    pub href: String,
    pub label: String,
}

/// What every page shares: head, header, footer.
#[derive(Debug, Clone)]
pub struct Layout {
    pub lang: String,
    /// "ltr" or "rtl", for `<html dir>`.
    pub dir: &'static str,
    pub title: String,
    pub t: I18n,
    pub programme: String,
    pub sample: bool,
    pub quick_exit_url: String,
    pub helpline: HelplineView,
    pub helpline_call: String,
    pub crisis: Option<CrisisView>,
    pub crisis_call: String,
    pub emergency_text: String,
    pub footer_links: Vec<LinkView>,
    pub survey: Option<SurveyView>,
    /// The entry questionnaire's invitation (home page and first module).
    pub entry: Option<SurveyView>,
    /// Anonymous messages to the helpline are switched on.
    pub messages: bool,
    /// There are pages for family and friends (linked on every page).
    pub family: bool,
    /// There is a page for when an urge is strong (linked beside quick
    /// exit on every page).
    pub urge: bool,
    /// There is "Where do I start?" (the home page's first step, and the
    /// end of the first module).
    pub self_check: bool,
    pub run_by: String,
    /// Which nav entry is the current page.
    pub current: &'static str,
    /// The home page in this page's language ("/" or "/cy").
    pub home: String,
    /// This page's language prefix ("" or "/cy"), before the addresses of
    /// the pages that exist in every language (see `locales::is_localized`).
    pub prefix: String,
    /// This page in every language it exists in (for `hreflang` links).
    pub alternates: Vec<Alternate>,
    /// This page in the other languages (the language switch).
    pub switch: Vec<Alternate>,
    /// Appended to asset URLs (cache busting).
    pub assets: &'static str,
}

impl Layout {
    pub fn new(site: &Site, t: &I18n, title: &str, current: &'static str) -> Self {
        let h = &site.helpline;
        let phone = Phone::new(&h.phone);
        let crisis = site.crisis_line().map(crisis_view);
        let crisis_call = crisis
            .as_ref()
            .map(|c| t.ta("footer-crisis", &[("name", &c.name)]))
            .unwrap_or_default();
        Self {
            lang: t.tag().to_string(),
            dir: t.dir(),
            title: format!("{} – {}", title, site.titles.site),
            t: t.clone(),
            programme: site.programme.clone(),
            sample: site.sample,
            quick_exit_url: site.quick_exit_url.clone(),
            helpline: HelplineView {
                name: h.name.clone(),
                phone: phone.display,
                tel: phone.tel,
                note: h.phone_note.clone(),
            },
            helpline_call: t.ta("footer-helpline-call", &[("name", &h.name)]),
            crisis,
            crisis_call,
            emergency_text: site.emergency.text.clone(),
            footer_links: site
                .footer_links
                .iter()
                .map(|f| LinkView {
                    href: f.href.clone(),
                    label: f.label.clone(),
                })
                .collect(),
            survey: site.survey.enabled.then(|| SurveyView {
                invitation: site.survey.invitation.clone(),
                link_text: site.survey.link_text.clone(),
            }),
            entry: site.entry_survey.as_ref().map(|e| SurveyView {
                invitation: e.invitation.clone(),
                link_text: e.link_text.clone(),
            }),
            messages: site.messages.enabled,
            family: site.family_pages,
            urge: site.urge_page,
            self_check: site.self_check,
            run_by: t.ta("footer-run-by", &[("organisation", &site.organisation)]),
            current,
            home: "/".to_string(),
            prefix: String::new(),
            alternates: Vec::new(),
            switch: Vec::new(),
            assets: super::pages::asset_version(),
        }
    }
}

pub fn crisis_view(c: &crate::content::site::CrisisLine) -> CrisisView {
    let phone = Phone::new(&c.phone);
    CrisisView {
        name: c.name.clone(),
        phone: phone.display,
        tel: phone.tel,
        hours: c.hours.clone(),
        description: c.description.clone(),
    }
}

/// Another service, ready to show.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub name: String,
    pub description: String,
    pub phone: Option<Phone>,
    pub url: Option<String>,
    pub visit: String,
    /// Pages of this site for these readers: (href, link text).
    pub pages: Option<(String, String)>,
}

impl ServiceView {
    pub fn new(s: &Service, t: &I18n) -> Self {
        Self {
            name: s.name.clone(),
            description: s.description.clone(),
            phone: s.phone.as_deref().map(Phone::new),
            url: s.url.clone(),
            visit: t.ta("visit-site", &[("name", &s.name)]),
            pages: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ModuleCard {
    pub number: usize,
    pub title: String,
    pub summary: String,
    pub minutes: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub l: Layout,
    pub heading: String,
    pub intro_html: String,
    pub confidentiality_html: String,
    pub modules: Vec<ModuleCard>,
    /// Pages for family and friends (`audience = "someone-else"`).
    pub family: Vec<ModuleCard>,
    pub young: ServiceView,
    pub someone_else: ServiceView,
}

#[derive(Debug, Clone)]
pub struct JurisdictionView {
    pub anchor: String,
    pub name: String,
    pub html: String,
}

/// One block of a module page.
#[derive(Debug, Clone)]
pub struct BlockView {
    /// "text", "case", "reflection", "key-point", "warning" or "jurisdictions".
    pub kind: &'static str,
    pub title: Option<String>,
    /// The label of a callout ("Key point").
    pub label: String,
    pub html: String,
    pub jurisdictions: Vec<JurisdictionView>,
    pub form: Option<super::worksheet::FormView>,
}

#[derive(Debug, Clone)]
pub struct SectionView {
    pub title: String,
    pub anchor: String,
    pub blocks: Vec<BlockView>,
}

#[derive(Template)]
#[template(path = "module.html")]
pub struct ModulePage {
    pub l: Layout,
    /// The first module for people worried about themselves offers the
    /// entry questionnaire (when it is switched on) after its aims, and
    /// "Where do I start?" (when there is one) at its end.
    pub entry_invite: bool,
    /// "Add a reminder to your calendar", with no day chosen (the page is
    /// rendered once and kept).
    pub reminder: super::tools::ReminderForm,
    pub number_text: String,
    pub title: String,
    pub minutes: String,
    pub sample: bool,
    pub aims: Vec<String>,
    pub pdf_href: Option<String>,
    pub intro: Vec<BlockView>,
    pub sections: Vec<SectionView>,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
    pub quick: Option<super::survey::QuickView>,
    /// Said in the reader's language when the module is shown in the
    /// default language because it has no translation yet; or empty.
    pub fallback_notice: String,
    /// The language of the module's text when it differs from the page's
    /// (a fallback), for `<article lang>`; or empty.
    pub content_lang: String,
    /// The writing direction of `content_lang` (when it is set).
    pub content_dir: &'static str,
    /// A draft shown to staff: a banner, no PDF, no pager, no quick survey.
    pub preview: bool,
}

#[derive(Template)]
#[template(path = "get_in_touch.html")]
pub struct GetInTouchPage {
    pub l: Layout,
    pub intro: String,
    pub open: bool,
    pub status: String,
    pub next: Option<String>,
    pub zone: String,
    pub hours: Vec<(String, String)>,
    pub closures: Vec<(String, String)>,
    pub crisis_lines: Vec<CrisisView>,
    pub what_happens_html: String,
    pub confidentiality_html: String,
    pub other_ways_html: Option<String>,
    pub live_chat_url: Option<String>,
    pub email: Option<String>,
}

/// One section of the urge page.
pub struct UrgeSectionView {
    pub heading: String,
    pub anchor: String,
    pub body_html: String,
}

#[derive(Template)]
#[template(path = "urge.html")]
pub struct UrgeView {
    pub l: Layout,
    pub heading: String,
    pub intro_html: String,
    pub delay_heading: String,
    /// The countdown's length, one of `content::urge::DELAYS` (the style
    /// sheet has a class for each).
    pub delay_minutes: u16,
    pub delay_html: String,
    /// Said where the countdown cannot be drawn.
    pub delay_fallback: String,
    pub sections: Vec<UrgeSectionView>,
    pub open: bool,
    pub status: String,
    pub crisis_lines: Vec<CrisisView>,
    pub emergency_number: String,
    pub emergency_tel: String,
    /// Shown above the page when its words are not translated yet.
    pub fallback_notice: String,
    /// The language of the words when it is not the page's (see
    /// `fallback_notice`), and its direction.
    pub content_lang: String,
    pub content_dir: &'static str,
}

#[derive(Template)]
#[template(path = "crisis.html")]
pub struct CrisisPage {
    pub l: Layout,
    /// `[emergency] more`, as HTML ("" when not given).
    pub more_html: String,
    pub emergency_number: String,
    pub emergency_tel: String,
    pub crisis_lines: Vec<CrisisView>,
    pub helpline_text: String,
    pub young: ServiceView,
    pub someone_else: ServiceView,
}

#[derive(Template)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    pub l: Layout,
    /// What the helpline must pass on, by jurisdiction ("" if not given).
    pub confidentiality_html: String,
    pub survey_text: String,
    /// What is kept of messages to the helpline, when they are switched on.
    pub messages_text: Option<String>,
    /// Whether the request log is on, in words.
    pub log_text: String,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub l: Layout,
    pub heading: String,
    pub text: String,
}

/// A worksheet shown again: with errors and the person's answers, or a
/// message such as "busy, try again".
#[derive(Template)]
#[template(path = "worksheet.html")]
pub struct WorksheetPage {
    pub l: Layout,
    pub heading: String,
    pub message: String,
    pub form: Option<super::worksheet::FormView>,
    pub back_href: String,
}

/// One month on the transparency page; each figure already passed through
/// the small-count rule.
pub struct MonthRow {
    pub month: String,
    pub figures: Vec<String>,
}

/// `/transparency`: monthly totals of the usage counters.
#[derive(Template)]
#[template(path = "transparency.html")]
pub struct TransparencyPage {
    pub l: Layout,
    pub columns: Vec<String>,
    pub months: Vec<MonthRow>,
    pub small_note: String,
    /// The request log is on.
    pub request_log: bool,
    /// Messages to the helpline by month: started, answered, median days
    /// to a first reply (empty when messages are off).
    pub messages: Vec<MonthRow>,
}
