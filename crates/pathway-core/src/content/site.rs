//! `site.toml`: the organisation, its helpline, crisis lines and other
//! services, parsed and validated (no file I/O here).

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use super::diag::{Diagnostics, line_of_key, parse_toml};
use super::hours::{Closure, OpeningHours, WeekHours};

/// Anonymous messages to the helpline (`[messages]`): off unless a service
/// switches them on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    #[serde(default)]
    pub enabled: bool,
    /// The reply target, in the helpline's working days.
    #[serde(default = "default_reply_days")]
    pub reply_within_working_days: u8,
    /// A conversation is deleted this many days after its last message.
    #[serde(default = "default_keep_days")]
    pub keep_days: u16,
    /// A closed conversation is deleted this many days after its last
    /// message, if sooner than `keep_days`.
    #[serde(default)]
    pub keep_closed_days: Option<u16>,
    /// Open conversations in all; past it, new ones wait ("try again later
    /// or call").
    #[serde(default = "default_max_open")]
    pub max_open: u32,
    /// Messages a writer may send in one conversation in one day.
    #[serde(default = "default_per_day")]
    pub per_day: u8,
    /// Markdown: what the service does when the writer is under 18.
    #[serde(default)]
    pub under_18_policy: String,
}

fn default_reply_days() -> u8 {
    3
}
fn default_keep_days() -> u16 {
    60
}
fn default_max_open() -> u32 {
    5_000
}
fn default_per_day() -> u8 {
    5
}

impl Default for Messages {
    fn default() -> Self {
        Self {
            enabled: false,
            reply_within_working_days: default_reply_days(),
            keep_days: default_keep_days(),
            keep_closed_days: None,
            max_open: default_max_open(),
            per_day: default_per_day(),
            under_18_policy: String::new(),
        }
    }
}

/// A jurisdiction whose law the programme explains.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub id: String,
    pub name: String,
    /// Markdown: what the helpline must pass on to others there (the law
    /// on reporting differs), shown on Get in touch, the messages pages
    /// and the privacy page.
    #[serde(default)]
    pub confidentiality: Option<String>,
}

/// Discreet page titles. `{number}` in `module` becomes the module's number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    pub site: String,
    pub home: String,
    pub module: String,
    pub get_in_touch: String,
    pub privacy: String,
    pub crisis: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHelpline {
    name: String,
    phone: String,
    #[serde(default)]
    phone_note: String,
    timezone: String,
    hours: WeekHours,
    #[serde(default)]
    closures: Vec<RawClosure>,
    what_happens: String,
    confidentiality: String,
    #[serde(default)]
    live_chat_url: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    other_ways: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClosure {
    date: toml::value::Datetime,
    name: String,
}

/// The helpline people are signposted to on every page.
#[derive(Debug, Clone)]
pub struct Helpline {
    pub name: String,
    pub phone: String,
    pub phone_note: String,
    pub hours: OpeningHours,
    /// Markdown.
    pub what_happens: String,
    /// Markdown.
    pub confidentiality: String,
    pub live_chat_url: Option<String>,
    pub email: Option<String>,
    /// Markdown.
    pub other_ways: Option<String>,
}

/// A line that is open when the helpline is closed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLine {
    pub name: String,
    pub phone: String,
    pub hours: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emergency {
    pub number: String,
    pub text: String,
    /// Markdown shown on the Urgent help page after the emergency number,
    /// such as a link to the page for people who have been arrested.
    #[serde(default)]
    pub more: Option<String>,
}

/// Another service (for young people, or for people worried about someone).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyInvite {
    #[serde(default)]
    pub enabled: bool,
    /// The survey the invitation leads to (default: the first full survey).
    #[serde(default)]
    pub id: Option<String>,
    pub invitation: String,
    pub link_text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Home {
    /// Markdown: what the site is and who it is for.
    pub intro: String,
    /// Markdown: confidentiality in one short paragraph.
    pub confidentiality: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    organisation: String,
    programme: String,
    #[serde(default = "default_locale")]
    default_locale: String,
    /// Other languages the modules are translated into, each with a
    /// `<locale>/modules/` folder.
    #[serde(default)]
    translations: Vec<String>,
    #[serde(default)]
    sample: bool,
    quick_exit_url: String,
    jurisdictions: Vec<Jurisdiction>,
    titles: Titles,
    home: Home,
    helpline: RawHelpline,
    crisis_lines: Vec<CrisisLine>,
    emergency: Emergency,
    young_people: Service,
    someone_else: Service,
    survey: SurveyInvite,
    /// The entry questionnaire, offered before the modules.
    #[serde(default)]
    entry_survey: Option<SurveyInvite>,
    #[serde(default)]
    messages: Messages,
    #[serde(default)]
    footer_links: Vec<FooterLink>,
    /// Show monthly usage totals at /transparency.
    #[serde(default)]
    transparency: bool,
    /// The organisation's safeguarding-review procedure, linked beside
    /// free-text survey answers in the staff area.
    #[serde(default)]
    safeguarding_review_url: Option<String>,
}

fn default_locale() -> String {
    "en-GB".to_string()
}

/// The validated `site.toml`.
#[derive(Debug, Clone)]
pub struct Site {
    pub organisation: String,
    pub programme: String,
    pub default_locale: String,
    /// Other languages the modules are translated into (`cy`, …).
    pub translations: Vec<String>,
    /// The bundled sample: shown on every page as needing clinical review.
    pub sample: bool,
    pub quick_exit_url: String,
    pub jurisdictions: Vec<Jurisdiction>,
    pub titles: Titles,
    pub home: Home,
    pub helpline: Helpline,
    pub crisis_lines: Vec<CrisisLine>,
    pub emergency: Emergency,
    pub young_people: Service,
    pub someone_else: Service,
    pub survey: SurveyInvite,
    /// The entry questionnaire (a baseline, offered on the home page and
    /// the first module), when switched on.
    pub entry_survey: Option<SurveyInvite>,
    pub messages: Messages,
    pub footer_links: Vec<FooterLink>,
    /// Monthly usage totals are public at /transparency.
    pub transparency: bool,
    /// The safeguarding-review procedure staff follow when reading free text.
    /// The programme has pages for family and friends (set by the loader
    /// from the modules, not read from `site.toml`).
    pub family_pages: bool,
    /// The programme has a page for when an urge is strong (set by the
    /// loader from `urge.toml`).
    pub urge_page: bool,
    /// The programme has "Where do I start?" (set by the loader from
    /// `self-check.toml`).
    pub self_check: bool,
    pub safeguarding_review_url: Option<String>,
}

impl Site {
    pub fn jurisdiction(&self, id: &str) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.id == id)
    }

    /// The first crisis line, shown in every footer.
    pub fn crisis_line(&self) -> Option<&CrisisLine> {
        self.crisis_lines.first()
    }
}

/// Parses and validates `site.toml`; every problem goes to `diags`.
pub fn parse_site(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Site> {
    let raw: RawSite = parse_toml(
        file,
        text,
        1,
        diags,
        "",
        "see docs/content.md for every key site.toml takes",
    )?;
    let before = diags.error_count();
    let line = |key: &str| line_of_key(text, key).unwrap_or(1);
    check_not_blank(
        file,
        text,
        diags,
        &[
            ("organisation", &raw.organisation),
            ("programme", &raw.programme),
            ("phone", &raw.helpline.phone),
            ("name", &raw.helpline.name),
            ("number", &raw.emergency.number),
        ],
    );
    check_site(file, text, &raw, diags);
    let hours = OpeningHours::build(
        &raw.helpline.timezone,
        &raw.helpline.hours,
        closures(file, text, &raw.helpline.closures, diags),
        |msg, help| diags.error(file, line("timezone").max(line("monday")), msg, help),
    );
    if diags.error_count() > before {
        return None;
    }
    let hours = hours?;
    Some(Site {
        organisation: raw.organisation,
        programme: raw.programme,
        default_locale: raw.default_locale,
        translations: raw.translations,
        sample: raw.sample,
        quick_exit_url: raw.quick_exit_url,
        jurisdictions: raw.jurisdictions,
        titles: raw.titles,
        home: raw.home,
        helpline: Helpline {
            name: raw.helpline.name,
            phone: raw.helpline.phone,
            phone_note: raw.helpline.phone_note,
            hours,
            what_happens: raw.helpline.what_happens,
            confidentiality: raw.helpline.confidentiality,
            live_chat_url: raw.helpline.live_chat_url,
            email: raw.helpline.email,
            other_ways: raw.helpline.other_ways,
        },
        crisis_lines: raw.crisis_lines,
        emergency: raw.emergency,
        young_people: raw.young_people,
        someone_else: raw.someone_else,
        survey: raw.survey,
        entry_survey: raw.entry_survey.filter(|e| e.enabled),
        messages: raw.messages,
        footer_links: raw.footer_links,
        transparency: raw.transparency,
        safeguarding_review_url: raw.safeguarding_review_url,
        family_pages: false,
        urge_page: false,
        self_check: false,
    })
}

/// The checks of `site.toml` beyond its types: addresses, ids, the crisis
/// line, the module title.
fn check_site(file: &Path, text: &str, raw: &RawSite, diags: &mut Diagnostics) {
    let line = |key: &str| line_of_key(text, key).unwrap_or(1);
    if !raw.quick_exit_url.starts_with("https://") {
        diags.error(
            file,
            line("quick_exit_url"),
            format!(
                "quick_exit_url `{}` is not an https:// address",
                raw.quick_exit_url
            ),
            "give the full address of a neutral site, such as a weather or news page",
        );
    }
    check_jurisdictions(file, text, raw, diags);
    check_messages(file, text, &raw.messages, diags);
    check_translations(file, text, raw, diags);
    if raw.crisis_lines.is_empty() {
        diags.error(
            file,
            line("crisis_lines"),
            "no crisis line is declared",
            "add a [[crisis_lines]] table with name, phone and hours",
        );
    }
    if !raw.titles.module.contains("{number}") {
        diags.error(
            file,
            line("module"),
            "titles.module does not contain `{number}`",
            "write it like \"Module {number}\" so that each module page has its own discreet title",
        );
    }
    for (key, url) in [
        ("live_chat_url", raw.helpline.live_chat_url.as_deref()),
        ("url", raw.young_people.url.as_deref()),
        ("url", raw.someone_else.url.as_deref()),
        (
            "safeguarding_review_url",
            raw.safeguarding_review_url.as_deref(),
        ),
    ] {
        if let Some(url) = url
            && !url.starts_with("https://")
        {
            diags.error(
                file,
                line(key),
                format!("`{url}` is not an https:// address"),
                "give the full https:// address",
            );
        }
    }
}

/// Limits a service cannot mean: no reply target, nothing kept, no room.
fn check_messages(file: &Path, text: &str, m: &Messages, diags: &mut Diagnostics) {
    let line = |key: &str| line_of_key(text, key).unwrap_or(1);
    for (key, bad, help) in [
        (
            "reply_within_working_days",
            m.reply_within_working_days == 0 || m.reply_within_working_days > 30,
            "give a number of working days from 1 to 30",
        ),
        (
            "keep_days",
            m.keep_days == 0,
            "give the days a conversation is kept after its last message, such as 60",
        ),
        (
            "keep_closed_days",
            m.keep_closed_days
                .is_some_and(|d| d == 0 || d > m.keep_days),
            "give a number from 1 to keep_days, or leave it out",
        ),
        (
            "max_open",
            m.max_open == 0,
            "give a number above 0, such as 5000",
        ),
        (
            "per_day",
            m.per_day == 0,
            "give a number above 0, such as 5",
        ),
    ] {
        if bad {
            diags.error(
                file,
                line(key),
                format!("messages.{key} is out of range"),
                help,
            );
        }
    }
    if m.enabled && m.under_18_policy.trim().is_empty() {
        diags.error(
            file,
            text.lines()
                .position(|l| l.trim() == "[messages]")
                .map_or(1, |i| i + 1),
            "messages are enabled but messages.under_18_policy is empty",
            "say what the helpline does when a young person writes, in a few sentences",
        );
    }
}

/// At least one jurisdiction, each with a valid id of its own.
fn check_jurisdictions(file: &Path, text: &str, raw: &RawSite, diags: &mut Diagnostics) {
    let line = |key: &str| line_of_key(text, key).unwrap_or(1);
    if raw.jurisdictions.is_empty() {
        diags.error(
            file,
            line("jurisdictions"),
            "no jurisdictions are declared",
            "add at least one [[jurisdictions]] table with id and name",
        );
    }
    let mut seen = BTreeSet::new();
    for j in &raw.jurisdictions {
        if !is_identifier(&j.id) {
            diags.error(
                file,
                line_of_id(text, &j.id),
                format!("jurisdiction id `{}` is not a valid id", j.id),
                "use lower-case letters, digits and dashes, such as `england-and-wales`",
            );
        }
        if !seen.insert(j.id.clone()) {
            diags.error(
                file,
                line_of_id(text, &j.id),
                format!("jurisdiction `{}` is declared twice", j.id),
                "give each jurisdiction its own id",
            );
        }
    }
}

fn closures(file: &Path, text: &str, raw: &[RawClosure], diags: &mut Diagnostics) -> Vec<Closure> {
    let mut out = Vec::new();
    for c in raw {
        let shown = c.date.to_string();
        match shown.parse::<jiff::civil::Date>() {
            Ok(date) if c.date.time.is_none() => out.push(Closure {
                date,
                name: c.name.clone(),
            }),
            _ => diags.error(
                file,
                text.lines()
                    .position(|l| l.contains(&shown))
                    .map_or(1, |i| i + 1),
                format!("closure date `{shown}` is not a plain date"),
                "write the date as YYYY-MM-DD without quotes, such as 2026-12-25",
            ),
        }
    }
    out
}

fn check_not_blank(file: &Path, text: &str, diags: &mut Diagnostics, fields: &[(&str, &str)]) {
    for (key, value) in fields {
        if value.trim().is_empty() {
            diags.error(
                file,
                line_of_key(text, key).unwrap_or(1),
                format!("`{key}` is empty"),
                format!("write a value for `{key}`"),
            );
        }
    }
}

fn line_of_id(text: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    text.lines()
        .position(|l| l.contains(&needle))
        .map_or(1, |i| i + 1)
}

/// Each translation is a short language tag, listed once, other than the
/// default language.
fn check_translations(file: &Path, text: &str, raw: &RawSite, diags: &mut Diagnostics) {
    let line = line_of_key(text, "translations").unwrap_or(1);
    let mut seen = std::collections::BTreeSet::new();
    for tag in &raw.translations {
        let fine = super::translate::is_locale_tag(tag)
            && tag != &raw.default_locale
            && seen.insert(tag.as_str());
        if !fine {
            diags.error(
                file,
                line,
                format!("translations: `{tag}` is not a language tag, is listed twice or is the default language"),
                "list each other language once by its lower-case tag, such as \"cy\" for Welsh",
            );
        }
    }
}

/// Lower-case ASCII letters, digits and single dashes.
pub fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
