//! View builders for the site's pages other than modules, and the embedded
//! static assets.

use crate::content::hours::HelplineStatus;
use crate::content::{Audience, Programme};
use crate::i18n::I18n;

use super::cache::{ASSET, Rendered};
use super::markdown::to_html;
use super::module::module_title;
use super::views::{
    CrisisPage, ErrorPage, GetInTouchPage, HomePage, Layout, ModuleCard, Phone, PrivacyPage,
    ServiceView, UrgeSectionView, UrgeView, crisis_view,
};

pub fn home(p: &Programme, t: &I18n) -> HomePage {
    home_in(p, t, "")
}

/// The home page under `prefix` ("" for the default language).
pub fn home_in(p: &Programme, t: &I18n, prefix: &str) -> HomePage {
    let site = &p.site;
    let cards = |audience: Audience| -> Vec<ModuleCard> {
        p.modules
            .iter()
            .filter(|m| m.front.audience == audience)
            .enumerate()
            .map(|(i, m)| ModuleCard {
                number: i + 1,
                title: m.front.title.clone(),
                summary: m.front.summary.clone(),
                minutes: t.tn("minutes", "minutes", i64::from(m.front.minutes)),
                href: format!("{prefix}/modules/{}", m.front.slug),
            })
            .collect()
    };
    HomePage {
        l: Layout::new(site, t, &site.titles.home, "home"),
        heading: t.t("home-heading"),
        intro_html: super::markdown::to_html_in(&site.home.intro, prefix),
        confidentiality_html: super::markdown::to_html_in(&site.home.confidentiality, prefix),
        modules: cards(Audience::Own),
        family: cards(Audience::SomeoneElse),
        young: ServiceView::new(&site.young_people, t),
        someone_else: someone_else(p, t, prefix),
    }
}

/// The "worried about someone else" signpost, with a link to the pages
/// for family and friends (under `prefix`) when there are any.
fn someone_else(p: &Programme, t: &I18n, prefix: &str) -> ServiceView {
    let mut view = ServiceView::new(&p.site.someone_else, t);
    if p.modules
        .iter()
        .any(|m| m.front.audience == Audience::SomeoneElse)
    {
        let href = super::locales::in_prefix(prefix, "/#family-and-friends");
        view.pages = Some((href, t.t("home-family-link")));
    }
    view
}

pub fn privacy(p: &Programme, t: &I18n, draft_days: u16, request_log: bool) -> PrivacyPage {
    PrivacyPage {
        l: Layout::new(&p.site, t, &p.site.titles.privacy, "privacy"),
        log_text: t.t(if request_log {
            "privacy-stored-log-on"
        } else {
            "privacy-stored-log-off"
        }),
        survey_text: t.ta(
            "privacy-stored-survey",
            &[("days", &draft_days.to_string())],
        ),
        confidentiality_html: super::markdown::jurisdictions_confidentiality_html(&p.site),
        messages_text: p.site.messages.enabled.then(|| {
            t.ta(
                "privacy-stored-messages",
                &[("days", &p.site.messages.keep_days.to_string())],
            )
        }),
    }
}

/// The page for when an urge is strong, with the helpline's `status`.
/// The urge page of `p` in the language whose strings are `t` and whose
/// address prefix is `prefix` ("" for the default).
pub fn urge(
    p: &Programme,
    u: &crate::content::urge::UrgePage,
    t: &I18n,
    status: &HelplineStatus,
    prefix: &str,
) -> UrgeView {
    let site = &p.site;
    let emergency = Phone::new(&site.emergency.number);
    let (open, status, _) = status_text(status, t);
    let minutes = u.delay_minutes.to_string();
    UrgeView {
        l: Layout::new(site, t, &t.t("urge-page-title"), "urge"),
        heading: u.title.clone(),
        intro_html: super::markdown::to_html_in(&u.intro, prefix),
        delay_heading: t.ta("urge-delay-heading", &[("minutes", &minutes)]),
        delay_minutes: u.delay_minutes,
        delay_html: super::markdown::to_html_in(&u.delay, prefix),
        delay_fallback: t.ta("urge-delay-fallback", &[("minutes", &minutes)]),
        sections: u
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| UrgeSectionView {
                heading: s.heading.clone(),
                anchor: format!("urge-{}", i + 1),
                body_html: super::markdown::to_html_in(&s.body, prefix),
            })
            .collect(),
        open,
        status,
        crisis_lines: site.crisis_lines.iter().map(crisis_view).collect(),
        emergency_number: emergency.display,
        emergency_tel: emergency.tel,
        fallback_notice: String::new(),
        content_lang: String::new(),
        content_dir: "ltr",
    }
}

pub fn crisis(p: &Programme, t: &I18n) -> CrisisPage {
    crisis_in(p, t, "")
}

/// Urgent help under `prefix` ("" for the default language).
pub fn crisis_in(p: &Programme, t: &I18n, prefix: &str) -> CrisisPage {
    let site = &p.site;
    let emergency = Phone::new(&site.emergency.number);
    CrisisPage {
        l: Layout::new(site, t, &site.titles.crisis, "crisis"),
        more_html: site
            .emergency
            .more
            .as_deref()
            .map(|more| super::markdown::to_html_in(more, prefix))
            .unwrap_or_default(),
        emergency_number: emergency.display,
        emergency_tel: emergency.tel,
        crisis_lines: site.crisis_lines.iter().map(crisis_view).collect(),
        helpline_text: t.ta("crisis-helpline-text", &[("name", &site.helpline.name)]),
        young: ServiceView::new(&site.young_people, t),
        someone_else: someone_else(p, t, prefix),
    }
}

pub fn get_in_touch(
    p: &Programme,
    t: &I18n,
    status: &HelplineStatus,
    today: jiff::civil::Date,
) -> GetInTouchPage {
    let site = &p.site;
    let h = &site.helpline;
    let (open, status_text, next) = status_text(status, t);
    let hours = hours_rows(&h.hours, t);
    let closures = h
        .hours
        .upcoming_closures(today)
        .into_iter()
        .map(|c| (t.long_date(c.date), c.name.clone()))
        .collect();
    GetInTouchPage {
        l: Layout::new(site, t, &site.titles.get_in_touch, "get-in-touch"),
        intro: t.ta("git-intro", &[("name", &h.name)]),
        open,
        status: status_text,
        next,
        zone: t.ta("git-status-zone", &[("zone", &h.hours.tz_name)]),
        hours,
        closures,
        crisis_lines: site.crisis_lines.iter().map(crisis_view).collect(),
        what_happens_html: to_html(&h.what_happens),
        confidentiality_html: super::markdown::confidentiality_html(site),
        other_ways_html: h.other_ways.as_deref().map(to_html),
        live_chat_url: h.live_chat_url.clone(),
        email: h.email.clone(),
    }
}

/// The weekly opening hours as (day, times) rows, Monday first.
pub fn hours_rows(hours: &crate::content::hours::OpeningHours, t: &I18n) -> Vec<(String, String)> {
    hours
        .days
        .iter()
        .enumerate()
        .map(|(i, spans)| {
            let times = if spans.is_empty() {
                t.t("git-hours-closed")
            } else {
                spans
                    .iter()
                    .map(|s| {
                        t.ta(
                            "git-hours-to",
                            &[("start", &t.time(s.start)), ("end", &t.time(s.end))],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (t.weekday(i as u8), times)
        })
        .collect()
}

pub(super) fn status_text(status: &HelplineStatus, t: &I18n) -> (bool, String, Option<String>) {
    match status {
        HelplineStatus::Open { until } => (
            true,
            t.ta("git-status-open", &[("time", &t.time(*until))]),
            None,
        ),
        HelplineStatus::Closed { closure, next } => {
            let text = match closure {
                Some(reason) => t.ta("git-status-closed-today", &[("reason", reason)]),
                None => t.t("git-status-closed"),
            };
            let next = next.as_ref().map(|n| {
                let time = t.time(n.at);
                match n.days_ahead {
                    0 => t.ta("git-opens-today", &[("time", &time)]),
                    1 => t.ta("git-opens-tomorrow", &[("time", &time)]),
                    _ => t.ta(
                        "git-opens-on",
                        &[("day", &t.weekday(n.weekday)), ("time", &time)],
                    ),
                }
            });
            (false, text, next)
        }
    }
}

pub fn not_found(p: &Programme, t: &I18n) -> ErrorPage {
    ErrorPage {
        l: Layout::new(&p.site, t, &t.t("not-found-heading"), "error"),
        heading: t.t("not-found-heading"),
        text: t.t("not-found-text"),
    }
}

pub fn internal_error(p: &Programme, t: &I18n) -> ErrorPage {
    ErrorPage {
        l: Layout::new(&p.site, t, &t.t("error-heading"), "error"),
        heading: t.t("error-heading"),
        text: t.t("error-text"),
    }
}

const STYLE: &[u8] = include_bytes!("../../static/style.css");
const SCRIPT: &[u8] = include_bytes!("../../static/quick-exit.js");
/// The staff area's and the survey report's style (the CLI report embeds it).
pub const STAFF_STYLE: &str = include_str!("../../static/staff.css");

/// A short hash of the CSS and script, added to their URLs so that a new
/// release is never hidden behind a cached copy.
pub fn asset_version() -> &'static str {
    static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(STYLE)
            .chain_update(SCRIPT)
            .chain_update(STAFF_STYLE)
            .finalize();
        digest[..6].iter().map(|b| format!("{b:02x}")).collect()
    });
    &VERSION
}

/// The static assets embedded in the binary.
pub fn assets() -> Vec<(&'static str, Rendered)> {
    vec![
        (
            "/static/style.css",
            Rendered::new(STYLE, "text/css; charset=utf-8", ASSET),
        ),
        (
            "/static/staff.css",
            Rendered::new(STAFF_STYLE.as_bytes(), "text/css; charset=utf-8", ASSET),
        ),
        (
            "/static/quick-exit.js",
            Rendered::new(SCRIPT, "text/javascript; charset=utf-8", ASSET),
        ),
        (
            "/static/favicon.svg",
            Rendered::new(
                &include_bytes!("../../static/favicon.svg")[..],
                "image/svg+xml",
                ASSET,
            ),
        ),
    ]
}

/// Module titles are discreet: re-exported for the PDF and tests.
pub fn discreet_module_title(p: &Programme, number: usize) -> String {
    module_title(p, number)
}
