//! The listeners' connection limits, over real sockets: slow clients cannot
//! hold the server (header-read and idle timeouts, a connection cap).

mod common;

use std::time::Duration;

use pathway::config::ServerOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout};

/// Server options: header-read and idle timeouts in seconds, and the cap
/// on open connections.
fn limits(header_secs: u64, idle_secs: u64, max_connections: usize) -> ServerOptions {
    ServerOptions {
        header_read_timeout: Duration::from_secs(header_secs),
        idle_timeout: Duration::from_secs(idle_secs),
        max_connections,
    }
}

/// Serves the sample site with `options` on a free port until the sender
/// is dropped, as the public listener does (pages in memory first).
async fn serve(options: ServerOptions) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let (_, state) = common::app_state_on("sqlite::memory:", Default::default()).await;
    let app = pathway::http::site::Site::public(state);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(pathway::http::server::serve(
        listener,
        app,
        options,
        async move {
            let _ = stopped.await;
        },
    ));
    (addr, stop)
}

/// One page over a new connection: the status line, or an error.
async fn fetch(addr: std::net::SocketAddr) -> std::io::Result<String> {
    let mut s = TcpStream::connect(addr).await?;
    s.write_all(b"GET /modules/sexual-communication-online HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).await?;
    Ok(String::from_utf8_lossy(&out)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string())
}

/// Whether the server closes `s` within `within` (read returns 0 or fails).
async fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 256];
    matches!(
        timeout(within, async {
            loop {
                match s.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await,
        Ok(())
    )
}

/// 2,000 connections that send their headers a byte a second do not stop
/// a normal visitor from getting a page within a second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_hold_up_a_normal_visitor() {
    let (addr, _stop) = serve(ServerOptions::default()).await;
    let mut slow = Vec::new();
    for _ in 0..2000 {
        match TcpStream::connect(addr).await {
            Ok(s) => slow.push(s),
            Err(e) => panic!("connection {}: {e}", slow.len()),
        }
    }
    let request = b"GET /modules/sexual-communication-online HTTP/1.1\r\nHost: x\r\n\r\n";
    let dripping = tokio::spawn(async move {
        for byte in request.iter().take(4) {
            for s in &mut slow {
                let _ = s.write_all(&[*byte]).await;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        slow
    });
    for _ in 0..3 {
        let started = Instant::now();
        let status = timeout(Duration::from_secs(1), fetch(addr))
            .await
            .unwrap_or_else(|_| panic!("no page within a second"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(started.elapsed() < Duration::from_secs(1));
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
    let slow = dripping.await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(slow.len(), 2000, "the slow connections were all held open");
}

/// A client that does not finish its headers in time is cut off, and so is
/// a connection that does nothing at all.
#[tokio::test]
async fn slow_headers_and_idle_connections_are_closed() {
    let (addr, _stop) = serve(limits(1, 30, 100)).await;
    let mut s = TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.write_all(b"GET / HTTP/1.1\r\nHost")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(closed_within(&mut s, Duration::from_secs(5)).await);

    let (addr, _stop2) = serve(limits(60, 1, 100)).await;
    let mut idle = TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(closed_within(&mut idle, Duration::from_secs(5)).await);
    // A connection in use is not idle.
    assert_eq!(
        fetch(addr).await.unwrap_or_else(|e| panic!("{e}")),
        "HTTP/1.1 200 OK"
    );
}

/// Past `max_connections`, new connections wait for a free place rather
/// than being served at once; they are served when one closes.
#[tokio::test]
async fn connections_beyond_the_cap_wait_their_turn() {
    let (addr, _stop) = serve(limits(60, 60, 2)).await;
    let held: Vec<TcpStream> = vec![
        TcpStream::connect(addr)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        TcpStream::connect(addr)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    ];
    // Let the server accept both before the third arrives.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let third = tokio::spawn(fetch(addr));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !third.is_finished(),
        "a third connection was served over the cap"
    );
    drop(held);
    let status = timeout(Duration::from_secs(5), third)
        .await
        .unwrap_or_else(|_| panic!("served once a place was free"))
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status, "HTTP/1.1 200 OK");
}

/// On one kept-alive connection: a HEAD of a page from memory has its
/// length and no body, the GET after it has the page, and a request the
/// router answers (a POST) comes after both on the same connection.
#[tokio::test]
async fn pages_from_memory_and_from_the_router_share_a_connection() {
    let (addr, _stop) = serve(ServerOptions::default()).await;
    let mut s = TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let page = "/modules/sexual-communication-online";
    let asks = format!(
        "HEAD {page} HTTP/1.1\r\nHost: x\r\n\r\nGET {page} HTTP/1.1\r\nHost: x\r\n\r\n\
         POST {page} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    s.write_all(asks.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    timeout(Duration::from_secs(5), s.read_to_end(&mut out))
        .await
        .unwrap_or_else(|_| panic!("the server answered all three"))
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out);
    let starts: Vec<&str> = text
        .match_indices("HTTP/1.1 ")
        .filter_map(|(at, _)| text[at..].split("\r\n").next())
        .collect();
    assert_eq!(
        starts,
        [
            "HTTP/1.1 200 OK",
            "HTTP/1.1 200 OK",
            "HTTP/1.1 405 Method Not Allowed"
        ]
    );
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        rest.starts_with("HTTP/1.1 200 OK"),
        "no body after the HEAD"
    );
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("the HEAD gives the length: {head}"));
    assert!(head.contains("content-security-policy: "));
    assert!(text.contains("</html>"), "the GET has the page");
    assert!(length > 1000);
}
