//! The one font every document is set in, DejaVu Sans (embedded from `assets/fonts`, with
//! its licence, so nothing is read from the system or the network), and text measured by
//! its real advance widths: for wrapping, anchoring and making room for labels.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The font file, as krilla embeds it in a PDF.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// Were the font unreadable (it is embedded, so it is not): a sans-serif character's
/// average width, as a share of its size.
const AVERAGE: f32 = 0.56;

/// The advance of `text` at `size` points (or pixels): the sum of its glyphs' advance
/// widths in the font, a character the font lacks counted as its "missing" glyph.
pub fn width(text: &str, size: f32) -> f32 {
    let Ok(font) = FontRef::new(DEJAVU_SANS) else {
        return text.chars().count() as f32 * size * AVERAGE;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            let glyph = charmap.map(c).unwrap_or_default();
            metrics.advance_width(glyph).unwrap_or(size * AVERAGE)
        })
        .sum()
}

/// `text` in lines no wider than `max` at `size`, broken at spaces; a word wider than a
/// whole line is broken between its characters. Always at least one line (perhaps empty).
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let space = width(" ", size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        let mut wide = width(&word, size);
        if !line.is_empty() && used + space + wide > max {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        // Too wide for any line: as much as fits, then the rest on the next.
        while line.is_empty() && wide > max {
            let (head, tail) = split_to_fit(&word, size, max);
            if tail.is_empty() {
                break;
            }
            lines.push(head);
            word = tail;
            wide = width(&word, size);
        }
        if !line.is_empty() {
            line.push(' ');
            used += space;
        }
        line.push_str(&word);
        used += wide;
    }
    lines.push(line);
    lines
}

/// The longest start of `word` no wider than `max` (at least one character), and the rest.
fn split_to_fit(word: &str, size: f32, max: f32) -> (String, String) {
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in word.char_indices() {
        let w = width(c.encode_utf8(&mut [0; 4]), size);
        if i > 0 && used + w > max {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    (word[..end].to_owned(), word[end..].to_owned())
}

/// `text` as it is if it is no wider than `max` at `size`; else as much of its start as
/// fits followed by an ellipsis (just the ellipsis, or nothing, where even that is wide).
pub fn fit(text: &str, size: f32, max: f32) -> String {
    if width(text, size) <= max {
        return text.to_owned();
    }
    let ellipsis = "…";
    let room = max - width(ellipsis, size);
    if room < 0.0 {
        return String::new();
    }
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push_str(ellipsis);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A glyph's advance read straight from the `hmtx` table, in font units, and the
    /// font's units per em: the figures `width` must agree with.
    fn advance_units(c: char) -> (f32, f32) {
        use skrifa::raw::TableProvider;
        let font = FontRef::new(DEJAVU_SANS).unwrap();
        let glyph = font.charmap().map(c).unwrap();
        let hmtx = font.hmtx().unwrap();
        let advance = hmtx.advance(glyph).unwrap();
        let upem = font.head().unwrap().units_per_em();
        (f32::from(advance), f32::from(upem))
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn width_is_the_sum_of_the_glyphs_advances() {
        let (i, upem) = advance_units('i');
        let (w, _) = advance_units('W');
        assert!(close(width("iii", 10.0), 3.0 * i * 10.0 / upem));
        assert!(close(width("WiW", 12.0), (2.0 * w + i) * 12.0 / upem));
        // DejaVu Sans is not monospaced: the guess of 0.56 a character is wrong both ways.
        assert!(width("iii", 10.0) < 3.0 * 0.56 * 10.0);
        assert!(width("WWW", 10.0) > 3.0 * 0.56 * 10.0);
        assert!(width("iii", 10.0) < width("WWW", 10.0) / 2.0);
        assert_eq!(width("", 10.0), 0.0);
    }

    #[test]
    fn width_scales_with_size() {
        let text = "Partner brief: Singapore (SGP)";
        assert!(close(width(text, 20.0), 2.0 * width(text, 10.0)));
        assert!(width(text, 10.0) > 0.0);
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let text = "Engagement intensity over the last twelve months: WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW \
                    iiiiiiii mmmmmmmm, with Lower Saxony and the North German plain.";
        for max in [30.0, 60.0, 100.0, 250.0] {
            let lines = wrap(text, 10.0, max);
            assert!(lines.len() > 1, "{max}: {lines:?}");
            for line in &lines {
                assert!(width(line, 10.0) <= max + 0.001, "{max}: {line:?}");
            }
            // Nothing lost but the spaces where lines break.
            let words: String = text.split_whitespace().collect();
            assert_eq!(lines.concat().replace(' ', ""), words);
        }
        // Narrow letters fit more to a line than wide ones.
        assert!(
            wrap(&"ii ".repeat(40), 10.0, 100.0).len() < wrap(&"WW ".repeat(40), 10.0, 100.0).len()
        );
        assert_eq!(wrap("", 10.0, 100.0), [""]);
    }

    #[test]
    fn fit_shortens_with_an_ellipsis_only_what_does_not_fit() {
        assert_eq!(fit("Staff talks", 10.0, 200.0), "Staff talks");
        let short = fit("Artillery pieces, mortars and rocket launchers", 10.0, 80.0);
        assert!(
            short.ends_with('…') && short.starts_with("Artillery"),
            "{short}"
        );
        assert!(width(&short, 10.0) <= 80.0);
        assert_eq!(fit("Staff talks", 10.0, 1.0), "");
    }
}
