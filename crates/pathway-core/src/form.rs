//! Form bodies (`application/x-www-form-urlencoded`) decoded strictly:
//! shared by surveys, worksheets and the staff area.

use percent_encoding::percent_decode;

/// One field of a form.
pub type Field = (String, String);

/// Decodes a whole form body strictly: `None` if any name or value is not
/// valid percent-encoded UTF-8.
pub fn decode_pairs(body: &[u8]) -> Option<Vec<(String, String)>> {
    body.split(|&b| b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |&b| b == b'=');
            let name = decode_part(it.next().unwrap_or_default())?;
            let value = decode_part(it.next().unwrap_or_default())?;
            Some((name, value))
        })
        .collect()
}

pub(crate) fn decode_part(raw: &[u8]) -> Option<String> {
    let plus: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_decode(&plus)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// The first value of field `name`, if the form has it.
pub fn field<'a>(pairs: &'a [Field], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_and_percent_and_refuses_bad_utf8() {
        let pairs = decode_pairs(b"a=1+2&b=%C3%A9&&c").unwrap_or_default();
        assert_eq!(field(&pairs, "a"), Some("1 2"));
        assert_eq!(field(&pairs, "b"), Some("\u{e9}"));
        assert_eq!(field(&pairs, "c"), Some(""));
        assert_eq!(field(&pairs, "d"), None);
        assert!(decode_pairs(b"a=%FF").is_none());
    }
}
