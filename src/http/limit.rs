//! Rate limits in memory only. Addresses are never kept: each is hashed
//! with a random salt that changes every day and is never written anywhere.
//!
//! An IPv6 address counts by its /64 (one household or phone gets a whole
//! /64, so counting /128s would give each visitor billions of tries). The
//! table is bounded: past `capacity` keys the oldest window makes room, so
//! that a flood from rotating addresses costs a fixed amount of memory.
//! Expired windows are swept by `sweep`, called on a timer, never by a scan
//! on each request.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::Request;
use sha2::{Digest, Sha256};

/// Keys a limiter holds at most (about 100 bytes each).
pub const DEFAULT_CAPACITY: usize = 100_000;

/// Who a request comes from, as far as limits are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// The peer, or the last hop a trusted proxy forwarded.
    Addr(IpAddr),
    /// Every visitor of the onion listener: Tor hides who they are, so they
    /// share one key and the onion listener has limits of its own.
    Onion,
    /// No address known (tests without a socket).
    Unknown,
}

/// Marks a request as arriving on the onion listener (set by the onion
/// router's outermost layer; never from anything the visitor sends).
#[derive(Debug, Clone, Copy)]
pub struct OnionListener;

/// The per-client limits of one kind of listener.
pub struct Limits {
    /// Surveys started.
    pub start: Limiter,
    /// Resume and follow-up codes tried (so that codes cannot be guessed).
    pub resume: Limiter,
    /// Quick surveys ("Was this module helpful?") sent.
    pub quick: Limiter,
    /// Staff sign-in tries.
    pub staff: Limiter,
    /// Conversations with the helpline started.
    pub write: Limiter,
    /// Conversation codes used (read, reply, delete), so that codes cannot
    /// be guessed.
    pub message_code: Limiter,
    /// Forms of the tools that store nothing (reminders): cheap, but not
    /// unbounded.
    pub tools: Limiter,
}

impl Limits {
    /// Per address on the public listener.
    pub fn public() -> Self {
        Self {
            start: Limiter::new(30, Duration::from_secs(3600)),
            resume: Limiter::new(10, Duration::from_secs(600)),
            quick: Limiter::new(30, Duration::from_secs(3600)),
            staff: Limiter::new(20, Duration::from_secs(600)),
            write: Limiter::new(10, Duration::from_secs(3600)),
            message_code: Limiter::new(30, Duration::from_secs(600)),
            tools: Limiter::new(60, Duration::from_secs(600)),
        }
    }

    /// For everyone on the onion listener together (one key): higher, as
    /// they are shared, but still a ceiling on what a flood through Tor can
    /// do. Resume codes stay unguessable at this rate (about 10^30 codes).
    pub fn onion() -> Self {
        Self {
            start: Limiter::new(600, Duration::from_secs(3600)),
            resume: Limiter::new(200, Duration::from_secs(600)),
            quick: Limiter::new(600, Duration::from_secs(3600)),
            staff: Limiter::new(20, Duration::from_secs(600)),
            write: Limiter::new(200, Duration::from_secs(3600)),
            message_code: Limiter::new(600, Duration::from_secs(600)),
            tools: Limiter::new(1200, Duration::from_secs(600)),
        }
    }

    /// Forgets every ended window.
    pub fn sweep(&self) {
        for l in [
            &self.start,
            &self.resume,
            &self.quick,
            &self.staff,
            &self.write,
            &self.message_code,
            &self.tools,
        ] {
            l.sweep();
        }
    }
}

/// A limit shared by every client on every listener of this instance: wrong
/// survey and conversation codes in all, so that guessing from many
/// addresses at once is bounded too. While it is reached, no code is
/// checked (a check would tell a guesser whether the code was right); a
/// flood of wrong codes can so pause code checks for one window, never
/// lose anything.
pub struct Ceiling {
    max: u32,
    window: Duration,
    state: Mutex<(u32, Option<Instant>)>,
}

impl Ceiling {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            state: Mutex::new((0, None)),
        }
    }

    /// Whether `max` have been counted in the current window.
    pub fn reached(&self) -> bool {
        self.reached_at(Instant::now())
    }

    fn reached_at(&self, now: Instant) -> bool {
        let Ok(mut s) = self.state.lock() else {
            return false;
        };
        if s.1
            .is_some_and(|start| now.duration_since(start) >= self.window)
        {
            *s = (0, None);
        }
        s.0 >= self.max
    }

    /// Counts one (a wrong code).
    pub fn count(&self) {
        self.count_at(Instant::now());
    }

    fn count_at(&self, now: Instant) {
        if let Ok(mut s) = self.state.lock() {
            match s.1 {
                Some(start) if now.duration_since(start) < self.window => {
                    s.0 = s.0.saturating_add(1);
                }
                _ => *s = (1, Some(now)),
            }
        }
    }
}

/// A fixed-window limit: `max` tries per `window` per (hashed) address.
pub struct Limiter {
    max: u32,
    window: Duration,
    capacity: usize,
    state: Mutex<State>,
}

struct State {
    salt: [u8; 32],
    day: jiff::civil::Date,
    buckets: HashMap<[u8; 32], (u32, Instant)>,
}

impl Limiter {
    pub fn new(max: u32, window: Duration) -> Self {
        Self::bounded(max, window, DEFAULT_CAPACITY)
    }

    /// A limiter that keeps at most `capacity` keys.
    pub fn bounded(max: u32, window: Duration, capacity: usize) -> Self {
        Self {
            max,
            window,
            capacity: capacity.max(1),
            state: Mutex::new(State {
                salt: fresh_salt(),
                day: jiff::civil::Date::MIN,
                buckets: HashMap::new(),
            }),
        }
    }

    /// Counts a try from `client` on `day` (from the clock: the salt changes
    /// with the day); false when it is over the limit.
    pub fn allow(&self, client: Client, day: jiff::civil::Date) -> bool {
        self.allow_at(client, day, Instant::now())
    }

    fn allow_at(&self, client: Client, day: jiff::civil::Date, now: Instant) -> bool {
        let Ok(mut s) = self.state.lock() else {
            return true;
        };
        if day != s.day {
            s.salt = fresh_salt();
            s.day = day;
            s.buckets.clear();
        }
        let key = key(&s.salt, client);
        if !s.buckets.contains_key(&key) && s.buckets.len() >= self.capacity {
            make_room(&mut s.buckets);
        }
        let window = self.window;
        let entry = s.buckets.entry(key).or_insert((0, now));
        if now.duration_since(entry.1) >= window {
            *entry = (0, now);
        }
        entry.0 = entry.0.saturating_add(1);
        entry.0 <= self.max
    }

    /// Forgets every window that has ended (called on a timer).
    pub fn sweep(&self) {
        self.sweep_at(Instant::now());
    }

    fn sweep_at(&self, now: Instant) {
        if let Ok(mut s) = self.state.lock() {
            let window = self.window;
            s.buckets
                .retain(|_, (_, start)| now.duration_since(*start) < window);
        }
    }

    /// Keys held now.
    pub fn len(&self) -> usize {
        self.state.lock().map(|s| s.buckets.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Drops the key whose window started first among a few (a sample keeps
/// this cheap; under a flood nearly every key is the flood's own).
fn make_room(buckets: &mut HashMap<[u8; 32], (u32, Instant)>) {
    let oldest = buckets
        .iter()
        .take(16)
        .min_by_key(|(_, (_, start))| *start)
        .map(|(k, _)| *k);
    if let Some(k) = oldest {
        buckets.remove(&k);
    }
}

/// The salted key of a client: IPv4 whole, IPv6 by its /64.
fn key(salt: &[u8; 32], client: Client) -> [u8; 32] {
    let mut h = Sha256::new().chain_update(salt);
    match client {
        Client::Addr(IpAddr::V4(a)) => h.update([[4u8].as_slice(), &a.octets()].concat()),
        Client::Addr(IpAddr::V6(a)) => match a.to_ipv4_mapped() {
            Some(v4) => h.update([[4u8].as_slice(), &v4.octets()].concat()),
            None => h.update([[6u8].as_slice(), &a.octets()[..8]].concat()),
        },
        Client::Onion => h.update(b"onion"),
        Client::Unknown => h.update(b"unknown"),
    }
    h.finalize().into()
}

fn fresh_salt() -> [u8; 32] {
    let mut salt = [0u8; 32];
    // Without randomness the salt stays zero: still never stored.
    let _ = getrandom::fill(&mut salt);
    salt
}

/// The client a request comes from. On the onion listener: `Onion`, and no
/// header is believed. Otherwise the peer, unless the peer is a trusted
/// proxy: then `X-Forwarded-For` is read from the right, past every trusted
/// proxy, and the first address that is not one is the client (anything
/// further left was written by the client and may be forged).
pub fn client_addr<B>(request: &Request<B>, trusted: &[IpAddr]) -> Client {
    if request.extensions().get::<OnionListener>().is_some() {
        return Client::Onion;
    }
    let Some(peer) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return Client::Unknown;
    };
    if !trusted.contains(&peer) {
        return Client::Addr(peer);
    }
    let hops: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(a) if trusted.contains(&a) => continue,
            Ok(a) => return Client::Addr(a),
            // An unreadable hop: nothing left of it can be believed.
            Err(_) => break,
        }
    }
    Client::Addr(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> jiff::civil::Date {
        jiff::civil::date(2026, 12, 1)
    }

    fn v4(last: u8) -> Client {
        Client::Addr([192, 0, 2, last].into())
    }

    #[test]
    fn the_ceiling_counts_everyone_and_ends_with_its_window() {
        let c = Ceiling::new(3, Duration::from_secs(60));
        let t = Instant::now();
        assert!(!c.reached_at(t));
        for _ in 0..3 {
            c.count_at(t);
        }
        assert!(c.reached_at(t + Duration::from_secs(59)));
        assert!(!c.reached_at(t + Duration::from_secs(60)), "a new window");
        c.count_at(t + Duration::from_secs(61));
        assert!(!c.reached_at(t + Duration::from_secs(61)));
    }

    #[test]
    fn limits_per_address_within_a_window() {
        let l = Limiter::new(2, Duration::from_secs(60));
        assert!(l.allow(v4(1), day()) && l.allow(v4(1), day()));
        assert!(!l.allow(v4(1), day()));
        assert!(l.allow(v4(2), day()));
        // A new day, a new salt: counts start again.
        assert!(l.allow(v4(1), jiff::civil::date(2026, 12, 2)));
    }

    #[test]
    fn an_ipv6_64_is_one_key() {
        let l = Limiter::new(2, Duration::from_secs(60));
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap_or_else(|e| panic!("{e}"));
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap_or_else(|e| panic!("{e}"));
        assert!(l.allow(Client::Addr(a), day()) && l.allow(Client::Addr(b), day()));
        assert!(!l.allow(Client::Addr(b), day()), "same /64, same count");
        assert!(l.allow(Client::Addr(other), day()));
        let mapped: IpAddr = "::ffff:192.0.2.9".parse().unwrap_or_else(|e| panic!("{e}"));
        assert!(l.allow(Client::Addr(mapped), day()) && l.allow(v4(9), day()));
        assert!(
            !l.allow(v4(9), day()),
            "a mapped IPv4 address is that address"
        );
    }

    #[test]
    fn memory_stays_bounded_and_windows_are_swept() {
        let l = Limiter::bounded(3, Duration::from_secs(60), 1_000);
        let start = Instant::now();
        for i in 0..20_000u32 {
            let a = Client::Addr(IpAddr::from(i.to_be_bytes()));
            assert!(l.allow_at(a, day(), start));
        }
        assert!(l.len() <= 1_000, "{} keys held", l.len());
        l.sweep_at(start + Duration::from_secs(30));
        assert_eq!(l.len(), 1_000, "windows still open are kept");
        l.sweep_at(start + Duration::from_secs(61));
        assert!(l.is_empty(), "ended windows are forgotten");
    }

    #[test]
    fn a_window_that_ended_starts_again() {
        let l = Limiter::new(1, Duration::from_secs(60));
        let t = Instant::now();
        assert!(l.allow_at(v4(1), day(), t));
        assert!(!l.allow_at(v4(1), day(), t + Duration::from_secs(59)));
        assert!(l.allow_at(v4(1), day(), t + Duration::from_secs(60)));
    }

    fn request(peer: &str, forwarded: &[&str], onion: bool) -> Request<()> {
        let mut r = Request::new(());
        let peer: SocketAddr = peer.parse().unwrap_or_else(|e| panic!("{e}"));
        r.extensions_mut().insert(ConnectInfo(peer));
        if onion {
            r.extensions_mut().insert(OnionListener);
        }
        for f in forwarded {
            if let Ok(v) = f.parse() {
                r.headers_mut().append("x-forwarded-for", v);
            }
        }
        r
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = [10, 0, 0, 1].into();
        let lb: IpAddr = [10, 0, 0, 2].into();
        let trusted = [proxy, lb];
        let addr = |s: &str| Client::Addr(s.parse().unwrap_or_else(|e| panic!("{e}")));
        // Not from a proxy: the header is ignored.
        let r = request("198.51.100.7:1", &["203.0.113.5"], false);
        assert_eq!(client_addr(&r, &trusted), addr("198.51.100.7"));
        // From the proxy: the last hop the proxy added, not what the client wrote.
        let r = request("10.0.0.1:1", &["6.6.6.6, 203.0.113.5"], false);
        assert_eq!(client_addr(&r, &trusted), addr("203.0.113.5"));
        // Through two trusted proxies, in two headers.
        let r = request("10.0.0.1:1", &["6.6.6.6", "203.0.113.5, 10.0.0.2"], false);
        assert_eq!(client_addr(&r, &trusted), addr("203.0.113.5"));
        // A hop that cannot be read: the proxy itself is the key.
        let r = request("10.0.0.1:1", &["203.0.113.5, junk"], false);
        assert_eq!(client_addr(&r, &trusted), addr("10.0.0.1"));
        // The onion listener believes no header, whoever the peer is.
        let r = request("10.0.0.1:1", &["203.0.113.5"], true);
        assert_eq!(client_addr(&r, &trusted), Client::Onion);
    }
}
