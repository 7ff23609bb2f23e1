//! `process.args`, `process.commandLine` and `process.env` from an image
//! configuration:
//! [image-spec v1.1.1, conversion.md "Verbatim Fields"](https://github.com/opencontainers/image-spec/blob/v1.1.1/conversion.md#verbatim-fields),
//! and the Windows quoting `ArgsEscaped` images need
//! ([config.md "ArgsEscaped"](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties)).

/// The name of an environment entry: the text before the first `=`, or
/// the whole entry when it has none.
fn env_name(entry: &str) -> &str {
    entry.split_once('=').map_or(entry, |(n, _)| n)
}

/// `process.env` of a conversion (conversion.md "Verbatim Fields": a
/// converter "MUST extract" `Config.Env` "verbatim"; it "MAY add
/// additional entries to `process.env` but it SHOULD NOT add entries that
/// have variable names present in `Config.Env`"):
///
/// 1. the image's entries, verbatim: same order, duplicates and entries
///    without `=` kept;
/// 2. then each entry of `defaults` (the base spec's) whose name the image
///    does not set, in the base's order;
/// 3. then the caller's `overrides`: `NAME=value` replaces the first entry
///    of that name in place and removes its other entries (so every reader
///    sees the caller's value), or is appended; `NAME` alone removes every
///    entry of that name.
pub(crate) fn conversion_env(
    defaults: &[String],
    image: &[String],
    overrides: &[String],
) -> Vec<String> {
    let mut env: Vec<String> = image.to_vec();
    for d in defaults {
        let name = env_name(d);
        if !image.iter().any(|e| env_name(e) == name) {
            env.push(d.clone());
        }
    }
    for o in overrides {
        let name = env_name(o);
        let first = env.iter().position(|e| env_name(e) == name);
        if o.contains('=') {
            let mut seen = false;
            env.retain(|e| {
                let keep = env_name(e) != name || !seen;
                if env_name(e) == name {
                    seen = true;
                }
                keep
            });
            match first {
                Some(i) => env[i].clone_from(o),
                None => env.push(o.clone()),
            }
        } else {
            env.retain(|e| env_name(e) != name);
        }
    }
    env
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
    fn env_rules() {
        let v = |s: &[&str]| s.iter().map(|&e| e.to_owned()).collect::<Vec<_>>();
        let defaults = v(&["PATH=/bin", "TERM=xterm"]);
        // Image verbatim, then the defaults it does not set.
        assert_eq!(
            conversion_env(&defaults, &v(&["A=1", "PATH=/x", "A=2", "B"]), &[]),
            ["A=1", "PATH=/x", "A=2", "B", "TERM=xterm"]
        );
        // The caller replaces the first entry of a name in place and drops
        // the others; a bare name removes them all.
        assert_eq!(
            conversion_env(
                &defaults,
                &v(&["A=1", "PATH=/x", "A=2"]),
                &v(&["A=3", "TERM", "C=4"])
            ),
            ["A=3", "PATH=/x", "C=4"]
        );
    }
}
