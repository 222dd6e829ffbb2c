//! What every visitor downloads, without the comments written for the
//! people who read the sources: the stylesheet (inlined in every page; its
//! comments are a third of its bytes), the page's start-up script and the
//! page template every page is written from. Done once at build time.

/// `css` with its comments taken out, every run of white space made one
/// space, and none left beside `{`, `}`, `;` or `,`. Quoted strings are
/// kept as they are; white space elsewhere (a descendant combinator,
/// `and (` in a media query, the values of a shorthand) stays one space.
pub fn css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    // A space is owed once a run of white space ends, unless punctuation
    // that needs none is on either side of it.
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\'' => {
                push_space(&mut out, &mut space, c);
                out.push(c);
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if escaped {
                        escaped = false;
                    } else if s == '\\' {
                        escaped = true;
                    } else if s == c {
                        break;
                    }
                }
            }
            _ => {
                push_space(&mut out, &mut space, c);
                // A declaration's `;` before its block's end says nothing.
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
        }
    }
    out
}

/// `script` without its lines that are wholly `//` comments, and without
/// blank lines. Nothing within a line is touched, so a `//` in a string, a
/// regular expression or after code stays (the script has no string or
/// template running over several lines: a test holds the shipped one to it).
pub fn script(script: &str) -> String {
    script
        .lines()
        .filter(|line| {
            let code = line.trim_start();
            !code.is_empty() && !code.starts_with("//")
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// `html` without its `<!-- … -->` comments. For the page template only:
/// its inline style and scripts hold none (a test reads the template).
pub fn html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            // An unclosed comment is left as it is, for the parser to judge.
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn push_space(out: &mut String, space: &mut bool, next: char) {
    const TIGHT: [char; 4] = ['{', '}', ';', ','];
    if std::mem::take(space) && !out.is_empty() && !out.ends_with(TIGHT) && !TIGHT.contains(&next) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_runs_of_space_go_and_meaning_stays() {
        let input = "/* why */\n:root {\n  font-family: system-ui, \"Segoe UI\";\n  --x: 1px; /* a note */\n}\n\
                   @media screen and (max-width: 48rem) {\n  .a  .b > c, d:focus { margin: 0 0 0.5rem; content: \"/* { ; */\"; }\n}\n";
        assert_eq!(
            css(input),
            ":root{font-family: system-ui,\"Segoe UI\";--x: 1px}\
             @media screen and (max-width: 48rem){.a .b > c,d:focus{margin: 0 0 0.5rem;content: \"/* { ; */\"}}"
        );
    }

    #[test]
    fn the_shipped_stylesheet_keeps_every_rule_and_string() {
        let css = std::fs::read_to_string(crate::cmd::root().join("assets/style.css"))
            .expect("assets/style.css");
        let small = super::css(&css);
        assert!(
            small.len() * 10 < css.len() * 9,
            "{} of {} bytes",
            small.len(),
            css.len()
        );
        let without_comments = {
            let mut s = css.clone();
            while let (Some(a), Some(b)) = (s.find("/*"), s.find("*/")) {
                s.replace_range(a..b + 2, "");
            }
            s
        };
        for mark in ['{', '}', '"', ':'] {
            assert_eq!(
                small.matches(mark).count(),
                without_comments.matches(mark).count(),
                "{mark}"
            );
        }
        assert!(!small.contains("/*") && !small.contains('\n'));
    }

    #[test]
    fn a_script_keeps_every_line_of_code() {
        let js = "// Starts it.\n\nconst a = \"//x\"; // kept\n  // gone\n  if (a) go();\n";
        assert_eq!(script(js), "const a = \"//x\"; // kept\n  if (a) go();\n");
        let boot = std::fs::read_to_string(crate::cmd::root().join("assets/boot.js"))
            .expect("assets/boot.js");
        // No string or template literal runs over a line's end, so no line
        // that looks like a comment is inside one.
        for line in boot.lines() {
            let quotes = line.matches('`').count();
            assert!(
                quotes % 2 == 0,
                "a template literal runs over a line: {line}"
            );
        }
        let kept = script(&boot);
        assert!(kept.contains("await init(") && !kept.contains("// "));
    }

    #[test]
    fn comments_leave_the_html() {
        assert_eq!(html("<a><!-- why -->b<!--\nmore\n--></a>"), "<a>b</a>");
        assert_eq!(html("<a><!-- open"), "<a><!-- open");
        let template =
            std::fs::read_to_string(crate::cmd::root().join("index.html")).expect("index.html");
        let text = html(&template);
        assert!(
            !text.contains("<!--") && text.contains("<noscript>") && text.contains("data-trunk")
        );
    }
}
