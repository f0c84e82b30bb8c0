//! Rendering: the "open now" states of Get in touch, and a snapshot of a
//! rendered module.

mod common;

use common::*;
use pathway::content::hours::{HelplineStatus, NextOpening};

fn text(page: &pathway::render::Rendered) -> String {
    String::from_utf8_lossy(page.identity()).into_owned()
}

#[test]
fn open_now_shows_closing_time_and_no_crisis_panel() {
    let pages = pages(&sample_content());
    let page = pages
        .get_in_touch_at(
            HelplineStatus::Open { until: 21 * 60 },
            jiff::civil::date(2026, 11, 23),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let html = text(&page);
    assert!(html.contains("Open now, until 9pm."), "{html}");
    assert!(!html.contains("While the helpline is closed"));
}

#[test]
fn closed_now_shows_next_opening_with_crisis_line_and_emergency_number() {
    let pages = pages(&sample_content());
    let status = HelplineStatus::Closed {
        closure: None,
        next: Some(NextOpening {
            days_ahead: 3,
            weekday: 0,
            at: 9 * 60,
        }),
    };
    let html = text(
        &pages
            .get_in_touch_at(status, jiff::civil::date(2026, 11, 27))
            .unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(html.contains("Closed now."), "{html}");
    assert!(html.contains("It opens on Monday at 9am."));
    let panel = html
        .split("While the helpline is closed")
        .nth(1)
        .unwrap_or_default();
    assert!(
        panel.contains("Samaritans") && panel.contains("116 123"),
        "crisis line beside the status"
    );
    assert!(
        panel.contains("call 999"),
        "emergency number beside the status"
    );
}

#[test]
fn closures_are_named_and_listed() {
    let pages = pages(&sample_content());
    let status = HelplineStatus::Closed {
        closure: Some("Christmas Day".into()),
        next: Some(NextOpening {
            days_ahead: 3,
            weekday: 0,
            at: 9 * 60,
        }),
    };
    let html = text(
        &pages
            .get_in_touch_at(status, jiff::civil::date(2026, 12, 25))
            .unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(html.contains("Closed today: Christmas Day."), "{html}");
    assert!(html.contains("Friday 25 December 2026: Christmas Day"));
    assert!(
        html.contains("Friday 1 January 2027: New Year&#39;s Day")
            || html.contains("Friday 1 January 2027: New Year&#x27;s Day"),
        "{html}"
    );
}

#[test]
fn live_status_matches_the_clock() {
    // The handler's status comes from the real clock in the helpline's zone.
    let programme = pathway::content::load(&sample_content(), jiff::civil::date(2026, 11, 25))
        .programme
        .unwrap_or_else(|| panic!("loads"));
    let hours = &programme.site.helpline.hours;
    let zone = jiff::tz::TimeZone::get("Europe/London").unwrap_or_else(|e| panic!("{e}"));
    let at = |now: jiff::ZonedDateTime| {
        hours.status_at(now.date(), now.hour() as u16 * 60 + now.minute() as u16)
    };
    let before = at(jiff::Timestamp::now().to_zoned_datetime(zone.clone()));
    let live = hours.status_at_instant(jiff::Timestamp::now());
    let after = at(jiff::Timestamp::now().to_zoned_datetime(zone));
    // A minute may tick over between the calls.
    assert!(
        live == before || live == after,
        "{live:?} vs {before:?} / {after:?}"
    );
}

#[test]
fn module_page_snapshot() {
    let pages = pages(&fixture_content());
    let page = pages
        .get("/modules/first")
        .unwrap_or_else(|| panic!("first module page"));
    let html = text(&page);
    let main = html
        .split("<main id=\"main\" class=\"wrap\" tabindex=\"-1\">")
        .nth(1)
        .and_then(|rest| rest.split("</main>").next())
        .unwrap_or_default();
    insta::assert_snapshot!("fixture_module_main", main);
}
