//! The one escape for text written into XML or HTML by hand (every SVG the application
//! draws): `&`, `<`, `>`, `"` and `'` as entities, safe inside elements and attributes.

/// `text` with the five XML special characters as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_special_characters_become_entities() {
        assert_eq!(
            escape(r#"Tom & Jerry's <"show">"#),
            "Tom &amp; Jerry&#39;s &lt;&quot;show&quot;&gt;"
        );
        // Escaped once, not twice; other text untouched.
        assert_eq!(escape("&amp; Ünïcode — ok"), "&amp;amp; Ünïcode — ok");
        assert_eq!(escape(""), "");
    }
}
