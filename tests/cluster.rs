//! Two server processes on one PostgreSQL database, as behind a load
//! balancer: a survey saved on one is resumed and submitted on the other; a
//! staff session made on one works on the other; a TOTP code used on one
//! is refused on the other; a message written through one is answered on
//! the other; page counts made through both add up exactly.
//! Needs `PATHWAY_TEST_DATABASE_URL` (skipped loudly without it).

mod common;

use std::io::{Read, Write};
use std::process::{Child, Command};
use std::time::Duration;

use common::pg::PgDatabase;
use common::*;

struct Instance {
    child: Child,
    addr: String,
}

impl Instance {
    /// An instance on `database`, with the data key every instance shares.
    fn start(database: &str, key: &std::path::Path) -> Instance {
        let key = key.display().to_string();
        let (child, addr) = serve_process_with(database, false, &["--data-key-file", &key]);
        Instance { child, addr }
    }

    /// One request; (status, headers, body).
    fn send(
        &self,
        method: &str,
        path: &str,
        body: &str,
        cookie: Option<&str>,
    ) -> (u16, String, String) {
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap_or_else(|e| panic!("{e}"));
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap_or_else(|e| panic!("{e}"));
        let cookie = cookie.map_or(String::new(), |c| {
            format!("Cookie: {}={c}\r\n", pathway::http::staff::COOKIE)
        });
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{cookie}\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut reply = String::new();
        stream
            .read_to_string(&mut reply)
            .unwrap_or_else(|e| panic!("{e}"));
        let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    fn post(&self, path: &str, body: &str) -> (u16, String) {
        let (status, _, body) = self.send("POST", path, body, None);
        (status, body)
    }

    /// SIGTERM, then wait: the last counts are written on the way out.
    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let status = self.child.wait().unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success(), "{status:?}");
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.split(start)
        .nth(1)
        .and_then(|r| r.split(end).next())
        .unwrap_or_default()
}

fn totp(key: &str, offset_steps: i64) -> String {
    let t = pathway::services::staff::totp(key, "x").unwrap_or_else(|| panic!("key"));
    let time = (pathway::clock::Clock::system().unix() / 30 + offset_steps) * 30;
    t.generate(u64::try_from(time).unwrap_or(0)).to_string()
}

const PASSWORD: &str = "correct+horse+battery";

/// Enrols `name` as an admin through instance `a`; returns the TOTP key.
fn enrol(a: &Instance, database: &str, name: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args([
            "staff",
            "add",
            name,
            "--role",
            "admin",
            "--database",
            database,
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    let path = format!(
        "/staff/enrol/{}",
        between(&printed, "/staff/enrol/", "\n").trim()
    );
    let (status, page) = a.post(
        &path,
        &format!("step=password&password={PASSWORD}&confirm={PASSWORD}"),
    );
    assert_eq!(status, 200, "{page}");
    let key = between(&page, "<code id=\"totp-key\">", "<").to_string();
    let (status, done) = a.post(&path, &format!("step=code&code={}", totp(&key, 0)));
    assert_eq!(status, 200, "{done}");
    key
}

#[cfg_attr(
    pg_tests_skipped,
    ignore = "PostgreSQL: set PATHWAY_TEST_DATABASE_URL to run it"
)]
#[tokio::test]
async fn two_instances_share_one_postgresql_database() {
    let Some(db) = PgDatabase::create("cluster").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let key = dir.path().join("data.key");
    let (a, b) = (
        Instance::start(&db.url, &key),
        Instance::start(&db.url, &key),
    );

    // A survey saved on one instance is resumed and sent on the other.
    let (status, intro) = a.post("/survey/start", "consent=yes");
    assert_eq!(status, 200, "{intro}");
    let token = between(&intro, "name=\"token\" value=\"", "\"").to_string();
    let page = |i: &Instance, token: &str, body: &str| {
        i.post("/survey/page", &format!("token={token}&{body}"))
    };
    assert_eq!(
        page(&a, &token, "q-age=25-34&q-reason=own-thoughts&action=next").0,
        200
    );
    let (_, saved) = page(&a, &token, "q-helpful=2&action=save");
    let code = between(&saved, "id=\"resume-code\">", "<").to_string();
    assert_eq!(code.len(), 22, "{saved}");
    let (status, resumed) = b.post("/survey/resume", &format!("code={code}"));
    assert_eq!(status, 200, "{resumed}");
    assert!(resumed.contains("name=\"q-helpful\" value=\"2\" checked"));
    let token = between(&resumed, "name=\"token\" value=\"", "\"").to_string();
    for body in [
        "q-helpful=2&q-statements-understand=4&action=next",
        "q-behaviour-change=reduced&q-what-changed=Talking+helped&action=next",
        "q-contacted-helpline=planning&q-weeks-using=6&action=next",
    ] {
        assert_eq!(page(&b, &token, body).0, 200);
    }
    let (status, done) = page(&b, &token, "action=submit");
    assert_eq!(status, 200);
    assert!(done.contains("Your answers have been sent"), "{done}");

    // Staff: a session made on one works on the other; a code used on one
    // is refused on the other.
    let key = enrol(&a, &db.url, "ada");
    // A later step than the enrolment's (one step either side of now is
    // accepted), so that no 30 s boundary makes this flaky.
    let code = totp(&key, 1);
    let form = format!("name=ada&password={PASSWORD}&code={code}");
    let (status, head, _) = a.send("POST", "/staff/sign-in", &form, None);
    assert_eq!(status, 303, "{head}");
    let session = between(&head, "__Host-pathway-staff=", ";").to_string();
    assert_eq!(session.len(), 64);
    let (status, _, home) = b.send("GET", "/staff", "", Some(&session));
    assert_eq!(status, 200);
    assert!(home.contains("Signed in as <strong>ada</strong>"));
    let (status, _, _) = b.send("POST", "/staff/sign-in", &form, None);
    assert_eq!(
        status, 422,
        "the same code on the other instance is a replay"
    );

    // A message written through one instance is in the other's inbox; the
    // reply given on that one is read with the code on the first.
    let (status, sent) = a.post(
        "/messages/send",
        "text=Written+through+A+CLUSTER-MSG&action=send-anyway",
    );
    assert_eq!(status, 200, "{sent}");
    let code = between(&sent, "id=\"conversation-code\">", "<").to_string();
    let (status, _, inbox) = b.send("GET", "/staff/messages", "", Some(&session));
    assert_eq!(status, 200);
    assert!(inbox.contains("1 conversation waiting"), "{inbox}");
    let id = between(&inbox, "href=\"/staff/messages/", "\"").to_string();
    let (_, _, page) = b.send("GET", &format!("/staff/messages/{id}"), "", Some(&session));
    assert!(page.contains("CLUSTER-MSG"), "{page}");
    let csrf = between(&page, "name=\"csrf\" value=\"", "\"").to_string();
    let (status, _, _) = b.send(
        "POST",
        &format!("/staff/messages/{id}/reply"),
        &format!("csrf={csrf}&text=Answered+on+B+CLUSTER-REPLY"),
        Some(&session),
    );
    assert_eq!(status, 303);
    let (status, read) = a.post("/messages/read", &format!("code={code}"));
    assert_eq!(status, 200);
    assert!(read.contains("CLUSTER-REPLY"), "{read}");

    // Page counts through both instances add up exactly.
    for (instance, n) in [(&a, 3), (&b, 4)] {
        for _ in 0..n {
            assert_eq!(
                instance.send("GET", "/modules/managing-urges", "", None).0,
                200
            );
        }
    }
    a.stop();
    b.stop();
    let store = pathway::db::Store::connect(&db.url, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let views: i64 = store
        .usage_days("module-view")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .filter(|(_, subject, _)| subject == "managing-urges")
        .map(|(_, _, n)| n)
        .sum();
    assert_eq!(views, 7);
    let responses = store
        .survey_responses("feedback", "en-GB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(responses.len(), 1);
    assert!(
        responses[0]
            .answers
            .iter()
            .any(|(q, _, v)| q == "age" && v == "25-34"),
        "the answer given on the first instance was kept"
    );
    store.close().await;
    db.drop().await;
}
