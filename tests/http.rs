//! In-process HTTP tests: every page, every header rule, conditional
//! requests, compression negotiation and the no-cookie rule.

mod common;

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use pathway::config::HttpConfig;

#[tokio::test]
async fn every_public_page_renders_with_helpline_crisis_line_and_quick_exit() {
    let app = app().await;
    let pages = public_pages();
    assert!(pages.len() >= 8, "{pages:?}");
    for path in pages {
        let r = get(&app, &path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        let html = r.text();
        assert!(
            html.contains(r##"<a class="skip-link" href="#main">"##),
            "{path}: skip link"
        );
        assert!(html.contains(r#"id="main""#), "{path}: skip target");
        assert!(
            html.contains(r#"href="tel:08081000900""#),
            "{path}: helpline tel link"
        );
        assert!(html.contains("0808 1000 900"), "{path}: helpline number");
        assert!(html.contains("116 123"), "{path}: crisis line");
        assert!(
            html.contains(
                r#"class="quick-exit" id="quick-exit" href="https://www.bbc.co.uk/weather""#
            ),
            "{path}: quick exit is a plain link"
        );
        assert!(
            html.contains("This is sample content"),
            "{path}: sample banner"
        );
        assert!(
            !html.contains(pathway::i18n::MISSING),
            "{path}: a UI string is missing"
        );
    }
}

#[tokio::test]
async fn page_titles_are_discreet() {
    let app = app().await;
    let r = get(&app, "/modules/sexual-communication-online").await;
    let html = r.text();
    assert!(html.contains("<title>Module 2 – Pathway</title>"), "{html}");
    // What a tab, history list or bookmark can show: the head without the
    // `hreflang` links, which only repeat addresses (the address bar shows
    // the page's own).
    let head = html.split("</head>").next().unwrap_or_default();
    let mut parts = head.split(r#"<link rel="alternate" hreflang="#);
    let first = parts.next().unwrap_or_default();
    let shown: String = std::iter::once(first)
        .chain(parts.map(|part| part.split_once('>').map_or(part, |(_, rest)| rest)))
        .collect();
    assert!(head.contains("hreflang"), "the sample has a translation");
    assert!(
        !shown.to_lowercase().contains("sexual"),
        "the head names the topic"
    );
    assert!(
        get(&app, "/")
            .await
            .text()
            .contains("<title>Home – Pathway</title>")
    );
}

#[tokio::test]
async fn module_page_has_aims_body_blocks_pager_and_help() {
    let app = app().await;
    let html = get(&app, "/modules/sexual-communication-online")
        .await
        .text();
    for needle in [
        "Working through this module can help you look at and make sense of:",
        "What drew you to talk to children in a sexual way online",
        "The steps by which your contact with children turned sexual",
        "The reasons you gave yourself that made it seem acceptable",
        "Section 15A of the Sexual Offences Act 2003",
        "Sexual Offences (Scotland) Act 2009",
        "Article 22A of the Sexual Offences (Northern Ireland) Order 2008",
        "Criminal Law (Sexual Offences) Act 2017",
        "If you are talking to a child now",
        "3 April 2017",
        "not legal advice",
        r#"<details class="case">"#,
        "Did you recognise any of your own behaviours",
        r#"rel="prev""#,
        r#"rel="next""#,
        r#"href="/modules/managing-urges""#,
        "Talk to someone about this module",
    ] {
        assert!(html.contains(needle), "module page lacks {needle}");
    }
    let cases = html.matches(r#"<details class="case">"#).count();
    assert!(cases >= 3, "{cases} case examples");
    // Jurisdiction blocks: all shown, labelled, with jump links.
    for (anchor, name) in [
        ("the-law-england-and-wales", "England and Wales"),
        ("the-law-scotland", "Scotland"),
        ("the-law-northern-ireland", "Northern Ireland"),
        ("the-law-republic-of-ireland", "Republic of Ireland"),
    ] {
        assert!(
            html.contains(&format!(r##"<a href="#{anchor}">{name}</a>"##)),
            "jump to {anchor}"
        );
        assert!(
            html.contains(&format!(r#"<h3 id="{anchor}">{name}</h3>"#)),
            "{anchor} section"
        );
    }
    // Every section anchor in the contents list exists.
    for anchor in [
        "what-it-means",
        "the-law",
        "motivations",
        "progression",
        "the-child",
        "justifications",
        "examples",
        "reflection",
    ] {
        assert!(
            html.contains(&format!(r##"href="#{anchor}""##)),
            "toc {anchor}"
        );
        assert!(
            html.contains(&format!(r#"<h2 id="{anchor}">"#)),
            "heading {anchor}"
        );
    }
}

#[tokio::test]
async fn home_lists_modules_in_order_with_services() {
    let app = app().await;
    let html = get(&app, "/").await.text();
    let first = html.find("Understanding your thoughts and behaviour");
    let second = html.find("Sexual communication with children online");
    let fourth = html.find("Getting support and moving forward");
    assert!(
        first.is_some() && first < second && second < fourth,
        "modules out of order"
    );
    assert!(html.contains("About 25 minutes"));
    assert!(html.contains("If you are under 18"));
    assert!(html.contains("Shore"));
    assert!(html.contains("If you are worried about someone else"));
    let privacy_note = html
        .split(r#"class="privacy-note""#)
        .nth(1)
        .unwrap_or_default();
    assert!(
        privacy_note.contains(r#"href="/privacy""#),
        "the confidentiality note links to the privacy page"
    );
    // The survey invitation, linked from the page and the footer.
    assert!(html.matches(r#"href="/survey""#).count() >= 2);
}

#[tokio::test]
async fn crisis_and_privacy_pages_say_what_they_must() {
    let app = app().await;
    let crisis = get(&app, "/crisis").await.text();
    for needle in [
        "Samaritans",
        "116 123",
        r#"href="tel:999""#,
        "Shore",
        "worried about someone else",
    ] {
        assert!(crisis.contains(needle), "crisis page lacks {needle}");
    }
    let privacy = get(&app, "/privacy").await.text();
    for needle in [
        "We do not record your IP address",
        "sets no cookies",
        "Staying private on this device",
        "private browsing",
        "downloads folder",
        "not to keep copies of its pages",
    ] {
        assert!(privacy.contains(needle), "privacy page lacks {needle}");
    }
}

#[tokio::test]
async fn unknown_pages_get_the_styled_404_and_other_methods_405() {
    let app = app().await;
    for path in [
        "/nope",
        "/modules/nope",
        "/modules/understanding-your-behaviour/",
        "/static/missing.css",
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        let html = r.text();
        assert!(html.contains("Page not found"), "{path}");
        assert!(html.contains("/static/style.css"), "{path}: styled");
        assert!(html.contains("0808 1000 900"), "{path}: helpline");
    }
    let post = Request::post("/")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let r = send(&app, post).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    let head = Request::head("/privacy")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let r = send(&app, head).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_no_cookie() {
    let app = app().await;
    let mut paths = public_pages();
    paths.extend([
        "/nope".to_string(),
        "/static/style.css".to_string(),
        "/static/quick-exit.js".to_string(),
    ]);
    for path in paths {
        let r = get(&app, &path).await;
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(csp.contains("form-action 'self'"), "{path}");
        assert!(csp.contains("base-uri 'none'"), "{path}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{path}"
        );
        assert_eq!(r.header("referrer-policy"), Some("same-origin"), "{path}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        let pp = r.header("permissions-policy").unwrap_or_default();
        for feature in ["camera=()", "microphone=()", "geolocation=()"] {
            assert!(pp.contains(feature), "{path}: {feature}");
        }
        assert!(
            r.headers.get("set-cookie").is_none(),
            "{path} sets a cookie"
        );
        assert!(
            r.headers.get("strict-transport-security").is_none(),
            "{path}: HSTS without TLS"
        );
    }
    let post = Request::post("/privacy")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let r = send(&app, post).await;
    assert!(r.headers.get("content-security-policy").is_some());
    assert!(r.headers.get("set-cookie").is_none());
}

#[tokio::test]
async fn hsts_is_sent_when_configured_for_tls() {
    let http = HttpConfig {
        hsts: true,
        ..HttpConfig::default()
    };
    let app = app_with(&sample_content(), http).await;
    let r = get(&app, "/").await;
    assert!(
        r.header("strict-transport-security")
            .is_some_and(|v| v.contains("max-age="))
    );
}

#[tokio::test]
async fn onion_location_names_the_same_page_when_configured() {
    let plain = get(&app().await, "/").await;
    assert!(plain.header("onion-location").is_none());
    let http = HttpConfig {
        onion_location: Some("http://pathwayexampleonionaddress.onion".into()),
        ..HttpConfig::default()
    };
    let app = app_with(&sample_content(), http).await;
    let r = get(&app, "/modules/managing-urges").await;
    assert_eq!(
        r.header("onion-location"),
        Some("http://pathwayexampleonionaddress.onion/modules/managing-urges")
    );
}

#[tokio::test]
async fn pages_use_only_this_sites_assets() {
    let app = app().await;
    for path in public_pages() {
        let html = get(&app, &path).await.text();
        for attr in [
            "src=\"",
            "<link rel=\"stylesheet\" href=\"",
            "<link rel=\"icon\" href=\"",
        ] {
            for part in html.split(attr).skip(1) {
                assert!(
                    part.starts_with('/') && !part.starts_with("//"),
                    "{path}: {attr}{}",
                    &part[..40.min(part.len())]
                );
            }
        }
        assert!(
            !html.contains(" style=\""),
            "{path}: inline style breaks the CSP"
        );
        assert!(
            !html.contains("<script>"),
            "{path}: inline script breaks the CSP"
        );
        for form in html.split("<form").skip(1) {
            assert!(
                form.starts_with(r#" method="post" action="/modules/"#)
                    || form.starts_with(r#" method="post" action="/survey/"#)
                    || form.starts_with(r#" method="post" action="/reminder.ics""#),
                "{path}: a form posts elsewhere: {}",
                &form[..60.min(form.len())]
            );
        }
    }
}

#[tokio::test]
async fn conditional_requests_get_304() {
    let app = app().await;
    let r = get(&app, "/modules/managing-urges").await;
    let etag = r.header("etag").unwrap_or_default().to_string();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let again = send(
        &app,
        request("/modules/managing-urges", &[("if-none-match", &etag)]),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    // A weak or compressed-variant tag for the same page also matches.
    let weak = format!("W/{}", etag.trim_end_matches('"').to_string() + "-br\"");
    let again = send(
        &app,
        request("/modules/managing-urges", &[("if-none-match", &weak)]),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let other = send(
        &app,
        request("/modules/managing-urges", &[("if-none-match", "\"0000\"")]),
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
    // Another page's tag does not match.
    let home = send(&app, request("/", &[("if-none-match", &etag)])).await;
    assert_eq!(home.status, StatusCode::OK);
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(data, 4096)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

#[tokio::test]
async fn compression_is_negotiated_from_stored_variants() {
    let app = app().await;
    let path = "/modules/sexual-communication-online";
    let plain = get(&app, path).await;
    assert!(plain.headers.get("content-encoding").is_none());
    assert_eq!(plain.header("vary"), Some("accept-encoding"));

    let br = send(
        &app,
        request(path, &[("accept-encoding", "gzip, deflate, br")]),
    )
    .await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(unbrotli(&br.body), plain.body);
    assert!(
        br.body.len() * 3 < plain.body.len(),
        "brotli barely compresses"
    );

    let gz = send(&app, request(path, &[("accept-encoding", "gzip")])).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(gunzip(&gz.body), plain.body);

    let refused = send(
        &app,
        request(path, &[("accept-encoding", "br;q=0, gzip;q=0.5")]),
    )
    .await;
    assert_eq!(refused.header("content-encoding"), Some("gzip"));

    let none = send(&app, request(path, &[("accept-encoding", "identity")])).await;
    assert!(none.headers.get("content-encoding").is_none());
    assert_eq!(none.body, plain.body);

    // Each variant has its own tag, so caches never mix them up.
    assert_ne!(br.header("etag"), gz.header("etag"));
    assert_ne!(gz.header("etag"), plain.header("etag"));
}

#[tokio::test]
async fn get_in_touch_shows_hours_status_and_what_to_expect() {
    let app = app().await;
    let html = get(&app, "/get-in-touch").await.text();
    for needle in [
        "Opening hours",
        "<th scope=\"row\">Monday</th><td>9am to 9pm</td>",
        "<th scope=\"row\">Friday</th><td>9am to 5pm</td>",
        "<th scope=\"row\">Sunday</th><td>Closed</td>",
        "What happens when you call",
        "Confidentiality and its limits",
        "Europe/London",
    ] {
        assert!(html.contains(needle), "get in touch lacks {needle}");
    }
    assert!(
        html.contains("Open now") || html.contains("Closed now") || html.contains("Closed today")
    );
}

#[tokio::test]
async fn request_bodies_over_the_limit_are_refused() {
    let http = HttpConfig {
        body_limit: 1024,
        ..HttpConfig::default()
    };
    let app = app_with(&sample_content(), http).await;
    let big = Request::post("/get-in-touch")
        .header("content-length", "4096")
        .body(Body::from(vec![b'x'; 4096]))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = send(&app, big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// The one clock: with the date and time set, "Get in touch" says open or
/// closed for that moment, including a holiday closure.
#[tokio::test]
async fn get_in_touch_follows_the_clock_it_is_given() {
    use pathway::clock::Clock;
    let at = |when: &str| {
        let ts: jiff::Timestamp = when.parse().unwrap_or_else(|e| panic!("{e}"));
        Clock::fixed(ts)
    };
    let app_at = |clock: Clock| async move {
        let store = pathway::db::Store::connect("sqlite::memory:", true)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
        let version =
            pathway::services::content::ContentVersion::of_pages(pages(&sample_content()));
        pathway::http::router(pathway::http::AppState::with_content(
            version,
            store,
            HttpConfig::default(),
            clock,
        ))
    };
    // A Monday at 10:00 in London: open.
    let open = app_at(at("2026-11-30T10:00:00Z")).await;
    assert!(
        get(&open, "/get-in-touch")
            .await
            .text()
            .contains("Open now")
    );
    // The same Monday at 23:00: closed.
    let late = app_at(at("2026-11-30T23:00:00Z")).await;
    assert!(
        !get(&late, "/get-in-touch")
            .await
            .text()
            .contains("Open now")
    );
    // Christmas Day, a Friday, at 10:00: closed for the holiday.
    let holiday = app_at(at("2026-12-25T10:00:00Z")).await;
    assert!(
        !get(&holiday, "/get-in-touch")
            .await
            .text()
            .contains("Open now")
    );
}

/// What the helpline must pass on is said for each jurisdiction in
/// `site.toml`, on Get in touch, the messages page and the privacy page.
#[tokio::test]
async fn confidentiality_limits_are_given_per_jurisdiction() {
    let app = app().await;
    for path in ["/get-in-touch", "/messages", "/privacy"] {
        let html = get(&app, path).await.text();
        for needle in [
            "<h3>England and Wales</h3>",
            "<h3>Northern Ireland</h3>",
            "must report it to the police",
            "<h3>Republic of Ireland</h3>",
            "Gardaí",
        ] {
            assert!(html.contains(needle), "{path} lacks {needle}");
        }
    }
}

/// Pages for family and friends are a series of their own: listed apart on
/// the home page, linked from the "worried about someone else" signpost,
/// numbered and paged among themselves.
#[tokio::test]
async fn pages_for_family_and_friends_form_their_own_series() {
    let app = app().await;
    let home = get(&app, "/").await.text();
    let family = home
        .split("id=\"family-and-friends\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no family section: {home}"));
    assert!(family.contains("/modules/worried-about-someone"));
    assert!(family.contains("/modules/looking-after-yourself"));
    let own = home.split("id=\"family-and-friends\"").next().unwrap_or("");
    assert!(!own.contains("/modules/worried-about-someone"));
    assert!(home.contains("href=\"/#family-and-friends\">Read our pages for family and friends"));
    let first = get(&app, "/modules/worried-about-someone").await.text();
    assert!(first.contains("Module 1 of 2"), "{first}");
    assert!(first.contains("href=\"/modules/looking-after-yourself\""));
    assert!(!first.contains("rel=\"prev\""), "the series starts here");
    let last_own = get(&app, "/modules/arrested-or-under-investigation")
        .await
        .text();
    assert!(!last_own.contains("/modules/worried-about-someone"));
    // Every page's footer links to them.
    for path in ["/privacy", "/modules/managing-urges", "/get-in-touch"] {
        let html = get(&app, path).await.text();
        assert!(html.contains("Pages for family and friends"), "{path}");
    }
    // Their PDFs: tests/pdf.rs fetches every module's.
}
