//! Tools that store nothing: the calendar reminder. Built per request from
//! what the person typed, checked with a real iCalendar parser, refused
//! from other sites, limited per address, and never kept: what was typed
//! reaches no database file and no log line.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::tools::{kept_nowhere, page_size};
use common::*;
use icalendar::parser::{read_calendar, unfold};

fn day_after(days: i64) -> String {
    today()
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or_else(|e| panic!("{e}"))
        .to_string()
}

/// (property, value) pairs of one component.
type Props = Vec<(String, String)>;

/// The one event of a calendar file, as (property, value) pairs, and its
/// alarm's.
fn event_of(ics: &str) -> (Props, Props) {
    let unfolded = unfold(ics);
    let cal = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    assert_eq!(cal.components.len(), 1, "one VEVENT");
    let event = &cal.components[0];
    assert_eq!(event.name.as_str(), "VEVENT");
    let props = |c: &icalendar::parser::Component| {
        c.properties
            .iter()
            .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(event.components.len(), 1, "one VALARM");
    assert_eq!(event.components[0].name.as_str(), "VALARM");
    (props(event), props(&event.components[0]))
}

#[tokio::test]
async fn a_reminder_is_a_valid_calendar_file_with_only_what_the_person_wrote() {
    let app = app().await;
    let on = day_after(10);
    let form = get(&app, &format!("/reminder?on={on}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.header("cache-control"), Some("no-store"));
    let html = form.text();
    assert!(
        html.contains(&format!(r#"name="on" value="{on}""#)),
        "{html}"
    );
    assert!(html.contains(r#"name="title" maxlength="60" value="Reminder""#));
    // A day that cannot be used is simply left for the person to choose.
    let odd = get(&app, "/reminder?on=1999-01-01").await.text();
    assert!(odd.contains(r#"name="on" value="""#));

    let r = send(
        &app,
        post_form(
            "/reminder.ics",
            format!("on={on}&title=Walk%3B+then+read&description=Module+3%2C+page+2"),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"reminder.ics\"")
    );
    assert!(r.headers.get("set-cookie").is_none());
    let (event, alarm) = event_of(&r.text());
    let get = |list: &[(String, String)], k: &str| {
        list.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get(&event, "SUMMARY"), "Walk; then read");
    assert_eq!(get(&event, "DESCRIPTION"), "Module 3, page 2");
    assert_eq!(get(&event, "DTSTART"), on.replace('-', ""));
    assert_eq!(get(&alarm, "ACTION"), "DISPLAY");
    assert_eq!(get(&alarm, "TRIGGER"), "PT9H");
    let text = r.text();
    for never in ["Pathway", "Helpline", "http", "URL", "LOCATION"] {
        assert!(!text.contains(never), "{never} in {text}");
    }
    // Left empty: the neutral default title and no description.
    let plain = send(&app, post_form("/reminder.ics", format!("on={on}&title=+"))).await;
    let (event, _) = event_of(&plain.text());
    assert_eq!(get(&event, "SUMMARY"), "Reminder");
    assert!(event.iter().all(|(n, _)| n != "DESCRIPTION"));
}

#[tokio::test]
async fn a_day_out_of_range_shows_the_form_again_with_what_was_typed() {
    let app = app().await;
    for on in ["1999-01-01", &day_after(400), "soon"] {
        let r = send(
            &app,
            post_form(
                "/reminder.ics",
                format!("on={on}&title=Garden&description=Seeds"),
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text();
        assert!(html.contains("Please choose a day from today to one year from now."));
        assert!(html.contains(r#"value="Garden""#) && html.contains(r#"value="Seeds""#));
        assert!(
            html.contains(&format!(r#"name="on" value="{on}""#)),
            "{html}"
        );
    }
}

#[tokio::test]
async fn reminders_are_refused_from_other_sites_and_limited_per_address() {
    let app = app().await;
    let on = day_after(3);
    let forged = Request::post("/reminder.ics")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!("on={on}")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(send(&app, forged).await.status, StatusCode::FORBIDDEN);
    let mut last = StatusCode::OK;
    for _ in 0..61 {
        last = send(&app, post_form("/reminder.ics", format!("on={on}")))
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    let big = "x".repeat(20 * 1024);
    let r = send(
        &app,
        post_form("/reminder.ics", format!("on={on}&description={big}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// Module pages, the entry questionnaire's thank-you page and a sent
/// message offer the reminder; none of them keeps what is typed in it.
#[tokio::test]
async fn the_reminder_is_offered_where_people_come_back_and_nothing_is_kept() {
    let captured = Captured::default();
    let _guard = captured.install();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let module = get(&app, "/modules/managing-urges").await.text();
    assert!(module.contains(r#"<form method="post" action="/reminder.ics""#));
    let thanks = {
        let token = common::survey::start_entry(&app).await;
        common::survey::post_page(&app, &token, common::survey::PAGE1).await;
        for body in common::survey::ENTRY_PAGES {
            common::survey::post_page(&app, &token, body).await;
        }
        common::survey::post_page(&app, &token, "action=submit")
            .await
            .text()
    };
    assert!(
        thanks.contains(&format!(r#"name="on" value="{}""#, day_after(42))),
        "{thanks}"
    );
    const MARKER: &str = "ReminderMarker4417";
    let on = day_after(5);
    let r = send(
        &app,
        post_form(
            "/reminder.ics",
            format!("on={on}&title={MARKER}&description={MARKER}"),
        ),
    )
    .await;
    assert!(r.text().contains(MARKER));
    let bad = send(
        &app,
        post_form("/reminder.ics", format!("on=never&title={MARKER}")),
    )
    .await;
    assert!(bad.text().contains(MARKER), "kept in the page only");
    state.store.close().await;
    kept_nowhere(dir.path(), &captured, MARKER);
}

/// The urge page: from `urge.toml`, linked beside quick exit on every
/// page, with a countdown drawn by the style sheet, the content's
/// sections, the helpline's state and numbers; no form, nothing to keep.
#[tokio::test]
async fn the_urge_page_is_one_step_from_every_page() {
    let app = app().await;
    for path in [
        "/",
        "/modules/managing-urges",
        "/get-in-touch",
        "/survey",
        "/reminder",
    ] {
        let html = get(&app, path).await.text();
        let exit = html.find(r#"id="quick-exit""#);
        let urge = html.find(r#"<a class="urge-link" href="/urge""#);
        assert!(exit.is_some() && urge > exit, "{path}: beside quick exit");
    }
    let r = get(&app, "/urge").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let html = r.text();
    assert!(
        html.contains("<title>A moment to pause"),
        "a neutral tab title"
    );
    assert!(html.contains("<h1>When an urge is strong</h1>"));
    assert!(html.contains(r#"<div class="countdown countdown-15" role="timer""#));
    assert!(html.contains("Wait 15 minutes"));
    assert!(
        html.contains("Set a timer for 15 minutes"),
        "the plain fallback"
    );
    for heading in [
        "Ground yourself",
        "Do something else",
        "Remember your reasons",
    ] {
        assert!(html.contains(&format!(">{heading}</h2>")), "{heading}");
    }
    assert!(html.contains(r#"href="tel:08081000900""#), "the helpline");
    assert!(
        html.contains(r#"class="status status-"#),
        "open or closed now"
    );
    assert!(html.contains(r#"href="tel:999""#), "the emergency number");
    assert!(html.contains(r#"href="tel:116123""#), "the crisis line");
    assert!(
        !html.contains("<form method=\"post\" action=\"/urge"),
        "nothing is sent"
    );
    assert!(!html.contains("<script>"));
    // The style sheet draws every countdown the content may ask for.
    let css = get(&app, "/static/style.css").await.text();
    for m in pathway::content::urge::DELAYS {
        assert!(
            css.contains(&format!(
                ".countdown-{m} .countdown-minutes {{ animation-name: urge-{m}; }}"
            )),
            "{m}"
        );
    }
}

#[tokio::test]
async fn without_urge_toml_there_is_no_page_and_no_link() {
    let app = app_with(&fixture_content(), pathway::config::HttpConfig::default()).await;
    assert_eq!(get(&app, "/urge").await.status, StatusCode::NOT_FOUND);
    assert!(!get(&app, "/").await.text().contains("urge-link"));
}

#[test]
fn a_broken_urge_toml_is_reported_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&sample_content(), dir.path());
    let path = dir.path().join("urge.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        &path,
        text.replace("delay_minutes = 15", "delay_minutes = 12"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let loaded = pathway::content::load(dir.path(), today());
    assert!(loaded.programme.is_none());
    let errors = loaded.diagnostics.sorted();
    let e = errors
        .iter()
        .find(|e| e.file.ends_with("urge.toml"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(e.line, 14, "{e}");
    assert!(
        e.message.contains("delay_minutes is 12") && e.help.contains("15"),
        "{e}"
    );
}

/// The coping card: a wallet-size card (85 x 55 mm) or an A4 page with
/// what the person wrote, the helpline and 999; never kept or logged; an
/// empty or too long form comes back with what was typed.
#[tokio::test]
async fn the_coping_card_is_typeset_and_nothing_is_kept() {
    let captured = Captured::default();
    let _guard = captured.install();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (app, state) = pdf_app(&sample_content(), dir.path(), 1, 1).await;
    let form = get(&app, "/coping-card").await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.text();
    for name in ["warning-signs", "instead", "call", "reasons"] {
        assert!(html.contains(&format!(r#"name="{name}""#)), "{name}");
    }
    assert!(
        get(&app, "/urge")
            .await
            .text()
            .contains(r#"href="/coping-card""#)
    );
    const MARKER: &str = "CardMarker5521";
    let body =
        format!("warning-signs=Tired+and+alone&instead=Walk+the+dog+{MARKER}&reasons=My+family");
    let wallet = send(
        &app,
        post_form("/coping-card.pdf", format!("{body}&size=wallet")),
    )
    .await;
    assert_eq!(wallet.status, StatusCode::OK, "{}", wallet.text());
    assert_eq!(wallet.header("content-type"), Some("application/pdf"));
    assert_eq!(wallet.header("cache-control"), Some("no-store"));
    assert_eq!(
        wallet.header("content-disposition"),
        Some("attachment; filename=\"card.pdf\"")
    );
    let (w, h, _) = page_size(&wallet.body);
    assert!(
        (w - 240.9).abs() < 1.0 && (h - 155.9).abs() < 1.0,
        "85 x 55 mm: {w} x {h}"
    );
    let text = pdf_text(&wallet.body);
    for want in [
        "My plan",
        "My warning signs",
        "Tired and alone",
        MARKER,
        "My family",
        "0808 1000 900",
        "999",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    assert!(!text.contains("Who I can call"), "an empty box is left out");
    assert_eq!(
        pdf_title(&wallet.body),
        "My plan – Pathway",
        "a neutral title"
    );
    let a4 = send(
        &app,
        post_form("/coping-card.pdf", format!("{body}&size=a4")),
    )
    .await;
    let (w, h, pages) = page_size(&a4.body);
    assert!(
        (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0 && pages == 1,
        "A4: {w} x {h}"
    );

    let empty = send(&app, post_form("/coping-card.pdf", "size=wallet&call=+")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .text()
            .contains("Please write something in at least one box.")
    );
    let long = format!("reasons={}&instead={MARKER}", "x".repeat(401));
    let too_long = send(&app, post_form("/coping-card.pdf", long)).await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_long.text().contains(MARKER),
        "what was typed comes back"
    );

    state.store.close().await;
    kept_nowhere(dir.path(), &captured, MARKER);
}
