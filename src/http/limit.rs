//! Rate limits in memory only. Addresses are never kept: each is hashed
//! with a random salt that changes every day and is never written anywhere.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::Request;
use sha2::{Digest, Sha256};

/// A fixed-window limit: `max` tries per `window` per (hashed) address.
pub struct Limiter {
    max: u32,
    window: Duration,
    state: Mutex<State>,
}

struct State {
    salt: [u8; 32],
    day: jiff::civil::Date,
    buckets: HashMap<[u8; 32], (u32, Instant)>,
}

impl Limiter {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            state: Mutex::new(State {
                salt: fresh_salt(),
                day: jiff::civil::Date::MIN,
                buckets: HashMap::new(),
            }),
        }
    }

    /// Counts a try from `addr` on `day` (from the clock: the salt changes
    /// with the day); false when it is over the limit.
    pub fn allow(&self, addr: Option<IpAddr>, day: jiff::civil::Date) -> bool {
        let Ok(mut s) = self.state.lock() else {
            return true;
        };
        if day != s.day {
            s.salt = fresh_salt();
            s.day = day;
            s.buckets.clear();
        }
        let key: [u8; 32] = Sha256::new()
            .chain_update(s.salt)
            .chain_update(addr.map(|a| a.to_string()).unwrap_or_default())
            .finalize()
            .into();
        let now = Instant::now();
        let window = self.window;
        s.buckets
            .retain(|_, (_, start)| now.duration_since(*start) < window);
        let entry = s.buckets.entry(key).or_insert((0, now));
        entry.0 += 1;
        entry.0 <= self.max
    }
}

fn fresh_salt() -> [u8; 32] {
    let mut salt = [0u8; 32];
    // Without randomness the salt stays zero: still never stored.
    let _ = getrandom::fill(&mut salt);
    salt
}

/// The address a request comes from: the peer, or, when the peer is a
/// configured trusted proxy, the last address it forwarded.
pub fn client_addr<B>(request: &Request<B>, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    request
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok())
        .or(Some(peer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_address_within_a_window() {
        let l = Limiter::new(2, Duration::from_secs(60));
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        let day = jiff::civil::date(2026, 12, 1);
        assert!(l.allow(Some(a), day) && l.allow(Some(a), day));
        assert!(!l.allow(Some(a), day));
        assert!(l.allow(Some(b), day));
        // A new day, a new salt: counts start again.
        assert!(l.allow(Some(a), jiff::civil::date(2026, 12, 2)));
    }
}
