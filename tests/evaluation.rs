//! The evaluation: the entry questionnaire offered before the modules, its
//! six-week follow-up linked only by the person's own code, the safety
//! block after an answer that reports contact with a child, and the
//! change within pairs on the staff results page, small counts hidden.

mod common;

use axum::http::StatusCode;
use common::staff::*;
use common::survey::{checked_page as page, *};
use common::*;

#[tokio::test]
async fn the_entry_questionnaire_is_offered_before_the_modules() {
    let app = app().await;
    let home = get(&app, "/").await.text();
    let invite = home.find(r#"href="/survey/entry""#);
    let modules = home.find(r#"id="modules-heading""#);
    assert!(
        invite.is_some() && invite < modules,
        "home offers it before the modules: {home}"
    );
    let first = get(&app, "/modules/understanding-your-behaviour")
        .await
        .text();
    assert!(
        first.contains(r#"href="/survey/entry""#),
        "module 1: {first}"
    );
    let second = get(&app, "/modules/sexual-communication-online")
        .await
        .text();
    assert!(
        !second.contains(r#"href="/survey/entry""#),
        "module 2 does not"
    );
    let family = get(&app, "/modules/worried-about-someone").await.text();
    assert!(
        !family.contains(r#"href="/survey/entry""#),
        "nor family pages"
    );

    let intro = get(&app, "/survey/entry").await;
    assert_eq!(intro.status, StatusCode::OK);
    let html = intro.text();
    assert!(
        html.contains("Before you start: how things are now"),
        "{html}"
    );
    assert!(html.contains("This takes about 5 minutes."), "{html}");
    assert!(html.contains(r#"<input type="hidden" name="survey" value="entry">"#));
    assert!(html.contains(r#"href="/survey/follow-up""#));
    // Consent missing: the same form again, still starting the entry.
    let refused = send(&app, post_form("/survey/start", "survey=entry")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains(r#"name="survey" value="entry""#));
    // Any other value starts the main survey, never a follow-up.
    let other = send(
        &app,
        post_form("/survey/start", "consent=yes&survey=entry-follow-up"),
    )
    .await;
    assert!(other.text().contains("Page 1 of 4"), "{}", other.text());
}

#[tokio::test]
async fn an_answer_reporting_contact_with_a_child_shows_the_safety_block_next() {
    let app = app().await;
    let token = start_entry(&app).await;
    assert!(
        page(&app, &token, PAGE1)
            .await
            .text()
            .contains("Page 2 of 5")
    );
    let third = page(&app, &token, ENTRY_PAGES[0]).await.text();
    assert!(third.contains("Page 3 of 5") && !third.contains("survey-safety"));
    let next = page(&app, &token, "q-contact=more&q-images=none&action=next").await;
    let html = next.text();
    assert_eq!(next.status, StatusCode::OK);
    assert!(html.contains("Page 4 of 5"), "the questionnaire carries on");
    assert!(html.contains(r#"class="callout callout-warning survey-safety""#));
    assert!(html.contains("If you are in contact with a child now"));
    assert!(html.contains("Stop now. Do not reply to the child"));
    assert!(html.contains("call 999"), "{html}");
    assert!(
        html.contains(r#"href="tel:08081000900""#),
        "the helpline: {html}"
    );
    // Only on the page after: not again further on, and not after "No".
    let fifth = page(&app, &token, ENTRY_PAGES[2]).await.text();
    assert!(fifth.contains("Page 5 of 5") && !fifth.contains("survey-safety"));
    let four = page(&app, &token, "action=back").await.text();
    assert!(four.contains("Page 4 of 5") && !four.contains("survey-safety"));
    let three = page(&app, &token, "action=back").await.text();
    assert!(three.contains("Page 3 of 5"), "{three}");
    let again = page(&app, &token, "q-contact=none&q-images=none&action=next").await;
    assert!(!again.text().contains("survey-safety"), "{}", again.text());
    // The answer is kept like any other.
    for body in &ENTRY_PAGES[2..] {
        page(&app, &token, body).await;
    }
    let done = page(&app, &token, "action=submit").await;
    assert!(done.text().contains("Your answers have been sent"));
}

/// A baseline and its follow-up are linked only by the code the person
/// keeps: shown once on the thank-you page, stored only as a hash, usable
/// from the set number of weeks on, once; the follow-up asks the same
/// questions, and the staff results show the pair's change.
#[tokio::test]
async fn a_follow_up_is_linked_to_the_entry_answers_by_the_persons_code() {
    let s = site().await;
    let (app, state) = (&s.app, &s.state);
    let token = start_entry(app).await;
    page(app, &token, PAGE1).await;
    for body in ENTRY_PAGES {
        page(app, &token, body).await;
    }
    let html = page(app, &token, "action=submit").await.text();
    assert!(html.contains("A short follow-up in 6 weeks"), "{html}");
    assert!(html.contains("the same questions again"), "{html}");
    let code = code_of(&html);
    // 18 random symbols and four for the baseline's id, in groups of four.
    assert_eq!(code.len(), 27, "{html}");
    assert!(html.contains(&format!(r#"name="code" value="{code}""#)));
    // The page is rendered once a day; each person still gets their own code.
    let other = finished_baseline(app).await;
    assert_eq!(other.len(), 27);
    assert_ne!(other, code);

    let follow = |body: String| send(app, post_form("/survey/follow-up", body));
    let typed = code.to_lowercase().replace('-', "+");
    let early = follow(format!("code={typed}&consent=yes")).await;
    assert!(early.text().contains("Your follow-up opens on"));
    sent_long_ago(state).await;
    let wrong = follow("code=2222-2222-2222-2222-22&consent=yes".into()).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("could not find a finished survey"));
    // The right id with another random part is refused the same way.
    let id_part = &code.replace('-', "")[18..];
    let forged = follow(format!("code=2222-2222-2222-2222-22{id_part}&consent=yes")).await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(forged.text().contains("could not find a finished survey"));
    let no_consent = follow(format!("code={typed}")).await;
    assert_eq!(no_consent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_consent.text().contains("tick the box"));

    let first = follow(format!("code={typed}&consent=yes")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert!(first.text().contains("Page 1 of 5"), "{}", first.text());
    let token = token_of(&first.text());
    page(app, &token, "q-age=35-44&q-site-use=often&action=next").await;
    // Better: worrying thoughts on no days, urge 2, more control.
    page(
        app,
        &token,
        "q-urge-days=no-days&q-urge-strength=2&q-distress=1&action=next",
    )
    .await;
    page(app, &token, ENTRY_PAGES[1]).await;
    page(app, &token, "q-control-can-stop=4&q-control-out-of-control=0&q-control-get-through=4&q-control-will-give-in=0&action=next").await;
    let review = page(app, &token, ENTRY_PAGES[3]).await;
    assert!(
        review.text().contains("Check your answers"),
        "{}",
        review.text()
    );
    let done = page(app, &token, "action=submit").await;
    assert!(done.text().contains("Your answers have been sent"));
    assert!(!done.text().contains("A short follow-up"));

    let (base, after) = entry_series(state).await;
    assert_eq!((base.len(), after.len()), (2, 1));
    let series = base[0].series_code_hash.clone().unwrap_or_default();
    assert_eq!(after[0].series_code_hash.as_deref(), Some(series.as_str()));
    assert!(
        !series.contains(&code.replace('-', "")),
        "only a hash is kept"
    );
    let again = follow(format!("code={typed}&consent=yes")).await;
    assert!(again.text().contains("already answered the follow-up"));

    // One pair is under the small-count rule: no figures on either page.
    let analyst = analyst(&s).await;
    for survey in ["entry", "entry-follow-up"] {
        let r = send(app, get_with(&format!("/staff/surveys/{survey}"), &analyst)).await;
        let html = r.text();
        assert_eq!(r.status, StatusCode::OK);
        assert!(html.contains("Change within each person"), "{html}");
        assert!(
            html.contains("<td>&#60;5</td><td colspan=\"4\">not shown</td>"),
            "{html}"
        );
    }
}

/// A code of 18 symbols, as given before codes carried the baseline's id
/// (its baseline found by the hash alone), still opens the follow-up.
#[tokio::test]
async fn a_code_from_before_codes_carried_ids_still_opens_the_follow_up() {
    use pathway::survey::code;
    let s = site().await;
    let typed = code::new_code().unwrap_or_else(|e| panic!("{e}"));
    let hash = code::hash(&code::normalise(&typed).unwrap_or_default());
    store(&s, "entry", &hash, &[]).await;
    sent_long_ago(&s.state).await;
    let r = send(
        &s.app,
        post_form("/survey/follow-up", format!("code={typed}&consent=yes")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().contains("Page 1 of 5"), "{}", r.text());
}

async fn analyst(s: &Site) -> String {
    let (key, _) = enrolled(s, "ann", "analyst").await;
    session_of(&sign_in(s, "ann", PASSWORD, &code_at(&key, 0)).await)
}

async fn store(s: &Site, survey: &str, code: &str, answers: &[(&str, &str, &str)]) {
    stored_response(&s.state, survey, 1, Some(code), answers).await;
}

/// Six people answered both times; one more only the entry, one only a
/// follow-up with an unknown code. The change is computed within the six
/// pairs: means, the interval and which way each pair went.
#[tokio::test]
async fn staff_see_the_change_within_pairs() {
    let s = site().await;
    let analyst = analyst(&s).await;
    // Urge strength before and after for six people: 8→3, 7→4, 6→6, 9→2,
    // 5→5, 4→6. Mean 6.5 → 4.33; change -2.17.
    let pairs = [(8, 3), (7, 4), (6, 6), (9, 2), (5, 5), (4, 6)];
    for (i, (before, after)) in pairs.iter().enumerate() {
        let code = format!("code-{i}");
        let (b, a) = (before.to_string(), after.to_string());
        store(
            &s,
            "entry",
            &code,
            &[("age", "", "25-34"), ("urge-strength", "", &b)],
        )
        .await;
        store(
            &s,
            "entry-follow-up",
            &code,
            &[
                ("age", "", "25-34"),
                ("urge-strength", "", &a),
                ("contact", "", "none"),
            ],
        )
        .await;
    }
    store(&s, "entry", "alone", &[("urge-strength", "", "10")]).await;
    store(
        &s,
        "entry-follow-up",
        "stranger",
        &[("urge-strength", "", "0")],
    )
    .await;
    let html = send(&s.app, get_with("/staff/surveys/entry-follow-up", &analyst))
        .await
        .text();
    let html = between(&html, "Change within each person", "</table>");
    let row = between(
        html,
        "<th scope=\"row\">Strongest urge, last 7 days (0 to 10)</th>",
        "</tr>",
    );
    assert_eq!(
        row,
        "<td>6</td><td>6.50</td><td>4.33</td><td>-2.17</td><td>-4.91 to 0.58</td><td>&#60;5</td><td>&#60;5</td><td>&#60;5</td>",
        "{html}"
    );
    // Contact was asked only at the follow-up here: no pairs have it.
    let contact = between(
        html,
        "<th scope=\"row\">Sexual contact with a child online",
        "</tr>",
    );
    assert!(
        contact.contains("<td>&#60;5</td><td colspan=\"4\">not shown</td>"),
        "{contact}"
    );
    // The entry's page shows the same table; its date filter applies to
    // the entry answers (none in 2999), so no pair is left.
    let base = send(&s.app, get_with("/staff/surveys/entry", &analyst))
        .await
        .text();
    assert!(base.contains("<td>-2.17</td>"), "{base}");
    let later = send(
        &s.app,
        get_with("/staff/surveys/entry?from=2999-01-01", &analyst),
    )
    .await
    .text();
    assert!(!later.contains("<td>-2.17</td>") && later.contains("not shown"));
    // The feedback survey is not part of a series: no such table.
    let feedback = send(&s.app, get_with("/staff/surveys/feedback", &analyst))
        .await
        .text();
    assert!(!feedback.contains("Change within each person"));
}
