//! Rate limits kept in memory, per client address: for requests too frequent to count in the
//! database (every started response would otherwise cost a write more), and because an address
//! must not be stored next to anybody's answers. Each server process keeps its own; behind
//! several processes the limit applies per process.

use governor::{DefaultKeyedRateLimiter, Quota};
use shared::ApiError;
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;

/// A token bucket per client address: `per_minute` refill, a burst of twice that.
#[derive(Debug)]
pub struct PerAddress {
    limiter: Option<DefaultKeyedRateLimiter<String>>,
}

impl PerAddress {
    /// A limit of `per_minute` a minute (and a burst of twice that) per address; `0` means no
    /// limit at all.
    pub fn per_minute(per_minute: u32) -> PerAddress {
        let limiter = NonZeroU32::new(per_minute).map(|n| {
            let burst = n.saturating_mul(NonZeroU32::MIN.saturating_add(1));
            DefaultKeyedRateLimiter::keyed(Quota::per_minute(n).allow_burst(burst))
        });
        PerAddress { limiter }
    }

    /// Takes one from the address's allowance, or refuses with [`ApiError::SlowDown`].
    pub fn check(&self, address: &str) -> Result<(), ApiError> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        limiter.check_key(&key(address)).map_err(|_| {
            tracing::warn!(address, "responses started too fast");
            ApiError::SlowDown
        })
    }

    /// Forgets addresses whose allowance is full again (run now and then to bound memory).
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// The key of an address: an IPv4 address as it is; an IPv6 address by its /64 network, which
/// one household or phone usually holds whole (counting each address would let one device
/// change address and start again).
fn key(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", Ipv6Addr::from(network))
            }
        },
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => address.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_burst_then_is_refused() {
        let limit = PerAddress::per_minute(3);
        for _ in 0..6 {
            assert_eq!(limit.check("192.0.2.1"), Ok(()));
        }
        assert_eq!(limit.check("192.0.2.1"), Err(ApiError::SlowDown));
        // Another address has its own allowance.
        assert_eq!(limit.check("192.0.2.2"), Ok(()));
    }

    #[test]
    fn ipv6_addresses_of_one_network_share_an_allowance() {
        let limit = PerAddress::per_minute(1);
        assert_eq!(limit.check("2001:db8:1:2::1"), Ok(()));
        assert_eq!(limit.check("2001:db8:1:2:aaaa::9"), Ok(()));
        assert_eq!(limit.check("2001:db8:1:2:ffff::1"), Err(ApiError::SlowDown));
        assert_eq!(limit.check("2001:db8:1:3::1"), Ok(()));
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    }

    #[test]
    fn zero_means_no_limit() {
        let limit = PerAddress::per_minute(0);
        for _ in 0..10_000 {
            assert_eq!(limit.check("192.0.2.1"), Ok(()));
        }
    }
}
