//! The laptop's addresses on the venue network, for the link. Phones do not resolve `.local`
//! names, so the link holds an IP address: the likeliest one first (a hotspot's or a home
//! router's private range), the others offered to choose from.

use std::net::{IpAddr, Ipv4Addr};

/// How likely an address is the one phones can reach: lower is likelier.
fn rank(ip: &Ipv4Addr) -> u8 {
    let o = ip.octets();
    match o {
        // Windows Mobile Hotspot and Android hotspots.
        [192, 168, 137, _] | [192, 168, 43, _] => 0,
        [192, 168, _, _] => 1,
        [10, _, _, _] => 2,
        [172, b, _, _] if (16..32).contains(&b) => 3,
        _ => 4,
    }
}

/// The addresses to put in the link. With `bind` given (and not "any"), only that; otherwise
/// every IPv4 address of the laptop that is not loopback or link-local, likeliest first, or
/// 127.0.0.1 if there is none (no network yet).
pub fn serving(bind: Option<IpAddr>) -> Vec<IpAddr> {
    if let Some(ip) = bind.filter(|ip| !ip.is_unspecified()) {
        return vec![ip];
    }
    let mut found: Vec<Ipv4Addr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified() => Some(v4),
            _ => None,
        })
        .collect();
    found.sort_by_key(|ip| (rank(ip), *ip));
    found.dedup();
    if found.is_empty() {
        return vec![IpAddr::V4(Ipv4Addr::LOCALHOST)];
    }
    found.into_iter().map(IpAddr::V4).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotspot_addresses_come_first() {
        let mut ips: Vec<Ipv4Addr> = ["10.0.0.5", "172.20.1.2", "192.168.137.1", "192.168.1.10"]
            .iter()
            .map(|s| s.parse().expect("ip"))
            .collect();
        ips.sort_by_key(|ip| (rank(ip), *ip));
        assert_eq!(ips[0].to_string(), "192.168.137.1");
        assert_eq!(ips[1].to_string(), "192.168.1.10");
    }

    #[test]
    fn a_given_address_is_the_only_one() {
        let ip: IpAddr = "127.0.0.1".parse().expect("ip");
        assert_eq!(serving(Some(ip)), vec![ip]);
    }
}
