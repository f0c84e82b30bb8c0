//! Plain English: every module of the sample programme reads at about
//! school grade 6 or easier (Flesch–Kincaid grade), with the Flesch reading
//! ease printed beside it. The figures are listed in docs/content.md; run
//! `cargo test --test readability -- --nocapture` to see them.

use std::path::Path;

/// Syllables in a word, by vowel groups (a silent final "e" dropped): the
/// usual estimate behind both Flesch formulas.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut groups = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            groups += 1;
        }
        previous = v;
    }
    let n = w.len();
    if groups > 1 && w[n - 1] == 'e' && !(n > 2 && w[n - 2] == 'l' && !vowel(w[n - 3])) {
        groups -= 1;
    }
    groups.max(1)
}

/// The prose a reader reads: no front matter, block markers, worksheet
/// TOML or headings; each list item and paragraph ends a sentence.
fn prose(module: &str) -> Vec<String> {
    units(module.splitn(3, "+++").nth(2).unwrap_or(""))
}

/// The sentences of Markdown text: each list item and paragraph ends one.
fn units(body: &str) -> Vec<String> {
    let mut units = Vec::new();
    let mut current = String::new();
    let mut in_exercise = false;
    let flush = |current: &mut String, units: &mut Vec<String>| {
        let t = current.trim().to_string();
        if !t.is_empty() {
            units.push(t);
        }
        current.clear();
    };
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with(":::") {
            in_exercise = t.starts_with("::: exercise");
            flush(&mut current, &mut units);
            continue;
        }
        if in_exercise || t.starts_with('#') {
            continue;
        }
        if t.is_empty()
            || t.starts_with("- ")
            || t.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            flush(&mut current, &mut units);
        }
        let t = t.trim_start_matches("- ");
        let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        current.push(' ');
        current.push_str(t);
    }
    flush(&mut current, &mut units);
    units.into_iter().map(|u| strip_links(&u)).collect()
}

/// `[text](target)` becomes `text`.
fn strip_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("](") {
        let close = rest[open..]
            .find(')')
            .map(|c| open + c + 1)
            .unwrap_or(rest.len());
        out.push_str(&rest[..open].replace('[', ""));
        rest = &rest[close..];
    }
    out.push_str(&rest.replace('[', ""));
    out
}

/// (Flesch reading ease, Flesch–Kincaid grade) of the prose units.
fn scores(units: &[String]) -> (f64, f64) {
    let mut sentences = 0usize;
    let mut words = 0usize;
    let mut syl = 0usize;
    for u in units {
        let ends = u.matches(['.', '!', '?']).count();
        sentences += ends.max(1);
        for w in u.split_whitespace() {
            let s = syllables(w);
            if s > 0 {
                words += 1;
                syl += s;
            }
        }
    }
    let (s, w, y) = (sentences as f64, words as f64, syl as f64);
    let ease = 206.835 - 1.015 * (w / s) - 84.6 * (y / w);
    let grade = 0.39 * (w / s) + 11.8 * (y / w) - 15.59;
    (ease, grade)
}

#[test]
fn syllables_are_counted_as_usual() {
    for (word, n) in [
        ("help", 1),
        ("children", 2),
        ("behaviour", 3),
        ("table", 2),
        ("time", 1),
        ("I", 1),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

#[test]
fn every_sample_module_reads_at_about_grade_6() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/modules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{e}"));
        let (ease, grade) = scores(&prose(&text));
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        eprintln!("{name}: Flesch reading ease {ease:.0}, grade {grade:.1}");
        assert!(
            grade <= 7.5 && ease >= 60.0,
            "{name} is harder to read than the programme allows: ease {ease:.0}, grade {grade:.1} (aim for grade 6 or easier: shorter sentences, shorter words)"
        );
    }
}

/// The tools' own words read as plainly: "Where do I start?" (intro,
/// questions, options, messages) and the urge page.
#[test]
fn the_self_check_and_the_urge_page_read_at_about_grade_6() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = jiff::civil::Date::constant(2026, 1, 1);
    let loaded = pathway::content::load(&dir, today);
    let Some(p) = loaded.programme else {
        panic!("the sample loads");
    };
    let Some(check) = &p.self_check else {
        panic!("the sample has self-check.toml");
    };
    let mut words = units(&check.intro);
    for q in &check.questions {
        words.push(q.text.clone());
        words.extend(q.options.iter().map(|o| o.label.clone()));
    }
    for r in &check.rules {
        words.extend(units(&r.message));
    }
    let Some(urge) = &p.urge else {
        panic!("the sample has urge.toml");
    };
    let mut urge_units = units(&urge.intro);
    urge_units.extend(units(&urge.delay));
    for s in &urge.sections {
        urge_units.extend(units(&s.body));
    }
    for (name, list) in [("self-check.toml", words), ("urge.toml", urge_units)] {
        let (ease, grade) = scores(&list);
        eprintln!("{name}: Flesch reading ease {ease:.0}, grade {grade:.1}");
        assert!(
            grade <= 7.5 && ease >= 60.0,
            "{name} is harder to read than the programme allows: ease {ease:.0}, grade {grade:.1}"
        );
    }
}
