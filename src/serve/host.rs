//! Which `Host` headers the preview answers. A web page the editor visits
//! can point a name it owns at 127.0.0.1 (DNS rebinding) and then read the
//! preview, drafts included, as if it were its own site; the browser still
//! sends that name as `Host`, so only the preview's own names are answered.
//!
//! The rules, deliberately strict:
//! - the port must be the one served, written out (`localhost` alone is
//!   port 80, so it matches only a server on port 80);
//! - the name is `localhost`, `127.0.0.1`, the bound address, or `[::1]`
//!   when listening on IPv6; letter case is ignored, as DNS ignores it;
//! - a trailing dot (`localhost.`) is a different name to a browser (a
//!   different origin), so it is refused, as is anything with user info,
//!   a path or a second colon;
//! - when listening on every address (`--bind 0.0.0.0` or `::`), any IP
//!   address written out is answered too, since the machine's network
//!   addresses are not known in advance and an address, unlike a name,
//!   cannot be rebound.

use std::net::{IpAddr, SocketAddr};

/// The `Host` values one server answers.
#[derive(Debug, Clone)]
pub struct Hosts {
    bound: SocketAddr,
}

impl Hosts {
    /// The hosts of a server listening on `bound` (with its real port).
    pub fn new(bound: SocketAddr) -> Hosts {
        Hosts { bound }
    }

    /// The port served.
    pub fn port(&self) -> u16 {
        self.bound.port()
    }

    /// Whether a request with this `Host` header is answered.
    pub fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = split(host) else {
            return false;
        };
        if port != self.bound.port() {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Some(ip) = parse_ip(name) else {
            return false;
        };
        let bound = self.bound.ip();
        ip == bound
            || ip == IpAddr::from([127, 0, 0, 1])
            || (ip == IpAddr::from(std::net::Ipv6Addr::LOCALHOST) && bound.is_ipv6())
            || bound.is_unspecified()
    }
}

/// `name` and port of a `Host` value; the port is 80 when not written.
fn split(host: &str) -> Option<(&str, u16)> {
    if host.is_empty() || host.contains(['/', '@', ' ', '\t', '\\']) {
        return None;
    }
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (&host[..inside.len() + 2], port)
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        None => 80,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok()?,
        Some(_) => return None,
    };
    Some((name, port))
}

/// An IPv4 address in dotted form or an IPv6 address in brackets.
fn parse_ip(name: &str) -> Option<IpAddr> {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bound: &str) -> Hosts {
        Hosts::new(bound.parse().unwrap())
    }

    #[test]
    fn the_preview_s_own_names_are_answered() {
        let h = hosts("127.0.0.1:4000");
        for ok in [
            "localhost:4000",
            "127.0.0.1:4000",
            "LOCALHOST:4000",
            "LocalHost:4000",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        assert!(hosts("[::1]:4000").allows("[::1]:4000"));
        assert!(hosts("[::1]:4000").allows("localhost:4000"));
        assert!(hosts("192.168.1.5:4000").allows("192.168.1.5:4000"));
        assert!(hosts("0.0.0.0:4000").allows("10.0.0.7:4000"));
        assert!(hosts("127.0.0.1:80").allows("localhost"));
    }

    #[test]
    fn other_names_ports_and_forms_are_refused() {
        let h = hosts("127.0.0.1:4000");
        for bad in [
            "",
            "evil.com",
            "evil.com:4000",
            "localhost.evil.com:4000",
            "127.0.0.1.nip.io:4000",
            "localhost:4001",
            "127.0.0.1:40000",
            "localhost",
            "127.0.0.1",
            "localhost.:4000",
            "127.0.0.1.:4000",
            "localhost:",
            "localhost:+4000",
            "localhost:04000x",
            "user@localhost:4000",
            "localhost:4000/x",
            "[::1]:4000",
            "[::1]",
            "[::1:4000",
            "localhost:4000:4000",
            "10.0.0.7:4000",
            "0.0.0.0:4000",
            "2130706433:4000",
            "0x7f.0.0.1:4000",
        ] {
            assert!(!h.allows(bad), "{bad:?}");
        }
        assert!(!hosts("0.0.0.0:4000").allows("evil.com:4000"));
        assert!(!hosts("0.0.0.0:4000").allows("10.0.0.7:4001"));
    }
}
