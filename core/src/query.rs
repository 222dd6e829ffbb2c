//! Query strings as the browser gives them: split into decoded pairs, and
//! written back with only unreserved characters left bare. Anything at all
//! may arrive from outside (junk, 10 KB strings, broken escapes), so nothing
//! here can fail: what cannot be decoded is kept as it came.

/// `?a=1&b=x%20y&c` -> [("a", "1"), ("b", "x y"), ("c", "")]. Pieces with
/// no name are skipped; `+` is a space, as in HTML forms.
pub fn parse(query: &str) -> Vec<(String, String)> {
    query
        .strip_prefix('?')
        .unwrap_or(query)
        .split('&')
        .filter(|piece| !piece.is_empty())
        .filter_map(|piece| {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            (!key.is_empty()).then(|| (decode(key), decode(value)))
        })
        .collect()
}

fn hex(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Percent-decoding; a `%` not followed by two hex digits stays as it is,
/// and bytes that are not UTF-8 become U+FFFD.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let pair = bytes
                    .get(i + 1)
                    .and_then(|&h| hex(h))
                    .zip(bytes.get(i + 2).and_then(|&l| hex(l)));
                if let Some((high, low)) = pair {
                    out.push(high * 16 + low);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of everything but `A-Z a-z 0-9 - . _ ~`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `[("region", "north-west"), ("status", "plan")]` -> `?region=north-west&status=plan`;
/// nothing at all for no pairs. Values are written as given: callers encode.
pub fn build(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{}={value}", encode(key)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// A value from outside, short enough to quote back in a message.
pub fn quote(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((end, _)) => format!("‘{}…’", &value[..end]),
        None => format!("‘{value}’"),
    }
}

/// "Kingston upon Hull, City of" -> "kingston-upon-hull-city-of".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_pairs_with_escapes_and_missing_values() {
        assert_eq!(
            parse("?region=north-west&status=plan%2Cdeclared&&q=a+b&flag"),
            pairs(&[
                ("region", "north-west"),
                ("status", "plan,declared"),
                ("q", "a b"),
                ("flag", "")
            ])
        );
        assert_eq!(parse(""), pairs(&[]));
        assert_eq!(parse("?"), pairs(&[]));
        assert_eq!(parse("a=1=2&=x"), pairs(&[("a", "1=2")]));
    }

    #[test]
    fn broken_escapes_and_bad_bytes_never_fail() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("%FF%FE"), "\u{FFFD}\u{FFFD}");
        let junk = "%".repeat(5000) + &"&=".repeat(2500);
        assert_eq!(parse(&junk).len(), 1);
    }

    #[test]
    fn encoding_round_trips_through_decoding() {
        for text in ["north-west", "a b&c=d", "é,ü/?#%", "<img src=x>"] {
            assert_eq!(decode(&encode(text)), text);
        }
        assert_eq!(encode("a b,c"), "a%20b%2Cc");
        assert_eq!(
            build(&pairs(&[("region", "north-west"), ("sort", "-reached")])),
            "?region=north-west&sort=-reached"
        );
        assert_eq!(build(&[]), "");
    }

    #[test]
    fn quotes_are_kept_short() {
        assert_eq!(quote("nort-west"), "‘nort-west’");
        let long = "x".repeat(10_000);
        assert_eq!(quote(&long).chars().count(), 43);
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(
            slug("Kingston upon Hull, City of"),
            "kingston-upon-hull-city-of"
        );
        assert_eq!(slug("St. Helens"), "st-helens");
    }
}
