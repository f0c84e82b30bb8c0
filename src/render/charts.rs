//! Charts as inline SVG, drawn on the server (no script, nothing fetched).
//! A count under the small-count threshold gets no bar and is labelled
//! "<N", and the scale is set by the shown counts only, so a chart never
//! reveals a hidden number. Each chart has a title for screen readers; the
//! page beside it carries the same figures as a table.

use std::fmt::Write;

use crate::survey::results::{Bar, shown};

const WIDTH: i64 = 640;
const LABEL: i64 = 260;
const ROW: i64 = 28;
/// Colours for stacked segments, light to dark, readable with black text.
const SHADES: [&str; 7] = [
    "#e8eef8", "#c7d6ef", "#a3bde4", "#7fa3d8", "#5b89cc", "#3d6fb6", "#2b5797",
];

/// Escapes text for SVG.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A label short enough for the space left of the bars; the full text is
/// in the table beside the chart.
fn short(label: &str) -> String {
    const MAX: usize = 34;
    if label.chars().count() <= MAX {
        return esc(label);
    }
    let cut: String = label.chars().take(MAX - 1).collect();
    format!("{}…", esc(cut.trim_end()))
}

/// A horizontal bar chart, one row per bar.
pub fn bars(id: &str, title: &str, bars: &[Bar], threshold: i64) -> String {
    let height = ROW * bars.len() as i64 + 8;
    let max = bars
        .iter()
        .map(|b| b.count)
        .filter(|n| *n >= threshold)
        .max()
        .unwrap_or(0);
    let room = WIDTH - LABEL - 60;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-title" class="chart"><title id="{id}-title">{}</title>"#,
        esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as i64 * ROW + 4;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>"#,
            LABEL - 8,
            y + 18,
            short(&b.label)
        );
        let len = if b.count >= threshold && max > 0 {
            room * b.count / max
        } else {
            0
        };
        if len > 0 {
            let _ = write!(
                svg,
                r##"<rect x="{LABEL}" y="{}" width="{len}" height="{}" fill="#2b5797"/>"##,
                y + 4,
                ROW - 10
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="13">{}</text>"#,
            LABEL + len + 6,
            y + 18,
            esc(&shown(b.count, threshold))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Stacked bars, one per matrix item, segments over the scale. Hidden
/// counts take no room; the rest share the row by their shown totals.
pub fn stacked(
    id: &str,
    title: &str,
    scale: &[String],
    rows: &[(String, Vec<i64>)],
    threshold: i64,
) -> String {
    let legend = ROW;
    let height = ROW * rows.len() as i64 + legend + 8;
    let room = WIDTH - LABEL - 20;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-title" class="chart"><title id="{id}-title">{}</title>"#,
        esc(title)
    );
    // Legend: one swatch per scale point.
    let step = (WIDTH / scale.len().max(1) as i64).max(1);
    for (i, label) in scale.iter().enumerate() {
        let x = i as i64 * step;
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="4" width="12" height="12" fill="{}" stroke="#555"/><text x="{}" y="15" font-size="11">{}</text>"##,
            SHADES[i % SHADES.len()],
            x + 16,
            esc(label)
        );
    }
    for (r, (label, counts)) in rows.iter().enumerate() {
        let y = legend + r as i64 * ROW + 4;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>"#,
            LABEL - 8,
            y + 18,
            short(label)
        );
        let visible: i64 = counts.iter().filter(|n| **n >= threshold).sum();
        let mut x = LABEL;
        for (i, n) in counts.iter().enumerate() {
            if *n < threshold || visible == 0 {
                continue;
            }
            let w = room * n / visible;
            let _ = write!(
                svg,
                r##"<rect x="{x}" y="{}" width="{w}" height="{}" fill="{}" stroke="#fff"><title>{}: {}</title></rect>"##,
                y + 4,
                ROW - 10,
                SHADES[i % SHADES.len()],
                esc(&scale.get(i).cloned().unwrap_or_default()),
                n
            );
            x += w;
        }
    }
    svg.push_str("</svg>");
    svg
}
