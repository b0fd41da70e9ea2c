//! The frame of a letter around the request: salutation, sign-off, signature, list markers.
//! Works on NFKC text, matching its English phrases without regard to case, so that offsets
//! stay offsets into the text people wrote (for [`crate::request_parts`]).

/// Opening words, dropped from the start of the request.
const SALUTATIONS: &[&str] = &[
    "to whom it may concern",
    "for the attention of",
    "good morning",
    "good afternoon",
    "good evening",
    "greetings",
    "hello",
    "dear",
    "fao",
    "hiya",
    "hi",
];

/// Closing words: they and everything after them (the signature) are dropped.
const SIGN_OFFS: &[&str] = &[
    "yours faithfully",
    "yours sincerely",
    "yours truly",
    "kind regards",
    "kindest regards",
    "best regards",
    "warm regards",
    "many regards",
    "regards",
    "best wishes",
    "with best wishes",
    "all the best",
    "many thanks",
    "with many thanks",
    "with thanks",
    "thanks in advance",
    "thank you",
    "thanks",
    "sincerely",
    "respectfully",
];

/// What may follow "thank you" in a sign-off; "thank you for your reply of ..." opens a
/// request instead.
const THANKS_FOLLOWERS: &[&str] = &[
    "in advance",
    "for your time",
    "for your help",
    "for your assistance",
    "for your consideration",
    "for your attention",
    "for your cooperation",
    "for your co-operation",
    "for dealing with",
    "for handling",
    "very much",
    "again",
];

/// A sign-off line with more words than this after the phrase is prose, not a sign-off.
const SIGN_OFF_MAX_WORDS: usize = 12;

/// A salutation with no comma or colon within this many words is the whole line.
const SALUTATION_MAX_WORDS: usize = 8;

/// A run of lines: a list item (its marker gone) or a paragraph.
pub(crate) struct Block {
    pub item: bool,
    pub text: String,
}

/// The request's lines, without the salutation, the sign-off and what follows it.
pub(crate) fn body(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let mut lines: Vec<String> = text
        .split([
            '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}',
        ])
        .map(unaddressed)
        .collect();
    let first = drop_salutations(&mut lines);
    let mut lines = lines.split_off(first);
    drop_sign_off(&mut lines);
    lines
}

/// `line` without e-mail addresses and web links: they name a requester or one copy of a
/// request, never what is asked.
fn unaddressed(line: &str) -> String {
    let is_address = |chunk: &str| {
        let lower = chunk.to_ascii_lowercase();
        let email = chunk
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        email
            || lower.contains("http://")
            || lower.contains("https://")
            || lower.starts_with("www.")
    };
    if !line.contains(['@', ':', '.']) {
        return line.to_owned();
    }
    let kept: Vec<&str> = line.split_whitespace().filter(|c| !is_address(c)).collect();
    kept.join(" ")
}

/// Strips salutations from the first lines with words; returns the index of the first line
/// of the request.
fn drop_salutations(lines: &mut [String]) -> usize {
    let mut i = 0;
    while i < lines.len() {
        // Offsets, not copies: a line of a thousand "dear"s costs no more than reading it.
        let mut start = 0;
        while let Some(rest) = strip_salutation(&lines[i][start..]) {
            start = lines[i].len() - rest.len();
        }
        if start > 0 {
            lines[i].drain(..start);
        }
        if has_word(content(&lines[i])) {
            break;
        }
        i += 1;
    }
    i
}

/// The line after any list markers.
fn content(line: &str) -> &str {
    strip_markers(line).unwrap_or(line)
}

/// What is left of `line` after its salutation, if it starts with one.
fn strip_salutation(line: &str) -> Option<&str> {
    let s = content(line);
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let after = SALUTATIONS.iter().find_map(|p| after_words(s, p))?;
    let head = &after[..word_start(after, SALUTATION_MAX_WORDS)];
    let rest = match head.find([',', ':', ';', '!']) {
        Some(at) => &after[at + 1..],
        None if head.len() == after.len() => &after[after.len()..],
        None => after,
    };
    Some(rest)
}

/// The byte offset of word `n` (from 0) of `s`, or its length when it has no more words.
fn word_start(s: &str, n: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in s.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if words == n {
                return at;
            }
            words += 1;
            in_word = true;
        }
    }
    s.len()
}

/// The letter's frame seen again in the normalised words: the line-by-line reading above
/// misses a salutation or sign-off that only folding reveals ("H'i" is "hi"), which a second
/// normalising would then find. Leading salutations go, and a leading sign-off (not a
/// "thanks") takes the rest with it, as it would on a line of its own.
pub(crate) fn unframe(words: &mut Vec<String>) {
    let starts = |words: &[String], phrase: &str| {
        let phrase: Vec<&str> = phrase.split(' ').collect();
        words.len() >= phrase.len() && words.iter().zip(&phrase).all(|(w, p)| w == p)
    };
    while let Some(p) = SALUTATIONS.iter().find(|p| starts(words, p)) {
        words.drain(..p.split(' ').count());
    }
    let sign_off = SIGN_OFFS
        .iter()
        .filter(|p| !p.contains("thank"))
        .find(|p| starts(words, p));
    if let Some(p) = sign_off {
        if words.len() - p.split(' ').count() <= SIGN_OFF_MAX_WORDS {
            words.clear();
        }
    }
}

/// Cuts the lines at the first sign-off.
fn drop_sign_off(lines: &mut Vec<String>) {
    let mut seen_words = false;
    for j in 0..lines.len() {
        let line = &lines[j];
        // A list item's sentence starts after its marker.
        let marker = line.len() - content(line).len();
        let mut checked = marker;
        for at in sentence_starts(line, marker) {
            seen_words |= has_word(&line[checked..at]);
            checked = at;
            // "Thank you ..." may open a request; "Yours faithfully" never does.
            if is_sign_off(&line[at..]).is_some_and(|thanks| seen_words || !thanks) {
                let kept = line[..at].to_owned();
                lines.truncate(j);
                lines.push(kept);
                return;
            }
        }
        seen_words |= has_word(&line[checked..]);
    }
}

/// Byte offsets where a sentence may start: the first word from `from`, and the first word
/// after each `.`, `!` or `?` followed by white space.
fn sentence_starts(line: &str, from: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pending = true;
    let mut chars = line[from..]
        .char_indices()
        .map(|(at, c)| (from + at, c))
        .peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphanumeric() {
            if pending {
                out.push(at);
                pending = false;
            }
        } else if matches!(c, '.' | '!' | '?') {
            pending |= chars.peek().is_some_and(|&(_, n)| n.is_whitespace());
        }
    }
    out
}

/// Whether `s` starts with a sign-off, and if so whether it is a "thanks".
fn is_sign_off(s: &str) -> Option<bool> {
    let (phrase, after) = SIGN_OFFS
        .iter()
        .find_map(|p| after_words(s, p).map(|after| (p, after)))?;
    if after.split_whitespace().nth(SIGN_OFF_MAX_WORDS).is_some() {
        return None;
    }
    let thanks = phrase.contains("thank");
    if !thanks || *phrase == "thanks in advance" {
        return Some(thanks);
    }
    let after = after.trim_start();
    let ends = after.is_empty()
        || after.starts_with(|c: char| !c.is_alphanumeric())
        || THANKS_FOLLOWERS
            .iter()
            .any(|f| after_words(after, f).is_some());
    ends.then_some(true)
}

/// The request's lines as blocks: a list marker starts an item, a blank line (or a line of
/// punctuation only) ends a block, other lines continue the open block.
pub(crate) fn blocks(lines: &[String]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for line in lines {
        if line.trim().is_empty() {
            open = false;
        } else if let Some(rest) = strip_markers(line) {
            out.push(Block {
                item: true,
                text: rest.to_owned(),
            });
            open = true;
        } else if !has_word(line) {
            open = false;
        } else if let Some(last) = out.last_mut().filter(|last| open || continues(last, line)) {
            last.text.push('\n');
            last.text.push_str(line);
            open = true;
        } else {
            out.push(Block {
                item: false,
                text: line.clone(),
            });
            open = true;
        }
    }
    out
}

/// A paragraph that goes on with the item before it across a blank line (as text taken from a
/// PDF often does): the item has no closing mark and the paragraph starts in lower case.
fn continues(last: &Block, line: &str) -> bool {
    last.item
        && !last.text.trim_end().ends_with(['.', '?', '!', ':', ';'])
        && line.trim_start().starts_with(char::is_lowercase)
}

/// The line after its list markers ("1.", "a)", "(iv)", "-", "•", "Q1", "1.2", "1 -"), or
/// None when it has none.
pub(crate) fn strip_markers(line: &str) -> Option<&str> {
    let mut s = line.trim_start();
    let mut stripped = false;
    for _ in 0..3 {
        match strip_marker(s) {
            Some(rest) => {
                s = rest.trim_start();
                stripped = true;
            }
            None => break,
        }
    }
    stripped.then_some(s)
}

fn strip_marker(s: &str) -> Option<&str> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let ends = |rest: &str| rest.is_empty() || rest.starts_with(char::is_whitespace);
    if matches!(
        first,
        '•' | '·' | '‣' | '◦' | '▪' | '●' | '○' | '■' | '□' | '►' | '➢'
    ) {
        return Some(chars.as_str());
    }
    if matches!(first, '-' | '*' | '–' | '—' | '+') {
        let rest = chars.as_str();
        return ends(rest).then_some(rest);
    }
    if let Some(rest) = question_number(s) {
        return ends(rest).then_some(rest);
    }
    let (opened, inner) = match s.strip_prefix('(') {
        Some(inner) => (true, inner),
        None => (false, s),
    };
    let after = enumerator(inner)?;
    let rest = if opened {
        after.strip_prefix(')')?
    } else if let Some(rest) = after.strip_prefix(['.', ')', ':']) {
        rest
    } else {
        let enumerator = &inner[..inner.len() - after.len()];
        let dash = after
            .trim_start()
            .strip_prefix(['-', '–', '—'])
            .filter(|_| enumerator.starts_with(|c: char| c.is_ascii_digit()));
        match dash {
            // "1 - Please provide".
            Some(rest) => rest,
            // "1.2 How many": a dotted number needs no closing mark.
            None if enumerator.contains('.') => after,
            None => return None,
        }
    };
    ends(rest).then_some(rest)
}

/// "Q1", "Q 1", "Question 1", with an optional closing ".", ")" or ":".
fn question_number(s: &str) -> Option<&str> {
    let word = ["question", "q"]
        .iter()
        .find(|w| s.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)))?;
    let rest = s[word.len()..].trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &rest[digits..];
    Some(rest.strip_prefix(['.', ')', ':']).unwrap_or(rest))
}

/// Past a list enumerator at the start of `s`: digits (maybe dotted, "1.2"), one letter, or a
/// small roman numeral.
fn enumerator(s: &str) -> Option<&str> {
    let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(s);
    if (1..=3).contains(&n) {
        let mut rest = &s[n..];
        while let Some(more) = rest.strip_prefix('.') {
            let m = digits(more);
            if m == 0 || m > 3 {
                break;
            }
            rest = &more[m..];
        }
        return Some(rest);
    }
    let romans = s.len() - s.trim_start_matches(['i', 'v', 'x', 'I', 'V', 'X']).len();
    if (1..=4).contains(&romans) {
        return Some(&s[romans..]);
    }
    let mut chars = s.chars();
    chars
        .next()
        .filter(char::is_ascii_alphabetic)
        .map(|_| chars.as_str())
}

/// What follows the words of `phrase` (ASCII, lower case) at the start of `s`, whatever its
/// case and whatever separates its words, when they are whole words as the tokeniser sees
/// them (a trailing `_` is trimmed there, so it ends a word here).
fn after_words<'a>(s: &'a str, phrase: &str) -> Option<&'a str> {
    let mut rest = s;
    for (k, word) in phrase.split(' ').enumerate() {
        if k > 0 {
            rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        }
        let head = rest.get(..word.len())?;
        if !head.eq_ignore_ascii_case(word) {
            return None;
        }
        rest = &rest[word.len()..];
        if rest
            .trim_start_matches('_')
            .starts_with(char::is_alphanumeric)
        {
            return None;
        }
    }
    Some(rest)
}

pub(crate) fn has_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}
