//! Writing values into addresses.

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `path?name=value&…`, values percent-encoded (`path` alone without pairs).
pub fn address(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, value)| format!("{k}={}", encode(value)))
        .collect();
    format!("{path}?{}", encoded.join("&"))
}

/// Percent-encodes a path for use inside a query string.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_paths_for_query_strings() {
        assert_eq!(super::encode_path("/s/日"), "/s/%E6%97%A5");
        assert_eq!(super::encode_path("/s/a?b&c"), "/s/a%3Fb%26c");
    }
}
