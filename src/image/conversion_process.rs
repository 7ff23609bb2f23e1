//! `process.args`, `process.commandLine` and `process.env` from an image
//! configuration:
//! [image-spec v1.1.1, conversion.md "Verbatim Fields"](https://github.com/opencontainers/image-spec/blob/v1.1.1/conversion.md#verbatim-fields),
//! and the Windows quoting `ArgsEscaped` images need
//! ([config.md "ArgsEscaped"](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties)).

/// `defaults` with `overrides` applied: an entry replaces the one of the
/// same name in place or is appended. With `remove`, an override without
/// `=` removes its name instead (the caller's way to unset a variable);
/// without, it is an entry like any other (the image's are copied
/// verbatim).
pub(crate) fn merge_env<'s>(
    mut defaults: Vec<String>,
    overrides: impl IntoIterator<Item = &'s String>,
    remove: bool,
) -> Vec<String> {
    let name = |e: &str| e.split_once('=').map_or(e, |(n, _)| n).to_owned();
    for o in overrides {
        let key = name(o);
        let at = defaults.iter().position(|d| name(d) == key);
        match (at, !remove || o.contains('=')) {
            (Some(i), true) => defaults[i].clone_from(o),
            (None, true) => defaults.push(o.clone()),
            (Some(i), false) => {
                defaults.remove(i);
            }
            (None, false) => {}
        }
    }
    defaults
}

/// Quotes one argument for a Windows command line as Go's
/// `syscall.EscapeArg` does: `""` for an empty argument; an argument with a
/// space or tab in double quotes; backslashes doubled before a double quote
/// (and before the closing quote), and double quotes escaped with `\`.
pub fn escape_windows_arg(arg: &str) -> String {
    if arg.is_empty() {
        return "\"\"".to_owned();
    }
    let quote_it = arg.contains([' ', '\t']);
    if !quote_it && !arg.contains('"') {
        return arg.to_owned();
    }
    let mut out = String::with_capacity(arg.len() + 2);
    if quote_it {
        out.push('"');
    }
    let mut slashes = 0;
    for c in arg.chars() {
        match c {
            '\\' => slashes += 1,
            '"' => {
                out.extend(std::iter::repeat_n('\\', slashes + 1));
                slashes = 0;
            }
            _ => slashes = 0,
        }
        out.push(c);
    }
    if quote_it {
        out.extend(std::iter::repeat_n('\\', slashes));
        out.push('"');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_escaping_as_go() {
        let cases = [
            ("", "\"\""),
            ("plain", "plain"),
            ("C:\\dir\\", "C:\\dir\\"),
            ("two words", "\"two words\""),
            ("a\"b", "a\\\"b"),
            ("a\\\"b", "a\\\\\\\"b"),
            ("dir with\\", "\"dir with\\\\\""),
            ("tab\there", "\"tab\there\""),
        ];
        for (arg, want) in cases {
            assert_eq!(escape_windows_arg(arg), want, "{arg:?}");
        }
    }

    #[test]
    fn env_merge_rules() {
        let d = vec!["PATH=/bin".to_owned(), "TERM=xterm".to_owned()];
        let o = [
            "PATH=/usr/bin".to_owned(),
            "A=1".to_owned(),
            "TERM".to_owned(),
        ];
        assert_eq!(merge_env(d.clone(), &o, true), ["PATH=/usr/bin", "A=1"]);
        assert_eq!(merge_env(d, &o, false), ["PATH=/usr/bin", "TERM", "A=1"]);
    }
}
